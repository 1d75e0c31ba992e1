"""Waves: the campaigns of one form side by side (ex-ante, ex-post, ...) with the difference
between the last and the first, per answer for closed questions and in means for scales
and numbers. A chart per closed question shows the waves next to each other."""

from flask_babel import gettext as _

from collector.exports.context import SheetContext
from collector.exports.merge import MergedQuestion
from collector.exports.sheets.summary import frequency_rows
from collector.exports.source import CampaignInfo
from collector.exports.tally import ChoiceTally, NumberTally, ScaleTally, Tallies, Tally

SHEET_NAME = "Waves"
CHART_ROWS = 16


class WavesSheet:
    def __init__(self, context: SheetContext) -> None:
        self.context = context
        self.out = context.sheet(SHEET_NAME)
        self.out.sheet.set_column(0, 0, 40)
        self.charts = 0

    def write(
        self, questions: list[MergedQuestion], tallies: Tallies, campaigns: list[CampaignInfo]
    ) -> None:
        waves = [c for c in campaigns if c.slug in tallies.by_group]
        if len(waves) < 2:
            self._explain_nothing_to_compare()
        else:
            self._intro(tallies)
            self.out.sheet.set_column(1, 2 * len(waves) + 1, 11)
            for question in questions:
                self._question(question, waves, [tallies.for_group(c.slug) for c in waves])
        self.out.finish()

    def _explain_nothing_to_compare(self) -> None:
        row = self.out.next_row()
        self.out.write(
            row,
            0,
            _(
                "Waves compare the campaigns of this form side by side (for example before "
                "and after a programme). This export holds fewer than two campaigns with "
                "interviews, so there is nothing to compare yet."
            ),
            self.context.formats.note,
        )

    def _intro(self, tallies: Tallies) -> None:
        row = self.out.next_row()
        text = _("Difference: the last campaign minus the first, in percentage points or in means.")
        self.out.write(row, 0, text, self.context.formats.note)
        if None in tallies.by_group:
            row = self.out.next_row()
            self.out.write(
                row,
                0,
                _("Interviews made outside any campaign are not part of this comparison."),
                self.context.formats.note,
            )
        self.out.next_row()

    def _header(self, question: MergedQuestion, waves: list[CampaignInfo], value: str) -> int:
        out, formats = self.out, self.context.formats
        title_row = out.next_row()
        title = question.key if self.context.codes else question.label(self.context.lang)
        out.write(title_row, 0, title, formats.title)
        header = out.next_row()
        out.write(header, 0, _("Answer"), formats.header)
        for index, wave in enumerate(waves):
            name = wave.slug if self.context.codes else wave.title
            out.write(header, 1 + 2 * index, f"{name}: {_('n')}", formats.header)
            out.write(header, 2 + 2 * index, f"{name}: {value}", formats.header)
        out.write(header, 1 + 2 * len(waves), _("Difference"), formats.header)
        return title_row

    def _question(
        self, question: MergedQuestion, waves: list[CampaignInfo], groups: list[dict[str, Tally]]
    ) -> None:
        per_wave = [group[question.key] for group in groups if question.key in group]
        if not per_wave:
            return  # open text and the like: read in Open answers, not counted
        if isinstance(per_wave[0], NumberTally):
            title_row = self._header(question, waves, _("mean"))
            self._mean_row(per_wave)
        elif isinstance(per_wave[0], ChoiceTally | ScaleTally):
            title_row = self._header(question, waves, _("%"))
            first = self.out.row
            self._share_rows(question, per_wave)
            last = self.out.row - 1
            if isinstance(per_wave[0], ScaleTally):
                self._mean_row(per_wave)
            self._chart(title_row, first, last, waves)
            for _row in range(self.out.row, title_row + CHART_ROWS):
                self.out.next_row()
        else:
            return
        self.out.next_row()

    def _share_rows(
        self, question: MergedQuestion, per_wave: list[ChoiceTally | ScaleTally]
    ) -> None:
        out, formats = self.out, self.context.formats
        difference_column = 1 + 2 * len(per_wave)
        for shown, code in frequency_rows(question, per_wave[0], self.context):
            row = out.next_row()
            out.write(row, 0, shown)
            shares = [tally.share(code) for tally in per_wave]
            for index, tally in enumerate(per_wave):
                out.write(row, 1 + 2 * index, tally.counts[code])
                out.write(row, 2 + 2 * index, shares[index], formats.percent)
            if shares[0] is not None and shares[-1] is not None:
                out.write(row, difference_column, shares[-1] - shares[0], formats.points)

    def _mean_row(self, per_wave: list[ScaleTally | NumberTally]) -> None:
        out, formats = self.out, self.context.formats
        row = out.next_row()
        out.write(row, 0, _("Mean"), formats.header)
        means = [tally.mean for tally in per_wave]
        for index, tally in enumerate(per_wave):
            out.write(row, 1 + 2 * index, tally.answered)
            out.write(row, 2 + 2 * index, means[index], formats.decimal)
        if means[0] is not None and means[-1] is not None:
            out.write(row, 1 + 2 * len(per_wave), means[-1] - means[0], formats.decimal)

    def _chart(self, title_row: int, first: int, last: int, waves: list[CampaignInfo]) -> None:
        if last < first:
            return
        name = self.out.name
        chart = self.context.workbook.add_chart({"type": "bar"})
        for index in range(len(waves)):
            column = 2 + 2 * index
            chart.add_series(
                {
                    "name": [name, first - 1, column],
                    "categories": [name, first, 0, last, 0],
                    "values": [name, first, column, last, column],
                }
            )
        chart.set_title({"name": [name, title_row, 0], "name_font": {"size": 11}})
        chart.set_y_axis({"reverse": True})
        chart.set_x_axis({"num_format": "0%"})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 560, "height": CHART_ROWS * 20 - 10})
        self.out.sheet.insert_chart(title_row, 2 * len(waves) + 3, chart)
        self.charts += 1
