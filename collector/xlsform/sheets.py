"""What the three sheets of an XLSForm hold, read column by column into our terms.

A `Notes` object collects problems (the import fails) and warnings (something is left out,
the import goes on), and where in the workbook each part of the form document came from.
"""

from dataclasses import dataclass, field

from flask_babel import gettext as _

from collector.schema.errors import Path
from collector.xlsform.columns import Column, parse_column
from collector.xlsform.errors import Position, XLSFormProblem
from collector.xlsform.reader import Row, Sheet


@dataclass
class Notes:
    problems: list[XLSFormProblem] = field(default_factory=list)
    warnings: list[XLSFormProblem] = field(default_factory=list)
    places: dict[Path, Position] = field(default_factory=dict)

    def problem(self, position: Position, message: str) -> None:
        self.problems.append(XLSFormProblem(position, message))

    def warning(self, position: Position, message: str) -> None:
        self.warnings.append(XLSFormProblem(position, message))


@dataclass
class ReadSheet:
    """A sheet with its columns understood: key and language of each header."""

    sheet: Sheet
    columns: dict[str, Column]  # header → meaning

    def text(self, row: Row, key: str) -> str:
        for name, column in self.columns.items():
            if column.key == key and column.language is None:
                return row.get(name)
        return ""

    def column_name(self, key: str) -> str:
        for name, column in self.columns.items():
            if column.key == key and column.language is None:
                return name
        return key

    def translations(self, row: Row, key: str, default_language: str) -> dict[str, str]:
        texts = {}
        for name, column in self.columns.items():
            if column.key == key and row.get(name):
                texts[column.language or default_language] = row.get(name)
        return texts


def read_sheet(sheet: Sheet, notes: Notes) -> ReadSheet:
    columns = {}
    for name in sheet.columns:
        parsed = parse_column(name, sheet.name)
        if isinstance(parsed, XLSFormProblem):
            notes.problems.append(parsed)
        else:
            columns[name] = parsed
    return ReadSheet(sheet, columns)


def check_language_columns(read: ReadSheet, default_language: str, notes: Notes) -> None:
    """A text given twice for one language (``label`` and ``label::English (en)`` when the
    default is en) would make one of them silently lost."""
    seen: dict[tuple[str, str], str] = {}
    for name, column in read.columns.items():
        if column.language is None and column.key not in _TRANSLATABLE:
            continue
        slot = (column.key, column.language or default_language)
        if slot in seen:
            notes.problem(
                Position(read.sheet.name, 1, name),
                _(
                    "the columns '%(first)s' and '%(second)s' are both %(key)s in '%(language)s'; "
                    "keep one",
                    first=seen[slot],
                    second=name,
                    key=column.key,
                    language=slot[1],
                ),
            )
        seen[slot] = name


_TRANSLATABLE = frozenset(
    {"label", "hint", "constraint_message", "collector::title", "collector::description"}
)
