"""--resume checks and edge cases, --max-text-chars and --max-line-chars (in process; the killed runs are in
test_interrupted_runs.py)."""

import importlib
import io
import json

import pandas as pd
import pytest

import toolkit
from toolkit.errors import InputError
from toolkit.io import LineLimitedStream, read_table


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "in.csv"
    texts = ["what if he thinks less of me", "my ex read my diary", "we went to the beach", "I'm overreacting"] * 15
    pd.DataFrame({"id": range(len(texts)), "text": texts}).to_csv(path, index=False)
    return path


def interrupt_after(monkeypatch, chunks: int):
    """Make the classify command stop with Ctrl-C after *chunks* chunks are written."""
    engine = importlib.import_module("toolkit.engine")  # what the run layer's local engine calls for each job
    real = engine.classify_chunks

    def stopping(*args, **kwargs):
        for number, chunk in enumerate(real(*args, **kwargs)):
            if number == chunks:
                raise KeyboardInterrupt
            yield chunk

    monkeypatch.setattr(engine, "classify_chunks", stopping)


def test_resume_cuts_a_half_written_chunk_and_finishes_identically(run, corpus, tmp_path, monkeypatch):
    straight = tmp_path / "straight.csv"
    assert run("classify", corpus, "-o", straight, "--batch-size", 10, "-j", 1, "-q").exit_code == 0
    out = tmp_path / "out.csv"
    interrupt_after(monkeypatch, 2)
    first = run("classify", corpus, "-o", out, "--batch-size", 10, "-j", 1, "-q", "--resume")
    assert first.exit_code == 130
    checkpoint = json.loads((tmp_path / "out.csv.checkpoint.json").read_text())
    assert checkpoint["rows_done"] == 20
    with open(tmp_path / "out.csv.partial", "a") as partial:
        partial.write("20,what if he thin")  # a chunk the killed run had begun to write
    monkeypatch.undo()
    second = run("classify", corpus, "-o", out, "--batch-size", 10, "-j", 1, "--resume")
    assert second.exit_code == 0
    assert "(resumed after 20 rows done before)" in second.stderr and "classified 40 rows" in second.stderr
    assert out.read_bytes() == straight.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv", "out.csv", "out.csv.meta.json", "straight.csv",
                                                         "straight.csv.meta.json"]


def test_resume_refuses_a_checkpoint_of_another_run(run, corpus, tmp_path, monkeypatch):
    out = tmp_path / "out.csv"
    interrupt_after(monkeypatch, 1)
    assert run("classify", corpus, "-o", out, "--batch-size", 10, "-j", 1, "-q", "--resume").exit_code == 130
    monkeypatch.undo()
    with open(corpus, "a") as fh:
        fh.write("60,a new row changes the input\n")
    result = run("classify", corpus, "-o", out, "--batch-size", 10, "-j", 1, "-q", "--resume")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: checkpoint '{out}.checkpoint.json' belongs to another run (changed: input); run the "
        "same command on the same, unchanged input to continue it, or delete "
        f"'{out}.checkpoint.json' and '{out}.partial' to start again\n"
    )
    result = run("classify", corpus, "-o", out, "--batch-size", 20, "-j", 1, "-q", "--resume")
    assert "(changed: input, options)" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-o", "out.parquet"],
            "Error: --resume works with CSV, TSV or JSONL output, not parquet; write one of those "
            "(and convert afterwards) or drop --resume\n",
        ),
        (["-o", "-"], "Error: --resume needs an output file; stdout cannot be resumed\n"),
        (
            ["-o", "out", "--engine", "dask"],
            "Error: --resume works with the local engine; drop --resume or --engine dask\n",
        ),
    ],
)
def test_resume_needs_a_resumable_output(run, corpus, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = run("classify", corpus, *args, "--resume", "-q")
    assert result.exit_code == 2
    assert result.stderr == message


def test_long_texts_are_scored_on_their_start_and_flagged(run, tmp_path, default_model):
    long_text = "what if he thinks less of me " + "and the weather was grey " * 40
    path = tmp_path / "in.csv"
    pd.DataFrame({"text": [long_text, "short one", ""]}).to_csv(path, index=False)
    result = run("classify", path, "-o", tmp_path / "out.csv", "--max-text-chars", 100)
    assert result.exit_code == 0
    out = pd.read_csv(tmp_path / "out.csv", keep_default_na=False)
    assert out["text"].tolist()[:2] == [long_text, "short one"]  # the text itself passes through whole
    assert out["warning"].tolist() == ["text truncated to 100 characters", "", "empty text"]
    expected = toolkit.classify([long_text[:100]], default_model)
    assert float(out.loc[0, "fear_of_rejection_score"]) == pytest.approx(expected.loc[0, "fear_of_rejection_score"])
    assert "; 1 long text(s) truncated (see 'warning')" in result.stderr
    whole = run("classify", path, "-o", tmp_path / "whole.csv", "--max-text-chars", 0, "-q")
    assert pd.read_csv(tmp_path / "whole.csv", keep_default_na=False)["warning"].tolist() == ["", "", "empty text"]
    assert whole.exit_code == 0


def test_the_default_text_limit_is_generous(default_model):
    frame = toolkit.classify(["x " * 49_000, "y " * 51_000], default_model)
    assert frame["warning"].tolist() == ["", "text truncated to 100,000 characters"]


def test_an_over_long_line_stops_the_run_naming_the_limit(run, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "fine"}\n{"text": "' + "a" * 5_000 + '"}\n')
    result = run("classify", path, "-o", tmp_path / "out.csv", "--max-line-chars", 1_000)
    assert result.exit_code == 2
    assert result.stderr == (f"Error: input file '{path}' line 2 is longer than 1,000 characters, the limit for one "
                             "line (it keeps memory bounded); if that line really is one record, raise the limit with "
                             "--max-line-chars (max_line_chars= in Python), otherwise check the file's format and line "
                             "breaks\n")
    assert not (tmp_path / "out.csv").exists()
    assert run("classify", path, "-o", tmp_path / "out.csv", "--max-line-chars", 10_000, "-q").exit_code == 0


class EndlessLine(io.TextIOBase):
    """A 'file' of one line that never ends; counts what was read from it."""

    def __init__(self, header="id,text\n1,"):
        self.header, self.served = header, 0

    def readable(self):
        return True

    def read(self, size=-1):
        if size is None or size < 0:
            raise AssertionError("read everything: unbounded")
        if self.served > 50_000_000:
            raise AssertionError("kept reading far past the limit")
        data = (self.header + "x" * size)[:size] if self.served == 0 else "x" * size
        self.served += len(data)
        return data

    def readline(self, size=-1):
        return self.read(size if size is not None and size >= 0 else 1 << 16)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "txt", "transcript"])
def test_readers_stop_soon_after_the_limit_on_an_endless_line(monkeypatch, fmt):
    import toolkit.io as tio

    source = EndlessLine("id,text\n1," if fmt == "csv" else "")
    monkeypatch.setattr(tio, "_text_stream", lambda name, encoding, limit: LineLimitedStream(source, limit, name))
    with pytest.raises(InputError, match="is longer than 1,000,000 characters"):
        list(read_table("-", fmt, max_line_chars=1_000_000))
    assert source.served < 1_000_000 + 2 * (1 << 20)


def test_resuming_removes_a_checkpoint_write_cut_short(tmp_path):
    from toolkit.resume import ResumableWriter

    out = tmp_path / "out.csv"
    first = ResumableWriter(out, run={"input": "demo"})
    first.start()
    first.write(pd.DataFrame({"id": [1], "label": ["a"]}))
    first.abort()
    stray = tmp_path / ".out.csv.checkpoint.json.x1y2.partial"  # what a kill during the checkpoint write leaves
    stray.write_text("{")
    again = ResumableWriter(out, run={"input": "demo"})
    assert again.start() == 1
    assert not stray.exists()
    again.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
