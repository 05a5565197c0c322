"""The compiled index on disk, keyed by the ledger's fingerprint, so a second run does not rebuild it.

The cache lives in `<ledger>/.verifier-cache/` (ignored by git), or in $VERIFIER_CACHE_DIR.
A file is named by the hash of every ledger file (Ledger.fingerprint), so any edit to a
claim or source makes a miss; a miss builds the index and replaces the old file atomically.
The claims are stored too, as JSON, decoded one by one on first use: a caller that has
not loaded the ledger (a large one takes long to parse) can still rank and check.
A cache that cannot be read or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import pickle
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from verifier import __version__
from verifier.index import Fields, Index, build_index, joined_text
from verifier.ledger import Ledger, _fingerprint_files, load_ledger  # the files fingerprint() hashes
from verifier.models import Claim

CACHE_VERSION = 3
_PREFIX = "index-"
_KEEP = 50_000  # decoded claims kept in memory
_RACY_NS = 2_000_000_000
_DERIVED = ("claims", "claim_words", "fuzzy_texts", "dense")  # stored apart, or made on use


class StoredClaims(Sequence[Claim]):
    """Claims kept as one block of JSON lines, each validated into a Claim the first time it is read."""

    def __init__(self, blob: bytes, offsets: np.ndarray):
        self._blob, self._offsets = blob, offsets
        self._made: dict[int, Claim] = {}

    @classmethod
    def of(cls, claims: Sequence[Claim]) -> StoredClaims:
        parts = [c.model_dump_json(exclude_none=True).encode() for c in claims]
        offsets = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum([len(p) for p in parts], out=offsets[1:])
        return cls(b"".join(parts), offsets)

    def __getitem__(self, idx):  # type: ignore[override]
        if isinstance(idx, slice):
            return [self[i] for i in range(*idx.indices(len(self)))]
        if idx < 0:
            idx += len(self)
        claim = self._made.get(idx)
        if claim is None:
            lo, hi = self._offsets[idx], self._offsets[idx + 1]
            if len(self._made) >= _KEEP:
                self._made.clear()  # bounded: a long check touches many claims once each
            claim = self._made[idx] = Claim.model_validate_json(self._blob[lo:hi])
        return claim

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def fields(self) -> Iterator[Fields]:
        """What the index reads of each claim, straight from the JSON: no Claim is built."""
        offsets = self._offsets.tolist()
        for i in range(len(self)):
            rec = json.loads(self._blob[offsets[i] : offsets[i + 1]])
            subject, span = rec["subject"], rec["source"]
            text = joined_text(rec["statement"], rec["property"], span.get("prefix"), span.get("suffix"))
            names = (subject["name"], *subject.get("aliases", ()))
            yield Fields(names, rec["property"], text, rec["statement"])

    def __iter__(self) -> Iterator[Claim]:
        # a full pass (building an index) decodes without keeping: a million claims stay bytes
        offsets = self._offsets.tolist()
        for i in range(len(self)):
            yield self._made.get(i) or Claim.model_validate_json(self._blob[offsets[i] : offsets[i + 1]])


def cache_dir(root: Path) -> Path:
    """`<ledger>/.verifier-cache`, or a folder per ledger under $VERIFIER_CACHE_DIR (so that two
    ledgers sharing it neither evict each other's index nor mix their file hashes)."""
    override = os.environ.get("VERIFIER_CACHE_DIR")
    if not override:
        return Path(root) / ".verifier-cache"
    return Path(override) / hashlib.sha256(str(Path(root).resolve()).encode()).hexdigest()[:16]


def cache_path(root: Path, fingerprint: str) -> Path:
    return cache_dir(root) / f"{_PREFIX}{CACHE_VERSION}-{__version__}-{fingerprint[:32]}.pickle"


def fingerprint(root: Path) -> str:
    """Ledger.fingerprint() without parsing the ledger, and without re-reading a file whose size and
    modification time are those recorded when it was last hashed (as git's index does): a
    million-claim ledger is hundreds of megabytes to hash, its file metadata a few stat calls."""
    root = Path(root)
    manifest_path = cache_dir(root) / "hashes.json"
    try:
        known = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    digest, seen, now = hashlib.sha256(), {}, time.time_ns()
    for path in _fingerprint_files(root):
        rel = path.relative_to(root).as_posix()
        st = path.stat()
        entry = known.get(rel)
        if entry and entry[:2] == [st.st_size, st.st_mtime_ns]:
            file_hash = entry[2]
        else:
            file_hash = hashlib.sha256(path.read_bytes()).hexdigest()
        if now - st.st_mtime_ns > _RACY_NS:  # a file written just now may change again within its mtime tick
            seen[rel] = [st.st_size, st.st_mtime_ns, file_hash]
        digest.update(rel.encode() + b"\0")
        digest.update(bytes.fromhex(file_hash))
    if seen != known:
        _write_atomic(manifest_path, json.dumps(seen).encode())
    return digest.hexdigest()


def _write_atomic(path: Path, data: bytes) -> bool:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        return False
    return True


def save_index(index: Index, root: Path, key: str) -> Path | None:
    """Write the index and, beside it, its claims as JSON lines; None when the folder is not writable."""
    path = cache_path(root, key)
    state = {k: v for k, v in index.__dict__.items() if k not in _DERIVED}
    claims = index.claims if isinstance(index.claims, StoredClaims) else StoredClaims.of(index.claims)
    # the claims first: an index file is only ever there with its claims
    if not _write_atomic(path.with_suffix(".claims"), claims._blob):
        return None
    if not _write_atomic(path, pickle.dumps((CACHE_VERSION, state, claims._offsets), protocol=5)):
        return None
    _remove_stale(path)
    return path


def _remove_stale(keep: Path) -> None:
    for old in keep.parent.glob(f"{_PREFIX}*"):
        if old.with_suffix(".pickle") != keep:
            old.unlink(missing_ok=True)


def load_cached(root: Path, key: str | None = None) -> Index | None:
    """The cached index for the ledger at `root` as its files are now, claims included; None on a miss.
    The claims are mapped from their file, not read: a warm start does not pay for their size."""
    path = cache_path(root, key or fingerprint(root))
    try:
        with path.open("rb") as f:
            version, state, offsets = pickle.load(f)
        with path.with_suffix(".claims").open("rb") as f:
            blob = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) if offsets[-1] else b""
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
        return None
    if version != CACHE_VERSION or len(blob) != offsets[-1]:
        return None
    index = Index(claims=StoredClaims(blob, offsets))
    index.__dict__.update(state)
    return index


def load_index(ledger: Ledger) -> Index:
    """The ledger's index: from the cache when the ledger is unchanged, else built and cached."""
    key = ledger.fingerprint()
    index = load_cached(ledger.root, key)
    if index is not None and len(index.claims) == len(ledger.claims):
        index.claims = ledger.claims  # the same claims, already validated: no decoding needed
        index.__post_init__()
        return index
    index = build_index(ledger.claims)
    save_index(index, ledger.root, key)
    return index


def index_for(root: Path) -> Index:
    """The index of the ledger at `root` without parsing its files when the cache holds their current
    state: those exact bytes were loaded and validated when the cache was written. Otherwise the
    ledger is loaded (and checked) as usual, and the index built and cached."""
    index = load_cached(root)
    return index if index is not None else load_index(load_ledger(Path(root)))
