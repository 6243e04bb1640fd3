"""The run layer: one job from file to file, options validated once, engines by name, progress callbacks."""

import importlib
import json

import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.run import ENGINES, RunInterrupted, RunOptions, RunSummary, classify_file

from ..conftest import TINY, write_tiny_corpus


@pytest.fixture()
def corpus(tmp_path):
    return write_tiny_corpus(tmp_path / "in.csv", 6)


@pytest.mark.parametrize("kwargs, message", [
    ({"jobs": 0}, "--jobs must be a whole number of at least 1, got 0; leave it out to use all cores"),
    ({"group_column": "client_id"}, "--by goes with --anonymize"),
    ({"engine": "gpu"}, "--engine must be one of local, serial, dask, got 'gpu'"),
    ({"output_parts": "parts"}, "--output-parts writes the partitions of --engine dask"),
    ({"engine": "dask", "batch_size": 10}, "--batch-size sets the chunks of the local engine"),
    ({"engine": "dask", "resume": True}, "--resume works with the local engine; drop --resume or --engine dask"),
    ({"engine": "dask", "anonymize": True}, "--anonymize keeps pseudonyms consistent across all rows"),
    ({"scheduler": "tcp://10.0.0.5:8786"}, "--scheduler needs --engine dask"),
    ({"max_text_chars": -1}, "--max-text-chars must be a whole number of at least 0"),
    ({"batch_size": 0}, "--batch-size must be a whole number of at least 1, got 0"),
    ({"keep_columns": "id,text"}, "--keep-columns takes a list of column names"),
])
def test_options_are_checked_when_made_and_name_the_option(kwargs, message):
    with pytest.raises(InputError) as raised:
        RunOptions(**kwargs)
    assert str(raised.value).startswith(message)


def test_options_are_frozen_and_normalised():
    options = RunOptions(keep_columns=["id", "text"], max_text_chars=0)
    assert options.keep_columns == ("id", "text") and options.max_text_chars is None
    with pytest.raises(AttributeError):
        options.jobs = 3


def test_every_engine_declares_what_it_supports():
    assert set(ENGINES) == {"local", "serial", "dask"}
    for engine in ENGINES.values():
        for flag in ("chunked", "resumable", "anonymizes", "writes_parts", "distributed"):
            assert isinstance(getattr(engine, flag), bool)
        assert callable(engine.run)


def test_serial_and_local_engines_write_the_same_file(corpus, tmp_path, tiny_model):
    outputs = {}
    for engine in ("serial", "local"):
        dest = tmp_path / f"{engine}.csv"
        summary = classify_file(corpus, dest, model=tiny_model,
                                options=RunOptions(engine=engine, jobs=2, batch_size=7))
        assert isinstance(summary, RunSummary)
        assert summary.rows == len(TINY) * 6 and summary.output == str(dest)
        outputs[engine] = dest.read_bytes()
        record = json.loads((tmp_path / f"{engine}.csv.meta.json").read_text())
        assert record["options"]["engine"] == engine and record["options"]["model"] == "in memory"
        assert record["rows"] == summary.rows
    assert outputs["serial"] == outputs["local"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_progress_counts_are_monotone_and_end_at_the_total(corpus, tmp_path, tiny_model, jobs):
    calls = []
    summary = classify_file(corpus, tmp_path / "out.jsonl", model=tiny_model,
                            options=RunOptions(jobs=jobs, batch_size=10), progress=lambda *a: calls.append(a))
    done = [d for d, _ in calls]
    assert len(calls) >= 2 and done == sorted(done)
    assert calls[-1] == (summary.rows, summary.rows)
    assert all(total is not None and total >= d for d, total in calls)


def test_no_progress_callback_no_calls_and_the_same_output(corpus, tmp_path, tiny_model):
    classify_file(corpus, tmp_path / "a.csv", model=tiny_model, options=RunOptions(jobs=1))
    classify_file(corpus, tmp_path / "b.csv", model=tiny_model, options=RunOptions(jobs=1), progress=lambda d, t: None)
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_an_interrupted_resumable_run_says_where_its_rows_are_and_continues(corpus, tmp_path, tiny_model,
                                                                           monkeypatch):
    engine = importlib.import_module("toolkit.engine")
    real = engine.classify_chunks

    def stop_after_two(*args, **kwargs):
        for number, chunk in enumerate(real(*args, **kwargs)):
            if number == 2:
                raise KeyboardInterrupt
            yield chunk

    monkeypatch.setattr(engine, "classify_chunks", stop_after_two)
    options = RunOptions(jobs=1, batch_size=10, resume=True)
    dest = tmp_path / "out.csv"
    with pytest.raises(RunInterrupted) as stopped:
        classify_file(corpus, dest, model=tiny_model, options=options)
    assert stopped.value.rows_done == 20 and stopped.value.partial == tmp_path / "out.csv.partial"
    assert "20 rows are saved in" in str(stopped.value)
    monkeypatch.undo()
    calls = []
    summary = classify_file(corpus, dest, model=tiny_model, options=options, progress=lambda *a: calls.append(a))
    assert summary.resumed_rows == 20 and summary.rows == len(TINY) * 6 - 20
    assert calls[0][0] == 20 and calls[-1][0] == len(TINY) * 6
    classify_file(corpus, tmp_path / "straight.csv", model=tiny_model, options=RunOptions(jobs=1, batch_size=10))
    assert dest.read_bytes() == (tmp_path / "straight.csv").read_bytes()


def test_anonymising_runs_before_scoring_and_reports(tmp_path, tiny_model):
    source = tmp_path / "chat.csv"
    pd.DataFrame({"conversation_id": ["c1", "c1"], "text": ["Call me at 555-0100 tomorrow", "Anna said hi"]}) \
        .to_csv(source, index=False)
    summary = classify_file(source, tmp_path / "out.csv", model=tiny_model,
                            options=RunOptions(anonymize=True, group_column="conversation_id", jobs=1))
    out = pd.read_csv(tmp_path / "out.csv")
    assert "555-0100" not in " ".join(out["text"])
    assert summary.anonymization is not None and summary.anonymization.startswith("anonymised 2 rows")


def test_output_parts_and_a_file_are_refused_together(corpus, tmp_path, tiny_model):
    with pytest.raises(InputError, match="not both"):
        classify_file(corpus, tmp_path / "o.csv", model=tiny_model,
                      options=RunOptions(engine="dask", output_parts=str(tmp_path / "p")))
    with pytest.raises(InputError, match="pass an output file"):
        classify_file(corpus, None, model=tiny_model)
