"""A form's published schema to the rows of an XLSForm: survey, choices and settings.

What XLSForm has no word for (tags, sensitive, renamed_from, number limits, scale style,
the kind and the title in every language) goes into ``collector::`` columns, which other
tools ignore and our import reads back, so a round trip gives the same questionnaire.
"""

from dataclasses import dataclass, field
from typing import Any

from babel import Locale, UnknownLocaleError
from flask_babel import force_locale
from flask_babel import gettext as _

from collector.xlsform.choices import LABEL_KIND
from collector.xlsform.errors import ExportProblem
from collector.xlsform.expression_text import xpath_text
from collector.xlsform.limits import range_tree, with_range
from collector.xlsform.vocabulary import YES_NO_LIST, YES_NO_VALUES

_TYPES = {
    "text": "text",
    "textarea": "text",
    "integer": "integer",
    "decimal": "decimal",
    "date": "date",
    "note": "note",
    "consent": "acknowledge",
    "select_one": "select_one",
    "select_multiple": "select_multiple",
    "scale": "select_one",
    "yes_no": "select_one",
}


@dataclass
class Table:
    """One sheet: its columns in order and a dict per row (missing keys are empty cells)."""

    columns: list[str]
    rows: list[dict[str, str]] = field(default_factory=list)

    def add(self, row: dict[str, str]) -> None:
        for column in row:
            if column not in self.columns:
                self.columns.append(column)
        self.rows.append(row)


def form_to_tables(schema: dict[str, Any]) -> dict[str, Table]:
    """The three sheets of the XLSForm for a published schema; raise ExportProblem naming
    the question when something cannot be said in XLSForm with the same meaning."""
    languages = schema["languages"]
    names = {language: language_name(language) for language in languages}
    survey = Table(["type", "name", *(f"label::{names[lang]} ({lang})" for lang in languages)])
    choices = Table(
        ["list_name", "name", *(f"label::{names[lang]} ({lang})" for lang in languages)]
    )
    uses_yes_no = False
    for section in schema["sections"]:
        group = {"type": "begin group", "name": section["id"]}
        group.update(_texts("label", section["title"], names))
        survey.add(group)
        for question in section["questions"]:
            try:
                survey.add(_question(question, names))
            except ExportProblem as problem:
                raise ExportProblem(
                    _("question '%(id)s': %(problem)s", id=question["id"], problem=problem)
                ) from None
            _add_choices(question, choices, names)
            uses_yes_no = uses_yes_no or question["type"] == "yes_no"
        survey.add({"type": "end group", "name": section["id"]})
    if uses_yes_no:
        _add_yes_no_list(choices, names)
    return {"survey": survey, "choices": choices, "settings": _settings(schema, names)}


def language_name(code: str) -> str:
    """English name of a language, as XLSForm columns write it: Latvian for lv."""
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code


def _question(question: dict[str, Any], names: dict[str, str]) -> dict[str, str]:
    kind = question["type"]
    row = {"type": _TYPES[kind], "name": question["id"]}
    if kind in ("select_one", "select_multiple", "scale"):
        row["type"] += f" {question['id']}"
    if kind == "yes_no":
        row["type"] += f" {YES_NO_LIST}"
    if question.get("other"):
        row["type"] += " or_other"
    if kind == "textarea":
        row["appearance"] = "multiline"
    if kind == "scale":
        row["appearance"] = "likert"
        row["collector::style"] = question["style"]
    row.update(_texts("label", question["label"], names))
    row.update(_texts("hint", question.get("hint"), names))
    if question.get("required"):
        row["required"] = "yes"
    if question.get("show_if"):
        row["relevant"] = xpath_text(question["show_if"]["tree"])
    own = question["constraint"]["tree"] if question.get("constraint") else None
    constraint = with_range(_limits(question), own)
    if constraint:
        row["constraint"] = xpath_text(constraint)
    row.update(_texts("constraint_message", question.get("constraint_message"), names))
    if question.get("tags"):
        row["collector::tags"] = " ".join(question["tags"])
    if question.get("sensitive"):
        row["collector::sensitive"] = "yes"
    if question.get("renamed_from"):
        row["collector::renamed_from"] = question["renamed_from"]
    if kind in ("integer", "decimal"):
        for key in ("min", "max"):
            if question.get(key) is not None:
                row[f"collector::{key}"] = str(question[key])
    if question.get("default") is not None:
        row["default"] = _default_text(question["default"])
    return row


def _default_text(value: Any) -> str:
    """A default as XLSForm writes it: text, with a space between several choices."""
    if isinstance(value, list):
        return " ".join(value)
    return str(value)


def _limits(question: dict[str, Any]) -> dict[str, Any] | None:
    if question["type"] not in ("integer", "decimal"):
        return None
    low, high = question.get("min"), question.get("max")
    return range_tree(None if low is None else str(low), None if high is None else str(high))


def _add_choices(question: dict[str, Any], choices: Table, names: dict[str, str]) -> None:
    if question["type"] == "scale":
        for point in range(question["min"], question["max"] + 1):
            label, kind = _scale_label(question, point)
            row = {"list_name": question["id"], "name": str(point)}
            row.update(_texts("label", label, names) if label else _numbered(point, names))
            if kind != "point":
                row[LABEL_KIND] = kind
            choices.add(row)
    for choice in question.get("choices", []):
        row = {"list_name": question["id"], "name": choice["value"]}
        row.update(_texts("label", choice["label"], names))
        choices.add(row)


def _scale_label(question: dict[str, Any], point: int) -> tuple[dict[str, str] | None, str]:
    if str(point) in question["labels"]:
        return question["labels"][str(point)], "point"
    if point == question["min"] and question.get("min_label"):
        return question["min_label"], "min_label"
    if point == question["max"] and question.get("max_label"):
        return question["max_label"], "max_label"
    # XLSForm wants a label on every choice; the point's number is what our scale shows.
    return None, "number"


def _numbered(point: int, names: dict[str, str]) -> dict[str, str]:
    return _texts("label", dict.fromkeys(names, str(point)), names)


def _add_yes_no_list(choices: Table, names: dict[str, str]) -> None:
    # The words the form page shows for a yes_no question, in each language of the form.
    for value in YES_NO_VALUES:
        labels = {}
        for language in names:
            with force_locale(language):
                labels[language] = _("Yes") if value == "yes" else _("No")
        row = {"list_name": YES_NO_LIST, "name": value}
        row.update(_texts("label", labels, names))
        choices.add(row)


def _settings(schema: dict[str, Any], names: dict[str, str]) -> Table:
    default = schema["languages"][0]
    row = {
        "form_id": schema["form"],
        "version": str(schema["version"]),
        "form_title": schema["title"][default],
        "default_language": f"{names[default]} ({default})",
        "collector::kind": schema["kind"],
    }
    row.update(_texts("collector::title", schema["title"], names))
    row.update(_texts("collector::description", schema.get("description"), names))
    table = Table(list(row))
    table.add(row)
    return table


def _texts(key: str, texts: dict[str, str] | None, names: dict[str, str]) -> dict[str, str]:
    if not texts:
        return {}
    return {f"{key}::{names[language]} ({language})": texts[language] for language in names}
