"""barriers prevalence: with a labelled random sample, per group, without one, and its errors."""

import numpy as np
import pandas as pd
import pytest

from toolkit.prevalence import estimate_prevalence

from ..conftest import DATASET

LABELS = ("fear_of_rejection", "self_doubt")
FOOTER = ("raw = share the model flags: a raw classifier count, not a prevalence estimate. Publish the "
          "prediction-powered estimate with its interval (method and when to trust which number: docs/prevalence.md).")


@pytest.fixture()
def files(tmp_path):
    rng = np.random.default_rng(7)
    total = 1200
    frame = pd.DataFrame({"id": [f"p{i}" for i in range(total)], "text": ["..."] * total,
                          "community": np.where(np.arange(total) < 1140, "big", "tiny")})
    truth = {}
    for label, prevalence in zip(LABELS, (0.2, 0.06)):
        y = (rng.random(total) < prevalence).astype(int)
        score = 1 / (1 + np.exp(-(-1.2 + 2.8 * y + rng.normal(0, 1, total))))
        frame[label], frame[f"{label}_score"] = (score >= 0.45).astype(int), score.round(4)
        truth[label] = y
    rows = rng.choice(total, 150, replace=False)
    sample = pd.DataFrame({"id": frame["id"].to_numpy()[rows], "text": ["..."] * 150})
    for label in LABELS:
        sample[label] = truth[label][rows]
    sample["notes"], sample["sampled_by"] = "", "random"
    frame.to_csv(tmp_path / "predictions.csv", index=False)
    sample.to_csv(tmp_path / "sample.csv", index=False)
    return tmp_path / "predictions.csv", tmp_path / "sample.csv"


def _line(row) -> str:
    labelled = f"{row.labelled_share:.3f} [{row.labelled_low:.3f}, {row.labelled_high:.3f}]"
    powered = f"{row.estimate:.3f} [{row.low:.3f}, {row.high:.3f}]"
    gain = f"{row.gain:.2f} (labelled only would need {int(row.labelled_needed)})"
    return f"  {row.label:<17}  {row.raw_share:>5.3f}  {labelled:<24}  {powered:<24}  {gain}"


def test_prevalence_with_a_labelled_sample(run, files, tmp_path):
    predictions, sample = files
    out = tmp_path / "prevalence.csv"
    result = run("prevalence", predictions, "--labelled", sample, "-o", out)
    assert result.exit_code == 0, result.output
    expected = estimate_prevalence(predictions, sample)
    assert result.stdout.splitlines() == [
        "prevalence in 1200 texts, 150 of them labelled at random; predictor: model scores; 95% intervals for the "
        "share in this corpus",
        "  label                raw  labelled only (Wilson)    prediction-powered        gain",
        *[_line(row) for row in expected.itertuples()],
        FOOTER,
    ]
    assert result.stderr == f"wrote 2 rows to {out}\n"
    pd.testing.assert_frame_equal(pd.read_csv(out, keep_default_na=False, na_values=[""]).drop(columns="note"),
                                  expected.drop(columns="note"), check_dtype=False)


def test_prevalence_by_group_notes_small_groups(run, files):
    predictions, sample = files
    result = run("prevalence", predictions, "--labelled", sample, "--by", "community", "--predictor", "decisions")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("prevalence in 1200 texts, 150 of them labelled at random; predictor: model decisions;")
    tiny = lines.index(next(line for line in lines if line.startswith("community=tiny")))
    labelled = estimate_prevalence(predictions, sample, by="community").query("community == 'tiny'")["labelled"].iloc[0]
    assert lines[tiny] == f"community=tiny (60 texts, {labelled} labelled)"
    assert lines[tiny + 3] == (
        f"                     note: only {labelled} labelled text(s) in this group, fewer than 30: "
        "no interval; label more texts from it or merge groups"
    )


def test_prevalence_without_a_labelled_sample_names_the_assumptions(run, files):
    predictions, _ = files
    result = run("prevalence", predictions)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ("no labelled sample: raw classifier counts and label-free corrections, each resting on an "
                        "assumption that nothing here checks; label a random sample for estimates with valid intervals "
                        "(docs/prevalence.md)")
    assert lines[1].split() == ["label", "texts", "raw_share", "calibrated_share", "rate_adjusted_share",
                                "prior_shift_share"]
    assert lines[4:9] == [
        "assumptions:",
        "  raw_share: the classifier is right on this corpus (share of texts flagged)",
        "  calibrated_share: the scores are calibrated on this corpus (mean score)",
        "  rate_adjusted_share: the model's dev true- and false-positive rates hold on this corpus (adjusted "
        "classify-and-count)",
        "  prior_shift_share: only the label shares differ from the training data (EM prior adjustment, Saerens et al. "
        "2002)",
    ]


def test_prevalence_errors(run, files, tmp_path):
    predictions, sample = files
    bad = pd.read_csv(sample, dtype=str)
    bad.loc[3, "self_doubt"] = "maybe"
    bad.to_csv(tmp_path / "bad.csv", index=False)
    out = tmp_path / "out.csv"
    result = run("prevalence", predictions, "--labelled", tmp_path / "bad.csv", "-o", out)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: labelled sample '{tmp_path / 'bad.csv'}' has 'maybe' in column 'self_doubt' of data "
        f"row 4 (id '{bad['id'][3]}'); expected 1 where the label applies and 0 (or nothing) where "
        "it does not\n"
    )
    other = pd.read_csv(sample).assign(id=lambda s: "x" + s["id"])
    other.to_csv(tmp_path / "other.csv", index=False)
    result = run("prevalence", predictions, "--labelled", tmp_path / "other.csv", "-o", out)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: 150 of the 150 ids of the labelled sample '{tmp_path / 'other.csv'}' are not in the "
        f"predictions (column 'id'), first '{other['id'][0]}'; the sample must be drawn from the "
        "classified corpus ('barriers annotate sample CORPUS --strategy random --id-column ID') and "
        "the predictions must keep that id column\n"
    )
    result = run("prevalence", predictions, "--labelled", sample, "--by", "region", "-o", out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: predictions '{predictions}' have no column 'region' to group by; ")
    result = run("prevalence", predictions, "--labelled", sample, "--confidence", "95")
    assert result.exit_code == 2 and "--confidence" in result.stderr
    result = run("prevalence", predictions, "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 2 and "cannot tell the format of" in result.stderr
    assert not out.exists() and not (tmp_path / "out.xlsx").exists()


def test_the_random_sampler_hands_over_to_prevalence(run, tmp_path):
    corpus = tmp_path / "corpus.csv"
    data = pd.read_csv(DATASET / "test.csv")
    data[["id", "text", "register"]].to_csv(corpus, index=False)
    assert run("classify", corpus, "--id-column", "id", "-o", tmp_path / "predictions.csv", "-q").exit_code == 0
    result = run("annotate", "sample", corpus, "--strategy", "random", "--n", "80", "--id-column", "id",
                 "-o", tmp_path / "sheet.csv")
    assert result.exit_code == 0, result.output
    assert "for prevalence: label every row, then 'barriers prevalence PREDICTIONS --labelled " in result.stdout
    sheet = pd.read_csv(tmp_path / "sheet.csv")
    assert (sheet["sampled_by"] == "random").all()
    gold = data.set_index("id").loc[sheet["id"]]
    for label in ("fear_of_rejection", "past_experiences", "self_doubt", "cultural_influences"):
        sheet[label] = gold[label].to_numpy()
    sheet.to_csv(tmp_path / "sheet.csv", index=False)
    result = run("prevalence", tmp_path / "predictions.csv", "--labelled", tmp_path / "sheet.csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"prevalence in {len(data)} texts, 80 of them labelled at random;")


def test_classify_and_summarize_call_their_shares_raw_counts(run, tmp_path):
    note = ("shares flagged are raw classifier counts, not prevalence estimates: to correct them with a small labelled "
            "random sample, see docs/prevalence.md ('barriers prevalence')\n")
    result = run("classify", DATASET / "samples" / "journal.csv", "-o", tmp_path / "out.csv")
    assert result.exit_code == 0
    assert "; flagged: fear_of_rejection " in result.stderr and "prevalence:" not in result.stderr
    assert result.stderr.splitlines()[1].split() == ["label", "flagged", "share_flagged"]
    assert result.stderr.endswith(note)
    result = run("summarize", DATASET / "samples" / "journal.csv", "-o", tmp_path / "weekly.csv")
    assert result.exit_code == 0
    assert "texts flagged per label: fear_of_rejection " in result.stderr and result.stderr.endswith(note)
