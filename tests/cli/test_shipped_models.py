"""--model default / --model fast wherever a model is accepted."""

import pandas as pd

from toolkit.models import load_model


def test_classify_with_the_fast_model(run, tmp_path):
    src = tmp_path / "in.csv"
    pd.DataFrame({"id": ["a", "b"], "text": ["in my family you just didn't talk about feelings",
                                               "we had pizza and watched a film"]}).to_csv(src, index=False)
    out = tmp_path / "out.csv"
    result = run("classify", src, "-o", out, "--model", "fast")
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out)
    expected = load_model("fast").predict(frame["text"].tolist())
    assert frame["cultural_influences"].tolist() == expected[:, 3].tolist()
    assert frame.loc[1, ["fear_of_rejection", "past_experiences", "self_doubt", "cultural_influences"]].sum() == 0


def test_model_info_by_name(run):
    fast = load_model("fast")
    result = run("model", "info", "fast")
    assert result.exit_code == 0, result.output
    assert fast.model_id in result.stdout
    assert load_model("default").model_id in run("model", "info", "default").stdout


def test_unknown_model_name_is_a_clear_error(run, tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("hello\n")
    result = run("classify", src, "--model", "fastest")
    assert result.exit_code == 2
    assert result.stderr == ("Error: model 'fastest' not found: it is neither a directory nor a shipped model name; "
                             "pass a directory written by 'barriers train' or one of: default, fast\n")
    assert result.stdout == ""


def test_compare_scores_shipped_models_by_name(run, tiny_csv, tmp_path):
    out = tmp_path / "table.csv"
    result = run("compare", tiny_csv, "--models", "default,fast", "-o", out)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    assert table["model"].tolist() == ["default", "fast"]
    assert (table["evaluation"] == "held-out").all()


def test_train_base_accepts_a_shipped_name(run, tmp_path, tiny_csv):
    out = tmp_path / "recalibrated"
    result = run("train", "--base", "fast", "--scope", "calibration", tiny_csv, "-o", out)
    assert result.exit_code == 0, result.output
    fast = load_model("fast")
    assert result.stdout.splitlines()[1].startswith(f"adapted {fast.model_id}: kept the base model's weights")
    assert load_model(out).coef_.tolist() == fast.coef_.tolist()
