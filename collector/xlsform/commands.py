"""`collector forms import-xlsform` and `collector forms export-xlsform`.

import-xlsform writes and checks a YAML form file but does not publish it: the YAML is
what a coordinator keeps, reviews and edits in forms/, and `collector forms import`
publishes it like any other form file, so there is one way to publish from the command line.
"""

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _

from collector.schema.errors import FormFileInvalid
from collector.schema.loader import load_form_file
from collector.schema.versions import find_version
from collector.xlsform.errors import ExportProblem, XLSFormInvalid
from collector.xlsform.from_form import form_to_tables
from collector.xlsform.importing import import_xlsform
from collector.xlsform.writer import write_xlsform

DEFAULT_FOLDER = Path("forms")


@click.command("import-xlsform")
@click.argument("workbook", metavar="FILE.xlsx", type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="The YAML file to write (default: forms/<form_id>.yaml).",
)
@click.option("--force", is_flag=True, help="Overwrite the YAML file if it exists.")
def import_xlsform_command(workbook: str, output: str | None, force: bool) -> None:
    """Turn an XLSForm (.xlsx or .xls) into a checked YAML form file (not yet published)."""
    try:
        content = Path(workbook).read_bytes()
    except OSError as error:
        click.echo(f"{workbook}: {error.strerror or error}", err=True)
        sys.exit(1)
    target_name = output or str(DEFAULT_FOLDER / "form.yaml")
    try:
        imported = import_xlsform(content, Path(workbook).name, target_name)
    except XLSFormInvalid as invalid:
        for problem in invalid.problems:
            click.echo(f"{workbook}: {problem}", err=True)
        click.echo(_("Nothing was written."), err=True)
        sys.exit(1)
    target = Path(output) if output else DEFAULT_FOLDER / f"{imported.loaded.key}.yaml"
    for warning in imported.warnings:
        click.echo(_("%(file)s: warning: %(warning)s", file=workbook, warning=warning), err=True)
    if target.exists() and not force:
        click.echo(
            _(
                "%(file)s already exists; choose another file with -o, or use --force to "
                "overwrite it",
                file=target,
            ),
            err=True,
        )
        sys.exit(1)
    try:
        target.write_text(imported.yaml_text, encoding="utf-8")
        # Read back from disk, as `collector forms import` will, so what was written is checked.
        load_form_file(target)
    except FormFileInvalid as invalid:
        for error in invalid.errors:
            click.echo(str(error), err=True)
        sys.exit(1)
    except OSError as error:
        click.echo(f"{target}: {error.strerror or error}", err=True)
        sys.exit(1)
    click.echo(
        _(
            "%(file)s: ok (%(form)s version %(version)d). Publish it with: "
            "collector forms import %(file)s",
            file=target,
            form=imported.loaded.key,
            version=imported.loaded.version,
        )
    )


@click.command("export-xlsform")
@click.argument("form", metavar="FORM")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="The .xlsx to write."
)
@click.option("--version", "number", type=int, help="A published version (default: the latest).")
@with_appcontext
def export_xlsform_command(form: str, output: str, number: int | None) -> None:
    """Write a form as an XLSForm: FORM is a published form id or a YAML form file."""
    if Path(form).is_file():
        try:
            schema = load_form_file(form).schema
        except FormFileInvalid as invalid:
            for error in invalid.errors:
                click.echo(str(error), err=True)
            sys.exit(1)
    else:
        version = find_version(form, number)
        if version is None or (number is not None and version.number != number):
            click.echo(
                _(
                    "'%(form)s' is neither a form file nor a published form (version %(v)s). "
                    "See the published forms with: collector forms list",
                    form=form,
                    v=number if number is not None else _("any"),
                ),
                err=True,
            )
            sys.exit(1)
        schema = version.schema
    try:
        content = write_xlsform(form_to_tables(schema))
    except ExportProblem as problem:
        click.echo(_("%(form)s: %(problem)s", form=form, problem=problem), err=True)
        click.echo(_("Nothing was written."), err=True)
        sys.exit(1)
    try:
        Path(output).write_bytes(content)
    except OSError as error:
        click.echo(f"{output}: {error.strerror or error}", err=True)
        sys.exit(1)
    click.echo(
        _(
            "%(file)s: %(form)s version %(version)d written as an XLSForm",
            file=output,
            form=schema["form"],
            version=schema["version"],
        )
    )
