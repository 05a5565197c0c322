"""`check --jobs N`: the same bytes as one process, for many files, for one long file, and on errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from verifier.checking import parallel
from verifier.checking.pipeline import Checker
from verifier.cli import main
from verifier.ledger.load import load_ledger
from verifier.reading.documents import sentences

ROOT = Path(__file__).resolve().parent.parent
# "It" and "The province" carry Jiangsu over from the sentence before: a unit that starts at one
# of them must still know whom it is about.
CHAIN = (
    "Jiangsu is a big province. It is home to about 60 million people. The province has a GDP of "
    "about $500 billion. It lies in southwest China. Zhejiang is another province. It is near the sea. "
)


def check(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["check", "--ledger", str(ROOT), "--fail-on", "never", *args], input=input)


@pytest.fixture
def drafts(tmp_path: Path, monkeypatch) -> list[str]:
    """Twelve drafts: enough files for whole-file units at --jobs 2."""
    monkeypatch.chdir(tmp_path)
    sources = [ROOT / "examples" / "draft.md", ROOT / "tests" / "drafts" / "briefing.md"]
    names = []
    for i in range(12):
        name = f"d{i:02d}.md"
        text = sources[i % 2].read_text(encoding="utf-8") + "\n" + CHAIN * (i % 3)
        Path(name).write_text(text, encoding="utf-8")
        names.append(name)
    return names


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html"])
def test_jobs_2_prints_the_bytes_of_jobs_1_on_several_files(drafts, fmt):
    one = check("--jobs", "1", "--format", fmt, *drafts)
    two = check("--jobs", "2", "--format", fmt, *drafts)
    assert one.exit_code == two.exit_code == 0
    assert "inconsistent" in one.output and two.output == one.output


def test_jobs_2_on_one_long_file_and_on_a_few_files_splits_them_and_matches(drafts):
    Path("long.md").write_text(CHAIN * 60, encoding="utf-8")
    assert len(sentences(CHAIN * 60, "long.md")) == 360  # 9 runs of 40 sentences at --jobs 2
    outputs = []
    for args in (["long.md"], ["long.md", drafts[0], drafts[1]]):
        outputs.append(check("--jobs", "1", "--format", "json", *args).output)
        assert check("--jobs", "2", "--format", "json", *args).output == outputs[-1]
    # each CHAIN: "It is home to about 60 million people", "about $500 billion" are wrong of Jiangsu
    assert outputs[0].count('"verdict": "inconsistent"') == 2 * 60


def test_jobs_2_reads_standard_input_in_the_parent():
    one = check("--jobs", "1", "--format", "jsonl", "-", input=CHAIN * 30)
    assert check("--jobs", "2", "--format", "jsonl", "-", input=CHAIN * 30).output == one.output
    assert one.output.count('"path":"-"') == 30 * 4


def test_a_file_that_fails_in_a_worker_fails_as_in_one_process(drafts):
    Path(drafts[5]).write_bytes(b"Jiangsu \xff has 80 million people.")
    one, two = check("--jobs", "1", *drafts), check("--jobs", "2", *drafts)
    assert two.exit_code == one.exit_code == 2
    assert two.output == one.output == f"error: {drafts[5]}: not UTF-8 text (invalid byte at offset 8)\n"


def test_a_run_of_sentences_reads_the_subject_carried_into_it():
    checker = Checker.for_ledger(load_ledger(ROOT))
    sents = sentences(CHAIN * 2, "d.txt")
    whole = checker.check_sentences(sents)
    for k in range(len(sents)):
        tail = [f for f in whole if f.line == 1 and f.column >= sents[k].column]
        assert checker.check_sentences(sents[k:], sents[:k]) == tail, k


def test_units_cut_long_files_and_keep_many_files_whole(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text(CHAIN * 60, encoding="utf-8")
    try:
        units = parallel._plan(["a.md"], 2)
        assert [(u.lo, u.hi) for u in units] == [(lo, lo + 45) for lo in range(0, 360, 45)]
        assert parallel._plan(["a.md"] * 8, 2) == [parallel.Unit(i, "a.md") for i in range(8)]
    finally:
        parallel._SPLIT.clear()


def test_a_single_short_pipe_is_read_once(tmp_path):
    """One file of one sentence is one unit: checked in this process from the text already read."""
    import os
    import threading

    pipe = tmp_path / "pipe.md"
    os.mkfifo(pipe)

    def feed():
        with open(pipe, "w", encoding="utf-8") as writer:
            writer.write("Jiangsu has a GDP of about $500 billion.\n")

    feeder = threading.Thread(target=feed)
    feeder.start()
    result = check("--jobs", "2", "--format", "jsonl", str(pipe))
    feeder.join(10)
    assert result.output.count('"verdict":"inconsistent"') == 1


def test_the_html_report_of_stdin_with_jobs_2_shows_the_text_it_read_once():
    text = "Jiangsu has a GDP of more than $3 trillion.\n"
    one = check("--jobs", "1", "--format", "html", "-", input=text)
    two = check("--jobs", "2", "--format", "html", "-", input=text)
    assert two.output == one.output and "Jiangsu has a GDP of more than $3 trillion." in one.output


def test_the_check_collector_freezes_what_outlives_a_collection_and_undoes_it_all():
    import gc

    from verifier.checking.pipeline import _GEN0_WHILE_CHECKING, tuned_collector

    threshold, callbacks = gc.get_threshold(), list(gc.callbacks)
    with tuned_collector():
        assert gc.get_threshold()[0] == max(threshold[0], _GEN0_WHILE_CHECKING)
        frozen = gc.get_freeze_count()
        kept = [[i] for i in range(1000)]  # alive across the collection below
        gc.collect(0)
        assert gc.get_freeze_count() >= frozen + len(kept)
    assert gc.get_threshold() == threshold and gc.callbacks == callbacks and gc.get_freeze_count() == 0
