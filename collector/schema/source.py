"""Read a YAML form file into plain data plus the line of every key and item."""

from dataclasses import dataclass, field
from typing import Any

import yaml

from collector.schema.errors import FormFileError, FormFileInvalid, Path

# Files bigger than this are not questionnaires; refuse before YAML spends time on them.
MAX_SOURCE_BYTES = 1_000_000
# YAML aliases can multiply a small file into billions of nodes; no questionnaire needs this many.
MAX_NODES = 200_000
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
    if len(text.encode()) > MAX_SOURCE_BYTES:
        raise FormFileInvalid(
            [FormFileError(filename, None, "the file is larger than 1 MB; is it a form file?")]
        )
    try:
        root = yaml.compose(text, Loader=_COMPOSING_LOADER)
    except yaml.YAMLError as error:
        raise FormFileInvalid([_yaml_error(filename, error)]) from None
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
    if errors:
        raise FormFileInvalid(errors)
    return document


class _TooManyNodes(Exception):
    pass


def _yaml_error(filename: str, error: yaml.YAMLError) -> FormFileError:
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
    document.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(node, path, document, errors, filename)
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(item, (*path, index), document, errors, filename)
            for index, item in enumerate(node.value)
        ]
    return _scalar(node)


def _build_mapping(
    node: yaml.MappingNode, path: Path, document: SourceDocument, errors: list, filename: str
) -> dict:
    result: dict = {}
    for key_node, value_node in node.value:
        key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
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
