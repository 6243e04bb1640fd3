"""A header-only table is a table of 0 rows (a shard of a split corpus may be empty); an empty file is an error."""

import pandas as pd
import pytest

HEADER = "entry_id,client_id,date,text\n"
LABELS = ("fear_of_rejection", "past_experiences", "self_doubt", "cultural_influences")
OUT_COLUMNS = ["entry_id", "client_id", "date", "text",
               *[c for label in LABELS for c in (label, f"{label}_score")], "labels", "warning"]


@pytest.mark.parametrize("fmt", ["csv", "tsv", "parquet", "jsonl"])
def test_header_only_input_gives_header_only_output(run, tmp_path, fmt):
    src = tmp_path / "shard.csv"
    src.write_text(HEADER)
    out = tmp_path / f"out.{fmt}"
    result = run("classify", src, "-o", out, "-j", 1)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("classified 0 rows in ")
    assert f"flagged: {', '.join(f'{label} 0' for label in LABELS)} -> {out}" in result.stderr
    if fmt == "csv":
        assert out.read_text() == ",".join(OUT_COLUMNS) + "\n"
    elif fmt == "tsv":
        assert out.read_text() == "\t".join(OUT_COLUMNS) + "\n"
    elif fmt == "parquet":
        frame = pd.read_parquet(out)
        assert list(frame.columns) == OUT_COLUMNS and len(frame) == 0
    else:
        assert out.read_text() == ""  # JSONL has no header: 0 rows is 0 lines


def test_header_only_parquet_input(run, tmp_path):
    src = tmp_path / "shard.parquet"
    pd.DataFrame({"id": pd.Series([], dtype=str), "text": pd.Series([], dtype=str)}).to_parquet(src)
    result = run("classify", src, "-o", tmp_path / "out.csv", "-j", 1, "-q")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.csv").read_text().startswith("id,text,fear_of_rejection,")


def test_header_only_to_stdout_and_with_resume_and_jobs(run, tmp_path):
    src = tmp_path / "shard.csv"
    src.write_text(HEADER)
    result = run("classify", src, "-q", "-j", 2)
    assert result.exit_code == 0 and result.stdout == ",".join(OUT_COLUMNS) + "\n"
    result = run("classify", src, "-q", "-o", tmp_path / "out.csv", "--resume")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.csv").read_text() == ",".join(OUT_COLUMNS) + "\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "out.csv.meta.json", "shard.csv"]


def test_header_only_anonymize(run, tmp_path):
    src = tmp_path / "shard.csv"
    src.write_text(HEADER)
    result = run("anonymize", src, "-o", tmp_path / "anon.csv")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "anon.csv").read_text() == HEADER
    assert result.stderr.startswith("anonymised 0 rows in ")


def test_header_only_still_checks_the_text_column(run, tmp_path):
    src = tmp_path / "shard.csv"
    src.write_text("id,body\n")
    result = run("classify", src, "-o", tmp_path / "out.csv")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: input file '{src}' has no column 'text'; available columns: id, body. "
                             "Name the column that holds the texts with --text-column\n")
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("name", ["empty.csv", "empty.jsonl", "empty.txt"])
def test_empty_file_stays_an_error(run, tmp_path, name):
    src = tmp_path / name
    src.write_text("")
    result = run("classify", src, "-o", tmp_path / "out.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: input file '{src}' is empty;")
    assert not (tmp_path / "out.csv").exists()
