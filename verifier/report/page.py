"""What the two HTML reports (`check`, `contested`) share: the page, its policy, and a quote shown in
its source.

The page is one self-contained file: its stylesheet and script are inline, and a strict
Content-Security-Policy allows exactly those two (by their SHA-256 hashes) and nothing else: no
network, no other script, no inline style attribute. Every piece of text from a draft, the ledger or
a source goes through `esc`, so it stays text; the script only shows and hides what is already there.
"""

from __future__ import annotations

import base64
import hashlib
import html
from importlib.resources import files
from urllib.parse import urlsplit

from verifier.ledger.evidence import cite
from verifier.models import MatchedClaim, SourceText
from verifier.parsing.describe import describe

CONTEXT = 160  # characters of the source shown on each side of a quote
_ASSETS = files("verifier.report") / "assets"
ICONS = {"inconsistent": "✖", "contested": "⚠", "unverified": "?", "consistent": "✔", "suppressed": "⊘"}


def esc(text: object) -> str:
    """Text as HTML: markup characters and both quotes escaped, so it is safe in content and attributes."""
    return html.escape(str(text), quote=True)


def _asset(name: str) -> str:
    return (_ASSETS / name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def policy(style: str, script: str) -> str:
    """The Content-Security-Policy: the page's own inline style and script, nothing else."""
    return (
        f"default-src 'none'; style-src {_hash(style)}; script-src {_hash(script)}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )


def page(title: str, header: str, body: str) -> str:
    """The whole document, with the stylesheet and script inline and allowed by hash."""
    style, script = _asset("report.css"), _asset("report.js")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        f'<meta http-equiv="Content-Security-Policy" content="{esc(policy(style, script))}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{esc(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f"<header>\n{header}\n</header>\n{body}\n<script>{script}</script>\n</body>\n</html>\n"
    )


def filter_bar(label: str, counts: dict[str, int], total: str) -> str:
    """The summary bar: one toggle button per key, its count and icon; pressed means shown."""
    buttons = [
        f'<button type="button" class="filter v-{esc(key)}" data-key="{esc(key)}" aria-pressed="true">'
        f'<span aria-hidden="true">{ICONS.get(key, "")}</span> <span class="count">{n}</span> {esc(key)}'
        "</button>"
        for key, n in counts.items()
    ]
    return (
        f'<nav class="summary" aria-label="{esc(label)}"><span class="total">{esc(total)}</span>'
        + "".join(buttons)
        + "</nav>"
    )


def quote_in_context(claim: MatchedClaim, sources: dict[str, SourceText]) -> str:
    """The quote marked inside the source text around it, or the bare quote when the text is not
    known or no longer holds the quote at its offsets."""
    src = claim.source
    text = sources[src.id].text if src.id in sources else None
    if text is None or text[src.start : src.end] != src.quote:
        return f"<blockquote><mark>{esc(src.quote)}</mark></blockquote>"
    lo, hi = max(0, src.start - CONTEXT), min(len(text), src.end + CONTEXT)
    before = ("…" if lo else "") + text[lo : src.start]
    after = text[src.end : hi] + ("…" if hi < len(text) else "")
    return f"<blockquote>{esc(before)}<mark>{esc(src.quote)}</mark>{esc(after)}</blockquote>"


def link(url: str | None) -> str:
    """A link for http(s) addresses only: a `javascript:` url from a ledger stays text."""
    if not url:
        return "—"
    if urlsplit(url).scheme.lower() in ("http", "https"):
        return f'<a href="{esc(url)}" rel="noreferrer noopener">{esc(url)}</a>'
    return esc(url)


def claim_card(claim: MatchedClaim, sources: dict[str, SourceText], heading: str) -> str:
    """One side of the evidence: the claim, its value and status, and the quote in its source."""
    src = claim.source
    url = sources[src.id].url if src.id in sources else None
    rows = [
        ("claim", claim.id),
        ("says", describe(claim.value)),
        ("status", claim.status),
        ("title", src.title),
        ("publisher", src.publisher),
        ("date", src.published or "undated"),
    ]
    cells = "".join(f"<dt>{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in rows)
    cells += f"<dt>url</dt><dd>{link(url)}</dd>"
    cells += f"<dt>span</dt><dd>{esc(src.path)}, {src.start}-{src.end}</dd>"
    return (
        f'<div class="claim"><h4>{esc(heading)}: {esc(cite(src))}</h4>'
        f"{quote_in_context(claim, sources)}<dl>{cells}</dl></div>"
    )
