"""`collector export FORM ... -o FILE.xlsx`: the coordinator's workbook from the command line."""

import os
import sys
import tempfile
import time
from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _

from collector.exports.options import ExportOptions, ExportProblem, resolve_options
from collector.exports.records import record_export
from collector.exports.workbook import write_workbook


@click.command("export")
@click.argument("form")
@click.option("--campaign", help="Only this campaign (its slug); all campaigns by default.")
@click.option("--lang", help="Language of labels; the form's default language by default.")
@click.option("--codes", is_flag=True, help="Codes instead of labels, in headers and cells.")
@click.option(
    "--include-sensitive",
    is_flag=True,
    help="Include questions marked sensitive (personal data); the export records it.",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The workbook to write, e.g. kitchen-talk.xlsx.",
)
@with_appcontext
def export_command(
    form: str,
    campaign: str | None,
    lang: str | None,
    codes: bool,
    include_sensitive: bool,
    output: Path,
) -> None:
    """Write the Excel workbook of FORM: answers, codebook, summaries, debrief sheets."""
    options = ExportOptions(form, campaign, lang, codes, include_sensitive)
    try:
        resolved = resolve_options(options)
    except ExportProblem as problem:
        click.echo(str(problem), err=True)
        sys.exit(1)
    if not output.parent.is_dir():
        click.echo(
            _("There is no folder %(folder)s to write into.", folder=output.parent), err=True
        )
        sys.exit(1)
    started = time.perf_counter()
    # Written beside the target and moved into place: never a half workbook under its name.
    handle, partial = tempfile.mkstemp(suffix=".xlsx.part", dir=output.parent)
    os.close(handle)
    try:
        summary = write_workbook(resolved, partial, progress=_show_progress)
        os.replace(partial, output)
    finally:
        if os.path.exists(partial):
            os.remove(partial)
    record_export(options, source="cli", requested_by=None, rows=summary.submissions)
    click.echo(
        _(
            "Wrote %(file)s: %(count)d submissions, versions %(versions)s, in %(seconds).1f s.",
            file=output,
            count=summary.submissions,
            versions=", ".join(str(v) for v in summary.versions) or "-",
            seconds=time.perf_counter() - started,
        )
    )
    if include_sensitive:
        click.echo(_("Sensitive answers are included; keep this file safe."))


def _show_progress(done: int, total: int) -> None:
    if done % 10_000 == 0 and done < total:
        click.echo(_("%(done)d of %(total)d submissions written", done=done, total=total), err=True)
