"""JSON Schemas generated from the models, for editors, other tools and `schemas/*.json`.

The checked-in files are generated, never edited: `verifier schemas --write` regenerates
them and the test suite fails when they drift from the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from verifier.checking.contested import ContestedReport
from verifier.common.lexicon import Lexicon
from verifier.common.yamlio import write_atomic
from verifier.config import Config
from verifier.ledger.browse import ClaimRow, SourceRow
from verifier.ledger.load import SCHEMA_DIALECT, json_schema
from verifier.models import ClaimsFile, Report, Source
from verifier.report.baseline import Baseline
from verifier.report.rdjson import DiagnosticResult


def _list_schema(row: type[BaseModel], title: str) -> dict[str, Any]:
    schema = TypeAdapter(list[row]).json_schema()
    return {"$schema": SCHEMA_DIALECT, "title": title, **schema}


def _config_schema() -> dict[str, Any]:
    schema = json_schema(Config)
    # `base` and `file` record where the config was found; they are not settings.
    for name in ("base", "file"):
        schema["properties"].pop(name, None)
    schema["title"] = "verifier configuration (verifier.toml, or [tool.verifier] in pyproject.toml)"
    return schema


def schema_documents() -> dict[str, dict[str, Any]]:
    """File name -> JSON Schema, for every document verifier reads or writes."""
    return {
        "source.schema.json": json_schema(Source),
        "claims-file.schema.json": json_schema(ClaimsFile),
        "report.schema.json": json_schema(Report),
        "contested.schema.json": json_schema(ContestedReport),
        "config.schema.json": _config_schema(),
        "claims-list.schema.json": _list_schema(ClaimRow, "verifier claims list --format json"),
        "sources-list.schema.json": _list_schema(SourceRow, "verifier sources list --format json"),
        "lexicon.schema.json": json_schema(Lexicon),
        "baseline.schema.json": json_schema(Baseline),
        "rdjson.schema.json": json_schema(DiagnosticResult),
    }


def render(schema: dict[str, Any]) -> str:
    """The file text of a schema: stable, so that a diff means the model changed."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_drift(folder: Path) -> list[tuple[str, str]]:
    """(file name, 'missing' or 'differs') for each schema file not as the models say."""
    drift = []
    for name, schema in schema_documents().items():
        path = Path(folder) / name
        if not path.is_file():
            drift.append((name, "missing"))
        elif _read_json(path) != schema:
            drift.append((name, "differs"))
    return drift


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError):
        return None  # an unreadable schema file differs from the models


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema file into `folder`; returns the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schema_documents().items():
        path = folder / name
        write_atomic(path, render(schema))
        written.append(path)
    return written
