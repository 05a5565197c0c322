"""How well `extract` finds the curated claims of the seed sources: recall and precision.

    python bench/extract_quality.py [--ledger DIR] [--verbose]

Each seed source is extracted with the ledger's claims hidden (so no curated subject can
help), and the proposals are paired one to one with the curated claims of that source: a
pair needs overlapping spans and agreeing values (quantities.compare says agree, which for
places, organisations and people means a shared name or alias). Recall = curated claims
paired / curated claims; precision = proposals paired / proposals. The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import verifier
from verifier.ledger.load import Ledger
from verifier.models import Claim
from verifier.parsing.describe import describe
from verifier.parsing.tolerance import compare

SEEDS = ["abc-2017-06-jiangsu-pact", "iclei-2015-09-ccucc-launch", "iclei-2016-06-climate-leaders-summit"]


def matches(proposal: Claim, curated: Claim) -> bool:
    a, b = proposal.source, curated.source
    return a.start < b.end and b.start < a.end and compare(proposal.value, curated.value).agree is True


def pair(proposals: list[Claim], curated: list[Claim]) -> dict[int, int]:
    """A maximum one-to-one pairing (curated index -> proposal index), by augmenting paths."""
    edges = [[j for j, p in enumerate(proposals) if matches(p, c)] for c in curated]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(curated)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ledger", default=str(Path(__file__).resolve().parent.parent))
    parser.add_argument("--verbose", action="store_true", help="list misses and unmatched proposals")
    args = parser.parse_args(argv)
    full = verifier.load_ledger(args.ledger)
    blind = Ledger(full.root, full.sources, [], {})
    totals = {"curated": 0, "found": 0, "proposals": 0, "correct": 0}
    per_source = {}
    for sid in SEEDS:
        curated = [c for c in full.claims if c.source.id == sid]
        proposals = verifier.extract(sid, ledger=blind)
        paired = pair(proposals, curated)
        row = {"curated": len(curated), "found": len(paired), "proposals": len(proposals),
               "correct": len(paired)}
        for key in totals:
            totals[key] += row[key]
        per_source[sid] = _rates(row)
        print(f"{sid}: recall {per_source[sid]['recall']:.3f} ({row['found']}/{row['curated']}), "
              f"precision {per_source[sid]['precision']:.3f} ({row['correct']}/{row['proposals']})")
        if args.verbose:
            _explain(curated, proposals, paired)
    overall = _rates(totals)
    print(f"overall: recall {overall['recall']:.3f}, precision {overall['precision']:.3f}")
    print(json.dumps({"sources": per_source, "overall": overall}, sort_keys=True))
    return 0


def _rates(row: dict[str, int]) -> dict[str, float | int]:
    return {**row, "recall": round(row["found"] / max(1, row["curated"]), 3),
            "precision": round(row["correct"] / max(1, row["proposals"]), 3)}


def _explain(curated: list[Claim], proposals: list[Claim], paired: dict[int, int]) -> None:
    for i, c in enumerate(curated):
        if i not in paired:
            print(f"  missed   {c.id}: {describe(c.value)} | {c.source.quote[:70]!r}")
    used = set(paired.values())
    for j, p in enumerate(proposals):
        if j not in used:
            print(f"  extra    {p.property}: {describe(p.value)} | {p.source.quote[:70]!r}")


if __name__ == "__main__":
    sys.exit(main())
