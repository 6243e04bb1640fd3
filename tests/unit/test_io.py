import io
import json
import sys

import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.io import TableWriter, detect_format, read_all, read_table, write_table


def test_formats_from_extension_and_override(tmp_path):
    assert detect_format("a.CSV") == "csv"
    assert detect_format("a.tsv") == "tsv"
    assert detect_format("a.ndjson") == "jsonl"
    assert detect_format(tmp_path) == "dir"
    assert detect_format("a.weird", fmt="jsonl") == "jsonl"
    with pytest.raises(InputError, match=r"cannot tell the format of 'a\.xlsx' \(\.xlsx\)"):
        detect_format("a.xlsx")
    with pytest.raises(InputError, match="format 'xml' is not supported"):
        detect_format("a.csv", fmt="xml")


def test_csv_values_pass_through_as_text(tmp_path):
    path = tmp_path / "a.csv"
    path.write_text("id,text,score\n007,hello,1.50\n008,,NA\n")
    frame = read_all(path)
    assert frame.to_dict("records") == [
        {"id": "007", "text": "hello", "score": "1.50"},
        {"id": "008", "text": "", "score": "NA"},
    ]


def test_chunks_are_bounded(tmp_path):
    path = tmp_path / "a.csv"
    pd.DataFrame({"text": [f"t{i}" for i in range(25)]}).to_csv(path, index=False)
    sizes = [len(chunk) for chunk in read_table(path, batch_size=10)]
    assert sizes == [10, 10, 5]


def test_tsv_jsonl_txt_dir_and_parquet(tmp_path):
    (tmp_path / "a.tsv").write_text("text\tn\nhi there\t1\n")
    assert read_all(tmp_path / "a.tsv")["text"].tolist() == ["hi there"]
    (tmp_path / "a.jsonl").write_text('{"text": "one"}\n\n{"text": "two", "x": 1}\n')
    assert read_all(tmp_path / "a.jsonl")["text"].tolist() == ["one", "two"]
    (tmp_path / "a.txt").write_text("first line\nsecond line\n")
    assert read_all(tmp_path / "a.txt").to_dict("list") == {"id": ["1", "2"], "text": ["first line", "second line"]}
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "b.txt").write_text("bee\n")
    (folder / "a.txt").write_text("ay")
    (folder / "skip.md").write_text("no")
    assert read_all(folder).to_dict("list") == {"id": ["a.txt", "b.txt"], "text": ["ay", "bee"]}
    write_table(pd.DataFrame({"text": ["p", "q"], "n": [1, 2]}), tmp_path / "a.parquet")
    assert read_all(tmp_path / "a.parquet")["n"].tolist() == [1, 2]


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b'{"text": "from stdin"}\n')))
    assert read_all("-", "jsonl")["text"].tolist() == ["from stdin"]


def test_byte_order_mark_is_not_part_of_the_header(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufefftext\r\nhello\r\n".encode())
    assert list(read_all(path).columns) == ["text"]


def test_missing_empty_and_header_only_files(tmp_path):
    with pytest.raises(InputError, match=r"^input file '.*nope\.csv' does not exist; check the path$"):
        read_all(tmp_path / "nope.csv")
    (tmp_path / "empty.csv").write_text("")
    with pytest.raises(InputError, match="is empty; it needs a header and at least one row of text"):
        read_all(tmp_path / "empty.csv")
    (tmp_path / "header.csv").write_text("id,text\n")
    with pytest.raises(InputError, match="has no rows; it needs a header and at least one row of text"):
        read_all(tmp_path / "header.csv")
    (tmp_path / "empty.jsonl").write_text("\n\n")
    with pytest.raises(InputError, match="is empty; it needs one JSON object per line"):
        read_all(tmp_path / "empty.jsonl")


def test_non_utf8_bytes_are_located(tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes(b"text\nfine\ncaf\xe9 au lait\n")
    with pytest.raises(InputError) as err:
        read_all(path)
    assert str(err.value) == (
        f"input file '{path}' is not valid utf-8 at byte 13 (line 3); "
        "pass the file's encoding with --encoding (for example --encoding latin-1)"
    )
    assert read_all(path, encoding="latin-1")["text"].tolist() == ["fine", "café au lait"]


def test_malformed_jsonl_line_is_named(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"text": "ok"}\n{"text": "broken\n')
    with pytest.raises(InputError, match=r"line 2 is not valid JSON \(Unterminated string"):
        read_all(path)
    path.write_text('{"text": "ok"}\n["a list"]\n')
    with pytest.raises(InputError, match="line 2 is a JSON list, expected an object"):
        read_all(path)


@pytest.mark.parametrize("suffix", ["csv", "tsv", "jsonl", "parquet"])
def test_writer_round_trip(tmp_path, suffix):
    frame = pd.DataFrame({"text": ["a", "b,\"c\"\nd"], "score": [0.5, None]})
    path = tmp_path / f"out.{suffix}"
    write_table([frame.iloc[:1], frame.iloc[1:]], path)
    back = read_all(path)
    assert back["text"].tolist() == frame["text"].tolist()


def test_failed_write_leaves_no_file(tmp_path):
    path = tmp_path / "out.csv"
    with pytest.raises(RuntimeError):
        with TableWriter(path) as writer:
            writer.write(pd.DataFrame({"text": ["partial"]}))
            raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_existing_output_survives_a_failed_write(tmp_path):
    path = tmp_path / "out.jsonl"
    write_table(pd.DataFrame({"text": ["old"]}), path)
    with pytest.raises(RuntimeError):
        with TableWriter(path) as writer:
            writer.write(pd.DataFrame({"text": ["new"]}))
            raise RuntimeError("boom")
    assert [json.loads(line)["text"] for line in path.read_text().splitlines()] == ["old"]


def test_output_directory_must_exist(tmp_path):
    with pytest.raises(InputError, match="output directory .* does not exist; create it first"):
        TableWriter(tmp_path / "missing" / "out.csv")
