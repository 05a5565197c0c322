"""The compiled form of a ledger that matching needs: subject names and claim texts as words.

Building it reads every claim once; everything a statement asks of it afterwards is a
dictionary look-up, so checking a sentence does not grow with the ledger's size.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from verifier.models import Claim
from verifier.quantities import mask
from verifier.text import content_words, normal, words


@dataclass(frozen=True)
class SubjectHit:
    """A subject named in a text: its key and the word positions [start, end) of the name."""

    key: str
    start: int
    end: int


def subject_key(claim: Claim) -> str:
    return normal(claim.subject.name)


def group_key(claim: Claim) -> tuple[str, str]:
    """Claims about the same subject and property state the same fact and must agree."""
    return subject_key(claim), claim.property


@dataclass
class Index:
    claims: list[Claim]
    # first word of a name -> the names (as word tuples) starting with it, longest first
    names: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    by_subject: dict[str, list[int]] = field(default_factory=dict)
    groups: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    claim_words: list[list[str]] = field(default_factory=list)
    postings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    avg_len: float = 1.0

    def subjects_in(self, text: str) -> list[SubjectHit]:
        """Every subject named in the text, longest name first where names overlap."""
        toks = words(text)
        hits: list[SubjectHit] = []
        i = 0
        while i < len(toks):
            hit = self._name_at(toks, i)
            if hit:
                hits.append(hit)
                i = hit.end
            else:
                i += 1
        return hits

    def _name_at(self, toks: list[str], i: int) -> SubjectHit | None:
        for name, key in self.names.get(toks[i], ()):
            if tuple(toks[i : i + len(name)]) == name:
                return SubjectHit(key, i, i + len(name))
        return None

    def bm25(self, text: str, top: int = 100, k1: float = 1.2, b: float = 0.75) -> list[tuple[int, float]]:
        """Claims ranked by BM25 over their words: retrieval when no subject is named."""
        n = len(self.claims)
        scores: dict[int, float] = defaultdict(float)
        for term in set(content_words(text)):
            plist = self.postings.get(term)
            if not plist:
                continue
            idf = math.log(1 + (n - len(plist) + 0.5) / (len(plist) + 0.5))
            for idx, tf in plist:
                norm = k1 * (1 - b + b * len(self.claim_words[idx]) / self.avg_len)
                scores[idx] += idf * tf * (k1 + 1) / (tf + norm)
        return sorted(scores.items(), key=lambda kv: -kv[1])[:top]


def claim_text_words(claim: Claim) -> list[str]:
    """The words that say what a claim is about: its statement with values masked, its property,
    and not its subject's names (the subject is matched separately, and would inflate scores)."""
    masked = mask(claim.statement)
    toks = words(masked)
    names = {tuple(words(n)) for n in claim.subject.names()}
    keep, i = [], 0
    while i < len(toks):
        name = next(
            (n for n in sorted(names, key=len, reverse=True) if n and tuple(toks[i : i + len(n)]) == n), None
        )
        if name:
            i += len(name)
        else:
            keep.append(toks[i])
            i += 1
    return content_words(" ".join(keep)) + content_words(claim.property.replace("_", " "))


def build_index(claims: list[Claim]) -> Index:
    index = Index(claims=claims)
    names: dict[str, set[tuple[tuple[str, ...], str]]] = defaultdict(set)
    for i, claim in enumerate(claims):
        key = subject_key(claim)
        index.by_subject.setdefault(key, []).append(i)
        index.groups.setdefault(group_key(claim), []).append(i)
        for name in claim.subject.names():
            toks = tuple(words(name))
            if toks:
                names[toks[0]].add((toks, key))
        cw = claim_text_words(claim)
        index.claim_words.append(cw)
        for term, tf in Counter(cw).items():
            index.postings.setdefault(term, []).append((i, tf))
    index.names = {w: sorted(v, key=lambda nk: (-len(nk[0]), nk)) for w, v in names.items()}
    index.avg_len = sum(map(len, index.claim_words)) / max(1, len(claims))
    return index
