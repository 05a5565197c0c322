"""SARIF 2.1.0 for GitHub code scanning (upload with github/codeql-action/upload-sarif).

Choices GitHub's handling of SARIF asks for:
- consistent findings are left out: a `"level": "none"` result still shows as an alert;
- columns count code points (`columnKind`), as the findings do, not UTF-16 units;
- suppressed findings stay in, with an `inSource` suppression, so the alert closes
  instead of vanishing unexplained;
- `partialFingerprints` keep an alert's identity when the text around it moves.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from verifier.models import Finding, MatchedClaim, Report
from verifier.report.text import ordered

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "verifierFinding/v1"
LEVELS = {"inconsistent": "error", "contested": "warning", "unverified": "note"}
_RULE_TEXT = {
    "inconsistent": (
        "InconsistentStatement",
        "A statement disagrees with a sourced claim",
        "The statement is about the same subject and property as a claim in the ledger, "
        "but a value it states (a number, date, place or person) disagrees with the claim.",
        "Read the quoted source. Correct the statement, or, if the ledger is wrong, correct the claim. "
        "To keep the statement as it is, add an inline ignore comment with a reason.",
    ),
    "contested": (
        "ContestedStatement",
        "A statement rests on claims whose sources disagree",
        "The claims in the ledger that match the statement disagree with each other, "
        "and no review has settled which one holds.",
        "Read both sources, settle the group in the ledger with a review, or say in the text "
        "that the sources disagree.",
    ),
    "unverified": (
        "UnverifiedStatement",
        "A statement of fact has no claim in the ledger",
        "No claim in the ledger shares the statement's subject and property, so nothing backs it.",
        "Add a sourced claim to the ledger, or cite a source in the text.",
    ),
}


def render_sarif(report: Report) -> str:
    return json.dumps(sarif_log(report), indent=2, ensure_ascii=False) + "\n"


def sarif_log(report: Report) -> dict:
    """The SARIF log as a dict: one run, one rule per check that has results."""
    findings = [f for f in ordered(report) if f.verdict in LEVELS]
    rules = _rules(findings)
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    driver = {"name": "verifier", "version": report.version, "rules": rules}
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index[f.check]) for f in findings],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def _rules(findings: list[Finding]) -> list[dict]:
    verdict_of: dict[str, str] = {}
    for f in findings:
        verdict_of.setdefault(f.check, f.verdict)
    # Worst verdict first, so the rule list reads like the report.
    order = sorted(verdict_of, key=lambda check: (list(LEVELS).index(verdict_of[check]), check))
    return [_rule(check, verdict_of[check]) for check in order]


def _rule(check: str, verdict: str) -> dict:
    name, short, full, help_text = _RULE_TEXT[verdict]
    return {
        "id": check,
        "name": name,
        "shortDescription": {"text": short},
        "fullDescription": {"text": full},
        "defaultConfiguration": {"level": LEVELS[verdict]},
        "help": {"text": help_text},
        "properties": {"tags": ["fact-check", verdict]},
    }


def _result(f: Finding, rule_index: int) -> dict:
    result = {
        "ruleId": f.check,
        "ruleIndex": rule_index,
        "level": LEVELS[f.verdict],
        "message": {"text": f"{f.statement} — {f.reason}"},
        "locations": [_location(f)],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(f)},
    }
    related = _related(f)
    if related:
        result["relatedLocations"] = related
    if f.suppressed is not None:
        result["suppressions"] = [{"kind": "inSource", "justification": f.suppressed}]
    if f.baselined is not None:  # check --baseline: the finding was there when the baseline was written
        result["baselineState"] = "unchanged"
    return result


def _location(f: Finding) -> dict:
    region = {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": f.end_line,
        "endColumn": f.end_column,
        "snippet": {"text": f.statement},
    }
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(f.path)}, "region": region}}


def _related(f: Finding) -> list[dict]:
    claims = [f.claim] if f.claim else []
    if f.verdict == "contested":
        claims += f.others
    return [span_location(i, claim) for i, claim in enumerate(claims, start=1)]


def span_location(location_id: int, claim: MatchedClaim) -> dict:
    """A related location: the claim's quoted span in its source text (check and contested alike)."""
    src = claim.source
    where = f"{src.title}, {src.published}" if src.published else src.title
    region = {"charOffset": src.start, "charLength": src.end - src.start, "snippet": {"text": src.quote}}
    return {
        "id": location_id,
        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(src.path)}, "region": region},
        "message": {"text": f'{where}: "{src.quote}"'},
    }


def artifact_uri(path: str) -> str:
    """A relative URI reference for a file path: forward slashes, percent-encoded; '-' is "stdin"."""
    if path == "-":
        return "stdin"
    posix = PureWindowsPath(path).as_posix() if "\\" in path else path
    if PurePosixPath(posix).is_absolute():
        return PurePosixPath(posix).as_uri()
    posix = posixpath.normpath(posix)
    # ':' is encoded so a first segment like 'a:b.md' cannot read as a URI scheme.
    return quote(posix, safe="/!$&'()*+,;=@")


def fingerprint(f: Finding) -> str:
    """A stable id for the alert: file, rule, sentence and the claim (or reason) behind it.

    Line numbers are left out on purpose, so the alert survives edits elsewhere in the file.
    """
    basis = f.claim.id if f.claim else f.reason
    key = "\0".join([artifact_uri(f.path), f.check, " ".join(f.statement.split()), basis])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
