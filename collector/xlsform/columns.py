"""Column names of an XLSForm: ``label::Latvian (lv)`` is the key ``label`` in ``lv``."""

import re
from dataclasses import dataclass

from flask_babel import gettext as _

from collector.xlsform.errors import Position, XLSFormProblem

# Column families whose second part is a name, not a language. collector::tags and the
# like are ours: they carry what XLSForm has no word for, so a round trip loses nothing.
_PREFIXES = frozenset({"collector", "media", "bind", "body", "instance"})
_CODE_IN_BRACKETS = re.compile(r"\(([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)\)\s*$")
_BARE_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")


@dataclass(frozen=True)
class Column:
    name: str  # as written in the header
    key: str  # lowercase, without the language: label, hint, relevant, collector::tags
    language: str | None  # the code from "(lv)", None when the column has no language


def parse_column(name: str, sheet: str) -> Column | XLSFormProblem:
    """What a header cell means, or a problem naming the column."""
    key, _sep, language_part = name.partition("::")
    key = key.strip().lower()
    if key in _PREFIXES:  # collector::tags, media::image::English (en), bind::...
        sub, _sep, language_part = language_part.partition("::")
        key = f"{key}::{sub.strip().lower()}"
    if not language_part:
        return Column(name, key, None)
    code = _language_code(language_part.strip())
    if code is None:
        return XLSFormProblem(
            Position(sheet, 1, name),
            _(
                "write the language code in brackets after its name, like %(key)s::Latvian (lv)",
                key=key,
            ),
        )
    return Column(name, key, code)


def _language_code(text: str) -> str | None:
    match = _CODE_IN_BRACKETS.search(text)
    if match:
        code = match.group(1)
        return code[:3].lower() + code[3:] if "-" in code else code.lower()
    return text if _BARE_CODE.match(text) else None
