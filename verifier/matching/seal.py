"""A per-user secret that signs what verifier caches, and the ownership checks a cache folder must pass.

The index cache sits beside the ledger or in a shared $VERIFIER_CACHE_DIR, where others may be
able to write: a cloned repository that committed it, a CI cache restored from a fork's pull
request. A plain hash stored with the data proves nothing (whoever edits the data rewrites the
hash), so what verifier writes there is sealed with an HMAC under a key only this user can read,
kept in `$XDG_STATE_HOME/verifier/cache.key` (default `~/.local/state/verifier/`). Data whose
seal does not verify is not used: the cache is rebuilt from the ledger. No key (an unwritable
home), no cache: the cache only ever saves time.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

_KEY_BYTES = 32
_keys: dict[Path, bytes] = {}


def state_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return Path(base) / "verifier"


def owned_by_me(st: os.stat_result) -> bool:
    return not hasattr(os, "geteuid") or st.st_uid == os.geteuid()


def own_dir(path: Path, create: bool = True) -> bool:
    """True when `path` is a folder of this user (made, mode 0700 less the umask, when missing and
    `create`); a folder owned by someone else, or anything that is not a folder, is refused."""
    try:
        if create:
            path.mkdir(parents=True, exist_ok=True, mode=0o700)
        st = path.stat()
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and owned_by_me(st)


def read_own(path: Path) -> bytes | None:
    """The bytes of a regular file of this user, not through a symlink; None otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or not owned_by_me(st):
            return None
        with os.fdopen(fd, "rb", closefd=False) as f:
            return f.read()
    except OSError:
        return None
    finally:
        os.close(fd)


def user_key() -> bytes | None:
    """This user's cache key, made on first use; None when it cannot be read or kept safely."""
    folder = state_dir()
    path = folder / "cache.key"
    if path in _keys:
        return _keys[path]
    if not own_dir(folder):
        return None
    key = _read_key(path)
    if key is None and not path.exists():
        key = _make_key(folder, path)
    if key is not None:
        _keys[path] = key
    return key


def _read_key(path: Path) -> bytes | None:
    try:
        st = os.lstat(path)
    except OSError:
        return None
    if st.st_mode & 0o077:  # readable by others: anyone could forge a seal
        return None
    key = read_own(path)
    return key if key is not None and len(key) == _KEY_BYTES else None


def _make_key(folder: Path, path: Path) -> bytes | None:
    """A fresh key, put in place with link(): two processes starting at once agree on one key."""
    try:
        import tempfile  # only the first run makes a key

        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".key-")  # mode 0600
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(_KEY_BYTES))
                f.flush()
                os.fsync(f.fileno())
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    except OSError:
        return None
    return _read_key(path)


def seal(key: bytes, *parts: bytes) -> str:
    """An HMAC-SHA256 over the parts (each length-prefixed, so the parts cannot be re-cut)."""
    mac = hmac.new(key, digestmod=hashlib.sha256)
    for part in parts:
        mac.update(len(part).to_bytes(8, "big"))
        mac.update(part)
    return mac.hexdigest()


def verify(key: bytes, mac: object, *parts: bytes) -> bool:
    return isinstance(mac, str) and hmac.compare_digest(seal(key, *parts), mac)
