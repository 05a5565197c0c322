"""Commands over the ledger: validate, claims, sources, schemas."""

from __future__ import annotations

import json
import os
import re
import sys
import textwrap
from pathlib import Path

import click

from verifier.cli import format_option, ledger_backend, ledger_option, ledger_root, main
from verifier.common.terminal import printable
from verifier.ledger.browse import QuoteContext, claim_rows, quote_context, source_rows
from verifier.ledger.validate import Problem, fix, validate_counted
from verifier.models import Claim, Status
from verifier.parsing.describe import describe

# ---------------------------------------------------------------- validate


@main.command("validate")
@ledger_option
@click.option("--fix", "fix_", is_flag=True, help="Show how stale spans and sha256 sums would be repaired.")
@click.option("--write", is_flag=True, help="With --fix: repair them in place (comments and layout kept).")
def validate_cmd(ledger: str | None, fix_: bool, write: bool) -> None:
    """Check every ledger file: YAML, schema, ids, sources, and that each quote is where its span says.

    Exit 0 when the ledger is valid, 1 when problems were found, 2 when it cannot be read at all.
    """
    if write and not fix_:
        raise click.UsageError("--write needs --fix")
    root = ledger_root(ledger)
    fixed: list[Problem] = fix(root, write=True) if write else []
    for problem in fixed:
        click.echo(f"fixed: {printable(str(problem))}")
    checked = validate_counted(root)
    problems = checked.problems
    for problem in problems:
        click.echo(printable(f"would fix: {problem}" if fix_ and problem.fixable else str(problem)))
    if problems:
        click.echo(_count_line(problems, fixed, fix_))
        sys.exit(1)
    if fixed:
        click.echo(f"fixed {_plural(len(fixed), 'problem')}")
    click.echo(_ok_line(checked.claims, checked.claim_files, checked.sources))


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _count_line(problems: list[Problem], fixed: list[Problem], fix_: bool) -> str:
    line = _plural(len(problems), "problem")
    fixable = sum(p.fixable for p in problems)
    if fixable and fix_:
        line += f" ({fixable} would be fixed by --fix --write)"
    elif fixable:
        line += f" ({fixable} fixable with --fix --write)"
    if fixed:
        return f"fixed {_plural(len(fixed), 'problem')}; {line} " + (
            "remains" if len(problems) == 1 else "remain"
        )
    return line


def _ok_line(claims: int, files: int, sources: int) -> str:
    return f"ok: {_plural(claims, 'claim')} in {_plural(files, 'file')}, " + _plural(sources, "source")


# ---------------------------------------------------------------- claims


@main.group("claims")
def claims_group() -> None:
    """Browse the claims of the ledger."""


@claims_group.command("list")
@ledger_option
@click.option(
    "--tag", "tags", multiple=True, metavar="TAG", help="Only claims with this tag (repeatable: all)."
)
@click.option("--source", metavar="ID", help="Only claims quoting this source.")
@click.option("--status", type=click.Choice([s.value for s in Status]), help="Only claims with this status.")
@click.option("--subject", metavar="TEXT", help="Only claims whose subject's name or alias contains TEXT.")
@format_option("table", "json")
def claims_list(ledger, tags, source, status, subject, output_format) -> None:
    """List claims, in ledger order."""
    rows = claim_rows(ledger_backend(ledger).load(), tags=tags, source=source, status=status, subject=subject)
    if output_format == "json":
        click.echo(json.dumps([row.model_dump(mode="json") for row in rows], indent=2, ensure_ascii=False))
        return
    table = [
        (r.id, r.status, _cut(r.subject.name), r.property, _cut(describe(r.value)), r.source.id)
        for r in rows
    ]
    _echo_table(("ID", "STATUS", "SUBJECT", "PROPERTY", "VALUE", "SOURCE"), table)


def _cut(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _echo_table(header: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        click.echo("no matches")
        return
    cells = [tuple(printable(str(c)) for c in row) for row in [header, *rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    for row in cells:
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


@claims_group.command("show")
@ledger_option
@click.argument("claim_id", metavar="ID")
def claims_show(ledger: str | None, claim_id: str) -> None:
    """Show one claim, with its quote in the source text around it."""
    book = ledger_backend(ledger).load()
    claim = book.claim(claim_id)
    for line in _claim_lines(claim):
        click.echo(printable(line))
    rel = book.claim_files[claim.id].relative_to(book.root).as_posix()
    versions = getattr(book, "versions", None)  # a PostgreSQL ledger's: what `review --if-version` names
    if versions is not None:
        click.echo(f"version:   {versions[claim.id]} ({rel}, claim {book.positions[claim.id]})")
    else:
        click.echo(f"file:      {rel}:{book.claim_lines[claim.id]}")
    source = book.sources[claim.source.id]
    span = f"{claim.source.start}-{claim.source.end}"
    click.echo("\n" + printable(f"source: {source.id}, {span} ({source.title}; {source.path})"))
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    click.echo(highlight(quote_context(book, claim), colour=bool(colour)))


def highlight(context: QuoteContext, *, colour: bool) -> str:
    """The quote in its context, wrapped; bold on a colour terminal, else between » and «."""
    # Private-use marks survive wrapping and cannot be confused with a » in the source itself.
    # whitespace as textwrap would make it, then nothing a terminal would obey
    parts = (context.before, context.quote, context.after)
    before, quote, after = (printable(re.sub(r"\s", " ", t)) for t in parts)
    text = textwrap.fill(
        f"{before}\ue000{quote}\ue001{after}",
        100,
        initial_indent="  ",
        subsequent_indent="  ",
    )
    start, end = ("\x1b[1m", "\x1b[0m") if colour else ("»", "«")
    return text.replace("\ue000", start).replace("\ue001", end)


def _claim_lines(claim: Claim) -> list[str]:
    subject = claim.subject
    lines = [
        f"{claim.id} ({claim.status})",
        f"statement: {claim.statement}",
        f"subject:   {subject.name} ({subject.type})"
        + (f"; also {', '.join(subject.aliases)}" if subject.aliases else ""),
        f"property:  {claim.property}",
        "value:",
    ]
    for key, value in claim.value.model_dump(mode="json", exclude_none=True).items():
        if value != []:
            lines.append(f"  {key}: " + (f"[{', '.join(value)}]" if isinstance(value, list) else str(value)))
    if claim.as_of:
        lines.append(f"as of:     {claim.as_of}")
    if claim.period:
        lines.append(f"period:    {claim.period.start} to {claim.period.end}")
    if claim.review:
        review = claim.review
        by = " ".join(
            p
            for p in (f"by {review.by}" if review.by else "", f"on {review.date}" if review.date else "")
            if p
        )
        lines.append(f"review:    {by}" + (": " if by and review.note else "") + (review.note or ""))
    if claim.tags:
        lines.append(f"tags:      {', '.join(claim.tags)}")
    return lines


# ---------------------------------------------------------------- sources


@main.group("sources")
def sources_group() -> None:
    """Browse the sources of the ledger."""


@sources_group.command("list")
@ledger_option
@format_option("table", "json")
def sources_list(ledger: str | None, output_format: str) -> None:
    """List sources, with how many claims quote each."""
    rows = source_rows(ledger_backend(ledger).load())
    if output_format == "json":
        click.echo(json.dumps([row.model_dump(mode="json") for row in rows], indent=2, ensure_ascii=False))
        return
    table = [(r.id, r.kind, r.published or "-", r.claims, r.title) for r in rows]
    _echo_table(("ID", "KIND", "PUBLISHED", "CLAIMS", "TITLE"), table)


# ---------------------------------------------------------------- schemas


@main.command("schemas")
@click.option("--check", is_flag=True, help="Exit 1 when a schema file differs from the models.")
@click.option("--write", is_flag=True, help="Regenerate the schema files from the models.")
@click.option(
    "--dir",
    "folder",
    default="schemas",
    show_default=True,
    type=click.Path(file_okay=False),
    help="The folder of the schema files.",
)
def schemas_cmd(check: bool, write: bool, folder: str) -> None:
    """Compare the JSON Schema files with the models (or regenerate them)."""
    # the schemas of every model, the lexicon's among them: loaded for this command only
    from verifier.schemas import schema_documents, schema_drift, write_schemas

    drift = schema_drift(Path(folder))
    if write:
        write_schemas(Path(folder))
    for name, how in drift:
        path = Path(folder, name).as_posix()
        if write:
            click.echo(f"wrote {path} (it was {'missing' if how == 'missing' else 'out of date'})")
        else:
            click.echo(f"{path} is missing" if how == "missing" else f"{path} differs from the models")
    if not drift:
        click.echo(
            f"all {len(schema_documents())} schema files in {Path(folder).as_posix()}/ match the models"
        )
    if drift and check and not write:
        sys.exit(1)
