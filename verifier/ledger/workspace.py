"""Starting a ledger: `init` lays out the folders and config, `source add` takes in a text.

A source is copied byte for byte, because every claim's span is a code-point offset into
it: a copy that normalised line endings or an encoding would move every quote.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pydantic import ValidationError

from verifier.common.yamlio import dump_yaml_atomic, load_yaml, read_text, to_plain, write_atomic
from verifier.errors import DataError, UsageError
from verifier.models import Source

CONFIG_NAME = "verifier.toml"

# Every key of config.Config, set to its default, so a user sees what can be changed.
CONFIG_TEMPLATE = """\
# verifier configuration. Paths are relative to this file.

# The ledger root: the folder holding claims/ and sources/.
ledger = "."

# Which files `verifier check DIR` reads, and which it skips (glob patterns).
include = ["*.md", "*.markdown", "*.txt"]
exclude = []

# The worst verdict that makes `check` exit 1: inconsistent, contested, unverified or never.
fail-on = "inconsistent"

[tolerance]
# "about 80 million" allows at least +/-10% (fraction of the stated value).
approximately = 0.10
# "nearly 125 million" allows from 10% below up to the number itself.
nearly = 0.10
# A bare "100 million" may round a figure by at most 5% of it ("$100 million" is not $150 million).
rounding = 0.05
"""

_ID = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,118}[a-z0-9])?$")
_KINDS = ("news", "press-release", "report", "reference", "dataset")


# ---------------------------------------------------------------- init


_GITIGNORE = (
    "# a lock that an edit killed mid-way left behind (harmless, reused by the next edit)\nclaims/.*.lock\n"
    "# verifier's index cache, rebuilt when claims/ or sources/ change\n.verifier-cache/\n"
)


def init_ledger(root: Path) -> list[Path]:
    """Create claims/, sources/, verifier.toml and, if there is none, a .gitignore that keeps the
    index cache out of version control; the paths created, in that order.

    Refuses (UsageError) when `root` already holds a ledger, so nothing of a user's is overwritten.
    """
    root = Path(root)
    for existing in (root / "claims", root / CONFIG_NAME):
        if existing.exists():
            raise UsageError(f"{existing} already exists: {root} holds a ledger already; nothing was changed")
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} is not a folder")
    root.mkdir(parents=True, exist_ok=True)
    created = [root / "claims", root / "sources", root / CONFIG_NAME]
    created[0].mkdir()
    created[1].mkdir(exist_ok=True)
    write_atomic(created[2], CONFIG_TEMPLATE)
    if not (root / ".gitignore").exists():
        created.append(root / ".gitignore")
        write_atomic(created[3], _GITIGNORE)
    return created


# ---------------------------------------------------------------- source add


def slugify(name: str) -> str:
    """A source id from a file name: lower-case letters, digits and single hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug[:120].rstrip("-")


def add_source(
    root: Path,
    file: Path,
    *,
    source_id: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    url: str | None = None,
    kind: str = "news",
) -> Source:
    """Copy `file` verbatim to sources/<id><suffix> and record it in sources/<id>.yaml."""
    root, file = Path(root), Path(file)
    raw, text = _source_bytes(file)
    source_id = source_id if source_id is not None else slugify(file.stem)
    _check_id(source_id, file)
    suffix = file.suffix.lower() if re.fullmatch(r"\.[a-z0-9]{1,10}", file.suffix.lower()) else ".txt"
    text_path, record_path = _destinations(root, source_id, suffix)
    source = _record(
        source_id=source_id,
        title=title or _first_line(text),
        publisher=publisher or "unknown",
        published=published,
        url=url,
        kind=kind,
        sha256=hashlib.sha256(raw).hexdigest(),
        path=f"sources/{source_id}{suffix}",
    )
    _write_source(text_path, raw, record_path, source)
    return source


def _source_bytes(file: Path) -> tuple[bytes, str]:
    """The file's bytes and its text; refused when missing, not UTF-8 or empty."""
    if not file.is_file():
        raise UsageError(f"{file}: no such file")
    raw = file.read_bytes()
    text = read_text(file)  # DataError when the bytes are not UTF-8
    if not text.strip():
        raise DataError("the file is empty: a source needs text to quote", path=str(file))
    return raw, text


def _write_source(text_path: Path, raw: bytes, record_path: Path, source: Source) -> None:
    """The text, then its record; a text whose record could not be written is taken back."""
    write_atomic(text_path, raw)
    try:
        dump_yaml_atomic(record_path, source.model_dump(mode="json", exclude_none=True))
    except BaseException:
        text_path.unlink(missing_ok=True)
        raise


def _check_id(source_id: str, file: Path) -> None:
    if not _ID.match(source_id):
        hint = "" if source_id else f" (none could be derived from '{file.name}')"
        raise UsageError(
            f"invalid source id '{source_id}'{hint}: use lower-case letters, digits and hyphens, "
            "starting and ending with a letter or digit (pass --id)"
        )


def _destinations(root: Path, source_id: str, suffix: str) -> tuple[Path, Path]:
    sources = root / "sources"
    sources.mkdir(exist_ok=True)
    text_path, record_path = sources / f"{source_id}{suffix}", sources / f"{source_id}.yaml"
    top = root.resolve()
    for path in (text_path, record_path):
        if not path.resolve().is_relative_to(top):
            raise UsageError(f"{path} would be written outside the ledger {root}")
    taken = [p for p in (text_path, record_path) if p.exists() or p.is_symlink()]
    if taken or source_id in _known_ids(sources):
        where = f" ({taken[0]} exists)" if taken else ""
        raise UsageError(f"a source with id '{source_id}' already exists{where}; choose another with --id")
    return text_path, record_path


def _known_ids(sources: Path) -> set[str]:
    """The ids recorded in sources/*.yaml, whatever the files are named."""
    ids = set()
    for path in sources.glob("*.yaml"):
        try:
            data = to_plain(load_yaml(path)[0])
        except DataError:
            continue  # a broken record is validate's to report, not ours
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            ids.add(data["id"])
    return ids


def _first_line(text: str) -> str:
    """The first non-empty line, without Markdown heading marks, cut at 200 characters."""
    line = next(ln for ln in text.splitlines() if ln.strip())
    line = re.sub(r"^\s*#+\s*", "", line).strip()
    return line if len(line) <= 200 else line[:199].rstrip() + "…"


def _record(**fields: str | None) -> Source:
    fields["id"] = fields.pop("source_id")
    if fields["kind"] not in _KINDS:
        raise UsageError(f"invalid kind '{fields['kind']}': use one of {', '.join(_KINDS)}")
    try:
        return Source(**fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        field = ".".join(str(p) for p in err["loc"])
        raise UsageError(f"invalid {field}: {err['msg']}") from None
