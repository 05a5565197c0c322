"""`validate`'s fast path (one JSON claim a line, checked by pydantic in bulk) gives exactly the
problems of the round-trip path, on ledgers with errors; a clean file never reaches the YAML loader."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

import verifier.ledger.validate as validate_module
from verifier.common.yamlio import to_plain
from verifier.errors import DataError
from verifier.ledger.fastclaims import read_claims_fast
from verifier.ledger.load import ledger_files, read_claims_file
from verifier.ledger.validate import fix, validate

TEXT = "Alpha has 5 members. Beta has 7 members. Gamma has 9 members.\n"


def claim(i: int, **changes) -> dict:
    quote = ["Alpha has 5 members.", "Beta has 7 members.", "Gamma has 9 members."][i % 3]
    start = TEXT.index(quote)
    rec = {
        "id": f"c{i}", "statement": quote, "subject": {"name": quote.split()[0], "type": "organization"},
        "property": "members", "value": {"kind": "quantity", "amount": 5 + 2 * (i % 3), "noun": "members"},
        "source": {"id": "s", "start": start, "end": start + len(quote), "quote": quote}, "status": "verified",
    }  # fmt: skip
    rec.update(changes)
    return rec


def ledger(root: Path, files: dict[str, list]) -> Path:
    """A ledger whose claims files hold one JSON object a line (a line given as text is written as is)."""
    (root / "claims").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "sources" / "s.txt").write_text(TEXT, encoding="utf-8")
    digest = hashlib.sha256(TEXT.encode()).hexdigest()
    source = {
        "id": "s",
        "title": "T",
        "publisher": "P",
        "kind": "dataset",
        "sha256": digest,
        "path": "sources/s.txt",
    }
    (root / "sources" / "s.yaml").write_text(json.dumps(source) + "\n", encoding="utf-8")
    for name, items in files.items():
        lines = [item if isinstance(item, str) else json.dumps(item, separators=(",", ":")) for item in items]
        (root / "claims" / name).write_text(
            "claims:\n" + "".join(f"- {x}\n" for x in lines), encoding="utf-8"
        )
    return root


def both(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The problems found with the fast path, asserted equal to those of the round-trip path alone."""
    fast = [str(p) for p in validate(root)]
    with monkeypatch.context() as m:
        m.setattr(validate_module, "read_claims_fast", lambda root, path: None)
        exact = [str(p) for p in validate(root)]
    assert fast == exact
    return fast


def test_a_clean_json_lines_file_is_read_without_the_yaml_loader(tmp_path, monkeypatch):
    root = ledger(tmp_path, {"a.yaml": [claim(i) for i in range(6)]})
    monkeypatch.setattr(validate_module, "read_claims_file", None)  # called, it would raise
    assert validate(root) == []
    doc, digest = read_claims_fast(root, root / "claims" / "a.yaml")
    assert [c.id for c in doc.claims] == [f"c{i}" for i in range(6)]
    assert doc.lines.line(["claims", 4, "source", "quote"]) == 6
    assert digest == hashlib.sha256((root / "claims" / "a.yaml").read_bytes()).hexdigest()


def test_duplicate_ids_within_and_across_files(tmp_path, monkeypatch):
    root = ledger(tmp_path, {"a.yaml": [claim(0), claim(1), claim(0)], "b.yaml": [claim(2), claim(1)]})
    assert both(root, monkeypatch) == [
        "claims/a.yaml:4: $.claims[2].id: duplicate claim id 'c0' (first in claims/a.yaml:2)",
        "claims/b.yaml:3: $.claims[1].id: duplicate claim id 'c1' (first in claims/a.yaml:3)",
    ]


def test_a_quote_not_in_the_source_and_a_stale_span(tmp_path, monkeypatch):
    moved = claim(1)
    moved["source"] = {**moved["source"], "start": 0, "end": 19}
    wrong = claim(2)
    wrong["source"] = {**wrong["source"], "quote": "Delta has 11 members, all of them new."}
    root = ledger(tmp_path, {"a.yaml": [claim(0), moved, wrong]})
    assert both(root, monkeypatch) == [
        "claims/a.yaml:3: $.claims[1].source: stale span 0-19: the quote is now at 21-40",
        "claims/a.yaml:4: $.claims[2].source: quote does not match the text at 41-61"
        ' ("Gamma has 9 members."); the quote was not found in the source'
        ' (best match 62% at 22-61: "eta has 7 members. Gamma has 9 members.")',
    ]


def test_a_stale_span_in_a_fast_file_is_fixed_in_place(tmp_path):
    moved = claim(1)
    moved["source"] = {**moved["source"], "start": 0, "end": 19}
    root = ledger(tmp_path, {"a.yaml": [claim(0), moved]})
    assert [str(p) for p in fix(root, write=True)] == [
        "claims/a.yaml:3: $.claims[1].source: stale span 0-19: the quote is now at 21-40"
    ]
    assert validate(root) == []


def test_schema_and_yaml_errors_keep_their_messages(tmp_path, monkeypatch):
    bad_kind = claim(1, value={"kind": "colour", "name": "red"})
    missing = claim(2)
    del missing["statement"]
    root = ledger(
        tmp_path,
        {
            "a.yaml": [claim(0), bad_kind],
            "b.yaml": [claim(3), '{"id":"c4","statement":'],
            "c.yaml": [missing],
            "d.yaml": [claim(5, status=True)],
            "e.yaml": [json.dumps(claim(6))[:-1] + ',"id":"c66"}'],  # a key given twice
        },
    )
    assert both(root, monkeypatch) == [
        "claims/a.yaml:3: $.claims[1].value.kind: 'colour' is not a known kind"
        " (one of 'date', 'organization', 'person', 'place', 'quantity', 'rank', 'text')",
        "claims/b.yaml:4: malformed YAML: expected the node content, but found '<stream end>'",
        "claims/c.yaml:2: $.claims[0]: 'statement' is a required property",
        "claims/d.yaml:2: $.claims[0].status: True is not one of"
        " ['proposed', 'verified', 'disputed', 'refuted', 'retracted']",
        'claims/e.yaml:2: malformed YAML: found duplicate key "id" with value "c66" (original value: "c6")',
    ]


@pytest.mark.parametrize(
    "line",
    [
        '{"id":"c1","statement":"Beta\\thas 7 members.","subject":{"name":"Beta","type":"organization"},'
        '"property":"members","value":{"kind":"quantity","amount":7e0},'
        '"source":{"id":"s","start":21,"end":40,"quote":"Beta has 7 members."}}',  # an exponent
        '{"id":"c1","statement":"Beta\\ud800","subject":{"name":"Beta","type":"organization"},'
        '"property":"members","value":{"kind":"quantity","amount":7},'
        '"source":{"id":"s","start":21,"end":40,"quote":"Beta has 7 members."}}',  # a lone surrogate
        '{"id":"c1","statement":"Beta\u2028has","subject":{"name":"Beta","type":"organization"},'
        '"property":"members","value":{"kind":"quantity","amount":7},'
        '"source":{"id":"s","start":21,"end":40,"quote":"Beta has 7 members."}}',  # a line separator
        '{"id":"c1",\t"statement":"Beta has 7 members.","subject":{"name":"Beta","type":"organization"},'
        '"property":"members","value":{"kind":"quantity","amount":7},'
        '"source":{"id":"s","start":21,"end":40,"quote":"Beta has 7 members."}}',  # a tab
        '{"id":"c1","statement":"B","subject":{"name":"Beta","type":"organization"},"property":"members",'
        '"value":{"kind":"quantity","amount":' + "9" * 101 + "},"
        '"source":{"id":"s","start":21,"end":40,"quote":"Beta has 7 members."}}',  # a long number
    ],
)
def test_lines_the_fast_path_is_unsure_of_are_read_as_yaml(tmp_path, monkeypatch, line):
    root = ledger(tmp_path, {"a.yaml": [claim(0), line]})
    assert read_claims_fast(root, root / "claims" / "a.yaml") is None
    both(root, monkeypatch)


def test_unknown_source_and_a_file_in_another_layout(tmp_path, monkeypatch):
    root = ledger(tmp_path, {"a.yaml": [claim(0, source={**claim(0)["source"], "id": "t"})]})
    (root / "claims" / "b.yaml").write_text("claims:\n  - " + json.dumps(claim(1)) + "\n", encoding="utf-8")
    assert both(root, monkeypatch) == ["claims/a.yaml:2: $.claims[0].source.id: unknown source 't'"]


def test_the_repository_claims_written_one_a_line_take_the_fast_path_unchanged(tmp_path):
    """Every field the seed ledger uses (periods, entities, tags, reviews, every value kind) passes
    the strict check, and reads to the same claims as through the round-trip loader."""
    repo = Path(__file__).parent.parent
    root = tmp_path / "ledger"
    shutil.copytree(repo / "claims", root / "claims")
    shutil.copytree(repo / "sources", root / "sources")
    for path in ledger_files(root)[0]:
        doc = read_claims_file(root, path)
        items = to_plain(doc.data)["claims"]
        path.write_text("claims:\n" + "".join(f"- {json.dumps(c, ensure_ascii=False)}\n" for c in items))
        fast = read_claims_fast(root, path)
        assert fast is not None and fast[0].claims == doc.claims
    assert validate(root) == []


def test_a_claim_the_strict_check_refuses_gets_the_round_trip_checks_on_its_parsed_data(tmp_path, monkeypatch):
    """A number as text: pydantic's strict check refuses it, and the schema, run on the data as
    parsed (no YAML loader), words it as the round-trip path does."""
    as_text = claim(1, value={"kind": "quantity", "amount": "7", "noun": "members"})
    root = ledger(tmp_path, {"a.yaml": [claim(0), as_text]})
    with pytest.raises(DataError):
        read_claims_fast(root, root / "claims" / "a.yaml")
    assert both(root, monkeypatch) == ["claims/a.yaml:3: $.claims[1].value.amount: '7' is not of type 'number'"]
