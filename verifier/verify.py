"""`check`: documents → sentences → statements → matched claim groups → findings.

A sentence gives one finding per fact it states (one per claim group it matches), and one
`unverified` finding when it states a fact that no claim covers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from verifier import __version__
from verifier.config import Tolerance
from verifier.documents import Sentence, read_text, sentences
from verifier.evidence import matched_claim
from verifier.facts import Fact, match_facts
from verifier.groups import GroupVerdict, cite, judge_group
from verifier.index import Index, build_index, group_key
from verifier.ledger import Ledger
from verifier.models import (
    SEVERITY,
    VERDICT_RANK,
    DateValue,
    Finding,
    Report,
    Summary,
)
from verifier.statements import Statement, parse


@dataclass
class Checker:
    ledger: Ledger
    tolerance: Tolerance
    index: Index

    @classmethod
    def for_ledger(cls, ledger: Ledger, tolerance: Tolerance | None = None) -> Checker:
        return cls(ledger, tolerance or Tolerance(), build_index(ledger.claims))

    def check_text(self, text: str, path: str) -> list[Finding]:
        findings: list[Finding] = []
        previous: Statement | None = None
        for sentence in sentences(text, path):
            stmt = parse(sentence.text, self.index, previous=previous)
            previous = stmt
            if stmt.checkworthy:
                findings.extend(self._suppress(sentence, f) for f in self.check_statement(stmt, sentence))
        return findings

    def check_statement(self, stmt: Statement, sentence: Sentence) -> list[Finding]:
        facts = match_facts(stmt, self.index, self.tolerance)
        if not facts:
            return [self._finding(sentence, "unverified", "no claim in the ledger covers this statement")]
        out = [self._group_finding(sentence, self._judge(stmt, fact), fact.score) for fact in facts]
        return sorted(out, key=lambda f: -VERDICT_RANK[f.verdict])

    def _judge(self, stmt: Statement, fact: Fact) -> GroupVerdict:
        if stmt.negated:
            # "is not", "never": the words around a value decide what a negation denies, and
            # verifier does not parse them, so it shows the source and leaves the call to a person.
            claim = self.index.claims[next(iter(fact.results))]
            reason = f"a negated statement is not judged; the source says {cite(claim, self.ledger)}"
            return GroupVerdict("unverified", reason, claim)
        return judge_group(
            self.index, fact.key, fact.results, self.ledger, self.tolerance, when=_time_scope(stmt, fact)
        )

    def _group_finding(self, sentence: Sentence, gv: GroupVerdict, score: float) -> Finding:
        finding = self._finding(sentence, gv.verdict, gv.reason)
        return finding.model_copy(
            update={
                "claim": matched_claim(gv.claim, self.ledger),
                "others": [matched_claim(c, self.ledger) for c in gv.others],
                "score": round(score, 1),
            }
        )

    @staticmethod
    def _finding(sentence: Sentence, verdict: str, reason: str) -> Finding:
        return Finding(
            check=f"verifier.{verdict}", path=sentence.path, line=sentence.line, column=sentence.column,
            end_line=sentence.end_line, end_column=sentence.end_column, statement=sentence.text,
            verdict=verdict, severity=SEVERITY[verdict], reason=reason,
        )  # fmt: skip

    def _suppress(self, sentence: Sentence, finding: Finding) -> Finding:
        """An ignore comment names a claim; it covers the finding of any claim of that claim's
        group, so a newer figure added to the ledger does not undo an existing suppression."""
        group = self._group_ids(finding.claim.id) if finding.claim else set()
        for ignore in sentence.ignores:
            if ignore.claim_id is None or ignore.claim_id in group:
                return finding.model_copy(update={"suppressed": ignore.reason})
        return finding

    def _group_ids(self, claim_id: str) -> set[str]:
        key = group_key(self.ledger.claim(claim_id))
        return {self.index.claims[i].id for i in self.index.groups.get(key, ())}


def _time_scope(stmt: Statement, fact: Fact) -> str | None:
    """The date a sentence gives for a figure ("In 2020 Jiangsu had ..."): not the value itself."""
    used = {r.span for r in fact.results.values()}
    for m in stmt.values:
        if isinstance(m.value, DateValue) and (m.start, m.end) not in used:
            return m.value.date
    return None


def check_paths(
    paths: Iterable[str], checker: Checker, *, progress: Callable[[str], None] | None = None
) -> Report:
    files, findings = [], []
    for path in paths:
        files.append(path)
        findings.extend(checker.check_text(read_text(path), path))
        if progress:
            progress(path)
    return Report(version=__version__, files=files, findings=findings, summary=summarise(findings))


def summarise(findings: list[Finding]) -> Summary:
    counts = {"consistent": 0, "inconsistent": 0, "contested": 0, "unverified": 0, "suppressed": 0}
    for f in findings:
        counts["suppressed" if f.suppressed else f.verdict] += 1
    return Summary(**counts)
