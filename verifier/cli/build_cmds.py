"""Commands that build a ledger: init, source add, extract."""

from __future__ import annotations

from pathlib import Path

import click

from verifier.cli import format_option, ledger_backend, ledger_option, ledger_root, main
from verifier.extraction.extract import extract_claims
from verifier.extraction.proposals import render_proposals
from verifier.ledger.workspace import add_source, init_ledger


@main.command("init")
@click.argument("folder", metavar="[DIR]", default=".", type=click.Path(path_type=Path))
def init_cmd(folder: Path) -> None:
    """Create a ledger in DIR (default: here): claims/, sources/ and verifier.toml."""
    for path in init_ledger(folder):
        click.echo(f"created {path.as_posix()}{'/' if path.is_dir() else ''}")
    click.echo("next: verifier source add FILE --id ID")


@main.group("source")
def source_group() -> None:
    """Add source texts to the ledger."""


@source_group.command("add")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--id", "source_id", metavar="ID", help="The source id (default: from the file name).")
@click.option("--title", metavar="T", help="Default: the file's first non-empty line.")
@click.option("--publisher", metavar="P", help="Default: unknown.")
@click.option("--published", metavar="DATE",
              help="YYYY, YYYY-MM or YYYY-MM-DD; relative dates resolve against it.")
@click.option("--url", metavar="U")
@click.option("--kind", metavar="K", default="news", show_default=True,
              help="news, press-release, report, reference or dataset.")
@ledger_option
def source_add(file, source_id, title, publisher, published, url, kind, ledger) -> None:
    """Copy FILE verbatim into sources/ and record its metadata and sha256."""
    root = ledger_root(ledger)
    source = add_source(root, file, source_id=source_id, title=title, publisher=publisher,
                        published=published, url=url, kind=kind)
    click.echo(f"added source {source.id}: {source.path} (sha256 {source.sha256[:12]}…)")
    click.echo(f"next: verifier extract {source.id} --write")


@main.command("extract")
@click.argument("source_id", metavar="SOURCE-ID")
@click.option("--write", is_flag=True,
              help="Append the proposals to claims/SOURCE-ID.yaml (status proposed).")
@format_option("yaml", "json")
@ledger_option
def extract_cmd(source_id: str, write: bool, output_format: str, ledger: str | None) -> None:
    """Propose the check-worthy claims of a source: exact span, subject, property, typed value."""
    backend = ledger_backend(ledger)
    claims = extract_claims(backend.load(), source_id)
    if not write:
        click.echo(render_proposals(claims, output_format), nl=False)
        return
    added = backend.write_proposals(source_id, claims)
    click.echo(f"added {added} of {len(claims)} proposed claims to claims/{source_id}.yaml"
               + ("" if added == len(claims) else f" ({len(claims) - added} already there)"))
