"""Reporters: one module per output format, each reading only the `Report` record.

`render(report, fmt)` is the one entry point the CLI uses; it returns the whole output
as a string (the CLI decides where it goes and whether colour is on).
"""

from __future__ import annotations

from verifier.errors import UsageError
from verifier.models import Report
from verifier.report.github import render_github
from verifier.report.html import render_html
from verifier.report.jsonfmt import render_json, render_jsonl
from verifier.report.junit import render_junit
from verifier.report.rdjson import render_rdjson
from verifier.report.sarif import render_sarif
from verifier.report.text import render_text

FORMATS = ("text", "json", "jsonl", "sarif", "github", "html", "rdjson", "junit")
# The formats that show the checked text, or count in it: check keeps the texts for them.
NEEDS_TEXT = ("html", "rdjson")


def render(report: Report, fmt: str, *, color: bool = False, fail_on: str = "inconsistent") -> str:
    """The report in format `fmt`; every line ends with a newline. `color` affects text only;
    `fail_on` decides which findings are JUnit failures."""
    if fmt == "text":
        return render_text(report, color=color)
    if fmt == "junit":
        return render_junit(report, fail_on)
    renderers = {"json": render_json, "jsonl": render_jsonl, "sarif": render_sarif, "github": render_github,
                 "html": render_html, "rdjson": render_rdjson}
    if fmt not in renderers:
        raise UsageError(f"unknown output format '{fmt}'; choose one of: {', '.join(FORMATS)}")
    return renderers[fmt](report)


__all__ = ["FORMATS", "NEEDS_TEXT", "render"]
