"""Machine-readable output: the whole Report as JSON, or one Finding per line (JSON Lines).

Both keep the record's own order and every finding, suppressed ones included (their
`suppressed` field says why), so a tool reading them sees exactly what `check` decided.
"""

from __future__ import annotations

import json

from verifier.models import Finding, Report


def render_json(report: Report) -> str:
    """The Report, indented; it validates against schemas/report.schema.json."""
    # ensure_ascii=False: quotes from sources keep their dashes and CJK names readable.
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def render_jsonl(report: Report) -> str:
    """One compact Finding object per line; no findings gives no output at all."""
    return "".join(finding_line(f) + "\n" for f in report.findings)


def finding_line(finding: Finding) -> str:
    """One finding as a line of JSON Lines, without the newline. `batch` writes findings one
    document at a time through this too, so its output and `check --format jsonl` agree byte for byte."""
    return json.dumps(finding.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
