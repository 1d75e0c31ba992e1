"""`collector forms ...`: validate, import (publish), list and compare questionnaires;
import-xlsform / export-xlsform convert to and from XLSForm (see collector/xlsform)."""

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _
from sqlalchemy import select

from collector.extensions import db
from collector.schema.errors import FormFileInvalid
from collector.schema.loader import LoadedForm, load_form_file
from collector.schema.models import Form, FormVersion
from collector.schema.versions import VersionConflict, diff_versions, publish_version
from collector.xlsform.commands import export_xlsform_command, import_xlsform_command

forms_cli = click.Group("forms", help="Questionnaire files and their published versions.")


def form_files(paths: tuple[str, ...]) -> list[Path]:
    """The files named, with folders expanded to the .yaml files in them."""
    files: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files.extend(sorted([*path.glob("*.yaml"), *path.glob("*.yml")]))
        else:
            files.append(path)
    return files


def _load_all(paths: tuple[str, ...]) -> tuple[list[LoadedForm], bool]:
    loaded, ok = [], True
    for name in paths:
        if Path(name).is_dir() and not form_files((name,)):
            click.echo(
                _("%(folder)s: no form files (*.yaml) in this folder", folder=name), err=True
            )
            ok = False
    for path in form_files(paths):
        try:
            loaded.append(load_form_file(path))
        except FormFileInvalid as invalid:
            ok = False
            for error in invalid.errors:
                click.echo(str(error), err=True)
    return loaded, ok


@forms_cli.command("validate")
@click.argument("paths", nargs=-1, required=True)
def validate_command(paths: tuple[str, ...]) -> None:
    """Check form files; print each problem as FILE:LINE: message."""
    loaded, ok = _load_all(paths)
    for form in loaded:
        click.echo(
            _(
                "%(file)s: ok (%(form)s version %(version)d)",
                file=form.filename,
                form=form.key,
                version=form.version,
            )
        )
    if not ok:
        sys.exit(1)


@forms_cli.command("import")
@click.argument("paths", nargs=-1, required=True)
@with_appcontext
def import_command(paths: tuple[str, ...]) -> None:
    """Publish new versions; re-importing an unchanged file does nothing."""
    loaded, ok = _load_all(paths)
    for form in loaded:
        try:
            outcome = publish_version(form)
        except VersionConflict as conflict:
            db.session.rollback()
            click.echo(str(conflict), err=True)
            ok = False
            continue
        message = (
            _("%(file)s: %(form)s version %(version)d published")
            if outcome.published
            else _("%(file)s: %(form)s version %(version)d unchanged, already published")
        )
        click.echo(message % {"file": form.filename, "form": form.key, "version": form.version})
    if not ok:
        sys.exit(1)


@forms_cli.command("list")
@with_appcontext
def list_command() -> None:
    """Every form with its published versions."""
    forms = db.session.scalars(select(Form).order_by(Form.key)).all()
    if not forms:
        click.echo(_("No forms are published yet. Publish one with: collector forms import forms/"))
    for form in forms:
        latest = form.latest_version
        title = latest.schema["title"][latest.schema["languages"][0]] if latest else ""
        numbers = ", ".join(str(v.number) for v in form.versions)
        click.echo(
            _(
                "%(form)s\t%(kind)s\tversions %(numbers)s\t%(title)s",
                form=form.key,
                kind=form.kind,
                numbers=numbers,
                title=title,
            )
        )


@forms_cli.command("diff")
@click.argument("form_key", metavar="FORM")
@click.argument("old", type=int)
@click.argument("new", type=int)
@with_appcontext
def diff_command(form_key: str, old: int, new: int) -> None:
    """What changed between two published versions of a form."""
    schemas = {}
    for number in (old, new):
        version = db.session.scalar(
            select(FormVersion).join(Form).where(Form.key == form_key, FormVersion.number == number)
        )
        if version is None:
            click.echo(
                _(
                    "Form '%(form)s' has no published version %(version)d.",
                    form=form_key,
                    version=number,
                ),
                err=True,
            )
            click.echo(_("See the published versions with: collector forms list"), err=True)
            sys.exit(1)
        schemas[number] = version.schema
    lines = diff_versions(schemas[old], schemas[new])
    same = _("Versions %(old)d and %(new)d ask the same questions.", old=old, new=new)
    for line in lines or [same]:
        click.echo(line)


forms_cli.add_command(import_xlsform_command)
forms_cli.add_command(export_xlsform_command)
