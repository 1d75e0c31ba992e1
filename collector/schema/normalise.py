"""Turn a checked form document into the published schema: defaults filled, text per
language, expressions parsed once into syntax trees for the Python and JS evaluators."""

from datetime import date
from typing import Any

from collector.schema import expressions
from collector.schema.vocabulary import OTHER_CHOICE

SCHEMA_FORMAT = 1


def normalise(document: dict[str, Any]) -> dict[str, Any]:
    languages = document["languages"]
    return {
        "schema_format": SCHEMA_FORMAT,
        "form": document["form"],
        "version": document["version"],
        "kind": document["kind"],
        "languages": languages,
        "title": _text(document["title"], languages),
        "description": _text(document.get("description"), languages),
        "sections": [
            {
                "id": section["id"],
                "title": _text(section["title"], languages),
                "questions": [_question(q, languages) for q in section["questions"]],
            }
            for section in document["sections"]
        ],
    }


def _question(question: dict[str, Any], languages: list[str]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "id": question["id"],
        "type": question["type"],
        "label": _text(question["label"], languages),
        "hint": _text(question.get("hint"), languages),
        "required": question.get("required", False),
        "show_if": _expression(question.get("show_if")),
        "constraint": _expression(question.get("constraint")),
        "constraint_message": _text(question.get("constraint_message"), languages),
        "tags": question.get("tags", []),
        "sensitive": question.get("sensitive", False),
        "renamed_from": question.get("renamed_from"),
    }
    if "choices" in question:
        result["choices"] = [
            {"value": str(choice["value"]), "label": _text(choice["label"], languages)}
            for choice in question["choices"]
        ]
        result["other"] = question.get("other", False)
    if question["type"] in ("integer", "decimal"):
        result["min"] = question.get("min")
        result["max"] = question.get("max")
    if question["type"] == "scale":
        result.update(_scale(question, languages))
    # Only when given: a key added to every question would change the content of every
    # published version, and a re-import would then ask for new version numbers.
    if "default" in question:
        result["default"] = _default(question["type"], question["default"])
    return result


def _default(kind: str, value: Any) -> Any:
    """The default as the answer it stands for: choice codes as text (like the choices'
    values), a date as ISO text; numbers, yes/no and text as they are."""
    if kind == "select_multiple":
        return [str(item) for item in value]
    if kind == "select_one":
        return str(value)
    if kind == "date" and isinstance(value, date):
        return value.isoformat()
    return value


def _scale(question: dict[str, Any], languages: list[str]) -> dict[str, Any]:
    return {
        "min": question.get("min", 1),
        "max": question.get("max", 5),
        "style": question.get("style", "numbers"),
        # JSON object keys are strings; keep them so in storage and in the browser alike.
        "labels": {
            str(point): _text(text, languages)
            for point, text in sorted(question.get("labels", {}).items())
        },
        "min_label": _text(question.get("min_label"), languages),
        "max_label": _text(question.get("max_label"), languages),
    }


def _text(value: str | dict[str, str] | None, languages: list[str]) -> dict[str, str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return {language: value for language in languages}
    return {language: value[language] for language in languages}


def _expression(source: str | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {"source": source, "tree": expressions.parse(source)}


def all_questions(schema: dict[str, Any]) -> list[dict[str, Any]]:
    return [question for section in schema["sections"] for question in section["questions"]]


def choice_values(question: dict[str, Any]) -> list[str]:
    values = [choice["value"] for choice in question.get("choices", [])]
    return [*values, OTHER_CHOICE] if question.get("other") else values
