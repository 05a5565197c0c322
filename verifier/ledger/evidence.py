"""The evidence behind a finding or a contested group: a claim with its source, and how it is cited.

`check` and `contested` both show a claim as a reader needs it (value, status, and the
quoted source's title, publisher, date and span), so both build it here, once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from verifier.ledger.load import Ledger
from verifier.models import Claim, MatchedClaim, Source, SourceQuote, SourceText


def ledger_file(ledger: Ledger, path: str | Path) -> str:
    """A path relative to the ledger root (`sources/x.txt`), as seen from the current folder.

    Reports name the checked files as the user gave them, relative to the current folder; the
    ledger's files are named from the same base, so one report's locations can all be opened.
    """
    return _relative(str(ledger.root), str(path), os.getcwd())


@lru_cache(maxsize=1024)  # every finding names its claim's source file: a few files, thousands of findings
def _relative(root: str, path: str, cwd: str) -> str:
    full = Path(root, path)
    try:
        return Path(os.path.relpath(full, cwd)).as_posix()
    except ValueError:  # another drive (Windows): no relative path exists
        return full.absolute().as_posix()


def matched_claim(claim: Claim, ledger: Ledger) -> MatchedClaim:
    """A claim with its source's title, publisher, date and quote: what a reviewer reads."""
    src = ledger.sources[claim.source.id]
    quote = SourceQuote(
        id=src.id, path=ledger_file(ledger, src.path), title=src.title, publisher=src.publisher,
        published=src.published, start=claim.source.start, end=claim.source.end, quote=claim.source.quote,
    )  # fmt: skip
    return MatchedClaim(
        id=claim.id, statement=claim.statement, value=claim.value, status=claim.status, source=quote
    )


def cite(source: SourceQuote | Source) -> str:
    """Who said it and when: `ABC News, 2017-06`, or just `ABC News` for an undated source."""
    return f"{source.publisher}, {source.published}" if source.published else source.publisher


def source_texts(claims: Iterable[MatchedClaim | None], ledger: Ledger) -> dict[str, SourceText]:
    """Source id -> url and text, for the sources these claims quote: a quote shown in its context."""
    out: dict[str, SourceText] = {}
    for claim in claims:
        if claim is None or claim.source.id in out or claim.source.id not in ledger.sources:
            continue
        out[claim.source.id] = SourceText(
            url=ledger.sources[claim.source.id].url, text=ledger.source_text(claim.source.id)
        )
    return out
