"""The survey sheet, row by row, to sections and questions of our form document."""

import re
from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from collector.schema.expressions import parse
from collector.schema.vocabulary import OTHER_CHOICE
from collector.xlsform.choices import Choice
from collector.xlsform.errors import Position
from collector.xlsform.expression_text import collector_text
from collector.xlsform.limits import range_tree, without_range
from collector.xlsform.reader import Row
from collector.xlsform.sheets import Notes, ReadSheet
from collector.xlsform.vocabulary import (
    DEFAULT_SECTION,
    DROPPED_COLUMNS,
    FALSE_WORDS,
    METADATA,
    RECORDED_ANYWAY,
    REFUSED_COLUMNS,
    SELECT_TYPES,
    SIMPLE_TYPES,
    TRUE_WORDS,
    UNSUPPORTED_TYPES,
    USED_COLUMNS,
    YES_NO_LIST,
    YES_NO_VALUES,
)
from collector.xlsform.xpath import XPathUnsupported, xpath_to_tree

# pyxform computes a default that names an answer (${q}) or calls a function (today()).
DYNAMIC_DEFAULT = re.compile(r"\$\{|^\s*[A-Za-z_][\w:-]*\(.*\)\s*$")


@dataclass
class _Section:
    row: Row | None
    content: dict[str, Any]
    show_if: str | None = None  # a group's relevant, given to each of its questions
    places: list[tuple[Any, Position]] = field(default_factory=list)


class SurveyReader:
    """Walks the survey rows once; problems and warnings go to `notes`."""

    def __init__(
        self,
        survey: ReadSheet,
        lists: dict[str, list[Choice]],
        languages: list[str],
        form_title: Any,
        notes: Notes,
    ) -> None:
        self.survey = survey
        self.lists = lists
        self.languages = languages
        self.language = languages[0]
        self.form_title = form_title
        self.notes = notes
        self.sections: list[_Section] = []
        self.group: _Section | None = None
        self.loose: _Section | None = None  # questions outside any group

    def read(self) -> list[dict[str, Any]]:
        self._warn_unused_columns()
        for row in self.survey.sheet.rows:
            self._row(row)
        if self.group is not None and self.group.row is not None:
            self.notes.problem(
                self.group.row.at(self.survey.column_name("type")),
                _("the group '%(id)s' is not closed with 'end group'", id=self.group.content["id"]),
            )
        for s, section in enumerate(self.sections):
            first_question = section.places[0][1] if section.places else None
            self.notes.places[("sections", s)] = (
                section.row.at() if section.row is not None else first_question
            )
            for path, position in section.places:
                self.notes.places[("sections", s, "questions", *path)] = position
        return [section.content for section in self.sections]

    def _row(self, row: Row) -> None:
        written = " ".join(self.survey.text(row, "type").lower().split())
        type_at = row.at(self.survey.column_name("type"))
        if not written:
            self.notes.problem(type_at, _("the type is empty"))
            return
        words = written.replace("begin_", "begin ").replace("end_", "end ").split(" ")
        head = " ".join(words[:2]) if words[0] in ("begin", "end", "select") else words[0]
        if head == "begin group":
            self._begin_group(row)
        elif head == "end group":
            self._end_group(row)
        elif head in UNSUPPORTED_TYPES:
            self.notes.problem(
                type_at,
                _(
                    "the type '%(type)s' is not supported (Collector has no %(what)s)",
                    type=written,
                    what=UNSUPPORTED_TYPES[head],
                ),
            )
        elif written in RECORDED_ANYWAY or head == "end repeat":
            return  # an end repeat's begin repeat is already refused
        elif written in METADATA:
            self.notes.warning(
                type_at,
                _(
                    "'%(type)s' is device metadata that Collector does not record; left out",
                    type=written,
                ),
            )
        elif head in SELECT_TYPES:
            self._question(row, SELECT_TYPES[head], words[2:] if head.count(" ") else words[1:])
        elif written in SIMPLE_TYPES:
            self._question(row, SIMPLE_TYPES[written], [])
        else:
            self.notes.problem(
                type_at,
                _("the type '%(type)s' is not supported", type=written),
            )

    def _begin_group(self, row: Row) -> None:
        name_at = row.at(self.survey.column_name("name"))
        if self.group is not None:
            self.notes.problem(
                row.at(self.survey.column_name("type")),
                _("groups inside groups are not supported; Collector's sections are not nested"),
            )
            return
        name = self.survey.text(row, "name")
        if not name:
            self.notes.problem(name_at, _("the group has no name"))
        title = self.survey.translations(row, "label", self.language) or self._everywhere(name)
        appearance = self.survey.text(row, "appearance")
        if appearance and appearance != "field-list":
            self.notes.warning(
                row.at(self.survey.column_name("appearance")),
                _("the appearance '%(appearance)s' is not used; left out", appearance=appearance),
            )
        relevant = self._expression(row, "relevant")
        self.group = _Section(row, {"id": name, "title": title, "questions": []}, relevant)
        self.sections.append(self.group)
        self.loose = None

    def _end_group(self, row: Row) -> None:
        if self.group is None:
            self.notes.problem(
                row.at(self.survey.column_name("type")),
                _("'end group' without a 'begin group' before it"),
            )
            return
        if not self.group.content["questions"] and self.group.row is not None:
            self.notes.problem(
                self.group.row.at(self.survey.column_name("type")),
                _("the group '%(id)s' has no questions", id=self.group.content["id"]),
            )
        self.group = None

    def _section_for_question(self) -> _Section:
        if self.group is not None:
            return self.group
        if self.loose is None:
            taken = {section.content["id"] for section in self.sections}
            section_id, number = DEFAULT_SECTION, 1
            while section_id in taken:
                number += 1
                section_id = f"{DEFAULT_SECTION}_{number}"
            self.loose = _Section(
                None, {"id": section_id, "title": self.form_title, "questions": []}
            )
            self.sections.append(self.loose)
        return self.loose

    def _question(self, row: Row, kind: str, options: list[str]) -> None:
        section = self._section_for_question()
        column = self.survey.column_name
        question: dict[str, Any] = {"id": self.survey.text(row, "name"), "type": kind}
        places: list[tuple[Any, Position]] = [
            ((), row.at()),
            (("id",), row.at(column("name"))),
            (("type",), row.at(column("type"))),
        ]
        if not question["id"]:
            self.notes.problem(row.at(column("name")), _("the question has no name"))
        for key, ours in (("label", "label"), ("hint", "hint")):
            text = self.survey.translations(row, key, self.language)
            if text:
                question[ours] = text
                places.append(((ours,), row.at(_first_column(self.survey, key))))
        if kind in ("select_one", "select_multiple"):
            self._choices(row, question, options, places)
        else:
            self._appearance(row, question)
        if self._flag(row, "required"):
            question["required"] = True
            places.append((("required",), row.at(column("required"))))
        show_if = self._expression(row, "relevant")
        if section.show_if:
            show_if = _both(section.show_if, show_if)
        if show_if:
            question["show_if"] = show_if
            places.append((("show_if",), row.at(column("relevant"))))
        constraint = self._constraint(row, question["type"])
        if constraint:
            question["constraint"] = constraint
            places.append((("constraint",), row.at(column("constraint"))))
        message = self.survey.translations(row, "constraint_message", self.language)
        if message:
            question["constraint_message"] = message
            places.append((("constraint_message",), row.at(column("constraint_message"))))
        self._ours(row, question, places)
        self._default(row, question, places)
        # Paths so far are within the question; the section adds the question's index.
        index = len(section.content["questions"])
        section.content["questions"].append(question)
        section.places.extend(((index, *path), position) for path, position in places)

    def _appearance(self, row: Row, question: dict[str, Any]) -> None:
        appearance = self.survey.text(row, "appearance")
        if not appearance:
            return
        words = appearance.split()
        if question["type"] == "text" and "multiline" in words:
            question["type"] = "textarea"
            words.remove("multiline")
        if words:
            self.notes.warning(
                row.at(self.survey.column_name("appearance")),
                _(
                    "the appearance '%(appearance)s' is not used by Collector; left out",
                    appearance=" ".join(words),
                ),
            )

    def _choices(
        self,
        row: Row,
        question: dict[str, Any],
        options: list[str],
        places: list[tuple[Any, Position]],
    ) -> None:
        type_at = row.at(self.survey.column_name("type"))
        other = options[1:] == ["or_other"]
        if not options or len(options) > 2 or (len(options) == 2 and not other):
            self.notes.problem(
                type_at,
                _("write a select as 'select_one LIST' or 'select_one LIST or_other'"),
            )
            return
        list_name = options[0]
        choices = self.lists.get(list_name)
        if choices is None:
            self.notes.problem(
                type_at,
                _("the list '%(name)s' is not in the choices sheet", name=list_name),
            )
            return
        appearance = self.survey.text(row, "appearance").split()
        if list_name == YES_NO_LIST and question["type"] == "select_one":
            self._yes_no(row, question, choices, other)
            return
        if "likert" in appearance:
            appearance.remove("likert")
            if self._scale(row, question, choices, other):
                self._leftover_appearance(row, appearance)
                return
        self._leftover_appearance(row, appearance)
        question["choices"] = []
        for choice in choices:
            if other and choice.value == OTHER_CHOICE:
                continue  # or_other adds it; pyxform forms sometimes list it as well
            places.append((("choices", len(question["choices"])), choice.row.at()))
            label = choice.label or self._everywhere(choice.value)
            question["choices"].append({"value": choice.value, "label": label})
        if other:
            question["other"] = True

    def _yes_no(self, row: Row, question: dict[str, Any], choices: list[Choice], other: bool):
        if tuple(choice.value for choice in choices) != YES_NO_VALUES or other:
            self.notes.problem(
                row.at(self.survey.column_name("type")),
                _(
                    "the list '%(name)s' is Collector's yes/no question: it must have exactly "
                    "the choices yes and no, and no or_other",
                    name=YES_NO_LIST,
                ),
            )
        question["type"] = "yes_no"

    def _scale(self, row: Row, question: dict[str, Any], choices: list[Choice], other: bool):
        """likert over the points 1, 2, 3… is our scale; any other list stays a select."""
        points = [int(choice.value) if _is_whole(choice.value) else None for choice in choices]
        low = points[0] if points else None
        consecutive = low is not None and points == list(range(low, low + len(points)))
        if other or not consecutive or len(points) < 2:
            self.notes.warning(
                row.at(self.survey.column_name("appearance")),
                _(
                    "likert becomes a Collector scale only for the choices 1, 2, 3… (a row "
                    "each, in order, without or_other); this question stays a list of choices"
                ),
            )
            return False
        question["type"] = "scale"
        question["min"], question["max"] = points[0], points[-1]
        style = self.survey.text(row, "collector::style")
        if style:
            question["style"] = style
        labels: dict[int, dict[str, str]] = {}
        for point, choice in zip(points, choices, strict=True):
            if choice.label_kind == "point" and choice.label:
                labels[point] = choice.label
            elif choice.label_kind in ("min_label", "max_label"):
                question[choice.label_kind] = choice.label
        if labels:
            question["labels"] = labels
        return True

    def _leftover_appearance(self, row: Row, words: list[str]) -> None:
        if words:
            self.notes.warning(
                row.at(self.survey.column_name("appearance")),
                _(
                    "the appearance '%(appearance)s' is not used by Collector; left out",
                    appearance=" ".join(words),
                ),
            )

    def _ours(self, row: Row, question: dict[str, Any], places: list[tuple[Any, Position]]) -> None:
        column = self.survey.column_name
        tags = self.survey.text(row, "collector::tags")
        if tags:
            question["tags"] = tags.replace(",", " ").split()
            places.append((("tags",), row.at(column("collector::tags"))))
        if self._flag(row, "collector::sensitive"):
            question["sensitive"] = True
            places.append((("sensitive",), row.at(column("collector::sensitive"))))
        renamed = self.survey.text(row, "collector::renamed_from")
        if renamed:
            question["renamed_from"] = renamed
            places.append((("renamed_from",), row.at(column("collector::renamed_from"))))
        for key in ("min", "max"):
            text = self.survey.text(row, f"collector::{key}")
            if text:
                question[key] = _number(text)
                places.append(((key,), row.at(column(f"collector::{key}"))))
        style = self.survey.text(row, "collector::style")
        if style and question["type"] != "scale":
            question["style"] = style
            places.append((("style",), row.at(column("collector::style"))))

    def _default(
        self, row: Row, question: dict[str, Any], places: list[tuple[Any, Position]]
    ) -> None:
        """The default cell as an answer of the question's final type (after likert,
        yes/no and multiline); what does not fit is named by the loader at this cell."""
        text = self.survey.text(row, "default")
        if not text:
            return
        if DYNAMIC_DEFAULT.search(text):
            self.notes.problem(
                row.at(self.survey.column_name("default")),
                _(
                    "the default '%(text)s' is computed (from other answers or a function "
                    "like today()); Collector defaults are fixed answers, like 3 or yes",
                    text=text,
                ),
            )
            return
        question["default"] = _typed_default(question["type"], text)
        places.append((("default",), row.at(self.survey.column_name("default"))))

    def _everywhere(self, text: str) -> dict[str, str]:
        """The same text in every language: for a name standing in for a missing label."""
        return dict.fromkeys(self.languages, text)

    def _flag(self, row: Row, key: str) -> bool:
        text = self.survey.text(row, key)
        if not text or text.lower() in FALSE_WORDS:
            return False
        if text.lower() in TRUE_WORDS:
            return True
        self.notes.problem(
            row.at(self.survey.column_name(key)),
            _("write yes or no here, not '%(text)s' (conditions are not supported)", text=text),
        )
        return False

    def _expression(self, row: Row, key: str) -> str | None:
        tree = self._xpath(row, key)
        return collector_text(tree) if tree else None

    def _xpath(self, row: Row, key: str) -> dict[str, Any] | None:
        text = self.survey.text(row, key)
        if not text:
            return None
        try:
            return xpath_to_tree(text)
        except XPathUnsupported as error:
            self.notes.problem(row.at(self.survey.column_name(key)), str(error))
            return None

    def _constraint(self, row: Row, kind: str) -> str | None:
        """The question's own constraint, without the range an export put in front of it."""
        tree = self._xpath(row, "constraint")
        if tree is None:
            return None
        if kind in ("integer", "decimal"):
            low = self.survey.text(row, "collector::min") or None
            high = self.survey.text(row, "collector::max") or None
            try:
                tree = without_range(range_tree(low, high), tree)
            except ValueError:
                pass  # not numbers: the loader says so at the collector::min / max column
        return collector_text(tree) if tree else None

    def _warn_unused_columns(self) -> None:
        for name, column in self.survey.columns.items():
            if column.key in USED_COLUMNS:
                continue
            for row in self.survey.sheet.rows:
                if not row.get(name):
                    continue
                if column.key in REFUSED_COLUMNS:
                    self.notes.problem(row.at(name), str(REFUSED_COLUMNS[column.key]))
                    continue
                if column.key in DROPPED_COLUMNS:
                    message = _(
                        "the column '%(name)s' (pictures, sounds, extra guidance) is not "
                        "shown by Collector; left out",
                        name=name,
                    )
                else:
                    message = _(
                        "the column '%(name)s' is not used by Collector; left out", name=name
                    )
                self.notes.warning(row.at(name), message)
                break


def _first_column(read: ReadSheet, key: str) -> str:
    return next((name for name, c in read.columns.items() if c.key == key), key)


def _both(group: str, own: str | None) -> str:
    """A group's condition and the question's own, both needed for it to show."""
    if not own:
        return group
    return collector_text({"op": "and", "args": [parse(group), parse(own)]})


def _typed_default(kind: str, text: str) -> Any:
    """XLSForm writes every default as text: "3", "a b" for two choices, "yes"."""
    if kind in ("integer", "scale"):
        return int(text) if _is_whole(text) else text  # else the loader says: whole number
    if kind == "decimal":
        return _number(text)
    if kind == "select_multiple":
        return text.split()
    return text


def _is_whole(text: str) -> bool:
    return text.lstrip("-").isdigit()


def _number(text: str) -> Any:
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text  # the loader names the problem: 'min' must be a number
