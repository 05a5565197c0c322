"""`verifier match`: the ledger's claims ranked for statements, with the matcher `check` uses."""

from __future__ import annotations

import json
from pathlib import Path

import click

from verifier.cli import format_option, ledger_backend, ledger_option, main
from verifier.common.terminal import printable_lines
from verifier.common.yamlio import read_text
from verifier.errors import UsageError
from verifier.matching.evaluate import format_score
from verifier.matching.index import Index
from verifier.matching.match import Candidate, Query, match_statements, read_queries
from verifier.matching.semantic import attach

Results = list[tuple[Query, list[Candidate]]]


@main.command("match")
@click.argument("text", required=False)
@click.option(
    "--queries",
    "queries_file",
    metavar="FILE",
    type=click.Path(exists=True, dir_okay=False),
    help="Statements, one a line, or a TSV of id and text.",
)
@click.option("--top-k", "top_k", type=int, default=10, show_default=True, help="Claims per statement.")
@click.option("--semantic", is_flag=True, help="Re-rank free text with sentence embeddings (semantic extra).")
@click.option("--in-database", is_flag=True,
              help="PostgreSQL ledger: rank only the claims the database retrieves (by subject, alias and "
              "full text) instead of loading the whole ledger.")
@format_option("table", "jsonl", "trec")
@ledger_option
def match_cmd(
    text: str | None,
    queries_file: str | None,
    top_k: int,
    semantic: bool,
    in_database: bool,
    output_format: str,
    ledger: str | None,
):
    """Rank the ledger's claims for a statement (TEXT) or for each statement of --queries FILE.

    trec output is the six-column run `qid Q0 claim-id rank score verifier`.
    """
    if (text is None) == (queries_file is None):
        raise UsageError("give either a statement or --queries FILE")
    if queries_file is not None:
        queries = read_queries(read_text(Path(queries_file), queries_file), queries_file)
    else:
        queries = [Query("1", text)]
    backend = ledger_backend(ledger)
    if in_database and semantic:
        raise UsageError("--semantic re-ranks the loaded ledger; it cannot be combined with --in-database")
    if in_database:
        index = backend.candidate_index([q.text for q in queries])
    else:
        index = backend.index()  # a warm cache skips parsing the ledger: a million claims load in a second
    if semantic:
        attach(index, backend.cache_folder())  # the claims are encoded once per ledger state, then read
    results = match_statements(queries, index, top_k)
    output = RENDER[output_format](results, index)
    click.echo(printable_lines(output) if output_format == "table" else output, nl=False)


def render_table(results: Results, index: Index) -> str:
    lines = []
    for query, ranked in results:
        lines.append(f"{query.id}: {query.text}")
        if not ranked:
            lines.append("  (no claim matches)")
        for n, cand in enumerate(ranked, start=1):
            claim = index.claims[cand.index]
            lines.append(f"  {n:>2}  {cand.score:5.1f}  {claim.id}  {claim.statement}")
    return "\n".join(lines) + "\n"


def render_jsonl(results: Results, index: Index) -> str:
    out = []
    for query, ranked in results:
        matches = [
            {"rank": n, "id": index.claims[c.index].id, "score": round(c.score, 2),
             "statement": index.claims[c.index].statement}
            for n, c in enumerate(ranked, start=1)
        ]  # fmt: skip
        record = {"query": query.id, "text": query.text, "matches": matches}
        out.append(json.dumps(record, ensure_ascii=False))
    return "".join(line + "\n" for line in out)


def render_trec(results: Results, index: Index) -> str:
    return "".join(
        f"{query.id}\tQ0\t{index.claims[c.index].id}\t{n}\t{format_score(c.score)}\tverifier\n"
        for query, ranked in results
        for n, c in enumerate(ranked, start=1)
    )


RENDER = {"table": render_table, "jsonl": render_jsonl, "trec": render_trec}
