"""Arrays of an .npz read in place: views of the file's bytes, never a pickle; and lists kept in them.

The index cache is an .npz of plain arrays (cache.py); at a million claims its postings are
about 100 MB, so they are viewed where they lie in the mapped file instead of being copied out.
"""

from __future__ import annotations

import io
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

    def __getitem__(self, key: str) -> list[int]:
        i = self._at[key]
        return self._members[self._ptr[i] : self._ptr[i + 1]].tolist()

    def __iter__(self) -> Iterator[str]:
        return iter(self._at)

    def __len__(self) -> int:
        return len(self._at)

    def __contains__(self, key: object) -> bool:
        return key in self._at
