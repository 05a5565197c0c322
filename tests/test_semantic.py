"""The optional embedding re-ranker: tokenizer, safetensors reader and encoder on a tiny model made
here, the blend in `match`, and (only where the `semantic` extra is installed) the real model."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest
from rapidfuzz import fuzz

from verifier.ledger.load import load_ledger
from verifier.matching import match, semantic
from verifier.matching.index import build_index
from verifier.parsing.statements import parse

VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "the", "pact", "was", "sign", "##ed", ",", "!", "cafe", "un", "##aff"]


def write_safetensors(path: Path, tensors: dict[str, np.ndarray]) -> None:
    header, blobs, offset = {}, [], 0
    for name, array in tensors.items():
        data = np.ascontiguousarray(array, dtype=np.float32).tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    head = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(head)) + head + b"".join(blobs))


def tiny_model(folder: Path, dim: int = 8, inner: int = 16) -> Path:
    rng = np.random.default_rng(0)
    tensors = {
        "embeddings.word_embeddings.weight": rng.normal(size=(len(VOCAB), dim)),
        "embeddings.position_embeddings.weight": rng.normal(size=(32, dim)),
        "embeddings.token_type_embeddings.weight": rng.normal(size=(2, dim)),
        "embeddings.LayerNorm.weight": np.ones(dim), "embeddings.LayerNorm.bias": np.zeros(dim),
    }  # fmt: skip
    p = "encoder.layer.0."
    for name, shape in [("attention.self.query", (dim, dim)), ("attention.self.key", (dim, dim)),
                        ("attention.self.value", (dim, dim)), ("attention.output.dense", (dim, dim)),
                        ("intermediate.dense", (inner, dim)), ("output.dense", (dim, inner))]:  # fmt: skip
        tensors[p + name + ".weight"] = rng.normal(size=shape) * 0.3
        tensors[p + name + ".bias"] = rng.normal(size=shape[0]) * 0.1
    for name in ("attention.output.LayerNorm", "output.LayerNorm"):
        tensors[p + name + ".weight"], tensors[p + name + ".bias"] = np.ones(dim), np.zeros(dim)
    folder.mkdir(parents=True, exist_ok=True)
    write_safetensors(folder / "model.safetensors", tensors)
    (folder / "vocab.txt").write_text("\n".join(VOCAB) + "\n")
    config = {"num_attention_heads": 2, "num_hidden_layers": 1, "layer_norm_eps": 1e-12}
    (folder / "config.json").write_text(json.dumps(config))
    return folder


def test_wordpiece_lowercases_strips_accents_and_splits_pieces(tmp_path):
    tokens = semantic.WordPiece(tiny_model(tmp_path).joinpath("vocab.txt"))
    assert tokens.ids("The pact was SIGNED, Café unaff!") == [2, 4, 5, 6, 7, 8, 9, 11, 12, 13, 10, 3]
    assert tokens.ids("treaty") == [2, 1, 3]


def test_safetensors_round_trip(tmp_path):
    write_safetensors(tmp_path / "t.safetensors", {"a": np.arange(6.0).reshape(2, 3), "b": np.ones(2)})
    read = semantic.read_safetensors(tmp_path / "t.safetensors")
    assert read["a"].tolist() == [[0, 1, 2], [3, 4, 5]] and read["b"].tolist() == [1, 1]


def test_encoder_gives_unit_vectors_independent_of_batch_padding(tmp_path):
    enc = semantic.Encoder(tiny_model(tmp_path))
    alone = enc.encode(["the pact"])
    together = enc.encode(["the pact was signed , unaff", "the pact"])
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    assert np.allclose(alone[0], together[1], atol=1e-5)  # padding is masked out


def test_embeddings_are_cached_by_text(tmp_path, monkeypatch):
    enc = semantic.Encoder(tiny_model(tmp_path / "m"))
    monkeypatch.setattr(semantic, "encoder", lambda: enc)
    first = semantic.embed_claims(["the pact", "was signed"], tmp_path / "c")
    monkeypatch.setattr(semantic, "encoder", lambda: pytest.fail("encoded again"))
    assert np.array_equal(semantic.embed_claims(["the pact", "was signed"], tmp_path / "c"), first)


def test_cached_embeddings_edited_by_someone_else_are_computed_again(tmp_path, monkeypatch):
    enc = semantic.Encoder(tiny_model(tmp_path / "m"))
    monkeypatch.setattr(semantic, "encoder", lambda: enc)
    first = semantic.embed_claims(["the pact", "was signed"], tmp_path / "c")
    (path,) = (tmp_path / "c").glob("embeddings-*.npy")
    np.save(path, np.zeros_like(first))  # same shape, no valid seal
    again = semantic.embed_claims(["the pact", "was signed"], tmp_path / "c")
    assert np.array_equal(again, first)
    assert np.array_equal(np.load(path, allow_pickle=False), first)  # and the cache is sound again


class StubEncoder:
    """Embeds a text as its position in a fixed list of directions: enough to steer the blend."""

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.array([[1.0, 0.0, 0.0, 0.0] for _ in texts], dtype=np.float32)


def test_semantic_rank_adds_the_embeddings_nearest_claims(tiny_ledger, monkeypatch):
    index = build_index(load_ledger(tiny_ledger()).claims)
    # claim 3 (the pact) is nearest to every query; claim 0 shares the query's words
    index.dense = np.array([[0.0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1], [1, 0, 0, 0]], dtype=np.float32)
    monkeypatch.setattr(semantic, "encoder", lambda: StubEncoder())
    ranked = match.rank(parse("a coastal province", index), index, top_k=4)
    w_bm25, w_fuzzy, w_cosine = match.SEMANTIC_WEIGHTS
    scores = {c.index: c.score for c in ranked}
    assert sorted(scores) == [0, 1, 2, 3]  # BM25 finds 0 and 1; the embeddings reach every claim here
    fuzzy = {i: fuzz.token_set_ratio("coastal province", index.fuzzy_texts[i]) for i in scores}
    assert scores[3] == pytest.approx(100 * w_cosine + w_fuzzy * fuzzy[3])  # no BM25 part
    assert scores[0] == pytest.approx(100 * w_bm25 + w_fuzzy * fuzzy[0])  # the best BM25, orthogonal


@pytest.mark.skipif(not semantic.available(), reason="the semantic extra is not installed")
def test_real_model_matches_sentence_transformers():
    vectors = semantic.encoder().encode(["A man is eating food.", "A man is eating a piece of bread."])
    assert float(vectors[0] @ vectors[1]) == pytest.approx(0.7553, abs=1e-3)  # the value the library gives


def test_match_semantic_without_the_model_is_a_usage_error(tiny_ledger, monkeypatch):
    from click.testing import CliRunner

    from verifier.cli import main

    monkeypatch.setattr(semantic, "model_dir", lambda: None)
    semantic.encoder.cache_clear()
    result = CliRunner().invoke(main, ["match", "a coastal province", "--semantic", "--ledger", str(tiny_ledger())])
    assert (result.exit_code, result.output) == (
        2,
        "error: semantic matching needs the model package: pip install 'verifier[semantic]'\n",
    )
