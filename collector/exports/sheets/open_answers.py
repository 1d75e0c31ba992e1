"""Open answers: every open answer with its interviewer, date and tags, question by question.

This is the debrief sheet. It is grouped by question, but the submissions come in the
order received; each open question's answers are spilled to a temporary file during the
one pass and written out question by question at the end, so memory stays flat.
"""

import pickle
import tempfile
from dataclasses import dataclass
from typing import IO, Any

from flask_babel import gettext as _
from sqlalchemy import Row

from collector.exports.context import SheetContext
from collector.exports.merge import MergedQuestion
from collector.schema.vocabulary import OTHER_SUFFIX

SHEET_NAME = "Open answers"
OPEN_TYPES = frozenset({"text", "textarea"})


@dataclass(frozen=True)
class OpenItem:
    """One open question, or the "other, please specify" text of a choice question."""

    title: str
    spill: IO[bytes]


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
        for key, item in items:
            value = answers.get(key)
            if isinstance(value, str) and value.strip():
                record = (
                    value,
                    submission.interviewer,
                    self.context.local(submission.completed_at or submission.received_at),
                    submission.campaign,
                    self.tags.get((submission.id, key)),
                    str(submission.uuid),
                )
                pickle.dump(record, item.spill, protocol=pickle.HIGHEST_PROTOCOL)

    def finish(self) -> None:
        """Write the spilled answers, question by question, and let the spills go."""
        wrap = self.context.formats.wrap
        for item in self.items:
            item.spill.seek(0)
            for record in _records(item.spill):
                row = self.out.next_row()
                self.out.write(row, 0, item.title)
                self.out.write(row, 1, record[0], wrap)
                for column, value in enumerate(record[1:], start=2):
                    self.out.write(row, column, value)
        self.close()
        self.out.finish()

    def close(self) -> None:
        """Let the temporary files go; safe to call again, and after a failed export."""
        for item in self.items:
            item.spill.close()

    @property
    def truncated(self) -> int:
        return self.out.truncated

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
        item = OpenItem(title, tempfile.TemporaryFile())
        self.items.append(item)
        for appearance in question.appearances:
            if suffix and not appearance.question.get("other"):
                continue
            key = appearance.question["id"] + suffix
            self.by_version.setdefault(appearance.version, []).append((key, item))


def _records(spill: IO[bytes]) -> Any:
    while True:
        try:
            yield pickle.load(spill)  # noqa: S301 (our own temporary file, written just now)
        except EOFError:
            return
