"""Commands of the review workflow: contested, review, export, import."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from verifier import __version__
from verifier.cli import format_option, ledger_option, ledger_root, main
from verifier.config import load_config
from verifier.contested import contested_report, render_json, render_sarif, render_text
from verifier.exchange import FORMATS, export_claims, import_claims
from verifier.ledger import load_ledger
from verifier.report.contested_html import render_contested_html
from verifier.review import REVIEW_STATUSES, review_claim
from verifier.terminal import printable, printable_lines
from verifier.yamlio import write_atomic


@main.command("contested")
@ledger_option
@format_option("text", "json", "sarif", "html")
@click.option("--fail-on-contested", is_flag=True, help="Exit 1 when any group is listed.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE (atomically).")
def contested_cmd(ledger: str | None, output_format: str, fail_on_contested: bool, output: str | None):
    """List claim groups whose sources disagree and that no review has settled.

    Exit 0, or 1 with --fail-on-contested when a group is listed; 2 when the ledger cannot be read.
    """
    book = load_ledger(ledger_root(ledger))
    report = contested_report(book, load_config().tolerance, keep_text=output_format == "html")
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
def review_cmd(ledger: str | None, claim_id: str, status: str, note: str, by: str | None, date: str | None):
    """Record a review of one claim in its YAML file (comments and layout kept)."""
    root = ledger_root(ledger)
    claim = review_claim(root, claim_id, status, note, by, date)
    book = load_ledger(root)
    rel = book.claim_files[claim.id].relative_to(book.root).as_posix()
    click.echo(f"{claim.id}: {claim.status} ({rel}:{book.claim_lines[claim.id]})")


@main.command("export")
@ledger_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Output format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE (atomically).")
def export_cmd(ledger: str | None, fmt: str, output: str | None) -> None:
    """Export claims: ClaimReview JSON-LD of the reviewed ones, or the whole ledger as jsonl or csv."""
    text = export_claims(load_ledger(ledger_root(ledger)), fmt)
    if output:
        write_atomic(Path(output), text)
    else:
        click.echo(text, nl=False)


@main.command("import")
@ledger_option
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="Input format.")
@click.option("--into", default="claims/imported.yaml", show_default=True, help="The claims file to add to.")
def import_cmd(ledger: str | None, file: str, fmt: str, into: str) -> None:
    """Add claims from an exported file; every record is validated, rejects are listed.

    Exit 0 when nothing was rejected, 1 when some records were (the others are still added).
    """
    result = import_claims(ledger_root(ledger), Path(file), fmt, into, shown=file)
    for reject in result.rejects:
        click.echo(printable(str(reject)), err=True)
    parts = [f"{len(result.skipped)} already present"]
    if result.rejects:
        parts.append(f"{len(result.rejects)} rejected")
    added = len(result.added)
    click.echo(f"imported {added} claim{'' if added == 1 else 's'} into {result.into} ({', '.join(parts)})")
    sys.exit(1 if result.rejects else 0)
