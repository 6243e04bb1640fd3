"""How common each barrier is in a corpus, with intervals that hold: prediction-powered prevalence.

A classifier's share of flagged texts is a *raw count*: on a corpus unlike
its training data it can be off by a large factor. :func:`estimate_prevalence`
combines the model's predictions on the whole corpus with a small random
sample that a person labelled (prediction-powered inference with power
tuning, PPI++: Angelopoulos, Duchi & Zrnic 2023). The estimate stays
unbiased whatever the model's errors; the better the model, the narrower the
interval compared with the labelled sample alone.

Without a labelled sample it reports the raw share and label-free corrections,
each named for the assumption it rests on: ``calibrated_share`` (the scores
are calibrated on this corpus), ``rate_adjusted_share`` (adjusted
classify-and-count: the model's error rates on its dev split hold here) and
``prior_shift_share`` (EM prior adjustment, Saerens et al. 2002: only the
label shares differ from the training data). Method and simulations:
docs/prevalence.md.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from scipy.stats import norm

from .annotation_formats import sheet_values
from .corpus import wilson_interval
from .errors import InputError
from .io import read_all

PREDICTORS = ("scores", "decisions")
INTERVALS = ("wilson", "clt")
TARGETS = ("corpus", "population")
# Below this many labelled texts in a group, no interval is given: the rectifier's variance is then
# estimated from too few texts to trust (docs/prevalence.md).
DEFAULT_MIN_LABELLED = 30
_ROW_ID = re.compile(r"^row-(\d+)$")

ASSUMPTIONS = {
    "raw_share": "the classifier is right on this corpus (share of texts flagged)",
    "calibrated_share": "the scores are calibrated on this corpus (mean score)",
    "rate_adjusted_share": "the model's dev true- and false-positive rates hold on this corpus "
                           "(adjusted classify-and-count)",
    "prior_shift_share": "only the label shares differ from the training data (EM prior adjustment, Saerens et al. "
                         "2002)",
}


def ppi_mean(y_mean, y_var, f_mean, f_var, yf_cov, n, u_mean, u_var, N, all_var, lam=None, target="population"):
    """PPI++ mean estimate from moments: returns ``(estimate, standard_error, lam)``; all inputs broadcast.

    *y_mean*, *y_var*, *f_mean*, *f_var* and *yf_cov* are the moments of the
    gold labels and the predictions on the *n* labelled texts (variances and
    covariance with divisor *n*); *u_mean* and *u_var* those of the predictions
    on the *N* unlabelled texts (divisor *N*); *all_var* the variance of the
    predictions over all texts (divisor ``n + N - 1``).

    ``target="population"`` estimates the mean of the population the texts
    are drawn from, exactly as ``ppi_py`` does (with ``lam=None`` the
    power-tuning weight is estimated and clipped to [0, 1]): the result equals
    ``ppi_py.ppi_mean_pointestimate`` and the half-width of
    ``ppi_py.ppi_mean_ci`` divided by the normal quantile.

    ``target="corpus"`` estimates the share in this corpus, labelled and
    unlabelled texts together, when the labelled texts are a simple random
    sample of it: ``(n * y_mean + N * (lam * u_mean + y_mean - lam * f_mean)) /
    (n + N)``. The unlabelled mean is then known exactly, so its variance drops
    out and the rectifier's variance gets the finite-population correction
    ``N / (n + N)``; the power-tuning weight that minimises it is
    ``cov(y, f) / var(f)``.

    Examples
    --------
    Predictions that carry no information get weight 0: the labelled mean.

    >>> est, se, lam = ppi_mean(0.2, 0.16, 0.5, 0.25, 0.0, 100, 0.5, 0.25, 1000, 0.25)
    >>> float(est), round(float(se), 3), float(lam)
    (0.2, 0.04, 0.0)
    """
    if target not in TARGETS:
        raise InputError(f"target '{target}' is unknown; expected one of: {', '.join(TARGETS)}")
    n, N = np.asarray(n, dtype=float), np.asarray(N, dtype=float)
    if lam is None:
        scale = (1 + n / N) if target == "population" else 1.0
        with np.errstate(divide="ignore", invalid="ignore"):
            lam = np.asarray(yf_cov) / (scale * np.asarray(all_var))
        lam = np.clip(np.nan_to_num(lam, nan=0.0, posinf=0.0, neginf=0.0), 0, 1)
    lam = np.asarray(lam, dtype=float)
    rectified = lam * u_mean + y_mean - lam * f_mean
    rectifier_var = np.maximum(y_var + lam**2 * f_var - 2 * lam * yf_cov, 0)
    if target == "population":
        return rectified, np.sqrt(lam**2 * u_var / N + rectifier_var / n), lam
    share = N / (n + N)
    return (1 - share) * y_mean + share * rectified, np.sqrt(rectifier_var / n * share), lam


def labelled_needed(effective_n, corpus_size=None):
    """Labelled texts a labelled-only estimate would need for the variance of *effective_n* draws.

    With a finite corpus of *corpus_size* texts (the ``corpus`` target) the
    labelled-only variance shrinks by ``1 - m / corpus_size``, so fewer are needed.

    Examples
    --------
    >>> float(labelled_needed(400.0)), float(labelled_needed(400.0, corpus_size=1600))
    (400.0, 320.0)
    """
    effective_n = np.asarray(effective_n, dtype=float)
    if corpus_size is None:
        return effective_n
    return 1 / (1 / effective_n + 1 / np.asarray(corpus_size, dtype=float))


def labelled_effective_n(n, N, target: str = "corpus"):
    """The sample size a labelled-only Wilson interval uses: *n*, or ``n (n + N) / N`` for the corpus target.

    Sampling without replacement from a corpus of ``n + N`` texts shrinks the
    variance of the labelled share by the finite-population correction
    ``N / (n + N)``.

    Examples
    --------
    >>> float(labelled_effective_n(100, 300)), float(labelled_effective_n(100, 300, "population"))
    (133.33333333333334, 100.0)
    """
    n, N = np.asarray(n, dtype=float), np.asarray(N, dtype=float)
    if target == "population":
        return n
    with np.errstate(divide="ignore"):
        return n * (n + N) / N


def ppi_interval(estimate, se, y_mean, n, confidence: float = 0.95, method: str = "wilson"):
    """Interval for a prediction-powered estimate: ``(low, high, effective_n)``.

    *n* is the effective size of the labelled sample alone (see
    :func:`labelled_effective_n`).

    ``clt``: PPI's normal interval, estimate ± z·se. ``wilson``: a Wilson score
    interval around the estimate with the *effective sample size*
    ``n_eff = y(1 - y) / se²`` (the labelled texts a labelled-only estimate
    would need for the same variance; Kish's design-effect idea, used for
    survey proportions by Korn & Graubard 1998). Like Wilson's interval, it
    takes the variance at each candidate share rather than at the estimate, so
    it keeps its coverage for rare labels where the normal one falls short.
    When the predictions carry no information, ``n_eff = n`` and it is the
    labelled-only Wilson interval. If the labelled sample holds no positive (or
    no negative), no gain is claimed: ``n_eff = n``.
    """
    if method not in INTERVALS:
        raise InputError(f"interval method '{method}' is unknown; expected one of: {', '.join(INTERVALS)}")
    estimate, se, y_mean = np.asarray(estimate, float), np.asarray(se, float), np.asarray(y_mean, float)
    n = np.broadcast_to(np.asarray(n, float), estimate.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        effective = np.where((y_mean > 0) & (y_mean < 1) & (se > 0), y_mean * (1 - y_mean) / se**2, n)
    if method == "clt":
        z = norm.ppf(0.5 + confidence / 2)
        return np.clip(estimate - z * se, 0, 1), np.clip(estimate + z * se, 0, 1), effective
    low, high = wilson_interval(np.clip(estimate, 0, 1) * effective, effective, confidence)
    return low, high, effective


def _as_frame(source, what: str) -> tuple[pd.DataFrame, str]:
    if isinstance(source, pd.DataFrame):
        return source.reset_index(drop=True), "<DataFrame>"
    if source is None:
        raise InputError(f"no {what} given")
    return read_all(source), str(source)


def prediction_labels(columns: Sequence[str]) -> list[str]:
    """The labels of a classified table: every ``X`` that has an ``X_score`` column beside it.

    Examples
    --------
    >>> prediction_labels(["id", "text", "self_doubt", "self_doubt_score", "labels"])
    ['self_doubt']
    """
    names = [str(c) for c in columns]
    return [c for c in names if f"{c}_score" in names]


def _numeric(frame: pd.DataFrame, column: str, name: str) -> np.ndarray:
    values = pd.to_numeric(frame[column].replace("", np.nan), errors="coerce")
    bad = values.isna() & frame[column].replace("", np.nan).notna()
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise InputError(f"column '{column}' of '{name}' has the value '{frame[column].iloc[row]}' in data row "
                         f"{row + 1}; "
                         "expected numbers as written by 'barriers classify'")
    return values.to_numpy(dtype=float)


def _gold(frame: pd.DataFrame, labels: Sequence[str], name: str) -> np.ndarray:
    """The sample's labels as a 0/1 matrix, read by the annotation sheets' rules (blank = 0 in a labelled row)."""
    values, bad = sheet_values(frame[list(labels)])
    if bad.any():
        row, col = (int(v[0]) for v in np.nonzero(bad))
        raise InputError(f"labelled sample '{name}' has '{frame[labels[col]].iloc[row]}' in column '{labels[col]}' of "
                         f"data row {row + 1} (id '{frame['id'].iloc[row]}'); expected 1 where the label applies and 0 "
                         "(or nothing) where it does not")
    blank = np.isnan(values).all(axis=1)
    if blank.any():
        first = int(np.flatnonzero(blank)[0])
        raise InputError(f"{int(blank.sum())} row(s) of the labelled sample '{name}' are not labelled yet, first data "
                         "row "
                         f"{first + 1} (id '{frame['id'].iloc[first]}'); label every sampled text (write a 0 somewhere "
                         "for a text with no barrier), or remove the rows nobody labelled if that had nothing to do "
                         "with their content")
    return np.nan_to_num(values, nan=0.0)


def _row_ids(predictions: pd.DataFrame, id_column: str | None) -> tuple[np.ndarray, str]:
    if id_column is None:
        id_column = "id" if "id" in predictions.columns else None
    if id_column is None:
        return np.array([f"row-{i + 1}" for i in range(len(predictions))], dtype=object), "row number (row-N)"
    if id_column not in predictions.columns:
        raise InputError(f"predictions have no id column '{id_column}'; available columns: "
                         f"{', '.join(map(str, predictions.columns))}")
    return predictions[id_column].astype(str).str.strip().to_numpy(dtype=object), f"column '{id_column}'"


def _match_sample(pred_ids: np.ndarray, sample_ids: pd.Series, where: str, name: str) -> np.ndarray:
    """Row positions in the predictions of the labelled ids (row-N ids fall back to row numbers)."""
    ids = sample_ids.astype(str).str.strip()
    if ids.duplicated().any():
        raise InputError(f"labelled sample '{name}' has the id '{ids[ids.duplicated()].iloc[0]}' twice; "
                         "each sampled text is labelled once (merge annotators with 'barriers annotate merge')")
    position = pd.Series(np.arange(len(pred_ids)), index=pred_ids)
    if position.index.duplicated().any():
        raise InputError(f"the predictions' ids ({where}) are not unique, e.g. "
                         f"'{position.index[position.index.duplicated()][0]}'; "
                         "pass --id-column with a column that names each text once")
    found = ids.isin(position.index)
    if not found.any() and ids.str.match(_ROW_ID).all():
        # Sheets drawn from a corpus without ids number its data rows; so does this fallback.
        rows = ids.str.extract(_ROW_ID, expand=False).astype(int).to_numpy() - 1
        if (rows < len(pred_ids)).all():
            return rows
    if not found.all():
        missing = ids[~found]
        raise InputError(f"{len(missing)} of the {len(ids)} ids of the labelled sample '{name}' are not in the "
                         f"predictions ({where}), first '{missing.iloc[0]}'; the sample must be drawn from the "
                         "classified corpus ('barriers annotate sample CORPUS --strategy random --id-column ID') "
                         "and the predictions must keep that id column")
    return position[ids.to_numpy()].to_numpy()


def _check_random(sample: pd.DataFrame, name: str) -> None:
    if "sampled_by" in sample.columns:
        other = sample["sampled_by"].astype(str).str.strip()
        other = other[~other.isin(["random", ""])]
        if len(other):
            raise InputError(f"labelled sample '{name}' was not drawn at random (sampled_by '{other.iloc[0]}'); "
                             "prevalence needs a simple random sample: draw one with "
                             "'barriers annotate sample CORPUS --strategy random -n 200'")


def _group_keys(frame: pd.DataFrame, by: Sequence[str], name: str) -> pd.DataFrame:
    missing = [c for c in by if c not in frame.columns]
    if missing:
        raise InputError(f"predictions '{name}' have no column '{missing[0]}' to group by; available columns: "
                         f"{', '.join(map(str, frame.columns))}")
    return frame[list(by)].astype(str)


def _card_rates(model, labels):
    """True- and false-positive rates per label from a model card (measured where its thresholds were
    tuned), or None."""
    if model is None:
        return None
    metrics = (getattr(model, "card_", {}) or {}).get("metrics") or {}
    rates = next((m["rates"] for m in metrics.values() if isinstance(m, dict) and m.get("rates")), None)
    if not rates or not all(label in rates for label in labels):
        return None
    return {label: (float(rates[label]["tpr"]), float(rates[label]["fpr"])) for label in labels}


def _card_priors(model, labels):
    if model is None:
        return None
    data = (getattr(model, "card_", {}) or {}).get("training_data", {})
    rows, positives = data.get("rows"), data.get("positives") or {}
    if not rows or not all(label in positives for label in labels):
        return None
    return {label: positives[label] / rows for label in labels}


def adjusted_count(raw_share: float, tpr: float, fpr: float) -> float:
    """Adjusted classify-and-count: ``(raw - fpr) / (tpr - fpr)`` clipped to [0, 1] (nan if tpr <= fpr).

    Examples
    --------
    >>> adjusted_count(0.30, tpr=0.8, fpr=0.1)
    0.2857
    """
    if tpr - fpr <= 0:
        return float("nan")
    return round(float(np.clip((raw_share - fpr) / (tpr - fpr), 0, 1)), 4)


def em_prior_shift(scores: np.ndarray, train_prior: float, *, tol: float = 1e-6, max_iter: int = 1000) -> float:
    """Saerens et al. (2002) EM: the label share that makes calibrated *scores* consistent with a shifted prior.

    Examples
    --------
    Scores calibrated where half the texts were positive, on a corpus where a fifth are:

    >>> s = np.r_[np.full(74, 0.1), np.full(26, 0.9)]
    >>> round(em_prior_shift(s, train_prior=0.5), 3)
    0.2
    """
    scores = np.clip(np.asarray(scores, dtype=float), 1e-9, 1 - 1e-9)
    prior = float(np.mean(scores))
    for _ in range(max_iter):
        a = scores * prior / train_prior
        b = (1 - scores) * (1 - prior) / (1 - train_prior)
        new = float(np.mean(a / (a + b)))
        if abs(new - prior) < tol:
            prior = new
            break
        prior = new
    return prior


def _label_free(frame: pd.DataFrame, labels, groups, model) -> pd.DataFrame:
    rates, priors = _card_rates(model, labels), _card_priors(model, labels)
    rows = []
    for key, idx in groups:
        part = frame.iloc[idx]
        for label in labels:
            scored = part[f"{label}_score"].notna().to_numpy()
            scores = part[f"{label}_score"].to_numpy(dtype=float)[scored]
            decisions = part[label].to_numpy(dtype=float)[scored]
            raw = round(float(decisions.mean()), 4) if scored.any() else float("nan")
            notes = []
            if rates is None:
                notes.append("rate_adjusted_share needs dev TPR/FPR in the model card (retrain with this version)")
            if priors is None:
                notes.append("prior_shift_share needs the training label counts in the model card")
            row = {**key, "label": label, "texts": int(scored.sum()), "raw_share": raw,
                   "calibrated_share": round(float(scores.mean()), 4) if scored.any() else float("nan"),
                   "rate_adjusted_share": adjusted_count(raw, *rates[label]) if rates and scored.any()
                   else float("nan"),
                   "prior_shift_share": round(em_prior_shift(scores, priors[label]), 4) if priors and scored.any()
                   else float("nan"),
                   "note": "; ".join(notes)}
            rows.append(row)
    return pd.DataFrame(rows)


def _groups(frame: pd.DataFrame, by: Sequence[str], name: str):
    if not by:
        return [({}, np.arange(len(frame)))]
    keys = _group_keys(frame, by, name)
    grouped = keys.groupby(list(by), sort=True).indices
    return [(dict(zip(by, k if isinstance(k, tuple) else (k,))), idx) for k, idx in grouped.items()]


def estimate_prevalence(predictions: str | os.PathLike | pd.DataFrame,
                        labelled: str | os.PathLike | pd.DataFrame | None = None,
                        *, by: Sequence[str] | str | None = None, confidence: float = 0.95, predictor: str = "scores",
                        labels: Sequence[str] | None = None, id_column: str | None = None, interval: str = "wilson",
                        target: str = "corpus", min_labelled: int = DEFAULT_MIN_LABELLED, model=None) -> pd.DataFrame:
    """Share of texts showing each label, overall or per group, from predictions and a labelled random sample.

    Parameters
    ----------
    predictions : path or DataFrame
        The output of ``barriers classify`` / :func:`toolkit.classify` on the
        whole corpus: per label a 0/1 column and a ``LABEL_score`` column.
        Rows without a score (empty texts) are left out.
    labelled : path or DataFrame, optional
        A simple random sample of the same corpus, labelled by a person: an
        ``id`` column and one column per label (the sheet of ``barriers
        annotate sample --strategy random``, filled in by its rules: 1, x,
        yes or true where a label applies; 0, no, false or nothing where it
        does not; a row with nothing filled in is not labelled yet, an error). Its texts are taken out
        of the unlabelled part. Without it, label-free estimates are returned.
    by : column name(s), optional
        Estimate per group of these prediction columns.
    confidence : float
        Confidence level of the intervals.
    predictor : {"scores", "decisions"}
        What the model contributes: its calibrated scores or its 0/1 decisions.
    id_column : str, optional
        Column of *predictions* with the ids the sample uses; default ``id``,
        else the data row number (``row-N``, as the sampler writes it).
    interval : {"wilson", "clt"}
        ``wilson`` (default): a Wilson score interval on the prediction-powered
        estimate's effective sample size; ``clt``: PPI++'s normal interval.
    target : {"corpus", "population"}
        ``corpus`` (default): the share in this corpus (labelled and unlabelled
        texts), with the finite-population correction; ``population``: the
        share in the population the corpus was drawn from (plain PPI++).
    min_labelled : int
        Groups with fewer labelled texts get a ``note`` and no interval.
    model : BarrierModel, optional
        For the label-free estimates: its card's dev rates and training shares.

    Returns
    -------
    DataFrame
        With a sample, one row per group and label: ``texts`` (corpus),
        ``labelled``, ``labelled_positives``, ``raw_share`` (share flagged),
        ``labelled_share`` with its Wilson interval (``labelled_low``,
        ``labelled_high``), the prediction-powered ``estimate`` with ``low`` and
        ``high``, ``labelled_needed`` (labelled texts a labelled-only estimate
        would need for the same width), ``gain`` (``labelled_needed /
        labelled``), ``lam`` (power tuning), ``predictor`` and ``note``.
        Without, ``raw_share``, ``calibrated_share``, ``rate_adjusted_share``,
        ``prior_shift_share`` (see :data:`ASSUMPTIONS`) and ``note``.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> truth = rng.random(2000) < 0.2
    >>> score = truth * 0.5 + rng.random(2000) * 0.5
    >>> preds = pd.DataFrame({"id": [f"t{i}" for i in range(2000)], "x": (score > 0.5).astype(int), "x_score": score})
    >>> sample = rng.choice(2000, 200, replace=False)
    >>> sheet = pd.DataFrame({"id": preds["id"].iloc[sample], "x": truth[sample].astype(int)})
    >>> table = estimate_prevalence(preds, sheet)
    >>> table[["labelled_share", "labelled_low", "labelled_high", "estimate", "low", "high", "gain"]].to_dict("records")
    [{'labelled_share': 0.215, 'labelled_low': 0.1661, 'labelled_high': 0.2736, 'estimate': 0.2013, 'low': 0.1716, 'high': 0.2346, 'gain': 2.37}]
    """  # noqa: E501
    if predictor not in PREDICTORS:
        raise InputError(f"predictor '{predictor}' is unknown; expected one of: {', '.join(PREDICTORS)}")
    if interval not in INTERVALS:
        raise InputError(f"interval method '{interval}' is unknown; expected one of: {', '.join(INTERVALS)}")
    if not 0 < confidence < 1:
        raise InputError(f"confidence must be between 0 and 1 (e.g. 0.95), got {confidence}")
    if target not in TARGETS:
        raise InputError(f"target '{target}' is unknown; expected one of: {', '.join(TARGETS)}")
    if min_labelled < 2:
        raise InputError(f"the minimum number of labelled texts per group must be at least 2, got {min_labelled}")
    by = [by] if isinstance(by, str) else list(by or [])
    frame, name = _as_frame(predictions, "predictions")
    found = prediction_labels(frame.columns)
    labels = list(labels) if labels is not None else found
    if not labels:
        raise InputError(f"predictions '{name}' have no label columns (LABEL and LABEL_score); expected the output of "
                         f"'barriers classify'; its columns are: {', '.join(map(str, frame.columns))}")
    for label in labels:
        for column in (label, f"{label}_score"):
            if column not in frame.columns:
                raise InputError(f"predictions '{name}' have no column '{column}'; expected the output of "
                                 f"'barriers classify' with the labels {', '.join(labels)}")
        frame[f"{label}_score"] = _numeric(frame, f"{label}_score", name)
        frame[label] = _numeric(frame, label, name)
    if labelled is None:
        return _label_free(frame, labels, _groups(frame, by, name), model)

    sample, sample_name = _as_frame(labelled, "labelled sample")
    if "id" not in sample.columns:
        raise InputError(f"labelled sample '{sample_name}' has no 'id' column; expected the sheet written by "
                         "'barriers annotate sample --strategy random' with its label columns filled in")
    missing = [label for label in labels if label not in sample.columns]
    if missing:
        raise InputError(f"labelled sample '{sample_name}' has no column '{missing[0]}'; expected one 0/1 column per "
                         f"label: {', '.join(labels)}")
    _check_random(sample, sample_name)
    gold = dict(zip(labels, _gold(sample, labels, sample_name).T))
    pred_ids, where = _row_ids(frame, id_column)
    rows = _match_sample(pred_ids, sample["id"], where, sample_name)
    in_sample = np.zeros(len(frame), bool)
    in_sample[rows] = True
    gold_at = {label: np.full(len(frame), np.nan) for label in labels}
    for label in labels:
        gold_at[label][rows] = gold[label]

    out = []
    for key, idx in _groups(frame, by, name):
        part = frame.iloc[idx]
        for label in labels:
            scored = part[f"{label}_score"].notna().to_numpy()
            f = part[f"{label}_score" if predictor == "scores" else label].to_numpy(dtype=float)
            labelled_mask = in_sample[idx] & scored
            y = gold_at[label][idx][labelled_mask]
            f_l, f_u = f[labelled_mask], f[~in_sample[idx] & scored]
            out.append(_estimate_row(key, label, y, f_l, f_u, part[label].to_numpy(dtype=float)[scored],
                                     confidence, interval, target, min_labelled, predictor))
    return pd.DataFrame(out)


def _estimate_row(key, label, y, f_l, f_u, decisions, confidence, interval, target, min_labelled, predictor) -> dict:
    n, N = len(y), len(f_u)
    nan = float("nan")
    row = {**key, "label": label, "texts": n + N, "labelled": n, "labelled_positives": int(y.sum()),
           "raw_share": round(float(decisions.mean()), 4) if len(decisions) else nan,
           "labelled_share": round(float(y.mean()), 4) if n else nan, "labelled_low": nan, "labelled_high": nan,
           "estimate": nan, "low": nan, "high": nan, "labelled_needed": nan, "gain": nan, "lam": nan,
           "predictor": predictor, "note": ""}
    if n < min_labelled:
        row["note"] = (f"only {n} labelled text(s) in this group, fewer than {min_labelled}: no interval; label more "
                       "texts from it or merge groups")
        return row
    if N == 0:
        low = high = float(y.mean()) if target == "corpus" else nan
        if target == "population":
            low, high = (float(v) for v in wilson_interval(y.sum(), n, confidence))
        row.update(labelled_low=round(low, 4), labelled_high=round(high, 4), estimate=row["labelled_share"],
                   low=round(low, 4), high=round(high, 4), labelled_needed=n, gain=1.0, lam=0.0,
                   note="every text of this group is labelled: the labelled share is its prevalence")
        return row
    base_n = labelled_effective_n(n, N, target)
    low, high = wilson_interval(y.mean() * base_n, base_n, confidence)
    row.update(labelled_low=round(float(low), 4), labelled_high=round(float(high), 4))
    all_f = np.concatenate([f_l, f_u])
    estimate, se, lam = ppi_mean(y.mean(), y.var(), f_l.mean(), f_l.var(), np.mean((y - y.mean()) * (f_l - f_l.mean())),
                                 n, f_u.mean(), f_u.var(), N, all_f.var(ddof=1), target=target)
    low, high, effective = ppi_interval(estimate, se, y.mean(), base_n, confidence, interval)
    needed = labelled_needed(effective, n + N if target == "corpus" else None)
    row.update(estimate=round(float(np.clip(estimate, 0, 1)), 4), low=round(float(low), 4), high=round(float(high), 4),
               labelled_needed=int(round(float(needed))), gain=round(float(needed) / n, 2), lam=round(float(lam), 3))
    if y.sum() in (0, n):
        row["note"] = (f"{'no' if y.sum() == 0 else 'every'} labelled text is positive: the interval rests on the "
                       "labelled sample alone")
    return row


__all__ = ["ASSUMPTIONS", "DEFAULT_MIN_LABELLED", "INTERVALS", "PREDICTORS", "TARGETS", "adjusted_count",
           "em_prior_shift", "estimate_prevalence", "labelled_effective_n", "labelled_needed", "ppi_interval",
           "ppi_mean", "prediction_labels", "wilson_interval"]
