"""Excel's own limits, kept for any input: sheet names, cell length, rows per sheet.

Every sheet of the workbook is written through a `StreamedSheet`, so no builder can forget
one of them. Text always goes in with `write_string`: an answer like `=HYPERLINK(...)`
stays text, because only `write_formula` ever makes a formula.
"""

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from xlsxwriter.format import Format
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

MAX_SHEET_NAME = 31
MAX_CELL_TEXT = 32_767
MAX_ROWS = 1_048_576
TRUNCATION_MARK = " […]"
HEADER_HEIGHT = 45
_FORBIDDEN_IN_SHEET_NAMES = re.compile(r"[\[\]:*?/\\]")


def sheet_name(wanted: str, taken: Sequence[str]) -> str:
    """`wanted` made a valid sheet name, unlike any in `taken` (Excel ignores case)."""
    base = _FORBIDDEN_IN_SHEET_NAMES.sub("_", wanted).strip().strip("'") or "Sheet"
    base = base[:MAX_SHEET_NAME]
    taken_folded = {name.casefold() for name in taken}
    name, number = base, 1
    while name.casefold() in taken_folded or name.casefold() == "history":
        number += 1
        suffix = f" ({number})"
        name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
    return name


def clip(text: str) -> str:
    """Text that fits one cell; a longer one is cut with a visible mark."""
    if len(text) <= MAX_CELL_TEXT:
        return text
    return text[: MAX_CELL_TEXT - len(TRUNCATION_MARK)] + TRUNCATION_MARK


class Formats:
    """The few cell formats every sheet shares, made once per workbook."""

    def __init__(self, workbook: Workbook) -> None:
        self.header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.title = workbook.add_format({"bold": True, "font_size": 12})
        self.note = workbook.add_format({"italic": True, "font_color": "#595959"})
        self.date = workbook.add_format({"num_format": "yyyy-mm-dd"})
        self.datetime = workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        self.percent = workbook.add_format({"num_format": "0.0%"})
        # A difference of two percentages, signed: "+5.0%" reads as five points more.
        self.points = workbook.add_format({"num_format": "+0.0%;-0.0%;0.0%"})
        self.header_date = workbook.add_format({"bold": True, "num_format": "yyyy-mm-dd"})
        self.decimal = workbook.add_format({"num_format": "0.00"})
        self.wrap = workbook.add_format({"text_wrap": True, "valign": "top"})


class StreamedSheet:
    """Rows written in order (constant_memory), continued on a new sheet at Excel's limit.

    A continuation sheet repeats the header row, so each one is usable on its own;
    `continued_on` names them so the workbook can say where the rows went.
    """

    def __init__(
        self,
        workbook: Workbook,
        name: str,
        formats: Formats,
        *,
        max_rows: int = MAX_ROWS,
        on_new_sheet: Callable[["StreamedSheet", Worksheet], None] | None = None,
    ) -> None:
        self.workbook = workbook
        self.base_name = name
        self.formats = formats
        self.max_rows = max_rows
        self.on_new_sheet = on_new_sheet
        self.header: list[str] = []
        self.widths: list[float] = []
        self.continued_on: list[str] = []
        self.truncated = 0
        self.sheet = self._add_sheet(name)
        self.row = 0

    @property
    def name(self) -> str:
        return self.sheet.name

    def write_header(self, titles: Sequence[str], widths: Sequence[float] = ()) -> None:
        """The first row, frozen, with an autofilter over everything written below it."""
        self.header = [clip(title) for title in titles]
        self.widths = list(widths)
        self._start_table()

    def next_row(self) -> int:
        """The row to write next; on a full sheet, the first free row of a new one."""
        if self.row >= self.max_rows:
            self._finish_table()
            self.sheet = self._add_sheet(self.base_name)
            self.continued_on.append(self.sheet.name)
            self._start_table()
        row = self.row
        self.row += 1
        return row

    def write(self, row: int, column: int, value: Any, cell_format: Format | None = None) -> None:
        sheet = self.sheet
        if value is None or value == "":
            return
        if isinstance(value, str):
            if len(value) > MAX_CELL_TEXT:
                value = clip(value)
                self.truncated += 1
            sheet.write_string(row, column, value, cell_format)
        elif isinstance(value, bool):
            sheet.write_boolean(row, column, value, cell_format)
        elif isinstance(value, int | float):
            sheet.write_number(row, column, value, cell_format)
        elif isinstance(value, datetime):
            sheet.write_datetime(row, column, value, cell_format or self.formats.datetime)
        elif isinstance(value, date):
            sheet.write_datetime(row, column, value, cell_format or self.formats.date)
        else:
            sheet.write_string(row, column, clip(str(value)), cell_format)

    def finish(self) -> None:
        self._finish_table()

    def _add_sheet(self, wanted: str) -> Worksheet:
        taken = [sheet.name for sheet in self.workbook.worksheets()]
        sheet = self.workbook.add_worksheet(sheet_name(wanted, taken))
        if self.on_new_sheet is not None:
            self.on_new_sheet(self, sheet)
        return sheet

    def _start_table(self) -> None:
        self.row = 0
        if not self.header:
            return
        for column, width in enumerate(self.widths):
            self.sheet.set_column(column, column, width)
        # Three lines at most: a long label (a consent text) must not fill the screen.
        self.sheet.set_row(0, HEADER_HEIGHT)
        for column, title in enumerate(self.header):
            self.sheet.write_string(0, column, title, self.formats.header)
        self.sheet.freeze_panes(1, 0)
        self.row = 1

    def _finish_table(self) -> None:
        if self.header and self.row > 1:
            self.sheet.autofilter(0, 0, self.row - 1, len(self.header) - 1)
