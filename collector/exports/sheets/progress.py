"""Progress: interviews per interviewer per day against each campaign's target."""

from datetime import date

from flask_babel import gettext as _

from collector.exports.context import SheetContext
from collector.exports.source import CampaignInfo
from collector.exports.tally import ProgressCounts

SHEET_NAME = "Progress"


class ProgressSheet:
    def __init__(self, context: SheetContext) -> None:
        self.context = context
        self.out = context.sheet(SHEET_NAME)
        self.out.sheet.set_column(0, 0, 24)
        self.out.sheet.set_column(1, 60, 11)

    def write(self, counts: ProgressCounts, campaigns: list[CampaignInfo]) -> None:
        groups: list[tuple[str | None, CampaignInfo | None]] = [(c.slug, c) for c in campaigns]
        if any(campaign is None for campaign, _i, _d in counts.counts):
            groups.append((None, None))
        if not counts.counts:
            row = self.out.next_row()
            self.out.write(row, 0, _("No interviews yet."), self.context.formats.note)
        for slug, campaign in groups:
            mine = {(who, day): n for (c, who, day), n in counts.counts.items() if c == slug}
            if mine or campaign is not None:
                self._campaign(campaign, mine)
        self.out.finish()

    def _campaign(
        self, campaign: CampaignInfo | None, counts: dict[tuple[str | None, date], int]
    ) -> None:
        out, formats = self.out, self.context.formats
        row = out.next_row()
        out.write(row, 0, self._title(campaign), formats.title)
        days = sorted({day for _who, day in counts})
        interviewers = sorted({who for who, _day in counts}, key=lambda who: (who is None, who))
        header = out.next_row()
        out.write(header, 0, _("Interviewer"), formats.header)
        for index, day in enumerate(days):
            out.write(header, 1 + index, day, formats.header_date)
        total_column = 1 + len(days)
        out.write(header, total_column, _("Total"), formats.header)
        for who in interviewers:
            row = out.next_row()
            out.write(row, 0, who or _("(respondent link)"))
            for index, day in enumerate(days):
                out.write(row, 1 + index, counts.get((who, day)))
            out.write(row, total_column, sum(n for (w, _d), n in counts.items() if w == who))
        row = out.next_row()
        out.write(row, 0, _("All interviewers"), formats.header)
        for index, day in enumerate(days):
            out.write(row, 1 + index, sum(n for (_w, d), n in counts.items() if d == day))
        done = sum(counts.values())
        out.write(row, total_column, done)
        self._against_target(campaign, done, total_column)
        out.next_row()

    def _title(self, campaign: CampaignInfo | None) -> str:
        if campaign is None:
            return _("Interviews outside any campaign")
        if self.context.codes or campaign.title == campaign.slug:
            return campaign.slug
        return f"{campaign.title} ({campaign.slug})"

    def _against_target(self, campaign: CampaignInfo | None, done: int, column: int) -> None:
        out, formats = self.out, self.context.formats
        if campaign is None:
            return
        row = out.next_row()
        out.write(row, 0, _("Target"), formats.header)
        if campaign.target is None:
            out.write(row, 1, _("No target set for this campaign."), formats.note)
            return
        out.write(row, column, campaign.target)
        row = out.next_row()
        out.write(row, 0, _("Done of target"), formats.header)
        out.write(row, column, done / campaign.target, formats.percent)
