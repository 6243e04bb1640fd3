"""Corpus-level views of classified texts: prevalence with intervals, co-occurrence, distinctive terms,
group differences.

Every function takes the output of :func:`toolkit.classify` (or any frame
with one 0/1 column per label) and returns a DataFrame.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from .errors import InputError
from .text import normalize, tokenize

CI_LEVEL = 0.95


def wilson_interval(successes, trials, level: float = CI_LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Wilson score interval for a binomial proportion (better than the normal interval near 0 and 1).

    Examples
    --------
    >>> low, high = wilson_interval(0, 10)
    >>> float(low), round(float(high), 3)
    (0.0, 0.278)
    """
    k, n = np.asarray(successes, dtype=float), np.asarray(trials, dtype=float)
    z = stats.norm.ppf(0.5 + level / 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        p = np.where(n > 0, k / n, np.nan)
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)


def _label_matrix(frame: pd.DataFrame, labels: Sequence[str]) -> np.ndarray:
    missing = [label for label in labels if label not in frame.columns]
    if missing:
        raise InputError(f"the frame has no column '{missing[0]}'; pass the output of classify or a labelled file "
                         f"(one 0/1 column per label: {', '.join(labels)})")
    return frame[list(labels)].astype(int).to_numpy()


def _scored(frame: pd.DataFrame, labels: Sequence[str]) -> pd.DataFrame:
    """Rows that were scored (classify leaves empty texts unscored)."""
    score = f"{labels[0]}_score"
    return frame[frame[score].notna()] if score in frame.columns else frame


def prevalence(frame: pd.DataFrame, labels: Sequence[str], *, by: str | Sequence[str] | None = None,
               level: float = CI_LEVEL) -> pd.DataFrame:
    """Share of texts showing each label, with a Wilson interval, overall or per group.

    On human labels this is the labelled share. On a model's decisions it is
    the raw classifier share, and the interval covers only the sampling of
    texts, not the model's errors: for a prevalence you can publish, use
    :func:`toolkit.estimate_prevalence` with a labelled random sample
    (docs/prevalence.md).

    Examples
    --------
    >>> rows = pd.DataFrame({"a": [1, 0, 0, 1], "g": ["x", "x", "y", "y"]})
    >>> prevalence(rows, ["a"], by="g")[["g", "label", "texts", "count", "share"]].values.tolist()
    [['x', 'a', 2, 1, 0.5], ['y', 'a', 2, 1, 0.5]]
    """
    frame = _scored(frame, labels)
    keys = [by] if isinstance(by, str) else list(by or [])
    missing = [k for k in keys if k not in frame.columns]
    if missing:
        raise InputError(f"the frame has no column '{missing[0]}' to group by; columns: "
                         f"{', '.join(map(str, frame.columns))}")
    groups = frame.groupby(keys, sort=True) if keys else [((), frame)]
    rows = []
    for key, part in groups:
        key = key if isinstance(key, tuple) else (key,)
        y = _label_matrix(part, labels)
        counts, n = y.sum(axis=0), len(part)
        low, high = wilson_interval(counts, np.full(len(labels), n), level)
        for j, label in enumerate(labels):
            rows.append({**dict(zip(keys, key)), "label": label, "texts": n, "count": int(counts[j]),
                         "share": counts[j] / n if n else np.nan, "ci_low": float(low[j]), "ci_high": float(high[j])})
    return pd.DataFrame(rows)


def compare_prevalence(frames: Mapping[str, pd.DataFrame], labels: Sequence[str], *, name: str = "source",
                       level: float = CI_LEVEL) -> pd.DataFrame:
    """:func:`prevalence` of several frames (for example model predictions and human annotations) in one table.

    Examples
    --------
    >>> predicted, annotated = pd.DataFrame({"a": [1, 1, 0, 0]}), pd.DataFrame({"a": [1, 0, 0, 0]})
    >>> compare_prevalence({"predicted": predicted, "annotated": annotated}, ["a"])[["source", "share"]].values.tolist()
    [['predicted', 0.5], ['annotated', 0.25]]
    """
    tables = [prevalence(frame, labels, level=level).assign(**{name: key}) for key, frame in frames.items()]
    table = pd.concat(tables, ignore_index=True)
    return table[[name] + [c for c in table.columns if c != name]]


def cooccurrence(frame: pd.DataFrame, labels: Sequence[str], *, normalize: str | None = None) -> pd.DataFrame:
    """Label-by-label matrix of texts showing both labels (the diagonal: texts showing the label).

    *normalize*: None for counts, ``"conditional"`` for P(column | row) (the
    share of the row label's texts that also show the column label), or
    ``"jaccard"`` for |both| / |either|.

    Examples
    --------
    >>> rows = pd.DataFrame({"a": [1, 1, 0], "b": [1, 0, 1]})
    >>> cooccurrence(rows, ["a", "b"]).values.tolist()
    [[2, 1], [1, 2]]
    >>> cooccurrence(rows, ["a", "b"], normalize="conditional").values.tolist()
    [[1.0, 0.5], [0.5, 1.0]]
    """
    y = _label_matrix(_scored(frame, labels), labels)
    both = y.T @ y
    if normalize is None:
        values = both
    elif normalize == "conditional":
        with np.errstate(invalid="ignore", divide="ignore"):
            values = both / np.diag(both)[:, None]
    elif normalize == "jaccard":
        either = np.diag(both)[:, None] + np.diag(both)[None, :] - both
        with np.errstate(invalid="ignore", divide="ignore"):
            values = both / either
    else:
        raise InputError(f"normalize must be None, 'conditional' or 'jaccard', not '{normalize}'")
    return pd.DataFrame(values, index=list(labels), columns=list(labels))


def terms_of(text: str, ngram_max: int = 1, stop_words: Collection[str] = ()) -> list[str]:
    """Lower-cased words and word n-grams of *text*; punctuation and pseudonym placeholders left out.

    Single words in *stop_words* are dropped; n-grams keep them ("if i" says more than "if").

    Examples
    --------
    >>> terms_of("What if [PERSON_1] laughs?", 2, stop_words={"what", "if"})
    ['laughs', 'what if', 'if laughs']
    """
    words = [t for t in tokenize(normalize(str(text))) if t[0].isalnum()]
    out = [w for w in words if w not in stop_words]
    for n in range(2, ngram_max + 1):
        out.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return out


def log_odds_with_prior(target: Counter, rest: Counter, prior: Counter, prior_scale: float = 1.0) -> pd.DataFrame:
    """Log-odds ratio of each term between *target* and *rest* with an informative Dirichlet prior, and its z-score.

    The prior pseudo-counts are *prior* (usually the whole corpus) times
    *prior_scale*: frequent terms need a lot of evidence to stand out and
    rare ones are shrunk towards zero, so the ranking is not dominated by
    either (Monroe, Colaresi and Quinn, 2008, "Fightin' words"). The z-score
    is the log-odds difference over its approximate standard deviation.

    Examples
    --------
    >>> table = log_odds_with_prior(Counter(a=30, b=10), Counter(a=10, b=30), Counter(a=40, b=40))
    >>> table["term"].tolist(), bool(table["z"].iloc[0] > 2 > -2 > table["z"].iloc[1])
    (['a', 'b'], True)
    """
    vocabulary = sorted(set(target) | set(rest))
    y_t = np.array([target.get(w, 0) for w in vocabulary], dtype=float)
    y_r = np.array([rest.get(w, 0) for w in vocabulary], dtype=float)
    alpha = np.array([prior.get(w, 0) for w in vocabulary], dtype=float) * prior_scale
    alpha = np.where(alpha > 0, alpha, 0.01)
    n_t, n_r, a0 = y_t.sum(), y_r.sum(), alpha.sum()
    log_odds_t = np.log(y_t + alpha) - np.log(n_t + a0 - y_t - alpha)
    log_odds_r = np.log(y_r + alpha) - np.log(n_r + a0 - y_r - alpha)
    delta = log_odds_t - log_odds_r
    variance = 1.0 / (y_t + alpha) + 1.0 / (y_r + alpha)
    table = pd.DataFrame({"term": vocabulary, "count_in": y_t.astype(int), "count_out": y_r.astype(int),
                          "log_odds": delta, "z": delta / np.sqrt(variance)})
    return table.sort_values(["z", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


def distinctive_terms(frame: pd.DataFrame, labels: Sequence[str], *, text_column: str = "text", top: int = 15,
                      ngram_max: int = 2, min_count: int = 5, prior_scale: float = 1.0,
                      stop_words: Collection[str] | str | None = "english") -> pd.DataFrame:
    """Per label, the terms most distinctive of texts showing it against the other texts.

    Ranked by the z-score of :func:`log_odds_with_prior` with the whole corpus
    as the prior (as Scattertext does); terms seen fewer than *min_count*
    times in the corpus are left out. *stop_words* (``"english"``: scikit-learn's
    list) are dropped as single words only. Returns the *top* terms per label,
    most distinctive first.

    Examples
    --------
    >>> rows = pd.DataFrame({"text": ["my ex lied", "my ex cheated", "we had soup", "soup again"],
    ...                      "past": [1, 1, 0, 0]})
    >>> distinctive_terms(rows, ["past"], min_count=2, top=2, ngram_max=1, stop_words=None)["term"].tolist()
    ['ex', 'my']
    """
    frame = _scored(frame, labels)
    y = _label_matrix(frame, labels)
    if text_column not in frame.columns:
        raise InputError(f"the frame has no text column '{text_column}'")
    stop = ENGLISH_STOP_WORDS if stop_words == "english" else frozenset(stop_words or ())
    vectorizer = CountVectorizer(analyzer=lambda text: terms_of(text, ngram_max, stop))
    counts = vectorizer.fit_transform(frame[text_column].astype(str)).tocsc()
    vocabulary = vectorizer.get_feature_names_out()
    corpus_counts = np.asarray(counts.sum(axis=0)).ravel()
    kept = np.flatnonzero(corpus_counts >= min_count)
    prior = Counter(dict(zip(vocabulary[kept], corpus_counts[kept])))
    rows = []
    for j, label in enumerate(labels):
        positive = y[:, j].astype(float)
        if positive.sum() == 0 or positive.sum() == len(positive):
            continue
        in_label = np.asarray(positive @ counts[:, kept]).ravel()
        target = Counter(dict(zip(vocabulary[kept], in_label)))
        rest = Counter(dict(zip(vocabulary[kept], corpus_counts[kept] - in_label)))
        table = log_odds_with_prior(target, rest, prior, prior_scale).head(top)
        table.insert(0, "label", label)
        table.insert(1, "rank", np.arange(1, len(table) + 1))
        rows.append(table)
    columns = ["label", "rank", "term", "count_in", "count_out", "log_odds", "z"]
    return pd.concat(rows, ignore_index=True) if rows else pd.DataFrame(columns=columns)


def group_differences(frame: pd.DataFrame, labels: Sequence[str], by: str) -> pd.DataFrame:
    """Per label, whether its share differs between the groups of *by*: chi-square test and Cramér's V.

    Returns the lowest and highest group share, the chi-square statistic, its
    degrees of freedom and p-value (not corrected for testing several labels),
    and Cramér's V (0 = no association, 1 = the group decides the label).

    Examples
    --------
    >>> rows = pd.DataFrame({"a": [1] * 40 + [0] * 60, "g": ["x"] * 50 + ["y"] * 50})
    >>> table = group_differences(rows, ["a"], "g")
    >>> round(float(table["cramers_v"].iloc[0]), 2), bool(table["p_value"].iloc[0] < 0.001)
    (0.82, True)
    """
    frame = _scored(frame, labels)
    if by not in frame.columns:
        raise InputError(f"the frame has no column '{by}' to compare groups by")
    y = _label_matrix(frame, labels)
    groups = frame[by].astype(str).to_numpy()
    names = sorted(set(groups))
    rows = []
    for j, label in enumerate(labels):
        table = np.array([[((groups == g) & (y[:, j] == 1)).sum(), ((groups == g) & (y[:, j] == 0)).sum()]
                          for g in names])
        shares = table[:, 0] / table.sum(axis=1)
        row = {"label": label, "groups": len(names), "lowest_share": float(shares.min()),
               "lowest_group": names[int(shares.argmin())], "highest_share": float(shares.max()),
               "highest_group": names[int(shares.argmax())]}
        if len(names) > 1 and table[:, 0].sum() > 0 and table[:, 1].sum() > 0:
            chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
            row.update(chi2=float(chi2), dof=int(dof), p_value=float(p),
                       cramers_v=float(np.sqrt(chi2 / (table.sum() * (min(table.shape) - 1)))))
        else:
            row.update(chi2=np.nan, dof=0, p_value=np.nan, cramers_v=np.nan)
        rows.append(row)
    return pd.DataFrame(rows)
