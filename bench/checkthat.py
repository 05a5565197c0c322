"""CLEF CheckThat! verified-claim retrieval (2020 Task 2, 2022 Task 2A English) with verifier's matcher.

    python bench/checkthat.py --split test [--dataset 2020-task2] [--run-out run.tsv]

The verified claims become an in-memory ledger: each one a Claim record validated by the same
model `verifier import` validates with (Claim.model_validate on the exported record shape),
with subject "vclaim <id>" (a name no tweet contains, so every tweet takes the matcher's
free-text path), property "claim", the claim text as a text value, and a span into one
synthetic source whose text is every "title\\nclaim" pair: the title is the span's prefix,
the context BM25 searches besides the claim. Each tweet is cleaned (links, signature),
parsed into a Statement and ranked with `verifier.match.rank`. Scores follow the official
scorers exactly (verifier/matching/evaluate.py). Tune on train/dev; report test.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import os
import sys
import time
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from verifier.ledger.load import Ledger
from verifier.matching.evaluate import read_qrels, run_lines, scores
from verifier.matching.index import build_index
from verifier.matching.match import clean_query, rank
from verifier.models import Claim, Source
from verifier.parsing.statements import parse

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "checkthat"
SOURCE_ID = "checkthat-vclaims"


@dataclass
class Split:
    vclaims: list[tuple[str, str, str]]  # docid, claim, title
    queries: list[tuple[str, str]]  # qid, tweet
    qrels: dict[str, Counter[str]]
    p_over: str  # the P@k denominator of that year's scorer
    rank_one: bool  # the 2020 format checker wants the literal 1 in the rank column


def _tsv(path: Path, header: bool) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    return rows[1:] if header else rows


def load_2020(data: Path, split: str) -> Split:
    base = data / "2020-task2"
    folder = base / "test" if split == "test" else base / "v3.0" / split
    vclaims = [(r[0], r[1], r[2]) for r in _tsv(base / "v3.0" / "verified_claims.docs.tsv", header=True)]
    queries = [(r[0], r[1]) for r in _tsv(folder / "tweets.queries.tsv", header=True)]
    qrels = read_qrels((folder / "tweet-vclaim-pairs.qrels").read_text(encoding="utf-8").splitlines())
    return Split(vclaims, queries, qrels, p_over="qrels", rank_one=True)


_FILES_2022 = {
    "train": ("CT2022-Task2A-EN-Train-Dev_Queries.tsv", "CT2022-Task2A-EN-Train_QRELs.tsv"),
    "dev": ("CT2022-Task2A-EN-Train-Dev_Queries.tsv", "CT2022-Task2A-EN-Dev_QRELs.tsv"),
    "dev-test": ("CT2022-Task2A-EN-Dev-Test_Queries.tsv", "CT2022-Task2A-EN-Dev-Test_QRELs.tsv"),
    "test": ("test/CT2022-Task2A-EN-Test_Queries.tsv", "test/CT2022-Task2A-EN-Test_Qrels_gold.tsv"),
}


def load_2022(data: Path, split: str) -> Split:
    base = data / "2022-task2a-en"
    qfile, qrels_file = _FILES_2022[split]
    qrels = read_qrels((base / qrels_file).read_text(encoding="utf-8").splitlines())
    rows = _tsv(base / qfile, header=split == "dev-test")
    # train and dev share one query file: a split's queries are those of its qrels
    queries = [(r[0], r[1]) for r in rows if split in ("test", "dev-test") or r[0] in qrels]
    vclaims = []
    with zipfile.ZipFile(base / "vclaims.zip") as zf:
        for name in sorted(zf.namelist()):
            if name.endswith(".json"):
                rec = json.loads(zf.read(name))
                vclaims.append((rec["vclaim_id"], rec["vclaim"], rec.get("title") or ""))
    return Split(vclaims, queries, qrels, p_over="run", rank_one=False)


def as_ledger(vclaims: list[tuple[str, str, str]]) -> Ledger:
    """The verified claims as a ledger held in memory (one synthetic source, one claim each)."""
    out, claims = io.StringIO(), []
    for docid, text, title in vclaims:
        prefix = f"{title}\n"
        out.write(prefix)
        start = out.tell()
        out.write(f"{text}\n\n")
        record = {
            "id": docid, "statement": text, "subject": {"name": f"vclaim {docid}"},
            "property": "claim", "value": {"kind": "text", "text": text},
            "source": {"id": SOURCE_ID, "start": start, "end": start + len(text), "quote": text,
                       "prefix": prefix},
            "status": "verified",
        }  # fmt: skip
        claims.append(Claim.model_validate(record))
    body = out.getvalue()  # offsets are code points: StringIO.tell() counts them
    source = Source(
        id=SOURCE_ID, title="CheckThat! verified claims (Snopes)", publisher="Snopes", kind="dataset",
        sha256=hashlib.sha256(body.encode()).hexdigest(), path=f"sources/{SOURCE_ID}.txt",
    )  # fmt: skip
    ledger = Ledger(ROOT, {SOURCE_ID: source}, claims, {})
    ledger._texts[SOURCE_ID] = body
    return ledger


def embeddings_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "verifier"


def run_split(split: Split, depth: int, semantic: bool = False) -> tuple[dict[str, dict[str, float]], float]:
    """Each query's ranked claims as docid -> score (rounded as written), and the seconds it took."""
    ledger = as_ledger(split.vclaims)
    started = time.perf_counter()
    index = build_index(ledger.claims)
    if semantic:
        from verifier.matching.semantic import attach

        attach(index, embeddings_cache())  # minutes the first time, then read from the cache
    run: dict[str, dict[str, float]] = {}
    for qid, tweet in split.queries:
        stmt = parse(clean_query(tweet), index)
        ranked = rank(stmt, index, top_k=depth)
        # every query must be in the run, or the scorer silently drops it from the mean
        docs = {ledger.claims[c.index].id: round(c.score, 6) for c in ranked} or {ledger.claims[0].id: 0.0}
        run[qid] = docs
    return run, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", default="dev", choices=["train", "dev", "dev-test", "test"])
    ap.add_argument("--dataset", default="2020-task2", choices=["2020-task2", "2022-task2a-en"])
    ap.add_argument("--data-dir", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--run-out", type=Path, help="Write the official six-column run here.")
    ap.add_argument("--semantic", action="store_true", help="Re-rank with embeddings (the semantic extra).")
    ap.add_argument("--depth", type=int, default=20, help="Claims listed per query (MAP@20 needs 20).")
    args = ap.parse_args(argv)
    if args.dataset == "2020-task2" and args.split == "dev-test":
        ap.error("dev-test exists only in 2022-task2a-en")
    loader = load_2020 if args.dataset == "2020-task2" else load_2022
    split = loader(args.data_dir, args.split)
    run, seconds = run_split(split, args.depth, args.semantic)
    if args.run_out:
        lines = run_lines(run, "verifier", rank_one=split.rank_one)
        args.run_out.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    result = scores(run, split.qrels, ks=(1, 3, 5), p_over=split.p_over)
    print(f"{args.dataset} {args.split}: {len(run)} queries, {len(split.vclaims)} claims, {seconds:.1f} s")
    for name in ("MAP@1", "MAP@3", "MAP@5", "P@1"):
        print(f"{name}\t{result[name]:.4f}")
    rounded = {k: round(v, 4) for k, v in result.items()}
    print(json.dumps({"dataset": args.dataset, "split": args.split, "semantic": args.semantic, **rounded}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
