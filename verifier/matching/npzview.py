"""Arrays of an .npz read in place: views of the file's bytes, never a pickle; and lists kept in them.

The index cache is an .npz of plain arrays (cache.py); at a million claims its postings are
about 100 MB, so they are viewed where they lie in the mapped file instead of being copied out.
"""

from __future__ import annotations

import io
import operator
import re
import struct
import zipfile
from collections.abc import Iterator, Mapping

import numpy as np


def npz_arrays(data) -> dict[str, np.ndarray]:
    """The arrays of an .npz held in `data` (bytes or a read-only map), as np.load(allow_pickle=False)
    reads them, but viewing the bytes instead of copying them out member by member (np.savez stores
    members uncompressed; a million claims' postings are ~100 MB). Anything else goes through np.load."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(data) if isinstance(data, bytes) else data) as archive:  # a map: no copy
        for info in archive.infolist():
            found = _stored_array(data, info)
            if found is None:
                with np.load(io.BytesIO(data), allow_pickle=False) as npz:
                    return {name: npz[name] for name in npz.files}
            out[info.filename.removesuffix(".npy")] = found
    return out


def _stored_array(data: bytes, info: zipfile.ZipInfo) -> np.ndarray | None:
    readers = {(1, 0): np.lib.format.read_array_header_1_0, (2, 0): np.lib.format.read_array_header_2_0}
    if info.compress_type != zipfile.ZIP_STORED or not info.filename.endswith(".npy"):
        return None
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    begin = info.header_offset + 30 + name_len + extra_len
    # the header only (at most 64 KiB in format 1.0): copying the whole member was 100 MB at 1M claims
    member = io.BytesIO(memoryview(data)[begin : begin + min(info.file_size, 2**16 + 16)])
    reader = readers.get(np.lib.format.read_magic(member))
    if reader is None:
        return None
    shape, fortran, dtype = reader(member)
    if dtype.hasobject or fortran:  # what allow_pickle=False refuses, and a layout never written here
        raise ValueError("not a plain array")
    count = int(np.prod(shape, dtype=np.int64))
    return np.frombuffer(data, dtype=dtype, count=count, offset=begin + member.tell()).reshape(shape)


class CsrLists(Mapping[str, list[int]]):
    """key -> list of ints, kept as two arrays (CSR: key i's list is members[ptr[i]:ptr[i + 1]]) and made
    into a list when asked for: a check looks up a few of a million claims' subjects, so building
    fifty thousand lists at start-up (0.13 s at a million claims) would be mostly wasted."""

    def __init__(self, keys: list[str], ptr: np.ndarray, members: np.ndarray):
        if len(ptr) != len(keys) + 1 or (len(keys) and (int(ptr[0]) != 0 or int(ptr[-1]) != len(members))):
            raise ValueError("lists do not fit their pointers")
        if len(ptr) > 1 and bool((np.diff(ptr) < 0).any()):
            raise ValueError("pointers out of order")
        self._at = {k: i for i, k in enumerate(keys)}
        if len(self._at) != len(keys):
            raise ValueError("a key given twice")
        self._ptr, self._members = ptr, members
        # read as Python ints, quickly
        self._bounds = memoryview(np.ascontiguousarray(ptr, dtype=np.int64)).cast("B").cast("q")

    def __getitem__(self, key: str) -> list[int]:
        i = self._at[key]
        return self._members[self._bounds[i] : self._bounds[i + 1]].tolist()

    def get(self, key: str, default=None):  # type: ignore[override]
        """As Mapping.get, without raising and catching KeyError for a key that is not there (a
        sentence's subjects are looked up for every claim group of theirs)."""
        i = self._at.get(key)
        return default if i is None else self._members[self._bounds[i] : self._bounds[i + 1]].tolist()

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def __contains__(self, key: object) -> bool:
        return key in self._at


Name = tuple[tuple[str, ...], str]  # a name's words and its subject's key
_FIRST_WORD = re.compile("\x01([^ \x00]*)")


class NameLists(Mapping[str, list[Name]]):
    """first word -> the names starting with it, kept as the stored entries ("key\\x01word word", in
    the order written) and parsed when asked for: a check looks up a sentence's words only, and parsing
    every name of a million claims at start-up (66,667 names, 0.15 s, and as long again to free them
    at exit) was most of loading the index."""

    def __init__(self, joined: str, count: int):
        self._entries = joined.split("\0") if count else []
        firsts = _FIRST_WORD.findall(joined) if count else []
        if len(self._entries) != count or len(firsts) != count:
            raise ValueError("a list of names does not have its length")
        self._firsts = firsts
        self._lo = dict(zip(reversed(firsts), range(count - 1, -1, -1), strict=True))  # a word's first entry
        self._order = list(dict.fromkeys(firsts))  # the words in the order they first come
        # each word's entries one after another, as _encode writes them: as many runs as words
        self._runs = len(self._order) == count - sum(map(operator.eq, firsts, firsts[1:]))
        self._made: dict[str, list[Name]] = {}

    def get(self, word: str, default=None):  # type: ignore[override]
        found = self._made.get(word)
        if found is None:
            lo = self._lo.get(word)
            if lo is None:
                return default
            found = self._made[word] = self._parse(word, lo)
        return found

    def _parse(self, word: str, lo: int) -> list[Name]:
        """The entries of `word`: written one after another (from lo on), else found by a scan."""
        firsts, hi = self._firsts, lo
        while hi < len(firsts) and firsts[hi] == word:
            hi += 1
        picked = range(lo, hi) if self._runs else [i for i, w in enumerate(firsts) if w == word]
        out = []
        for i in picked:
            key, _, joined = self._entries[i].partition("\x01")
            out.append((tuple(joined.split(" ")), key))
        return out

    def __getitem__(self, word: str) -> list[Name]:
        found = self.get(word)
        if found is None:
            raise KeyError(word)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._order)

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, word: object) -> bool:
        return word in self._lo
