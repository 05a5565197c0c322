"""GitHub Actions workflow commands: one annotation per finding that needs attention.

    ::error file=a.md,line=12,col=5,endLine=12,endColumn=49,title=verifier%3A inconsistent::REASON (claim ID)

Consistent findings need no attention and suppressed ones were accepted by the author,
so neither is emitted. Escaping follows GitHub's toolkit (@actions/core): `%`, CR and LF
everywhere, and `:` and `,` in property values too.
"""

from __future__ import annotations

from verifier.models import Finding, Report
from verifier.report.text import ordered

COMMANDS = {"inconsistent": "error", "contested": "warning", "unverified": "notice"}


def render_github(report: Report) -> str:
    lines = [annotation(f) for f in ordered(report) if f.verdict in COMMANDS and not f.suppressed]
    return "".join(line + "\n" for line in lines)


def annotation(f: Finding) -> str:
    baselined = " (baselined)" if f.baselined is not None else ""
    props = _location(f) + [("title", f"verifier: {f.verdict}{baselined}")]
    rendered = ",".join(f"{key}={escape_property(str(value))}" for key, value in props)
    return f"::{COMMANDS[f.verdict]} {rendered}::{escape_data(message(f))}"


def message(f: Finding) -> str:
    """The reason and the claim ids it rests on (both sides of a contested group)."""
    ids = [f.claim.id] if f.claim else []
    if f.verdict == "contested":
        ids += [o.id for o in f.others]
    if not ids:
        return f.reason
    label = "claim" if len(ids) == 1 else "claims"
    return f"{f.reason} ({label} {', '.join(ids)})"


def _location(f: Finding) -> list[tuple[str, object]]:
    if f.path == "-":
        return []  # stdin has no file in the workspace: a plain annotation on the run
    props: list[tuple[str, object]] = [("file", f.path.replace("\\", "/")), ("line", f.line)]
    # GitHub's annotations take columns only when start and end are on the same line.
    if f.line == f.end_line:
        props.append(("col", f.column))
    props.append(("endLine", f.end_line))
    if f.line == f.end_line:
        props.append(("endColumn", f.end_column))
    return props


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
