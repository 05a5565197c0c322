"""Export the ledger's claims (ClaimReview JSON-LD, JSON Lines, CSV) and import them back.

- `jsonl`: one claim per line, the claim record exactly as the ledger's schema has it.
- `csv`: one claim per row; nested fields flattened into the columns of CSV_COLUMNS. The
  columns `subject_aliases`, `value` and `tags` hold JSON text; an empty cell is an absent field.
  A cell a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
  is written with a leading `'`, as OWASP advises, and so is one that already starts with `'`s and
  then such a character; import takes exactly that one `'` off again.
- `claimreview`: schema.org ClaimReview for the reviewed claims only. Each object also carries
  the full claim under "verifier:claim", which is what makes it importable: a ClaimReview alone
  names no subject, property, typed value or source span, so records without it are rejected.

Import validates every record, checks that its source exists and its quote is where its span
says, skips claims already in the ledger unchanged, and rejects an id already used for a
different claim. Exporting, importing into a ledger with the same sources and exporting again
gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from verifier.common.yamlio import dump_yaml_atomic, load_yaml, read_text
from verifier.errors import DataError, UsageError, error_keys, json_path
from verifier.ledger.load import Ledger, load_ledger
from verifier.ledger.review import is_reviewed, locked
from verifier.models import Claim, Source

FORMATS = ("claimreview", "jsonl", "csv")
EXTENSION = "verifier:claim"
CSV_COLUMNS = (
    "id", "statement", "subject_name", "subject_aliases", "subject_type", "property", "value",
    "as_of", "period_start", "period_end", "source_id", "source_start", "source_end", "source_quote",
    "source_prefix", "source_suffix", "tags", "status", "review_note", "review_by", "review_date",
    "attribution", "entities",
)  # fmt: skip
_JSON_COLUMNS = ("subject_aliases", "value", "tags", "entities")
_FORMULA = re.compile(r"'*[=+\-@\t\r]")  # matched at a cell's start
# status -> (Rating.alternateName, ratingValue on a 1-5 scale); a retraction is no rating.
RATINGS = {
    "verified": ("True", 5),
    "disputed": ("Mixed", 3),
    "refuted": ("False", 1),
    "retracted": ("Retracted", None),
}


# ---------------------------------------------------------------- export


def export_claims(ledger: Ledger, fmt: str) -> str:
    if fmt == "jsonl":
        return "".join(json.dumps(_record(c), ensure_ascii=False) + "\n" for c in ledger.claims)
    if fmt == "csv":
        return _export_csv(ledger.claims)
    if fmt == "claimreview":
        reviews = [claim_review(c, ledger) for c in ledger.claims if is_reviewed(c)]
        return json.dumps(reviews, indent=2, ensure_ascii=False) + "\n"
    raise UsageError(f"unknown format '{fmt}' (one of {', '.join(FORMATS)})")


def _record(claim: Claim) -> dict[str, Any]:
    return claim.model_dump(mode="json", exclude_none=True)


def _export_csv(claims: list[Claim]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for claim in claims:
        writer.writerow(flatten(claim))
    return out.getvalue()


def flatten(claim: Claim) -> dict[str, str]:
    """A claim as one CSV row."""
    rec = _record(claim)
    cells: dict[str, Any] = {
        "id": rec["id"], "statement": rec["statement"], "property": rec["property"],
        "value": rec["value"], "as_of": rec.get("as_of"), "tags": rec["tags"], "status": rec["status"],
        "attribution": rec.get("attribution"), "entities": rec.get("entities", []),
    }  # fmt: skip
    for group in ("subject", "period", "source", "review"):
        for key, value in rec.get(group, {}).items():
            cells[f"{group}_{key}"] = value
    return {
        col: neutralise(
            json.dumps(cells[col], ensure_ascii=False)
            if col in _JSON_COLUMNS
            else ("" if cells.get(col) is None else str(cells[col]))
        )
        for col in CSV_COLUMNS
    }


def neutralise(cell: str) -> str:
    """The cell as a spreadsheet shows it as text: `'=HYPERLINK(...)` is not run."""
    return "'" + cell if _FORMULA.match(cell) else cell


def restore(cell: str) -> str:
    """neutralise undone: the one `'` it added comes off, any other stays."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


def claim_review(claim: Claim, ledger: Ledger) -> dict[str, Any]:
    """schema.org ClaimReview JSON-LD for one reviewed claim."""
    review = claim.review
    out = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": claim.id,
        "claimReviewed": claim.statement,
        "reviewRating": _rating(claim.status),
        "reviewBody": review.note,
        "itemReviewed": _item_reviewed(ledger.sources[claim.source.id]),
        "author": {"@type": "Person", "name": review.by} if review.by else None,
        "datePublished": review.date,
        EXTENSION: _record(claim),
    }
    return _compact(out)


def _rating(status: str) -> dict[str, Any]:
    name, value = RATINGS[status]
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": name}
    if value is not None:
        rating.update(ratingValue=value, bestRating=5, worstRating=1)
    return rating


def _item_reviewed(src: Source) -> dict[str, Any]:
    """The claim as it appeared: in the source's article, said by its publisher."""
    appearance = _compact(
        {"@type": "CreativeWork", "url": src.url, "headline": src.title, "datePublished": src.published}
    )
    return _compact(
        {
            "@type": "Claim",
            "appearance": [appearance],
            "author": {"@type": "Organization", "name": src.publisher},
            "datePublished": src.published,
        }
    )


def _compact(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v is not None}


# ---------------------------------------------------------------- import: reading records


@dataclass
class Reject:
    where: str  # FILE:LINE, or FILE: $.json.path
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ImportResult:
    into: str  # the claims file written, relative to the ledger root
    added: list[Claim] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # ids already in the ledger, unchanged
    rejects: list[Reject] = field(default_factory=list)


@dataclass
class Record:
    where: str
    data: Any
    path: str = "$"  # where `data` sits in the input, for messages
    file: str = ""  # for messages that begin with a JSON path: `FILE: $[2].claimReviewed: ...`


def read_records(path: Path, fmt: str, shown: str) -> list[Record | Reject]:
    text = read_text(path, shown)
    if fmt == "jsonl":
        return _jsonl_records(text, shown)
    if fmt == "csv":
        return _csv_records(text, shown)
    if fmt == "claimreview":
        return _claimreview_records(text, shown)
    raise UsageError(f"unknown format '{fmt}' (one of {', '.join(FORMATS)})")


def _jsonl_records(text: str, shown: str) -> list[Record | Reject]:
    out: list[Record | Reject] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{shown}:{number}"
        try:
            out.append(Record(where, json.loads(line)))
        except json.JSONDecodeError as exc:
            out.append(Reject(where, f"invalid JSON: {exc.msg} (column {exc.colno})"))
    return out


def _csv_records(text: str, shown: str) -> list[Record | Reject]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = reader.fieldnames or []
    missing = [c for c in CSV_COLUMNS if c not in header]
    unknown = [c for c in header if c not in CSV_COLUMNS]
    if missing or unknown:
        parts = [f"missing columns: {', '.join(missing)}"] if missing else []
        parts += [f"unknown columns: {', '.join(unknown)}"] if unknown else []
        return [Reject(f"{shown}:1", "; ".join(parts))]
    out: list[Record | Reject] = []
    start = reader.line_num + 1
    for row in reader:
        # A quoted cell may span lines: a row starts where the previous one ended.
        where, start = f"{shown}:{start}", reader.line_num + 1
        if None in row or any(v is None for v in row.values()):
            out.append(Reject(where, f"expected {len(CSV_COLUMNS)} cells"))
            continue
        try:
            out.append(Record(where, unflatten(row)))
        except ValueError as exc:
            out.append(Reject(where, str(exc)))
    return out


def unflatten(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row back into a claim record (not yet validated); ValueError for bad JSON cells."""
    cells: dict[str, Any] = {}
    for col in CSV_COLUMNS:
        cell = restore(row[col])
        if cell == "":
            continue
        try:
            cells[col] = json.loads(cell) if col in _JSON_COLUMNS else cell
        except json.JSONDecodeError as exc:
            raise ValueError(f"column {col}: invalid JSON: {exc.msg} (column {exc.colno})") from None
    rec: dict[str, Any] = {}
    for col, value in cells.items():
        group, _, key = col.partition("_")
        if group in ("subject", "period", "source", "review"):
            rec.setdefault(group, {})[key] = value
        else:
            rec[col] = value
    return rec


def _claimreview_records(text: str, shown: str) -> list[Record | Reject]:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        return [Reject(f"{shown}:{exc.lineno}", f"invalid JSON: {exc.msg} (column {exc.colno})")]
    if isinstance(doc, list):
        items = [(f"$[{i}]", item) for i, item in enumerate(doc)]
    elif isinstance(doc, dict) and isinstance(doc.get("@graph"), list):
        items = [(f"$['@graph'][{i}]", item) for i, item in enumerate(doc["@graph"])]
    else:
        items = [("$", doc)]
    return [_from_claim_review(shown, path, item) for path, item in items]


def _from_claim_review(shown: str, path: str, item: Any) -> Record | Reject:
    if not isinstance(item, dict) or item.get("@type") != "ClaimReview":
        return Reject(f"{shown}: {path}", "not a ClaimReview object")
    if not isinstance(item.get(EXTENSION), dict):
        return Reject(
            f"{shown}: {path}",
            f'no source span: a ClaimReview is imported only with its "{EXTENSION}" record (as '
            "`verifier export --format claimreview` writes it); add a source and a claim for it by hand",
        )
    return Record(f"{shown}: {path}", item, path=path, file=shown)


# ---------------------------------------------------------------- import: checking and writing


def import_claims(
    root: Path, path: Path, fmt: str, into: str = "claims/imported.yaml", shown: str | None = None
) -> ImportResult:
    """Add the claims of an exported file to the ledger at `root`, in `into` (under claims/)."""
    ledger = load_ledger(Path(root))
    target = _target(ledger.root, into)
    result = check_import(ledger, path, fmt, target.relative_to(ledger.root).as_posix(), shown)
    if result.added:
        _append(target, result.added, shown or str(path))
    return result


def check_import(ledger: Ledger, path: Path, fmt: str, into: str, shown: str | None = None) -> ImportResult:
    """What importing the file into `ledger` would do: the valid new claims, the ones already there,
    the rejects. Writing them is the caller's (a claims file, or a database transaction)."""
    result = ImportResult(into=into)
    known = {c.id: c for c in ledger.claims}
    for item in read_records(path, fmt, shown or str(path)):
        claim = item if isinstance(item, Reject) else _checked(item, fmt, ledger)
        if not isinstance(claim, Reject) and claim.id in known:
            if known[claim.id] == claim:
                result.skipped.append(claim.id)
                continue
            claim = Reject(item.where, f"claim '{claim.id}' already exists with different content")
        if isinstance(claim, Reject):
            result.rejects.append(claim)
        else:
            known[claim.id] = claim
            result.added.append(claim)
    return result


def _target(root: Path, into: str) -> Path:
    target = (root / into).resolve()
    if target.parent != (root / "claims").resolve() or target.suffix != ".yaml":
        raise UsageError(f"--into must name a .yaml file directly under claims/, not '{into}'")
    return target


def _checked(record: Record, fmt: str, ledger: Ledger) -> Claim | Reject:
    """The record as a valid Claim whose span is where it says, or why it is rejected."""
    data = record.data[EXTENSION] if fmt == "claimreview" else record.data
    # A message that starts with the JSON path of a ClaimReview needs no second path before it.
    path_where = record.file if fmt == "claimreview" else record.where
    base = f"{record.path}['{EXTENSION}']" if fmt == "claimreview" else record.path
    try:
        claim = Claim.model_validate(data)
    except ValidationError as exc:
        return Reject(path_where, _model_message(exc, data, base, fmt))
    problem = _review_mismatch(record.data, claim) if fmt == "claimreview" else None
    if problem:
        return Reject(path_where, record.path + problem)
    problem = _span_problem(claim, ledger)
    return Reject(record.where, problem) if problem else claim


def _model_message(exc: ValidationError, data: Any, base: str, fmt: str) -> str:
    err = exc.errors()[0]
    parts = error_keys(err, data)
    message = err["msg"].removeprefix("Value error, ")
    if fmt == "csv":
        return f"column {_column(parts, err['loc'])}: {message}"
    return f"{json_path(parts, base)}: {message}"


def _column(parts: list[str | int], loc: tuple) -> str:
    """The CSV column a field of the claim record came from: `source_start` for source.start."""
    nested = "_".join(map(str, parts[:2]))
    if nested in CSV_COLUMNS:
        return nested
    return str(parts[0]) if parts else str(loc[0])


def _review_mismatch(item: dict[str, Any], claim: Claim) -> str | None:
    """The visible ClaimReview fields must say what the embedded claim says."""
    rating = item.get("reviewRating") if isinstance(item.get("reviewRating"), dict) else {}
    checks = [
        ("claimReviewed", item.get("claimReviewed"), claim.statement),
        ("identifier", item.get("identifier", claim.id), claim.id),
        ("reviewRating.alternateName", rating.get("alternateName"), RATINGS.get(claim.status, ("",))[0]),
    ]
    for name, seen, expected in checks:
        if seen != expected:
            return f".{name}: {seen!r} does not match the claim's {expected!r}"
    return None


def _span_problem(claim: Claim, ledger: Ledger) -> str | None:
    span = claim.source
    if span.id not in ledger.sources:
        return f"unknown source '{span.id}' (add sources/{span.id}.yaml and its text first)"
    found = ledger.source_text(span.id)[span.start : span.end]
    if found != span.quote:
        where = f"{span.start}-{span.end} of source '{span.id}'"
        return f"the quote is not at {where} (that span reads {found!r})"
    return None


def _append(target: Path, claims: list[Claim], shown: str) -> None:
    """Add claims to a claims file (created if need be), keeping what it holds, under its lock."""
    with locked(target):
        if target.exists():
            data, _lines = load_yaml(target)
            if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
                raise DataError("not a claims file (no `claims:` list)", path=str(target))
        else:
            data = CommentedMap(claims=CommentedSeq())
            data.yaml_set_start_comment(f"Claims imported by `verifier import` from {Path(shown).name}.")
        for claim in claims:
            data["claims"].append(yaml_claim(claim))
        dump_yaml_atomic(target, data)


def yaml_claim(claim: Claim) -> CommentedMap:
    """A claim laid out as the hand-written files are: subject, value, period and review on one line."""
    entry = CommentedMap(_record(claim))
    for key in ("subject", "value", "period", "review"):
        if key in entry:
            entry[key] = _flow(entry[key])
    entry["source"] = CommentedMap(entry["source"])
    entry["tags"] = _flow(entry["tags"])
    return entry


def _flow(node: Any) -> Any:
    out: CommentedMap | CommentedSeq = CommentedMap(node) if isinstance(node, dict) else CommentedSeq(node)
    for key, value in list(out.items()) if isinstance(out, dict) else []:
        if isinstance(value, list):
            out[key] = _flow(value)
    out.fa.set_flow_style()
    return out
