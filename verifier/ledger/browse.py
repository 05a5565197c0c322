"""What `claims list`, `claims show` and `sources list` show: rows, short values, quotes in context.

The row models are the JSON those commands print, and their schemas are generated into
`schemas/claims-list.schema.json` and `schemas/sources-list.schema.json`.
"""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, Field

from verifier.errors import UsageError
from verifier.ledger.load import Ledger
from verifier.models import Claim, Period, Status, Subject, Value

# parsing.describe.describe is the one wording of a value (`claims list` shows it).


class SpanRef(BaseModel):
    id: str = Field(description="The source id")
    start: int
    end: int
    quote: str


class ClaimRow(BaseModel):
    """One claim as `verifier claims list --format json` prints it."""

    id: str
    statement: str
    subject: Subject
    property: str
    value: Value
    as_of: str | None = None
    period: Period | None = None
    tags: list[str]
    status: Status
    source: SpanRef
    file: str = Field(description="The claims file holding it, relative to the ledger root")


class SourceRow(BaseModel):
    """One source as `verifier sources list --format json` prints it."""

    id: str
    path: str = Field(description="The text file, relative to the ledger root")
    title: str
    publisher: str
    published: str | None = None
    kind: str
    url: str | None = None
    claims: int = Field(description="How many claims cite it")


def claim_rows(
    ledger: Ledger,
    *,
    tags: tuple[str, ...] = (),
    source: str | None = None,
    status: str | None = None,
    subject: str | None = None,
) -> list[ClaimRow]:
    """The claims with every tag, from that source, of that status, whose subject names contain `subject`."""
    if source is not None and source not in ledger.sources:
        raise UsageError(f"no source with id '{source}'")
    if status is not None and status not in Status.__members__.values():
        raise UsageError(f"unknown status '{status}' (one of {', '.join(Status)})")
    needle = subject.casefold() if subject else None
    rows = []
    for claim in ledger.claims:
        if not set(tags) <= set(claim.tags):
            continue
        if source is not None and claim.source.id != source or status is not None and claim.status != status:
            continue
        if needle and not any(needle in name.casefold() for name in claim.subject.names()):
            continue
        rows.append(_row(ledger, claim))
    return rows


def _row(ledger: Ledger, claim: Claim) -> ClaimRow:
    span = claim.source
    return ClaimRow(
        **claim.model_dump(
            include={"id", "statement", "subject", "property", "value", "as_of", "period", "tags"}
        ),
        status=claim.status,
        source=SpanRef(id=span.id, start=span.start, end=span.end, quote=span.quote),
        file=ledger.claim_files[claim.id].relative_to(ledger.root).as_posix(),
    )


def source_rows(ledger: Ledger) -> list[SourceRow]:
    counts = {source_id: 0 for source_id in ledger.sources}
    for claim in ledger.claims:
        counts[claim.source.id] = counts.get(claim.source.id, 0) + 1
    return [
        SourceRow(
            **s.model_dump(include={"id", "path", "title", "publisher", "published", "kind", "url"}),
            claims=counts[s.id],
        )
        for s in ledger.sources.values()
    ]


@dataclass(frozen=True)
class QuoteContext:
    """A claim's quote with the source text around it, whitespace runs shown as one space."""

    before: str
    quote: str
    after: str


def quote_context(ledger: Ledger, claim: Claim, width: int = 150) -> QuoteContext:
    text = ledger.source_text(claim.source.id)
    start, end = claim.source.start, claim.source.end
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    return QuoteContext(
        ("…" if start > width else "") + " ".join(before.split()) + (" " if before[-1:].isspace() else ""),
        " ".join(text[start:end].split()),
        (" " if after[:1].isspace() else "")
        + " ".join(after.split())
        + ("…" if end + width < len(text) else ""),
    )
