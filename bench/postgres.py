"""The PostgreSQL ledger at scale: claims/s written and loaded, and candidate/match latency in the
database against the file index.

    python bench/postgres.py --claims 100000 --queries 200 [--url postgresql://...] [--seed 0]

Without --url a throwaway cluster of the machine's server is started (tests/pgcluster.py) and
removed at the end. The ledger is bench/scale_data.py's synthetic one (N/20 subjects, 22
properties, a third of subjects with an alias); the queries are its draft sentences (paraphrases,
changed values, unrelated).

1. write: the claims validated into Claim models and sent with COPY in one transaction, as
   `import --format ledger` does once the folder is parsed (claims/s; YAML parsing, the file
   ledger's own cost, is left out).
2. load: PostgresBackend.load(), every claim read and validated (claims/s); then the index built
   and cached, and a warm PostgresBackend.index() (version check + cache read).
3. per query, median and 95th percentile in ms: the database's candidate retrieval (subject and
   alias by pg_trgm word_similarity, full-text search), and `match --in-database` end to end
   (retrieve, index the candidates, rank); against the file index's retrieval (subjects_in + BM25)
   and its full match (rank) on the whole loaded index.
4. source recall: how often a draft's own claim is among the database's candidates, and in the top
   10 of each way of matching.
The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent / "tests")]

from scale_data import SOURCE_ID, generate  # noqa: E402

from verifier.matching.index import build_index  # noqa: E402
from verifier.matching.match import Query, match_statements  # noqa: E402
from verifier.models import Claim, Source  # noqa: E402
from verifier.postgres.ledger import PostgresBackend  # noqa: E402
from verifier.postgres.search import candidates_in  # noqa: E402


def write_phase(backend: PostgresBackend, data) -> float:
    digest = hashlib.sha256(data.source_text.encode()).hexdigest()
    source = Source(id=SOURCE_ID, title="Synthetic facts", publisher="bench/postgres.py", kind="dataset",
                    sha256=digest, path=f"sources/{SOURCE_ID}.txt")  # fmt: skip
    offsets = data.offsets.tolist()
    n = len(offsets) - 1
    started = time.perf_counter()
    with backend.store.transaction() as conn:
        backend.store.insert_sources(conn, [(source, f"sources/{SOURCE_ID}.yaml", data.source_text)])
        for lo in range(0, n, 50_000):
            hi = min(n, lo + 50_000)
            backend.store.insert_claims(conn, _rows(data.blob, offsets, lo, hi))
        backend.store.bump(conn)
    backend.store.tidy()  # as import --format ledger does
    return n / (time.perf_counter() - started)


def _rows(blob: bytes, offsets: list[int], lo: int, hi: int) -> list[tuple[Claim, str, int]]:
    """Claims lo..hi validated, in files of 20,000 as bench/scale_data.write_ledger lays them out."""
    return [(Claim.model_validate_json(blob[offsets[i] : offsets[i + 1]]),
             f"claims/part-{i // 20_000:04d}.yaml", i % 20_000) for i in range(lo, hi)]  # fmt: skip


def timed(fn, *args):
    started = time.perf_counter()
    out = fn(*args)
    return out, (time.perf_counter() - started) * 1000


def summary(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return {"p50": round(statistics.median(ordered), 2), "p95": round(p95, 2)}


def query_phase(backend: PostgresBackend, index, drafts) -> dict:
    """Every query over one open connection (a `match --queries FILE` run holds one too)."""
    ms = {k: [] for k in ("db_candidates", "db_match", "file_retrieval", "file_match")}
    hits = {"db_candidates": 0, "db_top10": 0, "file_top10": 0}
    with backend.store.transaction(read_only=True) as conn:
        for draft in drafts:
            found, t = timed(candidates_in, conn, [draft.text])
            ms["db_candidates"].append(t)
            (db_index, db_ranked), t = timed(_db_match, conn, draft.text)
            ms["db_match"].append(t)
            _, t = timed(lambda text: (index.subjects_in(text), index.bm25(text)), draft.text)
            ms["file_retrieval"].append(t)
            ranked, t = timed(lambda text: match_statements([Query("q", text)], index, 10)[0][1], draft.text)
            ms["file_match"].append(t)
            if draft.claim is not None:
                own = f"c{draft.claim}"
                hits["db_candidates"] += own in found
                hits["db_top10"] += any(db_index.claims[c.index].id == own for c in db_ranked)
                hits["file_top10"] += any(index.claims[c.index].id == own for c in ranked)
    sourced = sum(d.claim is not None for d in drafts) or 1
    return {"ms": {k: summary(v) for k, v in ms.items()},
            "source_recall": {k: round(v / sourced, 3) for k, v in hits.items()}}  # fmt: skip


def _db_match(conn, text: str):
    """match --in-database for one statement: retrieve, validate, index the candidates, rank."""
    found = candidates_in(conn, [text])
    index = build_index([Claim.model_validate_json(r) for r in found.values()])
    return index, match_statements([Query("q", text)], index, 10)[0][1]


def run(url: str, args: argparse.Namespace) -> dict:
    data = generate(args.claims, args.queries, random.Random(args.seed))
    backend = PostgresBackend(url)
    print(f"generated {args.claims} claims, {len(data.drafts)} queries", flush=True)
    write_rate = write_phase(backend, data)
    print(f"write (validate + COPY, one transaction): {write_rate:,.0f} claims/s", flush=True)
    del data.blob
    ledger, load_ms = timed(backend.load)
    print(f"load (read + validate): {args.claims / load_ms * 1000:,.0f} claims/s ({load_ms / 1000:.1f} s)")
    index, build_ms = timed(build_index, ledger.claims)
    from verifier.matching.cache import save_index

    save_index(index, backend.cache_root, ledger.fingerprint())
    del ledger
    warm, warm_ms = timed(backend.index)
    print(f"index build {build_ms / 1000:.1f} s; warm index from the cache {warm_ms / 1000:.2f} s")
    queried = query_phase(backend, warm, data.drafts)
    for name, fig in queried["ms"].items():
        print(f"{name}: p50 {fig['p50']} ms, p95 {fig['p95']} ms")
    print(f"source recall: {queried['source_recall']}")
    load_rate = round(args.claims / load_ms * 1000)
    return {"claims": args.claims, "queries": len(data.drafts), "cores": os.cpu_count(),
            "write_claims_per_s": round(write_rate), "load_claims_per_s": load_rate,
            "build_s": round(build_ms / 1000, 2), "warm_index_s": round(warm_ms / 1000, 2),
            **queried}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--url", help="An empty PostgreSQL database (default: a throwaway cluster).")
    args = ap.parse_args(argv)
    os.environ.setdefault("XDG_CACHE_HOME", f"/tmp/verifier-bench-cache-{os.getpid()}")
    cluster = None
    if not args.url:
        import pgcluster

        cluster = pgcluster.start("bench", durable=True)
    try:
        result = run(args.url or cluster.url("bench"), args)
    finally:
        if cluster:
            cluster.stop()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
