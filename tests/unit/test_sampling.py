"""Choosing texts to label: reproducible, and each strategy does what it says."""

import numpy as np
import pandas as pd
import pytest

from toolkit.annotate.sampling import (
    candidate_pool,
    codebook_path,
    predicted_stratum,
    sample_for_annotation,
    select,
    uncertainty,
    write_sheet,
)
from toolkit.errors import InputError

from ..conftest import DATASET

JOURNAL = DATASET / "samples" / "journal.csv"


@pytest.fixture(scope="module")
def corpus():
    return pd.read_csv(JOURNAL)


@pytest.mark.parametrize("strategy", ["uncertainty", "diverse", "stratified", "random"])
def test_the_same_seed_gives_the_same_sheet(default_model, strategy):
    first = sample_for_annotation(JOURNAL, default_model, n=10, strategy=strategy, seed=4, id_column="entry_id")
    again = sample_for_annotation(JOURNAL, default_model, n=10, strategy=strategy, seed=4, id_column="entry_id")
    pd.testing.assert_frame_equal(first, again)
    assert len(first) == 10 and first["id"].is_unique
    other = sample_for_annotation(JOURNAL, default_model, n=10, strategy=strategy, seed=5, id_column="entry_id")
    if strategy in ("random", "stratified"):
        assert set(other["id"]) != set(first["id"])
    else:  # the choice is the model's; the seed only shuffles the rows (and breaks ties)
        assert set(other["id"]) == set(first["id"]) or strategy == "diverse"


def test_uncertainty_picks_the_texts_nearest_a_threshold(default_model, corpus):
    texts = corpus["text"].tolist()
    scores = default_model.predict_proba(texts)
    chosen, reasons = select(default_model, texts, 12, "uncertainty", seed=0)
    logit = np.log(scores / (1 - scores)) - np.log(default_model.thresholds_ / (1 - default_model.thresholds_))
    margin = np.abs(logit).min(axis=1)
    assert set(chosen) == set(np.argsort(margin)[:12])
    assert reasons[0] == f"margin {margin[chosen[0]]:.3f}"


def test_entropy_picks_the_highest_summed_entropy(default_model, corpus):
    texts = corpus["text"].tolist()
    chosen, _ = select(default_model, texts, 5, "uncertainty", measure="entropy")
    p = default_model.predict_proba(texts)
    entropy = -(p * np.log2(p) + (1 - p) * np.log2(1 - p)).sum(axis=1)
    assert set(chosen) == set(np.argsort(-entropy)[:5])


def test_uncertainty_measures_by_hand():
    scores = np.array([[0.5, 0.9], [0.2, 0.2]])
    assert uncertainty(scores, np.array([0.5, 0.5])).tolist()[0] == 0.0
    assert uncertainty(scores, np.array([0.5, 0.5]), "entropy")[0] == pytest.approx(1 + 0.4689955935892812)


def test_stratified_sampling_gives_each_predicted_label_its_share(default_model, corpus):
    texts = corpus["text"].tolist()
    scores = default_model.predict_proba(texts)
    strata = predicted_stratum(scores, default_model.thresholds_, default_model.taxonomy_.ids)
    chosen, reasons = select(default_model, texts, 15, "stratified", seed=1)
    counts = pd.Series(strata[chosen]).value_counts()
    available = pd.Series(strata).value_counts()
    share = 15 // len(available)
    for stratum, count in counts.items():
        assert count == min(available[stratum], share) or count >= share
    assert counts.sum() == 15
    assert all(reason.startswith("stratum ") for reason in reasons)


def test_diverse_sampling_takes_one_text_per_cluster(default_model, corpus):
    chosen, reasons = select(default_model, corpus["text"].tolist(), 6, "diverse", seed=0)
    assert len(set(chosen)) == 6
    assert sorted(int(r.split()[1]) for r in reasons) == [1, 2, 3, 4, 5, 6]


def test_sheet_columns_suggestions_and_codebook(tmp_path, default_model):
    sheet = sample_for_annotation(JOURNAL, default_model, n=5, strategy="random", id_column="entry_id",
                                  keep_columns=["client_id"])
    labels = list(default_model.taxonomy_.ids)
    assert list(sheet.columns) == ["id", "text", *labels, "notes", "client_id", "suggested_labels",
                                   *(f"suggested_{label}" for label in labels), "sampled_by"]
    blind = sample_for_annotation(JOURNAL, default_model, n=5, strategy="random", id_column="entry_id",
                                  suggestions=False)
    assert list(blind.columns) == ["id", "text", *labels, "notes"]
    assert blind["id"].tolist() == sheet["id"].tolist()
    codebook = write_sheet(blind, tmp_path / "batch.csv", default_model.taxonomy_)
    assert codebook == codebook_path(tmp_path / "batch.csv") == tmp_path / "batch.codebook.md"
    text = codebook.read_text()
    for label in default_model.taxonomy_.labels:
        assert f"## `{label.id}`: {label.name}" in text
        assert all(note in text for note in label.exclude)


def test_exclude_and_pool(tmp_path, corpus):
    done = tmp_path / "done.csv"
    corpus.head(100).rename(columns={"entry_id": "id"}).to_csv(done, index=False)
    pool = candidate_pool(JOURNAL, id_column="entry_id", exclude=[done])
    assert set(pool["id"]) == set(corpus["entry_id"].iloc[100:])
    small = candidate_pool(JOURNAL, id_column="entry_id", pool_size=10, seed=2, batch_size=7)
    assert len(small) == 10
    # The pool depends on the seed, not on how the input is chunked.
    assert small["id"].tolist() == candidate_pool(JOURNAL, id_column="entry_id", pool_size=10, seed=2)["id"].tolist()


def test_missing_id_column_is_reported(default_model):
    with pytest.raises(InputError, match=f"input file '{JOURNAL}' has no column 'entry'"):
        sample_for_annotation(JOURNAL, default_model, n=5, id_column="entry")
