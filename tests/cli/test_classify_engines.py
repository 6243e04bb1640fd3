"""barriers classify --jobs / --engine dask / --scheduler."""

import json
import sys

import pandas as pd
import pyarrow.parquet as pq
import pytest

from toolkit.dask_engine import read_dask_output

from ..conftest import TINY


@pytest.fixture()
def corpus(tmp_path):
    """A CSV of 300 rows with an empty text, read in many chunks with --batch-size 40."""
    texts = [t[0] for t in TINY] * 14
    texts[7] = ""
    path = tmp_path / "corpus.csv"
    pd.DataFrame({"id": [f"r{i}" for i in range(len(texts))], "text": texts[: len(texts)]}).to_csv(path, index=False)
    return path


def test_jobs_two_writes_the_same_file_as_jobs_one(run, tmp_path, corpus, tiny_model_dir):
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.csv"
        result = run("classify", corpus, "-o", out, "--model", tiny_model_dir, "--jobs", jobs, "--batch-size", "40")
        assert result.exit_code == 0, result.output
        assert result.stderr.startswith(f"classified {len(TINY) * 14} rows in ")
        assert "1 empty text(s) left unscored" in result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("fmt", ["jsonl", "parquet", "tsv"])
def test_jobs_two_in_every_output_format(run, tmp_path, corpus, tiny_model_dir, fmt):
    one, two = tmp_path / f"one.{fmt}", tmp_path / f"two.{fmt}"
    for out, jobs in ((one, "1"), (two, "2")):
        assert run("classify", corpus, "-o", out, "--model", tiny_model_dir, "-j", jobs, "--batch-size", "40",
                   "-q").exit_code == 0
    assert (
        one.read_bytes() == two.read_bytes() if fmt != "parquet" else pd.read_parquet(one).equals(pd.read_parquet(two))
    )


@pytest.mark.parametrize(("value", "message"), [
    ("0", "--jobs must be a whole number of at least 1, got 0; leave it out to use all cores"),
    ("-3", "--jobs must be a whole number of at least 1, got -3; leave it out to use all cores"),
    ("many", "Invalid value for '-j' / '--jobs': 'many' is not a valid integer."),
])
def test_bad_jobs_give_one_line_errors(run, tmp_path, corpus, tiny_model_dir, value, message):
    out = tmp_path / "out.csv"
    result = run("classify", corpus, "-o", out, "--model", tiny_model_dir, "--jobs", value)
    assert result.exit_code == 2
    assert result.stderr.endswith(f"Error: {message}\n")
    assert not out.exists()


def test_an_error_in_a_worker_leaves_no_output(run, tmp_path, tiny_model_dir):
    src = tmp_path / "in.csv"
    pd.DataFrame({"body": ["x"] * 100}).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    result = run("classify", src, "-o", out, "--model", tiny_model_dir, "--jobs", "2", "--batch-size", "10")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: input file '{src}' has no column 'text'; available columns: body. "
                             "Name the column that holds the texts with --text-column\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_a_bad_row_late_in_the_input_leaves_no_output(run, tmp_path, tiny_model_dir):
    src = tmp_path / "in.jsonl"
    src.write_text('{"text": "what if she laughs at me"}\n' * 95 + '{"text": \n')
    out = tmp_path / "out.csv"
    result = run("classify", src, "-o", out, "--model", tiny_model_dir, "--jobs", "2", "--batch-size", "10")
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: input file '{src}' line 96 is not valid JSON (Expecting value); each line must be one JSON object\n"
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_scheduler_needs_the_dask_engine(run, tmp_path, corpus, tiny_model_dir):
    result = run("classify", corpus, "-o", tmp_path / "o.csv", "--model", tiny_model_dir, "--scheduler", "tcp://127.0.0.1:1")
    assert result.exit_code == 2
    assert result.stderr == "Error: --scheduler needs --engine dask; add --engine dask or drop --scheduler\n"


def test_dask_engine_without_the_extra_names_it(run, tmp_path, corpus, tiny_model_dir, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    result = run("classify", corpus, "--engine", "dask", "-o", tmp_path / "out", "--model", tiny_model_dir)
    assert result.exit_code == 2
    assert result.stderr == ("Error: --engine dask needs the optional package 'distributed', which is not installed; "
                             "install it with: pip install 'barrier-toolkit[dask]'\n")


# -- with Dask installed ------------------------------------------------------------
@pytest.fixture(scope="module")
def dask_cluster():
    pytest.importorskip("dask.dataframe", reason="the [dask] extra is not installed")
    distributed = pytest.importorskip("distributed", reason="the [dask] extra is not installed")
    import logging

    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=logging.CRITICAL)
    yield cluster.scheduler_address
    cluster.close()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_dask_parts_hold_the_local_rows_in_order(run, tmp_path, corpus, tiny_model_dir, dask_cluster, fmt):
    from toolkit.dask_engine import classify_with_dask
    from toolkit.models import load_model

    local = tmp_path / "local.csv"
    assert run("classify", corpus, "-o", local, "--model", tiny_model_dir, "--jobs", "1", "-q").exit_code == 0
    out = tmp_path / "parts"
    # Small blocks, so the 300 rows span several partitions and part files.
    summary = classify_with_dask(str(corpus), None, load_model(tiny_model_dir), scheduler=dask_cluster, blocksize=1000,
                                 output_parts=str(out), output_format=fmt)
    parts = sorted(p.name for p in out.iterdir())
    assert len(parts) > 2 and f"part.0.{fmt}" in parts and f"part.10.{fmt}" in parts  # as dask names them
    expected = pd.read_csv(local, dtype=str, keep_default_na=False)
    got = read_dask_output(out)
    if fmt == "csv":
        pd.testing.assert_frame_equal(got, expected)
    else:
        assert list(got.columns) == list(expected.columns)
        for column in expected.columns:
            values = got[column].astype(object).where(got[column].notna(), "")
            assert values.astype(str).tolist() == expected[column].tolist(), column
    assert summary.rows == len(expected) and summary.empty_texts == 1
    assert summary.positives["fear_of_rejection"] == int(expected["fear_of_rejection"].astype(int).sum())


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl"])
def test_dask_one_file_is_the_local_file_byte_for_byte(run, tmp_path, corpus, tiny_model_dir, dask_cluster, fmt):
    from toolkit.dask_engine import classify_with_dask
    from toolkit.models import load_model

    local, dask = tmp_path / f"local.{fmt}", tmp_path / f"dask.{fmt}"
    assert run("classify", corpus, "-o", local, "--model", tiny_model_dir, "--jobs", "1", "-q").exit_code == 0
    classify_with_dask(str(corpus), str(dask), load_model(tiny_model_dir), scheduler=dask_cluster, blocksize=4000)
    assert dask.read_bytes() == local.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.csv", f"dask.{fmt}", f"local.{fmt}",
                                                         f"local.{fmt}.meta.json"]


def test_every_shared_option_gives_the_same_table_on_both_engines(run, tmp_path, tiny_model_dir, dask_cluster):
    """--text-column, --id-column, --keep-columns, --max-text-chars, --encoding, --format, --taxonomy, --model."""
    from tests.conftest import REPO

    texts = [t[0] for t in TINY] * 6
    texts[3] = ""
    texts[5] = "caf\u00e9 " + "x" * 300  # latin-1 text, truncated
    texts[9] = "Ich weiß nicht, wie ich meiner Schwester sagen soll, dass es mir seit Wochen schlecht geht."
    src = tmp_path / "in.data"
    pd.DataFrame({"note": texts, "extra": range(len(texts)), "key": [f"k{i}" for i in range(len(texts))],
                  "drop": "x"}).to_csv(src, index=False, encoding="latin-1")
    options = ["--text-column", "note", "--id-column", "key", "--keep-columns", "note,extra", "--max-text-chars", "120",
               "--encoding", "latin-1", "--format", "csv", "--taxonomy", REPO / "toolkit" / "data" / "taxonomy.toml",
               "--model", tiny_model_dir, "-q"]
    local, dask = tmp_path / "local.csv", tmp_path / "dask.csv"
    assert run("classify", src, "-o", local, "-j", 1, *options).exit_code == 0
    result = run("classify", src, "-o", dask, "--engine", "dask", "--scheduler", dask_cluster, *options)
    assert result.exit_code == 0, result.output
    expected = pd.read_csv(local, dtype=str, keep_default_na=False)
    got = pd.read_csv(dask, dtype=str, keep_default_na=False)
    assert list(got.columns) == list(expected.columns) and list(got.columns)[:3] == ["key", "note", "extra"]
    for column in expected.columns:  # cell by cell
        assert got[column].tolist() == expected[column].tolist(), column
    assert "text truncated to 120 characters" in expected["warning"].tolist()
    assert "not English: de" in expected["warning"].tolist()


def test_dask_engine_through_the_cli(run, tmp_path, corpus, tiny_model_dir, dask_cluster):
    out = tmp_path / "out.parquet"
    result = run(
        "classify", corpus, "--engine", "dask", "--scheduler", dask_cluster, "-o", out, "--model", tiny_model_dir
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"classified {len(TINY) * 14} rows in ") and f"-> {out}" in result.stderr
    assert len(read_dask_output(out)) == len(TINY) * 14
    meta = json.loads((tmp_path / "out.parquet.meta.json").read_text())
    assert meta["options"]["engine"] == "dask" and meta["rows"] == len(TINY) * 14
    stored = json.loads(pq.ParquetFile(out).metadata.metadata[b"barriers"])
    assert stored["model"] == meta["model"] and stored["input"] == meta["input"] and stored["rows"] == meta["rows"]


def test_partitions_give_every_worker_work(tmp_path):
    from toolkit.dask_engine import partition_bytes

    big = tmp_path / "big.csv"
    with open(big, "wb") as fh:
        fh.truncate(88_000_000)
    assert partition_bytes([str(big)], 2) == 11_000_000  # 8 partitions for 2 workers
    assert partition_bytes([str(big)], 1) == 22_000_000
    assert partition_bytes(str(tmp_path / "*.csv"), 64) == 1_000_000


@pytest.mark.parametrize(("args", "message"), [
    (["{tmp}/nothing*.csv", "-o", "{tmp}/out.csv"], "input '{tmp}/nothing*.csv' matches no file; check the path or "
                                                    "the glob"),
    (["{tmp}", "-o", "{tmp}/out.csv"], "input '{tmp}' is a directory, which for the local engine means a directory of "
                                       ".txt files (one text per file); --engine dask does not read those: pass a glob "
                                       "of CSV, TSV or Parquet files such as '{tmp}/*.csv', or use the local engine"),
    (["{corpus}", "--output-parts", "{tmp}"], "--output-parts directory '{tmp}' is not empty; it receives a new set of "
                                              "part files, so pass a new path (or an empty directory)"),
    (["{corpus}", "-o", "{tmp}/o.csv", "--output-parts", "{tmp}/p"], "pass either -o FILE (one output file) or "
                                                                      "--output-parts DIRECTORY, not both"),
    (["{corpus}", "-o", "{tmp}/o.csv", "--batch-size", "10"], "--batch-size sets the chunks of the local engine; "
                                                              "--engine dask sizes its partitions by bytes (about four "
                                                              "per worker): drop --batch-size"),
    (["{corpus}", "-o", "{tmp}/o.csv", "--max-line-chars", "100"], "--max-line-chars is not enforced by "
                                                                   "--engine dask's CSV reader; drop it, or use the "
                                                                   "local engine"),
    (["{corpus}", "-o", "{tmp}/o.csv", "--resume"], "--resume works with the local engine; drop --resume or "
                                                    "--engine dask"),
    (["{corpus}", "--output-parts", "{tmp}/p", "--output-format", "xml"], None),
])
def test_dask_engine_input_errors(run, tmp_path, corpus, tiny_model_dir, args, message):
    pytest.importorskip("distributed", reason="the [dask] extra is not installed")
    fill = {"tmp": tmp_path, "corpus": corpus}
    result = run("classify", *[a.format(**fill) for a in args], "--engine", "dask", "--model", tiny_model_dir)
    assert result.exit_code == 2
    if message is not None:
        assert result.stderr == f"Error: {message.format(**fill)}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.csv"]


def test_output_parts_needs_the_dask_engine(run, tmp_path, corpus, tiny_model_dir):
    result = run("classify", corpus, "--output-parts", tmp_path / "p", "--model", tiny_model_dir)
    assert result.exit_code == 2
    assert result.stderr == ("Error: --output-parts writes the partitions of --engine dask; add --engine dask, "
                             "or use -o FILE\n")


def test_progress_goes_to_stderr_not_into_stdout(tmp_path, corpus, tiny_model_dir, dask_cluster, capsys):
    from toolkit.dask_engine import classify_with_dask
    from toolkit.models import load_model

    classify_with_dask(str(corpus), str(tmp_path / "out.csv"), load_model(tiny_model_dir), scheduler=dask_cluster,
                       blocksize=4000, progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "100% Completed" in captured.err


def test_the_run_layer_reports_dask_progress_and_writes_the_local_rows(tmp_path, corpus, tiny_model_dir, dask_cluster):
    from toolkit.run import RunOptions, classify_file

    calls = []
    summary = classify_file(corpus, tmp_path / "dask.csv", model=tiny_model_dir,
                            options=RunOptions(engine="dask", scheduler=dask_cluster),
                            progress=lambda *call: calls.append(call))
    local = classify_file(corpus, tmp_path / "local.csv", model=tiny_model_dir, options=RunOptions(jobs=1))
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()
    assert summary.rows == local.rows and summary.positives == local.positives
    done = [d for d, _ in calls]
    assert done == sorted(done) and calls[-1] == (summary.rows, summary.rows)
