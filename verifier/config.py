"""Configuration: `verifier.toml`, or `[tool.verifier]` in `pyproject.toml`.

The nearest file walking up from the working directory wins, the way linters find theirs;
command-line options override it. Paths in a config file are relative to that file.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from verifier.errors import DataError, error_keys, json_path

# The tolerance model's settings are a record of the models (the library reads them); the config
# only holds them, and `verifier.config.Tolerance` stays importable for the API's callers.
from verifier.models import Tolerance

FailOn = Literal["inconsistent", "contested", "unverified", "never"]


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    ledger: str | None = Field(None, description="The ledger root (holds claims/ and sources/)")
    include: list[str] = ["*.md", "*.markdown", "*.txt"]
    exclude: list[str] = []
    fail_on: FailOn = Field("inconsistent", alias="fail-on")
    tolerance: Tolerance = Tolerance()
    # Where the config came from; ledger/include paths are relative to it.
    base: Path = Field(Path("."), exclude=True)
    file: Path | None = Field(None, exclude=True)

    @field_validator("ledger", "include", "exclude")
    @classmethod
    def _no_nul(cls, value):
        for text in [value] if isinstance(value, str) else value or []:
            if "\0" in text:
                raise ValueError("a path cannot contain a NUL character")
        return value


def find_config_file(start: Path) -> tuple[Path, bool] | None:
    """The nearest verifier.toml, or pyproject.toml with a [tool.verifier] table, at or above start."""
    for folder in [start, *start.parents]:
        own = folder / "verifier.toml"
        if own.is_file():
            return own, False
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_verifier_table(pyproject):
            return pyproject, True
    return None


def _has_verifier_table(pyproject: Path) -> bool:
    """Whether a pyproject.toml configures verifier. One that cannot be read or parsed and never
    names verifier belongs to someone else (a parent project, say): it is passed over, not fatal."""
    try:
        data = _read_toml(pyproject)
    except DataError:
        if "verifier" in _text_or_empty(pyproject):
            raise
        return False
    tool = data.get("tool", {})
    return isinstance(tool, dict) and "verifier" in tool


def _text_or_empty(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return ""


def _read_toml(path: Path) -> dict:
    try:
        text = path.read_text(encoding="utf-8-sig")  # a BOM (some Windows editors add one) is no error
    except UnicodeDecodeError:
        raise DataError("not UTF-8 text", path=str(path)) from None
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}", path=str(path)) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"invalid TOML: {exc}", path=str(path), line=_error_line(str(exc), text)) from None
    except RecursionError:
        raise DataError("invalid TOML: nested too deeply", path=str(path)) from None


def _error_line(message: str, text: str) -> int:
    """The line a TOML error is on. Python 3.11's TOMLDecodeError has no .lineno (3.14 adds it),
    so it is read from the message: "(at line N, column M)", or "(at end of document)"."""
    found = re.search(r"\(at line (\d+), column \d+\)$", message)
    if found:
        return int(found.group(1))
    return max(1, text.count("\n") + (0 if text.endswith("\n") else 1))


def load_config(start: Path | None = None) -> Config:
    """The configuration in force for a run started in `start` (default: the working directory)."""
    start = (start or Path.cwd()).resolve()
    found = find_config_file(start)
    if found is None:
        return Config(base=start)
    path, in_pyproject = found
    data = _read_toml(path)
    if in_pyproject:
        data = data["tool"]["verifier"]
        if not isinstance(data, dict):
            kind = type(data).__name__
            raise DataError(f"must be a table ([tool.verifier]), not a {kind}", path=str(path),
                            json_path="$.tool.verifier")  # fmt: skip
    try:
        return Config.model_validate({**data, "base": path.parent, "file": path})
    except ValidationError as exc:
        err = exc.errors()[0]
        where = json_path(error_keys(err, data), "$.tool.verifier" if in_pyproject else "$")
        raise DataError(err["msg"].removeprefix("Value error, "), path=str(path), json_path=where) from None


def resolve_ledger(config: Config, option: str | None = None) -> Path:
    """The ledger root, resolved to an absolute path: --ledger (relative to the working directory),
    else the config's `ledger` (relative to the config file), else the nearest folder with claims/.
    Absolute, so code that relates files to the root never mixes relative and absolute paths."""
    if option:
        root = Path(option).resolve()
    elif config.ledger:
        root = (config.base / config.ledger).resolve()
    else:
        base = config.base.resolve()
        root = next((p for p in [base, *base.parents] if (p / "claims").is_dir()), base)
    if not (root / "claims").is_dir():
        raise DataError(
            "not a ledger: no claims/ folder (run `verifier init`, or pass --ledger)", path=str(root)
        )
    return root
