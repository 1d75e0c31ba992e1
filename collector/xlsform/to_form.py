"""An XLSForm's sheets to our form document (the data a YAML form file holds)."""

from typing import Any

from flask_babel import gettext as _

from collector.xlsform.choices import read_choice_lists
from collector.xlsform.errors import Position, XLSFormInvalid
from collector.xlsform.reader import Sheet
from collector.xlsform.settings import default_language, form_languages, form_settings
from collector.xlsform.sheets import Notes, check_language_columns, read_sheet
from collector.xlsform.survey import SurveyReader


def sheets_to_document(sheets: dict[str, Sheet], filename: str) -> tuple[dict[str, Any], Notes]:
    """The form document and what was noted on the way; raise XLSFormInvalid with every
    problem, so that no half-converted form is ever written."""
    notes = Notes()
    if "survey" not in sheets or not sheets["survey"].rows:
        notes.problem(Position("survey"), _("the workbook has no sheet 'survey' with questions"))
        raise XLSFormInvalid(notes.problems)
    survey = read_sheet(sheets["survey"], notes)
    choices = read_sheet(sheets["choices"], notes) if "choices" in sheets else None
    settings = read_sheet(sheets["settings"], notes) if "settings" in sheets else None
    language, named = default_language(settings, notes)
    translated = [read for read in (survey, choices, settings) if read is not None]
    for read in translated:
        check_language_columns(read, language, notes)
    if not named and any(_has_bare_label(read) for read in (survey, choices) if read):
        notes.warning(
            Position("settings", None, "default_language"),
            _(
                "labels without a language in their column name are taken as %(language)s; "
                "set default_language in the settings sheet if they are in another language",
                language=language,
            ),
        )
    form = form_settings(settings, form_languages(language, translated), filename, notes)
    lists = read_choice_lists(choices, language, notes)
    sections = SurveyReader(survey, lists, form.languages, form.title, notes).read()
    if notes.problems:
        raise XLSFormInvalid(notes.problems)
    document: dict[str, Any] = {
        "form": form.key,
        "version": form.version,
        "kind": form.kind,
        "languages": form.languages,
        "title": form.title,
    }
    if form.description:
        document["description"] = form.description
    document["sections"] = sections
    return document, notes


def _has_bare_label(read: Any) -> bool:
    return any(c.key == "label" and c.language is None for c in read.columns.values())
