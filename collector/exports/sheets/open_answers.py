"""Open answers: every open answer with its interviewer, date and tags, question by question.

This is the debrief sheet. It is grouped by question, but the submissions come in the
order received; each open question's answers are spilled to a temporary file during the
one pass and written out question by question at the end, so memory stays flat.
"""

import pickle
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from flask_babel import gettext as _
from sqlalchemy import Row

from collector.exports.context import SheetContext
from collector.exports.merge import MergedQuestion
from collector.schema.vocabulary import OPEN_TYPES, OTHER_SUFFIX

SHEET_NAME = "Open answers"


class OpenItem:
    """One open question, or the "other, please specify" text of a choice question, with
    its answers spilled to a temporary file in chunks (one pickle per record is slow)."""

    CHUNK = 500

    def __init__(self, title: str) -> None:
        self.title = title
        self.spill: IO[bytes] = tempfile.TemporaryFile()
        self.pending: list[tuple[Any, ...]] = []

    def keep(self, record: tuple[Any, ...]) -> None:
        self.pending.append(record)
        if len(self.pending) >= self.CHUNK:
            self._flush()

    def records(self) -> Iterator[tuple[Any, ...]]:
        self._flush()
        self.spill.seek(0)
        while True:
            try:
                chunk = pickle.load(self.spill)  # noqa: S301 (our own temporary file)
            except EOFError:
                return
            yield from chunk

    def close(self) -> None:
        self.pending = []
        self.spill.close()

    def _flush(self) -> None:
        if self.pending:
            pickle.dump(self.pending, self.spill, protocol=pickle.HIGHEST_PROTOCOL)
            self.pending = []


class OpenAnswersSheet:
    def __init__(
        self,
        context: SheetContext,
        questions: list[MergedQuestion],
        tags: dict[tuple[int, str], str],
    ) -> None:
        self.context = context
        self.tags = tags
        self.items: list[OpenItem] = []
        # version → [(its answer key, item)]: tags are kept under the version's own ids.
        self.by_version: dict[int, list[tuple[str, OpenItem]]] = {}
        for question in questions:
            self._add_items(question)
        self.out = context.sheet(SHEET_NAME, grows_with_submissions=True)
        titles = (
            ["question", "answer", "interviewer", "completed_at", "campaign", "tags", "uuid"]
            if context.codes
            else [
                _("Question"),
                _("Answer"),
                _("Interviewer"),
                _("Completed"),
                _("Campaign"),
                _("Tags"),
                _("Submission"),
            ]
        )
        self.out.write_header(titles, [30, 60, 16, 16, 16, 20, 36])

    def add(self, submission: Row) -> None:
        items = self.by_version.get(submission.version)
        if not items:
            return
        answers = submission.answers
        when = None
        for key, item in items:
            value = answers.get(key)
            if isinstance(value, str) and value.strip():
                if when is None:
                    when = self.context.local(submission.completed_at or submission.received_at)
                tags = self.tags.get((submission.id, key)) if self.tags else None
                item.keep(
                    (
                        value,
                        submission.interviewer,
                        when,
                        submission.campaign,
                        tags,
                        submission.uuid,
                    )
                )

    def finish(self) -> None:
        """Write the spilled answers, question by question, and let the spills go."""
        wrap, moment = self.context.formats.wrap, self.context.formats.datetime
        out = self.out
        for item in self.items:
            title = item.title
            for answer, interviewer, when, campaign, tags, uuid in item.records():
                row = out.next_row()
                sheet = out.sheet
                sheet.write_string(row, 0, title)
                out.write(row, 1, answer, wrap)  # may need cutting to fit a cell
                if interviewer:
                    sheet.write_string(row, 2, interviewer)
                sheet.write_datetime(row, 3, when, moment)
                if campaign:
                    sheet.write_string(row, 4, campaign)
                if tags:
                    sheet.write_string(row, 5, tags)
                sheet.write_string(row, 6, str(uuid))
        self.close()
        out.finish()

    def close(self) -> None:
        """Let the temporary files go; safe to call again, and after a failed export."""
        for item in self.items:
            item.close()

    def _add_items(self, question: MergedQuestion) -> None:
        label = question.key if self.context.codes else question.label(self.context.lang)
        if question.type in OPEN_TYPES:
            self._add_item(question, label, suffix="")
        if question.has_other:
            title = (
                question.key + OTHER_SUFFIX
                if self.context.codes
                else f"{label}: {_('Other, please specify')}"
            )
            self._add_item(question, title, suffix=OTHER_SUFFIX)

    def _add_item(self, question: MergedQuestion, title: str, suffix: str) -> None:
        item = OpenItem(title)
        self.items.append(item)
        for appearance in question.appearances:
            if suffix and not appearance.question.get("other"):
                continue
            key = appearance.question["id"] + suffix
            self.by_version.setdefault(appearance.version, []).append((key, item))
