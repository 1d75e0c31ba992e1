"""Build the coordinator's workbook in one pass over the submissions.

Answers rows are streamed to xlsxwriter in constant_memory mode as they are read; the
same pass counts the aggregates (Summary, Waves, Progress) and spills open answers for
their sheet, so the cost grows linearly with the submissions and memory stays flat.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import force_locale
from xlsxwriter.workbook import Workbook

from collector.exports.context import SheetContext
from collector.exports.excel import Formats
from collector.exports.merge import MergedQuestion, VersionPlan, merge_versions, plan_versions
from collector.exports.options import ResolvedExport
from collector.exports.sheets.answers import AnswersSheet
from collector.exports.sheets.codebook import CodebookSheet, ExportFacts
from collector.exports.sheets.open_answers import OpenAnswersSheet
from collector.exports.sheets.progress import ProgressSheet
from collector.exports.sheets.summary import SummarySheet
from collector.exports.sheets.waves import WavesSheet
from collector.exports.source import (
    campaigns_in_order,
    count_submissions,
    schemas_newest_first,
    stream_submissions,
    tags_by_answer,
)
from collector.exports.tally import ProgressCounts, Tallies

# Called now and then with (rows written, rows in all).
ProgressReport = Callable[[int, int], None]
REPORT_EVERY = 1_000
_NOTHING_KEPT = VersionPlan(renames=(), unchanged=False)

__all__ = ["ExportSummary", "count_submissions", "write_workbook"]


@dataclass
class ExportSummary:
    submissions: int = 0
    versions: list[int] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    truncated_cells: int = 0
    charts: int = 0


def write_workbook(
    resolved: ResolvedExport,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    exported_by: str | None = None,
    progress: ProgressReport | None = None,
) -> ExportSummary:
    """Write the workbook for `resolved` to `target` (a path or a binary file)."""
    schemas = schemas_newest_first(resolved.form_id)
    questions = merge_versions(schemas)
    include_sensitive = resolved.options.include_sensitive
    kept = [q for q in questions if include_sensitive or not q.sensitive]
    config = current_app.config
    with force_locale(resolved.lang):
        workbook = Workbook(
            os.fspath(target) if isinstance(target, str | os.PathLike) else target,
            {
                "constant_memory": True,
                # Belt and braces: even a generic write() may never make a formula or link.
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
            },
        )
        context = SheetContext(
            workbook=workbook,
            formats=Formats(workbook),
            lang=resolved.lang,
            codes=resolved.options.codes,
            zone=ZoneInfo(config["TIMEZONE"]),
            max_rows=config["EXPORT_MAX_ROWS_PER_SHEET"],
        )
        export = _Export(resolved, context, kept, exported_by)
        try:
            export.read_all(progress)
            summary = export.finish(schemas, questions)
        finally:
            export.open_answers.close()
        workbook.close()
    return summary


class _Export:
    """The sheets, in the order a reader meets them, and the one pass that fills them."""

    def __init__(
        self,
        resolved: ResolvedExport,
        context: SheetContext,
        kept: list[MergedQuestion],
        exported_by: str | None,
    ) -> None:
        self.resolved = resolved
        self.context = context
        self.kept = kept
        self.exported_by = exported_by
        self.exported_at = context.local(datetime.now(UTC))
        self.answers = AnswersSheet(context, kept)
        self.codebook = CodebookSheet(context)
        self.summary = SummarySheet(context)
        self.open_answers = OpenAnswersSheet(context, kept, tags_by_answer(resolved))
        self.waves = WavesSheet(context)
        self.progress = ProgressSheet(context)
        self.plans = plan_versions(kept)
        self.tallies = Tallies(kept)
        self.progress_counts = ProgressCounts()
        self.submissions = 0

    def read_all(self, report: ProgressReport | None) -> None:
        total = count_submissions(self.resolved) if report else 0
        plans, local = self.plans, self.context.local
        for submission in stream_submissions(self.resolved):
            answers = plans.get(submission.version, _NOTHING_KEPT).merged_answers(
                submission.answers
            )
            self.answers.add(submission, answers)
            self.tallies.add(submission.campaign, answers)
            self.open_answers.add(submission)
            day = local(submission.completed_at or submission.received_at).date()
            self.progress_counts.add(submission.campaign, submission.interviewer, day)
            self.submissions += 1
            if report and self.submissions % REPORT_EVERY == 0:
                report(self.submissions, max(total, self.submissions))
        if report:
            report(self.submissions, self.submissions)

    def finish(self, schemas: list[dict], questions: list[MergedQuestion]) -> ExportSummary:
        campaigns = campaigns_in_order(self.resolved)
        self.answers.finish()
        self.summary.write(self.kept, self.tallies.overall())
        self.open_answers.finish()
        self.waves.write(self.kept, self.tallies, campaigns)
        self.progress.write(self.progress_counts, campaigns)
        truncated = self.answers.out.truncated + self.open_answers.out.truncated
        newest = schemas[0] if schemas else {"title": {}, "languages": [self.resolved.lang]}
        facts = ExportFacts(
            form=self.resolved.options.form,
            title=_title(newest, self.resolved.lang),
            exported_at=self.exported_at,
            exported_by=self.exported_by,
            campaign=self.resolved.options.campaign,
            submissions=self.submissions,
            versions=sorted(schema["version"] for schema in schemas),
            include_sensitive=self.resolved.options.include_sensitive,
            left_out=[q.key for q in questions if q.sensitive and q not in self.kept],
            continued={
                self.answers.out.base_name: self.answers.out.continued_on,
                self.open_answers.out.base_name: self.open_answers.out.continued_on,
            },
            truncated=truncated,
        )
        self.codebook.write(facts, questions, self.resolved.languages)
        self.context.workbook.set_properties(
            {
                "title": facts.title,
                "subject": self.resolved.options.form,
                "author": self.exported_by or "Collector",
                "comments": "sensitive answers included"
                if facts.include_sensitive
                else "sensitive answers left out",
            }
        )
        return ExportSummary(
            submissions=self.submissions,
            versions=facts.versions,
            sheets=[sheet.name for sheet in self.context.workbook.worksheets()],
            truncated_cells=truncated,
            charts=self.summary.charts + self.waves.charts,
        )


def _title(schema: dict, lang: str) -> str:
    titles = schema.get("title") or {}
    return titles.get(lang) or titles.get(schema["languages"][0]) or ""
