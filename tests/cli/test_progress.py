"""Progress bars: drawn on a terminal, absent when stderr is piped or with --quiet; callbacks count up."""

import subprocess
import sys

import pandas as pd
import pytest

from toolkit.cli import progress as cli_progress

from ..conftest import REPO, TINY, write_tiny_corpus

JOURNAL = REPO / "datasets" / "barriers" / "samples" / "journal.csv"


@pytest.fixture()
def terminal(monkeypatch):
    """Make the commands believe stderr is a terminal (CliRunner's is not)."""
    monkeypatch.setattr(cli_progress, "stderr_is_terminal", lambda: True)


@pytest.fixture()
def corpus(tmp_path):
    return write_tiny_corpus(tmp_path / "in.csv", 10)


def bar_lines(stderr: str) -> list[str]:
    return [part for part in stderr.replace("\r", "\n").splitlines() if "%|" in part]


def test_classify_draws_a_bar_with_percentage_on_a_terminal(run, corpus, tmp_path, tiny_model_dir, terminal):
    result = run("classify", corpus, "-o", tmp_path / "out.csv", "--model", tiny_model_dir, "--batch-size", 50, "-j", 1)
    assert result.exit_code == 0
    bars = bar_lines(result.stderr)
    assert bars and bars[0].startswith("classify:")
    assert "100%|" in bars[-1] and f"{len(TINY) * 10}/{len(TINY) * 10}" in bars[-1]
    assert f"\nclassified {len(TINY) * 10} rows" in result.stderr  # the summary follows on its own line
    assert not any("classified" in line for line in bar_lines(result.stderr))


def test_no_bar_when_stderr_is_not_a_terminal(run, corpus, tmp_path, tiny_model_dir):
    result = run("classify", corpus, "-o", tmp_path / "out.csv", "--model", tiny_model_dir)
    assert result.exit_code == 0
    assert bar_lines(result.stderr) == [] and "\r" not in result.stderr


def test_no_bar_and_no_summary_with_quiet(run, corpus, tmp_path, tiny_model_dir, terminal):
    result = run("classify", corpus, "-o", tmp_path / "out.csv", "--model", tiny_model_dir, "-q")
    assert result.exit_code == 0
    assert result.stderr == ""


def test_anonymize_draws_a_bar_and_quiet_silences_it(run, tmp_path, terminal):
    shown = run("anonymize", JOURNAL, "-o", tmp_path / "a.csv")
    quiet = run("anonymize", JOURNAL, "-o", tmp_path / "b.csv", "-q")
    assert shown.exit_code == quiet.exit_code == 0
    assert bar_lines(shown.stderr) and "100%|" in bar_lines(shown.stderr)[-1]
    assert quiet.stderr == ""
    assert (tmp_path / "a.csv").read_bytes() == (tmp_path / "b.csv").read_bytes()


def test_summarize_and_evaluate_draw_bars_on_a_terminal(run, tmp_path, terminal):
    summary = run("summarize", JOURNAL, "-o", tmp_path / "s.csv")
    assert summary.exit_code == 0 and bar_lines(summary.stderr)[0].startswith("summarize:")
    gold = REPO / "datasets" / "barriers" / "dev.csv"
    report = run("evaluate", gold, "--bootstrap", 200, "--json", tmp_path / "r.json")
    assert report.exit_code == 0, report.stderr
    bars = bar_lines(report.stderr)
    assert bars[0].startswith("bootstrap:") and "200/200" in bars[-1]


def test_work_that_never_reports_draws_no_bar(run, tmp_path, terminal):
    result = run(
        "evaluate", REPO / "datasets" / "barriers" / "dev.csv", "--bootstrap", 0, "--json", tmp_path / "r.json"
    )
    assert result.exit_code == 0 and bar_lines(result.stderr) == [] and "bootstrap:" not in result.stderr


def test_a_bar_closes_when_the_work_reaches_its_total(terminal, capsys):
    with cli_progress.progress_bar("demo", unit="steps") as progress:
        for done in range(1, 4):
            progress(done, 3)
        progress(4, 3)  # after the end: ignored, not drawn as 133%
    err = capsys.readouterr().err
    assert "100%|" in err and "133%" not in err and "4/3" not in err


def test_the_cli_does_not_import_tqdm_until_a_bar_is_drawn():
    code = "import sys, toolkit.cli, toolkit.cli.progress; print('tqdm' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("call", ["curve", "evaluate", "train", "compare"])
def test_library_callbacks_count_up_to_their_total(call, tiny_frame, taxonomy):
    from toolkit.annotate.curve import learning_curve
    from toolkit.compare import compare
    from toolkit.evaluation import evaluate
    from toolkit.training import train

    calls = []

    def progress(done, total):
        calls.append((done, total))

    frame = pd.concat([tiny_frame] * 3, ignore_index=True)
    if call == "curve":
        learning_curve(frame, sizes=[10, 20], folds=2, repeats=1, taxonomy=taxonomy, tune_thresholds=False,
                       params={"n_features": 2**10}, progress=progress)
    elif call == "evaluate":
        evaluate(frame, train(frame, dev=frame, taxonomy=taxonomy), n_bootstrap=120, progress=progress)
    elif call == "compare":  # 2 folds + 1 fit on all of the data for the evaluation file
        frame = pd.read_csv(REPO / "datasets" / "barriers" / "dev.csv", keep_default_na=False).head(300)
        compare(frame, model_types=["linear"], folds=2, taxonomy=taxonomy, params={"linear": {"n_features": 2**10}},
                eval_files={"again": frame}, progress=progress)
    else:
        train(frame, dev=frame, taxonomy=taxonomy, progress=progress)
    done = [d for d, _ in calls]
    assert done == sorted(done) and done[0] >= 1
    assert calls[-1][0] == calls[-1][1] == {"curve": 4, "evaluate": 120, "train": 3, "compare": 3}[call]
