"""An XLSForm workbook (.xlsx with openpyxl, older .xls with xlrd) to plain rows of text.

Every cell keeps its sheet, row and column name, so later steps can say where a problem is.
"""

import datetime
import io
import struct
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import openpyxl
import xlrd
from flask_babel import gettext as _

from collector.xlsform.errors import Position, XLSFormInvalid, XLSFormProblem

# A questionnaire has tens or hundreds of rows; far more means a data sheet or a mistake.
MAX_ROWS = 5000
MAX_COLUMNS = 200
_XLSX_MAGIC = b"PK\x03\x04"
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"


@dataclass(frozen=True)
class Row:
    sheet: str
    number: int  # as the spreadsheet shows it: the header is row 1
    cells: dict[str, str]  # column name (lowercase, as written otherwise) → text, never empty

    def get(self, column: str) -> str:
        return self.cells.get(column, "")

    def at(self, column: str | None = None) -> Position:
        return Position(self.sheet, self.number, column)


@dataclass
class Sheet:
    name: str
    columns: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)


def read_workbook(content: bytes, filename: str) -> dict[str, Sheet]:
    """The workbook's sheets by lowercase name; raise XLSFormInvalid if it is not readable."""
    if content.startswith(_XLSX_MAGIC):
        raw = _xlsx_sheets(content, filename)
    elif content.startswith(_XLS_MAGIC):
        raw = _xls_sheets(content, filename)
    else:
        raise _unreadable(
            filename, _("this is not an Excel workbook (.xlsx or .xls); save the XLSForm as .xlsx")
        )
    return {name.strip().lower(): _sheet(name.strip().lower(), rows) for name, rows in raw}


def _xlsx_sheets(content: bytes, filename: str) -> list[tuple[str, list[list[Any]]]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError) as error:
        message = _("the workbook cannot be opened (%(error)s)", error=error)
        raise _unreadable(filename, message) from None
    try:
        return [
            (worksheet.title, _limited(worksheet.title, worksheet.iter_rows(values_only=True)))
            for worksheet in workbook.worksheets
        ]
    finally:
        workbook.close()


def _xls_sheets(content: bytes, filename: str) -> list[tuple[str, list[list[Any]]]]:
    try:
        book = xlrd.open_workbook(file_contents=content)
    # xlrd reads damaged files with plain indexing and struct unpacking.
    except (xlrd.XLRDError, IndexError, ValueError, struct.error, AssertionError) as error:
        message = _("the workbook cannot be opened (%(error)s)", error=error)
        raise _unreadable(filename, message) from None
    sheets = []
    for worksheet in book.sheets():
        rows = (
            [_xls_value(cell, book.datemode) for cell in worksheet.row(index)]
            for index in range(worksheet.nrows)
        )
        sheets.append((worksheet.name, _limited(worksheet.name, rows)))
    return sheets


def _xls_value(cell: xlrd.sheet.Cell, datemode: int) -> Any:
    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    return cell.value


def _limited(sheet: str, rows: Iterable[Iterable[Any]]) -> list[list[Any]]:
    result = []
    for index, row in enumerate(rows):
        if index >= MAX_ROWS:
            raise XLSFormInvalid(
                [
                    XLSFormProblem(
                        Position(sheet.lower()),
                        _("the sheet has more than %(count)d rows", count=MAX_ROWS),
                    )
                ]
            )
        result.append(list(row)[:MAX_COLUMNS])
    return result


def _sheet(name: str, values: list[list[Any]]) -> Sheet:
    sheet = Sheet(name)
    rows = iter(enumerate(values, start=1))
    header = next(_non_empty(rows), None)
    if header is None:
        return sheet
    _header_number, header_values = header
    columns = [_text(value) for value in header_values]
    sheet.columns = [column for column in columns if column]
    problems = _duplicate_columns(name, columns)
    if problems:
        raise XLSFormInvalid(problems)
    for number, row_values in _non_empty(rows):
        cells = {}
        for column, value in zip(columns, row_values, strict=False):
            text = _text(value)
            if column and text:
                cells[column] = text
        if cells:
            sheet.rows.append(Row(name, number, cells))
    return sheet


def _non_empty(rows: Iterator[tuple[int, list[Any]]]) -> Iterator[tuple[int, list[Any]]]:
    for number, values in rows:
        if any(_text(value) for value in values):
            yield number, values


def _duplicate_columns(sheet: str, columns: list[str]) -> list[XLSFormProblem]:
    seen: set[str] = set()
    problems = []
    for column in columns:
        if column and column in seen:
            problems.append(
                XLSFormProblem(
                    Position(sheet, 1, column),
                    _("the column '%(column)s' is there twice; keep one", column=column),
                )
            )
        seen.add(column)
    return problems


def _text(value: Any) -> str:
    """A cell as the text its author sees: 2 not 2.0, dates as 2026-05-12."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip()


def _unreadable(filename: str, message: str) -> XLSFormInvalid:
    return XLSFormInvalid([XLSFormProblem(Position(""), f"{filename}: {message}")])
