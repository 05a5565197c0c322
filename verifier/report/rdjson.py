"""reviewdog's Diagnostic Format as one JSON document (rdjson), for `reviewdog -f=rdjson`.

The models mirror the parts of reviewdog's DiagnosticResult that verifier fills (proto/rdf in the
reviewdog repository); `schemas/rdjson.schema.json` is generated from them. Choices:
- the findings that need attention only, as SARIF does: consistent, suppressed and baselined
  findings are left out, since reviewdog would post each diagnostic it gets as a review comment;
- columns count UTF-8 bytes, as the format says, so a line with "–" or "Zhōu" before the sentence
  shifts them; that needs the checked text (Report.documents) and falls back to code points without it;
- a finding on standard input has no file to point at, and is left out.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import Field

from verifier.models import Finding, Report, Strict
from verifier.reading.markdown import line_spans
from verifier.report.github import message
from verifier.report.text import ordered

SEVERITY = {"inconsistent": "ERROR", "contested": "WARNING", "unverified": "INFO"}


class Position(Strict):
    line: int = Field(ge=1)
    column: int = Field(ge=1, description="1-based, counting UTF-8 bytes")


class Range(Strict):
    start: Position
    end: Position


class Location(Strict):
    path: str
    range: Range


class Code(Strict):
    value: str


class Diagnostic(Strict):
    message: str
    location: Location
    severity: Literal["ERROR", "WARNING", "INFO"]
    code: Code


class DiagnosticSource(Strict):
    name: str


class DiagnosticResult(Strict):
    """The output of `verifier check --format rdjson` (schemas/rdjson.schema.json)."""

    source: DiagnosticSource
    severity: Literal["ERROR", "WARNING", "INFO"] | None = None
    diagnostics: list[Diagnostic]


def render_rdjson(report: Report) -> str:
    diagnostics = [
        _diagnostic(f, report.documents.get(f.path))
        for f in ordered(report)
        if f.verdict in SEVERITY and not f.suppressed and not f.baselined and f.path != "-"
    ]
    worst = next((s for s in SEVERITY.values() if any(d.severity == s for d in diagnostics)), None)
    source = DiagnosticSource(name="verifier")
    result = DiagnosticResult(source=source, severity=worst, diagnostics=diagnostics)
    data = result.model_dump(mode="json", exclude_none=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _diagnostic(f: Finding, text: str | None) -> Diagnostic:
    lines = line_spans(text) if text is not None else None
    start = Position(line=f.line, column=_byte_column(lines, text, f.line, f.column))
    end = Position(line=f.end_line, column=_byte_column(lines, text, f.end_line, f.end_column))
    return Diagnostic(
        message=f"{f.verdict}: {' '.join(f.statement.split())} — {message(f)}",
        location=Location(path=f.path.replace("\\", "/"), range=Range(start=start, end=end)),
        severity=SEVERITY[f.verdict],
        code=Code(value=f.check),
    )


def _byte_column(lines: list[tuple[int, int]] | None, text: str | None, line: int, column: int) -> int:
    """The 1-based UTF-8 byte column of a 1-based code-point column."""
    if lines is None or text is None or line > len(lines):
        return column
    start, end = lines[line - 1]
    return len(text[start : min(start + column - 1, end)].encode("utf-8")) + 1
