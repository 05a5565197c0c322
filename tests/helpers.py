"""Small helpers several test modules share: run the CLI, edit a file in place."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from verifier.cli import main


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file with `new`; `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def checker_of(text: str, root: Path, publisher: str = "Test Office", published: str = "2024-03-01",
               more: tuple[tuple[str, str], ...] = ()):
    """A checker over the claims `extract` proposes for one source text (id "s"), held in memory;
    `more`: other sources of the same publisher, as (text, published) pairs (ids "s1", "s2", ...)."""
    import hashlib

    from verifier.checking.pipeline import Checker
    from verifier.extraction.extract import extract_text
    from verifier.ledger.load import Ledger
    from verifier.matching.index import build_index
    from verifier.models import Source, Tolerance

    sources, texts, claims = {}, {}, []
    for n, (body, date) in enumerate([(text, published), *more]):
        sid = f"s{n}" if n else "s"
        sources[sid] = Source(id=sid, title="A test source", publisher=publisher, published=date, kind="report",
                              sha256=hashlib.sha256(body.encode()).hexdigest(), path=f"sources/{sid}.txt")
        texts[sid] = body
        claims += extract_text(body, sources[sid])
    ledger = Ledger(root, sources, claims, {}, _texts=texts)
    return Checker(ledger, Tolerance(), build_index(claims))


def verdicts_of(text: str, sentence: str, root: Path, **kw) -> list[str]:
    """The verdicts `check` gives `sentence` against the claims `extract` proposes for `text` (the
    keywords are checker_of's)."""
    return [f.verdict for f in checker_of(text, root, **kw).check_text(sentence, "d.md")]
