"""Load the ledger: `claims/*.yaml` or `*.yml` (lists of claims) and `sources/<id>.yaml` (one source each).

Each file is checked in three steps, each naming the file, line and JSON path of what is
wrong: YAML syntax and encoding, the JSON Schema generated from the models (which gives
the best messages for types and unknown fields), then pydantic for what a schema cannot
say (that 2017-02-30 is no date). `load_ledger` stops at the first hard error; `validate`
(validate.py) reads the same files with the same functions and reports every problem.

Hard errors, the ones no command can work around: a file that is not UTF-8, not YAML or
not valid against the schema; a claim id or source id used twice; a span naming a source
that does not exist; a source whose text file is missing. A span that no longer matches
its text or a stale sha256 is not hard: `check` still runs, and `validate` reports it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel
from pydantic import ValidationError as ModelError

from verifier.common.yamlio import LineMap, load_yaml, read_bytes, read_text, to_plain
from verifier.errors import DataError, PathPart, UsageError, error_keys, json_path
from verifier.models import Claim, ClaimsFile, Source

if TYPE_CHECKING:  # jsonschema is imported when a ledger file is first checked; a cached index needs none
    import jsonschema
    from jsonschema.exceptions import ValidationError as SchemaError

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The JSON Schema of a model, as the ledger files are checked against it.

    pydantic leaves a discriminator (`kind`) optional when it has a default, but will not
    accept a value without it; the schema requires it so that both say the same.
    """
    schema = {"$schema": SCHEMA_DIALECT, **model.model_json_schema()}
    for sub in _walk(schema):
        for ref in sub.get("discriminator", {}).get("mapping", {}).values():
            target = schema["$defs"][ref.rsplit("/", 1)[1]]
            required = target.setdefault("required", [])
            name = sub["discriminator"]["propertyName"]
            if name not in required:
                required.insert(0, name)
    return schema


def _walk(node: Any):
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


@cache
def _validator(model: type[BaseModel]) -> jsonschema.Draft202012Validator:
    import jsonschema  # 50 ms to import: not on the path that loads a cached index

    return jsonschema.Draft202012Validator(json_schema(model))


# ---------------------------------------------------------------- one file


@dataclass
class Doc:
    """One ledger file as read: where it is, its round-trip tree and its lines."""

    rel: str
    path: Path
    data: Any
    lines: LineMap

    def error(self, message: str, parts: list[PathPart], code: str) -> DataError:
        return DataError(
            message, path=self.rel, line=self.lines.line(parts), json_path=json_path(parts), code=code
        )


@dataclass
class ClaimsDoc(Doc):
    claims: list[Claim] = field(default_factory=list)


@dataclass
class SourceDoc(Doc):
    source: Source | None = None


def _schema_error(doc: Doc, plain: Any, model: type[BaseModel]) -> DataError | None:
    from jsonschema.exceptions import best_match

    error = best_match(_validator(model).iter_errors(plain))
    if error is None:
        return None
    error = _follow_discriminator(error)
    parts = list(error.absolute_path)
    line_parts = parts
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        # Point at the unexpected key itself, the line a reader has to change.
        known = error.schema.get("properties", {})
        extra = next((k for k in error.instance if k not in known), None)
        line_parts = [*parts, extra] if extra is not None else parts
    return DataError(
        error.message,
        path=doc.rel,
        line=doc.lines.line(line_parts),
        json_path=json_path(parts),
        code="schema",
    )


def _follow_discriminator(error: SchemaError) -> SchemaError:
    """For a tagged union (`value`), the error of the branch its `kind` names.

    jsonschema sees only a oneOf and says "is not valid under any of the given schemas";
    the branch the writer meant is known from `kind`, so its own error is the useful one.
    """
    while error.validator == "oneOf" and "discriminator" in error.schema:
        disc = error.schema["discriminator"]
        name, instance = disc["propertyName"], error.instance
        if not isinstance(instance, dict):
            return error
        kinds = ", ".join(f"'{k}'" for k in disc["mapping"])
        if name not in instance:
            error.message = f"'{name}' is a required property (one of {kinds})"
            return error
        ref = disc["mapping"].get(instance[name])
        if ref is None:
            error.message = f"{instance[name]!r} is not a known {name} (one of {kinds})"
            error.path.append(name)
            return error
        branch = next(i for i, sub in enumerate(error.schema["oneOf"]) if sub.get("$ref") == ref)
        from jsonschema.exceptions import best_match

        inner = best_match(e for e in error.context if e.relative_schema_path[0] == branch)
        if inner is None:
            return error
        error = inner
    return error


def _model_error(doc: Doc, plain: Any, exc: ModelError) -> DataError:
    err = exc.errors()[0]
    message = err["msg"].removeprefix("Value error, ")
    return doc.error(message, error_keys(err, plain), "model")


def _parse(doc: Doc, model: type[BaseModel]) -> BaseModel:
    plain = to_plain(doc.data)
    schema_error = _schema_error(doc, plain, model)
    if schema_error:
        raise schema_error
    try:
        return model.model_validate(plain)
    except ModelError as exc:
        raise _model_error(doc, plain, exc) from None


def _read(root: Path, path: Path) -> tuple[str, Any, LineMap]:
    rel = checked_place(root, path)
    data, lines = load_yaml(path, rel)
    return rel, data, lines


def checked_place(root: Path, path: Path) -> str:
    """The path of a ledger file relative to `root`; a DataError when it cannot be read or is a link
    out of the ledger."""
    rel = path.relative_to(root).as_posix()
    try:
        path.stat()
    except OSError as exc:  # a dangling link, a link loop
        raise DataError(f"cannot read: {exc.strerror}", path=rel, code="unreadable") from None
    if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(root)):
        # as for source texts: a ledger is what is inside its folder, not what a link brings in
        raise DataError("is a link to a file outside the ledger", path=rel, code="outside")
    return rel


def read_claims_file(root: Path, path: Path) -> ClaimsDoc:
    """One `claims/*.yaml` file, parsed and checked; DataError on the first thing wrong."""
    rel, data, lines = _read(root, path)
    doc = ClaimsDoc(rel, path, data, lines)
    doc.claims = parse_claims(doc)
    return doc


def parse_claims(doc: ClaimsDoc) -> list[Claim]:
    """The claims of a claims file's loaded data, checked; DataError on the first thing wrong."""
    return list(_parse(doc, ClaimsFile).claims)


def read_source_file(root: Path, path: Path) -> SourceDoc:
    """One `sources/*.yaml` file, parsed and checked; DataError on the first thing wrong."""
    rel, data, lines = _read(root, path)
    doc = SourceDoc(rel, path, data, lines)
    doc.source = _parse(doc, Source)
    return doc


def ledger_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The claims files (`.yaml` or `.yml`) and the source records of a ledger, each in name order."""
    if not (root / "claims").is_dir():
        raise DataError(
            "not a ledger: no claims/ folder (run `verifier init`, or pass --ledger)", path=str(root)
        )
    sources = root / "sources"
    return _claim_paths(root), sorted(sources.glob("*.yaml")) if sources.is_dir() else []


def _claim_paths(root: Path) -> list[Path]:
    folder = root / "claims"
    return sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])


# ---------------------------------------------------------------- across files


def source_text_path(root: Path, source: Source) -> Path | None:
    """Where a source's text is, or None when its `path` leaves the ledger root."""
    path = (root / source.path).resolve()
    return path if path.is_relative_to(root.resolve()) else None


def integrity_errors(
    root: Path, claim_docs: list[ClaimsDoc], source_docs: list[SourceDoc]
) -> list[DataError]:
    """Ids used twice, spans naming unknown sources, missing text files: the hard errors across files."""
    known: dict[str, SourceDoc] = {}
    errors = source_errors(root, source_docs, known)
    seen: dict[str, str] = {}
    for doc in claim_docs:
        errors += claim_errors(doc, known, seen)
    return errors


def source_errors(root: Path, source_docs: list[SourceDoc], known: dict[str, SourceDoc]) -> list[DataError]:
    """Source ids used twice and missing texts; fills `known` with the first record of each id."""
    errors = []
    for doc in source_docs:
        source = doc.source
        if source.id in known:
            first = f"{known[source.id].rel}:{known[source.id].lines.line(['id'])}"
            message = f"duplicate source id '{source.id}' (first in {first})"
            errors.append(doc.error(message, ["id"], "duplicate-source"))
            continue
        known[source.id] = doc
        text = source_text_path(root, source)
        if text is None or not text.is_file():
            how = "is outside the ledger" if text is None else "is missing"
            errors.append(doc.error(f"source text {source.path} {how}", ["path"], "missing-text"))
    return errors


def claim_errors(doc: ClaimsDoc, known: dict[str, SourceDoc], seen: dict[str, str]) -> list[DataError]:
    """Claim ids of one file used before (`seen` holds where each id was first, and is added to) and
    spans naming unknown sources. One file at a time, so that a caller need not hold every file."""
    errors = []
    for i, claim in enumerate(doc.claims):
        if claim.id in seen:
            message = f"duplicate claim id '{claim.id}' (first in {seen[claim.id]})"
            errors.append(doc.error(message, ["claims", i, "id"], "duplicate-claim"))
        else:
            seen[claim.id] = f"{doc.rel}:{doc.lines.line(['claims', i, 'id'])}"
        if claim.source.id not in known:
            message = f"unknown source '{claim.source.id}'"
            errors.append(doc.error(message, ["claims", i, "source", "id"], "unknown-source"))
    return errors


@dataclass
class Ledger:
    root: Path
    sources: dict[str, Source]
    claims: list[Claim]
    claim_files: dict[str, Path]
    claim_lines: dict[str, int] = field(default_factory=dict)
    _texts: dict[str, str] = field(default_factory=dict, repr=False)
    _fingerprint: str | None = field(default=None, repr=False)

    def source_text(self, source_id: str) -> str:
        """The verbatim text of a source, exactly as stored (code-point offsets index into it)."""
        if source_id not in self._texts:
            if source_id not in self.sources:
                raise UsageError(f"no source with id '{source_id}'")
            source = self.sources[source_id]
            self._texts[source_id] = read_text(self.root / source.path, source.path)
        return self._texts[source_id]

    def claim(self, claim_id: str) -> Claim:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise UsageError(f"no claim with id '{claim_id}'")

    def fingerprint(self) -> str:
        """A hash of every ledger file's name and bytes: the key of caches built from the ledger."""
        if self._fingerprint is None:
            digest = hashlib.sha256()
            for path in fingerprint_files(self.root):
                digest.update(path.relative_to(self.root).as_posix().encode() + b"\0")
                digest.update(bytes.fromhex(file_hash(path)))
            self._fingerprint = digest.hexdigest()
        return self._fingerprint


def fingerprint_files(root: Path) -> list[Path]:
    files = _claim_paths(root)
    if (root / "sources").is_dir():
        files += sorted(p for p in (root / "sources").iterdir() if p.is_file())
    return files


_NOT_A_FILE = hashlib.sha256(b"not a regular file").hexdigest()


def file_hash(path: Path) -> str:
    """The sha256 of a file's bytes; for a claims file that cannot be read as one (a FIFO, a
    device, a dangling link), a fixed marker, so that the fingerprint changes with it and no cache
    built without it is used, and loading the ledger names the file."""
    try:
        return hashlib.sha256(read_bytes(path)).hexdigest()
    except DataError:
        return _NOT_A_FILE


def load_ledger(root: Path) -> Ledger:
    """The ledger at `root`; DataError (path, line, JSON path) on the first hard error."""
    root = Path(root)
    claim_paths, source_paths = ledger_files(root)
    claim_docs = [read_claims_file(root, p) for p in claim_paths]
    source_docs = [read_source_file(root, p) for p in source_paths]
    errors = integrity_errors(root, claim_docs, source_docs)
    if errors:
        raise errors[0]
    ledger = Ledger(root, {d.source.id: d.source for d in source_docs}, [], {})
    for doc in claim_docs:
        for i, claim in enumerate(doc.claims):
            ledger.claims.append(claim)
            ledger.claim_files[claim.id] = doc.path
            ledger.claim_lines[claim.id] = doc.lines.line(["claims", i]) or 1
    return ledger
