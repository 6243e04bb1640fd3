"""The results notebooks 02-04 rely on, checked on the values they computed and the summaries they printed.

The notebooks run once per session (tests/notebooks/conftest.py); these checks used to be their last cells.
"""

from __future__ import annotations

import pandas as pd
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.notebook]


@pytest.fixture(scope="module")
def corpus_analysis(executed_notebook):
    return executed_notebook("02_corpus_analysis")


@pytest.fixture(scope="module")
def model_evaluation(executed_notebook):
    return executed_notebook("03_model_evaluation")


@pytest.fixture(scope="module")
def publishable_prevalence(executed_notebook):
    return executed_notebook("04_publishable_prevalence")


# -- 02_corpus_analysis ----------------------------------------------------

def test_corpus_analysis_classifies_every_text(corpus_analysis):
    values = corpus_analysis.values
    assert values["classified"] == values["annotated"] > 1000
    assert f"{values['classified']:,} texts classified" in corpus_analysis.final_text()


def test_corpus_analysis_model_shares_track_the_annotators(corpus_analysis):
    prevalence = pd.DataFrame(corpus_analysis.values["prevalence"])
    assert ((prevalence["ci_low"] <= prevalence["share"]) & (prevalence["share"] <= prevalence["ci_high"])).all()
    shares = prevalence.pivot(index="label", columns="source", values="share")
    gap = (shares["model"] - shares["annotators"]).abs()
    assert set(gap.index) == set(corpus_analysis.values["labels"])
    assert (gap < 0.06).all(), shares
    assert f"within {gap.max():.1%} of the annotators'" in corpus_analysis.final_text()


def test_corpus_analysis_distinctive_terms_and_group_tests(corpus_analysis):
    terms = pd.DataFrame(corpus_analysis.values["terms"])
    top_terms = terms[terms["rank"] <= 5].groupby("label")["term"].apply(set)
    assert "family" in top_terms["cultural_influences"]
    assert "ex" in terms[terms["label"] == "past_experiences"]["term"].tolist()
    differences = pd.DataFrame(corpus_analysis.values["differences"])
    assert set(differences["label"]) == set(corpus_analysis.values["labels"])
    assert differences["p_value"].between(0, 1).all()


# -- 03_model_evaluation ---------------------------------------------------

def test_model_evaluation_passes_the_quality_gates(model_evaluation):
    gates = model_evaluation.values["gates"]
    assert gates and all(passed for passed, _ in gates), [text for passed, text in gates if not passed]
    assert f"{len(gates)} of {len(gates)} quality gates passed" in model_evaluation.final_text()


def test_model_evaluation_report_is_consistent(model_evaluation):
    values = model_evaluation.values
    low, high = values["macro_f1_interval"]
    assert low <= values["overall"]["macro_f1"] <= high
    assert values["errors"] == round((1 - values["overall"]["subset_accuracy"]) * values["rows"])
    assert values["overall"]["mean_ece"] < 0.15


def test_model_evaluation_ranks_the_model_types(model_evaluation):
    comparison = pd.DataFrame(model_evaluation.values["comparison"])
    macro = comparison[comparison["label"] == "(macro)"].set_index("model")["f1"]
    assert macro["linear (shipped)"] > macro["semantic"] > macro["lexicon, fitted"]
    assert macro["linear (shipped)"] > macro["lexicon, untrained"]
    assert f"Best model type by macro-F1: {macro.idxmax()}" in model_evaluation.final_text()


# -- 04_publishable_prevalence ---------------------------------------------

def test_publishable_prevalence_uses_a_random_sample_of_the_whole_corpus(publishable_prevalence):
    values = publishable_prevalence.values
    size = values["sample_size"]
    assert len(values["sampled_by"]) == size and set(values["sampled_by"]) == {"random"}
    overall = pd.DataFrame(values["overall"])
    assert (overall["labelled"] == size).all() and (overall["texts"] == values["texts"]).all()
    by_group = pd.DataFrame(values["by_group"])
    assert by_group.groupby("label")["labelled"].sum().eq(size).all()


def test_publishable_prevalence_intervals_cover_the_truth_and_beat_labelled_only(publishable_prevalence):
    values = publishable_prevalence.values
    overall = pd.DataFrame(values["overall"])
    assert ((overall["low"] <= overall["estimate"]) & (overall["estimate"] <= overall["high"])).all()
    checks = overall.set_index("label").join(pd.DataFrame(values["truth"]).set_index("label"))
    n_labels = len(values["labels"])
    covered = int(((checks["low"] <= checks["share"]) & (checks["share"] <= checks["high"])).sum())
    narrower = int(((overall["high"] - overall["low"]) < (overall["labelled_high"] - overall["labelled_low"])).sum())
    assert covered >= n_labels - 1, checks
    assert narrower >= n_labels - 1, overall
    assert (f"covers the true share for {covered} of {n_labels} barriers; "
            f"it is narrower than the labelled-only interval for {narrower}") in publishable_prevalence.final_text()
