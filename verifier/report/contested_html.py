"""`contested --format html`: the groups whose sources disagree, each side's quote in its source.

The page is the `check` page's sibling (verifier.report.page): a summary bar counting the claims by
review status, which filters them; a list of groups to select, by mouse or keyboard; and the
selected group's claims side by side.
"""

from __future__ import annotations

from collections import Counter

from verifier.checking.contested import ContestedGroup, ContestedReport
from verifier.models import SourceText
from verifier.parsing.describe import describe
from verifier.report.page import claim_card, esc, filter_bar, page

HINT = "Select a group: click it, or Tab to it and press Enter; j and k go to the next and previous."


def render_contested_html(report: ContestedReport) -> str:
    statuses = Counter(c.status for g in report.groups for c in g.claims)
    n = len(report.groups)
    total = f"{n} contested group{'' if n == 1 else 's'}; claims by status:"
    bar = filter_bar("Claim statuses: press to show or hide", statuses, total)
    header = "<h1>verifier contested</h1>\n" + bar
    if not report.groups:
        body = '<main class="layout"><p>No contested groups: the sources in the ledger agree.</p></main>'
        return page("verifier contested report", header, body)
    items = "".join(f"<li>{_item(i, g)}</li>" for i, g in enumerate(report.groups))
    details = "".join(_detail(i, g, report.sources) for i, g in enumerate(report.groups))
    body = (
        f'<main class="layout"><div class="documents"><h2>Groups</h2><ul class="groups">{items}</ul></div>'
        f'<aside aria-label="The selected group" aria-live="polite">'
        f'<p id="hint" class="hint">{esc(HINT)}</p>{details}</aside></main>'
    )
    return page("verifier contested report", header, body)


def _title(group: ContestedGroup) -> str:
    return f"{group.subject} · {group.property}"


def _item(i: int, group: ContestedGroup) -> str:
    keys = " ".join(sorted({c.status for c in group.claims}))
    sides = " vs ".join(describe(c.value) for c in group.claims)
    return (
        f'<span class="item v-contested" tabindex="0" role="button" data-keys="{esc(keys)}" '
        f'data-detail="g-{i}"><span class="icon v-contested" aria-hidden="true">⚠</span>'
        f"<strong>{esc(_title(group))}</strong>: {esc(sides)}</span>"
    )


def _detail(i: int, group: ContestedGroup, sources: dict[str, SourceText]) -> str:
    cards = "".join(
        f'<div class="entry" data-key="{esc(c.status)}">{claim_card(c, sources, f"side {n}")}</div>'
        for n, c in enumerate(group.claims, start=1)
    )
    return (
        f'<section class="detail" id="g-{i}" hidden><h3>{esc(_title(group))}</h3>'
        f"<p>{len(group.claims)} claims disagree, and no review has settled which one holds.</p>"
        f'<div class="sides">{cards}</div></section>'
    )
