"""barriers compare."""

from __future__ import annotations

import json

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
    assert (table["texts_per_s"] > 0).all() and (table["size_mb"] > 0).all()
    assert (table["texts"] == 600).all()
    assert (table[[f"annotated_{label}" for label in ("fear_of_rejection", "self_doubt")]].iloc[0]
            == table[[f"annotated_{label}" for label in ("fear_of_rejection", "self_doubt")]].iloc[1]).all()
    assert result.stdout.splitlines()[0].split()[:6] == ["model", "evaluation", "texts", "micro_f1", "macro3",
                                                         "macro_f1"]


def test_compare_scores_fitted_models_on_held_out_data(
    run, tiny_csv, tiny_model_dir, tiny_model, tiny_frame, taxonomy, tmp_path
):
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
    assert (
        "Error: nothing to compare: give --model-types (e.g. lexicon,linear,semantic) or --models DIR1,DIR2"
        in result.output
    )


def test_compare_rejects_unknown_model_type(run, tiny_csv):
    result = run("compare", tiny_csv, "--model-types", "linear,bert")
    assert result.exit_code == 2
    assert "Error: model type 'bert' is unknown; expected one of: ensemble, lexicon, linear, semantic" in result.output
    assert "(optionally named: NAME=TYPE, e.g. unigrams=linear)" in result.output


def test_compare_param_needs_a_type(run, tiny_csv):
    result = run("compare", tiny_csv, "--model-types", "linear", "--param", "C=4")
    assert result.exit_code == 2
    assert "expected NAME:KEY=VALUE with NAME one of the variants in --model-types (linear), got 'C=4'" in result.output


def _figures_by_hand(model, frame, labels):
    predicted = model.predict(frame["text"].tolist()).astype(bool)
    gold = frame[labels].to_numpy().astype(bool)
    tp, fp, fn = (gold & predicted).sum(), (~gold & predicted).sum(), (gold & ~predicted).sum()
    return 2 * tp / (2 * tp + fp + fn), predicted.sum(axis=0), gold.sum(axis=0)


def test_compare_scores_each_eval_file_named_by_its_stem(
    run, tiny_csv, tiny_frame, tiny_model_dir, tiny_model, taxonomy, tmp_path
):
    extra = tmp_path / "real_like.csv"
    other = tiny_frame.assign(fear_of_rejection=0).iloc[::2]
    other.to_csv(extra, index=False)
    out, as_json = tmp_path / "table.csv", tmp_path / "table.json"
    result = run("compare", tiny_csv, "--models", tiny_model_dir, "--eval-file", extra, "-o", out, "--json", as_json)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    assert table["evaluation"].tolist() == ["held-out", "real_like"]
    assert table["texts"].tolist() == [len(tiny_frame), len(other)]
    labels = list(taxonomy.ids)
    micro, flagged, annotated = _figures_by_hand(tiny_model, other, labels)
    row = table.iloc[1]
    assert abs(row["micro_f1"] - micro) < 1e-9
    assert [row[f"flagged_{label}"] for label in labels] == flagged.tolist()
    assert [row[f"annotated_{label}"] for label in labels] == annotated.tolist() and annotated[0] == 0
    assert json.loads(as_json.read_text())[1]["evaluation"] == "real_like"
    shown = result.stdout.splitlines()
    assert shown[0].split() == ["model", "evaluation", "texts", "micro_f1", "macro3", "macro_f1", "sd", *labels,
                                "texts/s", "MB"]
    assert f"{row['f1_past_experiences']:.2f} {flagged[1]}/{annotated[1]}" in shown[2]


def test_compare_trains_named_variants_for_eval_files(run, tiny_csv, tiny_frame, tmp_path):
    extra = tmp_path / "extra.csv"
    tiny_frame.to_csv(extra, index=False)
    out = tmp_path / "table.csv"
    result = run("compare", tiny_csv, "--model-types", "linear,unigrams=linear", "--param", "unigrams:ngram_max=1",
                 "--folds", "0", "--dev", tiny_csv, "--eval-file", extra, "-o", out)
    assert result.exit_code == 0, result.output
    table = pd.read_csv(out)
    assert table[["model", "evaluation"]].values.tolist() == [["linear", "extra"], ["unigrams", "extra"]]
    assert (table["micro_f1"] > 0.5).all()


def test_compare_without_cv_needs_eval_files(run, tiny_csv):
    result = run("compare", tiny_csv, "--model-types", "linear", "--folds", "0")
    assert result.exit_code == 2
    assert (
        "Error: with cross-validation off, give evaluation files (--eval-file) to score the variants on"
        in result.stderr
    )


def test_compare_refuses_two_eval_files_with_one_name(run, tiny_csv, tiny_model_dir, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "tiny.csv").write_bytes(tiny_csv.read_bytes())
    result = run("compare", tiny_csv, "--models", tiny_model_dir, "--eval-file", tiny_csv, "--eval-file",
                 tmp_path / "a" / "tiny.csv")
    assert result.exit_code == 2
    assert (
        "Error: two evaluation files share the name 'tiny' (a file's name is its stem); rename one of them"
        in result.stderr
    )
