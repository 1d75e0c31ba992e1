"""Codebook: what this export holds and how it was made, then every question: id, labels
per language, type, choices (code = label), which versions have it, and how versions that
differ were merged. Written last, when the whole export is known."""

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _

from collector.exports.context import SheetContext
from collector.exports.merge import MergedQuestion, version_ranges

SHEET_NAME = "Codebook"


@dataclass
class ExportFacts:
    """What the Codebook's top block says about the export as a whole."""

    form: str
    title: str
    exported_at: datetime
    exported_by: str | None
    campaign: str | None
    submissions: int
    versions: list[int]
    include_sensitive: bool
    left_out: list[str]  # sensitive questions not exported
    continued: dict[str, list[str]] = field(default_factory=dict)  # sheet → continuations
    truncated: int = 0


class CodebookSheet:
    def __init__(self, context: SheetContext) -> None:
        self.context = context
        self.out = context.sheet(SHEET_NAME)

    def write(
        self, facts: ExportFacts, questions: list[MergedQuestion], languages: list[str]
    ) -> None:
        self._facts(facts)
        self.out.next_row()
        self._questions(questions, languages, facts)
        self.out.finish()

    def _facts(self, facts: ExportFacts) -> None:
        out, formats = self.out, self.context.formats
        out.sheet.set_column(0, 0, 24)
        lines: list[tuple[str, object]] = [
            (_("Form"), f"{facts.form} – {facts.title}"),
            (_("Exported at"), facts.exported_at),
            (_("Exported by"), facts.exported_by or _("the command line")),
            (_("Campaign"), facts.campaign or _("all campaigns")),
            (_("Language"), self.context.lang),
            (_("Cells hold"), _("codes") if self.context.codes else _("labels")),
            (_("Submissions"), facts.submissions),
            (_("Versions"), version_ranges(facts.versions) or _("none")),
            (_("Sensitive answers"), self._sensitive(facts)),
        ]
        for sheet, continuations in facts.continued.items():
            if continuations:
                lines.append(
                    (
                        _("Sheet continued"),
                        _(
                            "'%(sheet)s' has more rows than Excel allows on one sheet; they "
                            "continue on: %(sheets)s.",
                            sheet=sheet,
                            sheets=", ".join(continuations),
                        ),
                    )
                )
        if facts.truncated:
            lines.append(
                (
                    _("Cut texts"),
                    _(
                        "%(count)d texts were longer than an Excel cell holds (32,767 "
                        "characters) and were cut, marked […]; the whole text is kept in "
                        "Collector.",
                        count=facts.truncated,
                    ),
                )
            )
        for label, value in lines:
            row = out.next_row()
            out.write(row, 0, label, formats.header)
            out.write(row, 1, value)

    def _sensitive(self, facts: ExportFacts) -> str:
        if facts.include_sensitive:
            return _(
                "included, as asked by %(who)s",
                who=facts.exported_by or _("the command line"),
            )
        if facts.left_out:
            return _("left out: %(ids)s", ids=", ".join(facts.left_out))
        return _("none in this form")

    def _questions(
        self, questions: list[MergedQuestion], languages: list[str], facts: ExportFacts
    ) -> None:
        out, formats = self.out, self.context.formats
        titles = [_("Question"), _("Earlier ids"), _("Type")]
        titles += [_("Label (%(lang)s)", lang=lang) for lang in languages]
        titles += [_("Choices (code = label)"), _("Versions"), _("Sensitive"), _("Notes")]
        header = out.next_row()
        for column, title in enumerate(titles):
            out.write(header, column, title, formats.header)
        widths = [20, 14, 14] + [36] * len(languages) + [36, 10, 10, 60]
        for column, width in enumerate(widths):
            out.sheet.set_column(column, column, width)
        for question in questions:
            row = out.next_row()
            values = [question.key, ", ".join(question.former_ids), question.type]
            values += [question.label(lang) for lang in languages]
            values += [
                self._choices(question),
                version_ranges(question.versions),
                _("yes") if question.sensitive else "",
                " ".join(self._notes(question, facts)),
            ]
            for column, value in enumerate(values):
                out.write(row, column, value, formats.wrap)
        out.sheet.freeze_panes(header + 1, 1)
        out.sheet.autofilter(header, 0, out.row - 1, len(titles) - 1)

    def _choices(self, question: MergedQuestion) -> str:
        lang = self.context.lang
        if question.type == "scale":
            return "\n".join(
                f"{point} = {text}" if text else str(point)
                for point, text in question.scale_points(lang)
            )
        if question.type == "yes_no":
            return f"yes = {_('Yes')}\nno = {_('No')}"
        if question.type == "consent":
            return f"TRUE = {_('Yes')}\nFALSE = {_('No')}"
        return "\n".join(f"{code} = {label}" for code, label in question.choices(lang))

    def _notes(self, question: MergedQuestion, facts: ExportFacts) -> list[str]:
        notes = list(question.notes)
        if question.sensitive and not facts.include_sensitive:
            notes.insert(0, _("Left out of this export: personal data (sensitive)."))
        if question.type == "select_multiple":
            notes.append(_("In Answers also as one 0/1 column per choice."))
        return notes
