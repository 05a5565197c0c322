"""Loading a ledger: records in order, exact texts, and the first hard error with file, line and JSON path."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import edit
from pydantic import ValidationError

from verifier.common.yamlio import dump_yaml_atomic, guess_layout, line_of, load_yaml, to_plain, write_atomic
from verifier.errors import DataError, UsageError, error_keys, json_path
from verifier.ledger.load import load_ledger
from verifier.models import ClaimsFile


def load_error(root: Path) -> str:
    with pytest.raises(DataError) as info:
        load_ledger(root)
    return str(info.value)


def test_loads_claims_in_file_order_with_their_files_and_lines(tiny_ledger):
    root = tiny_ledger()
    ledger = load_ledger(root)
    assert [c.id for c in ledger.claims] == [
        "jiangsu-location",
        "jiangsu-population",
        "jiangsu-gdp-2016",
        "pact-signing",
    ]
    assert ledger.claim_files["pact-signing"] == root / "claims" / "pact.yaml"
    assert ledger.claim_lines == {
        "jiangsu-location": 3,
        "jiangsu-population": 18,
        "jiangsu-gdp-2016": 30,
        "pact-signing": 2,
    }
    assert sorted(ledger.sources) == ["alpha", "beta"]
    assert ledger.claim("jiangsu-population").value.amount == 80


def test_source_text_is_the_exact_text_and_spans_index_it(tiny_ledger):
    ledger = load_ledger(tiny_ledger())
    span = ledger.claim("jiangsu-gdp-2016").source
    assert ledger.source_text("alpha")[span.start : span.end] == "7.6 trillion yuan"


def test_source_text_keeps_crlf_so_offsets_stay_code_points(tiny_ledger):
    root = tiny_ledger()
    (root / "sources" / "beta.txt").write_bytes(b"line one\r\nline two\r\n")
    assert load_ledger(root).source_text("beta") == "line one\r\nline two\r\n"


def test_unknown_claim_id_is_a_usage_error(tiny_ledger):
    with pytest.raises(UsageError, match="^no claim with id 'nope'$"):
        load_ledger(tiny_ledger()).claim("nope")


def test_fingerprint_changes_with_any_ledger_file_and_only_then(tiny_ledger):
    root = tiny_ledger()
    first = load_ledger(root).fingerprint()
    assert load_ledger(root).fingerprint() == first
    (root / "sources" / "beta.txt").write_text("changed\n", encoding="utf-8")
    assert load_ledger(root).fingerprint() != first


def test_no_claims_folder_is_not_a_ledger(tmp_path):
    assert load_error(tmp_path) == (
        f"{tmp_path}: not a ledger: no claims/ folder (run `verifier init`, or pass --ledger)"
    )


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        (
            "claims/jiangsu.yaml",
            "    property: population\n",
            "    property: [population\n",
            "claims/jiangsu.yaml:22: malformed YAML: expected ',' or ']', but got ':'",
        ),
        (
            "claims/jiangsu.yaml",
            "amount: 80,",
            "amount: eighty,",
            "claims/jiangsu.yaml:22: $.claims[1].value.amount: 'eighty' is not of type 'number'",
        ),
        (
            "claims/jiangsu.yaml",
            "    status: disputed\n",
            "    status: disputed\n    colour: red\n",
            "claims/jiangsu.yaml:39: $.claims[2]: "
            "Additional properties are not allowed ('colour' was unexpected)",
        ),
        (
            "claims/jiangsu.yaml",
            "{kind: place, name: East China}",
            "{name: East China}",
            "claims/jiangsu.yaml:7: $.claims[0].value: 'kind' is a required property "
            "(one of 'date', 'organization', 'person', 'place', 'quantity', 'rank', 'text')",
        ),
        (
            "claims/jiangsu.yaml",
            "{kind: place, name: East China}",
            "{kind: spot, name: East China}",
            "claims/jiangsu.yaml:7: $.claims[0].value.kind: 'spot' is not a known kind "
            "(one of 'date', 'organization', 'person', 'place', 'quantity', 'rank', 'text')",
        ),
        (
            "claims/pact.yaml",
            '"2017-06-06"',
            '"2017-02-30"',
            "claims/pact.yaml:6: $.claims[0].value.date: "
            "'2017-02-30' is not a real date: day is out of range for month",
        ),
        (
            "claims/pact.yaml",
            "id: pact-signing",
            "id: jiangsu-gdp-2016",
            "claims/pact.yaml:2: $.claims[0].id: "
            "duplicate claim id 'jiangsu-gdp-2016' (first in claims/jiangsu.yaml:30)",
        ),
        (
            "claims/pact.yaml",
            "id: beta",
            "id: gamma",
            "claims/pact.yaml:8: $.claims[0].source.id: unknown source 'gamma'",
        ),
        (
            "sources/beta.yaml",
            "path: sources/beta.txt",
            "path: sources/gone.txt",
            "sources/beta.yaml:8: $.path: source text sources/gone.txt is missing",
        ),
        (
            "sources/beta.yaml",
            "kind: news",
            "kind: rumour",
            "sources/beta.yaml:6: $.kind: "
            "'rumour' is not one of ['news', 'press-release', 'report', 'reference', 'dataset']",
        ),
    ],
    ids=[
        "malformed-yaml",
        "wrong-type",
        "unknown-field",
        "missing-kind",
        "unknown-kind",
        "unreal-date",
        "duplicate-id",
        "unknown-source",
        "missing-text",
        "bad-enum",
    ],
)
def test_first_hard_error_names_file_line_and_json_path(tiny_ledger, file, old, new, message):
    root = tiny_ledger()
    edit(root / file, old, new)
    assert load_error(root) == message


def test_non_utf8_file_names_the_offset_of_the_bad_byte(tiny_ledger):
    root = tiny_ledger()
    (root / "claims" / "pact.yaml").write_bytes(b"claims: []\n# caf\xe9\n")
    assert load_error(root) == "claims/pact.yaml: not UTF-8 text (invalid byte at offset 16)"


def test_unquoted_yaml_date_is_read_as_its_iso_text(tiny_ledger):
    root = tiny_ledger()
    edit(root / "claims" / "pact.yaml", '"2017-06-06"', "2017-06-06")
    assert load_ledger(root).claim("pact-signing").value.date == "2017-06-06"


# ---------------------------------------------------------------- yamlio


def test_line_of_points_at_keys_items_and_the_deepest_existing_node(tiny_ledger):
    data, _ = load_yaml(tiny_ledger() / "claims" / "jiangsu.yaml")
    assert line_of(data, ["claims", 1]) == 18
    assert line_of(data, ["claims", 1, "source", "quote"]) == 28
    assert line_of(data, ["claims", 0, "tags", 1]) == 15
    assert line_of(data, ["claims", 1, "review", "note"]) == 18
    assert line_of(data, []) == 1


def test_round_trip_write_keeps_comments_layout_and_quotes(tiny_ledger):
    path = tiny_ledger() / "claims" / "jiangsu.yaml"
    before = path.read_text(encoding="utf-8")
    data, _ = load_yaml(path)
    dump_yaml_atomic(path, data)
    assert path.read_text(encoding="utf-8") == before
    data["claims"][1]["source"]["start"] = 82
    dump_yaml_atomic(path, data)
    assert path.read_text(encoding="utf-8") == before.replace("start: 81", "start: 82")
    # The temp file was renamed into place, not left behind.
    assert sorted(p.name for p in path.parent.iterdir()) == ["jiangsu.yaml", "pact.yaml"]


def test_layout_is_guessed_from_the_file():
    assert guess_layout("claims:\n- id: a\n  tags:\n  - x\n") == (2, 2, 0)
    assert guess_layout("claims:\n  - id: a\n    tags:\n      - x\n") == (2, 4, 2)


def test_json_path_of_a_location():
    assert json_path(("claims", 3, "value", "amount")) == "$.claims[3].value.amount"
    assert json_path(["value"], base="$[2]['verifier:claim']") == "$[2]['verifier:claim'].value"
    assert json_path(()) == "$"


def pydantic_error(data: dict) -> dict:
    with pytest.raises(ValidationError) as info:
        ClaimsFile.model_validate(data)
    return info.value.errors()[0]


def test_error_keys_skip_union_tags_and_name_a_missing_field(tiny_ledger):
    plain = to_plain(load_yaml(tiny_ledger() / "claims" / "jiangsu.yaml")[0])
    plain["claims"][1]["value"] = {"kind": "quantity", "amount": "eighty"}
    err = pydantic_error(plain)
    assert "quantity" in err["loc"]  # pydantic's tag of the union branch, not a key of the data
    assert error_keys(err, plain) == ["claims", 1, "value", "amount"]
    del plain["claims"][1]["value"]
    assert error_keys(pydantic_error(plain), plain) == ["claims", 1, "value"]


def test_write_atomic_writes_bytes_and_text_exactly_and_keeps_the_mode(tmp_path: Path):
    path = tmp_path / "a.txt"
    write_atomic(path, b"caf\xc3\xa9\r\n")
    assert path.read_bytes() == b"caf\xc3\xa9\r\n"
    path.chmod(0o640)
    write_atomic(path, "thé\r\nend")
    assert path.read_bytes() == "thé\r\nend".encode()
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]  # no temp file left


def test_write_atomic_leaves_the_old_file_when_writing_fails(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(TypeError):
        write_atomic(path, 42)  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]
