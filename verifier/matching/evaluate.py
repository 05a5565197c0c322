"""Ranking metrics as the CLEF CheckThat! claim-retrieval scorers compute them (trectools).

Kept bit-for-bit with the official scorers, quirks included, so that a figure printed here
can be set beside a published one:
- per query, documents are ordered by score, highest first, ties to the *larger* docid
  (numeric order when every docid is a number, as pandas reads them, else string order);
- qrels are a multiset: a duplicated relevant line counts twice, at the same position;
- AP@k divides by every relevant line of the query (not min(R, k));
- MAP@k divides by the number of distinct queries in the run; gold queries missing from the
  run are ignored; P@k (2020 scorer) divides by the queries of the qrels, (2021+) by the run's.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

Run = Mapping[str, Mapping[str, float]]  # qid -> docid -> score
Qrels = Mapping[str, Counter[str]]  # qid -> relevant docid -> number of qrels lines


def _tie_key(docids: Iterable[str]):
    ids = list(docids)
    if all(d.lstrip("-").isdigit() for d in ids):
        return int
    return str


def ordered(scores: Mapping[str, float]) -> list[str]:
    """A query's documents, best first; ties go to the larger docid, as trectools sorts them."""
    key = _tie_key(scores)
    return sorted(scores, key=lambda d: (scores[d], key(d)), reverse=True)


def average_precision(ranked: list[str], gold: Counter[str], k: int) -> float:
    relevant_lines = sum(gold.values())
    if not relevant_lines:
        return 0.0
    found, total = 0, 0.0
    for position, doc in enumerate(ranked[:k], start=1):
        for _ in range(gold.get(doc, 0)):  # a duplicated qrels line counts again, same position
            found += 1
            total += found / position
    return total / relevant_lines


def precision(ranked: list[str], gold: Counter[str], k: int) -> float:
    # trectools joins run and qrels before the cut, so a duplicated qrels line takes a slot.
    rows = [doc for doc in ranked for _ in range(max(1, gold.get(doc, 0)))][:k]
    return sum(1 for doc in rows if gold.get(doc, 0)) / k


def scores(run: Run, qrels: Qrels, ks: Iterable[int] = (1, 3, 5), p_over: str = "qrels") -> dict[str, float]:
    """MAP@k and P@k for each k. `p_over` is "qrels" (2020 scorer) or "run" (2021/2022 scorer)."""
    queries = list(run)
    ranked = {q: ordered(run[q]) for q in queries}
    empty: Counter[str] = Counter()
    p_denominator = len(qrels) if p_over == "qrels" else len(queries)
    out: dict[str, float] = {}
    for k in ks:
        ap = sum(average_precision(ranked[q], qrels.get(q, empty), k) for q in queries)
        out[f"MAP@{k}"] = ap / max(1, len(queries))
    for k in ks:
        p = sum(precision(ranked[q], qrels.get(q, empty), k) for q in queries)
        out[f"P@{k}"] = p / max(1, p_denominator)
    return out


def read_qrels(lines: Iterable[str]) -> dict[str, Counter[str]]:
    """`qid 0 docid rel` lines (tabs or spaces); only rel > 0 is relevant, duplicates are kept."""
    gold: dict[str, Counter[str]] = {}
    for line in lines:
        parts = line.split()
        if len(parts) < 4:
            continue
        qid, _, doc, rel = parts[:4]
        gold.setdefault(qid, Counter())
        if float(rel) > 0:
            gold[qid][doc] += 1
    return gold


def format_score(score: float) -> str:
    """A score the 2020 format checker accepts (-?digits.digits): fixed point, never an exponent."""
    if not math.isfinite(score):
        raise ValueError(f"score {score} cannot be written in a run")
    return f"{score:.6f}"


def run_lines(run: Run, tag: str, rank_one: bool = True) -> list[str]:
    """The six-column TREC run; the 2020 checker wants the literal 1 in the rank column."""
    lines = []
    for qid, docs in run.items():
        for position, doc in enumerate(ordered(docs), start=1):
            rank = 1 if rank_one else position
            lines.append(f"{qid}\tQ0\t{doc}\t{rank}\t{format_score(docs[doc])}\t{tag}")
    return lines
