"""`check`: documents → sentences → statements → matched claim groups → findings.

A sentence gives one finding per fact it states (one per claim group it matches), and one
`unverified` finding when it states a fact that no claim covers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from verifier import __version__
from verifier.compare import SlotResult, compare_statement
from verifier.config import Tolerance
from verifier.documents import Sentence, read_text, sentences
from verifier.groups import GroupVerdict, judge_group
from verifier.index import Index, build_index, group_key
from verifier.ledger import Ledger
from verifier.match import predicate_score
from verifier.models import (
    SEVERITY,
    Claim,
    Finding,
    MatchedClaim,
    Report,
    SourceQuote,
    Summary,
)
from verifier.statements import Statement, parse

# Below this predicate similarity (0-100) a claim of the right subject is about another property...
MATCH_THRESHOLD = 45.0
# ...unless it is the only fact of that subject the sentence's values compare with.
SOLE_GROUP_THRESHOLD = 15.0
# Weak evidence needs a closer match: a place that only contains the claimed one ("China" for
# "southwest China"), or a number of other things ("80 turbines" for "300 people").
WEAK_THRESHOLD = 60.0


def _all_weak(results: dict[int, SlotResult]) -> bool:
    return all(r.weak for r in results.values())


def _threshold(results: dict[int, SlotResult]) -> float:
    return WEAK_THRESHOLD if _all_weak(results) else MATCH_THRESHOLD


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
        facts = self.match_facts(stmt)
        if not facts:
            return [self._finding(sentence, "unverified", "no claim in the ledger covers this statement")]
        out = []
        for key, (score, results) in facts.items():
            verdict = judge_group(self.index, key, results, self.ledger, self.tolerance)
            out.append(self._group_finding(sentence, verdict, score))
        return sorted(out, key=lambda f: -_RANK[f.verdict])

    def match_facts(self, stmt: Statement) -> dict[tuple[str, str], tuple[float, dict[int, SlotResult]]]:
        """The claim groups this statement speaks of, each with its score and per-claim comparison.

        A group matches when the sentence's words say the same as its claims' (score at least
        MATCH_THRESHOLD), or when it is the only fact of its subject that the sentence's values
        can be compared with. A value in the sentence serves one fact only: where two groups
        compare the same wording, the better-matching group keeps it.
        """
        groups: dict[tuple[str, str], tuple[float, dict[int, SlotResult]]] = {}
        for idx in self._candidates(stmt):
            claim = self.index.claims[idx]
            result = compare_statement(stmt, claim, self.tolerance)
            if result is None:
                continue
            score = predicate_score(stmt, self.index, idx)
            key = group_key(claim)
            best, results = groups.get(key, (0.0, {}))
            results[idx] = result
            groups[key] = (max(best, score), results)
        per_subject = Counter(key[0] for key in groups)
        kept = {
            key: (score, results)
            for key, (score, results) in groups.items()
            if score >= _threshold(results)
            or (per_subject[key[0]] == 1 and score >= SOLE_GROUP_THRESHOLD and not _all_weak(results))
        }
        return _one_group_per_wording(kept)

    def _candidates(self, stmt: Statement) -> list[int]:
        seen: dict[int, None] = {}
        for hit in stmt.subjects:
            for idx in self.index.by_subject.get(hit.key, ()):
                seen[idx] = None
        return list(seen)

    def _group_finding(self, sentence: Sentence, gv: GroupVerdict, score: float) -> Finding:
        finding = self._finding(sentence, gv.verdict, gv.reason)
        return finding.model_copy(
            update={
                "claim": self.matched(gv.claim),
                "others": [self.matched(c) for c in gv.others],
                "score": round(score, 1),
            }
        )

    def matched(self, claim: Claim) -> MatchedClaim:
        src = self.ledger.sources[claim.source.id]
        quote = SourceQuote(
            id=src.id, path=src.path, title=src.title, publisher=src.publisher, published=src.published,
            start=claim.source.start, end=claim.source.end, quote=claim.source.quote,
        )  # fmt: skip
        return MatchedClaim(
            id=claim.id, statement=claim.statement, value=claim.value, status=claim.status, source=quote
        )

    @staticmethod
    def _finding(sentence: Sentence, verdict: str, reason: str) -> Finding:
        return Finding(
            check=f"verifier.{verdict}", path=sentence.path, line=sentence.line, column=sentence.column,
            end_line=sentence.end_line, end_column=sentence.end_column, statement=sentence.text,
            verdict=verdict, severity=SEVERITY[verdict], reason=reason,
        )  # fmt: skip

    @staticmethod
    def _suppress(sentence: Sentence, finding: Finding) -> Finding:
        claim_id = finding.claim.id if finding.claim else None
        for ignore in sentence.ignores:
            if ignore.claim_id is None or ignore.claim_id == claim_id:
                return finding.model_copy(update={"suppressed": ignore.reason})
        return finding


_RANK = {"inconsistent": 3, "contested": 2, "unverified": 1, "consistent": 0}


def _one_group_per_wording(groups):
    by_wording: dict[str, tuple[tuple[str, str], float]] = {}
    for key, (score, results) in groups.items():
        for wording in {r.stated for r in results.values()}:
            if wording not in by_wording or score > by_wording[wording][1]:
                by_wording[wording] = (key, score)
    keep = {key for key, _ in by_wording.values()}
    return {k: v for k, v in groups.items() if k in keep}


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
