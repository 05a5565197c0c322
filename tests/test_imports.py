"""A command loads only what it uses: `--version` and `validate` never load the extraction stack."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# spaCy, the extractor and the parts of the sentence parser only `extract` and `check` need
HEAVY = ("spacy", "verifier.extraction.extract", "verifier.extraction.grammar", "verifier.common.lexicon", "verifier.extraction.figures",
         "verifier.extraction.names", "verifier.parsing.statements", "verifier.matching.index", "verifier.schemas")  # fmt: skip


def imported(*args: str) -> set[str]:
    """The modules a run of `verifier ARGS` imports, as `python -X importtime` lists them."""
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "verifier", *args],
                         capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    return {line.rsplit("|", 1)[1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}


@pytest.mark.parametrize("args", [("--version",), ("validate", "--ledger", str(ROOT))])
def test_command_does_not_import_the_extraction_stack(args):
    modules = imported(*args)
    assert {m for m in modules if m.split(".")[0] == "spacy" or m in HEAVY} == set()


def test_version_loads_neither_pydantic_nor_numpy():
    modules = imported("--version")
    assert {m for m in modules if m.split(".")[0] in ("pydantic", "numpy", "jsonschema")} == set()
    assert "verifier.checking.pipeline" not in modules


def test_check_loads_its_own_command_only():
    modules = imported("check", "--ledger", str(ROOT), "--fail-on", "never", "examples/draft.md")
    # (importlib.import_module, which loads a command's module, is not itself in -X importtime's list)
    assert "verifier.checking.pipeline" in modules
    assert {"verifier.ledger.workspace", "verifier.extraction.extract", "verifier.extraction.grammar", "spacy"} & modules == set()


def test_loading_a_cached_index_reads_no_yaml_and_no_lexicon(tmp_path):
    """The start of `match`, the API or a check's workers: the index from the cache, without the YAML
    reader, the lexicon's models or the build's process helpers."""
    env = {**os.environ, "VERIFIER_CACHE_DIR": str(tmp_path)}
    build = "from verifier.matching.cache import index_for; import sys; index_for(sys.argv[1])"
    subprocess.run([sys.executable, "-c", build, str(ROOT)], check=True, env=env, cwd=tmp_path)
    load = "from verifier.matching.cache import load_cached; import sys; assert load_cached(sys.argv[1])"
    run = subprocess.run([sys.executable, "-X", "importtime", "-c", load, str(ROOT)], capture_output=True,
                         text=True, env=env, cwd=tmp_path)  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    modules = {line.rsplit("|", 1)[1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    assert {m for m in modules if m.split(".")[0] in ("ruamel", "multiprocessing", "jsonschema")} == set()
    assert "verifier.common.lexicon" not in modules and "verifier.parsing.statements" not in modules
