"""How verifier's index and check scale with the ledger: build time, memory, speed, warm start, recall.

    python bench/scale.py --claims 100000 --sentences 10000 [--seed 0] [--out DIR]

1. Generates a ledger of N claims: N/20 subjects (places, organisations, events with made-up
   names, a third with an alias), 30 properties (population, founding date, budget, location,
   ...), numbers, dates and places, every claim a span of one synthetic source; it is written
   to disk as a real ledger (claims/part-*.yaml, sources/) so that its fingerprint is real.
2. build_s: `build_index` over the claims (decoded from JSON as it goes, like a cached load).
3. The index is saved to the on-disk cache; warm_start_s is the wall time of a fresh Python
   process that fingerprints the ledger files and loads the cached index, claims included.
4. statements_per_s: S draft sentences (paraphrases, changed values, unrelated sentences)
   checked one by one through `Checker.check_text` on the cache-loaded index.
5. recall_at_10 on a subset of min(N, 100k) claims and 100 sentences: the matcher's top 10
   (`match.rank`) against brute force, i.e. the same rapidfuzz scores computed for every claim
   of the subset (subjects found by scanning every claim's names, free text scored without
   BM25's pruning). Also source_recall_at_10: how often a sentence's own claim is in the top 10,
   for the matcher and for brute-force token_set_ratio over the whole texts.
The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_data import Draft, generate, write_ledger  # noqa: E402

from verifier.cache import StoredClaims, save_index  # noqa: E402
from verifier.config import Tolerance  # noqa: E402
from verifier.index import build_index  # noqa: E402
from verifier.ledger import Ledger  # noqa: E402
from verifier.verify import Checker  # noqa: E402

_WARM = """
import json, sys, time
t0 = time.perf_counter()
from verifier.cache import fingerprint, load_cached
t1 = time.perf_counter()
key = fingerprint(sys.argv[1])
t2 = time.perf_counter()
index = load_cached(sys.argv[1], key)
t3 = time.perf_counter()
assert index is not None and len(index.claims) == int(sys.argv[2])
print(json.dumps({"import_s": t1 - t0, "fingerprint_s": t2 - t1, "load_s": t3 - t2}))
"""


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def warm_start(root: Path, n: int) -> dict[str, float]:
    """A second run's start: a new process fingerprints the ledger and loads the cached index."""
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _WARM, str(root), str(n)], check=True, capture_output=True, text=True
    )
    wall = time.perf_counter() - started
    child = json.loads(out.stdout)
    return {"warm_start_s": wall, **{f"warm_{k}": v for k, v in child.items()}}


def check_speed(checker: Checker, drafts: list[Draft]) -> tuple[float, dict[str, int]]:
    verdicts: dict[str, int] = {}
    started = time.perf_counter()
    for draft in drafts:
        for finding in checker.check_text(draft.text, "draft.md"):
            verdicts[finding.verdict] = verdicts.get(finding.verdict, 0) + 1
    return len(drafts) / (time.perf_counter() - started), verdicts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--sentences", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, help="Where to write the ledger (default: a temporary folder).")
    ap.add_argument("--recall-subset", type=int, default=100_000)
    ap.add_argument("--recall-sentences", type=int, default=100)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="verifier-scale-") as tmp:
        root = args.out or Path(tmp) / "ledger"
        return run(args, root)


def run(args: argparse.Namespace, root: Path) -> int:
    rng = random.Random(args.seed)
    started = time.perf_counter()
    data = generate(args.claims, args.sentences, rng)
    source = write_ledger(root, data)
    print(f"generated {args.claims} claims about {data.subjects} subjects and {len(data.drafts)} sentences "
          f"in {time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
    claims = StoredClaims(data.blob, data.offsets)
    del data.blob
    started = time.perf_counter()
    index = build_index(claims)
    build_s = time.perf_counter() - started
    print(f"build_index: {build_s:.1f} s, peak RSS {rss_mb():.0f} MB", flush=True)
    key = Ledger(root, {}, [], {}).fingerprint()
    started = time.perf_counter()
    path = save_index(index, root, key)
    save_s = time.perf_counter() - started
    size_mb = path.stat().st_size / 2**20 if path else 0.0
    print(f"cache written: {save_s:.1f} s, {size_mb:.0f} MB", flush=True)
    del index, claims
    warm = warm_start(root, args.claims)
    print(f"warm start: {warm['warm_start_s']:.2f} s (imports {warm['warm_import_s']:.2f} s, fingerprint "
          f"{warm['warm_fingerprint_s']:.2f} s, load {warm['warm_load_s']:.2f} s)", flush=True)  # fmt: skip
    from verifier.cache import load_cached

    index = load_cached(root, key)
    checker = Checker(Ledger(root, {source.id: source}, [], {}), Tolerance(), index)
    speed, verdicts = check_speed(checker, data.drafts)
    print(
        f"check: {speed:.0f} statements/s over {len(data.drafts)} sentences, verdicts {verdicts}", flush=True
    )
    from scale_recall import recall

    rec = recall(index, data.drafts, args.recall_subset, args.recall_sentences, random.Random(args.seed))
    print(
        f"recall@10 on {rec['recall_claims']} claims: {rec['recall_at_10']:.3f}; source claim in top 10: "
        f"matcher {rec['source_recall_matcher']:.3f}, brute force {rec['source_recall_bruteforce']:.3f}"
    )
    result = {
        "claims": args.claims, "sentences": len(data.drafts), "build_s": round(build_s, 2),
        "peak_rss_mb": round(rss_mb(), 1), "statements_per_s": round(speed, 1),
        "warm_start_s": round(warm["warm_start_s"], 3), "recall_at_10": round(rec["recall_at_10"], 4),
        "cache_write_s": round(save_s, 2), "cache_mb": round(size_mb, 1),
        **{k: round(v, 3) for k, v in warm.items() if k != "warm_start_s"},
        "source_recall_matcher": round(rec["source_recall_matcher"], 4),
        "source_recall_bruteforce": round(rec["source_recall_bruteforce"], 4), "cores": os.cpu_count(),
    }  # fmt: skip
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
