"""Archive checking: documents/s of `verifier batch` on Ray against one process and the local engine.

    python bench/batch.py [--documents 1200] [--workers N] [--sentences 12] [--repeat 3] [--skip-ray]

1. Writes D Markdown documents to a temporary folder, each of S sentences drawn from templates about
   the repository's own ledger (claims/ + sources/): figures stated right or wrong, places,
   dates, sentences the ledger does not cover, a few that state nothing to check.
2. serial: one process, the way `check` runs: `Checker.for_root` then `check_paths` over the files.
3. local: `run_batch(engine="local")` with N worker processes (a process pool), findings streamed
   to a JSONL file with its resume state, as `verifier batch -o` does.
4. ray: `ray.init` on this machine (timed apart: ray_start_s), then `run_batch(engine="ray")` with N
   actors; run_s includes the actors' start (each loads the index once).
Every mode's findings are compared with serial's (sorted lines): `same_findings` must be true.
The modes run in turn R times (--repeat) and each keeps its best time: the machine is shared, and
the best of interleaved runs is the figure least distorted by other jobs. serial_cpu_ms_per_doc is
the serial process's CPU time per document (its best run), the figure that sizes an archive in
core-hours whatever the load. Wall-clock seconds and documents/s are printed per run; the last
line is one JSON object with each mode's best.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from verifier.archive.batch import run_batch
from verifier.checking.pipeline import Checker, check_paths
from verifier.config import Tolerance
from verifier.report.jsonfmt import finding_line

ROOT = Path(__file__).resolve().parent.parent
# (template, values the ledger agrees with, values it does not)
TEMPLATES = [
    ("Jiangsu has a GDP of more than ${} trillion.", ["1"], ["2", "3"]),
    ("Jiangsu's population is roughly {} million.", ["80", "85"], ["50", "120"]),
    ("Some {} million people call Jiangsu home.", ["80"], ["40"]),
    ("According to the WHO, outdoor air pollution leads to {} million deaths.", ["3.7"], ["2.1"]),
    ("The World Health Organization says indoor air pollution causes {} million deaths.", ["4.3"], ["5.3"]),
    ("Arnold Schwarzenegger served as governor from 2003 to {}.", ["2011"], ["2010"]),
    ("The 2nd US-China Climate Leaders Summit was held in Beijing on {} June 2016.", ["8"], ["9"]),
    ("The first US-China Climate Leaders Summit was held in {}.", ["Los Angeles"], ["Chicago"]),
    ("Jiangsu lies in {} China.", ["East"], ["southwest"]),
    ("Nearly 125 million {} live in counties with dangerous levels of air pollution.", ["Americans"],
     ["Europeans"]),
    ("The Paris agreement was signed by almost {} nations.", ["200"], ["120"]),
    ("Ten {} cities will make up the initial cohort of the collaborative.", ["California"], ["Texas"]),
]  # fmt: skip
PLAIN = [
    "We should all care about cleaner air.",
    "The delegates met again the following morning.",
    "Zhejiang's GDP exceeds $1 trillion.",
    "California signed a climate pact with Jiangsu Province at a summit in Beijing.",
]


def document(rng: random.Random, number: int, sentences: int) -> str:
    lines = []
    for _ in range(sentences):
        if rng.random() < 0.25:
            lines.append(rng.choice(PLAIN))
            continue
        template, good, bad = rng.choice(TEMPLATES)
        lines.append(template.format(rng.choice(good if rng.random() < 0.6 else bad)))
    paragraphs = [" ".join(lines[i : i + 4]) for i in range(0, len(lines), 4)]
    return f"# Report {number}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_documents(folder: Path, count: int, sentences: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    paths = []
    for i in range(count):
        path = folder / f"{i // 100:04d}" / f"doc-{i:06d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document(rng, i, sentences), encoding="utf-8")
        paths.append(str(path))
    return sorted(paths)


def timed(fn):
    started = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - started


def serial(paths: list[str]) -> tuple[list[str], float, float]:
    def run():
        report = check_paths(paths, Checker.for_root(ROOT, Tolerance()))
        return sorted(finding_line(f) for f in report.findings)

    cpu = time.process_time()
    lines, seconds = timed(run)
    return lines, seconds, time.process_time() - cpu


def batched(paths: list[str], out: Path, engine: str, workers: int) -> tuple[list[str], float]:
    def run():
        return run_batch(paths, ROOT, Tolerance(), output=out, engine=engine, workers=workers)

    _, seconds = timed(run)
    return sorted(out.read_text(encoding="utf-8").splitlines()), seconds


def start_ray(workers: int, temp: str) -> float:
    import logging

    import ray

    def start():
        ray.init(address="local", num_cpus=workers, include_dashboard=False, log_to_driver=False,
                 logging_level=logging.ERROR, _temp_dir=temp)  # fmt: skip

    return timed(start)[1]


def report(name: str, count: int, seconds: float, same: bool) -> None:
    rate = count / seconds
    print(f"{name:>8}: {seconds:7.1f} s  {rate:7.1f} documents/s  same findings: {same}", flush=True)


def best(figures: dict, name: str, count: int, seconds: float) -> None:
    if seconds < figures.get(f"{name}_s", float("inf")):
        figures.update({f"{name}_s": round(seconds, 2), f"{name}_docs_per_s": round(count / seconds, 1)})


def one_round(paths: list[str], folder: Path, args, figures: dict) -> bool:
    """Each mode once; False when one's findings differ from serial's."""
    expected, seconds, cpu = serial(paths)
    report("serial", len(paths), seconds, True)
    best(figures, "serial", len(paths), seconds)
    cpu_ms = round(cpu / len(paths) * 1e3, 1)
    figures["serial_cpu_ms_per_doc"] = min(figures.get("serial_cpu_ms_per_doc", cpu_ms), cpu_ms)
    figures["findings"], same = len(expected), True
    for engine in ("local",) if args.skip_ray else ("local", "ray"):
        out = folder / f"{engine}.jsonl"
        lines, seconds = batched(paths, out, engine, args.workers)
        out.unlink()
        out.with_name(out.name + ".state").unlink()
        report(engine, len(paths), seconds, lines == expected)
        best(figures, engine, len(paths), seconds)
        same = same and lines == expected
    return same


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--documents", type=int, default=1200)
    ap.add_argument("--sentences", type=int, default=12, help="Sentences per document.")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--skip-ray", action="store_true")
    args = ap.parse_args(argv)
    figures: dict = {"documents": args.documents, "sentences": args.sentences, "workers": args.workers}
    with tempfile.TemporaryDirectory(prefix="vbench-", dir="/tmp") as tmp:
        paths = write_documents(Path(tmp) / "archive", args.documents, args.sentences, args.seed)
        if not args.skip_ray:
            figures["ray_start_s"] = round(start_ray(args.workers, str(Path(tmp) / "ray")), 2)
            print(f"ray start: {figures['ray_start_s']:7.1f} s", flush=True)
        same = all([one_round(paths, Path(tmp), args, figures) for _ in range(args.repeat)])
        if not args.skip_ray:
            import ray

            ray.shutdown()
    figures["same_findings"] = same
    print(json.dumps(figures))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
