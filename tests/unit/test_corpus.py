from collections import Counter

import numpy as np
import pandas as pd
import pytest

from toolkit import corpus
from toolkit.errors import InputError


def test_wilson_interval_matches_the_closed_form():
    low, high = corpus.wilson_interval([5, 0, 20], [10, 10, 20])
    # 5/10: 0.5 +- 1.96/(1+0.38416) * sqrt(0.025 + 0.0096040) = [0.2366, 0.7634]
    np.testing.assert_allclose(low, [0.2366, 0.0, 0.8389], atol=1e-4)
    np.testing.assert_allclose(high, [0.7634, 0.2775, 1.0], atol=1e-4)
    wide_low, wide_high = corpus.wilson_interval(5, 10, level=0.99)
    assert wide_low < low[0] and wide_high > high[0]


def test_wilson_interval_covers_the_true_share_about_95_percent_of_the_time():
    rng = np.random.default_rng(0)
    k = rng.binomial(200, 0.1, size=4000)
    low, high = corpus.wilson_interval(k, np.full(4000, 200))
    assert 0.93 <= np.mean((low <= 0.1) & (0.1 <= high)) <= 0.97


def test_prevalence_counts_shares_and_intervals():
    frame = pd.DataFrame({"a": [1, 1, 0, 0, 0], "b": [0, 1, 1, 1, 1], "g": ["x", "x", "x", "y", "y"],
                          "a_score": [0.9, 0.8, 0.1, 0.2, np.nan]})
    overall = corpus.prevalence(frame, ["a", "b"])
    assert overall[["label", "texts", "count"]].values.tolist() == [["a", 4, 2], ["b", 4, 3]]  # unscored row left out
    assert overall["share"].tolist() == [0.5, 0.75]
    assert (overall["ci_low"] < overall["share"]).all() and (overall["share"] < overall["ci_high"]).all()
    per_group = corpus.prevalence(frame, ["a"], by="g")
    assert per_group[["g", "texts", "count"]].values.tolist() == [["x", 3, 2], ["y", 1, 0]]
    with pytest.raises(InputError, match="no column 'h' to group by"):
        corpus.prevalence(frame, ["a"], by="h")


def test_cooccurrence_counts_and_normalisations():
    frame = pd.DataFrame({"a": [1, 1, 1, 0], "b": [1, 0, 0, 1], "c": [0, 0, 0, 0]})
    counts = corpus.cooccurrence(frame, ["a", "b", "c"])
    assert counts.values.tolist() == [[3, 1, 0], [1, 2, 0], [0, 0, 0]]
    conditional = corpus.cooccurrence(frame, ["a", "b", "c"], normalize="conditional")
    assert conditional.loc["a", "b"] == pytest.approx(1 / 3) and conditional.loc["b", "a"] == pytest.approx(0.5)
    assert np.isnan(conditional.loc["c", "a"])
    assert corpus.cooccurrence(frame, ["a", "b"], normalize="jaccard").loc["a", "b"] == pytest.approx(1 / 4)
    with pytest.raises(InputError, match="normalize must be None, 'conditional' or 'jaccard'"):
        corpus.cooccurrence(frame, ["a"], normalize="lift")


def test_log_odds_is_antisymmetric_and_zero_for_equal_rates():
    target, rest = Counter(x=30, y=10, z=20), Counter(x=10, y=30, z=20)
    prior = target + rest
    forward = corpus.log_odds_with_prior(target, rest, prior).set_index("term")
    backward = corpus.log_odds_with_prior(rest, target, prior).set_index("term")
    np.testing.assert_allclose(forward.loc[["x", "y", "z"], "z"], -backward.loc[["x", "y", "z"], "z"])
    assert forward.loc["z", "z"] == pytest.approx(0.0, abs=1e-12)
    assert forward.index[0] == "x"


def test_log_odds_prior_shrinks_rare_terms():
    # a term seen twice only in the target scores below a frequent term with the same lean
    target, rest = Counter(rare=2, common=200, other=800), Counter(common=100, other=900)
    table = corpus.log_odds_with_prior(target, rest, target + rest).set_index("term")
    assert table.loc["common", "z"] > table.loc["rare", "z"] > 0


def test_distinctive_terms_find_a_planted_word():
    rng = np.random.default_rng(1)
    filler = ["we", "went", "to", "the", "shop", "and", "then", "home", "later", "again"]
    texts, labels = [], []
    for i in range(200):
        words = list(rng.choice(filler, size=8))
        positive = i % 4 == 0
        if positive:
            words.insert(3, "terrified")
        texts.append(" ".join(words))
        labels.append(int(positive))
    frame = pd.DataFrame({"text": texts, "fear": labels, "calm": [1 - v for v in labels]})
    table = corpus.distinctive_terms(frame, ["fear", "calm"], ngram_max=1, stop_words=None)
    assert table[table["label"] == "fear"]["term"].iloc[0] == "terrified"
    assert "terrified" not in table[table["label"] == "calm"]["term"].head(3).tolist()
    assert list(table.columns) == ["label", "rank", "term", "count_in", "count_out", "log_odds", "z"]


def test_distinctive_terms_drop_stop_words_only_as_single_words():
    frame = pd.DataFrame(
        {
            "text": ["what if he laughs", "what if she laughs", "what if they laugh", "we ate", "we slept", "we ran"],
            "fear": [1, 1, 1, 0, 0, 0],
        }
    )
    terms = corpus.distinctive_terms(frame, ["fear"], min_count=2, top=20)["term"].tolist()
    assert "what if" in terms and "what" not in terms and "if" not in terms


def test_group_differences_detect_a_real_difference_and_not_a_null_one():
    frame = pd.DataFrame({"a": [1] * 30 + [0] * 70 + [1] * 10 + [0] * 90, "b": [1, 0] * 100,
                          "register": ["chat"] * 100 + ["journal"] * 100})
    table = corpus.group_differences(frame, ["a", "b"], "register").set_index("label")
    assert table.loc["a", "p_value"] < 0.001 and table.loc["a", "highest_group"] == "chat"
    assert table.loc["b", "p_value"] > 0.5 and table.loc["b", "cramers_v"] == pytest.approx(0.0, abs=1e-9)
    assert (table.loc["a", "lowest_share"], table.loc["a", "highest_share"]) == (0.1, 0.3)


def test_compare_prevalence_stacks_the_sources():
    predicted, annotated = pd.DataFrame({"a": [1, 1, 0, 0]}), pd.DataFrame({"a": [1, 0, 0, 0, 0]})
    table = corpus.compare_prevalence({"model": predicted, "annotators": annotated}, ["a"], name="by")
    assert table[["by", "label", "texts", "count"]].values.tolist() == [["model", "a", 4, 2], ["annotators", "a", 5, 1]]


def test_read_many_adds_the_file_column(tmp_path):
    from toolkit.io import read_many

    for name, text in (("one.csv", "a"), ("two.csv", "b")):
        (tmp_path / name).write_text(f"text\n{text}\n")
    frame = read_many([tmp_path / "one.csv", tmp_path / "two.csv"])
    assert frame.values.tolist() == [["a", "one.csv"], ["b", "two.csv"]]
    with pytest.raises(InputError, match="already has a column 'text'"):
        read_many([tmp_path / "one.csv"], file_column="text")
