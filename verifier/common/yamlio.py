"""Round-trip YAML I/O: read with line numbers, write back with comments and layout kept.

ruamel.yaml's round-trip mode keeps comments, key order and quoting, and records the
line of every node, which is what lets an error name `claims/x.yaml:14`. Writing goes
through a temp file in the same folder and `os.replace`, so a reader never sees half a file.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import stat
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # ruamel.yaml is imported by the functions that read or write YAML: a start that
    # loads a cached index reads none (it is a tenth of that start's imports)
    from ruamel.yaml import YAML

from verifier.errors import DataError, PathPart, json_path

# Limits on what a ledger file may hold: each is far beyond a real ledger and far below what
# would hang or crash a reader (see "Limits and bad input" in the README).
MAX_FILE_BYTES = 256 * 1024 * 1024  # one file; a large ledger is many claims files
MAX_DEPTH = 64  # nesting of mappings and lists (a claim needs 5)
MAX_DIGITS = 100  # an integer's digits (Python refuses to even parse 4,300)
ALIAS_ALLOWANCE = 10_000  # nodes that aliases may add, beyond 10 times the nodes written
_SURROGATE = re.compile("[\ud800-\udfff]")
_LONG_NUMBER = re.compile(rf"[0-9_]{{{MAX_DIGITS + 1},}}")
_INT_LIMIT = 10**MAX_DIGITS

# Layouts tried, in order, when writing a file back: (mapping, sequence, offset).
# The one that reproduces the file as it was read is the one the file uses.
_LAYOUTS = [(2, 4, 2), (2, 2, 0), (2, 2, 2), (4, 4, 2), (4, 6, 4), (4, 4, 0), (2, 3, 1), (4, 2, 0)]


def _yaml(layout: tuple[int, int, int] = _LAYOUTS[0]) -> YAML:
    from ruamel.yaml import YAML

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


def read_bytes(path: Path, shown: str | None = None) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES; a DataError for anything else (a FIFO,
    a device such as /dev/zero, a folder, a dangling link or a link loop), without blocking on it."""
    shown = shown or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise DataError(f"cannot read: {exc.strerror}", path=shown, code="unreadable") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        kind = "a folder" if stat.S_ISDIR(st.st_mode) else "a device, FIFO or socket"
        raise DataError(f"not a regular file ({kind})", path=shown, code="not-a-file")
    with os.fdopen(fd, "rb") as handle:
        raw = handle.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise DataError(f"file too large (the limit is {MAX_FILE_BYTES} bytes)", path=shown, code="too-large")
    return raw


def read_text(path: Path, shown: str | None = None) -> str:
    """A file's text as stored (no newline translation) less a leading byte-order mark, which editors
    hide, so that offsets count the characters a reader sees; a DataError naming a bad byte."""
    raw = read_bytes(path, shown)
    bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
    try:
        return raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"not UTF-8 text (invalid byte at offset {exc.start + bom})"
        raise DataError(message, path=shown or str(path), code="encoding") from None


def load_yaml(path: Path, shown: str | None = None) -> tuple[Any, LineMap]:
    """The document in `path` as round-trip data, and a LineMap over it.

    `shown` is the path to name in errors (relative to the ledger root, say).
    """
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    shown = shown or str(path)
    text = read_text(path, shown)
    try:
        data = _yaml().load(text)
    except RecursionError:
        message = f"malformed YAML: nested too deeply (the limit is {MAX_DEPTH} levels)"
        raise DataError(message, path=shown, code="too-deep") from None
    except ValueError as exc:  # an integer too long for Python to parse
        found = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        raise DataError(_number_message(found.group() if found else str(exc)), path=shown, line=line,
                        code="too-long") from None  # fmt: skip
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "malformed YAML"
        raise DataError(
            f"malformed YAML: {problem}", path=shown or str(path), line=line, code="yaml"
        ) from None
    except YAMLError as exc:
        raise DataError(f"malformed YAML: {exc}", path=shown or str(path), code="yaml") from None
    except TypeError:  # "? - a": a list or a mapping used as a key, which no ledger file has
        raise DataError("malformed YAML: a list or a mapping used as a mapping key", path=shown,
                        code="yaml") from None
    lines = LineMap(data)
    problem = check_tree(data)
    if problem is not None:
        message, parts, code = problem
        raise DataError(message, path=shown, line=lines.line(parts), json_path=json_path(parts), code=code)
    return data, lines


def _number_message(digits: str) -> str:
    n = sum(c.isdigit() for c in digits)
    return f"number too long ({n} digits; the limit is {MAX_DIGITS})"


def check_tree(data: Any) -> tuple[str, list[PathPart], str] | None:
    """What is wrong with a loaded document before anything walks it: (message, path, code) for
    nesting deeper than MAX_DEPTH, an integer longer than MAX_DIGITS, text that is not Unicode (a
    lone surrogate such as \\ud800), or aliases that expand to far more than was written (the
    "billion laughs"). Linear in the nodes written: an aliased node is measured once."""
    sizes: dict[int, int] = {}
    written = 0

    def size(node: Any, parts: list[PathPart]) -> int:
        nonlocal written
        if isinstance(node, str):
            if _SURROGATE.search(node):
                raise _TreeProblem(_surrogate_message(node), parts, "surrogate")
            return 1
        if isinstance(node, int) and not isinstance(node, bool):
            if abs(node) >= _INT_LIMIT:
                raise _TreeProblem(_number_message(str(abs(node))), parts, "too-long")
            return 1
        if not isinstance(node, dict | list):
            return 1
        known = sizes.get(id(node))
        if known is not None:
            return known
        if len(parts) >= MAX_DEPTH:
            raise _TreeProblem(f"nested too deeply (the limit is {MAX_DEPTH} levels)", parts, "too-deep")
        total = 1
        for key, value in node.items() if isinstance(node, dict) else enumerate(node):
            if isinstance(key, str) and _SURROGATE.search(key):
                raise _TreeProblem(_surrogate_message(key), [*parts, key], "surrogate")
            total += size(value, [*parts, key])
        written += 1 + len(node)
        sizes[id(node)] = total
        return total

    try:
        total = size(data, [])
    except _TreeProblem as exc:
        return exc.args
    if total > 10 * written + ALIAS_ALLOWANCE:
        message = f"YAML aliases expand {written} nodes to {total}: refused (an alias bomb?)"
        return message, [], "aliases"
    return None


class _TreeProblem(Exception):
    pass


def _surrogate_message(text: str) -> str:
    found = _SURROGATE.search(text)
    return f"text holds a lone surrogate (\\u{ord(found.group()):04x}), which is not a character"


def line_of(data: Any, parts: list[PathPart]) -> int | None:
    """The 1-based line of the node at `parts` (the key's line for a mapping entry).

    When the path goes further than the document (a missing property), the line of the
    deepest node that exists is the best place to point at.
    """
    from ruamel.yaml.comments import CommentedBase

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
    from ruamel.yaml.error import YAMLError

    try:
        original = _yaml().load(text)
    except YAMLError:
        return _LAYOUTS[0]
    for layout in _LAYOUTS:
        if _dump(original, layout) == text:
            return layout
    return _LAYOUTS[0]


def write_atomic(path: Path, data: bytes | str) -> None:
    """Replace `path` with `data` in one step: a temp file in the same folder, flushed to disk, then
    os.replace, so that neither a reader nor a crash ever sees half a file.

    Text is written as UTF-8 with its line endings as they are; a file replaced keeps its mode, a
    new one gets the mode the umask gives. Any failure (a read-only folder, a full disk, a missing
    folder) is a DataError naming the file, and leaves the old file and no temp file behind.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    temp = None
    try:
        import tempfile  # only to write

        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask()
        os.chmod(temp, mode)
        os.replace(temp, path)
        temp = None
        _fsync_dir(path.parent)
    except OSError as exc:
        raise DataError(f"cannot write: {exc.strerror or exc}", path=str(path), code="write") from None
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)


def _umask() -> int:
    """The process's umask, read without changing it (os.umask sets it, a race with other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable; some file systems cannot sync a folder, and that is fine."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def dump_yaml_atomic(path: Path, data: Any) -> None:
    """Write `data` to `path` in the layout the file already has, atomically."""
    layout = guess_layout(path.read_text(encoding="utf-8")) if path.exists() else _LAYOUTS[0]
    write_atomic(path, _dump(data, layout))
