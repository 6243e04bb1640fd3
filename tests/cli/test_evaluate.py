import json

import pandas as pd
import pytest

import toolkit


@pytest.fixture()
def gold_csv(tmp_path, tiny_frame):
    frame = tiny_frame.copy()
    frame["register"] = ["chat", "journal"] * (len(frame) // 2)
    path = tmp_path / "gold.csv"
    frame.to_csv(path, index=False)
    return path


def test_evaluate_writes_every_output(run, tmp_path, gold_csv, tiny_model_dir):
    paths = {k: tmp_path / f"r.{k}" for k in ("json", "html", "md")}
    errors = tmp_path / "errors.csv"
    result = run("evaluate", gold_csv, "--model", tiny_model_dir, "--group-by", "register", "--bootstrap", "100",
                 "--json", paths["json"], "--report", paths["html"], "--markdown", paths["md"], "--errors", errors)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("gold.csv: 22 rows, model linear-")
    assert "by register:" in result.stdout
    data = json.loads(paths["json"].read_text())
    assert data["meta"]["bootstrap"] == {"resamples": 100, "seed": 0, "level": 0.95}
    assert data["groups"]["register"][0]["register"] == "chat"
    assert paths["html"].read_text().count("<svg") == 4
    assert paths["md"].read_text().startswith("## Model evaluation: gold.csv (22 rows)")
    assert list(pd.read_csv(errors).columns[:4]) == ["row", "id", "text", "gold"]


def test_gates_exit_one_and_list_failures(run, gold_csv, tiny_model_dir):
    result = run("evaluate", gold_csv, "--model", tiny_model_dir, "--bootstrap", "0",
                 "--min-macro-f1", "0.1", "--min-f1", "self_doubt=1.01")
    assert result.exit_code == 1
    assert result.stderr.startswith("1 of 2 quality gate(s) failed:\n  f1:self_doubt: ")
    assert result.stderr.endswith(" < required 1.0100\n")
    assert "passed: macro_f1" in result.stdout


def test_gate_file_and_baseline(run, tmp_path, gold_csv, tiny_model_dir):
    baseline = tmp_path / "base.json"
    assert run("evaluate", gold_csv, "--model", tiny_model_dir, "--bootstrap", "0", "--json", baseline).exit_code == 0
    gates = tmp_path / "gates.toml"
    gates.write_text('min_macro_f1 = 0.1\nmax_drop = 0.0\nbaseline = "base.json"\n[min_f1]\nfear_of_rejection = 0.1\n')
    ok = run("evaluate", gold_csv, "--model", tiny_model_dir, "--bootstrap", "0", "--gates", gates)
    assert ok.exit_code == 0, ok.output
    assert "macro_f1 vs baseline" in ok.stdout
    data = json.loads(baseline.read_text())
    data["overall"]["micro_f1"] += 0.1
    baseline.write_text(json.dumps(data))
    failed = run("evaluate", gold_csv, "--model", tiny_model_dir, "--bootstrap", "0", "--gates", gates)
    assert failed.exit_code == 1
    assert "micro_f1 vs baseline" in failed.stderr


def test_predictions_file(run, tmp_path, gold_csv, tiny_model):
    predictions = toolkit.classify(pd.read_csv(gold_csv)[["id", "text"]], tiny_model)
    path = tmp_path / "pred.csv"
    predictions.iloc[::-1].to_csv(path, index=False)
    by_position = run("evaluate", gold_csv, "--predictions", path, "--bootstrap", "0")
    by_id = run("evaluate", gold_csv, "--predictions", path, "--id-column", "id", "--bootstrap", "0")
    assert by_id.exit_code == 0
    assert by_position.stdout != by_id.stdout
    short = tmp_path / "short.csv"
    predictions.iloc[:5].to_csv(short, index=False)
    result = run("evaluate", gold_csv, "--predictions", short)
    assert result.exit_code == 2
    assert result.stderr == (f"Error: gold file '{gold_csv}' has 22 rows but predictions '{short}' have 5; rows are "
                             "matched by position, so pass --id-column to match them by id instead\n")


def test_bad_inputs_exit_two(run, tmp_path, gold_csv, tiny_model_dir):
    empty = tmp_path / "empty.csv"
    empty.write_text("id,text,fear_of_rejection,past_experiences,self_doubt,cultural_influences\n")
    result = run("evaluate", empty, "--model", tiny_model_dir)
    assert result.exit_code == 2
    assert result.stderr == f"Error: input file '{empty}' has no rows; it needs a header and at least one row of text\n"
    both = run("evaluate", gold_csv, "--model", tiny_model_dir, "--predictions", gold_csv)
    assert both.exit_code == 2 and "pass either --model or --predictions, not both" in both.stderr
    bad_gate = run("evaluate", gold_csv, "--model", tiny_model_dir, "--min-f1", "self_doubt")
    assert (
        bad_gate.exit_code == 2 and "expected LABEL=NUMBER such as self_doubt=0.8, got 'self_doubt'" in bad_gate.stderr
    )
    gates = tmp_path / "g.toml"
    gates.write_text("min_macro = 0.5\n")
    result = run("evaluate", gold_csv, "--model", tiny_model_dir, "--gates", gates)
    assert result.stderr == (
        f"Error: gate file '{gates}' has unknown key 'min_macro'; "
        "allowed keys: baseline, flag_ratio, flag_ratio_min_support, max_drop, min_f1, min_macro_f1\n"
    )
