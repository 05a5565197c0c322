"""The checked-in JSON Schemas are the models' own, and the JSON the commands print follows them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from verifier.cli import main
from verifier.common.yamlio import load_yaml, to_plain
from verifier.schemas import render, schema_documents, schema_drift

SCHEMAS = Path(__file__).parent.parent / "schemas"


def test_checked_in_schemas_match_the_models():
    # If this fails, a model changed: run `verifier schemas --write` and commit schemas/.
    for name, schema in schema_documents().items():
        assert json.loads((SCHEMAS / name).read_text(encoding="utf-8")) == schema, name
    assert schema_drift(SCHEMAS) == []


def test_schema_files_are_rendered_stably():
    schema = {"b": 1, "a": ["é"]}
    assert render(schema) == '{\n  "a": [\n    "é"\n  ],\n  "b": 1\n}\n'
    for name, schema in schema_documents().items():
        assert (SCHEMAS / name).read_text(encoding="utf-8") == render(schema), name


def test_config_schema_has_the_settings_but_not_where_they_came_from():
    schema = schema_documents()["config.schema.json"]
    assert sorted(schema["properties"]) == ["exclude", "fail-on", "include", "ledger", "tolerance"]


def test_value_kind_is_required_as_pydantic_requires_it():
    defs = schema_documents()["claims-file.schema.json"]["$defs"]
    assert defs["QuantityValue"]["required"] == ["kind", "amount"]
    assert defs["TextValue"]["required"] == ["kind", "text"]


def test_fixture_ledger_files_follow_the_published_schemas(tiny_ledger):
    root = tiny_ledger()
    for folder, name in [("claims", "claims-file.schema.json"), ("sources", "source.schema.json")]:
        validator = jsonschema.Draft202012Validator(json.loads((SCHEMAS / name).read_text(encoding="utf-8")))
        for path in sorted((root / folder).glob("*.yaml")):
            validator.validate(to_plain(load_yaml(path)[0]))


def test_list_commands_print_json_that_follows_their_schemas(tiny_ledger):
    root = tiny_ledger()
    for command, name in [("claims", "claims-list.schema.json"), ("sources", "sources-list.schema.json")]:
        result = CliRunner().invoke(main, [command, "list", "--ledger", str(root), "--format", "json"])
        assert result.exit_code == 0, result.output
        jsonschema.validate(json.loads(result.stdout), schema_documents()[name])


def test_schemas_command_reports_drift_and_check_fails_on_it(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "source.schema.json").write_text("{}\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(main, ["schemas", "--dir", str(folder)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:2] == [
        f"{folder.as_posix()}/source.schema.json differs from the models",
        f"{folder.as_posix()}/claims-file.schema.json is missing",
    ]
    assert runner.invoke(main, ["schemas", "--check", "--dir", str(folder)]).exit_code == 1
    written = runner.invoke(main, ["schemas", "--write", "--dir", str(folder)])
    assert written.exit_code == 0
    assert (
        written.stdout.splitlines()[0] == f"wrote {folder.as_posix()}/source.schema.json (it was out of date)"
    )
    again = runner.invoke(main, ["schemas", "--check", "--dir", str(folder)])
    assert (again.exit_code, again.stdout) == (
        0,
        f"all 10 schema files in {folder.as_posix()}/ match the models\n",
    )


def test_contested_json_follows_its_schema():
    root = Path(__file__).resolve().parent.parent
    result = CliRunner().invoke(main, ["contested", "--ledger", str(root), "--format", "json"])
    report = json.loads(result.stdout)
    assert [(g["subject"], g["property"]) for g in report["groups"]] == [("Jiangsu", "location")]
    jsonschema.validate(report, json.loads((SCHEMAS / "contested.schema.json").read_text(encoding="utf-8")))
