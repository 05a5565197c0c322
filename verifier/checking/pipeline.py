"""`check`: documents → sentences → statements → matched claim groups → findings.

A sentence gives one finding per fact it states (one per claim group it matches), and one
`unverified` finding when it states a fact that no claim covers.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from verifier import __version__
from verifier.checking.parallel import check_files
from verifier.judging import accounting
from verifier.judging.accounting import time_scope
from verifier.judging.group_match import MATCH_THRESHOLD, Fact, match_facts, text_candidates
from verifier.judging.holders import held_by_another
from verifier.judging.verdicts import GroupVerdict, cite, judge_group
from verifier.ledger.evidence import matched_claim, source_texts
from verifier.ledger.load import Ledger, ledger_files, load_ledger, read_source_file
from verifier.matching.cache import load_cached, load_index
from verifier.matching.index import Index
from verifier.models import (
    SEVERITY,
    VERDICT_RANK,
    Finding,
    Report,
    Summary,
    Tolerance,
)
from verifier.parsing.quantities import Mention
from verifier.parsing.statements import Statement, parse, refers_back
from verifier.reading.documents import Sentence, read_text, sentences


@dataclass
class Checker:
    ledger: Ledger
    tolerance: Tolerance
    index: Index

    @classmethod
    def for_ledger(cls, ledger: Ledger, tolerance: Tolerance | None = None) -> Checker:
        return cls(ledger, tolerance or Tolerance(), load_index(ledger))

    @classmethod
    def for_root(cls, root: Path, tolerance: Tolerance | None = None) -> Checker:
        """The checker of the ledger at `root`. When the on-disk cache holds the ledger's files as
        they are now, their claims were validated when it was written: only the (few) source
        records are read, so a second run starts in about a second even at a million claims."""
        index = load_cached(root)
        if index is None:
            return cls.for_ledger(load_ledger(root), tolerance)
        docs = [read_source_file(root, p) for p in ledger_files(root)[1]]
        ledger = Ledger(root, {d.source.id: d.source for d in docs}, index.claims, {})
        return cls(ledger, tolerance or Tolerance(), index)

    def check_text(self, text: str, path: str) -> list[Finding]:
        return self.check_sentences(sentences(text, path))

    def check_sentences(self, sents: list[Sentence], before: list[Sentence] = ()) -> list[Finding]:
        """The findings of consecutive sentences of one document; `before` are the sentences ahead of
        them there, read only for the subject a sentence such as "It has ..." carries over."""
        findings: list[Finding] = []
        previous = self._context(before)
        for sentence in sents:
            stmt = parse(sentence.text, self.index, previous=previous)
            previous = stmt
            if stmt.checkworthy:
                findings.extend(self.check_statement(stmt, sentence))
        return findings

    def _context(self, before: list[Sentence]) -> Statement | None:
        """The statement the next sentence reads its carried subject from, as parsing the whole
        document up to it gives: only subjects carry over, and the chain stops at the last sentence
        that names a subject of its own or does not refer back, so parsing starts there."""
        start = len(before)
        while start > 0:
            start -= 1
            text = before[start].text
            if self.index.subjects_in(text) or not refers_back(text):
                break
        previous = None
        for sentence in before[start:]:
            previous = parse(sentence.text, self.index, previous=previous)
        return previous

    def check_statement(self, stmt: Statement, sentence: Sentence) -> list[Finding]:
        """One finding per fact the sentence states, and one `unverified` finding for the values
        (numbers, dates, places, ranks) that no fact accounts for: a sentence is consistent only
        when everything it states is checked."""
        facts = match_facts(stmt, self.index, self.tolerance)
        if not facts and not stmt.subjects and stmt.values:  # no subject the ledger knows: by its words
            index = self.index
            found = text_candidates(stmt, index, lambda i: accounting.names_all(stmt, index.claims[i]))
            facts = match_facts(stmt, index, self.tolerance, found) if found else []
        facts = accounting.scopes_before_dates(stmt, facts, self.index, MATCH_THRESHOLD)
        facts += held_by_another(stmt, self.index, facts)
        used = accounting.used_spans(facts)
        # by fact, not by group: one group may answer two figures of the sentence, each of its own time
        scopes = {id(fact): accounting.windowed(stmt, m) for fact in facts
                  if (m := time_scope(stmt, fact, self.index, used) or self._month_scope(stmt, fact))}
        out = []
        for fact in facts:
            checked = [r.stated for r in fact.results.values()][:1]
            if id(fact) in scopes:
                checked.append(scopes[id(fact)].text)
            gv = self._judge(stmt, fact, scopes.get(id(fact)))
            out.append(self._suppress(sentence, self._group_finding(sentence, gv, fact.score, checked), fact))
        left = accounting.uncovered(stmt, facts, list(scopes.values()), self.index, self._cited(facts))
        if facts and (other := accounting.speaks_of_another(stmt, left)):
            # "Japan's GDP grew 0.6%" against a claim about the euro area's GDP: not evidence
            reason = f'no claim in the ledger covers "{other}", which the statement is about'
            finding = self._finding(sentence, "unverified", reason, not_covered=left)
            return [self._suppress(sentence, finding, None)]
        if left or not facts:
            reason = (
                f"no claim in the ledger covers {_join(left)}" if facts
                else "no claim in the ledger covers this statement"
            )
            finding = self._finding(sentence, "unverified", reason, not_covered=left)
            out.append(self._suppress(sentence, finding, None))
        return sorted(out, key=lambda f: -VERDICT_RANK[f.verdict])

    def _cited(self, facts: list[Fact]) -> str:
        """The titles and publishers of the matched claims' sources."""
        sources = {self.index.claims[i].source.id for fact in facts for i in fact.results}
        found = [self.ledger.sources[s] for s in sources if s in self.ledger.sources]
        return " ".join(f"{src.title} {src.publisher}" for src in found)

    def _judge(self, stmt: Statement, fact: Fact, scope: Mention | None = None) -> GroupVerdict:
        if stmt.negated:
            # "is not", "never": the words around a value decide what a negation denies, and
            # verifier does not parse them, so it shows the source and leaves the call to a person.
            claim = self.index.claims[next(iter(fact.results))]
            reason = f"a negated statement is not judged; the source says {cite(claim, self.ledger)}"
            return GroupVerdict("unverified", reason, claim)
        when = scope.value if scope is not None else None
        return judge_group(self.index, fact.key, fact.results, self.ledger, self.tolerance, when=when)

    def _month_scope(self, stmt: Statement, fact: Fact) -> Mention | None:
        """A year-less month as the figure's time, read in the year of the claims' source (the text
        is asked first: a claim is decoded only for a sentence that gives such a month)."""
        if (month := accounting.figure_month(stmt, fact, self.index)) is None:
            return None
        claim = self.index.claims[next(iter(fact.results))]
        source = self.ledger.sources.get(claim.source.id)
        return accounting.month_scope(stmt, month, source.published if source else None)

    def _group_finding(self, sentence: Sentence, gv: GroupVerdict, score: float, checked: list) -> Finding:
        claim = matched_claim(gv.claim, self.ledger)
        others = [matched_claim(c, self.ledger) for c in gv.others]
        more = {"claim": claim, "others": others, "score": round(score, 1), "checked": checked}
        return self._finding(sentence, gv.verdict, gv.reason, **more)

    @staticmethod
    def _finding(sentence: Sentence, verdict: str, reason: str, **more) -> Finding:
        """Built once, with everything it says (a copy per added field was a tenth of reporting)."""
        return Finding(
            check=f"verifier.{verdict}", path=sentence.path, line=sentence.line, column=sentence.column,
            end_line=sentence.end_line, end_column=sentence.end_column, statement=sentence.text,
            verdict=verdict, severity=SEVERITY[verdict], reason=reason, **more,
        )  # fmt: skip

    def _suppress(self, sentence: Sentence, finding: Finding, fact: Fact | None) -> Finding:
        """An ignore comment names a claim; it covers the finding of any claim of that claim's
        group, so a newer figure added to the ledger does not undo an existing suppression."""
        if not sentence.ignores:
            return finding  # the group's claims are decoded only for a sentence that has ignores
        group = {self.index.claims[i].id for i in self.index.groups[fact.key]} if fact else set()
        for ignore in sentence.ignores:
            if ignore.claim_id is None or ignore.claim_id in group:
                return finding.model_copy(update={"suppressed": ignore.reason})
        return finding


def _join(items: list[str]) -> str:
    quoted = [f'"{x}"' for x in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


# Young collections every this many new objects while checking (Python's default: 700). What
# survives one is frozen (_freeze_survivors), so each object is walked once whatever the threshold;
# a smaller young generation is walked while it is still in the processor's cache: over the 4,000
# bench sentences at 1M claims, 0.06-0.08 s of collections at 2,000 against 0.10-0.16 s at 50,000
# (gc.callbacks timing), and the same findings (no collection finds garbage: the check makes no cycles).
_GEN0_WHILE_CHECKING = 2_000


@contextmanager
def tuned_collector() -> Iterator[None]:
    """Python's collector tuned for a check: a large index is hundreds of thousands of long-lived
    objects that every full collection would walk again, and a sentence makes thousands of short-lived
    ones, so the objects alive now (the index) are frozen out of collection. Measured at 100k claims
    (statements per CPU-second, single runs on a loaded machine): +8 % from the freeze. What outlives
    a young collection is frozen too (see _freeze_survivors), and young collections run at the
    threshold above. All is undone on exit."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(threshold[0], _GEN0_WHILE_CHECKING), *threshold[1:])
    gc.callbacks.append(_freeze_survivors)
    try:
        yield
    finally:
        gc.callbacks.remove(_freeze_survivors)
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _freeze_survivors(phase: str, info: dict) -> None:
    """After a collection, freezes what survived it. While checking, seven in ten objects alive at a
    young collection are memo entries that live on (compared values, words of texts), and each was
    walked again by every older collection: 14 young and one middle collection over the 4,000
    sentences at 1M claims took 0.3-0.4 s, 7-9 % of the check, and found no garbage. A survivor
    that becomes garbage is still freed when nothing refers to it; only a reference cycle among
    frozen objects waits for the end of the check (gc.unfreeze)."""
    if phase == "stop":
        gc.freeze()


def check_paths(
    paths: Iterable[str],
    checker: Checker,
    *,
    progress: Callable[[str], None] | None = None,
    jobs: int = 1,
    keep_text: bool = False,
) -> Report:
    """The report on these files; with jobs > 1 checked by that many processes (verifier.parallel),
    the same findings in the same order. `keep_text` keeps each file's text and the cited sources'
    texts on the report (`Report.documents`, `Report.sources`): the HTML report shows them."""
    files, findings = list(paths), []
    texts = {path: read_text(path) for path in files} if keep_text else {}
    with tuned_collector():  # before the workers fork, so they share the frozen index too
        for found in check_files(files, checker, jobs, progress, texts=texts):
            findings.extend(found)
    report = Report(version=__version__, files=files, findings=findings, summary=summarise(findings))
    if keep_text:
        report.documents.update(texts)
        cited = [c for f in findings for c in (f.claim, *f.others)]
        report.sources.update(source_texts(cited, checker.ledger))
    return report


def summarise(findings: list[Finding]) -> Summary:
    counts = {"consistent": 0, "inconsistent": 0, "contested": 0, "unverified": 0, "suppressed": 0}
    for f in findings:
        counts["suppressed" if f.suppressed else f.verdict] += 1
    return Summary(**counts)
