"""Answers: a row per submission, a column per question; select_multiple also as 0/1 columns.

Each column has a writer chosen once, by type, so the row loop only looks up and writes.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Row
from xlsxwriter.worksheet import Worksheet

from collector.exports.context import SheetContext
from collector.exports.excel import MAX_CELL_TEXT, clip
from collector.exports.merge import MergedQuestion
from collector.schema.vocabulary import OTHER_SUFFIX

SHEET_NAME = "Answers"
CellWriter = Callable[[Worksheet, int, int, Any], None]


@dataclass(frozen=True)
class AnswerColumns:
    """The cells one merged answer fills: where they start, and how they are written."""

    key: str
    column: int
    write: CellWriter


class AnswersSheet:
    def __init__(self, context: SheetContext, questions: list[MergedQuestion]) -> None:
        self.context = context
        self.out = context.sheet(SHEET_NAME, grows_with_submissions=True)
        titles, widths = self._metadata_header()
        self.columns: list[AnswerColumns] = []
        for question in questions:
            for key, write, question_titles, question_widths in self._columns_for(question):
                self.columns.append(AnswerColumns(key, len(titles), write))
                titles += question_titles
                widths += question_widths
        self.out.write_header(titles, widths)

    def add(self, submission: Row, answers: dict[str, Any]) -> None:
        row = self.out.next_row()
        sheet = self.out.sheet
        local = self.context.local
        sheet.write_string(row, 0, str(submission.uuid))
        if submission.campaign:
            sheet.write_string(row, 1, submission.campaign)
        sheet.write_number(row, 2, submission.version)
        if submission.interviewer:
            sheet.write_string(row, 3, submission.interviewer)
        datetime_format = self.context.formats.datetime
        if submission.started_at is not None:
            sheet.write_datetime(row, 4, local(submission.started_at), datetime_format)
        if submission.completed_at is not None:
            sheet.write_datetime(row, 5, local(submission.completed_at), datetime_format)
        sheet.write_string(row, 6, submission.lang)
        for columns in self.columns:
            value = answers.get(columns.key)
            if value is not None and value != "" and value != []:
                columns.write(sheet, row, columns.column, value)

    def finish(self) -> None:
        self.out.finish()

    def _metadata_header(self) -> tuple[list[str], list[float]]:
        if self.context.codes:
            titles = ["uuid", "campaign", "version", "interviewer", "started_at", "completed_at"]
            titles.append("lang")
        else:
            titles = [
                _("Submission"),
                _("Campaign"),
                _("Version"),
                _("Interviewer"),
                _("Started"),
                _("Completed"),
                _("Language"),
            ]
        return titles, [36, 16, 8, 16, 16, 16, 9]

    def _columns_for(
        self, question: MergedQuestion
    ) -> list[tuple[str, CellWriter, list[str], list[float]]]:
        """(answer key, writer, titles, widths) for each answer key of a question."""
        codes, lang = self.context.codes, self.context.lang
        title = question.key if codes else question.label(lang)
        kind = question.type
        if kind in ("text", "textarea"):
            return [(question.key, self._write_text, [title], [40])]
        if kind in ("integer", "decimal", "scale"):
            return [(question.key, _write_number, [title], [_width(title, 10)])]
        if kind == "date":
            return [(question.key, self._write_date, [title], [12])]
        if kind in ("yes_no", "consent"):
            return [(question.key, self._yes_no_writer(kind), [title], [_width(title, 10)])]
        columns = [self._select_columns(question, title)]
        if question.has_other:
            other_title = (
                question.key + OTHER_SUFFIX if codes else f"{title}: {_('Other, please specify')}"
            )
            columns.append((question.key + OTHER_SUFFIX, self._write_text, [other_title], [30]))
        return columns

    def _select_columns(
        self, question: MergedQuestion, title: str
    ) -> tuple[str, CellWriter, list[str], list[float]]:
        choices = question.choices(self.context.lang)
        shown = {code: code if self.context.codes else label for code, label in choices}
        if question.type == "select_one":
            return question.key, _label_writer(shown), [title], [20]
        flag_titles = [
            f"{question.key}/{code}" if self.context.codes else f"{title}: {label}"
            for code, label in choices
        ]
        writer = _multiple_writer(shown, {code: i + 1 for i, (code, _label) in enumerate(choices)})
        return question.key, writer, [title, *flag_titles], [24] + [12] * len(choices)

    def _write_text(self, sheet: Worksheet, row: int, column: int, value: Any) -> None:
        text = value if isinstance(value, str) else str(value)
        if len(text) > MAX_CELL_TEXT:
            text = clip(text)
            self.out.truncated += 1
        sheet.write_string(row, column, text)

    def _write_date(self, sheet: Worksheet, row: int, column: int, value: Any) -> None:
        try:
            day = date.fromisoformat(value)
        except (TypeError, ValueError):  # stored before a check existed: shown, not lost
            self._write_text(sheet, row, column, value)
            return
        sheet.write_datetime(row, column, day, self.context.formats.date)

    def _yes_no_writer(self, kind: str) -> CellWriter:
        if self.context.codes and kind == "consent":
            return _write_boolean
        words = {"yes": _("Yes"), "no": _("No"), True: _("Yes"), False: _("No")}
        if self.context.codes:
            words = {"yes": "yes", "no": "no"}
        return _label_writer(words)


def _width(title: str, least: float) -> float:
    return min(max(len(title) * 0.9, least), 30)


def _write_number(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    try:
        sheet.write_number(row, column, value)
    except TypeError:  # not a number after all (older data): shown as it is, not lost
        sheet.write_string(row, column, clip(str(value)))


def _write_boolean(sheet: Worksheet, row: int, column: int, value: Any) -> None:
    sheet.write_boolean(row, column, value)


def _label_writer(shown: dict[Any, str]) -> CellWriter:
    def write(sheet: Worksheet, row: int, column: int, value: Any) -> None:
        sheet.write_string(row, column, shown.get(value, str(value)))

    return write


def _multiple_writer(shown: dict[str, str], offsets: dict[str, int]) -> CellWriter:
    """The chosen labels in one cell, then a 1 or 0 under every choice."""

    def write(sheet: Worksheet, row: int, column: int, value: Any) -> None:
        sheet.write_string(row, column, "; ".join(shown.get(code, code) for code in value))
        chosen = set(value)
        for code, offset in offsets.items():
            sheet.write_number(row, column + offset, 1 if code in chosen else 0)

    return write
