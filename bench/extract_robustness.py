"""Extract over every Climate-FEVER evidence sentence: no exception, and no sentence slower than
a bound. Prints the counts, the slowest sentences and any failure (exit 1 on a failure).

    python bench/extract_robustness.py [--data ../shared/bench/climate-fever/climate-fever.jsonl]
                                       [--limit N] [--bound SECONDS]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

from verifier.extraction.extract import extract_text
from verifier.models import Source

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "bench" / "climate-fever" / "climate-fever.jsonl"


def sentences(path: Path, limit: int | None) -> list[str]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            out += [e["evidence"] for e in json.loads(line)["evidences"]]
            if limit and len(out) >= limit:
                return out[:limit]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--bound", type=float, default=2.0, help="seconds one sentence may take")
    args = parser.parse_args()
    texts = sentences(args.data, args.limit)
    failures, slow, claims, times = [], [], 0, []
    for i, text in enumerate(texts):
        source = Source(id=f"cf-{i}", title="evidence", publisher="Wikipedia", kind="reference",
                        sha256=hashlib.sha256(text.encode()).hexdigest(), path=f"sources/cf-{i}.txt")
        started = time.perf_counter()
        try:
            claims += len(extract_text(text, source))
        except Exception as exc:  # noqa: BLE001 - the point is to count every kind of failure
            failures.append((i, f"{type(exc).__name__}: {exc}".splitlines()[0], text))
        took = time.perf_counter() - started
        times.append(took)
        if took > args.bound:
            slow.append((took, i, text))
    times.sort()
    print(f"sentences: {len(texts)}  claims: {claims}  failures: {len(failures)}  "
          f"over {args.bound}s: {len(slow)}")
    print(f"seconds per sentence: median {times[len(times) // 2]:.4f}  max {times[-1]:.3f}")
    for i, message, text in failures[:20]:
        print(f"  FAIL #{i}: {message}\n        {text[:160]!r}")
    for took, i, text in sorted(slow, reverse=True)[:5]:
        print(f"  SLOW #{i}: {took:.2f}s {text[:120]!r}")
    return 1 if failures or slow else 0


if __name__ == "__main__":
    sys.exit(main())
