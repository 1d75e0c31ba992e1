"""Form file → validated, normalised schema: read, check shape, check rules, normalise."""

import difflib
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any

from flask_babel import gettext as _
from marshmallow import Schema, ValidationError

from collector.schema.document import (
    ChoiceSchema,
    FormDocumentSchema,
    QuestionSchema,
    SectionSchema,
    ShapeProblem,
)
from collector.schema.errors import FormFileError, FormFileInvalid, Path
from collector.schema.normalise import normalise
from collector.schema.rules import find_problems
from collector.schema.source import SourceDocument, read_source


@dataclass(frozen=True)
class LoadedForm:
    """A form file that passed every check, ready to publish."""

    key: str
    version: int
    kind: str
    schema: dict[str, Any]
    source: str
    filename: str

    @property
    def content_hash(self) -> str:
        canonical = json.dumps(self.schema, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


def load_form_file(path: str | FilePath) -> LoadedForm:
    """Read and check one form file; raises FormFileInvalid listing every problem."""
    filename = str(path)
    try:
        text = FilePath(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FormFileInvalid([FormFileError(filename, None, _("no such file"))]) from None
    except UnicodeDecodeError:
        raise FormFileInvalid(
            [FormFileError(filename, None, _("the file is not UTF-8 text; save it as UTF-8"))]
        ) from None
    except OSError as error:
        raise FormFileInvalid(
            [FormFileError(filename, None, error.strerror or str(error))]
        ) from None
    return load_form_text(text, filename)


def load_form_text(text: str, filename: str) -> LoadedForm:
    source = read_source(text, filename)
    if not isinstance(source.data, dict):
        raise FormFileInvalid(
            [FormFileError(filename, 1, _("a form file starts with 'form:', 'version:' and so on"))]
        )
    try:
        document = FormDocumentSchema().load(source.data)
    except ValidationError as error:
        raise FormFileInvalid(_shape_errors(error.messages, source, filename)) from None
    problems = find_problems(document)
    if problems:
        raise FormFileInvalid(
            sorted(
                (_located(path, message, source, filename) for path, message in problems),
                key=lambda error: error.line or 0,
            )
        )
    return LoadedForm(
        key=document["form"],
        version=document["version"],
        kind=document["kind"],
        schema=normalise(document),
        source=text,
        filename=filename,
    )


def _shape_errors(messages: Any, source: SourceDocument, filename: str) -> list[FormFileError]:
    errors = [
        _located(path, _plain_shape_message(path, message), source, filename)
        for path, message in _flatten(messages, ())
    ]
    return sorted(errors, key=lambda error: error.line or 0)


def _flatten(messages: Any, path: Path) -> list[tuple[Path, Any]]:
    if isinstance(messages, dict):
        return [
            item
            for key, value in messages.items()
            for item in _flatten(value, path if key == "_schema" else (*path, key))
        ]
    if isinstance(messages, list):
        return [item for message in messages for item in _flatten(message, path)]
    return [(path, messages)]


def _plain_shape_message(path: Path, message: object) -> str:
    key = str(path[-1]) if path else ""
    if isinstance(message, ShapeProblem):
        return _shape_problem_message(key, message)
    if message == "Unknown field.":
        return _unknown_key_message(path, key)
    if message in ("Invalid input type.", "Not a valid mapping type."):
        return _not_keys_message(path)
    return str(message)


def _shape_problem_message(key: str, problem: ShapeProblem) -> str:
    if problem.problem == "missing":
        return _("'%(key)s' is missing", key=key)
    if problem.problem == "empty":
        return _("'%(key)s' is empty", key=key)
    return _("'%(key)s' must be %(kind)s", key=key, kind=str(problem.kind))


def _unknown_key_message(path: Path, key: str) -> str:
    allowed = sorted(_schema_for(path[:-1]).fields)
    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        return _("unknown key '%(key)s'; did you mean '%(close)s'?", key=key, close=close[0])
    return _(
        "unknown key '%(key)s'; the keys here are %(allowed)s", key=key, allowed=", ".join(allowed)
    )


def _not_keys_message(path: Path) -> str:
    parent = path[-2] if len(path) >= 2 else None
    if parent == "choices":
        return _("write a choice as {value: ..., label: ...}")
    if parent == "questions":
        return _("write a question as keys, like 'id: age', 'type: integer' and 'label: ...'")
    if parent == "sections":
        return _("write a section as keys: 'id:', 'title:' and 'questions:'")
    return _(
        "'%(key)s' must be keys and values, like {1: ..., 5: ...}", key=path[-1] if path else ""
    )


def _schema_for(path: Path) -> Schema:
    if len(path) >= 4 and path[-2] == "questions":
        return QuestionSchema()
    if len(path) >= 2 and path[-2] == "sections":
        return SectionSchema()
    if len(path) >= 2 and path[-2] == "choices":
        return ChoiceSchema()
    return FormDocumentSchema()


def _located(path: Path, message: str, source: SourceDocument, filename: str) -> FormFileError:
    where = _describe(path, source.data)
    return FormFileError(
        filename, source.line_of(path), f"{where}: {message}" if where else message
    )


def _describe(path: Path, data: Any) -> str:
    """Say where in the form a path points, in the coordinator's words."""
    if len(path) < 2 or path[0] != "sections" or not isinstance(path[1], int):
        return ""
    section = _item(data.get("sections"), path[1])
    section_name = _name(section, _("section %(n)d", n=path[1] + 1), _("section '%(id)s'"))
    if len(path) < 4 or path[2] != "questions" or not isinstance(path[3], int):
        return section_name
    question = _item(section.get("questions") if section else None, path[3])
    fallback = _("question %(n)d of %(section)s", n=path[3] + 1, section=section_name)
    return _name(question, fallback, _("question '%(id)s'"))


def _item(items: Any, index: int) -> dict | None:
    if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
        return items[index]
    return None


def _name(item: dict | None, fallback: str, template: str) -> str:
    if item and isinstance(item.get("id"), str):
        return template % {"id": item["id"]}
    return fallback
