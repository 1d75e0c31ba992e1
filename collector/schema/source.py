"""Read a YAML form file into plain data plus the line of every key and item."""

from dataclasses import dataclass, field
from typing import Any

import yaml

from collector.schema.errors import FormFileError, FormFileInvalid, Path

# Files bigger than this are not questionnaires; refuse before YAML spends time on them.
MAX_SOURCE_BYTES = 1_000_000
# YAML aliases can multiply a small file into billions of nodes; no questionnaire needs this many.
MAX_NODES = 200_000
# A questionnaire nests about ten levels (sections, questions, choices, labels). libyaml
# composes recursively in C, where a file of 100,000 '[' would crash the whole process, so
# the depth is checked on the parser's events before anything is composed.
MAX_DEPTH = 64
MAX_INTEGER = 2**63 - 1
# Scalar constructors keep no state between calls; one loader serves them all.
_SCALAR_CONSTRUCTOR = yaml.SafeLoader("")
# libyaml's parser when PyYAML was built with it: ten times faster, with the same marks.
_COMPOSING_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TRUE_WORDS = {"true"}
_FALSE_WORDS = {"false"}


@dataclass
class SourceDocument:
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    nodes_built: int = 0

    def line_of(self, path: Path) -> int | None:
        """The line of `path`, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


def read_source(text: str, filename: str) -> SourceDocument:
    if _utf8_size(text, filename) > MAX_SOURCE_BYTES:
        raise FormFileInvalid(
            [FormFileError(filename, None, "the file is larger than 1 MB; is it a form file?")]
        )
    try:
        _check_nesting(text, filename)
        root = yaml.compose(text, Loader=_COMPOSING_LOADER)
    except yaml.YAMLError as error:
        raise FormFileInvalid([_yaml_error(filename, text, error)]) from None
    if root is None:
        raise FormFileInvalid([FormFileError(filename, 1, "the file is empty")])
    document = SourceDocument(data=None)
    errors: list[FormFileError] = []
    try:
        document.data = _build(root, (), document, errors, filename)
    except _TooManyNodes:
        raise FormFileInvalid(
            [FormFileError(filename, None, "the file expands to too many items (YAML aliases?)")]
        ) from None
    except _TooDeep as too_deep:
        # Reached through aliases: the text itself passed _check_nesting.
        raise FormFileInvalid(
            [
                FormFileError(
                    filename,
                    too_deep.line,
                    f"the items nest more than {MAX_DEPTH} levels deep "
                    "(an alias used inside the item it names?)",
                )
            ]
        ) from None
    if errors:
        raise FormFileInvalid(errors)
    return document


class _TooManyNodes(Exception):
    pass


class _TooDeep(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def _utf8_size(text: str, filename: str) -> int:
    try:
        return len(text.encode())
    except UnicodeEncodeError as error:
        # Only text that did not come from a file can hold half a UTF-16 pair.
        line = text.count("\n", 0, error.start) + 1
        character = f"U+{ord(text[error.start]):04X}"
        raise FormFileInvalid(
            [FormFileError(filename, line, f"the text has a broken character ({character})")]
        ) from None


def _check_nesting(text: str, filename: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_COMPOSING_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise FormFileInvalid(
                    [
                        FormFileError(
                            filename,
                            event.start_mark.line + 1,
                            f"the items nest more than {MAX_DEPTH} levels deep here",
                        )
                    ]
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _yaml_error(filename: str, text: str, error: yaml.YAMLError) -> FormFileError:
    if isinstance(error, yaml.reader.ReaderError):
        # The reader's own message gives an offset, not a line: in bytes of the UTF-8 text
        # from libyaml, in characters from PyYAML's own reader.
        if _COMPOSING_LOADER is yaml.SafeLoader:
            line = text.count("\n", 0, error.position) + 1
        else:
            line = text.encode()[: error.position].count(b"\n") + 1
        return FormFileError(
            filename,
            line,
            f"the file has an invisible control character (U+{error.character:04X}); remove it",
        )
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark else None
    problem = getattr(error, "problem", None) or str(error)
    return FormFileError(filename, line, f"this is not valid YAML: {problem}")


def _build(
    node: yaml.Node, path: Path, document: SourceDocument, errors: list, filename: str
) -> Any:
    document.nodes_built += 1
    if document.nodes_built > MAX_NODES:
        raise _TooManyNodes
    if len(path) > MAX_DEPTH:
        raise _TooDeep(node.start_mark.line + 1)
    document.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, path, document, errors, filename)
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*path, index), document, errors, filename)
            for index, item in enumerate(node.value)
        ]
    return _read_scalar(node, errors, filename)


def _build_mapping(
    node: yaml.MappingNode, path: Path, document: SourceDocument, errors: list, filename: str
) -> dict:
    result: dict = {}
    for key_node, value_node in node.value:
        key = (
            _read_scalar(key_node, errors, filename)
            if isinstance(key_node, yaml.ScalarNode)
            else None
        )
        if key is None or isinstance(key, list | dict):
            errors.append(
                FormFileError(filename, key_node.start_mark.line + 1, "a key must be a word")
            )
            continue
        if key in result:
            errors.append(
                FormFileError(
                    filename,
                    key_node.start_mark.line + 1,
                    f"'{key}' is given twice here; keep one",
                )
            )
            continue
        result[key] = _build(value_node, (*path, key), document, errors, filename)
        document.lines[(*path, key)] = key_node.start_mark.line + 1
    return result


# What a scalar of each tag was meant to be, for a value that cannot be read as one.
_TAG_WORDS = {
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
}


def _read_scalar(node: yaml.ScalarNode, errors: list, filename: str) -> Any:
    try:
        value = _scalar(node)
    # PyYAML's constructors trust the resolver: `!!int abc`, an empty `!!int`, `2026-13-45`
    # or a number of 5,000 digits fail inside them with whatever Python raises.
    except (ValueError, TypeError, AttributeError, LookupError, OverflowError, yaml.YAMLError):
        what = _TAG_WORDS.get(node.tag, f"a value tagged {node.tag}")
        return _unreadable(node, errors, filename, f"cannot be read as {what}")
    # Hexadecimal YAML integers have no digit limit; 0xfff... of 5,000 digits later breaks
    # str() and json.dumps. No version, limit or code of a form needs more than 64 bits.
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INTEGER:
        return _unreadable(node, errors, filename, "is too large a number")
    return value


def _unreadable(
    node: yaml.ScalarNode, errors: list[FormFileError], filename: str, problem: str
) -> str:
    """Note a scalar that cannot be what YAML says it is; keep its text, so checking goes on."""
    shown = node.value if len(node.value) <= 24 else node.value[:21] + "..."
    message = f"'{shown}' {problem}; put it in quotes if it is text"
    errors.append(FormFileError(filename, node.start_mark.line + 1, message))
    return node.value


def _scalar(node: yaml.ScalarNode) -> Any:
    # YAML 1.1 reads `yes`, `no`, `on`, `off` as booleans; in a questionnaire they are
    # answers ("yes"/"no" choice values), so only true/false are booleans here.
    if node.tag == "tag:yaml.org,2002:bool" and node.value.lower() not in (
        _TRUE_WORDS | _FALSE_WORDS
    ):
        return node.value
    constructor = yaml.SafeLoader.yaml_constructors.get(node.tag)
    if constructor is None:
        return node.value
    return constructor(_SCALAR_CONSTRUCTOR, node)
