"""export/import: ClaimReview JSON-LD, JSON Lines and CSV; round trips, idempotence and rejects."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.cli import main
from verifier.ledger.exchange import CSV_COLUMNS, export_claims, flatten, import_claims, unflatten
from verifier.ledger.load import load_ledger
from verifier.ledger.review import review_claim
from verifier.models import Claim, Entity

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def seed(tmp_path: Path) -> Path:
    """A copy of the repository's own ledger (87 claims)."""
    root = tmp_path / "seed"
    for part in ("claims", "sources"):
        shutil.copytree(REPO / part, root / part)
    return root


@pytest.fixture
def empty(tmp_path: Path) -> Path:
    """A ledger with the seed's sources and no claims."""
    root = tmp_path / "empty"
    shutil.copytree(REPO / "sources", root / "sources")
    (root / "claims").mkdir()
    return root


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_import_export_round_trips_the_ledger(seed: Path, empty: Path, tmp_path: Path, fmt: str):
    review_claim(seed, "abc17-jiangsu-location", "refuted", 'East China, "coastal"', "ann", "2024-05-01")
    first = tmp_path / f"first.{fmt}"
    assert run("export", "--ledger", str(seed), "--format", fmt, "-o", str(first)).exit_code == 0
    result = run("import", str(first), "--ledger", str(empty), "--format", fmt)
    assert (result.exit_code, result.stdout) == (
        0,
        "imported 87 claims into claims/imported.yaml (0 already present)\n",
    )
    again = run("export", "--ledger", str(empty), "--format", fmt)
    assert again.stdout == first.read_text(encoding="utf-8")
    assert load_ledger(empty).claims == load_ledger(seed).claims


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "claimreview"])
def test_importing_twice_adds_nothing(seed: Path, empty: Path, tmp_path: Path, fmt: str):
    review_claim(seed, "abc17-jiangsu-location", "refuted", "East China", "ann", "2024-05-01")
    exported = tmp_path / "out"
    exported.write_text(export_claims(load_ledger(seed), fmt), encoding="utf-8")
    assert run("import", str(exported), "--ledger", str(empty), "--format", fmt).exit_code == 0
    written = (empty / "claims" / "imported.yaml").read_text(encoding="utf-8")
    result = run("import", str(exported), "--ledger", str(empty), "--format", fmt)
    count = 1 if fmt == "claimreview" else 87
    assert (result.exit_code, result.stdout) == (
        0,
        f"imported 0 claims into claims/imported.yaml ({count} already present)\n",
    )
    assert (empty / "claims" / "imported.yaml").read_text(encoding="utf-8") == written


def test_jsonl_is_one_claim_record_per_line(seed: Path):
    lines = export_claims(load_ledger(seed), "jsonl").splitlines()
    assert len(lines) == 87
    first = json.loads(lines[0])
    assert Claim.model_validate(first) == load_ledger(seed).claims[0]
    assert "as_of" not in first  # absent fields stay absent, not null


def test_csv_row_flattens_subject_value_and_source(seed: Path):
    claim = load_ledger(seed).claim("abc17-jiangsu-location")
    row = flatten(claim)
    assert list(row) == list(CSV_COLUMNS)
    assert row == {
        "id": "abc17-jiangsu-location",
        "statement": "Jiangsu Province is in southwest China.",
        "subject_name": "Jiangsu",
        "subject_aliases": '["Jiangsu Province", "Jiangsu province"]',
        "subject_type": "place",
        "property": "location",
        "value": '{"kind": "place", "name": "southwest China", '
        '"aliases": ["Southwest China", "south-west China"]}',
        "as_of": "",
        "period_start": "",
        "period_end": "",
        "source_id": "abc-2017-06-jiangsu-pact",
        "source_start": "765",
        "source_end": "801",
        "source_quote": "Jiangsu Province, in southwest China",
        "source_prefix": "o take questions from reporters.",
        "source_suffix": ", has a GDP of more than $1 tril",
        "tags": '["geography", "jiangsu", "china"]',
        "status": "verified",
        "review_note": "",
        "review_by": "",
        "review_date": "",
        "attribution": "",
        "entities": "[]",
    }
    assert Claim.model_validate(unflatten(row)) == claim


def test_csv_keeps_an_extracted_claims_attribution_and_entities(seed: Path):
    claim = load_ledger(seed).claims[0].model_copy(update={
        "attribution": "State Statistics Office",
        "entities": [Entity(name="Ohio", role="subject", type="place"),
                     Entity(name="State Statistics Office", role="attribution", type="organization")]})
    row = flatten(claim)
    assert (row["attribution"], json.loads(row["entities"])[1]["role"]) == ("State Statistics Office", "attribution")
    assert Claim.model_validate(unflatten(row)) == claim


def test_claimreview_exports_only_dated_reviews(seed: Path):
    # The seed ledger's reviews are undated notes of its author, not decisions.
    assert export_claims(load_ledger(seed), "claimreview") == "[]\n"


def test_claimreview_json_ld_of_a_refuted_claim(seed: Path, tmp_path: Path):
    review_claim(
        seed, "abc17-jiangsu-location", "refuted", "Jiangsu is in East China.", "Ann Lee", "2024-05-01"
    )
    out = tmp_path / "reviews.jsonld"
    result = run("export", "--ledger", str(seed), "--format", "claimreview", "-o", str(out))
    assert (result.exit_code, result.stdout) == (0, "")
    (review,) = json.loads(out.read_text(encoding="utf-8"))
    embedded = review.pop("verifier:claim")
    title = load_ledger(seed).sources["abc-2017-06-jiangsu-pact"].title
    assert review == {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "identifier": "abc17-jiangsu-location",
        "claimReviewed": "Jiangsu Province is in southwest China.",
        "reviewRating": {
            "@type": "Rating",
            "alternateName": "False",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
        },
        "reviewBody": "Jiangsu is in East China.",
        "itemReviewed": {
            "@type": "Claim",
            "appearance": [{"@type": "CreativeWork", "headline": title, "datePublished": "2017-06"}],
            "author": {"@type": "Organization", "name": "ABC News"},
            "datePublished": "2017-06",
        },
        "author": {"@type": "Person", "name": "Ann Lee"},
        "datePublished": "2024-05-01",
    }
    assert Claim.model_validate(embedded) == load_ledger(seed).claim("abc17-jiangsu-location")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reviews.jsonld", "seed"]  # no temp file left


def test_claimreview_ratings_for_each_status(seed: Path):
    for claim_id, status in [("ref-jiangsu-capital", "verified"), ("ref-jiangsu-location", "disputed"),
                             ("abc17-jiangsu-gdp", "retracted")]:  # fmt: skip
        review_claim(seed, claim_id, status, "n", None, "2024-01-01")
    ratings = {
        r["identifier"]: r["reviewRating"]
        for r in json.loads(export_claims(load_ledger(seed), "claimreview"))
    }
    assert ratings == {
        "abc17-jiangsu-gdp": {"@type": "Rating", "alternateName": "Retracted"},
        "ref-jiangsu-location": {
            "@type": "Rating", "alternateName": "Mixed", "ratingValue": 3, "bestRating": 5, "worstRating": 1
        },
        "ref-jiangsu-capital": {
            "@type": "Rating", "alternateName": "True", "ratingValue": 5, "bestRating": 5, "worstRating": 1
        },
    }  # fmt: skip


def _jsonl(claim: Claim, **change) -> str:
    return json.dumps({**claim.model_dump(mode="json", exclude_none=True), **change}, ensure_ascii=False)


def test_jsonl_rejects_are_reported_by_line_and_the_rest_imported(seed: Path, empty: Path, tmp_path: Path):
    claims = load_ledger(seed).claims
    bad_span = {**claims[2].source.model_dump(exclude_none=True), "start": 0}
    lines = [
        _jsonl(claims[0]),
        "",
        "{not json",
        _jsonl(claims[1], value={"kind": "quantity", "amount": "many"}),
        _jsonl(claims[2], source=bad_span),
        _jsonl(claims[3], source={**claims[3].source.model_dump(exclude_none=True), "id": "nowhere"}),
        _jsonl(claims[0], statement="Changed."),
        json.dumps({k: v for k, v in json.loads(_jsonl(claims[4])).items() if k != "property"}),
        "[1, 2]",
    ]
    data = tmp_path / "in.jsonl"
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("import", str(data), "--ledger", str(empty), "--format", "jsonl")
    found = load_ledger(seed).source_text(claims[2].source.id)[0 : claims[2].source.end]
    assert result.exit_code == 1
    assert result.stderr == (
        f"{data}:3: invalid JSON: Expecting property name enclosed in double quotes (column 2)\n"
        f"{data}:4: $.value.amount: Input should be a valid number, unable to parse string as a number\n"
        f"{data}:5: the quote is not at 0-{claims[2].source.end} of source '{claims[2].source.id}' "
        f"(that span reads {found!r})\n"
        f"{data}:6: unknown source 'nowhere' (add sources/nowhere.yaml and its text first)\n"
        f"{data}:7: claim '{claims[0].id}' already exists with different content\n"
        f"{data}:8: $.property: Field required\n"
        f"{data}:9: $: Input should be a valid dictionary or instance of Claim\n"
    )
    assert result.stdout == "imported 1 claim into claims/imported.yaml (0 already present, 7 rejected)\n"
    assert load_ledger(empty).claims == [claims[0]]


def test_csv_rejects_name_the_line_a_row_starts_on(seed: Path, empty: Path, tmp_path: Path):
    # Claims without line breaks in any cell, so that each row below is one line unless made two.
    plain = [c for c in load_ledger(seed).claims if "\n" not in "".join(flatten(c).values())]
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerow(flatten(plain[0].model_copy(update={"statement": "Two\nlines."})))  # lines 2-3
    writer.writerow({**flatten(plain[1]), "value": "{oops"})  # line 4
    writer.writerow({**flatten(plain[2]), "source_start": "x"})  # line 5
    writer.writerow(flatten(plain[3]))  # line 6
    data = tmp_path / "in.csv"
    data.write_text(buf.getvalue() + "a,b\n", encoding="utf-8")  # line 7: too few cells
    result = run("import", str(data), "--ledger", str(empty), "--format", "csv")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{data}:4: column value: invalid JSON: Expecting property name enclosed in double quotes "
        "(column 2)\n"
        f"{data}:5: column source_start: Input should be a valid integer, unable to parse string as an "
        "integer\n"
        f"{data}:7: expected 23 cells\n"
    )
    assert result.stdout == "imported 2 claims into claims/imported.yaml (0 already present, 3 rejected)\n"
    assert [c.statement for c in load_ledger(empty).claims] == ["Two\nlines.", plain[3].statement]


def test_csv_with_wrong_columns_is_rejected_at_line_1(empty: Path, tmp_path: Path):
    data = tmp_path / "in.csv"
    data.write_text("id,statement,colour\nx,y,z\n", encoding="utf-8")
    result = import_claims(empty, data, "csv", shown="in.csv")
    assert [str(r) for r in result.rejects] == [
        "in.csv:1: missing columns: " + ", ".join(c for c in CSV_COLUMNS if c not in ("id", "statement"))
        + "; unknown columns: colour"
    ]  # fmt: skip
    assert result.added == []


def test_claimreview_import_needs_the_embedded_claim(seed: Path, empty: Path, tmp_path: Path):
    review_claim(seed, "abc17-jiangsu-location", "refuted", "East China", "ann", "2024-05-01")
    (ours,) = json.loads(export_claims(load_ledger(seed), "claimreview"))
    foreign = {k: v for k, v in ours.items() if k != "verifier:claim"}
    edited = {**ours, "claimReviewed": "Jiangsu is in the south-west."}
    broken = {**ours, "verifier:claim": {**ours["verifier:claim"], "value": {"kind": "place"}}}
    data = tmp_path / "in.jsonld"
    data.write_text(json.dumps({"@graph": [foreign, ours, edited, {"@type": "Thing"}, broken]}), encoding="utf-8")
    result = run("import", str(data), "--ledger", str(empty), "--format", "claimreview")
    assert result.exit_code == 1
    assert result.stderr == (
        f"{data}: $['@graph'][0]: no source span: a ClaimReview is imported only with its "
        '"verifier:claim" record (as `verifier export --format claimreview` writes it); '
        "add a source and a claim for it by hand\n"
        f"{data}: $['@graph'][2].claimReviewed: 'Jiangsu is in the south-west.' "
        "does not match the claim's 'Jiangsu Province is in southwest China.'\n"
        f"{data}: $['@graph'][3]: not a ClaimReview object\n"
        f"{data}: $['@graph'][4]['verifier:claim'].value.name: Field required\n"
    )
    assert load_ledger(empty).claims == [load_ledger(seed).claim("abc17-jiangsu-location")]


def test_import_into_must_be_a_claims_file(empty: Path, tmp_path: Path):
    data = tmp_path / "in.jsonl"
    data.write_text("", encoding="utf-8")
    result = run("import", str(data), "--ledger", str(empty), "--format", "jsonl", "--into", "sources/x.yaml")
    assert (result.exit_code, result.stderr) == (
        2,
        "error: --into must name a .yaml file directly under claims/, not 'sources/x.yaml'\n",
    )


def test_import_appends_to_an_existing_file_keeping_its_comments(seed: Path, empty: Path, tmp_path: Path):
    claims = load_ledger(seed).claims
    target = empty / "claims" / "mine.yaml"
    data = tmp_path / "in.jsonl"
    data.write_text(_jsonl(claims[0]) + "\n", encoding="utf-8")
    import_claims(empty, data, "jsonl", into="claims/mine.yaml")
    target.write_text("# mine\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    data.write_text(_jsonl(claims[1]) + "\n", encoding="utf-8")
    result = import_claims(empty, data, "jsonl", into="claims/mine.yaml")
    assert (result.into, [c.id for c in result.added]) == ("claims/mine.yaml", [claims[1].id])
    assert target.read_text(encoding="utf-8").startswith("# mine\n")
    assert load_ledger(empty).claims == claims[:2]
