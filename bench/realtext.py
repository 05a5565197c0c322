"""The realtext development corpus, whole pipeline: extraction recall and precision and the check
score per text, as `score.py all` prints them (init, source add, extract, check with the
`verifier` on PATH), then the extraction targets met or not.

    python bench/realtext.py [--corpus ../shared/bench/realtext] [--keep DIR]

The corpus is read where it lies (never copied into the repository); score.py needs PyYAML.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "bench" / "realtext"
TARGETS = {"recall": 0.85, "precision": 0.80}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--keep", type=Path, help="keep each text's ledger here for inspection")
    args = parser.parse_args()
    if not shutil.which("verifier"):
        print("error: verifier is not on PATH (pip install -e .)", file=sys.stderr)
        return 2
    keep = ["--keep", str(args.keep)] if args.keep else []
    cmd = [sys.executable, str(args.corpus / "score.py"), "all", *keep]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode:
        print(out.stdout + out.stderr, file=sys.stderr)
        return 2
    table = out.stdout[out.stdout.index("| text"):]
    print(table, end="")
    total = next(line for line in table.splitlines() if line.startswith("| total"))
    recall, precision, check = (float(x) for x in re.findall(r"\d+/\d+ (\d\.\d\d)", total))
    for name, got in (("recall", recall), ("precision", precision)):
        verdict = "met" if got >= TARGETS[name] else "NOT met"
        print(f"extraction {name} {got:.2f} (target >= {TARGETS[name]:.2f}): {verdict}")
    print(f"check score {check:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
