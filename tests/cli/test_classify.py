import json

import pandas as pd
import pytest

from toolkit.classification import output_columns


def test_classify_csv_to_csv(run, tmp_path, tiny_model_dir, taxonomy):
    src = tmp_path / "in.csv"
    pd.DataFrame(
        {"id": ["a", "b"], "text": ["what if she laughs at me", "we went to the beach"], "when": ["1", "2"]}
    ).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    result = run("classify", src, "-o", out, "--model", tiny_model_dir)
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns) == ["id", "text", "when", *output_columns(taxonomy)]
    assert frame["fear_of_rejection"].tolist() == ["1", "0"]
    assert result.stderr.startswith("classified 2 rows in ")
    assert "fear_of_rejection 1" in result.stderr and f"-> {out}" in result.stderr


def test_classify_default_model_to_stdout_quietly(run, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("In my family you just didn't talk about feelings\nwe had pizza\n")
    result = run("classify", src, "-q")
    assert result.exit_code == 0
    assert result.stderr == ""
    rows = result.stdout.strip().splitlines()
    assert rows[0].startswith("id,text,fear_of_rejection,fear_of_rejection_score")
    assert len(rows) == 3


def test_classify_stdin_jsonl_to_jsonl(run, tmp_path, tiny_model_dir):
    out = tmp_path / "out.jsonl"
    result = run("classify", "-", "--format", "jsonl", "-o", out, "--model", tiny_model_dir, "-q",
                 input='{"text": "what if she laughs at me", "k": 7}\n')
    assert result.exit_code == 0
    record = json.loads(out.read_text())
    assert record["k"] == 7 and record["labels"] == "fear_of_rejection"


def test_classify_parquet_output_and_batches(run, tmp_path, tiny_model_dir):
    src = tmp_path / "in.csv"
    pd.DataFrame({"text": [f"text number {i}" for i in range(23)]}).to_csv(src, index=False)
    out = tmp_path / "out.parquet"
    assert run("classify", src, "-o", out, "--batch-size", "5", "--model", tiny_model_dir, "-q").exit_code == 0
    assert pd.read_parquet(out)["text"].tolist() == [f"text number {i}" for i in range(23)]


def test_empty_text_rows_are_kept(run, tmp_path, tiny_model_dir):
    src = tmp_path / "in.csv"
    src.write_text('text,n\n"what if she laughs at me",1\n"",2\n')
    out = tmp_path / "out.csv"
    result = run("classify", src, "-o", out, "--model", tiny_model_dir)
    assert result.exit_code == 0
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert frame["warning"].tolist() == ["", "empty text"]
    assert frame["fear_of_rejection_score"].tolist()[1] == ""
    assert "1 empty text(s) left unscored" in result.stderr


def write(path, content: bytes | str):
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


@pytest.mark.parametrize(
    ("name", "content", "extra", "message"),
    [
        ("missing.csv", None, [], "input file '{src}' does not exist; check the path"),
        ("in.xlsx", "x", [], "cannot tell the format of '{src}' (.xlsx); expected a file ending in .csv, .tsv, .tab, "
                             ".jsonl, .ndjson, .parquet, .pq, .txt or a directory of .txt files, or pass --format"),
        ("in.csv", "body\nhello\n", [], "input file '{src}' has no column 'text'; available columns: body. "
                                         "Name the column that holds the texts with --text-column"),
        ("in.csv", "", [], "input file '{src}' is empty; it needs a header and at least one row of text"),
        ("in.csv", b"text\ncaf\xe9\n", [], "input file '{src}' is not valid utf-8 at byte 8 (line 2); pass the "
                                           "file's encoding with --encoding (for example --encoding latin-1)"),
        ("in.jsonl", '{"text": "a"}\n{"text": \n', [], "input file '{src}' line 2 is not valid JSON (Expecting value); "
                                                        "each line must be one JSON object"),
        ("in.csv", "text\nhi\n", ["--id-column", "key"], "input file '{src}' has no id column 'key'; "
                                                          "available columns: text. Pass an existing column to "
                                                          "--id-column or leave it out"),
    ],
)
def test_bad_input_gives_one_line_error_and_no_output(run, tmp_path, tiny_model_dir, name, content, extra, message):
    src = tmp_path / name
    if content is not None:
        write(src, content)
    out = tmp_path / "out.csv"
    result = run("classify", src, "-o", out, "--model", tiny_model_dir, *extra)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message.format(src=src)}\n"
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_model_from_another_taxonomy_is_refused(run, tmp_path, tiny_model_dir):
    taxonomy = tmp_path / "mine.toml"
    taxonomy.write_text('name = "mine"\n[[labels]]\nid = "loneliness"\nname = "L"\ndefinition = "d"\n')
    src = write(tmp_path / "in.csv", "text\nhello\n")
    result = run("classify", src, "--model", tiny_model_dir, "--taxonomy", taxonomy, "-o", tmp_path / "o.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: the model was trained on taxonomy 'barriers-to-openness' with labels "
                                    "fear_of_rejection, past_experiences, self_doubt, cultural_influences")
    assert result.stderr.endswith(
        "use a model trained on this taxonomy (barriers train --taxonomy ...) or drop --taxonomy\n"
    )


def test_corrupt_model_is_refused(run, tmp_path):
    model = tmp_path / "model"
    model.mkdir()
    (model / "model.json").write_text("{not json")
    src = write(tmp_path / "in.csv", "text\nhello\n")
    result = run("classify", src, "--model", model, "-o", tmp_path / "o.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: model card '{model / 'model.json'}' is corrupt (")
    assert result.stderr.endswith("); retrain the model or restore the file\n")
    assert not (tmp_path / "o.csv").exists()


def test_clashing_columns_suggest_keep_columns(run, tmp_path, tiny_csv, tiny_model_dir):
    result = run("classify", tiny_csv, "--model", tiny_model_dir, "-o", tmp_path / "o.csv")
    assert result.exit_code == 2
    assert "--keep-columns" in result.stderr
    ok = run(
        "classify", tiny_csv, "--model", tiny_model_dir, "-o", tmp_path / "o.csv", "--keep-columns", "id,text", "-q"
    )
    assert ok.exit_code == 0
    assert list(pd.read_csv(tmp_path / "o.csv").columns[:2]) == ["id", "text"]
