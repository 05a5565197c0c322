"""`contested` as text, JSON and SARIF (the HTML page is verifier.report.contested_html).

Each renderer reads only the ContestedReport, and the ledger for where each claim's entry is.
"""

from __future__ import annotations

import hashlib
import json

from verifier.checking.contested import ContestedGroup, ContestedReport
from verifier.ledger.evidence import cite, ledger_file
from verifier.ledger.load import Ledger
from verifier.models import MatchedClaim
from verifier.parsing.describe import describe
from verifier.report.sarif import SCHEMA as SARIF_SCHEMA
from verifier.report.sarif import artifact_uri, span_location

RULE_ID = "verifier.contested-group"


def render_text(report: ContestedReport) -> str:
    """The groups side by side: each claim's value, status, source and quote."""
    if not report.groups:
        return "no contested groups\n"
    lines: list[str] = []
    for group in report.groups:
        lines.append(f"{group.subject} · {group.property}: {len(group.claims)} claims disagree")
        for claim in group.claims:
            src = claim.source
            lines.append(f"  {claim.id} [{claim.status}]: {describe(claim.value)}")
            lines.append(f"    {cite(src)}: {src.title}")
            lines.append(f'    "{src.quote}" ({src.path}, {src.start}-{src.end})')
        lines.append("")
    count = len(report.groups)
    lines.append(f"{count} contested group{'' if count == 1 else 's'}")
    return "\n".join(lines) + "\n"


def render_json(report: ContestedReport) -> str:
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def render_sarif(report: ContestedReport, ledger: Ledger, version: str) -> str:
    """SARIF 2.1.0: one warning per group, located at each claim's entry in its YAML file
    (where the review goes), with the quoted source spans as related locations."""
    rule = {
        "id": RULE_ID,
        "name": "ContestedClaimGroup",
        "shortDescription": {"text": "Claims about the same fact disagree"},
        "fullDescription": {
            "text": "Claims of the ledger about the same subject and property, holding at the same time, "
            "state different values, and no review has settled which one holds."
        },
        "defaultConfiguration": {"level": "warning"},
        "help": {"text": "Read the quoted sources, then record a decision with `verifier review`."},
    }
    run = {
        "tool": {"driver": {"name": "verifier", "version": version, "rules": [rule]}},
        "columnKind": "unicodeCodePoints",
        "results": [_sarif_result(group, ledger) for group in report.groups],
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def _sarif_result(group: ContestedGroup, ledger: Ledger) -> dict:
    sides = " vs ".join(f"{describe(c.value)} ({c.id})" for c in group.claims)
    key = "\0".join([group.subject, group.property, *sorted(c.id for c in group.claims)])
    return {
        "ruleId": RULE_ID,
        "ruleIndex": 0,
        "level": "warning",
        "message": {"text": f"{group.subject} · {group.property}: the sources disagree: {sides}"},
        "locations": [_claim_location(c, ledger) for c in group.claims],
        "relatedLocations": [span_location(i, c) for i, c in enumerate(group.claims, start=1)],
        "partialFingerprints": {"verifierGroup/v1": hashlib.sha256(key.encode("utf-8")).hexdigest()},
    }


def _claim_location(claim: MatchedClaim, ledger: Ledger) -> dict:
    # From the current folder, as the quoted spans (the related locations) are.
    path = ledger_file(ledger, ledger.claim_files[claim.id].relative_to(ledger.root))
    region = {"startLine": ledger.claim_lines.get(claim.id, 1)}
    return {
        "physicalLocation": {"artifactLocation": {"uri": artifact_uri(path)}, "region": region},
        "message": {"text": f"claim {claim.id}: {claim.statement}"},
    }
