"""barriers compare."""

from __future__ import annotations

import pandas as pd

from tests.conftest import DATASET


def test_compare_cross_validates_model_types(run, tmp_path):
    sample = tmp_path / "sample.csv"
    pd.read_csv(DATASET / "dev.csv", keep_default_na=False).head(600).to_csv(sample, index=False)
    out = tmp_path / "table.csv"
    result = run("compare", sample, "--model-types", "lexicon,linear", "--folds", "2", "-o", out)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    assert table["model"].tolist() == ["lexicon", "linear"]
    assert (table["evaluation"] == "2-fold CV").all()
    assert table[["macro_f1", "micro_f1", "f1_self_doubt"]].apply(lambda c: c.between(0, 1)).all().all()
    assert (table["ms_per_1k_texts"] > 0).all() and (table["size_mb"] > 0).all()
    assert result.stdout.splitlines()[0].split()[:3] == ["model", "evaluation", "macro_f1"]


def test_compare_scores_fitted_models_on_held_out_data(run, tiny_csv, tiny_model_dir, tiny_model, tiny_frame, taxonomy, tmp_path):
    out = tmp_path / "table.csv"
    result = run("compare", tiny_csv, "--models", f"{tiny_model_dir},{tiny_model_dir}", "-o", out)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    assert len(table) == 2 and (table["evaluation"] == "held-out").all()
    predicted = tiny_model.predict(tiny_frame["text"])
    gold = tiny_frame[list(taxonomy.ids)].to_numpy()
    expected_micro = 2 * (predicted & gold).sum() / (predicted.sum() + gold.sum())
    assert abs(table["micro_f1"].iloc[0] - expected_micro) < 1e-9


def test_compare_needs_something_to_compare(run, tiny_csv):
    result = run("compare", tiny_csv)
    assert result.exit_code == 2
    assert "Error: nothing to compare: give --model-types (e.g. lexicon,linear,semantic) or --models DIR1,DIR2" in result.output


def test_compare_rejects_unknown_model_type(run, tiny_csv):
    result = run("compare", tiny_csv, "--model-types", "linear,bert")
    assert result.exit_code == 2
    assert "Error: model type 'bert' is unknown; expected one of: ensemble, lexicon, linear, semantic" in result.output


def test_compare_param_needs_a_type(run, tiny_csv):
    result = run("compare", tiny_csv, "--model-types", "linear", "--param", "C=4")
    assert result.exit_code == 2
    assert "expected TYPE:KEY=VALUE with TYPE one of ensemble, lexicon, linear, semantic, sentence_linear, transformer, got 'C=4'" in result.output
