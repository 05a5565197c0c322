"""Errors the library raises. The CLI turns each into one line on stderr and an exit code.

Every error has a stable `code` (for tests and for tools that read the output) and a
message that names the place: `path:line: $.json.path: message` for data errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from verifier.common.terminal import printable

PathPart = str | int


class VerifierError(Exception):
    """Base of every error the library raises on purpose. Exit code 2."""

    code = "verifier-error"
    exit_code = 2

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        self.message = message
        if code:
            self.code = code

    def __str__(self) -> str:
        return printable(self.message)


class DataError(VerifierError):
    """A ledger, config or input file that cannot be read or is not valid."""

    code = "data-error"

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        json_path: str | None = None,
        code: str | None = None,
    ):
        super().__init__(message, code=code)
        self.path = path
        self.line = line
        self.json_path = json_path

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        if self.json_path:
            where += f"{self.json_path}: "
        return printable(where + self.message)  # one line, whatever a file or its name holds


class UsageError(VerifierError):
    """A command asked for something that cannot be done (unknown id, bad option value)."""

    code = "usage-error"


def json_path(loc: Iterable[PathPart], base: str = "$") -> str:
    """`$.claims[3].value.amount` for the location ('claims', 3, 'value', 'amount')."""
    return base + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc)


def error_keys(error: Mapping[str, Any], data: Any) -> list[PathPart]:
    """The keys of `data` a pydantic error's `loc` walks through, ending at a missing field's name.

    pydantic puts union tags and validator names in `loc` too; only real keys make a path a
    reader can follow. A missing field is named itself, not its parent.
    """
    keys: list[PathPart] = []
    node = data
    for part in error["loc"]:
        if isinstance(node, dict) and part in node or isinstance(node, list) and isinstance(part, int):
            keys.append(part)
            node = node[part]
    if error["type"] == "missing" and error["loc"]:
        keys.append(error["loc"][-1])
    return keys
