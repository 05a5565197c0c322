"""The index cache is data, sealed with this user's key, and never trusted over the ledger."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from verifier.cli import main
from verifier.ledger.load import load_ledger
from verifier.matching import cache, seal
from verifier.matching.index import build_index
from verifier.matching.npzview import npz_arrays

RIGHT = "Jiangsu has about 80 million people.\n"
WRONG = "Jiangsu has about 30 million people.\n"


@pytest.fixture
def ledger(tiny_ledger) -> Path:
    return tiny_ledger()


def check(ledger: Path, tmp_path: Path, text: str):
    draft = tmp_path / "draft.md"
    draft.write_text(text, encoding="utf-8")
    return CliRunner().invoke(main, ["check", "--ledger", str(ledger), "--format", "json", str(draft)])


def verdicts(result) -> list[tuple[str, str]]:
    return [(f["verdict"], f.get("claim", {}).get("id", "")) for f in json.loads(result.output)["findings"]]


def cached_files(ledger: Path) -> list[Path]:
    return sorted((ledger / ".verifier-cache").glob("index-*"))


def test_the_cache_is_npz_json_and_a_seal_and_loads_without_pickle(ledger, monkeypatch):
    cache.load_index(load_ledger(ledger))
    assert [p.suffix for p in cached_files(ledger)] == [".claims", ".npz", ".seal"]
    npz = next(p for p in cached_files(ledger) if p.suffix == ".npz")
    with np.load(npz, allow_pickle=False) as arrays:
        assert arrays["claim_offsets"].tolist()[-1] == len(npz.with_suffix(".claims").read_bytes())
    monkeypatch.setattr(pickle, "loads", lambda *a, **k: pytest.fail("unpickled"))
    monkeypatch.setattr(pickle, "load", lambda *a, **k: pytest.fail("unpickled"))
    assert [c.id for c in cache.load_cached(ledger).claims][:2] == ["jiangsu-location", "jiangsu-population"]


class _Payload:
    def __reduce__(self):
        return (os.mkdir, ("/tmp/verifier-pwned-by-cache",))


def test_a_planted_pickle_of_the_old_format_is_never_loaded(ledger, tmp_path):
    folder = ledger / ".verifier-cache"
    folder.mkdir(exist_ok=True)
    key = cache.fingerprint(ledger)
    for name in (f"index-3-0.1.0-{key[:32]}.pickle", cache.cache_path(ledger, key).name):
        (folder / name).write_bytes(pickle.dumps(_Payload()))
    result = check(ledger, tmp_path, RIGHT)
    assert result.exit_code == 0, result.output
    assert not Path("/tmp/verifier-pwned-by-cache").exists()
    assert verdicts(result) == [("consistent", "jiangsu-population")]


def _tamper_claims(ledger: Path, old: bytes, new: bytes) -> None:
    """What a writer without the key can do: edit the cached claims and fix the plain hashes."""
    claims = next(p for p in cached_files(ledger) if p.suffix == ".claims")
    blob = claims.read_bytes()
    assert old in blob
    claims.write_bytes(blob.replace(old, new))
    seal_path = claims.with_suffix(".seal")
    record = json.loads(seal_path.read_bytes())
    record["claims_sha256"] = hashlib.sha256(claims.read_bytes()).hexdigest()
    seal_path.write_text(json.dumps(record))


def test_tampered_cached_claims_are_rebuilt_and_the_verdicts_stay(ledger, tmp_path):
    before = check(ledger, tmp_path, RIGHT)
    assert before.exit_code == 0 and verdicts(before) == [("consistent", "jiangsu-population")]
    _tamper_claims(ledger, b'"amount":80.0', b'"amount":30.0')
    assert cache.load_cached(ledger) is None
    after = check(ledger, tmp_path, RIGHT)
    assert (after.exit_code, verdicts(after)) == (0, verdicts(before))
    # and the rebuilt cache holds the ledger's value again
    assert cache.load_cached(ledger).claims[1].value.amount == 80


def test_a_changed_byte_in_the_index_arrays_is_a_miss(ledger):
    cache.load_index(load_ledger(ledger))
    npz = next(p for p in cached_files(ledger) if p.suffix == ".npz")
    data = bytearray(npz.read_bytes())
    data[len(data) // 2] ^= 1
    npz.write_bytes(bytes(data))
    assert cache.load_cached(ledger) is None


def test_an_empty_index_sealed_with_another_key_cannot_make_check_pass(ledger, tmp_path, monkeypatch):
    assert check(ledger, tmp_path, WRONG).exit_code == 1
    for p in cached_files(ledger):
        p.unlink()
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "attacker"))
    assert cache.save_index(build_index([]), ledger, cache.fingerprint(ledger)) is not None
    assert len(cache.load_cached(ledger).claims) == 0  # valid for the attacker's key
    monkeypatch.undo()
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "victim"))
    assert cache.load_cached(ledger) is None
    result = check(ledger, tmp_path, WRONG)
    assert result.exit_code == 1
    assert verdicts(result) == [("inconsistent", "jiangsu-population")]


def test_a_cache_folder_owned_by_another_user_is_neither_read_nor_written(ledger, tmp_path, monkeypatch):
    folder = ledger / ".verifier-cache"
    cache.load_index(load_ledger(ledger))
    assert cache.load_cached(ledger) is not None
    other = folder.stat().st_ino
    real = seal.owned_by_me
    monkeypatch.setattr(seal, "owned_by_me", lambda st: st.st_ino != other and real(st))
    assert cache.load_cached(ledger) is None
    for p in cached_files(ledger):
        p.unlink()
    assert cache.save_index(build_index(load_ledger(ledger).claims), ledger, cache.fingerprint(ledger)) is None
    assert cached_files(ledger) == []
    result = check(ledger, tmp_path, WRONG)
    assert (result.exit_code, verdicts(result)) == (1, [("inconsistent", "jiangsu-population")])


def test_cache_files_behind_symlinks_are_refused(ledger, tmp_path):
    cache.load_index(load_ledger(ledger))
    seal_path = next(p for p in cached_files(ledger) if p.suffix == ".seal")
    moved = tmp_path / "elsewhere.seal"
    seal_path.rename(moved)
    seal_path.symlink_to(moved)
    assert cache.load_cached(ledger) is None


def test_a_key_readable_by_others_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    key = seal.user_key()
    assert key is not None and len(key) == 32
    path = tmp_path / "state" / "verifier" / "cache.key"
    assert path.stat().st_mode & 0o777 == 0o600
    seal._keys.clear()
    path.chmod(0o644)
    assert seal.user_key() is None


def test_the_loaded_index_is_the_built_one(tmp_path, monkeypatch):
    """The sealed format stores every part of the index exactly: same names, groups, postings and
    words, so the same ranking (a generated ledger of 3,000 claims, as bench/scale.py makes)."""
    import random

    from verifier.matching.match import text_rank

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[1] / "bench"))
    from scale_data import generate, write_ledger

    data = generate(3000, 60, random.Random(7))
    root = tmp_path / "generated"
    write_ledger(root, data)
    built = build_index(cache.StoredClaims(data.blob, np.asarray(data.offsets)))
    key = cache.fingerprint(root)
    assert cache.save_index(built, root, key) is not None
    loaded = cache.load_cached(root, key)
    assert loaded.names == built.names and loaded.by_subject == built.by_subject
    assert dict(loaded.groups) == dict(built.groups)
    lp, bp = loaded.postings, built.postings
    assert lp.vocab == bp.vocab and lp.n_docs == bp.n_docs
    for name in ("ptr", "doc", "weight"):
        assert np.array_equal(getattr(lp, name), getattr(bp, name)) and getattr(lp, name).dtype == getattr(bp, name).dtype
    assert loaded.words_blob == built.words_blob and np.array_equal(loaded.words_ptr, built.words_ptr)
    assert list(loaded.claims) == list(built.claims)
    assert np.array_equal(loaded.kind_of, built.kind_of) and loaded.kind_of.dtype == np.uint8
    assert [loaded.kind_of_claim(i) for i in range(len(built.claims))] == [c.value.kind for c in built.claims]
    assert [loaded.property_of(i) for i in range(len(built.claims))] == [c.property for c in built.claims]
    for index in (loaded, built):  # numbers and dates read from the columns are the decoded ones
        assert [index.value_of(i) for i in range(len(built.claims))] == [c.value for c in built.claims]
    for draft in data.drafts:
        assert text_rank(draft.text, loaded) == text_rank(draft.text, built), draft.text


def test_arrays_are_read_as_np_load_reads_them_and_object_arrays_are_refused():
    import io

    buffer = io.BytesIO()
    arrays = {"a": np.arange(7, dtype=np.int64), "b": np.zeros((2, 3), dtype=np.float32),
              "c": np.frombuffer(b"x\0y", dtype=np.uint8), "e": np.zeros(0, dtype=np.int32)}  # fmt: skip
    np.savez(buffer, **arrays)
    read = npz_arrays(buffer.getvalue())
    assert sorted(read) == sorted(arrays)
    for name, array in arrays.items():
        assert read[name].dtype == array.dtype and np.array_equal(read[name], array)
    buffer = io.BytesIO()
    np.savez(buffer, a=np.array([_Payload()], dtype=object))  # a pickle inside the .npz
    with pytest.raises(ValueError):
        npz_arrays(buffer.getvalue())
    assert not Path("/tmp/verifier-pwned-by-cache").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to another user")
def test_a_cache_folder_really_owned_by_nobody_is_ignored(ledger, tmp_path):
    cache.load_index(load_ledger(ledger))
    folder = ledger / ".verifier-cache"
    for p in [folder, *folder.iterdir()]:
        os.chown(p, 65534, 65534)
    assert cache.load_cached(ledger) is None
    result = check(ledger, tmp_path, WRONG)
    assert (result.exit_code, verdicts(result)) == (1, [("inconsistent", "jiangsu-population")])
    assert all(p.stat().st_uid == 65534 for p in folder.iterdir())  # nothing written into it


def _seal_record(ledger: Path) -> dict:
    return json.loads(next(p for p in cached_files(ledger) if p.suffix == ".seal").read_bytes())


def test_settled_files_are_recorded_and_not_hashed_again_until_written(ledger, monkeypatch):
    """A start that hashed the files records which writes they are (device, inode, size, times);
    the next start skips hashing only while the files are those writes. Files written within the
    file system's clock granularity are not recorded (a write in the same tick would not show)."""
    import time

    cache.load_index(load_ledger(ledger))
    assert cache.load_cached(ledger) is not None
    assert _seal_record(ledger)["written"] is None  # just written: not settled, hashed each time
    monkeypatch.setattr(cache, "_RACY_NS", 0)  # as if two seconds had passed
    assert cache.load_cached(ledger) is not None
    written = _seal_record(ledger)["written"]
    claims = next(p for p in cached_files(ledger) if p.suffix == ".claims")
    assert written["claims"][1] == claims.stat().st_ino
    with monkeypatch.context() as m:
        m.setattr("concurrent.futures.ThreadPoolExecutor", lambda *a: pytest.fail("hashed again"))
        assert [c.id for c in cache.load_cached(ledger).claims][:1] == ["jiangsu-location"]
    time.sleep(0.05)  # past the clock's tick
    blob = claims.read_bytes()
    with open(claims, "r+b") as f:  # written in place: same inode and size, a new ctime
        f.write(blob.replace(b'"amount":80.0', b'"amount":30.0'))
    assert cache.load_cached(ledger) is None


def test_a_recorded_write_is_sealed_too(ledger, monkeypatch):
    cache.load_index(load_ledger(ledger))
    monkeypatch.setattr(cache, "_RACY_NS", 0)
    assert cache.load_cached(ledger) is not None
    seal_path = next(p for p in cached_files(ledger) if p.suffix == ".seal")
    record = json.loads(seal_path.read_bytes())
    record["written"]["claims"][1] += 1  # another file's inode: the MAC no longer verifies
    seal_path.write_text(json.dumps(record))
    assert cache.load_cached(ledger) is None
