"""`verifier validate` at scale: seconds and peak RSS of the whole process on a synthetic ledger.

    python bench/validate_scale.py --claims 100000 [--out DIR] [--runs 3]

The ledger (bench/scale_data.py: 20,000 claims a file, one source) is written to --out once and
reused when it is there. To time another checkout (main, say), set PYTHONPATH to it: the
process runs in the ledger's folder, so this checkout is not on its path. Each run is a fresh
`python -m verifier validate` process, timed from outside; its peak RSS comes from wait4. Prints
one line per run and the medians.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from scale_data import generate, write_ledger  # noqa: E402


def ensure_ledger(out: Path, n_claims: int) -> None:
    marker = out / ".complete"
    if marker.exists():
        return
    write_ledger(out, generate(n_claims, 0, random.Random(0)))
    marker.write_text(str(n_claims))


def run_once(ledger: Path) -> tuple[float, float, int, int]:
    """(wall seconds, CPU seconds, peak RSS in MiB, exit code) of one validate process."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "verifier", "validate", "--ledger", str(ledger)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=ledger,  # not this checkout: PYTHONPATH picks
    )  # fmt: skip
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    lines = out.decode(errors="replace").strip().splitlines()
    if lines:
        print("   last line:", lines[-1][:160], f"({len(lines)} lines)")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=100_000)
    ap.add_argument("--out", type=Path, help="Ledger folder (default: /tmp/validate-scale-<claims>).")
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    out = args.out or Path(f"/tmp/validate-scale-{args.claims}")
    ensure_ledger(out, args.claims)
    print(f"ledger {out}: {args.claims} claims; load: {os.getloadavg()}")
    walls, cpus, rsss = [], [], []
    for i in range(args.runs):
        wall, cpu, rss, code = run_once(out)
        print(f"run {i + 1}: wall_s {wall:.1f}  cpu_s {cpu:.1f}  peak_rss_mb {rss}  exit {code}")
        walls.append(wall), cpus.append(cpu), rsss.append(rss)
    print(f"median: wall_s {statistics.median(walls):.1f}  cpu_s {statistics.median(cpus):.1f}  "
          f"peak_rss_mb {statistics.median(rsss):.0f}")  # fmt: skip


if __name__ == "__main__":
    main()
