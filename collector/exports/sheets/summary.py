"""Summary: per closed question a frequency table (n, %) with a native Excel chart; per scale
n, mean, median and the distribution (charted too); per number n, mean, min, max."""

from flask_babel import gettext as _

from collector.exports.context import SheetContext
from collector.exports.merge import MergedQuestion
from collector.exports.tally import ChoiceTally, DateTally, NumberTally, ScaleTally, Tally

SHEET_NAME = "Summary"
CHART_ROWS = 16  # a chart is about this many rows tall; blocks leave room for it
CHART_COLUMN = 4


def frequency_rows(
    question: MergedQuestion, tally: ChoiceTally | ScaleTally, context: SheetContext
) -> list[tuple[str, str | int]]:
    """(what is shown, the code counted) for each row of a question's frequency table."""
    codes = context.codes
    if isinstance(tally, ScaleTally):
        return [
            (str(point) if codes or not text else f"{point} – {text}", point)
            for point, text in question.scale_points(context.lang)
        ]
    if question.type in ("yes_no", "consent"):
        return [("yes" if codes else _("Yes"), "yes"), ("no" if codes else _("No"), "no")]
    return [(code if codes else label, code) for code, label in question.choices(context.lang)]


class SummarySheet:
    def __init__(self, context: SheetContext) -> None:
        self.context = context
        self.out = context.sheet(SHEET_NAME)
        self.out.sheet.set_column(0, 0, 40)
        self.out.sheet.set_column(1, 2, 10)
        self.charts = 0

    def write(self, questions: list[MergedQuestion], tallies: dict[str, Tally]) -> None:
        for question in questions:
            tally = tallies.get(question.key)
            if isinstance(tally, ChoiceTally | ScaleTally):
                self._frequencies(question, tally)
            elif isinstance(tally, NumberTally):
                self._numbers(question, tally)
            elif isinstance(tally, DateTally):
                self._dates(question, tally)
        self.out.finish()

    def _title(self, question: MergedQuestion) -> int:
        row = self.out.next_row()
        title = question.key if self.context.codes else question.label(self.context.lang)
        self.out.write(row, 0, title, self.context.formats.title)
        return row

    def _frequencies(self, question: MergedQuestion, tally: ChoiceTally | ScaleTally) -> None:
        out, formats = self.out, self.context.formats
        title_row = self._title(question)
        header = out.next_row()
        for column, text in enumerate((_("Answer"), _("n"), _("%"))):
            out.write(header, column, text, formats.header)
        first = header + 1
        for shown, code in frequency_rows(question, tally, self.context):
            row = out.next_row()
            out.write(row, 0, shown)
            out.write(row, 1, tally.counts[code])
            out.write(row, 2, tally.share(code), formats.percent)
        last = out.row - 1
        total = out.next_row()
        out.write(total, 0, _("Answered"), formats.header)
        out.write(total, 1, tally.answered)
        if isinstance(tally, ScaleTally):
            for text, value in ((_("Mean"), tally.mean), (_("Median"), tally.median)):
                row = out.next_row()
                out.write(row, 0, text, formats.header)
                out.write(row, 1, value, formats.decimal)
        elif question.type == "select_multiple":
            note = out.next_row()
            out.write(
                note,
                0,
                _(
                    "More than one answer was possible, so the percentages may add up to "
                    "more than 100 percent."
                ),
                formats.note,
            )
        self._chart(question, title_row, first, last)
        self._leave_room(title_row)

    def _chart(self, question: MergedQuestion, title_row: int, first: int, last: int) -> None:
        if last < first:
            return
        name = self.out.name
        kind = "column" if question.type == "scale" else "bar"
        chart = self.context.workbook.add_chart({"type": kind})
        # Names point at the cells holding the text: a label is never read as a formula.
        chart.add_series(
            {
                "name": [name, title_row, 0],
                "categories": [name, first, 0, last, 0],
                "values": [name, first, 1, last, 1],
                "data_labels": {"value": True},
            }
        )
        chart.set_title({"name": [name, title_row, 0], "name_font": {"size": 11}})
        chart.set_legend({"none": True})
        if kind == "bar":
            chart.set_y_axis({"reverse": True})  # first choice on top, as in the table
        chart.set_size({"width": 520, "height": CHART_ROWS * 20 - 10})
        self.out.sheet.insert_chart(title_row, CHART_COLUMN, chart)
        self.charts += 1

    def _numbers(self, question: MergedQuestion, tally: NumberTally) -> None:
        title_row = self._title(question)
        self._statistics(
            [
                (_("Answered"), tally.answered, None),
                (_("Mean"), tally.mean, self.context.formats.decimal),
                (_("Lowest"), tally.low, None),
                (_("Highest"), tally.high, None),
            ]
        )
        self._leave_room(title_row, least=0)

    def _dates(self, question: MergedQuestion, tally: DateTally) -> None:
        title_row = self._title(question)
        earliest, latest = tally.as_dates()
        self._statistics(
            [
                (_("Answered"), tally.answered, None),
                (_("Earliest"), earliest, None),
                (_("Latest"), latest, None),
            ]
        )
        self._leave_room(title_row, least=0)

    def _statistics(self, rows: list[tuple[str, object, object]]) -> None:
        for text, value, cell_format in rows:
            row = self.out.next_row()
            self.out.write(row, 0, text, self.context.formats.header)
            self.out.write(row, 1, value, cell_format)

    def _leave_room(self, title_row: int, least: int = CHART_ROWS) -> None:
        """A blank row after each block, and enough rows that charts never overlap."""
        blank_rows = max(1, title_row + least + 1 - self.out.row)
        for _row in range(blank_rows):
            self.out.next_row()
