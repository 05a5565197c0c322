"""A fast reading of a claims file written one JSON object a line, for `validate` at scale.

A large ledger is written by tools as `claims:` followed by one `- {...}` line a claim, each a
JSON object (JSON flow mappings are YAML). The round-trip YAML loader reads such a file at well
over a millisecond a claim; here the lines are parsed as JSON and the claims checked by pydantic
in one call over the whole list, in strict mode, so that nothing is coerced that the JSON Schema
would refuse. The line of claim i is line i + 2. When pydantic refuses the list, the schema and
model checks of the round-trip path run on the parsed data, for the same message and line.

This path only ever says "the file is fine, here are its claims". Anything it is not sure reads
the same as YAML (another layout, a tab, a carriage return, characters YAML refuses or reads as
line breaks, exponents, NaN, a lone surrogate escape, a long number, a key given twice) gives
None: the caller reads that file with the round-trip loader, which gives the problem its exact
message and line.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from pydantic import ValidationError as ModelError

from verifier.common.yamlio import MAX_DIGITS, read_bytes
from verifier.errors import DataError, PathPart
from verifier.ledger.load import ClaimsDoc, checked_place, parse_claims
from verifier.models import Claim

# What YAML reads differently from JSON or refuses: characters outside YAML's printable set, tabs,
# carriage returns, NEL and the Unicode line separators (line breaks to YAML), byte-order marks.
_NOT_SAFE = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abAB]")
_LINE = re.compile(r"- \{.*\}")
_LONG_NUMBER = re.compile(rf"[0-9_]{{{MAX_DIGITS + 1},}}")  # as yamlio refuses


class _NotSure(Exception):
    pass


class ClaimLines:
    """The line of a node in a one-claim-a-line file: the claim's line, or 1 for the top."""

    def line(self, parts: list[PathPart]) -> int | None:
        if len(parts) >= 2 and parts[0] == "claims" and isinstance(parts[1], int):
            return parts[1] + 2
        return 1


@cache
def _claims_adapter() -> TypeAdapter:
    return TypeAdapter(list[Claim])


def read_claims_fast(root: Path, path: Path) -> tuple[ClaimsDoc, str] | None:
    """The file's claims and the sha256 of the bytes read, or None when the file must be read as
    YAML; a DataError, as the round-trip path words it, for a claim the checks refuse."""
    try:
        rel = checked_place(root, path)
        raw = read_bytes(path, rel)
        text = raw.decode("utf-8")
    except (DataError, UnicodeDecodeError):
        return None
    parsed = _json_items(text)
    if parsed is None:
        return None
    array, items = parsed
    doc = ClaimsDoc(rel, path, None, ClaimLines())
    try:
        doc.claims = _claims_adapter().validate_json(array, strict=True)
    except ModelError:
        # The data is what YAML would read: the checks of the round-trip path, on it, give the
        # same first problem and line (a DataError) without the slow loader.
        doc.data = {"claims": items}
        doc.claims = parse_claims(doc)
    return doc, hashlib.sha256(raw).hexdigest()


def _json_items(text: str) -> tuple[str, list] | None:
    """The claim lines as one JSON array and as parsed, or None when the file is not surely read the
    same as YAML."""
    if not text.startswith("claims:\n") or not text.endswith("}\n"):
        return None
    if _NOT_SAFE.search(text) or _SURROGATE_ESCAPE.search(text) or _LONG_NUMBER.search(text):
        return None
    lines = text[len("claims:\n") : -1].split("\n")
    if not all(_LINE.fullmatch(line) for line in lines):
        return None
    array = "[" + ",".join(line[2:] for line in lines) + "]"
    try:
        parsed = json.loads(
            array, object_pairs_hook=_unique, parse_float=_plain_float, parse_constant=_refuse
        )
    except (ValueError, _NotSure):
        return None
    if len(parsed) != len(lines):  # a line holding two objects, say
        return None
    return array, parsed


def _unique(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):  # YAML refuses a key given twice; JSON keeps the last
        raise _NotSure
    return found


def _plain_float(text: str) -> float:
    if "e" in text or "E" in text:  # YAML's resolvers and JSON's differ on exponents
        raise _NotSure
    return float(text)


def _refuse(text: str) -> Any:  # NaN, Infinity: not JSON, and strings to YAML
    raise _NotSure
