"""Prevalence with a labelled sample (PPI++) and without one (label-free corrections)."""

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.errors import InputError
from toolkit.prevalence import (
    adjusted_count,
    em_prior_shift,
    estimate_prevalence,
    labelled_effective_n,
    ppi_interval,
    ppi_mean,
    wilson_interval,
)

from ..conftest import DATASET


def corpus(total=3000, prevalence=0.15, signal=2.5, seed=0, labels=("x",)):
    """A classified corpus (id, group, LABEL, LABEL_score) and the true labels."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({"id": [f"t{i}" for i in range(total)], "group": rng.choice(["a", "b"], total)})
    truth = {}
    for label in labels:
        y = (rng.random(total) < prevalence).astype(int)
        score = 1 / (1 + np.exp(-(-1.5 + signal * y + rng.normal(0, 1, total))))
        frame[label], frame[f"{label}_score"] = (score >= 0.4).astype(int), score
        truth[label] = y
    return frame, truth


def sheet(frame, truth, n, seed=1):
    rows = np.random.default_rng(seed).choice(len(frame), n, replace=False)
    out = pd.DataFrame({"id": frame["id"].to_numpy()[rows]})
    for label, y in truth.items():
        out[label] = y[rows]
    return out


def moments(y, f_l, f_u):
    all_f = np.r_[f_l, f_u]
    return dict(y_mean=y.mean(), y_var=y.var(), f_mean=f_l.mean(), f_var=f_l.var(),
                yf_cov=np.mean((y - y.mean()) * (f_l - f_l.mean())), n=len(y), u_mean=f_u.mean(), u_var=f_u.var(),
                N=len(f_u), all_var=all_f.var(ddof=1))


def test_population_target_matches_ppi_py():
    ppi_py = pytest.importorskip("ppi_py")
    rng = np.random.default_rng(3)
    for prevalence, n in ((0.05, 80), (0.2, 150), (0.4, 300)):
        y = (rng.random(2000 + n) < prevalence).astype(float)
        f = np.clip(0.6 * y + 0.5 * rng.random(len(y)), 0, 1)
        Y, Yhat, Yu = y[:n], f[:n], f[n:]
        estimate, se, _ = ppi_mean(**moments(Y, Yhat, Yu), target="population")
        low, high, _ = ppi_interval(estimate, se, Y.mean(), n, 0.95, "clt")
        expected_low, expected_high = ppi_py.ppi_mean_ci(Y, Yhat, Yu, alpha=0.05)
        assert estimate == pytest.approx(ppi_py.ppi_mean_pointestimate(Y, Yhat, Yu)[0], abs=1e-12)
        assert (low, high) == pytest.approx((max(expected_low[0], 0), expected_high[0]), abs=1e-12)


def test_corpus_target_by_hand():
    y = np.array([1, 0, 0, 1, 0, 0, 0, 1, 0, 0], float)
    f_l = np.array([0.9, 0.2, 0.1, 0.6, 0.3, 0.1, 0.2, 0.7, 0.4, 0.1])
    f_u = np.tile([0.02, 0.98], 15)
    estimate, se, lam = ppi_mean(**moments(y, f_l, f_u), target="corpus")
    # Written out: lam = cov(y, f) / var(f over all texts); the unlabelled texts' share is the rectified mean of
    # their predictions; the corpus share weighs it with the labelled share; the rectifier's variance shrinks by
    # N/(n+N).
    all_f = np.r_[f_l, f_u]
    expected_lam = np.mean((y - y.mean()) * (f_l - f_l.mean())) / np.var(all_f, ddof=1)
    assert 0 < expected_lam < 1
    rest = expected_lam * f_u.mean() + np.mean(y - expected_lam * f_l)
    assert lam == pytest.approx(expected_lam)
    assert estimate == pytest.approx((10 * y.mean() + 30 * rest) / 40)
    assert se == pytest.approx(np.sqrt(np.var(y - expected_lam * f_l) / 10 * 30 / 40))


def test_wilson_interval_known_values():
    low, high = wilson_interval(np.array([0, 5, 50]), np.array([50, 50, 50]))
    assert low.round(4).tolist() == [0.0, 0.0435, 0.9287]
    assert high.round(4).tolist() == [0.0713, 0.2136, 1.0]


def test_uninformative_predictions_reduce_to_the_labelled_estimate():
    frame, truth = corpus(seed=5)
    frame["x_score"] = 0.5  # a constant carries no information: weight 0, the labelled share and its interval
    table = estimate_prevalence(frame, sheet(frame, truth, 200)).iloc[0]
    assert table["lam"] == 0
    assert table["estimate"] == table["labelled_share"]
    assert (table["low"], table["high"]) == (table["labelled_low"], table["labelled_high"])
    assert table["gain"] == pytest.approx(1.0)


def test_noise_predictions_give_the_labelled_estimate_up_to_the_approximation():
    frame, truth = corpus(seed=6)
    frame["x_score"] = np.random.default_rng(9).random(len(frame))  # independent of the labels
    table = estimate_prevalence(frame, sheet(frame, truth, 200)).iloc[0]
    assert abs(table["estimate"] - table["labelled_share"]) < 0.01
    width, labelled_width = table["high"] - table["low"], table["labelled_high"] - table["labelled_low"]
    assert width <= labelled_width * 1.02


def test_informative_predictions_narrow_the_interval():
    frame, truth = corpus(signal=4.0, seed=2)
    table = estimate_prevalence(frame, sheet(frame, truth, 200)).iloc[0]
    assert table["high"] - table["low"] < 0.8 * (table["labelled_high"] - table["labelled_low"])
    assert table["gain"] > 1.5 and table["labelled_needed"] > 300


def test_intervals_shrink_with_n():
    frame, truth = corpus(seed=4)
    widths = []
    for n in (50, 200, 800):
        tables = [estimate_prevalence(frame, sheet(frame, truth, n, seed=s)).iloc[0] for s in range(5)]
        widths.append(np.mean([t["high"] - t["low"] for t in tables]))
    assert widths[0] > widths[1] > widths[2]


def test_corpus_interval_covers_the_corpus_share_in_repeated_samples():
    frame, truth = corpus(total=1000, prevalence=0.08, seed=8)
    hits = [(lambda t: t["low"] <= truth["x"].mean() <= t["high"])(
        estimate_prevalence(frame, sheet(frame, truth, 100, seed=s)).iloc[0]) for s in range(200)]
    assert np.mean(hits) >= 0.9


def test_wilson_keeps_coverage_where_the_normal_interval_falls_short():
    rng = np.random.default_rng(11)
    total, n, reps = 4000, 100, 2000
    y = (rng.random(total) < 0.02).astype(float)
    f = 1 / (1 + np.exp(-(-2 + 2.5 * y + rng.normal(0, 1.2, total))))
    idx = np.argpartition(rng.random((reps, total)), n - 1, axis=1)[:, :n]
    ys, fs = y[idx], f[idx]
    N = total - n
    u_mean = (f.sum() - fs.sum(axis=1)) / N
    est, se, _ = ppi_mean(ys.mean(1), ys.var(1), fs.mean(1), fs.var(1),
                          ((ys - ys.mean(1, keepdims=True)) * (fs - fs.mean(1, keepdims=True))).mean(1), n,
                          u_mean, (np.sum(f**2) - np.sum(fs**2, 1)) / N - u_mean**2, N, f.var(ddof=1), target="corpus")
    base = labelled_effective_n(n, N)
    coverage = {}
    for method in ("wilson", "clt"):
        low, high, _ = ppi_interval(est, se, ys.mean(1), base, 0.95, method)
        coverage[method] = np.mean((low <= y.mean()) & (y.mean() <= high))
    assert coverage["wilson"] >= 0.93 > coverage["clt"]


def test_groups_with_too_few_labelled_texts_get_a_note():
    frame, truth = corpus(seed=3)
    frame.loc[frame.index[:40], "group"] = "small"
    labelled = sheet(frame, truth, 300)
    table = estimate_prevalence(frame, labelled, by="group")
    small = table[table["group"] == "small"].iloc[0]
    assert small["labelled"] < 30
    assert small["note"].startswith(
        f"only {small['labelled']} labelled text(s) in this group, fewer than 30: no interval"
    )
    assert np.isnan(small["low"]) and np.isnan(small["estimate"]) and not np.isnan(small["raw_share"])
    big = table[table["group"] == "a"].iloc[0]
    assert big["note"] == "" and big["low"] <= big["estimate"] <= big["high"]
    assert table["texts"].sum() == len(frame)


def test_sample_ids_are_left_out_of_the_unlabelled_part():
    frame, truth = corpus(total=400, seed=12)
    labelled = sheet(frame, truth, 100)
    table = estimate_prevalence(frame, labelled, target="population").iloc[0]
    inside = frame["id"].isin(labelled["id"]).to_numpy()
    m = moments(labelled["x"].to_numpy(float), frame.set_index("id").loc[labelled["id"], "x_score"].to_numpy(),
                frame.loc[~inside, "x_score"].to_numpy())
    estimate, _, _ = ppi_mean(**m, target="population")
    assert table["estimate"] == pytest.approx(round(float(estimate), 4))
    assert table["texts"] == 400 and table["labelled"] == 100


def test_row_numbers_stand_in_when_the_corpus_has_no_ids():
    frame, truth = corpus(total=500, seed=13)
    labelled = sheet(frame, truth, 60)
    by_id = estimate_prevalence(frame, labelled)
    rows = frame.index[frame["id"].isin(labelled["id"])]
    numbered = labelled.assign(id=[f"row-{frame.index[frame['id'] == i][0] + 1}" for i in labelled["id"]])
    assert len(rows) == 60
    pd.testing.assert_frame_equal(estimate_prevalence(frame.drop(columns="id"), numbered), by_id)


def test_decisions_as_predictor():
    frame, truth = corpus(seed=14)
    table = estimate_prevalence(frame, sheet(frame, truth, 200), predictor="decisions").iloc[0]
    assert table["predictor"] == "decisions" and table["low"] <= table["estimate"] <= table["high"]


@pytest.mark.parametrize("change, message", [
    (lambda s: s.assign(id=["nope"] + s["id"].tolist()[1:]),
     "1 of the 100 ids of the labelled sample '<DataFrame>' are not in the predictions (column 'id'), first 'nope'"),
    (lambda s: s.drop(columns="x"),
     "labelled sample '<DataFrame>' has no column 'x'; expected one 0/1 column per label: x"),
    (lambda s: s.drop(columns="id"), "labelled sample '<DataFrame>' has no 'id' column"),
    (lambda s: s.assign(x=[2] + s["x"].tolist()[1:]),
     "labelled sample '<DataFrame>' has '2' in column 'x' of data row 1"),
    (lambda s: s.assign(x=[None] + s["x"].tolist()[1:]),
     "1 row(s) of the labelled sample '<DataFrame>' are not labelled yet, first data row 1"),
    (lambda s: s.assign(sampled_by="uncertainty: margin 0.1"),
     "labelled sample '<DataFrame>' was not drawn at random (sampled_by 'uncertainty: margin 0.1')"),
    (lambda s: pd.concat([s, s.iloc[:1]]), "labelled sample '<DataFrame>' has the id"),
])
def test_bad_samples_give_clear_errors(change, message):
    frame, truth = corpus(total=500, seed=15)
    with pytest.raises(InputError) as error:
        estimate_prevalence(frame, change(sheet(frame, truth, 100)))
    assert str(error.value).startswith(message)


def test_bad_predictions_and_options_give_clear_errors():
    frame, truth = corpus(total=300, seed=16)
    labelled = sheet(frame, truth, 50)
    with pytest.raises(InputError, match="have no label columns"):
        estimate_prevalence(frame.drop(columns="x_score"), labelled)
    with pytest.raises(InputError, match="have no column 'nope' to group by"):
        estimate_prevalence(frame, labelled, by="nope")
    with pytest.raises(InputError, match="predictor 'votes' is unknown"):
        estimate_prevalence(frame, labelled, predictor="votes")
    with pytest.raises(InputError, match="confidence must be between 0 and 1"):
        estimate_prevalence(frame, labelled, confidence=95)
    with pytest.raises(InputError, match="expected numbers as written by 'barriers classify'"):
        estimate_prevalence(frame.assign(x_score=["high"] * len(frame)), labelled)
    with pytest.raises(InputError, match="not unique"):
        estimate_prevalence(frame.assign(id="same"), labelled)


def test_label_free_estimates_are_named_for_their_assumptions():
    frame, _ = corpus(seed=17)
    model = SimpleNamespace(card_={"metrics": {"dev": {"rates": {"x": {"tpr": 0.8, "fpr": 0.1}}}},
                                   "training_data": {"rows": 100, "positives": {"x": 20}}})
    table = estimate_prevalence(frame, model=model).iloc[0]
    assert list(table.index) == ["label", "texts", "raw_share", "calibrated_share", "rate_adjusted_share",
                                 "prior_shift_share", "note"]
    assert table["raw_share"] == round(frame["x"].mean(), 4)
    assert table["calibrated_share"] == round(frame["x_score"].mean(), 4)
    assert table["rate_adjusted_share"] == adjusted_count(table["raw_share"], 0.8, 0.1)
    assert table["prior_shift_share"] == round(em_prior_shift(frame["x_score"].to_numpy(), 0.2), 4)
    assert table["note"] == ""
    bare = estimate_prevalence(frame).iloc[0]
    assert np.isnan(bare["rate_adjusted_share"]) and "needs dev TPR/FPR in the model card" in bare["note"]


def test_em_recovers_a_shifted_prior():
    rng = np.random.default_rng(18)
    y = rng.random(20000) < 0.05
    # Scores calibrated for a training prior of 0.3: the posterior from the likelihood ratio of x under
    # N(1.5, 1) against N(-1.5, 1), exp(3x), and that prior.
    ratio = np.exp(3 * np.where(y, rng.normal(1.5, 1, len(y)), rng.normal(-1.5, 1, len(y))))
    odds = ratio * 0.3 / 0.7
    scores = odds / (1 + odds)
    assert abs(scores.mean() - 0.05) > 0.05
    assert em_prior_shift(scores, 0.3) == pytest.approx(0.05, abs=0.01)


def test_end_to_end_with_the_random_sampler(tmp_path):
    from toolkit.annotate.sampling import sample_for_annotation

    data = pd.read_csv(DATASET / "test.csv")
    predictions = toolkit.classify(data[["id", "text", "register"]], id_column="id")
    drawn = sample_for_annotation(data, n=120, strategy="random", id_column="id", seed=3)
    gold = data.set_index("id").loc[drawn["id"]]
    labels = ["fear_of_rejection", "past_experiences", "self_doubt", "cultural_influences"]
    for label in labels:
        drawn[label] = gold[label].to_numpy()
    table = toolkit.estimate_prevalence(predictions, drawn, by="register")
    assert set(table["register"]) == set(data["register"]) and len(table) == 16
    assert (table["labelled"].groupby(table["label"]).sum() == 120).all()


def test_sheet_cells_follow_the_annotation_rules():
    frame, truth = corpus(total=500, seed=19, labels=("x", "z"))
    labelled = sheet(frame, truth, 100)
    as_words = labelled.assign(x=labelled["x"].map({1: "yes", 0: ""}), z=labelled["z"].map({1: "X", 0: "no"}))
    as_words.loc[(labelled["x"] == 0) & (labelled["z"] == 0), "z"] = "0"
    pd.testing.assert_frame_equal(estimate_prevalence(frame, as_words), estimate_prevalence(frame, labelled))
