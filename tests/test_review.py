"""`verifier review`: the decision lands in the claim's YAML file, and nothing else there changes."""

from __future__ import annotations

import datetime as dt
import shutil
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.checking.pipeline import Checker
from verifier.cli import main
from verifier.errors import DataError, UsageError
from verifier.ledger.load import load_ledger
from verifier.ledger.review import is_reviewed, lock_path, review_claim

REPO = Path(__file__).resolve().parent.parent
ABC = "claims/abc-2017-06-jiangsu-pact.yaml"


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """A copy of the repository's own ledger (87 claims)."""
    for part in ("claims", "sources"):
        shutil.copytree(REPO / part, tmp_path / part)
    return tmp_path


def _after_claim(text: str, claim_id: str, old: str, new: str) -> str:
    """`text` with the first `old` after the claim's id line replaced by `new`."""
    at = text.index(f"  - id: {claim_id}\n")
    pos = text.index(old, at)
    return text[:pos] + new + text[pos + len(old) :]


def test_review_sets_status_and_review_and_nothing_else(seed: Path):
    before = (seed / ABC).read_text(encoding="utf-8")
    claim = review_claim(
        seed, "abc17-jiangsu-location", "refuted", "Jiangsu is in East China.", "ann", "2024-05-01"
    )
    assert claim.status == "refuted"
    assert claim.review.model_dump() == {
        "note": "Jiangsu is in East China.",
        "by": "ann",
        "date": "2024-05-01",
    }
    block = (
        "    status: refuted\n"
        "    review:\n"
        '      note: "Jiangsu is in East China."\n'
        '      by: "ann"\n'
        '      date: "2024-05-01"\n'
    )
    expected = _after_claim(before, "abc17-jiangsu-location", "    status: verified\n", block)
    assert (seed / ABC).read_text(encoding="utf-8") == expected
    assert load_ledger(seed).claim("abc17-jiangsu-location") == claim


def test_review_of_last_claim_in_a_section_keeps_the_section_comment_after_it(seed: Path):
    before = (seed / ABC).read_text(encoding="utf-8")
    review_claim(seed, "abc17-perry-role", "disputed", "n", None, "2024-01-02")
    block = (
        '    status: disputed\n    review:\n      note: "n"\n      date: "2024-01-02"\n\n  # --- Jiangsu\n'
    )
    expected = _after_claim(before, "abc17-perry-role", "    status: verified\n\n  # --- Jiangsu\n", block)
    assert (seed / ABC).read_text(encoding="utf-8") == expected


def test_a_one_line_review_is_replaced_on_one_line(seed: Path):
    before = (seed / ABC).read_text(encoding="utf-8")
    review_claim(seed, "abc17-pact-signing-date", "verified", "Checked: June 2017.", "bo", "2024-03-04")
    old = "    status: verified\n    review: {note: \"'on Tuesday' resolved"
    at = before.index(old)
    old = before[at : before.index("\n", at + len("    status: verified\n")) + 1]
    new = '    status: verified\n    review: {note: "Checked: June 2017.", by: "bo", date: "2024-03-04"}\n'
    assert (seed / ABC).read_text(encoding="utf-8") == before.replace(old, new)


def test_date_defaults_to_today(seed: Path):
    claim = review_claim(seed, "ref-jiangsu-capital", "verified", "Nanjing.")
    assert claim.review.date == dt.date.today().isoformat()
    assert claim.review.by is None
    assert is_reviewed(claim)


def test_unknown_claim_and_bad_status_are_usage_errors(seed: Path):
    with pytest.raises(UsageError, match="^no claim with id 'nope'$"):
        review_claim(seed, "nope", "refuted", "x")
    with pytest.raises(
        UsageError, match="^status must be one of verified, disputed, refuted, retracted, not 'proposed'$"
    ):
        review_claim(seed, "ref-jiangsu-capital", "proposed", "x")


def test_an_invalid_date_writes_nothing(seed: Path):
    before = (seed / ABC).read_text(encoding="utf-8")
    with pytest.raises(DataError) as info:
        review_claim(seed, "abc17-jiangsu-location", "refuted", "x", None, "2024-02-30")
    assert str(info.value) == (
        f"{ABC}: claim 'abc17-jiangsu-location' would be invalid: review.date: "
        "'2024-02-30' is not a real date: day is out of range for month"
    )
    assert (seed / ABC).read_text(encoding="utf-8") == before


def test_concurrent_reviews_of_one_file_lose_nothing(seed: Path):
    ledger = load_ledger(seed)
    ids = [c.id for c in ledger.claims if ledger.claim_files[c.id].name == "abc-2017-06-jiangsu-pact.yaml"][
        :8
    ]
    start = threading.Barrier(len(ids))
    errors: list[BaseException] = []

    def work(claim_id: str) -> None:
        start.wait()
        try:
            review_claim(seed, claim_id, "disputed", f"note for {claim_id}", "t", "2024-06-01")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    after = load_ledger(seed)
    for claim_id in ids:
        claim = after.claim(claim_id)
        assert (claim.status, claim.review.note) == ("disputed", f"note for {claim_id}")


def test_no_lock_or_temp_file_is_left_in_the_ledger(seed: Path):
    before = sorted(p.relative_to(seed) for p in seed.rglob("*"))
    review_claim(seed, "ref-jiangsu-capital", "verified", "ok", None, "2024-01-01")
    assert sorted(p.relative_to(seed) for p in seed.rglob("*")) == before
    # the lock is beside the file while held (not a predictable name in the shared /tmp), then removed
    assert lock_path(seed / "claims" / "x.yaml") == seed / "claims" / ".x.yaml.lock"


def test_cli_review(seed: Path):
    result = CliRunner().invoke(
        main,
        ["review", "--ledger", str(seed), "abc17-jiangsu-location", "--status", "refuted",
         "--note", "East China", "--by", "ann", "--date", "2024-05-01"],
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (0, f"abc17-jiangsu-location: refuted ({ABC}:101)\n")


def test_cli_review_unknown_claim_exits_2(seed: Path):
    before = (seed / ABC).read_text(encoding="utf-8")
    result = CliRunner().invoke(
        main, ["review", "--ledger", str(seed), "nope", "--status", "refuted", "--note", "x"]
    )
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "error: no claim with id 'nope'\n")
    assert (seed / ABC).read_text(encoding="utf-8") == before


def test_cli_review_rejects_proposed(seed: Path):
    result = CliRunner().invoke(
        main, ["review", "--ledger", str(seed), "ref-jiangsu-capital", "--status", "proposed", "--note", "x"]
    )
    assert result.exit_code == 2
    assert "'proposed' is not one of 'verified', 'disputed', 'refuted', 'retracted'" in result.stderr


def _verdicts(seed: Path, text: str) -> list[tuple[str, str]]:
    findings = Checker.for_ledger(load_ledger(seed)).check_text(text, "draft.md")
    return [(f.verdict, f.reason) for f in findings]


def test_check_before_review_calls_jiangsu_location_contested(seed: Path):
    assert [v for v, _ in _verdicts(seed, "Jiangsu lies in southwest China.")] == ["contested"]
    assert [v for v, _ in _verdicts(seed, "Jiangsu is in East China.")] == ["contested"]


def test_review_as_refuted_settles_check_verdicts(seed: Path):
    # The reference's publisher line is the ledger's business; the test reads it from there.
    REF = f'"a coastal province in East China", {load_ledger(seed).sources["ref-jiangsu-facts"].publisher}'
    review_claim(seed, "abc17-jiangsu-location", "refuted", "Jiangsu is in East China.", "ann", "2024-05-01")
    assert _verdicts(seed, "Jiangsu lies in southwest China.") == [
        (
            "inconsistent",
            f"states southwest China; the source says East China ({REF}); "
            "it agrees only with refuted claim abc17-jiangsu-location",
        )
    ]
    assert _verdicts(seed, "Jiangsu is in East China.") == [
        (
            "consistent",
            f"states East China; the source says East China ({REF}); "
            "refuted claim abc17-jiangsu-location said southwest China",
        )
    ]
