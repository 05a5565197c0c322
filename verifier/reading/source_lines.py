"""A source text's sentences, where its lines say so: a heading, a label or a list item ends its
sentence even without a full stop, unless the paragraph is hard-wrapped prose."""

from __future__ import annotations

import re

from verifier.reading.documents import split_sentences


def source_sentences(text: str) -> list[tuple[int, int]]:
    """Sentences of a source, where a line that ends without a full stop (a heading, a label, a list
    item) ends its sentence too, unless the paragraph is hard-wrapped prose."""
    spans = []
    for lo, hi in line_blocks(text):
        spans += [(lo + s, lo + e) for s, e in split_sentences(text[lo:hi])]
    return spans


_LINE_END = re.compile(r"[.!?;,\"”’)]\s*$|(?:\b(?:and|or|of|the|a|an|to|in|for|by|with)|[-–—])\s*$")
_ITEM_START = re.compile(r"\s*(?:[-•*▪◦]\s|\d{1,2}[.)]\s)")


def line_blocks(text: str) -> list[tuple[int, int]]:
    lines = text.splitlines(keepends=True)
    cuts, pos = [], 0
    widths = [len(x.rstrip()) for x in lines if x.strip()]
    wrapped = len(widths) >= 4 and sorted(widths)[len(widths) // 2] >= 50 \
        and sum(abs(w - max(widths)) <= 15 for w in widths) >= len(widths) * 0.6
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        following = lines[i + 1]
        ends = not _LINE_END.search(line) and following.strip()[:1].isupper()
        if _ITEM_START.match(following) or (ends and not wrapped) or not line.strip():
            cuts.append(pos)
    bounds = [0, *cuts, len(text)]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if text[a:b].strip()]
