"""A quantity claim in a unit or currency that none of a sentence's quantities has is left out of the
comparison (comparable.may_compare): for every claim so left out, the comparison finds nothing, and
the unit and currency read from the index's columns are those of the decoded claim."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from verifier.judging.comparable import may_compare, measures_compared, number_options
from verifier.judging.compare import compare_statement
from verifier.ledger.load import load_ledger
from verifier.matching.cache import StoredClaims
from verifier.matching.index import build_index
from verifier.models import QuantityValue, Tolerance
from verifier.parsing.statements import parse
from verifier.parsing.units import measure

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from scale_data import generate  # noqa: E402

# Sentences in and out of the claims' units and currencies, with and without a direction
_SEED = [
    "Jiangsu has a GDP of more than one trillion dollars.", "Jiangsu's population is roughly 50 million.",
    "Jiangsu's GDP rose by 7 percent.", "Jiangsu has 80 million people and a GDP of $1.2 trillion.",
    "Jiangsu's emissions fell 3% to 80 million tonnes.", "Jiangsu installed 1,200 MW of solar capacity.",
    "The WHO says outdoor air pollution kills 3.7 million people.", "Jiangsu is China's third largest province.",
]  # fmt: skip


@pytest.fixture(scope="module")
def ledgers():
    data = generate(4000, 300, random.Random(5))
    stored = StoredClaims(data.blob, data.offsets)
    seed = load_ledger(ROOT).claims
    return [(build_index(stored), [d.text for d in data.drafts]), (build_index(StoredClaims.of(seed)), _SEED)]


def test_the_columns_give_each_quantity_claim_its_own_unit_and_currency(ledgers):
    for index, _ in ledgers:
        for i in range(len(index.claims)):
            value = index.claims[i].value
            found = index.measure_of(i)
            if index.values.shape[i] >= 0 and isinstance(value, QuantityValue):
                assert found == measure(value)
            else:
                assert found is None


def test_a_claim_left_out_could_not_have_been_compared(ledgers):
    tol, left_out, kept = Tolerance(), 0, 0
    for index, sentences in ledgers:
        for text in sentences:
            stmt = parse(text, index)
            measures = measures_compared(stmt)
            for hit in stmt.subjects:
                for i in index.by_subject.get(hit.key, ()):
                    claim = index.claim_ref(i)
                    if may_compare(index, i, measures):
                        kept += 1
                        continue
                    left_out += 1
                    assert number_options(stmt, claim, tol) == []
                    assert compare_statement(stmt, claim, tol) is None
    assert left_out > 1000 and kept > 1000  # both ways, many times


def test_a_sentence_with_a_direction_leaves_no_claim_out(ledgers):
    index, _ = ledgers[1]
    stmt = parse("Jiangsu's GDP fell by 3 percent.", index)
    assert measures_compared(stmt) is None  # a fall disagrees with a rise in any unit
    assert all(may_compare(index, i, None) for i in range(len(index.claims)))
