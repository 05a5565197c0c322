"""`check --format html`: one self-contained page for people who read rather than grep.

Each checked file is shown as its text, each sentence with findings highlighted by its worst verdict
(colour, icon and underline style); a summary bar counts the verdicts and filters them; selecting a
sentence (click, or Tab then Enter, or j/k) shows its findings: the statement beside each source
quote in its context, the claim, the reason and the values checked. The text comes from
`Report.documents` (check_paths(..., keep_text=True)); a file whose text the report lacks is shown
as the list of its statements instead.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from verifier.models import VERDICT_RANK, Finding, Report, SourceText
from verifier.reading.markdown import line_spans
from verifier.report.page import ICONS, claim_card, esc, filter_bar, page
from verifier.report.text import ordered

KEYS = ("inconsistent", "contested", "unverified", "consistent", "suppressed")
HINT = (
    "Select a highlighted sentence: click it, or Tab to it and press Enter; "
    "j and k go to the next and previous."
)


@dataclass
class Sentence:
    """The findings of one sentence, and where it stands in its file's text."""

    id: str
    start: int
    end: int
    findings: list[Finding] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        return sorted({key(f) for f in self.findings}, key=KEYS.index)

    @property
    def worst(self) -> str:
        live = [f.verdict for f in self.findings if not f.suppressed]
        return max(live, key=VERDICT_RANK.__getitem__) if live else "suppressed"


def key(f: Finding) -> str:
    """What a finding is counted and filtered as: its verdict, or `suppressed`."""
    return "suppressed" if f.suppressed else f.verdict


def render_html(report: Report) -> str:
    counts = {k: getattr(report.summary, k) for k in KEYS}
    n, files = len(report.findings), len(report.files)
    total = f"{n} finding{'' if n == 1 else 's'} in {files} file{'' if files == 1 else 's'}:"
    header = "<h1>verifier check</h1>\n" + filter_bar("Verdicts: press to show or hide", counts, total)
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in ordered(report):
        by_file[f.path].append(f)
    docs, details = [], []
    for i, path in enumerate(dict.fromkeys([*report.files, *by_file])):
        sentences = _sentences(i, report.documents.get(path), by_file[path])
        docs.append(_document(path, report.documents.get(path), sentences))
        details.extend(_detail(path, s, report.sources) for s in sentences)
    aside = f'<p id="hint" class="hint">{esc(HINT)}</p>' + "".join(details)
    body = (
        f'<main class="layout"><div class="documents">{"".join(docs)}</div>'
        f'<aside aria-label="The selected sentence" aria-live="polite">{aside}</aside></main>'
    )
    return page("verifier check report", header, body)


def _sentences(file_no: int, text: str | None, findings: list[Finding]) -> list[Sentence]:
    """The file's findings grouped by sentence, in text order; without the text, by line and column."""
    lines = line_spans(text) if text is not None else []
    grouped: dict[tuple[int, int], Sentence] = {}
    for f in findings:
        span = _offsets(lines, f) if lines else (f.line, f.column)
        if span not in grouped:
            grouped[span] = Sentence(f"d-{file_no}-{len(grouped)}", *span)
        grouped[span].findings.append(f)
    return sorted(grouped.values(), key=lambda s: (s.start, s.end))


def _offsets(lines: list[tuple[int, int]], f: Finding) -> tuple[int, int]:
    """Code-point offsets of a finding's sentence from its 1-based lines and columns (end exclusive)."""

    def at(line: int, column: int) -> int:
        start, end = lines[min(line, len(lines)) - 1]
        return min(start + column - 1, end)

    return at(f.line, f.column), at(f.end_line, f.end_column)


def _document(path: str, text: str | None, sentences: list[Sentence]) -> str:
    title = f"<h2>{esc(path if path != '-' else 'standard input')}</h2>"
    if text is None:
        items = "".join(f"<li>{_item(s, s.findings[0].statement)}</li>" for s in sentences)
        return f'<section class="document">{title}<ul class="groups">{items}</ul></section>'
    parts, at = [], 0
    for s in sentences:
        if s.start < at:  # overlaps the sentence before (never expected): listed in the panel only
            continue
        parts.append(esc(text[at : s.start]))
        parts.append(_item(s, text[s.start : s.end]))
        at = s.end
    parts.append(esc(text[at:]))
    return f'<section class="document">{title}<pre class="text">{"".join(parts)}</pre></section>'


def _item(s: Sentence, shown: str) -> str:
    worst = s.worst
    label = ", ".join(s.keys)
    return (
        f'<span class="item v-{worst}" tabindex="0" role="button" data-keys="{" ".join(s.keys)}" '
        f'data-detail="{s.id}" title="{esc(label)}"><span class="icon v-{worst}" aria-hidden="true">'
        f'{ICONS[worst]}</span><span class="visually-hidden">{esc(label)}: </span>{esc(shown)}</span>'
    )


def _detail(path: str, s: Sentence, sources: dict[str, SourceText]) -> str:
    first = s.findings[0]
    where = f"{path}:{first.line}:{first.column}"
    findings = "".join(_finding(f, sources) for f in s.findings)
    return (
        f'<section class="detail" id="{s.id}" hidden><h3>{esc(where)}</h3>'
        f'<p class="statement">{esc(first.statement)}</p>{findings}</section>'
    )


def _finding(f: Finding, sources: dict[str, SourceText]) -> str:
    k = key(f)
    head = f'<span class="badge v-{k}"><span aria-hidden="true">{ICONS[k]}</span> {esc(f.verdict)}</span>'
    if f.suppressed is not None:
        head += f' <span class="badge v-suppressed">suppressed: {esc(f.suppressed)}</span>'
    if f.baselined is not None:
        head += f' <span class="badge v-suppressed">baselined in {esc(f.baselined)}: does not fail</span>'
    head += f" <code>{esc(f.check)}</code>"
    if f.score is not None:
        head += f" · match score {f.score:g}"
    rows = [("reason", f.reason)]
    if f.checked:
        rows.append(("values checked", "; ".join(f.checked)))
    if f.not_covered:
        rows.append(("not covered", "; ".join(f.not_covered)))
    info = "".join(f"<dt>{esc(a)}</dt><dd>{esc(b)}</dd>" for a, b in rows)
    return (
        f'<div class="finding entry" data-key="{k}"><p>{head}</p><dl>{info}</dl>'
        f'<div class="sides">{_sides(f, sources)}</div></div>'
    )


def _sides(f: Finding, sources: dict[str, SourceText]) -> str:
    """The statement beside its evidence: one source, or every side of a contested group."""
    draft = f'<div class="claim"><h4>the draft</h4><blockquote>{esc(f.statement)}</blockquote></div>'
    claims = [c for c in (f.claim, *f.others) if c is not None]
    other = "the other side" if f.verdict == "contested" else "another claim of the group"
    names = ["the source", *[other] * len(f.others)]
    return draft + "".join(claim_card(c, sources, n) for c, n in zip(claims, names, strict=False))
