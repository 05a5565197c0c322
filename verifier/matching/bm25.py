"""BM25 over the claims' texts: postings in CSR form, built with flat arrays, and a query's top
claims without sorting a million scores."""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

K1, B = 1.2, 0.75


@dataclass
class Postings:
    """BM25 postings in CSR form: term t's claims are doc[ptr[t]:ptr[t+1]], with weight w (tf part)."""

    vocab: dict[str, int]
    ptr: np.ndarray  # int64, len(vocab) + 1
    doc: np.ndarray  # int32
    weight: np.ndarray  # float32: tf (k1 + 1) / (tf + k1 (1 - b + b len / avg))
    n_docs: int

    def idf(self, t: int) -> float:
        df = int(self.ptr[t + 1] - self.ptr[t])
        return math.log(1 + (self.n_docs - df + 0.5) / (df + 0.5))


_BLOCK = 1024  # scores per block whose maximum bounds the top ones from below (a short row is slow to reduce)


def top_positions(scores: np.ndarray, top: int) -> np.ndarray:
    """The positions of the `top` highest positive scores, highest first, equal scores in position
    order. Partitioning a million scores was half of a BM25 query; the maxima of blocks of scores
    bound the top-th score from below, so only the scores at or above that bound are sorted."""
    whole = len(scores) - len(scores) % _BLOCK
    bounds = np.concatenate((scores[:whole].reshape(-1, _BLOCK).max(axis=1), scores[whole:]))
    floor = float(np.partition(bounds, len(bounds) - top)[len(bounds) - top]) if len(bounds) >= top else 0.0
    near = np.flatnonzero(scores >= floor) if floor > 0 else np.flatnonzero(scores > 0)
    return near[np.lexsort((near, -scores[near]))[:top]]


class _TermIds(dict):
    """term -> id, a new term taking the next: `map(ids.__getitem__, terms)` runs in C."""

    def __missing__(self, term: str) -> int:
        self[term] = found = len(self)
        return found


def build_postings(term_lists: Iterable[list[str]], k1: float = K1, b: float = B) -> Postings:
    """BM25 postings of the texts' terms (see index.terms), built with flat arrays (a million claims
    in seconds, not minutes). Memory is what limits a build: term ids are 4-byte arrays, and each
    array is dropped once used."""
    vocab = _TermIds()
    term_ids, counts = array("i"), array("i")
    for ts in term_lists:
        counts.append(len(ts))
        term_ids.extend(map(vocab.__getitem__, ts))
    n = len(counts)
    lengths = np.frombuffer(counts, dtype=np.int32).astype(np.float32)
    tid = np.frombuffer(term_ids, dtype=np.int32).astype(np.int64)
    del term_ids
    keys = tid * max(1, n)
    del tid
    keys += np.repeat(np.arange(n, dtype=np.int64), np.frombuffer(counts, dtype=np.int32))
    # one entry per (term, doc) pair with its count, sorted by term then doc
    pairs, tf = np.unique(keys, return_counts=True)
    del keys
    t_of, d_of = pairs // max(1, n), pairs % max(1, n)
    del pairs
    avg = float(lengths.mean()) if n else 1.0
    norm = k1 * (1 - b + b * lengths[d_of] / max(avg, 1e-9))
    weight = (tf * (k1 + 1) / (tf + norm)).astype(np.float32)
    ptr = np.zeros(len(vocab) + 1, dtype=np.int64)
    np.cumsum(np.bincount(t_of, minlength=len(vocab)), out=ptr[1:])
    return Postings(dict(vocab), ptr, d_of.astype(np.int32), weight, n)
