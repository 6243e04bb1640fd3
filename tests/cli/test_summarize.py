import json

import pandas as pd

from ..conftest import DATASET

SAMPLES = DATASET / "samples"


def test_summarize_journal_weekly_to_csv(run, tmp_path):
    out = tmp_path / "weekly.csv"
    result = run("summarize", SAMPLES / "journal.csv", "--by", "client_id", "--freq", "W", "-o", out)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    assert list(table.columns[:4]) == ["client_id", "period_start", "period_end", "label"]
    assert sorted(table["client_id"].unique()) == ["C01", "C02", "C03", "C04"]
    assert table["period_start"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()
    texts = table.loc[table["label"] == "fear_of_rejection", "entries"].sum()
    assert texts == 127
    assert result.stderr.startswith("summarised 127 texts in ") and f"-> {out}" in result.stderr


def test_summarize_chat_to_json_with_strategy_notes(run, tmp_path, taxonomy):
    out = tmp_path / "chat.json"
    result = run("summarize", SAMPLES / "chat.csv", "--by", "conversation_id,speaker", "-o", out, "-q")
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(out.read_text())
    assert {"conversation_id", "speaker", "label", "share", "example_text"} <= set(data["rows"][0])
    assert "not advice for a specific person" in data["strategies"]["notice"]
    assert data["meta"]["shares"].startswith("shares flagged are raw classifier counts, not prevalence estimates")
    found = {row["label"] for row in data["rows"] if row["count"] > 0}
    assert set(data["strategies"]["by_label"]) == found
    assert data["strategies"]["by_label"]["self_doubt"] == list(taxonomy["self_doubt"].strategies)


def test_summarize_transcript_to_stdout_without_texts(run):
    result = run("summarize", SAMPLES / "chat_transcript.txt", "--format", "transcript", "--no-example-text", "-q")
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert lines[0] == ("conversation_id,speaker,label,entries,count,share,mean_score,first_seen,last_seen,"
                        "example_id,example_score")
    assert len(lines) == 1 + 2 * 4


def test_summarize_errors(run, tmp_path):
    src = SAMPLES / "chat_transcript.txt"
    result = run("summarize", src, "--freq", "D")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: input '{src}' has no 'date' or 'timestamp' column to count periods by; "
                             "name one with --time-column, or leave out --freq\n")
    result = run("summarize", src, "--by", "client_id")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: input '{src}' has no column 'client_id' for --by; available columns: id, text; "
                             "a .txt file is read as one text per line: for a '[time] Name: message' chat transcript "
                             "pass --format transcript\n")
    result = run("summarize", SAMPLES / "journal.csv", "--freq", "fortnight", "-o", tmp_path / "x.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: period 'fortnight' is not supported; use D (day), W")
    result = run("summarize", SAMPLES / "journal.csv", "-o", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and "cannot tell the format of" in result.stderr
    assert not list(tmp_path.iterdir())
