"""The compiled index on disk, keyed by the ledger's fingerprint, so a second run does not rebuild it.

The cache lives in `<ledger>/.verifier-cache/` (ignored by git), or in $VERIFIER_CACHE_DIR.
A file is named by the hash of every ledger file (Ledger.fingerprint), so any edit to a
claim or source makes a miss; a miss builds the index and replaces the old file atomically.
The claims are stored too, as JSON, decoded one by one on first use: a caller that has
not loaded the ledger (a large one takes long to parse) can still rank and check.

The cache is data, never code, and never trusted over the ledger: numpy arrays in an .npz
(never unpickled; object arrays refused) and JSON, plus a seal file holding the ledger's fingerprint,
the sha256 of both data files and an HMAC over them under this user's key (seal.py). A file
that does not match its seal, a seal that does not verify, a folder or file owned by another
user: each is a miss, and the index is rebuilt from the ledger. A cache that cannot be read
or written is ignored: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import io
import json
import mmap
import os
import stat
import time
from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import Path

import numpy as np
from pydantic_core import from_json

from verifier import __version__
from verifier.common import lexicon_digest
from verifier.ledger.load import Ledger, file_hash, fingerprint_files, load_ledger  # as Ledger.fingerprint()
from verifier.matching import seal
from verifier.matching.bm25 import Postings
from verifier.matching.claimvalues import ClaimValues
from verifier.matching.index import VALUE_KINDS, Fields, Groups, Index, build_index, joined_text
from verifier.matching.npzview import CsrLists, NameLists, npz_arrays
from verifier.models import Claim

# 6: the value kind of each claim (kind_of); 7: numbers and dates as columns; 8: names too; 9: quote
# flags (aim, gap); 10: and whether the quote words a change
CACHE_VERSION = 10
_PREFIX = "index-"
_KEEP = 50_000  # decoded claims kept in memory
_RACY_NS = 2_000_000_000


class StoredClaims(Sequence[Claim]):
    """Claims kept as one block of JSON lines, each validated into a Claim the first time it is read."""

    def __init__(self, blob: bytes, offsets: np.ndarray):
        self._blob, self._offsets = blob, offsets
        self._made: dict[int, Claim] = {}
        self._len = len(offsets) - 1  # asked for often enough that numpy's len is worth saving

    @classmethod
    def of(cls, claims: Sequence[Claim]) -> StoredClaims:
        parts = [c.model_dump_json(exclude_none=True).encode() for c in claims]
        offsets = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum([len(p) for p in parts], out=offsets[1:])
        return cls(b"".join(parts), offsets)

    def __getitem__(self, idx):  # type: ignore[override]
        claim = self._made.get(idx) if type(idx) is int else None  # most reads: a claim decoded already
        if claim is not None:
            return claim
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
        return self._len

    def raw(self, idx: int) -> bytes:
        """Claim idx's JSON as stored (UTF-8), not decoded."""
        return self._blob[self._offsets[idx] : self._offsets[idx + 1]]

    def fields(self, lo: int = 0, hi: int | None = None) -> Iterator[Fields]:
        """What the index reads of each claim (lo to hi), straight from the JSON: no Claim is built."""
        offsets = self._offsets.tolist()
        for i in range(*slice(lo, hi).indices(len(self))):
            rec = from_json(self._blob[offsets[i] : offsets[i + 1]])  # the parser decoding uses
            subject, span = rec["subject"], rec["source"]
            text = joined_text(rec["statement"], rec["property"], span.get("prefix"), span.get("suffix"))
            names = (subject["name"], *subject.get("aliases", ()))
            value = rec["value"]
            yield Fields(names, rec["property"], text, rec["statement"], span["quote"], value["kind"], value)

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
    """The index's arrays; beside it `.claims` (the claims as JSON lines) and `.seal`."""
    return cache_dir(root) / f"{_PREFIX}{CACHE_VERSION}-{__version__}-{fingerprint[:32]}.npz"


def fingerprint(root: Path) -> str:
    """Ledger.fingerprint() without parsing the ledger, and without re-reading a file whose size and
    modification time are those recorded when it was last hashed (as git's index does): a
    million-claim ledger is hundreds of megabytes to hash, its file metadata a few stat calls.
    The record is sealed: one written by anyone else is ignored, and every file hashed again."""
    root = Path(root)
    manifest_path = cache_dir(root) / "hashes.json"
    key = seal.user_key()
    known = _read_manifest(manifest_path, key)
    digest, seen, now = hashlib.sha256(), {}, time.time_ns()
    for path in fingerprint_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            st = path.stat()
            regular = stat.S_ISREG(st.st_mode)
        except OSError:  # a dangling link or a loop: load_ledger names it
            regular = False
        entry = known.get(rel)
        if regular and entry and entry[:2] == [st.st_size, st.st_mtime_ns]:
            hashed = entry[2]
        else:
            hashed = file_hash(path)
        if regular and now - st.st_mtime_ns > _RACY_NS:  # a file written just now may change within its tick
            seen[rel] = [st.st_size, st.st_mtime_ns, hashed]
        digest.update(rel.encode() + b"\0")
        digest.update(bytes.fromhex(hashed))
    if seen != known and key is not None and seal.own_dir(manifest_path.parent):
        files = json.dumps(seen, sort_keys=True)
        record = {"files": seen, "mac": seal.seal(key, files.encode())}
        _write_atomic(manifest_path, json.dumps(record).encode())
    return digest.hexdigest()


def _read_manifest(path: Path, key: bytes | None) -> dict[str, list]:
    if key is None or not seal.own_dir(path.parent, create=False):
        return {}
    raw = seal.read_own(path)
    try:
        record = json.loads(raw) if raw is not None else {}
        files = record["files"]
        ok = seal.verify(key, record["mac"], json.dumps(files, sort_keys=True).encode())
    except (ValueError, TypeError, KeyError):
        return {}
    if not ok or not all(isinstance(v, list) and len(v) == 3 for v in files.values()):
        return {}
    return files


def _write_atomic(path: Path, data: bytes) -> bool:
    try:
        import tempfile  # only to write: a start that only loads an index does without it

        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return False
    return True


# ---------------------------------------------------------------- the format


def _encode(index: Index, offsets: np.ndarray) -> bytes | None:
    """The index as an .npz of plain arrays: numbers as they are, the lists of words (subject keys,
    names, BM25 terms) as NUL-separated UTF-8 (they are made of word characters only, see
    text.words, and split much faster than JSON parses), the rest as JSON."""
    groups, p = index.groups, index.postings
    columns = index.values
    if not isinstance(groups, Groups) or p is None or index.words_ptr is None or index.kind_of is None:
        return None
    if columns is None or index.quote_flags is None:
        return None
    subjects = list(index.by_subject)
    members = [index.by_subject[s] for s in subjects]
    subject_ptr = np.zeros(len(subjects) + 1, dtype=np.int64)
    np.cumsum([len(m) for m in members], out=subject_ptr[1:])
    # a name: its key, then its words; the words' first is its key in `names`
    names = [f"{key}\x01{' '.join(toks)}" for v in index.names.values() for toks, key in v]
    vocab = sorted(p.vocab, key=p.vocab.__getitem__)
    meta = {"version": CACHE_VERSION, "properties": list(groups.properties), "n_docs": p.n_docs,
            "counts": [len(subjects), len(names), len(vocab)], "value_shapes": columns.table,
            "lexicon": lexicon_digest()}  # fmt: skip
    arrays = {
        "meta": _text_array(json.dumps(meta, ensure_ascii=False)),
        "subjects": _text_array("\0".join(subjects)),
        "names": _text_array("\0".join(names)),
        "vocab": _text_array("\0".join(vocab)),
        "subject_ptr": subject_ptr,
        "subject_members": np.fromiter(chain.from_iterable(members), np.int64, int(subject_ptr[-1])),
        "prop_of": np.asarray(groups.prop_of, dtype=np.int32),
        "kind_of": np.asarray(index.kind_of, dtype=np.uint8),
        "quote_flags": np.asarray(index.quote_flags, dtype=np.uint8),
        "post_ptr": p.ptr, "post_doc": p.doc, "post_weight": p.weight,
        "words_blob": np.frombuffer(index.words_blob, dtype=np.uint8),
        "words_ptr": index.words_ptr,
        "claim_offsets": np.asarray(offsets, dtype=np.int64),
        "value_amount": columns.amount, "value_high": columns.high, "value_shape": columns.shape,
    }  # fmt: skip
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def _text_array(text: str) -> np.ndarray:
    return np.frombuffer(text.encode(), dtype=np.uint8)


def _words_list(array: np.ndarray, count: int) -> list[str]:
    found = array.tobytes().decode().split("\0") if count else []
    if len(found) != count:
        raise ValueError("a list of words does not have its length")
    return found


def _decode(data: bytes, blob) -> Index:
    """The inverse of _encode, over the claims in `blob`; ValueError, KeyError, TypeError on
    anything malformed."""
    a = npz_arrays(data)
    offsets = a["claim_offsets"]
    if len(blob) != offsets[-1]:
        raise ValueError("claims do not fit their offsets")
    claims = StoredClaims(blob, offsets)
    meta = json.loads(a["meta"].tobytes())
    if meta["version"] != CACHE_VERSION or meta["lexicon"] != lexicon_digest():
        raise ValueError("another cache version, or columns made with another lexicon (since edited)")
    n_subjects, n_names, n_terms = meta["counts"]
    by_subject = CsrLists(_words_list(a["subjects"], n_subjects), a["subject_ptr"], a["subject_members"])
    names = NameLists(a["names"].tobytes().decode(), n_names)
    vocab = {t: i for i, t in enumerate(_words_list(a["vocab"], n_terms))}
    postings = Postings(vocab, a["post_ptr"], a["post_doc"], a["post_weight"], int(meta["n_docs"]))
    groups = Groups(by_subject, a["prop_of"], meta["properties"])
    words_ptr = a["words_ptr"]
    n = len(claims)
    kind_of, flags = a["kind_of"], a["quote_flags"]
    if len(words_ptr) != n + 1 or len(a["prop_of"]) != n or postings.n_docs != n or len(kind_of) != n \
            or len(flags) != n:
        raise ValueError("arrays do not fit the claims")
    if n and int(kind_of.max()) >= len(VALUE_KINDS):
        raise ValueError("a value kind out of range")
    values = ClaimValues(n, a["value_amount"], a["value_high"], a["value_shape"], meta["value_shapes"])
    return Index(claims=claims, names=names, by_subject=by_subject, groups=groups, postings=postings,
                 words_blob=a["words_blob"].tobytes(), words_ptr=words_ptr, kind_of=kind_of,
                 values=values, quote_flags=flags)  # fmt: skip


def _seal_parts(fingerprint: str, index_hash: str, claims_hash: str, written=None) -> tuple[bytes, ...]:
    parts = str(CACHE_VERSION).encode(), fingerprint.encode(), index_hash.encode(), claims_hash.encode()
    return parts if written is None else (*parts, json.dumps(written).encode())


def _identity(st: os.stat_result) -> list[int]:
    """What names one write of a file: device, inode, size, modification and change times. A write
    to the file changes its ctime, which no user can set back; verifier replaces its files by
    renaming new ones into place (a new inode), never by writing into them."""
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def save_index(index: Index, root: Path, key: str) -> Path | None:
    """Write the index, its claims as JSON lines and their seal; None when the folder is not this
    user's or not writable, or there is no user key to seal with."""
    path = cache_path(root, key)
    user_key = seal.user_key()
    if user_key is None or not seal.own_dir(path.parent):
        return None
    claims = index.claims if isinstance(index.claims, StoredClaims) else StoredClaims.of(index.claims)
    data = _encode(index, claims._offsets)
    if data is None:
        return None
    index_hash, claims_hash = hashlib.sha256(data).hexdigest(), hashlib.sha256(claims._blob).hexdigest()
    for suffix, payload in ((".claims", claims._blob), (".npz", data)):
        if not _write_atomic(path.with_suffix(suffix), payload):
            return None
    # the seal last: the data files are only ever used with a seal that names their hashes
    if not _write_seal(path, user_key, key, index_hash, claims_hash):
        return None
    _remove_stale(path)
    return path


def _write_seal(path: Path, user_key: bytes, key: str, index_hash: str, claims_hash: str, written=None):
    mac = seal.seal(user_key, *_seal_parts(key, index_hash, claims_hash, written))
    record = {"version": CACHE_VERSION, "fingerprint": key, "index_sha256": index_hash,
              "claims_sha256": claims_hash, "written": written, "mac": mac}  # fmt: skip
    return _write_atomic(path.with_suffix(".seal"), json.dumps(record).encode())


def _settled(identity: list[int]) -> bool:
    """Whether a file was last changed long enough ago that a change now would show in its ctime: a
    timestamp has the granularity of the file system's clock (up to 2 s), so a write within the same
    tick as the stat that recorded it could leave the ctime as recorded (git's "racily clean")."""
    return time.time_ns() - identity[4] > _RACY_NS


def _remove_stale(keep: Path) -> None:
    for old in keep.parent.glob(f"{_PREFIX}*"):
        if old.with_suffix(".npz") != keep:
            old.unlink(missing_ok=True)


def _map_own(path: Path):
    """A read-only map of a regular file of this user (b"" when empty), opened without following links,
    and the file's identity (see _identity) as it was opened."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not seal.owned_by_me(st):
            raise OSError(f"{path}: not a regular file of this user")
        return (mmap.mmap(fd, 0, access=mmap.ACCESS_READ) if st.st_size else b""), _identity(st)
    finally:
        os.close(fd)


def load_cached(root: Path, key: str | None = None) -> Index | None:
    """The cached index for the ledger at `root` as its files are now, claims included; None on a miss
    (no cache, or one that is not exactly what this user wrote for these ledger files).
    The claims are mapped from their file; the warm start hashes them once to check the seal."""
    key = key or fingerprint(root)
    path = cache_path(root, key)
    user_key = seal.user_key()
    if user_key is None or not seal.own_dir(path.parent, create=False):
        return None
    try:
        record = json.loads(seal.read_own(path.with_suffix(".seal")) or b"null")
        written = record["written"] if isinstance(record, dict) and "written" in record else None
        parts = _seal_parts(key, record["index_sha256"], record["claims_sha256"], written)
        if record["fingerprint"] != key or not seal.verify(user_key, record["mac"], *parts):
            return None
        data, data_id = _map_own(path)
        blob, blob_id = _map_own(path.with_suffix(".claims"))
        if written is not None and written == {"index": data_id, "claims": blob_id}:
            # the very files this user hashed and sealed, not written since (their ctime would have
            # moved): hashing them again (~0.4 s of CPU for a million claims) would prove nothing more
            try:
                return _decode(data, blob)
            except Exception:  # as below: a malformed file is a miss, whatever it raises
                return None
        # hashlib lets go of the GIL on large buffers: the files are hashed while the arrays are
        # decoded (a million claims: ~0.4 s of hashing hidden behind ~0.6 s of decoding); nothing
        # decoded is used unless both hashes are the sealed ones
        from concurrent.futures import ThreadPoolExecutor  # only on the first start after a write

        with ThreadPoolExecutor(1) as pool:
            hashes = pool.submit(lambda: (hashlib.sha256(data).hexdigest(), hashlib.sha256(blob).hexdigest()))
            try:
                index = _decode(data, blob)
            except Exception:  # data not yet known to be sealed may be malformed in any way (a zip error)
                index = None
            sealed = hashes.result() == (record["index_sha256"], record["claims_sha256"])
        if sealed and index is not None and _settled(data_id) and _settled(blob_id):
            # the files are the sealed ones: record which writes they are, so that the next start
            # does not hash them again
            found = {"index": data_id, "claims": blob_id}
            _write_seal(path, user_key, key, record["index_sha256"], record["claims_sha256"], found)
        return index if sealed else None
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


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
