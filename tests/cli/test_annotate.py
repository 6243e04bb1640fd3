"""barriers annotate sample | import | agreement | merge | curve, and train --base."""

import json

import pandas as pd
import pytest

import toolkit

from ..conftest import DATASET, REPO

JOURNAL = DATASET / "samples" / "journal.csv"
SHIFT = REPO / "datasets" / "shift"
LABELS = ["fear_of_rejection", "past_experiences", "self_doubt", "cultural_influences"]


def test_sample_writes_a_sheet_and_its_codebook(run, tmp_path):
    out = tmp_path / "batch.csv"
    result = run("annotate", "sample", JOURNAL, "--id-column", "entry_id", "-n", 7, "--strategy", "stratified",
                 "--seed", 3, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote 7 texts to label to {out} (stratified sampling, seed 3); "
                                    f"codebook: {tmp_path / 'batch.codebook.md'}\nmodel suggestions: ")
    sheet = pd.read_csv(out)
    assert len(sheet) == 7 and sheet[LABELS].isna().all().all()
    assert sheet["sampled_by"].str.startswith("stratified: stratum ").all()
    again = tmp_path / "again.csv"
    run("annotate", "sample", JOURNAL, "--id-column", "entry_id", "-n", 7, "--strategy", "stratified", "--seed", 3,
        "-o", again, "--no-suggestions")
    blind = pd.read_csv(again)
    assert blind["id"].tolist() == sheet["id"].tolist()
    assert not [c for c in blind.columns if c.startswith("suggested_")]


def test_sample_reports_a_missing_text_column(run, tmp_path):
    result = run("annotate", "sample", JOURNAL, "--text-column", "body", "-o", tmp_path / "b.csv")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: input file '{JOURNAL}' has no column 'body'; available columns: entry_id, "
                             "client_id, date, text. Name the column that holds the texts with --text-column\n")
    assert not (tmp_path / "b.csv").exists()


def test_import_label_studio_and_doccano(run, tmp_path):
    out = tmp_path / "ana.csv"
    result = run("annotate", "import", SHIFT / "annotations" / "ana.json", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("read 146 records (label-studio): 146 labelled, 0 not labelled (left out)\n")
    assert pd.read_csv(out)["id"].iloc[0] == "shift-001"
    out = tmp_path / "ben.csv"
    result = run("annotate", "import", SHIFT / "annotations" / "ben.jsonl", "--format", "doccano", "-o", out)
    assert result.exit_code == 0, result.output
    assert len(pd.read_csv(out)) == 138


def test_import_names_the_offending_record(run, tmp_path):
    src = tmp_path / "bad.jsonl"
    src.write_text('{"text": "a", "label": ["self_doubt"]}\n{"text": "b", "label": ["anger"]}\n')
    result = run("annotate", "import", src, "-o", tmp_path / "out.csv")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        f"Error: doccano export '{src}', line 2 has the label 'anger', which is not in the taxonomy"
    )
    assert not (tmp_path / "out.csv").exists()


def test_agreement_prints_figures_and_writes_disagreements(run, tmp_path):
    dis, js = tmp_path / "dis.csv", tmp_path / "agreement.json"
    result = run("annotate", "agreement", SHIFT / "annotations" / "ana.json", SHIFT / "annotations" / "ben.jsonl",
                 "--disagreements", dis, "--json", js)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("2 annotators, 146 items, 138 labelled by two or more (matched on text)")
    assert "krippendorff_alpha" in result.stdout and "6 item(s) with a disagreement" in result.stdout
    assert len(pd.read_csv(dis)) == 6
    figures = json.loads(js.read_text())
    assert figures["overall"]["items_shared"] == 138
    assert [row["label"] for row in figures["per_label"]] == LABELS


def test_agreement_needs_two_files(run):
    result = run("annotate", "agreement", SHIFT / "annotations" / "ana.json")
    assert result.exit_code == 2
    assert "Error: pass at least two annotation files" in result.stderr


def test_merge_resolves_with_the_adjudications(run, tmp_path):
    out = tmp_path / "labelled.csv"
    result = run("annotate", "merge", SHIFT / "annotations" / "ana.json", SHIFT / "annotations" / "ben.jsonl",
                 "--adjudicated", SHIFT / "annotations" / "adjudicated.csv", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote 146 labelled texts to {out}: 132 agreed, 8 single, 6 adjudicated\n"
    unresolved = run("annotate", "merge", SHIFT / "annotations" / "ana.json", SHIFT / "annotations" / "ben.jsonl",
                     "-o", tmp_path / "x.csv")
    assert unresolved.exit_code == 2
    assert unresolved.stderr.startswith("Error: 6 item(s) have disagreeing labels and no decision, first ")


def test_curve_prints_points(run, tmp_path, tiny_csv):
    out = tmp_path / "curve.csv"
    result = run("annotate", "curve", tiny_csv, "--heldout", tiny_csv, "--sizes", "12,22", "--repeats", 2,
                 "--param", "n_features=4096", "--reference", "none", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("macro-F1 by number of labelled texts (held-out file, linear model trained afresh, "
                                    "thresholds tuned out-of-fold):\n")
    points = pd.read_csv(out)
    assert points["size"].tolist() == [12, 22]
    assert points["runs"].tolist()[1] == 2
    bad = run("annotate", "curve", tiny_csv, "--sizes", "ten")
    assert bad.exit_code == 2 and "expected whole numbers separated by commas, got 'ten'" in bad.stderr


@pytest.fixture(scope="module")
def small_model_dir(tmp_path_factory, tiny_frame, taxonomy):
    path = tmp_path_factory.mktemp("models") / "small"
    toolkit.train(tiny_frame, dev=tiny_frame, taxonomy=taxonomy, n_features=2**12).save(path)
    return path


def test_train_base_needs_base_data_for_a_custom_model(run, tmp_path, small_model_dir, tiny_csv):
    result = run("train", "--base", small_model_dir, tiny_csv, "-o", tmp_path / "m")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: adapting model 'linear-")
    assert result.stderr.endswith("Pass the file with --base-data FILE (repeat it for a chain of adaptations)\n")
    misuse = run("train", tiny_csv, "--base-weight", "0.5", "-o", tmp_path / "m")
    assert misuse.exit_code == 2 and "--base-data, --base-weight and --scope need --base MODEL" in misuse.stderr


def test_train_base_adapts_and_reports(run, tmp_path, small_model_dir, tiny_csv):
    out = tmp_path / "adapted"
    result = run(
        "train", "--base", small_model_dir, tiny_csv, "--base-data", tiny_csv, "--base-weight", "0.5", "-o", out
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"wrote linear model to {out} (trained on 44 rows)"
    assert lines[1].startswith("adapted linear-") and lines[2:4] == [
        "  tiny.csv: 22 rows, weight 0.5",
        "  tiny.csv: 22 rows, weight 1",
    ]
    card = json.loads((out / "model.json").read_text())
    assert [step["step"] for step in card["provenance"]] == ["train", "adapt"]


@pytest.mark.parametrize("fmt", ["label-studio", "doccano"])
def test_train_reads_annotation_exports(run, tmp_path, fmt):
    path = SHIFT / "annotations" / ("ana.json" if fmt == "label-studio" else "ben.jsonl")
    result = run("train", path, "--format", fmt, "--param", "n_features=4096", "-o", tmp_path / "m")
    assert result.exit_code == 0, result.output


def test_train_base_scope_calibration(run, tmp_path, small_model_dir, tiny_csv):
    out = tmp_path / "recalibrated"
    result = run("train", "--base", small_model_dir, "--scope", "calibration", tiny_csv, "-o", out)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"wrote linear model to {out} (trained on 22 rows)"
    assert lines[1].startswith("adapted linear-") and lines[1].endswith(
        ": kept the base model's weights; refitted the calibration and thresholds on the new data")
    assert lines[3] == "  tiny.csv: 22 rows, calibration and thresholds only"
    assert lines[4].startswith("new_data macro-F1 ")
    card = json.loads((out / "model.json").read_text())
    assert card["thresholds_tuned_on"] == "new data"
    base = toolkit.load_model(small_model_dir)
    assert toolkit.load_model(out).coef_.tolist() == base.coef_.tolist()
    misuse = run("train", "--base", small_model_dir, "--scope", "calibration", "--base-weight", "0.5", tiny_csv,
                 "-o", tmp_path / "m")
    assert misuse.exit_code == 2 and "--base-data and --base-weight have no role" in misuse.stderr
    assert run("train", tiny_csv, "--scope", "model", "-o", tmp_path / "m").exit_code == 2
    assert not (tmp_path / "m").exists()


def test_train_base_scope_fine_tune(run, tmp_path, small_model_dir, tiny_csv):
    out = tmp_path / "fine-tuned"
    result = run("train", "--base", small_model_dir, "--scope", "fine-tune", tiny_csv, "-o", out)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "corrected the base model's weights on the new data (L2-penalised correction, C=1)" in lines[1]
    assert lines[3] == "  tiny.csv: 22 rows, weight correction (C=1), calibration, thresholds"
    assert json.loads((out / "model.json").read_text())["thresholds_tuned_on"] == "out-of-fold new data"
