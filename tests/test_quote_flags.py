"""A claim's quote flags, an index column made at build time, say what judging would read from the
claim's quote (an aim, a gap word) for every claim: a check that trusts them skips nothing that the
quote could have shown."""

from __future__ import annotations

import random
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.judging import comparable
from verifier.ledger.load import load_ledger
from verifier.matching import cache
from verifier.matching.cache import StoredClaims, fingerprint, load_cached, save_index
from verifier.matching.index import build_index
from verifier.models import Claim
from verifier.parsing import direction
from verifier.parsing.wording import AIM, GAP_WORDED, KNOWN, SIGNED_ONLY, quote_flags

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from scale_data import generate  # noqa: E402

# Words and pieces that the quick look must not be fooled by: aim words in other cases, joined by an
# apostrophe, in compatibility letters that fold to ASCII, inside longer words, gap words in capitals.
_PARTS = ["target", "Target", "TARGETS", "tar'get", "tar`get", "ｔａｒｇｅｔ", "plan", "plant", "planned",
          "Plan's", "projected", "expect", "expects", "aimed", "Aim", "goal-setting", "ﬁnal", "ambition",
          "below", "Below", "above", "ahead of", "short of", "beneath", "behind", "the", "average", "9",
          "4.5%", "people", "_", "<", "plaN", "obJective", "forecasted", "pledge", "ſ", "İ", "é", "-", ",",
          "rose", "ROSE", "Fell", "fe'll", "up", "UP", "cut", "+", "+3%", "declined", "ｒｏｓｅ", "lower"]  # fmt: skip


def _signed_only(text: str) -> bool:
    """direction.signed_only as it reads, without its quick path for ASCII text."""
    return "+" not in text and not direction._ANY_CHANGE_WORD.search(text)


def _expected(quote: str, prop: str) -> int:
    """The flags as judging's own tests give them, read from the quote."""
    aim = AIM if comparable._aim(quote, prop) else 0
    gap = GAP_WORDED if comparable._GAP_WORD.search(quote) else 0
    return KNOWN | aim | gap | (SIGNED_ONLY if _signed_only(quote) else 0)


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="rosefalupctdclinRSEKUP+ %-'ſİıｒ", max_size=24))
def test_the_quick_search_for_change_words_finds_what_the_case_blind_one_finds(text):
    assert direction.signed_only(text) == _signed_only(text)


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_PARTS), max_size=7), st.sampled_from(["", " ", "'"]),
       st.sampled_from(["population", "enrolment_target", "planned_capacity", "gap_to_average"]))  # fmt: skip
def test_the_flags_are_what_judging_reads_from_the_quote(parts, glue, prop):
    quote = glue.join(parts)
    assert quote_flags(quote, prop) == _expected(quote, prop)


def _claims() -> list[Claim]:
    """The repository's ledger (every value kind, aims and gaps among them), a generated one, and
    claims whose quotes word an aim or a gap in the ways the quick look must not miss."""
    data = generate(2000, 10, random.Random(3))
    stored = StoredClaims(data.blob, data.offsets)
    made = [stored[i] for i in range(len(stored))]
    quotes = ["Kelso set a target of 15,000 students by 2030.", "Men live 9 years below the average.",
              "The plan's cost is $4 million.", "Its ｔａｒｇｅｔ is 40%.", "Tar'get: 12 schools.",
              "Output was 5% Below the average.", "The plant employs 300 people."]  # fmt: skip
    for i, quote in enumerate(quotes):
        made.append(Claim.model_validate({
            "id": f"q{i}", "statement": quote, "subject": {"name": "Kelso"}, "property": "count",
            "value": {"kind": "quantity", "amount": 9}, "source": {"id": "s", "start": 0, "end": 1, "quote": quote},
        }))  # fmt: skip
    return load_ledger(ROOT).claims + made


def test_every_claim_of_a_built_index_has_the_flags_of_its_quote():
    claims = _claims()
    expected = [_expected(c.source.quote, c.property) for c in claims]
    assert {e & AIM for e in expected} == {0, AIM} and {e & GAP_WORDED for e in expected} == {0, GAP_WORDED}
    assert {e & SIGNED_ONLY for e in expected} == {0, SIGNED_ONLY}
    assert {c.value.kind for c in claims} >= {"quantity", "date", "place", "person", "organization", "rank"}
    for index in (build_index(claims), build_index(StoredClaims.of(claims))):
        assert index.quote_flags.tolist() == expected
        assert [index.claim_ref(i).quote_flags for i in range(len(claims))] == expected


def test_a_candidate_is_judged_from_its_flags_without_being_decoded():
    claims = _claims()
    stored = StoredClaims.of(claims)
    index = build_index(stored)
    for i, claim in enumerate(claims):
        ref = index.claim_ref(i)
        assert comparable._claim_aim(ref) == comparable._claim_aim(claim) == comparable._aim(
            claim.source.quote, claim.property)
        if claim.value.kind == "quantity":
            assert comparable._claim_gap(ref) == comparable._claim_gap(claim)
            assert comparable._claim_direction(ref) == comparable._claimed_direction(
                claim.source.quote, claim.value.amount)
    gapped = {i for i, c in enumerate(claims) if comparable._GAP_WORD.search(c.source.quote)
              or not _signed_only(c.source.quote)}  # a gap word, or a word of a change
    ranks = {i for i in range(len(claims)) if index.values.shape[i] == -1}  # no column holds their value
    assert gapped and set(stored._made) <= gapped | ranks  # only a quote with such a word is read


def test_the_flags_survive_the_cache_and_other_words_make_a_miss(tmp_path, monkeypatch):
    claims = _claims()
    stored = StoredClaims.of(claims)
    index = build_index(stored)
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "a.yaml").write_text("claims: []\n")
    monkeypatch.setenv("VERIFIER_CACHE_DIR", str(tmp_path / "cache"))
    assert save_index(index, tmp_path, fingerprint(tmp_path)) is not None
    loaded = load_cached(tmp_path)
    assert loaded is not None and loaded.quote_flags.tolist() == index.quote_flags.tolist()
    monkeypatch.setattr(cache, "lexicon_digest", lambda: "another lexicon")  # aim or gap words edited since
    assert load_cached(tmp_path) is None
