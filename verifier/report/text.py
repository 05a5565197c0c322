"""The text report, for people: findings grouped by file, worst first on each line.

    docs/draft.md
      12:5  inconsistent  Jiangsu is home to about 60 million people.
            the ledger says approximately 80 million people, not about 60 million
            source: "home to approximately 80 million people" — ABC News, 2017-06 [abc 12-51] (claim abc-pop)

    1 finding in 1 file: 1 inconsistent

Suppressed findings are only counted. `ordered()` is the reading order every
line-oriented format shares (text, SARIF, github). Text from drafts and the ledger is printed
with its control characters escaped (terminal.py): a draft cannot clear the screen or plant a link.
"""

from __future__ import annotations

from collections.abc import Iterable

from verifier.common.terminal import printable
from verifier.ledger.evidence import cite
from verifier.models import VERDICT_RANK, Finding, MatchedClaim, Report

_INDENT = "      "
_VERDICT_WIDTH = max(len(v) for v in VERDICT_RANK)
_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_COLOURS = {
    "inconsistent": "\x1b[31m",  # red
    "contested": "\x1b[33m",  # yellow
    "unverified": "\x1b[36m",  # cyan
    "consistent": "\x1b[32m",  # green
}
_WORST_FIRST = sorted(VERDICT_RANK, key=VERDICT_RANK.__getitem__, reverse=True)


def ordered(report: Report) -> list[Finding]:
    """Findings by file (in the order checked), then line, worst verdict first, then column."""
    file_rank = {path: i for i, path in enumerate(report.files)}
    # A finding for a file not listed (should not happen) goes last rather than vanishing.
    return sorted(
        report.findings,
        key=lambda f: (file_rank.get(f.path, len(file_rank)), f.path, f.line,
                       -VERDICT_RANK[f.verdict], f.column, f.end_line, f.end_column),
    )  # fmt: skip


def render_text(report: Report, *, color: bool = False) -> str:
    shown = [f for f in ordered(report) if not f.suppressed]
    blocks = [_file_block(path, group, color) for path, group in _by_file(shown)]
    blocks.append(summary_line(report))
    return "\n\n".join(blocks) + "\n"


def summary_line(report: Report) -> str:
    """`4 findings in 2 files: 1 inconsistent, 1 contested, 1 unverified, 1 consistent (1 suppressed)`.

    Counts come from the report's summary: verdict counts exclude suppressed findings,
    and verdicts with no findings are left out.
    """
    s = report.summary
    counts = {v: getattr(s, v) for v in _WORST_FIRST}
    total = sum(counts.values())
    files = _plural(len(report.files), "file")
    suppressed = f" ({s.suppressed} suppressed)" if s.suppressed else ""
    baselined = sum(1 for f in report.findings if f.baselined is not None and not f.suppressed)
    if baselined:  # only with --baseline, so other reports read as they always did
        suppressed += f" ({baselined} baselined)"
    if total == 0:
        return f"No findings in {files}{suppressed}."
    parts = ", ".join(f"{n} {v}" for v, n in counts.items() if n)
    return f"{_plural(total, 'finding')} in {files}: {parts}{suppressed}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _by_file(findings: list[Finding]) -> Iterable[tuple[str, list[Finding]]]:
    groups: dict[str, list[Finding]] = {}
    for f in findings:
        groups.setdefault(f.path, []).append(f)
    return groups.items()


def _file_block(path: str, findings: list[Finding], color: bool) -> str:
    header = "<stdin>" if path == "-" else printable(path)
    lines = [_paint(header, _BOLD, color)]
    width = max(len(_location(f)) for f in findings)
    for f in findings:
        lines.extend(_finding_lines(f, width, color))
    return "\n".join(lines)


def _finding_lines(f: Finding, width: int, color: bool) -> list[str]:
    # Pad outside the escape codes so columns line up with colour on and off.
    verdict = _paint(f.verdict, _COLOURS[f.verdict], color) + " " * (_VERDICT_WIDTH - len(f.verdict))
    lines = [f"  {_location(f):<{width}}  {verdict}  {_one_line(f.statement)}"]
    lines.extend(_INDENT + printable(part) for part in f.reason.splitlines() or [""])
    if f.claim:
        lines.append(f"{_INDENT}source: {_source(f.claim)}")
    if f.baselined is not None:
        lines.append(f"{_INDENT}baselined in {printable(f.baselined)}: reported, but does not fail the run")
    if f.verdict == "contested":
        lines.extend(f"{_INDENT}other:  {_source(other)}" for other in f.others)
    return lines


def _source(claim: MatchedClaim) -> str:
    """`"quote" — Publisher, 2017-06 [source-id 1234-1277] (claim claim-id)`."""
    src = claim.source
    where = f"[{src.id} {src.start}-{src.end}] (claim {claim.id})"
    return f'"{_one_line(src.quote)}" — {printable(cite(src))} {where}'


def _location(f: Finding) -> str:
    return f"{f.line}:{f.column}"


def _one_line(text: str) -> str:
    # Sentences and quotes may wrap in their files; one line each keeps the layout readable.
    return printable(" ".join(text.split()))


def _paint(text: str, code: str, color: bool) -> str:
    return f"{code}{text}{_RESET}" if color else text
