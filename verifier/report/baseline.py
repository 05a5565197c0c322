"""A baseline: the findings a team accepts for now, so that CI fails only on new ones.

`verifier baseline write FILE` records the SARIF fingerprint of every finding that needs
attention (inconsistent, contested, unverified); `check --baseline FILE` marks the findings whose
fingerprint is recorded as `baselined`. They are still reported, but they never fail a run. The
fingerprint leaves out line numbers (report/sarif.py), so a finding stays baselined when text
above it moves; changing the sentence, or the claim it matches, makes it new. Paths are part of
the fingerprint as the report names them: write and check from the same folder.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import Field, ValidationError

from verifier.common.yamlio import write_atomic
from verifier.errors import DataError, error_keys, json_path
from verifier.models import Report, Strict
from verifier.report.sarif import LEVELS, fingerprint

FORMAT = "verifier-baseline/v1"


class Baseline(Strict):
    """The baseline file (schemas/baseline.schema.json)."""

    format: str = Field(FORMAT, pattern="^verifier-baseline/v1$")
    fingerprints: list[str] = Field(
        description="SARIF partialFingerprints (verifierFinding/v1) of the accepted findings, sorted"
    )


def baseline_of(report: Report) -> Baseline:
    """The baseline of a report: every finding SARIF would show (consistent ones need no baseline)."""
    prints = {fingerprint(f) for f in report.findings if f.verdict in LEVELS}
    return Baseline(fingerprints=sorted(prints))


def write_baseline(path: Path, report: Report) -> Baseline:
    baseline = baseline_of(report)
    write_atomic(path, json.dumps(baseline.model_dump(mode="json"), indent=2) + "\n")
    return baseline


def read_baseline(path: Path) -> Baseline:
    """The baseline in `path`; a missing, unreadable or malformed file is a DataError naming it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        message = "no such baseline file (write one with `verifier baseline write`)"
        raise DataError(message, path=str(path)) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise DataError(f"not a baseline file: {exc}", path=str(path)) from None
    try:
        return Baseline.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = json_path(error_keys(error, data))
        raise DataError(error["msg"], path=str(path), json_path=where) from None


def apply_baseline(report: Report, path: Path) -> Report:
    """The report with each finding the baseline records marked `baselined` (with the file's name)."""
    known = set(read_baseline(path).fingerprints)
    mark = {"baselined": str(path)}
    findings = [
        f.model_copy(update=mark) if f.verdict in LEVELS and fingerprint(f) in known else f
        for f in report.findings
    ]
    return report.model_copy(update={"findings": findings})
