import json

from toolkit.models import load_model

from ..conftest import DATASET

JOURNAL = DATASET / "samples" / "journal.csv"
TRANSCRIPT = DATASET / "samples" / "chat_transcript.txt"


def test_explain_a_text_argument(run):
    result = run("explain", "We had pasta. What if he thinks less of me once he knows?")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith(f"Explanation by model {load_model().model_id}")
    assert "fear_of_rejection  PRESENT  score " in out
    assert "\"What if he thinks less of me once he knows?\"" in out
    assert "pushed up:" in out and "pushed down:" in out
    assert "\x1b[" not in out  # no colour codes when the output is not a terminal
    assert "Conversation starters for the barriers found. General psycho-education" in out


def test_explain_reads_stdin(run):
    result = run("explain", input="in my family we never talked about feelings\n")
    assert result.exit_code == 0
    assert "Text: stdin" in result.stdout and "cultural_influences  PRESENT" in result.stdout


def test_explain_a_row_by_id_with_html_and_json(run, tmp_path):
    page = tmp_path / "j004.html"
    result = run("explain", JOURNAL, "--id", "J004", "--html", page, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["source"] == {"file": str(JOURNAL), "row": 4, "id_column": "entry_id", "id": "J004"}
    assert data["text"].startswith("Tomasz asked last night")
    assert page.read_text().startswith("<!DOCTYPE html>") and "Fear of rejection and judgment" in page.read_text()


def test_explain_a_transcript_row(run):
    result = run("explain", TRANSCRIPT, "--format", "transcript", "--row", "9")
    assert result.exit_code == 0
    assert f"Text: {TRANSCRIPT}, row 9" in result.stdout and "past_experiences  PRESENT" in result.stdout


def test_explain_errors(run, tmp_path):
    result = run("explain", JOURNAL)
    assert result.exit_code == 2
    assert result.stderr == f"Error: '{JOURNAL}' is a file; pick the row to explain with --row N or --id ID\n"
    result = run("explain", JOURNAL, "--row", "900")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: input file '{JOURNAL}' has 127 rows, so there is no row 900; "
                             "pick a row from 1 to 127\n")
    result = run("explain", JOURNAL, "--id", "J004", "--id-column", "nope")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: input file '{JOURNAL}' has no id column 'nope'; available columns: "
                             "entry_id, client_id, date, text\n")
    result = run("explain", "--row", "3")
    assert result.exit_code == 2
    assert "--row and --id pick a row of a file; pass the file path as the argument" in result.stderr
    result = run("explain", "-", input="  \n")
    assert result.exit_code == 2
    assert result.stderr == ("Error: there is no text to explain (it is empty); pass a text, pipe one on stdin, "
                             "or pick a row of a file\n")
    assert not list(tmp_path.iterdir())
