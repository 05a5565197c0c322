"""`verifier match`, the on-disk index cache, the free-text matcher and the CheckThat! scorer."""

from __future__ import annotations

import importlib.util
import json
import os
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from verifier.cli import main
from verifier.common.text import content_words
from verifier.ledger.load import load_ledger
from verifier.matching import cache
from verifier.matching.bm25 import top_positions
from verifier.matching.evaluate import format_score, read_qrels, run_lines, scores
from verifier.matching.index import build_index, terms, terms_many
from verifier.matching.match import Query, clean_query, rank, read_queries
from verifier.matching.npzview import NameLists
from verifier.parsing.statements import parse

BENCH = Path(__file__).resolve().parent.parent / "bench" / "checkthat.py"


@pytest.fixture
def ledger(tiny_ledger, monkeypatch) -> Path:
    monkeypatch.delenv("VERIFIER_CACHE_DIR", raising=False)
    return tiny_ledger()


def run(*args: str):
    return CliRunner().invoke(main, list(args))


# ---------------------------------------------------------------- the command


def test_match_table_ranks_the_named_subjects_claims(ledger):
    result = run("match", "Jiangsu is home to 60 million people.", "--ledger", str(ledger))
    assert result.exit_code == 0, result.output
    assert result.output == (
        "1: Jiangsu is home to 60 million people.\n"
        "   1   70.6  jiangsu-population  Jiangsu has about 80 million people.\n"
        "   2   29.8  jiangsu-location  Jiangsu is a coastal province in East China.\n"
        "   3   14.3  jiangsu-gdp-2016  Jiangsu's GDP in 2016 was 7.6 trillion yuan.\n"
    )


def test_match_jsonl_without_a_subject_uses_bm25(ledger):
    args = ["match", "a coastal province with many people", "--format", "jsonl", "--top-k", "2"]
    result = run(*args, "--ledger", str(ledger))
    assert result.exit_code == 0, result.output
    assert [json.loads(line) for line in result.output.splitlines()] == [
        {
            "query": "1",
            "text": "a coastal province with many people",
            "matches": [
                {"rank": 1, "id": "jiangsu-location", "score": 89.09,
                 "statement": "Jiangsu is a coastal province in East China."},
                {"rank": 2, "id": "jiangsu-population", "score": 56.93,
                 "statement": "Jiangsu has about 80 million people."},
            ],
        }  # fmt: skip
    ]


def test_match_trec_from_a_tsv_with_header_and_quotes(ledger, tmp_path):
    queries = tmp_path / "q.tsv"
    queries.write_text('id\ttext\nq1\t"Jiangsu has ""80"" million people"\nq2\tthe pact was signed\n')
    result = run("match", "--queries", str(queries), "--format", "trec", "--top-k", "1", "--ledger", str(ledger))
    assert result.exit_code == 0, result.output
    assert result.output == (
        "q1\tQ0\tjiangsu-population\t1\t70.967742\tverifier\n"
        "q2\tQ0\tpact-signing\t1\t100.000000\tverifier\n"
    )


def test_match_plain_query_file_numbers_its_lines(ledger, tmp_path):
    queries = tmp_path / "q.txt"
    queries.write_text("Jiangsu has 80 million people\n\nthe pact was signed\n")
    result = run("match", "--queries", str(queries), "--top-k", "1", "--ledger", str(ledger))
    assert result.output == (
        "1: Jiangsu has 80 million people\n"
        "   1  100.0  jiangsu-population  Jiangsu has about 80 million people.\n"
        "3: the pact was signed\n"
        "   1  100.0  pact-signing  The climate pact was signed in Beijing on 6 June 2017.\n"
    )


def test_match_nothing_found_says_so(ledger):
    result = run("match", "zebras", "--ledger", str(ledger))
    assert (result.exit_code, result.output) == (0, "1: zebras\n  (no claim matches)\n")


def test_match_usage_errors_exit_2(ledger, tmp_path):
    result = run("match", "--ledger", str(ledger))
    assert (result.exit_code, result.output) == (2, "error: give either a statement or --queries FILE\n")
    bad = tmp_path / "bad.tsv"
    bad.write_text("q1\tfine\nq2 no tab here\n")
    result = run("match", "--queries", str(bad), "--ledger", str(ledger))
    assert (result.exit_code, result.output) == (
        2,
        f"error: {bad}:2: expected an id and a text separated by a tab\n",
    )
    result = run("match", "x", "--top-k", "0", "--ledger", str(ledger))
    assert (result.exit_code, result.output) == (2, "error: --top-k must be at least 1, not 0\n")


def test_read_queries_multiline_quoted_cell_and_empty_file():
    assert read_queries('\ttweet\n1\t"two\nlines"\n2\tthree\n', "f") == [
        Query("1", "two\nlines"),
        Query("2", "three"),
    ]
    with pytest.raises(Exception, match="^f: no statements in the file$"):
        read_queries("\n \n", "f")


# ---------------------------------------------------------------- the cache


def test_cache_hit_does_not_rebuild(ledger, monkeypatch):
    first = cache.load_index(load_ledger(ledger))
    files = list((ledger / ".verifier-cache").glob("index-*.npz"))
    assert len(files) == 1

    def fail(_claims):
        raise AssertionError("rebuilt")

    monkeypatch.setattr(cache, "build_index", fail)
    again = cache.load_index(load_ledger(ledger))
    assert again.by_subject == first.by_subject and again.groups == first.groups
    assert [c.id for c in again.claims] == ["jiangsu-location", "jiangsu-population", "jiangsu-gdp-2016",
                                            "pact-signing"]  # fmt: skip
    stored = cache.load_cached(ledger)
    assert list(stored.claims) == load_ledger(ledger).claims  # decoded from the cache alone


def test_cache_misses_when_a_ledger_file_changes(ledger, monkeypatch):
    cache.load_index(load_ledger(ledger))
    claims = ledger / "claims" / "jiangsu.yaml"
    claims.write_text(claims.read_text().replace("about 80 million", "about 81 million"))
    built = []
    real = cache.build_index
    monkeypatch.setattr(cache, "build_index", lambda c: built.append(len(c)) or real(c))
    index = cache.load_index(load_ledger(ledger))
    assert built == [4]
    assert index.claims[1].statement == "Jiangsu has about 81 million people."
    assert len(list((ledger / ".verifier-cache").glob("index-*.npz"))) == 1  # the stale one is gone


def test_cache_dir_from_environment_and_corrupt_file_is_a_miss(ledger, tmp_path, monkeypatch):
    monkeypatch.setenv("VERIFIER_CACHE_DIR", str(tmp_path / "c"))
    led = load_ledger(ledger)
    cache.load_index(led)
    (path,) = (tmp_path / "c").glob("*/index-*.npz")
    path.write_bytes(b"not an npz")
    assert cache.load_cached(ledger) is None
    assert cache.load_index(led).by_subject["jiangsu"] == [0, 1, 2]


# ---------------------------------------------------------------- the matcher


def test_clean_query_keeps_author_and_date_as_words():
    tweet = "Look @bob #wow https://t.co/x pic.twitter.com/abc — Ann Lee (@annlee) May 1, 2020"
    assert clean_query(tweet) == "Look bob wow. Ann Lee May 1, 2020"


def test_terms_strip_suffixes_and_stopwords():
    assert terms("The prisoners were released, releasing them") == ["prisoner", "releas", "releas"]


def test_rank_without_subject_blends_bm25_and_fuzzy(ledger):
    index = build_index(load_ledger(ledger).claims)
    ranked = rank(parse("Beijing signing of a climate pact", index), index, top_k=5)
    assert [(index.claims[c.index].id, round(c.score, 2)) for c in ranked] == [("pact-signing", 100.0)]


# ---------------------------------------------------------------- the scorer


def _run_and_gold():
    run = {"q1": {"3": 0.5, "10": 0.5, "7": 0.2}, "q2": {"9807": 1.0, "5": 0.5}, "q3": {"1": 0.9}}
    gold = read_qrels(["q1 0 3 1", "q2\t0\t9807\t1", "q2\t0\t9807\t1", "q4 0 8 1", "q5 0 8 1", "q5 0 9 0"])
    return run, gold


def test_scorer_ties_duplicates_and_missing_gold():
    run, gold = _run_and_gold()
    assert gold["q2"] == Counter({"9807": 2}) and gold["q5"] == Counter({"8": 1})
    got = scores(run, gold, ks=(1, 3))
    # q1: the tie goes to the larger docid 10 (numerically), so 3 is second; q2: 9807 counts twice
    assert got == pytest.approx({"MAP@1": 1.5 / 3, "MAP@3": 2.0 / 3, "P@1": 1 / 4, "P@3": 1 / 4})
    assert scores(run, gold, ks=(3,), p_over="run")["P@3"] == pytest.approx(1 / 3)


def test_scorer_string_ids_tie_to_the_larger_string():
    gold = read_qrels(["q 0 b-10 1"])
    assert scores({"q": {"b-10": 1.0, "b-9": 1.0}}, gold, ks=(1,))["MAP@1"] == 0.0


def test_run_lines_are_the_official_six_columns():
    assert run_lines({"1": {"3": 0.5, "10": 0.5}}, "t") == ["1\tQ0\t10\t1\t0.500000\tt", "1\tQ0\t3\t1\t0.500000\tt"]
    assert run_lines({"1": {"a": 1e-7, "b": 2.0}}, "t", rank_one=False) == [
        "1\tQ0\tb\t1\t2.000000\tt",
        "1\tQ0\ta\t2\t0.000000\tt",
    ]
    with pytest.raises(ValueError, match="score nan cannot be written"):
        format_score(float("nan"))


def test_checkthat_claims_load_as_a_ledger_with_true_spans():
    spec = importlib.util.spec_from_file_location("checkthat", BENCH)
    checkthat = importlib.util.module_from_spec(spec)
    sys.modules["checkthat"] = checkthat  # its dataclasses look their module up by name
    spec.loader.exec_module(checkthat)
    ledger = checkthat.as_ledger([("0", "A “law” passed.", "Did a law pass?"), ("1", "Cats fly.", "Flying cats")])
    text = ledger.source_text(checkthat.SOURCE_ID)
    assert [text[c.source.start : c.source.end] for c in ledger.claims] == ["A “law” passed.", "Cats fly."]
    assert [c.source.prefix for c in ledger.claims] == ["Did a law pass?\n", "Flying cats\n"]


# ---------------------------------------------------------------- the index


def test_groups_keep_claim_order_and_first_seen_group_order(ledger):
    index = build_index(load_ledger(ledger).claims)
    assert list(index.groups.items()) == [
        (("jiangsu", "location"), [0]),
        (("jiangsu", "population"), [1]),
        (("jiangsu", "gdp"), [2]),
        (("california jiangsu climate pact", "signing_date"), [3]),
    ]
    assert index.groups.get(("jiangsu", "area")) is None and ("jiangsu", "gdp") in index.groups


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="aAé'’s\n\r –-.,0123456789 ﬁＦ<>_", max_size=30), max_size=8))
def test_terms_many_is_terms_of_each_text(texts):
    assert list(terms_many(texts, batch=3)) == [terms(t) for t in texts]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 5000), st.integers(1, 150), st.sampled_from([2, 5, 1000, 0]))
def test_bm25_top_is_the_highest_scores_then_the_first_claims(seed, n, top, levels):
    """The top scores, found through block maxima, are those a full sort finds: ties (claims of the
    same words) in claim order, zeros never, fewer than `top` when fewer are positive."""
    rng = np.random.default_rng(seed)
    scores = np.zeros(n, dtype=np.float32)
    hit = rng.random(n) < rng.random()
    drawn = rng.integers(1, levels + 1, n) if levels else rng.random(n)
    scores[hit] = np.asarray(drawn, dtype=np.float32)[hit]
    expected = sorted(np.flatnonzero(scores > 0).tolist(), key=lambda i: (-scores[i], i))[:top]
    assert top_positions(scores, top).tolist() == expected


@pytest.mark.parametrize("entries", [
    ["jiangsu\x01jiangsu", "jiangsu\x01jiangsu province", "east china\x01east china", "ca\x01california"],
    ["jiangsu\x01jiangsu", "east china\x01east china", "jiangsu\x01jiangsu province"],  # one word's apart
])
def test_stored_names_read_when_asked_are_the_names_read_at_once(entries):
    eager: dict = {}
    for entry in entries:
        key, _, joined = entry.partition("\x01")
        eager.setdefault(joined.split(" ")[0], []).append((tuple(joined.split(" ")), key))
    lazy = NameLists("\0".join(entries), len(entries))
    assert lazy.get("jiangsu") == eager["jiangsu"] and lazy.get("shanghai") is None
    assert list(lazy.items()) == list(eager.items()) and "east" in lazy and len(lazy) == len(eager)
    with pytest.raises(ValueError, match="does not have its length"):
        NameLists("\0".join(entries), len(entries) + 1)


def test_fingerprint_equals_the_ledgers_and_skips_unchanged_old_files(ledger):
    old = 1_600_000_000_000_000_000
    for path in [*ledger.glob("claims/*.yaml"), *ledger.glob("sources/*")]:
        os.utime(path, ns=(old, old))
    assert cache.fingerprint(ledger) == load_ledger(ledger).fingerprint()
    manifest = ledger / ".verifier-cache" / "hashes.json"
    record = json.loads(manifest.read_text())
    recorded = record["files"]
    assert sorted(recorded) == ["claims/jiangsu.yaml", "claims/pact.yaml", "sources/alpha.txt",
                                "sources/alpha.yaml", "sources/beta.txt", "sources/beta.yaml"]  # fmt: skip
    # an entry whose size and mtime match is trusted, not re-read, when this user's key sealed it
    recorded["claims/pact.yaml"][2] = "00" * 32
    from verifier.matching import seal

    sealed = {"files": recorded, "mac": seal.seal(seal.user_key(), json.dumps(recorded, sort_keys=True).encode())}
    manifest.write_text(json.dumps(sealed))
    assert cache.fingerprint(ledger) != load_ledger(ledger).fingerprint()
    # the same record with its old seal (written by someone without the key) is ignored: all re-hashed
    manifest.write_text(json.dumps({**sealed, "mac": record["mac"]}))
    assert cache.fingerprint(ledger) == load_ledger(ledger).fingerprint()
    manifest.write_text(json.dumps(sealed))
    assert cache.fingerprint(ledger) != load_ledger(ledger).fingerprint()
    # a changed file (new mtime) is hashed again, and a fresh one is not recorded yet
    pact = ledger / "claims" / "pact.yaml"
    pact.write_text(pact.read_text() + "\n")
    assert cache.fingerprint(ledger) == load_ledger(ledger).fingerprint()
    assert "claims/pact.yaml" not in json.loads(manifest.read_text())


def test_match_with_a_warm_cache_does_not_parse_the_ledger(ledger, monkeypatch):
    first = run("match", "Jiangsu has 80 million people", "--top-k", "1", "--ledger", str(ledger))
    monkeypatch.setattr(cache, "load_ledger", lambda root: pytest.fail("parsed the ledger"))
    again = run("match", "Jiangsu has 80 million people", "--top-k", "1", "--ledger", str(ledger))
    assert again.output == first.output == (
        "1: Jiangsu has 80 million people\n"
        "   1  100.0  jiangsu-population  Jiangsu has about 80 million people.\n"
    )


def test_match_after_an_edit_reads_the_ledger_again(ledger):
    run("match", "x", "--ledger", str(ledger))
    claims = ledger / "claims" / "jiangsu.yaml"
    claims.write_text(claims.read_text().replace("statement: Jiangsu has about 80", "statement: [broken"))
    result = run("match", "x", "--ledger", str(ledger))
    assert result.exit_code == 2 and result.output.startswith("error: claims/jiangsu.yaml:")


# ---------------------------------------------------------------- claim words made at build time

REPO = Path(__file__).resolve().parent.parent
TRICKY = """X has 5 cities.|X grew 3.5% in 2019.|X had 10 to 20 million people.|X has 007 agents.
X won 1 in 5 votes.|X has 312 per 100,000 people.|X was founded on 14 January 2002, and grew.
X opened in May 2002.|X said 2,000 people came on March 3, 2010.|X reported $1.2 billion in revenue in 2020.
X covers 5 km.|X rose to 1900.|X had nearly 1999.|X has 10 million people (2019).|X has 2,5 items.
The 2020 budget was $5 billion.|X had 2019 visitors.|X had 32 January 1999.|X opened on 31 February 2001.
Type 2 cases rose in X.|X counts men some 100.|X was one of 3 firms.|X: 45 percent.|X had 500 thousand tonnes.
X grew 3. It fell.|X had -5 degrees.|X ranks #1.|X had 1990s growth.|X has half a million people.""".replace(
    "\n", "|"
).split("|")


@pytest.mark.parametrize("text", TRICKY)
def test_fast_mask_is_the_full_mask_or_unsure(text):
    from verifier.matching.claimwords import fast_masked
    from verifier.parsing.quantities import mask

    fast = fast_masked(text, ["X"])
    assert fast is None or fast == mask(text) or content_words(fast) == content_words(mask(text))


def test_fast_mask_masks_the_regular_forms():
    from verifier.matching.claimwords import fast_masked

    assert fast_masked("Tiskaka City opened on 14 January 2002.", ["Tiskaka City"]) == "Tiskaka City opened on <date>."
    assert fast_masked("Talkaka Festival had a budget of $310 million in 1978.", ["Talkaka"]) == (
        "Talkaka Festival had a budget of <num> in <date>."
    )
    assert fast_masked("X recorded 1801 cases.", ["X"]) is None  # a count or a year: the full parser decides
    assert fast_masked("Route 66 X grew 5%.", ["Route 66"]) is None  # a name with digits


def _assert_stored_words_are_the_full_ones(claims, min_fast: int) -> None:
    from verifier.matching.claimwords import claim_text_words

    index = build_index(claims)
    stored = [index._stored_words(i) for i in range(len(claims))]
    assert sum(w is not None for w in stored) >= min_fast
    for i, words_ in enumerate(stored):
        assert words_ is None or words_ == claim_text_words(claims[i]), claims[i].statement
    assert [index.claim_words[i] for i in range(len(claims))] == [claim_text_words(c) for c in claims]


def test_stored_claim_words_equal_the_full_mask_on_the_seed_ledger():
    claims = load_ledger(REPO).claims
    _assert_stored_words_are_the_full_ones(claims, min_fast=len(claims) // 2)


def test_stored_claim_words_equal_the_full_mask_on_the_generated_ledger(monkeypatch):
    import random

    import numpy as np

    monkeypatch.syspath_prepend(str(REPO / "bench"))
    from scale_data import generate

    data = generate(3000, 10, random.Random(5))
    claims = cache.StoredClaims(data.blob, np.asarray(data.offsets))
    _assert_stored_words_are_the_full_ones(claims, min_fast=2900)


def test_cached_index_keeps_the_stored_words(ledger):
    index = cache.index_for(ledger)
    again = cache.load_cached(ledger)
    assert again is not None and again.words_blob == index.words_blob
    assert [again.claim_words[i] for i in range(len(again.claims))] == [
        index.claim_words[i] for i in range(len(index.claims))
    ]


def test_fast_mask_is_unsure_of_other_digits_and_spaces():
    from verifier.matching.claimwords import fast_masked

    assert fast_masked("X has 1\u0662 people.", ["X"]) is None  # an Arabic-Indic digit
    assert fast_masked("X has 12\u00a0million people.", ["X"]) is None  # a no-break space
    assert fast_masked("X\u2019s budget was $5 billion in 2019.", ["X"]) == "X\u2019s budget was <num> in <date>."


def _plain_by_the_tables(text: str) -> str:
    """NFKC with quotes and dashes made plain, as text.py wrote it before ASCII text skipped NFKC."""
    import unicodedata

    plain = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2013": "-", "\u2014": "-",
                           "\u2212": "-"})  # fmt: skip
    return unicodedata.normalize("NFKC", text).translate(plain)


def _words_by_the_tables(text: str, possessive: str) -> tuple[str, ...]:
    import re

    return tuple(re.sub(r"[^\w<>]+", " ", re.sub(possessive, "", text).replace("'", "")).split())


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ09 `'’‘ʼ–—−-_.,ßİﬁé\u00a0\u2009ﾀ<>sS"), max_size=30)
       | st.text(max_size=30))
def test_fold_and_words_of_ascii_and_other_text_are_the_unicode_tables_answer(text):
    from verifier.common.text import _words, cased_words, fold

    assert fold(text) == _plain_by_the_tables(text).casefold()
    assert _words.__wrapped__(text) == _words_by_the_tables(fold(text), r"(?<=\w)'s\b")
    assert cased_words.__wrapped__(text) == _words_by_the_tables(_plain_by_the_tables(text), r"(?<=\w)'[sS]\b")
