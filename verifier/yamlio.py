"""Round-trip YAML I/O: read with line numbers, write back with comments and layout kept.

ruamel.yaml's round-trip mode keeps comments, key order and quoting, and records the
line of every node, which is what lets an error name `claims/x.yaml:14`. Writing goes
through a temp file in the same folder and `os.replace`, so a reader never sees half a file.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedBase
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from verifier.errors import DataError, PathPart

# Layouts tried, in order, when writing a file back: (mapping, sequence, offset).
# The one that reproduces the file as it was read is the one the file uses.
_LAYOUTS = [(2, 4, 2), (2, 2, 0), (2, 2, 2), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 3, 1), (4, 2, 0)]


def _yaml(layout: tuple[int, int, int] = _LAYOUTS[0]) -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    # Never re-wrap long quotes: a re-wrapped plain scalar is a layout change nobody asked for.
    yaml.width = 4096
    mapping, sequence, offset = layout
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


class LineMap:
    """Finds the 1-based line of a node in a loaded document, given its JSON path parts."""

    def __init__(self, data: Any):
        self.data = data

    def line(self, parts: list[PathPart]) -> int | None:
        return line_of(self.data, parts)


def read_text(path: Path, shown: str | None = None) -> str:
    """A file's text, exactly as stored (no newline translation), or a DataError naming the bad byte."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            f"not UTF-8 text (invalid byte at offset {exc.start})", path=shown or str(path), code="encoding"
        ) from None


def load_yaml(path: Path, shown: str | None = None) -> tuple[Any, LineMap]:
    """The document in `path` as round-trip data, and a LineMap over it.

    `shown` is the path to name in errors (relative to the ledger root, say).
    """
    text = read_text(path, shown)
    try:
        data = _yaml().load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise DataError(
            f"malformed YAML: {problem}", path=shown or str(path), line=line, code="yaml"
        ) from None
    except YAMLError as exc:
        raise DataError(f"malformed YAML: {exc}", path=shown or str(path), code="yaml") from None
    return data, LineMap(data)


def line_of(data: Any, parts: list[PathPart]) -> int | None:
    """The 1-based line of the node at `parts` (the key's line for a mapping entry).

    When the path goes further than the document (a missing property), the line of the
    deepest node that exists is the best place to point at.
    """
    line = 1 if parts == [] and isinstance(data, CommentedBase) else None
    node = data
    for part in parts:
        if not isinstance(node, CommentedBase):
            break
        try:
            if isinstance(part, int) and isinstance(node, list) and part < len(node):
                line = node.lc.item(part)[0] + 1
            elif isinstance(node, dict) and part in node:
                line = node.lc.key(part)[0] + 1
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
        node = node[part]
    return line


def to_plain(data: Any) -> Any:
    """Plain dicts, lists and scalars for jsonschema and pydantic.

    An unquoted YAML date (`published: 2017-06-01`) loads as a date object; it becomes its
    ISO text, which is what the schema asks for, so the writer need not quote dates.
    """
    if isinstance(data, dict):
        return {key: to_plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [to_plain(item) for item in data]
    if isinstance(data, dt.datetime):
        return data.isoformat()
    if isinstance(data, dt.date):
        return data.isoformat()
    for plain in (bool, int, float, str):
        # ruamel's scalar subclasses (ScalarFloat, ...) carry formatting; the value is what counts.
        if isinstance(data, plain):
            return plain(data)
    return data


def _dump(data: Any, layout: tuple[int, int, int]) -> str:
    buffer = io.StringIO()
    _yaml(layout).dump(data, buffer)
    return buffer.getvalue()


def guess_layout(text: str) -> tuple[int, int, int]:
    """The indentation layout under which `text` dumps back to itself, or the default."""
    try:
        original = _yaml().load(text)
    except YAMLError:
        return _LAYOUTS[0]
    for layout in _LAYOUTS:
        if _dump(original, layout) == text:
            return layout
    return _LAYOUTS[0]


def write_atomic(path: Path, data: bytes | str) -> None:
    """Replace `path` with `data` in one step: a temp file in the same folder, then os.replace.

    Text is written as UTF-8 with its line endings as they are; a file replaced keeps its mode.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        if path.exists():
            os.chmod(temp, path.stat().st_mode & 0o7777)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def dump_yaml_atomic(path: Path, data: Any) -> None:
    """Write `data` to `path` in the layout the file already has, atomically."""
    layout = guess_layout(path.read_text(encoding="utf-8")) if path.exists() else _LAYOUTS[0]
    write_atomic(path, _dump(data, layout))
