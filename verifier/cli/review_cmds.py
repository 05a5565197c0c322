"""Commands of the review workflow: contested, review, export, import."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from verifier import __version__
from verifier.checking.contested import contested_report
from verifier.cli import format_option, ledger_backend, ledger_option, main
from verifier.common.terminal import printable, printable_lines
from verifier.common.yamlio import write_atomic
from verifier.config import load_config
from verifier.errors import UsageError
from verifier.ledger.exchange import FORMATS, export_claims
from verifier.ledger.review import REVIEW_STATUSES
from verifier.report.contested import render_json, render_sarif, render_text
from verifier.report.contested_html import render_contested_html

LEDGER_FORMATS = (*FORMATS, "ledger")  # ledger: the whole ledger as a folder, to or from PostgreSQL


@main.command("contested")
@ledger_option
@format_option("text", "json", "sarif", "html")
@click.option("--fail-on-contested", is_flag=True, help="Exit 1 when any group is listed.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE (atomically).")
def contested_cmd(ledger: str | None, output_format: str, fail_on_contested: bool, output: str | None):
    """List claim groups whose sources disagree and that no review has settled.

    Exit 0, or 1 with --fail-on-contested when a group is listed; 2 when the ledger cannot be read.
    """
    config = load_config()
    book = ledger_backend(ledger, config).load()
    report = contested_report(book, config.tolerance, keep_text=output_format == "html")
    if output_format == "json":
        text = render_json(report)
    elif output_format == "sarif":
        text = render_sarif(report, book, __version__)
    elif output_format == "html":
        text = render_contested_html(report)
    else:
        text = render_text(report) if output else printable_lines(render_text(report))
    if output:
        write_atomic(Path(output), text)
    else:
        click.echo(text, nl=False)
    sys.exit(1 if fail_on_contested and report.groups else 0)


@main.command("review")
@ledger_option
@click.argument("claim_id", metavar="CLAIM-ID")
@click.option("--status", required=True, type=click.Choice(REVIEW_STATUSES), help="The decision.")
@click.option("--note", required=True, help="Why: what the reviewer checked, and against what.")
@click.option("--by", metavar="NAME", help="Who reviewed it.")
@click.option("--date", "date", metavar="YYYY-MM-DD", help="The review date [default: today].")
@click.option("--if-version", type=int, metavar="N",
              help="PostgreSQL ledger: refuse unless the claim is still at version N (`claims show`).")
def review_cmd(ledger, claim_id, status, note, by, date, if_version):
    """Record a review of one claim: in its YAML file (comments and layout kept), or in the database
    (refused when someone changed the claim meanwhile)."""
    done = ledger_backend(ledger).review(claim_id, status, {"note": note, "by": by, "date": date}, if_version)
    click.echo(f"{done.claim.id}: {done.claim.status} ({done.where})")


@main.command("export")
@ledger_option
@click.option("--format", "fmt", type=click.Choice(LEDGER_FORMATS), required=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(), help="Write to FILE (atomically); for ledger, a new DIR.")
def export_cmd(ledger: str | None, fmt: str, output: str | None) -> None:
    """Export claims: ClaimReview JSON-LD of the reviewed ones, or the whole ledger as jsonl or csv;
    `--format ledger -o DIR` writes the whole ledger (claims/, sources/) as YAML files."""
    backend = ledger_backend(ledger)
    if fmt == "ledger":
        if not output:
            raise UsageError("--format ledger needs -o DIR, the folder to write the ledger to")
        backend.export_folder(Path(output))
        click.echo(f"exported the ledger to {output}")
        return
    if output and Path(output).is_dir():
        raise UsageError(f"{output} is a folder; -o names the file to write")
    text = export_claims(backend.load(), fmt)
    if output:
        write_atomic(Path(output), text)
    else:
        click.echo(text, nl=False)


@main.command("import")
@ledger_option
@click.argument("file", type=click.Path(exists=True))
@click.option("--format", "fmt", type=click.Choice(LEDGER_FORMATS), required=True, help="Input format.")
@click.option("--into", default="claims/imported.yaml", show_default=True, help="The claims file to add to.")
def import_cmd(ledger: str | None, file: str, fmt: str, into: str) -> None:
    """Add claims from an exported file; every record is validated, rejects are listed.
    `--format ledger DIR` loads a whole ledger folder into an empty PostgreSQL ledger.

    Exit 0 when nothing was rejected, 1 when some records were (the others are still added).
    """
    backend = ledger_backend(ledger)
    if fmt == "ledger":
        if not Path(file).is_dir():
            raise UsageError(f"{file} is not a folder; --format ledger imports a ledger folder")
        claims, sources = backend.import_folder(Path(file))
        click.echo(f"imported {claims} claims and {sources} sources from {file}")
        return
    if Path(file).is_dir():
        raise UsageError(f"{file} is a folder; --format {fmt} imports a file")
    result = backend.import_records(Path(file), fmt, into, shown=file)
    for reject in result.rejects:
        click.echo(printable(str(reject)), err=True)
    parts = [f"{len(result.skipped)} already present"]
    if result.rejects:
        parts.append(f"{len(result.rejects)} rejected")
    added = len(result.added)
    click.echo(f"imported {added} claim{'' if added == 1 else 's'} into {result.into} ({', '.join(parts)})")
    sys.exit(1 if result.rejects else 0)
