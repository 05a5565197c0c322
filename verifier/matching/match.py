"""Ranking claims for a statement: the one matcher behind `check` and `match`.

Subjects are matched by name first (an alias index), then the rest of the sentence is
compared with each candidate's text with values masked, so that a changed number still
finds its claim ("about 60 million people" finds "approximately 80 million people").

A statement that names no subject of the ledger (a tweet, a paraphrase) is looked up by
BM25 over every claim's statement and source context; the best RERANK of those are
re-scored by a blend of their BM25 score and a fuzzy comparison of the whole texts.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz

from verifier.common.text import content_words, stem, words
from verifier.errors import DataError, UsageError
from verifier.matching.index import PLACEHOLDERS, Index, SubjectHit, subject_key
from verifier.parsing.statements import Statement, parse

RERANK = 100  # BM25 candidates re-scored with rapidfuzz, at least
MAX_DEPTH = 1600  # and at most
SEMANTIC_WEIGHTS = (0.1, 0.3, 0.6)  # BM25, fuzzy, cosine shares with embeddings (tuned on train+dev)
BM25_WEIGHT = 0.6  # share of the BM25 score in the blended 0-100 score (tuned on CheckThat train+dev)

# A pasted tweet's signature ("— Name (@handle) May 1, 2020"), links, pic.twitter.com URLs.
_SIGNATURE = re.compile(r"\s*[—–]+\s*(?P<name>[^—–()]*)\(@\w+\)\s+(?P<date>\w+\s+\d{1,2},\s+\d{4})")
_LINK = re.compile(r"(?:https?://|www\.|pic\.twitter\.com/)\S+")
_HANDLE = re.compile(r"[@#](?=\w)")


@dataclass(frozen=True)
class Candidate:
    index: int  # position of the claim in Index.claims
    score: float  # 0-100


def clean_query(text: str) -> str:
    """A pasted statement without what is not its content: links, handles, the signature's punctuation.

    A tweet's author and date stay as words (on CheckThat! train+dev they help: the claim is
    often about the author, and dated)."""
    text = _LINK.sub(" ", text)
    text = _SIGNATURE.sub(lambda m: f". {m['name'].strip()} {m['date']}", text)
    return " ".join(_HANDLE.sub(" ", text).split())


@lru_cache(maxsize=4096)
def _statement_words(text: str, masked: str, subjects: tuple[SubjectHit, ...]) -> tuple[str, ...]:
    named: set[str] = set()
    if subjects:
        all_words = words(text)
        named = {stem(w) for hit in subjects for w in all_words[hit.start : hit.end]}
    return tuple(w for w in content_words(masked) if w not in named and w not in PLACEHOLDERS)


def statement_words(stmt: Statement, subject: str | None = None) -> list[str]:
    """The sentence's words with values masked and the names of `subject` (default: of every
    subject it names) taken out: another subject named in it ("10 California cities") is a
    word of its predicate."""
    # a carried subject's positions belong to the sentence before
    hits = () if stmt.carried_subject else tuple(h for h in stmt.subjects if subject in (None, h.key))
    return list(_statement_words(stmt.text, stmt.masked, hits))


def predicate_score(stmt: Statement, index: Index, idx: int, subject: str | None = None) -> float:
    """`subject`: the claim's subject key, when the caller knows it (then the claim is not decoded)."""
    mine = _statement_text(stmt, subject if subject is not None else subject_key(index.claims[idx]))
    theirs = index.predicate_text(idx)
    if mine is None or theirs is None:
        return 50.0  # the sentence says nothing beyond its subject and value: a weak match
    return fuzz.token_set_ratio(mine, theirs)


# The last sentence and subject asked for, and their words joined: a sentence's words are scored
# against each claim of the subject's groups, one after another.
_LAST: tuple[Statement | None, str | None, str | None] = (None, None, None)


def _statement_text(stmt: Statement, subject: str) -> str | None:
    """statement_words(stmt, subject) joined by spaces; None when there are none."""
    global _LAST
    last = _LAST
    if last[0] is stmt and last[1] == subject:
        return last[2]
    mine = statement_words(stmt, subject)
    found = " ".join(mine) if mine else None
    _LAST = (stmt, subject, found)
    return found


def rank(stmt: Statement, index: Index, top_k: int = 10) -> list[Candidate]:
    """Claims ranked for a statement: those of the subjects it names, else by BM25 over all claims."""
    if stmt.subjects:
        pool = {i for hit in stmt.subjects for i in index.by_subject.get(hit.key, ())}
        scored = [Candidate(i, predicate_score(stmt, index, i)) for i in pool]
    else:
        scored = text_rank(stmt.text, index, top_k)
    return sorted(scored, key=lambda c: (-c.score, c.index))[:top_k]


def text_rank(text: str, index: Index, top_k: int = 10) -> list[Candidate]:
    """Claims for a free text by BM25, re-scored 0-100 with the fuzzy similarity of the whole texts.

    The first RERANK of BM25 are re-scored; deeper ones only while one of them could still enter
    the top k (its BM25 part is at most the last one's and its fuzzy part at most 100), so the
    result is what scoring every claim sharing a term would give, up to MAX_DEPTH claims."""
    if index.dense is not None:
        return _semantic_rank(text, index, top_k)
    depth = max(RERANK, top_k)
    fuzzy: dict[int, float] = {}
    query = " ".join(content_words(text))
    while True:
        hits = index.bm25(text, top=depth)
        if not hits:
            return []
        best = hits[0][1]
        for idx, _ in hits:
            if idx not in fuzzy:
                fuzzy[idx] = fuzz.token_set_ratio(query, index.fuzzy_texts[idx])
        out = [Candidate(i, BM25_WEIGHT * 100 * s / best + (1 - BM25_WEIGHT) * fuzzy[i]) for i, s in hits]
        if len(hits) < depth or depth >= MAX_DEPTH or len(out) < top_k:
            return out
        kth = sorted((c.score for c in out), reverse=True)[top_k - 1]
        if BM25_WEIGHT * 100 * hits[-1][1] / best + (1 - BM25_WEIGHT) * 100 <= kth:
            return out
        depth *= 4


def _semantic_rank(text: str, index: Index, top_k: int) -> list[Candidate]:
    """With claim embeddings (semantic.attach): BM25's and the embeddings' nearest claims,
    each scored by a blend of BM25, the fuzzy similarity and the cosine of the embeddings."""
    from verifier.matching.semantic import encoder  # numpy inference; only with the `semantic` extra

    cosine = index.dense @ encoder().encode([text])[0]
    depth = min(max(RERANK, top_k), len(cosine))
    bm25 = dict(index.bm25(text, top=depth))
    pool = set(bm25) | set(np.argpartition(-cosine, depth - 1)[:depth].tolist())
    best = max(bm25.values(), default=1.0)
    query = " ".join(content_words(text))
    w_bm25, w_fuzzy, w_cosine = SEMANTIC_WEIGHTS
    return [
        Candidate(i, 100 * (w_bm25 * bm25.get(i, 0.0) / best + w_cosine * max(0.0, float(cosine[i])))
                  + w_fuzzy * fuzz.token_set_ratio(query, index.fuzzy_texts[i]))
        for i in pool
    ]  # fmt: skip


# ---------------------------------------------------------------- many statements (`verifier match`)


@dataclass(frozen=True)
class Query:
    id: str
    text: str


def read_queries(text: str, shown: str) -> list[Query]:
    """Statements from a file: one a line (ids are line numbers), or, when a line holds a tab, a TSV
    of id and text (CSV quoting allowed; a first row whose id is empty, 'id' or 'qid' is a header)."""
    if "\t" not in text:
        queries = [Query(str(n), line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    else:
        queries = _tsv_queries(text, shown)
    if not queries:
        raise DataError("no statements in the file", path=shown)
    return queries


def _tsv_queries(text: str, shown: str) -> list[Query]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    out: list[Query] = []
    start = 1
    for row in reader:
        line, start = start, reader.line_num + 1  # a quoted cell may span lines
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < 2:
            raise DataError("expected an id and a text separated by a tab", path=shown, line=line)
        if not out and row[0].strip().lower() in ("", "id", "qid"):
            continue  # header
        out.append(Query(row[0].strip(), row[1].strip()))
    return out


def match_statements(
    queries: list[Query], index: Index, top_k: int = 10
) -> list[tuple[Query, list[Candidate]]]:
    """Each statement's best claims, ranked by `rank` (links and a tweet's signature cleaned first)."""
    if top_k < 1:
        raise UsageError(f"--top-k must be at least 1, not {top_k}")
    return [(q, rank(parse(clean_query(q.text), index), index, top_k)) for q in queries]
