"""Import an XLSForm: workbook → form document → YAML text, checked by the form loader.

The YAML is checked in memory before anything is written or published; the loader's
problems are told at the workbook row they came from, since that is the file the author has.
"""

import bisect
from dataclasses import dataclass
from typing import Any

import yaml

from collector.schema.errors import FormFileInvalid
from collector.schema.loader import LoadedForm, load_form_text
from collector.schema.source import read_source
from collector.xlsform.errors import Position, XLSFormInvalid, XLSFormProblem
from collector.xlsform.reader import read_workbook
from collector.xlsform.to_form import sheets_to_document

# The order a person writes a question in, so the YAML reads like the shipped samples.
_KEY_ORDER = (
    "id",
    "type",
    "label",
    "hint",
    "required",
    "show_if",
    "min",
    "max",
    "style",
    "labels",
    "min_label",
    "max_label",
    "constraint",
    "constraint_message",
    "choices",
    "other",
    "default",
    "tags",
    "sensitive",
    "renamed_from",
)


@dataclass(frozen=True)
class ImportedForm:
    loaded: LoadedForm
    yaml_text: str
    warnings: list[XLSFormProblem]


def import_xlsform(content: bytes, filename: str, yaml_name: str) -> ImportedForm:
    """Read an XLSForm and check the form it makes; raise XLSFormInvalid with every problem.

    `filename` names the workbook in messages; `yaml_name` is the file the YAML is for.
    """
    document, notes = sheets_to_document(read_workbook(content, filename), filename)
    text = document_yaml(document, filename)
    try:
        loaded = load_form_text(text, yaml_name)
    except FormFileInvalid as invalid:
        raise XLSFormInvalid(_located(invalid, text, notes.places)) from None
    return ImportedForm(loaded, text, notes.warnings)


def document_yaml(document: dict[str, Any], source_name: str) -> str:
    ordered = {
        **document,
        "sections": [
            {
                **section,
                "questions": [_ordered(question) for question in section["questions"]],
            }
            for section in document["sections"]
        ],
    }
    body = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=100)
    return f"# Imported from the XLSForm {source_name}.\n{body}"


def _ordered(question: dict[str, Any]) -> dict[str, Any]:
    """The question's keys in the usual order; a key the order does not name yet comes
    last rather than being lost (a new key of the format, as `default` once was)."""
    known = {key: question[key] for key in _KEY_ORDER if key in question}
    return {**known, **{key: value for key, value in question.items() if key not in known}}


def _located(
    invalid: FormFileInvalid, text: str, places: dict[tuple, Position]
) -> list[XLSFormProblem]:
    lines = read_source(text, "").lines
    # Each place's line in the YAML; a problem belongs to the nearest place above it.
    marks = sorted((lines[path], len(path), path) for path in places if path in lines)
    starts = [line for line, _depth, _path in marks]
    problems = []
    for error in invalid.errors:
        index = bisect.bisect_right(starts, error.line or 0) - 1
        position = places[marks[index][2]] if index >= 0 else Position("survey")
        problems.append(XLSFormProblem(position, error.message))
    return problems
