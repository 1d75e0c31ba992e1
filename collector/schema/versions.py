"""Publishing form versions (never changing one) and finding them again."""

import logging
from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from collector.extensions import db
from collector.schema.loader import LoadedForm
from collector.schema.models import Form, FormVersion
from collector.schema.normalise import all_questions

log = logging.getLogger(__name__)


class VersionConflict(Exception):
    """The file changed but kept a version number that is already published."""


@dataclass(frozen=True)
class PublishOutcome:
    version: FormVersion
    published: bool  # False: the same content was already published under this number


def publish_version(loaded: LoadedForm) -> PublishOutcome:
    """Publish `loaded` as a new version; an identical re-import changes nothing."""
    form = db.session.scalar(select(Form).where(Form.key == loaded.key))
    if form is None:
        form = Form(key=loaded.key, kind=loaded.kind)
        db.session.add(form)
    existing = _version(form, loaded.version)
    if existing is not None:
        if existing.content_hash == loaded.content_hash:
            return PublishOutcome(existing, published=False)
        raise VersionConflict(
            _(
                "%(file)s: version %(version)d of '%(form)s' is already published with other "
                "content. Published versions never change, because answers may have been "
                "given to them: raise 'version' to %(next)d to publish your changes.",
                file=loaded.filename,
                version=loaded.version,
                form=loaded.key,
                next=max(v.number for v in form.versions) + 1,
            )
        )
    version = FormVersion(
        form=form,
        number=loaded.version,
        content_hash=loaded.content_hash,
        schema=loaded.schema,
        source=loaded.source,
        source_name=loaded.filename,
    )
    db.session.add(version)
    db.session.commit()
    log.info("published %s version %d from %s", loaded.key, loaded.version, loaded.filename)
    return PublishOutcome(version, published=True)


def find_version(form_key: str, number: int | None = None) -> FormVersion | None:
    """Version `number` of a form if it is published, else its latest; one row, one query
    (a form's versions each carry a whole schema and source, so never load them all)."""
    query = select(FormVersion).join(Form).where(Form.key == form_key)
    if number is not None:
        exact = db.session.scalar(query.where(FormVersion.number == number))
        if exact is not None:
            return exact
    return db.session.scalar(query.order_by(FormVersion.number.desc()).limit(1))


def latest_versions() -> list[FormVersion]:
    """The latest version of every form, ordered by form key, in one query."""
    newest = (
        select(FormVersion.form_id, func.max(FormVersion.number).label("number"))
        .group_by(FormVersion.form_id)
        .subquery()
    )
    query = (
        select(FormVersion)
        .join(
            newest,
            (FormVersion.form_id == newest.c.form_id) & (FormVersion.number == newest.c.number),
        )
        .join(Form)
        .order_by(Form.key)
    )
    return list(db.session.scalars(query))


def _version(form: Form, number: int) -> FormVersion | None:
    return next((v for v in form.versions if v.number == number), None)


@dataclass(frozen=True)
class PublishedSchema:
    """What intake needs of a version; immutable, so safe to keep between requests."""

    version_id: int
    form_id: int
    schema: dict[str, Any]


def find_published_schema(form_key: str, number: int) -> PublishedSchema | None:
    cache: dict[tuple[str, int], PublishedSchema] = current_app.extensions.setdefault(
        "collector.published_schemas", {}
    )
    found = cache.get((form_key, number))
    if found is None:
        row = db.session.execute(
            select(FormVersion.id, FormVersion.form_id, FormVersion.schema)
            .join(Form)
            .where(Form.key == form_key, FormVersion.number == number)
        ).first()
        if row is None:
            return None
        found = cache[(form_key, number)] = PublishedSchema(*row)
    return found


def diff_versions(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The changes between two published schemas, one line each, for coordinators."""
    old_questions = {q["id"]: q for q in all_questions(old)}
    new_questions = {q["id"]: q for q in all_questions(new)}
    renamed = {
        q["renamed_from"]: q["id"]
        for q in new_questions.values()
        if q.get("renamed_from") in old_questions
    }
    lines = []
    for qid in old_questions:
        if qid in renamed:
            lines.append(f"~ {qid} renamed to {renamed[qid]}")
        elif qid not in new_questions:
            lines.append(f"- {qid} ({old_questions[qid]['type']}) removed")
    for qid, question in new_questions.items():
        previous = old_questions.get(qid) or old_questions.get(question.get("renamed_from") or "")
        if previous is None:
            lines.append(f"+ {qid} ({question['type']}) added")
            continue
        for key in sorted(set(previous) | set(question)):
            if key in ("id", "renamed_from"):
                continue
            if previous.get(key) != question.get(key):
                lines.append(f"* {qid}: {key} changed{_change_detail(previous, question, key)}")
    return lines


def _change_detail(previous: dict[str, Any], question: dict[str, Any], key: str) -> str:
    before, after = previous.get(key), question.get(key)
    if (
        isinstance(before, dict)
        and "source" in before
        or isinstance(after, dict)
        and "source" in after
    ):
        before, after = (before or {}).get("source"), (after or {}).get("source")
    if isinstance(before, str | int | float | bool | None) and isinstance(
        after, str | int | float | bool | None
    ):
        return f" from {before!r} to {after!r}"
    return ""
