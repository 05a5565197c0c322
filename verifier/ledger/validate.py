"""`verifier validate`: every problem in a ledger, and the re-anchoring of stale spans.

`load_ledger` stops at the first hard error; this reads the same files with the same
functions but goes on, and adds what the loader lets pass: spans that no longer match
their source text, prefixes and suffixes that moved, sha256 sums of changed texts, and
source ids that differ from their file names (`sources/<id>.yaml` is the rule, so a
source is found by its id without reading every file).

A stale span is one whose quote is no longer at [start, end): the text was edited. The
quote is looked for again, exactly first (the occurrence nearest the old start, those
whose prefix and suffix still match preferred), else fuzzily. `fix` moves the span to an
exact find, or to a fuzzy find of 95% or better (then the quote is replaced by the text
now there, since the words changed a little). A fuzzy find of 90-95% is reported with its
place but not fixed: the wording changed enough that a person should read it again.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz
from ruamel.yaml.scalarstring import ScalarString

from verifier.common.yamlio import PathPart, dump_yaml_atomic, read_text
from verifier.errors import DataError
from verifier.ledger.fastclaims import read_claims_fast
from verifier.ledger.load import (
    ClaimsDoc,
    Doc,
    SourceDoc,
    claim_errors,
    file_hash,
    json_path,
    ledger_files,
    read_claims_file,
    read_source_file,
    source_errors,
    source_text_path,
)
from verifier.ledger.review import locked
from verifier.models import Span

REPORT_SCORE = 90  # a fuzzy find at least this good is named as the quote's new place
FIX_SCORE = 95  # and at least this good is written back by --fix --write


@dataclass(frozen=True)
class Problem:
    code: str
    path: str
    line: int | None
    json_path: str | None
    message: str
    fixable: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        if self.json_path:
            where += f"{self.json_path}: "
        return where + self.message

    @classmethod
    def from_error(cls, error: DataError) -> Problem:
        return cls(error.code, error.path or "", error.line, error.json_path, error.message)


@dataclass
class _Fix:
    """Values to set in one mapping of one file (a claim's `source`, or a source record)."""

    doc: Doc
    parts: list[PathPart]
    changes: dict[str, Any]


@dataclass
class _Run:
    problems: list[Problem] = field(default_factory=list)
    fixes: list[_Fix] = field(default_factory=list)
    read_as: dict[Path, str] = field(default_factory=dict)  # each file's sha256 before it was read
    claims: int = 0  # claims read
    sources: int = 0  # distinct source ids

    def report(
        self,
        doc: Doc,
        parts: list[PathPart],
        code: str,
        message: str,
        changes: dict[str, Any] | None = None,
        target: list[PathPart] | None = None,
    ) -> None:
        """One problem at `parts`; `changes` fix it by setting keys of the mapping at `target`."""
        self.problems.append(
            Problem(
                code, doc.rel, doc.lines.line(parts), json_path(parts), message, fixable=changes is not None
            )
        )
        if changes is not None:
            self.fixes.append(_Fix(doc, parts if target is None else target, changes))


def validate(root: Path) -> list[Problem]:
    """Every problem in the ledger at `root`, in file and line order."""
    return _inspect(Path(root)).problems


@dataclass(frozen=True)
class Validation:
    problems: list[Problem]
    claims: int  # the claims read (all of them when there are no problems)
    claim_files: int
    sources: int  # distinct source ids


def validate_counted(root: Path) -> Validation:
    """`validate`, and what was counted on the way (for the "ok: ..." line, without a second read)."""
    root = Path(root)
    run = _inspect(root)
    return Validation(run.problems, run.claims, len(ledger_files(root)[0]), run.sources)


def fix(root: Path, *, write: bool) -> list[Problem]:
    """The problems `fix` can repair (stale spans, prefixes, sha256 sums); repaired only when `write`."""
    run = _inspect(Path(root), trees=write)
    if write:
        _apply(run.fixes, run.read_as)
    return [p for p in run.problems if p.fixable]


def _inspect(root: Path, *, trees: bool = False) -> _Run:
    """Sources first (their ids and texts are small), then the claims one file at a time: a file's
    parsed claims are dropped once checked, unless a fix needs its tree; only the claim ids stay.
    `trees`: every file with a fixable problem is read as YAML, for the fix to be written into."""
    run = _Run()
    claim_paths, source_paths = ledger_files(root)
    source_docs = _read_all(run, root, source_paths, read_source_file)
    known: dict[str, SourceDoc] = {}
    run.problems += [Problem.from_error(e) for e in source_errors(root, source_docs, known)]
    run.sources = len(known)
    texts: dict[str, str] = {}
    for doc in source_docs:
        if doc.source.id not in texts:
            _check_source(run, root, doc, texts)
    seen: dict[str, str] = {}
    for path in claim_paths:
        doc, spans_to_check = _read_claims(run, root, path, texts, trees)
        if doc is None:
            continue
        run.claims += len(doc.claims)
        run.problems += [Problem.from_error(e) for e in claim_errors(doc, known, seen)]
        if spans_to_check:
            _check_spans(run, doc, texts)
    run.problems.sort(key=lambda p: (p.path, p.line or 0))
    return run


def _read_claims(
    run: _Run, root: Path, path: Path, texts: dict[str, str], trees: bool
) -> tuple[ClaimsDoc | None, bool]:
    """A claims file, and whether its spans are still to check. A file the fast path reads has each
    claim on its own line, so its span problems have their lines without the YAML tree; only a fix
    to write needs the tree, and then a file with a span problem is read again as YAML."""
    try:
        fast = read_claims_fast(root, path)
    except DataError as exc:
        run.problems.append(Problem.from_error(exc))
        return None, True
    if fast is not None and not trees:
        run.read_as[path] = fast[1]
        return fast[0], True
    if fast is not None:
        scratch = _Run()
        _check_spans(scratch, fast[0], texts)
        if not scratch.problems:
            run.read_as[path] = fast[1]
            return fast[0], False
    docs = _read_all(run, root, [path], read_claims_file)
    return (docs[0], True) if docs else (None, True)


def _check_spans(run: _Run, doc: ClaimsDoc, texts: dict[str, str]) -> None:
    for i, claim in enumerate(doc.claims):
        if claim.source.id in texts:
            _check_span(run, doc, ["claims", i, "source"], claim.source, texts[claim.source.id])


def _read_all(run: _Run, root: Path, paths: list[Path], reader) -> list:
    docs = []
    for path in paths:
        try:
            run.read_as[path] = file_hash(path)  # before reading: a change after it shows as a change
            docs.append(reader(root, path))
        except DataError as exc:
            run.problems.append(Problem.from_error(exc))
    return docs


def _check_source(run: _Run, root: Path, doc: SourceDoc, texts: dict[str, str]) -> None:
    """The id is the file's name, the text decodes, and its sha256 is the recorded one."""
    source = doc.source
    if source.id != doc.path.stem:
        run.report(
            doc, ["id"], "source-id", f"source id '{source.id}' differs from its file name ({doc.rel})"
        )
    path = source_text_path(root, source)
    if path is None or not path.is_file():
        return  # source_errors has said so
    try:
        texts[source.id] = read_text(path, source.path)
    except DataError as exc:
        run.problems.append(Problem.from_error(exc))
        return
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != source.sha256:
        run.report(
            doc,
            ["sha256"],
            "sha256",
            f"sha256 of {source.path} does not match its metadata",
            {"sha256": digest},
            target=[],
        )


def _check_span(run: _Run, doc: ClaimsDoc, parts: list[PathPart], span: Span, text: str) -> None:
    where = f"{span.start}-{span.end}"
    if span.end <= span.start:
        lead, code = f"span {where} is empty (end must be greater than start)", "span-order"
    elif span.end > len(text):
        lead, code = f"span {where} is out of range (the source has {len(text)} characters)", "span-range"
    elif text[span.start : span.end] != span.quote:
        lead, code = f"stale span {where}", "stale-span"
    else:
        _check_context(run, doc, parts, span, text)
        return
    _relocate(run, doc, parts, span, text, lead, code)


def _relocate(
    run: _Run, doc: ClaimsDoc, parts: list[PathPart], span: Span, text: str, lead: str, code: str
) -> None:
    """Say where the quote is now, and how the span would be fixed."""
    anchor = exact_anchor(text, span) or fuzzy_anchor(text, span.quote)
    sep = ": " if code == "stale-span" else "; "
    if anchor is None or anchor.score < REPORT_SCORE:
        _not_found(run, doc, parts, span, text, anchor, lead, code)
        return
    now = f"{anchor.start}-{anchor.end}"
    if anchor.score == 100:
        run.report(
            doc, parts, code, f"{lead}{sep}the quote is now at {now}", _span_changes(span, text, anchor)
        )
        return
    found = f'({anchor.score:.0f}% match: "{snip(text[anchor.start : anchor.end])}")'
    if anchor.score >= FIX_SCORE:
        changes = {**_span_changes(span, text, anchor), "quote": text[anchor.start : anchor.end]}
        run.report(doc, parts, code, f"{lead}{sep}the quote is now at {now} {found}", changes)
    else:
        run.report(doc, parts, code, f"{lead}{sep}the quote is probably at {now} {found}; check it by hand")


def _not_found(
    run: _Run,
    doc: ClaimsDoc,
    parts: list[PathPart],
    span: Span,
    text: str,
    anchor: Anchor | None,
    lead: str,
    code: str,
) -> None:
    if code == "stale-span":
        there = snip(text[span.start : span.end])
        lead, code = f'quote does not match the text at {span.start}-{span.end} ("{there}")', "quote-mismatch"
    found = ""
    if anchor:
        best = snip(text[anchor.start : anchor.end])
        found = f' (best match {anchor.score:.0f}% at {anchor.start}-{anchor.end}: "{best}")'
    run.report(doc, parts, code, f"{lead}; the quote was not found in the source{found}")


def _span_changes(span: Span, text: str, anchor: Anchor) -> dict[str, Any]:
    changes: dict[str, Any] = {"start": anchor.start, "end": anchor.end}
    if span.prefix is not None:
        changes["prefix"] = text[max(0, anchor.start - len(span.prefix)) : anchor.start]
    if span.suffix is not None:
        changes["suffix"] = text[anchor.end : anchor.end + len(span.suffix)]
    return changes


def _check_context(run: _Run, doc: ClaimsDoc, parts: list[PathPart], span: Span, text: str) -> None:
    """A quote in place whose prefix or suffix no longer matches: the text around it changed.
    Compared in place: slicing the text before or after each quote made validate quadratic in a
    long source (a million claims of one 50 MB text)."""
    before = span.start - len(span.prefix or "")
    if span.prefix is not None and not (before >= 0 and text.startswith(span.prefix, before)):
        now = text[max(0, span.start - len(span.prefix)) : span.start]
        run.report(
            doc,
            [*parts, "prefix"],
            "prefix",
            f'prefix does not match the text before the quote ("{snip(now)}")',
            {"prefix": now},
            parts,
        )
    if span.suffix is not None and not text.startswith(span.suffix, span.end):
        now = text[span.end : span.end + len(span.suffix)]
        run.report(
            doc,
            [*parts, "suffix"],
            "suffix",
            f'suffix does not match the text after the quote ("{snip(now)}")',
            {"suffix": now},
            parts,
        )


def _apply(fixes: list[_Fix], read_as: dict[Path, str]) -> None:
    """Set the fixed values in each file's round-trip tree and write each changed file once, under
    its lock (as `review` takes it); a file changed since it was read is not overwritten."""
    changed: dict[Path, Doc] = {}
    for item in fixes:
        node = item.doc.data
        for part in item.parts:
            node = node[part]
        for key, value in item.changes.items():
            old = node.get(key)
            # Keep the scalar's style (quoted, folded) when replacing text.
            node[key] = (
                type(old)(value) if isinstance(old, ScalarString) and isinstance(value, str) else value
            )
        changed[item.doc.path] = item.doc
    for path, doc in changed.items():
        with locked(path):
            if file_hash(path) != read_as.get(path):
                raise DataError("changed while it was being validated: not fixed; run again", path=doc.rel,
                                code="changed")  # fmt: skip
            dump_yaml_atomic(path, doc.data)


# ---------------------------------------------------------------- finding a quote again


@dataclass(frozen=True)
class Anchor:
    start: int
    end: int
    score: float  # 100 for an exact find


def snip(text: str, width: int = 60) -> str:
    """Text short enough to quote in a one-line message, newlines shown as \\n."""
    text = text if len(text) <= width else text[: width - 1] + "…"
    return text.replace("\n", "\\n")


def exact_anchor(text: str, span: Span) -> Anchor | None:
    """The occurrence of the quote that best fits the span: prefix and suffix matching, then nearest."""
    found = []
    at = text.find(span.quote)
    while at >= 0:
        end = at + len(span.quote)
        fits = (span.prefix is not None and text[:at].endswith(span.prefix)) + (
            span.suffix is not None and text[end:].startswith(span.suffix)
        )
        found.append((-fits, abs(at - span.start), at))
        at = text.find(span.quote, at + 1)
    if not found:
        return None
    at = min(found)[2]
    return Anchor(at, at + len(span.quote), 100)


def fuzzy_anchor(text: str, quote: str) -> Anchor | None:
    """Where the text is most like the quote, its edges moved a little to match the quote's best."""
    if not text or len(quote) > len(text):
        return None
    rough = fuzz.partial_ratio_alignment(quote, text)
    slack = min(20, max(3, len(quote) // 10))
    best = Anchor(
        rough.dest_start, rough.dest_end, fuzz.ratio(quote, text[rough.dest_start : rough.dest_end])
    )
    for start in range(max(0, rough.dest_start - slack), rough.dest_start + slack + 1):
        for end in range(max(start + 1, rough.dest_end - slack), min(len(text), rough.dest_end + slack) + 1):
            score = fuzz.ratio(quote, text[start:end], score_cutoff=best.score)
            if score > best.score:
                best = Anchor(start, end, score)
    return best
