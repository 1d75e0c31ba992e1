"""Problems in an XLSForm, each naming the sheet, row and column where it is."""

from dataclasses import dataclass

from flask_babel import gettext as _


@dataclass(frozen=True)
class Position:
    """A place in the workbook; row is the spreadsheet's row number (1 is the header)."""

    sheet: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        if not self.sheet:
            return ""  # the whole file: the message names it
        parts = [_("sheet %(sheet)s", sheet=self.sheet)]
        if self.row is not None:
            parts.append(_("row %(row)d", row=self.row))
        if self.column:
            parts.append(_("column %(column)s", column=self.column))
        return ", ".join(parts)


@dataclass(frozen=True)
class XLSFormProblem:
    """One problem (or, for warnings, one thing left out), worded for a coordinator."""

    position: Position
    message: str

    @property
    def sheet(self) -> str:
        return self.position.sheet

    @property
    def row(self) -> int | None:
        return self.position.row

    @property
    def column(self) -> str | None:
        return self.position.column

    def __str__(self) -> str:
        where = str(self.position)
        return f"{where}: {self.message}" if where else self.message


class XLSFormInvalid(Exception):
    """Raised with every problem found, so the author can fix them all in one go."""

    def __init__(self, problems: list[XLSFormProblem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


class ExportProblem(Exception):
    """A form uses something XLSForm cannot say; raised before any file is written."""
