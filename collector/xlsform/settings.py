"""The settings sheet: form id, version, default language; and the form's languages."""

import re
from dataclasses import dataclass
from pathlib import PurePath

from flask_babel import gettext as _

from collector.schema.vocabulary import FORM_KINDS
from collector.xlsform.columns import Column, parse_column
from collector.xlsform.errors import Position
from collector.xlsform.sheets import Notes, ReadSheet

# Labels with no language in their column name are taken as English unless the settings
# sheet says otherwise: ODK, Kobo and SurveyCTO show them as "default", and English is what
# most shared XLSForms are written in. A warning says so, so nobody is surprised.
FALLBACK_LANGUAGE = "en"
# XLSForms are mostly filled by enumerators on a phone, which is Collector's interview.
DEFAULT_KIND = "interview"
# PostgreSQL's integer column; ODK versions like 2026051201 still fit.
MAX_VERSION = 2**31 - 1
_USED = {
    "form_id",
    "version",
    "default_language",
    "form_title",
    "collector::kind",
    "collector::title",
    "collector::description",
}
_NOT_KEY_CHARACTERS = re.compile(r"[^a-z0-9-]+")


@dataclass(frozen=True)
class FormSettings:
    key: str
    version: int
    kind: str
    languages: list[str]
    title: dict[str, str]
    description: dict[str, str] | None


def default_language(settings: ReadSheet | None, notes: Notes) -> tuple[str, bool]:
    """The code of the default language, and whether the settings sheet named it."""
    if settings is None or not settings.sheet.rows:
        return FALLBACK_LANGUAGE, False
    row = settings.sheet.rows[0]
    text = settings.text(row, "default_language")
    if not text:
        return FALLBACK_LANGUAGE, False
    parsed = parse_column(f"x::{text}", "settings")
    if not isinstance(parsed, Column):
        notes.problem(
            row.at(settings.column_name("default_language")),
            _("write the default language with its code, like Latvian (lv)"),
        )
        return FALLBACK_LANGUAGE, False
    return parsed.language or FALLBACK_LANGUAGE, True


def form_languages(default: str, sheets: list[ReadSheet]) -> list[str]:
    """The default language first, then the others in the order their columns come."""
    languages = [default]
    for read in sheets:
        for column in read.columns.values():
            if column.language and column.language not in languages:
                languages.append(column.language)
    return languages


def form_settings(
    settings: ReadSheet | None,
    languages: list[str],
    filename: str,
    notes: Notes,
) -> FormSettings:
    row = settings.sheet.rows[0] if settings and settings.sheet.rows else None
    if settings and len(settings.sheet.rows) > 1:
        notes.warning(
            Position("settings", settings.sheet.rows[1].number),
            _("only the first row of the settings sheet is read"),
        )

    def text(key: str) -> str:
        return settings.text(row, key) if settings and row else ""

    def at(key: str) -> Position:
        column = settings.column_name(key) if settings else key
        return row.at(column) if row else Position("settings", None, column)

    if settings and row:
        for name, column in settings.columns.items():
            if column.key not in _USED and row.get(name):
                notes.warning(
                    row.at(name), _("the setting '%(name)s' is not used by Collector", name=name)
                )
    key = _form_key(text("form_id"), filename, at("form_id"), notes)
    notes.places[("form",)] = at("form_id")
    notes.places[("version",)] = at("version")
    notes.places[("kind",)] = at("collector::kind")
    notes.places[("languages",)] = at("default_language")
    notes.places[("title",)] = at("form_title")
    # A multilingual form needs its title in every language; XLSForm has one form_title.
    title = dict.fromkeys(languages, text("form_title") or key)
    titles, descriptions = {}, {}
    if settings and row:
        titles = settings.translations(row, "collector::title", languages[0])
        descriptions = settings.translations(row, "collector::description", languages[0])
    return FormSettings(
        key=key,
        version=_version(text("version"), at("version"), notes),
        kind=_kind(text("collector::kind"), at("collector::kind"), notes),
        languages=languages,
        title=titles or title,
        description=descriptions or None,
    )


def _form_key(form_id: str, filename: str, at: Position, notes: Notes) -> str:
    written = form_id or PurePath(filename).stem
    key = _NOT_KEY_CHARACTERS.sub("-", written.lower()).strip("-") or "form"
    if not form_id:
        notes.warning(
            at, _("there is no form_id; the form is called '%(key)s' after the file", key=key)
        )
    elif key != form_id:
        notes.warning(
            at,
            _(
                "form ids in Collector have only small letters, digits and dashes: "
                "'%(written)s' becomes '%(key)s'",
                written=form_id,
                key=key,
            ),
        )
    return key


def _version(text: str, at: Position, notes: Notes) -> int:
    if not text:
        notes.warning(at, _("there is no version; the form is imported as version 1"))
        return 1
    if not text.isdigit() or not 1 <= int(text) <= MAX_VERSION:
        notes.problem(
            at,
            _(
                "the version must be a whole number from 1 (like 2 or 2026051201), not '%(text)s'",
                text=text,
            ),
        )
        return 1
    return int(text)


def _kind(text: str, at: Position, notes: Notes) -> str:
    if not text:
        return DEFAULT_KIND
    if text not in FORM_KINDS:
        notes.problem(
            at,
            _(
                "the kind must be one of %(kinds)s, not '%(text)s'",
                kinds=", ".join(FORM_KINDS),
                text=text,
            ),
        )
        return DEFAULT_KIND
    return text
