"""Every published version of a form as one list of questions, merged by question id.

The rules, which the Codebook states for each question they touch:
- a question present in some versions only is one column, empty where it did not exist;
- a question with `renamed_from` continues the question it names (chains included);
- a type change within a family is merged: integer+decimal as numbers, select_one+
  select_multiple as select_multiple (a single answer is one choice ticked), text+textarea
  as open text;
- a type change across families (say integer to text) cannot convert answers faithfully,
  so each type gets its own column, and the older one's name says which versions it holds.
"""

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _

from collector.schema.normalise import all_questions
from collector.schema.vocabulary import OTHER_CHOICE, OTHER_SUFFIX

_FAMILIES = {
    "integer": "number",
    "decimal": "number",
    "select_one": "select",
    "select_multiple": "select",
    "text": "open",
    "textarea": "open",
}
# Within a family the first listed type that occurs wins: it can hold every answer.
_WIDEST = ("decimal", "integer", "select_multiple", "select_one", "textarea", "text")


@dataclass(frozen=True)
class Appearance:
    """One question as one version has it."""

    version: int
    question: dict[str, Any]
    default_language: str

    @property
    def type(self) -> str:
        return self.question["type"]

    def text(self, texts: dict[str, str] | None, lang: str) -> str:
        # By name: PostgreSQL's JSONB does not keep the order of a label's languages.
        if not texts:
            return ""
        return texts.get(lang) or texts.get(self.default_language) or ""


@dataclass
class MergedQuestion:
    """A column (or group of columns) of the export: one question across versions."""

    key: str
    type: str
    appearances: list[Appearance] = field(default_factory=list)  # newest first
    notes: list[str] = field(default_factory=list)

    @property
    def newest(self) -> Appearance:
        return self.appearances[0]

    @property
    def versions(self) -> list[int]:
        return sorted(a.version for a in self.appearances)

    @property
    def former_ids(self) -> list[str]:
        ids = []
        for appearance in self.appearances:
            qid = appearance.question["id"]
            if qid != self.key and qid not in ids:
                ids.append(qid)
        return ids

    @property
    def sensitive(self) -> bool:
        # Personal data once is personal data: any version marking it is enough.
        return any(a.question.get("sensitive") for a in self.appearances)

    @property
    def has_other(self) -> bool:
        return any(a.question.get("other") for a in self.appearances)

    def label(self, lang: str) -> str:
        return self.newest.text(self.newest.question["label"], lang)

    def choices(self, lang: str) -> list[tuple[str, str]]:
        """(code, label): the newest version's order, then choices only older ones had."""
        seen: dict[str, str] = {}
        for appearance in self.appearances:
            for choice in appearance.question.get("choices", []):
                if choice["value"] not in seen:
                    seen[choice["value"]] = appearance.text(choice["label"], lang)
        if self.has_other and OTHER_CHOICE not in seen:
            seen[OTHER_CHOICE] = _("Other")
        return list(seen.items())

    def scale_points(self, lang: str) -> list[tuple[int, str]]:
        """Every point any version's scale had, with the newest wording of it."""
        points: dict[int, str] = {}
        for appearance in self.appearances:
            question = appearance.question
            labels = question.get("labels") or {}
            for point in range(question["min"], question["max"] + 1):
                if point not in points:
                    points[point] = appearance.text(labels.get(str(point)), lang)
        return sorted(points.items())


@dataclass(frozen=True)
class VersionPlan:
    """How one version's answers become merged answers: (its key, merged key, as list)."""

    renames: tuple[tuple[str, str, bool], ...]
    unchanged: bool  # every key is kept and nothing converts: the answers serve as they are

    def merged_answers(self, answers: dict[str, Any]) -> dict[str, Any]:
        if self.unchanged:
            return answers
        merged = {}
        for source, target, as_list in self.renames:
            value = answers.get(source)
            if value is not None:
                merged[target] = [value] if as_list and isinstance(value, str) else value
        return merged


def merge_versions(schemas: list[dict[str, Any]]) -> list[MergedQuestion]:
    """The questions of `schemas` (newest first) merged, in the order a reader expects."""
    chains = _follow_ids(schemas)
    merged: list[MergedQuestion] = []
    for chain in chains:
        merged.extend(_split_by_type(chain))
    _give_unique_keys(merged)
    return merged


def plan_versions(questions: list[MergedQuestion]) -> dict[int, VersionPlan]:
    """For each version number, how its answer keys map onto the merged questions."""
    renames: dict[int, list[tuple[str, str, bool]]] = {}
    for merged in questions:
        for appearance in merged.appearances:
            qid = appearance.question["id"]
            as_list = merged.type == "select_multiple" and appearance.type == "select_one"
            pairs = renames.setdefault(appearance.version, [])
            pairs.append((qid, merged.key, as_list))
            if appearance.question.get("other"):
                pairs.append((qid + OTHER_SUFFIX, merged.key + OTHER_SUFFIX, False))
    return {
        version: VersionPlan(
            tuple(pairs), all(source == target and not as_list for source, target, as_list in pairs)
        )
        for version, pairs in renames.items()
    }


def version_ranges(numbers: list[int]) -> str:
    """[1, 2, 3, 5] → '1–3, 5': which versions, as people write it."""
    parts: list[str] = []
    start = previous = None
    for number in sorted(numbers):
        if previous is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            parts.append(_range(start, previous))
        start = previous = number
    if start is not None:
        parts.append(_range(start, previous))
    return ", ".join(parts)


def _range(start: int, end: int | None) -> str:
    return str(start) if end == start else f"{start}–{end}"


def _follow_ids(schemas: list[dict[str, Any]]) -> list[list[Appearance]]:
    """Chains of appearances (newest first), one per question, in reading order.

    A question found only in an older version is placed after the question that came
    before it there, so removed questions stay near their old neighbours.
    """
    chains: list[list[Appearance]] = []
    expected: dict[str, list[Appearance]] = {}  # the id the next older version should use
    for schema in schemas:
        default_language = schema["languages"][0]
        found_here: dict[str, list[Appearance]] = {}
        previous_chain: list[Appearance] | None = None
        for question in all_questions(schema):
            if question["type"] == "note":
                continue
            appearance = Appearance(schema["version"], question, default_language)
            chain = expected.get(question["id"])
            if chain is None or chain[-1].version == schema["version"]:
                chain = [appearance]
                position = _position_after(chains, previous_chain)
                chains.insert(position, chain)
            else:
                chain.append(appearance)
            found_here[question["id"]] = chain
            previous_chain = chain
        # Unmatched expectations carry on: a question may skip a version and come back.
        still_expected = {
            qid: chain for qid, chain in expected.items() if chain[-1].version != schema["version"]
        }
        for qid, chain in found_here.items():
            still_expected[qid] = chain
        # A rename is said outright, so it wins over an id used again for something new.
        for chain in found_here.values():
            renamed_from = chain[-1].question.get("renamed_from")
            if renamed_from:
                still_expected[renamed_from] = chain
        expected = still_expected
    return chains


def _position_after(chains: list[list[Appearance]], previous: list[Appearance] | None) -> int:
    if previous is None:
        return 0
    return next(i for i, chain in enumerate(chains) if chain is previous) + 1


def _split_by_type(chain: list[Appearance]) -> list[MergedQuestion]:
    groups: dict[str, list[Appearance]] = {}
    for appearance in chain:
        groups.setdefault(_FAMILIES.get(appearance.type, appearance.type), []).append(appearance)
    key = chain[0].question["id"]
    merged = []
    for index, appearances in enumerate(groups.values()):
        types = {a.type for a in appearances}
        exported = next((t for t in _WIDEST if t in types), appearances[0].type)
        question = MergedQuestion(key if index == 0 else "", exported, appearances)
        question.notes += _merge_notes(question, types)
        merged.append(question)
    if len(merged) > 1:
        _note_split(merged)
    return merged


def _merge_notes(question: MergedQuestion, types: set[str]) -> list[str]:
    notes = []
    if question.former_ids:
        notes.append(
            _(
                "Called %(ids)s in earlier versions; the answers are in this one column.",
                ids=", ".join(question.former_ids),
            )
        )
    if len(types) > 1:
        by_type = "; ".join(
            _("%(type)s in version %(versions)s", type=kind, versions=_versions_of(question, kind))
            for kind in sorted(types)
        )
        if question.type == "select_multiple":
            notes.append(
                _(
                    "%(by_type)s: exported as select_multiple; an answer from a select_one "
                    "version counts as that one choice ticked.",
                    by_type=by_type,
                )
            )
        else:
            notes.append(
                _("%(by_type)s: exported as %(type)s.", by_type=by_type, type=question.type)
            )
    scales = {
        (a.question["min"], a.question["max"]) for a in question.appearances if a.type == "scale"
    }
    if len(scales) > 1:
        notes.append(
            _(
                "The scale's range changed between versions (%(ranges)s): compare means "
                "only within one version.",
                ranges="; ".join(f"{low}–{high}" for low, high in sorted(scales)),
            )
        )
    return notes


def _versions_of(question: MergedQuestion, kind: str) -> str:
    return version_ranges([a.version for a in question.appearances if a.type == kind])


def _note_split(parts: list[MergedQuestion]) -> None:
    """Name the older parts by their versions, and say in each why there are several."""
    key = parts[0].key
    for part in parts[1:]:
        part.key = f"{key}_v{_versions_for_key(part)}"
    description = "; ".join(
        _(
            "%(type)s in version %(versions)s (column %(column)s)",
            type=part.type,
            versions=version_ranges(part.versions),
            column=part.key,
        )
        for part in parts
    )
    for part in parts:
        part.notes.append(
            _(
                "The type changed between versions: %(description)s. The answers cannot be "
                "converted from one type to the other, so each type has its own column.",
                description=description,
            )
        )


def _give_unique_keys(questions: list[MergedQuestion]) -> None:
    """A key used twice (an id renamed away, then used again for something new): the
    newer question keeps it, the older one is told apart by its versions."""
    by_key: dict[str, list[MergedQuestion]] = {}
    for question in questions:
        by_key.setdefault(question.key, []).append(question)
    for same_key in by_key.values():
        same_key.sort(key=lambda q: q.newest.version, reverse=True)
        for older in same_key[1:]:
            older.key = f"{older.key}_v{_versions_for_key(older)}"


def _versions_for_key(question: MergedQuestion) -> str:
    return version_ranges(question.versions).replace("–", "_").replace(", ", "_")
