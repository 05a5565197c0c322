"""`contested`: the claim groups whose sources disagree and that no review has settled.

A group is listed when two of its live members (not refuted, not retracted) state different
values for the same time; `verdicts.contested_groups` decides that with the comparator that
`check` uses. Reviewing one side as refuted (`verifier review`) takes the group off the list.
The report stays structured: verifier.report.contested renders it as text, JSON or SARIF.
"""

from __future__ import annotations

from pydantic import Field, PrivateAttr

from verifier.judging.verdicts import contested_groups
from verifier.ledger.evidence import matched_claim, source_texts
from verifier.ledger.load import Ledger
from verifier.matching.index import build_index
from verifier.models import MatchedClaim, SourceText, Strict, Tolerance


class ContestedGroup(Strict):
    subject: str = Field(description="The subject's name, as the first claim of the group gives it")
    property: str
    claims: list[MatchedClaim] = Field(description="The live claims that disagree, in ledger order")


class ContestedReport(Strict):
    """The JSON output of `verifier contested` (schemas/contested.schema.json)."""

    groups: list[ContestedGroup]
    # The quoted sources' urls and texts, for the HTML report only (not part of the JSON).
    _sources: dict[str, SourceText] = PrivateAttr(default_factory=dict)

    @property
    def sources(self) -> dict[str, SourceText]:
        return self._sources


def contested_report(
    ledger: Ledger, tol: Tolerance | None = None, *, keep_text: bool = False
) -> ContestedReport:
    """Every unsettled group whose live members disagree, in ledger order. `keep_text` adds the
    quoted sources' texts and urls (`ContestedReport.sources`), which the HTML report shows."""
    groups = []
    for (_key, prop), claims in contested_groups(build_index(ledger.claims), tol or Tolerance()):
        matched = [matched_claim(c, ledger) for c in claims]
        groups.append(ContestedGroup(subject=claims[0].subject.name, property=prop, claims=matched))
    report = ContestedReport(groups=groups)
    if keep_text:
        report.sources.update(source_texts([c for g in groups for c in g.claims], ledger))
    return report
