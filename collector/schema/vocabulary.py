"""The words of the questionnaire format: question types and which keys each one takes."""

QUESTION_TYPES = (
    "text",
    "textarea",
    "integer",
    "decimal",
    "date",
    "select_one",
    "select_multiple",
    "scale",
    "yes_no",
    "note",
    "consent",
)
FORM_KINDS = ("interview", "survey")
SCALE_STYLES = ("numbers", "smileys")

OPEN_TYPES = frozenset({"text", "textarea"})
NUMBER_TYPES = frozenset({"integer", "decimal"})
SELECT_TYPES = frozenset({"select_one", "select_multiple"})

COMMON_KEYS = frozenset(
    {
        "id",
        "type",
        "label",
        "hint",
        "required",
        "show_if",
        "constraint",
        "constraint_message",
        "tags",
        "sensitive",
        "renamed_from",
        "default",
    }
)
# Keys that only make sense for some types; any other type using them is an error.
TYPE_SPECIFIC_KEYS: dict[str, frozenset[str]] = {
    "choices": SELECT_TYPES,
    "other": SELECT_TYPES,
    "min": NUMBER_TYPES | {"scale"},
    "max": NUMBER_TYPES | {"scale"},
    "style": frozenset({"scale"}),
    "labels": frozenset({"scale"}),
    "min_label": frozenset({"scale"}),
    "max_label": frozenset({"scale"}),
}
# A note shows text; it takes no answer, so nothing about answers applies to it.
NOT_FOR_NOTES = ("required", "constraint", "constraint_message", "sensitive", "default")

YES_NO_VALUES = ("yes", "no")
OTHER_CHOICE = "other"
OTHER_SUFFIX = "_other"
# Words of the expression language; a question named like one could never be referenced.
RESERVED_IDS = frozenset({"and", "or", "not", "in", "true", "false", "null"})
MAX_SCALE_POINTS = 11
