"""Recall of the indexed matcher against brute force, for bench/scale.py.

Brute force scores every claim of a subset with the matcher's own rapidfuzz scores, without
the index's shortcuts: a subject is found by scanning every subject's names in the sentence
(not the alias index), and free text is scored against every claim (not BM25's best RERANK).
recall@10 = the share of brute force's top 10 that the matcher's top 10 holds, where a claim
tied with brute force's tenth counts as in it.
"""

from __future__ import annotations

import random

import numpy as np
from rapidfuzz import fuzz, process

from verifier.common.text import content_words, words
from verifier.matching.cache import StoredClaims
from verifier.matching.index import Index, build_index, retrieval_text
from verifier.matching.match import BM25_WEIGHT, predicate_score, rank
from verifier.parsing.statements import parse


def _subject_table(sub: Index) -> tuple[list[tuple[str, list[str]]], dict[str, list[int]]]:
    """Every subject's names (as padded word strings) and, by scanning the claims, its claims."""
    names: dict[str, list[str]] = {}
    members: dict[str, list[int]] = {}
    for i, claim in enumerate(sub.claims):
        key = " ".join(words(claim.subject.name))
        if key not in names:
            names[key] = [f" {' '.join(words(n))} " for n in claim.subject.names()]
        members.setdefault(key, []).append(i)
    return list(names.items()), members


def _brute(text: str, sub: Index, table, members, docs: list[str]) -> dict[int, float]:
    padded = f" {' '.join(words(text))} "
    found = [key for key, names in table if any(n in padded for n in names)]
    stmt = parse(text, sub)
    if found:
        return {i: predicate_score(stmt, sub, i) for key in found for i in members[key]}
    bm = np.zeros(len(docs), dtype=np.float64)
    for i, s in sub.bm25(text, top=len(docs)):
        bm[i] = s
    if not bm.max():
        return {}
    fuzzy = process.cdist([" ".join(content_words(text))], docs, scorer=fuzz.token_set_ratio, workers=-1)[0]
    blend = BM25_WEIGHT * 100 * bm / bm.max() + (1 - BM25_WEIGHT) * fuzzy
    return dict(enumerate(blend.tolist()))


def _overlap(mine: list[int], brute: dict[int, float]) -> float:
    if not brute:
        return 1.0 if not mine else 0.0
    top = sorted(brute, key=lambda i: (-brute[i], i))[:10]
    tenth = brute[top[-1]]
    hits = sum(1 for i in mine if i in brute and brute[i] >= tenth - 1e-9)
    return min(1.0, hits / len(top))


def recall(index: Index, drafts, subset: int, n_sentences: int, rng: random.Random) -> dict[str, float]:
    claims = index.claims
    n = min(subset, len(claims))
    if isinstance(claims, StoredClaims):
        sub = build_index(StoredClaims(claims._blob, claims._offsets[: n + 1]))
    else:
        sub = build_index(list(claims[:n]))
    table, members = _subject_table(sub)
    docs = [" ".join(content_words(retrieval_text(c))) for c in sub.claims]
    statements = [" ".join(content_words(c.statement)) for c in sub.claims]
    # the subset's own sentences, plus unrelated ones in the share the draft has them
    related = [d for d in drafts if d.claim is not None and d.claim < n]
    unrelated = [d for d in drafts if d.claim is None]
    share = len(unrelated) / max(1, len(drafts))
    n_unrelated = min(len(unrelated), round(n_sentences * share))
    sample = rng.sample(related, min(len(related), n_sentences - n_unrelated))
    sample += rng.sample(unrelated, n_unrelated)
    overlaps, mine_src, brute_src = [], [], []
    for draft in sample:
        mine = [c.index for c in rank(parse(draft.text, sub), sub, 10)]
        overlaps.append(_overlap(mine, _brute(draft.text, sub, table, members, docs)))
        if draft.claim is not None:
            mine_src.append(draft.claim in mine)
            scores = process.cdist([" ".join(content_words(draft.text))], statements,
                                   scorer=fuzz.token_set_ratio, workers=-1)[0]  # fmt: skip
            top = np.lexsort((np.arange(n), -scores))[:10]
            brute_src.append(draft.claim in top.tolist())
    return {
        "recall_at_10": float(np.mean(overlaps)) if overlaps else 1.0,
        "recall_claims": n,
        "source_recall_matcher": float(np.mean(mine_src)) if mine_src else 0.0,
        "source_recall_bruteforce": float(np.mean(brute_src)) if brute_src else 0.0,
    }
