"""What a form page needs from a published schema: texts in one language, client rules."""

from typing import Any

from collector.i18n import in_language
from collector.schema.normalise import all_questions, choice_values


def form_language(schema: dict[str, Any], requested: str | None, interface: str) -> str:
    """The language to show: asked for, else the interface's, else the form's default."""
    for language in (requested, interface):
        if language in schema["languages"]:
            return language
    return schema["languages"][0]


def client_rules(schema: dict[str, Any], language: str) -> dict[str, Any]:
    """The part of the schema the browser needs to check answers: no labels, small."""
    return {
        "form": schema["form"],
        "version": schema["version"],
        "questions": [
            {
                "id": q["id"],
                "type": q["type"],
                "required": q["required"],
                "show_if": q["show_if"]["tree"] if q["show_if"] else None,
                "constraint": q["constraint"]["tree"] if q["constraint"] else None,
                "constraint_message": in_language(q["constraint_message"], language) or None,
                "min": q.get("min"),
                "max": q.get("max"),
                "choices": choice_values(q) if "choices" in q else None,
                "other": q.get("other", False),
                # A new interview (or the next person in kiosk mode) starts from these,
                # not from the page's inputs, which may hold a re-shown post's answers.
                "default": q.get("default"),
            }
            for q in all_questions(schema)
        ],
    }


SMILEYS = {1: "😞", 2: "🙁", 3: "😐", 4: "🙂", 5: "😄"}


def scale_points(question: dict[str, Any], language: str) -> list[dict[str, Any]]:
    """Each point of a scale with its label (or endpoint label) and its face."""
    low, high = question["min"], question["max"]
    points = []
    for value in range(low, high + 1):
        label = in_language(question["labels"].get(str(value)), language)
        if not label and value == low:
            label = in_language(question["min_label"], language)
        if not label and value == high:
            label = in_language(question["max_label"], language)
        points.append({"value": value, "label": label, "face": _face(value, low, high)})
    return points


def _face(value: int, low: int, high: int) -> str:
    # Spread five faces over any scale length, so 1–5 and 0–10 both read bad→good.
    position = 1 + round(4 * (value - low) / (high - low)) if high > low else 3
    return SMILEYS[position]
