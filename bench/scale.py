"""How verifier's index and check scale with the ledger: build time, memory, speed, warm start, recall.

    python bench/scale.py --claims 100000 --sentences 10000 [--seed 0] [--out DIR]

1. Generates a ledger of N claims: N/20 subjects (places, organisations, events with made-up
   names, a third with an alias), 22 properties (population, founding date, budget, location,
   ...), numbers, dates and places, every claim a span of one synthetic source; it is written
   to disk as a real ledger (claims/part-*.yaml, sources/) so that its fingerprint is real.
2. build_s: `build_index` over the stored claims (their JSON read field by field; no Claim is built).
3. The index is saved to the on-disk cache; warm_start_s is the wall time of a fresh Python
   process that fingerprints the ledger files and loads the cached index, claims included.
   That first start comes right after the cache was written, so it hashes the cache files to
   check their seal; warm_later_start_s is the median of three starts at the end of the run,
   after a start has recorded the sealed files as unchanged (the start a user's next run makes).
4. statements_per_s: S draft sentences (paraphrases, changed values, unrelated sentences)
   checked one by one through `Checker.check_text` on the cache-loaded index (one process).
5. files_jobs_1_per_s, files_jobs_n_per_s: the same sentences written to --files files (one
   paragraph each) and checked by `check_paths`, as `verifier check` does, with one process and
   with one per core (--jobs: a pool forked after the index has loaded), each in a fresh process.
   Each rate of 4 and 5 also per CPU-second (*_per_cpu_s: the CPU time of the process and of its
   workers), which a machine shared with other work changes less than the wall-clock rate.
6. recall_at_10 on a subset of min(N, 100k) claims and 100 sentences: the matcher's top 10
   (`match.rank`) against brute force, i.e. the same rapidfuzz scores computed for every claim
   of the subset (subjects found by scanning every claim's names, free text scored without
   BM25's pruning). Also source_recall_at_10: how often a sentence's own claim is in the top 10,
   for the matcher and for brute-force token_set_ratio over the whole texts.
The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import pickle
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_data import Draft, generate, write_ledger  # noqa: E402

from verifier.checking.parallel import default_jobs  # noqa: E402
from verifier.checking.pipeline import Checker, check_paths, tuned_collector  # noqa: E402
from verifier.config import Tolerance  # noqa: E402
from verifier.ledger.load import Ledger  # noqa: E402
from verifier.matching.cache import StoredClaims, fingerprint, load_cached, save_index  # noqa: E402
from verifier.matching.index import build_index  # noqa: E402

_WARM = """
import json, sys, time
t0 = time.perf_counter()
from verifier.matching.cache import fingerprint, load_cached
t1 = time.perf_counter()
key = fingerprint(sys.argv[1])
t2 = time.perf_counter()
index = load_cached(sys.argv[1], key)
t3 = time.perf_counter()
assert index is not None and len(index.claims) == int(sys.argv[2])
print(json.dumps({"import_s": t1 - t0, "fingerprint_s": t2 - t1, "load_s": t3 - t2}))
"""


def rss_mb() -> float:
    """This process's peak resident memory. Linux's VmHWM belongs to the running program; getrusage's
    ru_maxrss survives exec, so a spawned child would report its parent's peak (the generator's)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
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


def check_speed(checker: Checker, drafts: list[Draft]) -> tuple[float, float, dict[str, int]]:
    """Statements a second of wall time and of CPU time, and the verdicts' counts."""
    verdicts: dict[str, int] = {}
    started, cpu = time.perf_counter(), _cpu_s()
    with tuned_collector():  # as check_paths runs the check
        for draft in drafts:
            for finding in checker.check_text(draft.text, "draft.md"):
                verdicts[finding.verdict] = verdicts.get(finding.verdict, 0) + 1
    return len(drafts) / (time.perf_counter() - started), len(drafts) / (_cpu_s() - cpu), verdicts


def _cpu_s() -> float:
    """CPU seconds of this process and of its children that have ended (check_paths' workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--claims", type=int, default=10_000)
    ap.add_argument("--sentences", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, help="Where to write the ledger (default: a temporary folder).")
    ap.add_argument("--recall-subset", type=int, default=100_000)
    ap.add_argument("--recall-sentences", type=int, default=100)
    ap.add_argument("--files", type=int, default=20, help="Files the sentences are written to (step 5).")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="verifier-scale-") as tmp:
        root = args.out or Path(tmp) / "ledger"
        return run(args, root)


class _BenchLedger(Ledger):
    """Ledger.claim scans every claim (check's suppression look-up calls it once per finding);
    the generated ids are positions ("c17"), so the bench finds a claim without the scan."""

    def claim(self, claim_id: str):
        return self.claims[int(claim_id[1:])]


def _in_child(fn, *args):
    """Run a phase in a fresh process, so its peak RSS is the index's, not the generator's. Not a
    pool's worker: those are daemons, and the check phase starts processes of its own (--jobs)."""
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.SimpleQueue()
    child = ctx.Process(target=_child_main, args=(queue, fn, args))
    child.start()
    ok, result = queue.get()
    child.join()
    if not ok:
        raise RuntimeError(f"{fn.__name__} failed in its process:\n{result}")
    return result


def _child_main(queue, fn, args) -> None:
    try:
        queue.put((True, fn(*args)))
    except BaseException:
        import traceback

        queue.put((False, traceback.format_exc()))


def build_phase(root: Path, work: Path) -> dict[str, float]:
    claims = StoredClaims((work / "claims.bin").read_bytes(), np.load(work / "offsets.npy"))
    started = time.perf_counter()
    index = build_index(claims)
    build_s = time.perf_counter() - started
    key = fingerprint(root)  # as a later run computes it; records each file's hash for the next
    started = time.perf_counter()
    path = save_index(index, root, key)
    helper_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the build's helper process
    return {"build_s": build_s, "cache_write_s": time.perf_counter() - started, "cache_mb": _size_mb(path),
            "build_rss_mb": rss_mb(), "build_helper_rss_mb": helper_mb}  # fmt: skip


def _size_mb(path: Path | None) -> float:
    return (path.stat().st_size + path.with_suffix(".claims").stat().st_size) / 2**20 if path else 0.0


def check_phase(root: Path, work: Path, args: argparse.Namespace) -> dict[str, float]:
    from scale_recall import recall

    drafts, source = pickle.loads((work / "drafts.pickle").read_bytes())
    index = load_cached(root)
    checker = Checker(_BenchLedger(root, {source.id: source}, index.claims, {}), Tolerance(), index)
    speed, per_cpu, verdicts = check_speed(checker, drafts)
    check_rss = rss_mb()
    rec = recall(index, drafts, args.recall_subset, args.recall_sentences, random.Random(args.seed))
    return {"statements_per_s": speed, "statements_per_cpu_s": per_cpu, "check_rss_mb": check_rss,
            "verdicts": verdicts, **rec}


def write_files(drafts: list[Draft], work: Path, n_files: int) -> list[str]:
    """The sentences as a set of files, one paragraph each."""
    folder = work / "files"
    folder.mkdir(exist_ok=True)
    paths = []
    for i in range(n_files):
        path = folder / f"draft-{i:03d}.md"
        path.write_text("\n\n".join(d.text for d in drafts[i::n_files]) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def files_phase(root: Path, work: Path, paths: list[str], jobs: int) -> dict:
    """The files checked as `verifier check` does (check_paths; with jobs > 1 its pool forks after
    the index has loaded), in a fresh process, so no memo is warm. Sentences that refer back
    ("The ...") read the paragraph before them, so these verdicts may differ from one-by-one
    checking; every jobs value must give the same."""
    _, source = pickle.loads((work / "drafts.pickle").read_bytes())
    index = load_cached(root)
    checker = Checker(_BenchLedger(root, {source.id: source}, index.claims, {}), Tolerance(), index)
    sentences = sum(len(Path(p).read_text(encoding="utf-8").split("\n\n")) for p in paths)
    started, cpu = time.perf_counter(), _cpu_s()
    report = check_paths(paths, checker, jobs=jobs)
    return {"per_s": sentences / (time.perf_counter() - started), "per_cpu_s": sentences / (_cpu_s() - cpu),
            "verdicts": report.summary.model_dump()}


def run(args: argparse.Namespace, root: Path) -> int:
    started = time.perf_counter()
    data = generate(args.claims, args.sentences, random.Random(args.seed))
    source = write_ledger(root, data)
    work = root.parent / f"{root.name}-bench"
    work.mkdir(parents=True, exist_ok=True)
    (work / "claims.bin").write_bytes(data.blob)
    np.save(work / "offsets.npy", data.offsets)
    (work / "drafts.pickle").write_bytes(pickle.dumps((data.drafts, source)))
    print(f"generated {args.claims} claims about {data.subjects} subjects and {len(data.drafts)} sentences "
          f"in {time.perf_counter() - started:.1f} s", flush=True)  # fmt: skip
    del data
    built = _in_child(build_phase, root, work)
    print(f"build_index: {built['build_s']:.1f} s; cache written in {built['cache_write_s']:.1f} s, "
          f"{built['cache_mb']:.0f} MB; peak RSS {built['build_rss_mb']:.0f} MB (its helper process "
          f"{built['build_helper_rss_mb']:.0f} MB)", flush=True)  # fmt: skip
    warm = warm_start(root, args.claims)
    print(f"warm start: {warm['warm_start_s']:.2f} s (imports {warm['warm_import_s']:.2f} s, fingerprint "
          f"{warm['warm_fingerprint_s']:.2f} s, load {warm['warm_load_s']:.2f} s)", flush=True)  # fmt: skip
    checked = _in_child(check_phase, root, work, args)
    print(f"check: {checked['statements_per_s']:.0f} statements/s ({checked['statements_per_cpu_s']:.0f} per "
          f"CPU-second), {checked['verdicts']}; peak RSS {checked['check_rss_mb']:.0f} MB", flush=True)
    paths = write_files(pickle.loads((work / "drafts.pickle").read_bytes())[0], work, args.files)
    one, many = (_in_child(files_phase, root, work, paths, jobs) for jobs in (1, default_jobs()))
    checked.update(files_jobs_1_per_s=one["per_s"], files_jobs_n_per_s=many["per_s"],
                   files_jobs_1_per_cpu_s=one["per_cpu_s"], files_jobs_n_per_cpu_s=many["per_cpu_s"])
    checked["files_jobs_n"] = default_jobs()
    same = "the same" if one["verdicts"] == many["verdicts"] else "DIFFER"
    print(f"check_paths over {args.files} files: {one['per_s']:.0f} statements/s with 1 process, "
          f"{many['per_s']:.0f} with {default_jobs()} ({one['per_cpu_s']:.0f} and {many['per_cpu_s']:.0f} "
          f"per CPU-second); verdicts {same}: {many['verdicts']}", flush=True)
    # A later start: the first start above came right after the cache was written, so it hashed the
    # files (a file changed within 2 s is never trusted by its stat); one since has recorded them.
    later = sorted((warm_start(root, args.claims) for _ in range(3)), key=lambda w: w["warm_start_s"])[1]
    checked.update({k.replace("warm_", "warm_later_"): v for k, v in later.items()})
    print(f"warm start, later (median of 3): {later['warm_start_s']:.2f} s (imports "
          f"{later['warm_import_s']:.2f} s, load {later['warm_load_s']:.2f} s)", flush=True)  # fmt: skip
    print(f"recall@10 on {checked['recall_claims']} claims: {checked['recall_at_10']:.3f}; source claim in "
          f"top 10: matcher {checked['source_recall_matcher']:.3f}, "
          f"brute force {checked['source_recall_bruteforce']:.3f}")  # fmt: skip
    figures = {**built, **warm, **{k: v for k, v in checked.items() if "verdicts" not in k}}
    result = {
        "claims": args.claims, "sentences": args.sentences, "cores": os.cpu_count(),
        "build_s": built["build_s"], "peak_rss_mb": max(built["build_rss_mb"], checked["check_rss_mb"]),
        "statements_per_s": checked["statements_per_s"], "warm_start_s": warm["warm_start_s"],
        "recall_at_10": checked["recall_at_10"],
        **{k: v for k, v in figures.items() if k not in ("build_s", "warm_start_s", "statements_per_s")},
    }  # fmt: skip
    print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in result.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
