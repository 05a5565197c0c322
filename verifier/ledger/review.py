"""Record a reviewer's decision on a claim in the claim's own YAML file.

The file is edited in round-trip mode, so its comments, key order and the flow style of
other entries stay as they were; only the claim's `status` and `review` change. The
read-modify-write runs under a lock on that file, so two reviews at the same time (two
terminals, two CI jobs) both land instead of one overwriting the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from verifier.common.locking import lock_path  # noqa: F401  (re-exported: where a file's lock is)
from verifier.common.locking import locked as file_lock
from verifier.common.yamlio import dump_yaml_atomic, load_yaml, to_plain
from verifier.errors import DataError, UsageError
from verifier.ledger.load import load_ledger
from verifier.models import Claim

# A review settles a claim one way or the other; `proposed` is where claims start, not a decision.
REVIEW_STATUSES = ("verified", "disputed", "refuted", "retracted")
LOCK_TIMEOUT = 30.0


@contextmanager
def locked(path: Path, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the lock of one ledger file for a read-modify-write (locking.py: beside the file)."""
    with file_lock(path, timeout):
        yield


def review_claim(
    root: Path,
    claim_id: str,
    status: str,
    note: str | None,
    by: str | None = None,
    date: str | None = None,
) -> Claim:
    """Set `status` and `review: {note, by, date}` of one claim in its file; the updated Claim.

    UsageError for an unknown claim id or a status that is no decision; DataError when the
    file no longer holds the claim or the result would not be a valid claim.
    """
    if status not in REVIEW_STATUSES:
        raise UsageError(f"status must be one of {', '.join(REVIEW_STATUSES)}, not '{status}'")
    ledger = load_ledger(Path(root))
    if claim_id not in ledger.claim_files:
        raise UsageError(f"no claim with id '{claim_id}'")
    path = ledger.claim_files[claim_id]
    rel = path.relative_to(ledger.root).as_posix()
    review = {"note": note, "by": by, "date": date or dt.date.today().isoformat()}
    with locked(path):
        # Read again under the lock: another review may have changed the file since load_ledger.
        data, _lines = load_yaml(path, rel)
        entry = _find(data, claim_id, rel)
        apply_review_fields(entry, status, review)
        claim = _validated(entry, rel, claim_id)
        dump_yaml_atomic(path, data)
    return claim


def _find(data: Any, claim_id: str, rel: str) -> CommentedMap:
    claims = data.get("claims") if isinstance(data, dict) else None
    for entry in claims or []:
        if isinstance(entry, dict) and entry.get("id") == claim_id:
            return entry
    raise DataError(f"claim '{claim_id}' is no longer in this file", path=rel)


def apply_review_fields(entry: CommentedMap, status: str, review: dict[str, str | None]) -> None:
    """Set status and review in place, where a reader expects them: status, then review, last."""
    if "status" in entry:
        entry["status"] = status
    else:
        _insert_after(entry, list(entry)[-1], "status", status)
    block = CommentedMap()
    for key, value in review.items():
        if value is not None:
            # Quoted, so YAML does not turn the date into a date object or a note into a number.
            block[key] = DoubleQuotedScalarString(value)
    old = entry.get("review")
    if isinstance(old, CommentedMap) and old.fa.flow_style():
        block.fa.set_flow_style()  # a one-line review stays on one line
    if "review" in entry:
        entry["review"] = block  # same place, same comments
    else:
        _insert_after(entry, "status", "review", block)


def _insert_after(entry: CommentedMap, after: str, key: str, value: Any) -> None:
    """Insert a key; a comment that trailed the old last key (the blank line and `# --- next
    section` before the next claim) moves down with it, so it still trails the claim."""
    keys = list(entry)
    entry.insert(keys.index(after) + 1, key, value)
    last = keys[-1]
    if last == after and last in entry.ca.items:
        trailing = entry.ca.items[last]
        if len(trailing) > 2 and trailing[2] is not None:
            # A block mapping's trailing comment belongs to its own last key.
            block = isinstance(value, CommentedMap) and value and not value.fa.flow_style()
            holder, at = (value, list(value)[-1]) if block else (entry, key)
            holder.ca.items[at] = [None, None, trailing[2], None]
            trailing[2] = None


def _validated(entry: CommentedMap, rel: str, claim_id: str) -> Claim:
    try:
        return Claim.model_validate(to_plain(entry))
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        message = err["msg"].removeprefix("Value error, ")
        raise DataError(f"claim '{claim_id}' would be invalid: {where}: {message}", path=rel) from None


def is_reviewed(claim: Claim) -> bool:
    """Whether a review has decided this claim (what `export --format claimreview` exports).

    A dated review is a decision; an undated `review: {note: ...}` is a remark of the ledger's
    author (the seed ledger has them), and a ClaimReview must have a datePublished anyway.
    """
    return claim.review is not None and claim.review.date is not None and claim.status in REVIEW_STATUSES
