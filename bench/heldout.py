"""Extraction on texts written for verifier and kept out of tuning (bench/heldout/*): recall and
precision by the realtext corpus's own rules (its score.py decides what counts as a hit).

    python bench/heldout.py [--corpus ../shared/bench/realtext] [--on heldout|realtext]
                            [--rules-only] [--verbose] [--only NN ...] [--check]

Each folder holds source.txt, meta.yaml (title, publisher, published) and facts.yaml (gold facts
in the corpus's format). `--on realtext` scores the corpus's own texts the same way, in process.
`--rules-only` turns the dependency parse off (every question to verifier.grammar answered "the
parse does not tell"), so the hand-written rules alone choose subjects: the side-by-side measure
of what the parser adds.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from verifier.extraction.extract import extract_text
from verifier.models import Source

HERE = Path(__file__).resolve().parent / "heldout"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "bench" / "realtext"


def scorer(corpus: Path, texts: Path):
    spec = importlib.util.spec_from_file_location("realtext_score", corpus / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.HERE = str(texts)  # score these folders with the corpus's rules
    return module


def rules_only() -> None:
    from verifier.extraction import grammar

    for name in ("subject_of", "main_subject", "attribution", "coordinated_before", "before_parenthesis",
                 "area_after"):
        setattr(grammar.Reading, name, lambda self, *a, **k: None)
    grammar.Reading.entities = lambda self: []


def proposals(folder: Path) -> list[dict]:
    text = (folder / "source.txt").read_text(encoding="utf-8")
    meta = yaml.safe_load((folder / "meta.yaml").read_text(encoding="utf-8"))
    source = Source(id=folder.name, title=meta["title"], publisher=meta["publisher"], kind="news",
                    published=str(meta["published"]), sha256=hashlib.sha256(text.encode()).hexdigest(),
                    path=f"sources/{folder.name}.txt")
    return [c.model_dump(mode="json", exclude_none=True) for c in extract_text(text, source)]


def pipeline(corpus: Path, folders: list[Path]) -> int:
    """score.py's own `all` (init, source add, extract, check) over these folders, seen through a
    temporary folder of links so that score.py reads them as its corpus."""
    if not shutil.which("verifier"):
        print("error: verifier is not on PATH (pip install -e .)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for folder in folders:
            (Path(tmp) / folder.name).symlink_to(folder.resolve())
        score = scorer(corpus, Path(tmp))
        score.run_all()
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--on", choices=("heldout", "realtext"), default="heldout")
    parser.add_argument("--rules-only", action="store_true", help="no dependency parse")
    parser.add_argument("--verbose", action="store_true", help="print each missed fact")
    parser.add_argument("--only", nargs="+", metavar="NN", help="only the folders whose names start so")
    parser.add_argument("--check", action="store_true",
                        help="the whole pipeline with the verifier on PATH (score.py all) on the folders "
                             "that hold a draft.md and expected.yaml: extraction and the check score")
    args = parser.parse_args()
    root = HERE if args.on == "heldout" else args.corpus
    chosen = sorted(p for p in root.iterdir() if (p / "facts.yaml").is_file()
                    and (not args.only or p.name.startswith(tuple(args.only))))
    if args.check:
        return pipeline(args.corpus, [p for p in chosen if (p / "draft.md").is_file()])
    score = scorer(args.corpus, root)
    if args.rules_only:
        rules_only()
    total = [0, 0, 0, 0]
    for folder in chosen:
        got = score.score_extract(folder.name, proposals(folder), quiet=not args.verbose)
        total = [a + b for a, b in zip(total, got, strict=True)]
        print(f"{folder.name:<24} recall {got[0]}/{got[1]}  precision {got[2]}/{got[3]}")
    print(f"{'total':<24} recall {total[0]}/{total[1]} {total[0] / total[1]:.2f}  "
          f"precision {total[2]}/{total[3]} {total[2] / max(1, total[3]):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
