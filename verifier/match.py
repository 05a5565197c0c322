"""Ranking claims for a statement: the one matcher behind `check` and `match`.

Subjects are matched by name first (an alias index), then the rest of the sentence is
compared with each candidate's text with values masked, so that a changed number still
finds its claim ("about 60 million people" finds "approximately 80 million people").
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from verifier.index import Index
from verifier.statements import Statement
from verifier.text import content_words, stem, words

_PLACEHOLDERS = {"<num>", "<date>"}


@dataclass(frozen=True)
class Candidate:
    index: int  # position of the claim in Index.claims
    score: float  # 0-100


def statement_words(stmt: Statement) -> list[str]:
    """The sentence's words with values masked and the subject's names taken out."""
    named: set[str] = set()
    if not stmt.carried_subject:  # a carried subject's positions belong to the sentence before
        all_words = words(stmt.text)
        named = {stem(w) for hit in stmt.subjects for w in all_words[hit.start : hit.end]}
    return [w for w in content_words(stmt.masked) if w not in named and w not in _PLACEHOLDERS]


def predicate_score(stmt: Statement, index: Index, idx: int) -> float:
    mine = statement_words(stmt)
    theirs = [w for w in index.claim_words[idx] if w not in _PLACEHOLDERS]
    if not mine or not theirs:
        return 50.0  # the sentence says nothing beyond its subject and value: a weak match
    return fuzz.token_set_ratio(" ".join(mine), " ".join(theirs))


def rank(stmt: Statement, index: Index, top_k: int = 10) -> list[Candidate]:
    """Claims ranked for a statement: those of the subjects it names, else by BM25 over all claims."""
    if stmt.subjects:
        pool = {i for hit in stmt.subjects for i in index.by_subject.get(hit.key, ())}
    else:
        pool = {i for i, _ in index.bm25(stmt.masked, top=max(100, top_k))}
    scored = [Candidate(i, predicate_score(stmt, index, i)) for i in pool]
    return sorted(scored, key=lambda c: (-c.score, c.index))[:top_k]
