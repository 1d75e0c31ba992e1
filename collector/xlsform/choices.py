"""The choices sheet: the named lists that select questions pick from."""

from dataclasses import dataclass

from flask_babel import gettext as _

from collector.xlsform.reader import Row
from collector.xlsform.sheets import Notes, ReadSheet

# Our column that says what a scale point's label stands for, so a round trip keeps
# endpoint labels (min_label / max_label) apart from labels of single points. Not
# "collector::...": pyxform reads "::" in a choices column as a translation and fails.
LABEL_KIND = "collector_label_kind"
LABEL_KINDS = ("point", "min_label", "max_label", "number")
_USED = {"list_name", "name", "label", LABEL_KIND}
# Pictures and sounds per choice: Collector shows text only, so they are left out.
_MEDIA = {"image", "audio", "video", "big-image", "media::image", "media::audio", "media::video"}


@dataclass(frozen=True)
class Choice:
    row: Row
    value: str
    label: dict[str, str]
    label_kind: str


def read_choice_lists(
    choices: ReadSheet | None, default_language: str, notes: Notes
) -> dict[str, list[Choice]]:
    lists: dict[str, list[Choice]] = {}
    if choices is None:
        return lists
    _warn_unused_columns(choices, notes)
    for row in choices.sheet.rows:
        list_name, value = choices.text(row, "list_name"), choices.text(row, "name")
        if not list_name:
            notes.problem(row.at(choices.column_name("list_name")), _("the list_name is empty"))
            continue
        if not value:
            notes.problem(
                row.at(choices.column_name("name")),
                _("the choice has no name (the code stored as the answer)"),
            )
            continue
        kind = choices.text(row, LABEL_KIND) or "point"
        if kind not in LABEL_KINDS:
            notes.problem(
                row.at(choices.column_name(LABEL_KIND)),
                _("the label kind must be one of %(kinds)s", kinds=", ".join(LABEL_KINDS)),
            )
        label = choices.translations(row, "label", default_language)
        lists.setdefault(list_name, []).append(Choice(row, value, label, kind))
    return lists


def _warn_unused_columns(choices: ReadSheet, notes: Notes) -> None:
    for name, column in choices.columns.items():
        if column.key in _USED:
            continue
        row = next((row for row in choices.sheet.rows if row.get(name)), None)
        if row is None:
            continue
        if column.key in _MEDIA:
            message = _("pictures and sounds are not shown by Collector; the column is left out")
        else:
            message = _(
                "the column '%(name)s' is not used by Collector (choice filters are not "
                "supported); it is left out",
                name=name,
            )
        notes.warning(row.at(name), message)
