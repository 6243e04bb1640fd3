"""Which texts to label next: uncertainty, diversity, stratified or random sampling.

:func:`sample_for_annotation` reads a corpus in chunks, keeps a seeded random
pool of at most ``pool_size`` texts (so memory stays bounded on millions of
rows), picks *n* of them with the chosen strategy and returns an annotation
sheet: ``id``, ``text``, one empty column per label, ``notes``, and the model's
suggestions in separate ``suggested_*`` columns. The same input, model and
seed give the same sheet.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.linalg import eigh
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize as l2_normalize

from ..errors import InputError
from ..ids import checked_ids
from ..io import read_all, read_table, write_table, write_text_atomic
from ..labelled import missing_text_column_message
from ..metrics import LOGIT_EPS, logit
from ..models import BarrierModel, load_model
from ..taxonomy import Taxonomy
from .codebook import codebook_markdown

STRATEGIES = ("uncertainty", "diverse", "stratified", "random")
UNCERTAINTY_MEASURES = ("margin", "entropy")
DEFAULT_POOL_SIZE = 50_000
NO_LABEL = "(none)"
SVD_COMPONENTS = 50
GRAM_ROWS = 2000
def _normalised(text: str) -> str:
    return " ".join(str(text).lower().split())


def _excluded(exclude, text_column: str, encoding: str) -> tuple[set[str], set[str]]:
    ids, texts = set(), set()
    for path in exclude:
        frame = read_all(path, encoding=encoding)
        if "id" in frame.columns:
            ids.update(frame["id"].astype(str))
        column = text_column if text_column in frame.columns else "text"
        if column in frame.columns:
            texts.update(_normalised(t) for t in frame[column].fillna(""))
    return ids, texts


def candidate_pool(source, *, text_column: str = "text", id_column: str | None = None, keep_columns=(),
                   exclude=(), pool_size: int = DEFAULT_POOL_SIZE, seed: int = 0, fmt: str | None = None,
                   encoding: str = "utf-8", batch_size: int = 20_000, distinct: bool = True,
                   allow_duplicate_ids: bool = False) -> pd.DataFrame:
    """A seeded uniform random pool of at most *pool_size* non-empty, not yet labelled texts.

    Each row draws a random key from one seeded stream and the pool keeps the
    smallest keys, so the pool depends on the seed and the input only. With
    *distinct* (the default) a text repeated in the corpus enters once; without,
    every non-empty row has the same chance, so the pool is a simple random
    sample of the rows, as a prevalence estimate needs. A repeated or empty
    id in *id_column* is an error unless *allow_duplicate_ids*.
    """
    rng = np.random.default_rng(seed)
    excluded_ids, excluded_texts = _excluded(exclude, text_column, encoding)
    pool, offset = None, 0
    frames = [source.reset_index(drop=True)] if isinstance(source, pd.DataFrame) else read_table(
        source, fmt, batch_size=batch_size, encoding=encoding)
    name = "<DataFrame>" if isinstance(source, pd.DataFrame) else str(source)
    for chunk in checked_ids(frames, id_column, name, allow_duplicates=allow_duplicate_ids):
        if text_column not in chunk.columns:
            raise InputError(missing_text_column_message(name, text_column, chunk.columns))
        for column in [c for c in (id_column, *keep_columns) if c]:
            if column not in chunk.columns:
                raise InputError(f"input file '{name}' has no column '{column}'; available columns: "
                                 f"{', '.join(map(str, chunk.columns))}")
        part = pd.DataFrame({
            "id": chunk[id_column].astype(str).to_numpy() if id_column
                  else [f"row-{offset + i + 1}" for i in range(len(chunk))],
            "text": chunk[text_column].fillna("").astype(str).to_numpy(),
        })
        for column in keep_columns:
            part[column] = chunk[column].to_numpy()
        part["_key"] = rng.random(len(chunk))
        offset += len(chunk)
        normalised = part["text"].map(_normalised)
        part = part[(normalised != "") & ~part["id"].isin(excluded_ids) & ~normalised.isin(excluded_texts)]
        pool = part if pool is None else pd.concat([pool, part], ignore_index=True)
        if distinct:
            pool = pool.loc[~pool["text"].map(_normalised).duplicated()]
        if len(pool) > pool_size:
            pool = pool.nsmallest(pool_size, "_key")
    if pool is None or not len(pool):
        raise InputError(f"input file '{name}' has no texts left to sample (all empty, duplicated or excluded)")
    return pool.sort_values("_key", kind="stable").drop(columns="_key").reset_index(drop=True)


def model_features(model: BarrierModel, texts: list[str]):
    """What diversity sampling clusters on: the model's :meth:`~toolkit.models.BarrierModel.diversity_features`
    (TF-IDF rows for linear, cue counts and scores for lexicon, the scores otherwise)."""
    return model.diversity_features(texts)


def uncertainty(scores: np.ndarray, thresholds: np.ndarray, measure: str = "margin") -> np.ndarray:
    """Higher = less certain. ``margin``: minus the smallest logit distance to a label's threshold;
    ``entropy``: the summed binary entropy of the labels' scores.

    Examples
    --------
    >>> uncertainty(np.array([[0.9, 0.52], [0.1, 0.2]]), np.array([0.5, 0.5])).round(2).tolist()
    [-0.08, -1.39]
    """
    if measure == "margin":
        return -np.abs(logit(scores) - logit(np.asarray(thresholds)[None, :])).min(axis=1)
    if measure == "entropy":
        p = np.clip(scores, LOGIT_EPS, 1 - LOGIT_EPS)
        return -(p * np.log2(p) + (1 - p) * np.log2(1 - p)).sum(axis=1)
    raise InputError(f"uncertainty measure '{measure}' is unknown; expected one of: {', '.join(UNCERTAINTY_MEASURES)}")


def predicted_stratum(scores: np.ndarray, thresholds: np.ndarray, labels) -> np.ndarray:
    """Each text's most confidently predicted label (by logit margin over its threshold), or ``(none)``."""
    margin = logit(scores) - logit(np.asarray(thresholds)[None, :])
    best = margin.argmax(axis=1)
    names = np.array(list(labels), dtype=object)[best]
    return np.where(margin.max(axis=1) >= 0, names, NO_LABEL)


def _reduced(features, seed: int) -> np.ndarray:
    """At most SVD_COMPONENTS dense dimensions that keep the texts' (cosine) geometry."""
    if not sparse.issparse(features) and features.shape[1] <= SVD_COMPONENTS:
        return np.asarray(features, dtype=float)
    features = sparse.csr_matrix(features, dtype=float)
    if features.shape[0] <= GRAM_ROWS:
        # Small pools: the top eigenvectors of the Gram matrix are exact and far quicker than randomised SVD.
        gram = (features @ features.T).toarray()
        n = gram.shape[0]
        values, vectors = eigh(gram, subset_by_index=[max(0, n - SVD_COMPONENTS), n - 1])
        return vectors * np.sqrt(np.clip(values, 0, None))
    return TruncatedSVD(n_components=SVD_COMPONENTS, n_iter=2, random_state=seed).fit_transform(features)


def _pick_diverse(features, n: int, seed: int) -> tuple[np.ndarray, list[str]]:
    if n >= features.shape[0]:
        return np.arange(features.shape[0]), ["cluster of 1"] * features.shape[0]
    features = _reduced(features, seed)
    features = l2_normalize(np.asarray(features, dtype=float))
    km = KMeans(n_clusters=n, n_init=1, random_state=seed).fit(features)
    distance = np.linalg.norm(features - km.cluster_centers_[km.labels_], axis=1)
    chosen, reasons = [], []
    for cluster in range(n):
        members = np.flatnonzero(km.labels_ == cluster)
        if len(members):
            chosen.append(members[np.argmin(distance[members])])
            reasons.append(f"cluster {cluster + 1} of {n} ({len(members)} texts)")
    return np.array(chosen), reasons


def _pick_stratified(strata: np.ndarray, n: int, rng) -> tuple[np.ndarray, list[str]]:
    names = sorted(set(strata), key=lambda s: (s == NO_LABEL, s))
    members = {s: rng.permutation(np.flatnonzero(strata == s)) for s in names}
    quota = dict.fromkeys(names, 0)
    remaining = min(n, len(strata))
    while remaining:
        open_strata = [s for s in names if quota[s] < len(members[s])]
        share = max(remaining // len(open_strata), 1)
        for s in open_strata:
            take = min(share, len(members[s]) - quota[s], remaining)
            quota[s] += take
            remaining -= take
            if not remaining:
                break
    chosen = np.concatenate([members[s][: quota[s]] for s in names]).astype(int)
    return chosen, [f"stratum {strata[i]}" for i in chosen]


def select(model: BarrierModel, texts: list[str], n: int, strategy: str, *, seed: int = 0, measure: str = "margin",
           scores: np.ndarray | None = None) -> tuple[np.ndarray, list[str]]:
    """Indices of the *n* texts to label and why each was chosen."""
    if strategy not in STRATEGIES:
        raise InputError(f"sampling strategy '{strategy}' is unknown; expected one of: {', '.join(STRATEGIES)}")
    rng = np.random.default_rng(seed)
    n = min(n, len(texts))
    if strategy == "random":
        return rng.choice(len(texts), size=n, replace=False), ["random"] * n
    if strategy == "diverse":
        return _pick_diverse(model_features(model, texts), n, seed)
    scores = model.predict_proba(texts) if scores is None else scores
    if strategy == "stratified":
        return _pick_stratified(predicted_stratum(scores, model.thresholds_, model.taxonomy_.ids), n, rng)
    value = uncertainty(scores, model.thresholds_, measure)
    # A seeded shuffle first, so ties do not favour the input order.
    order = rng.permutation(len(texts))
    chosen = order[np.argsort(-value[order], kind="stable")[:n]]
    return chosen, [f"{measure} {abs(value[i]):.3f}" for i in chosen]


def sample_for_annotation(source: str | os.PathLike | pd.DataFrame,
                          model: BarrierModel | str | os.PathLike | None = None,
                          *, n: int = 200, strategy: str = "uncertainty", seed: int = 0, measure: str = "margin",
                          text_column: str = "text", id_column: str | None = None, keep_columns=(),
                          suggestions: bool = True, exclude=(), pool_size: int = DEFAULT_POOL_SIZE,
                          fmt: str | None = None, encoding: str = "utf-8",
                          allow_duplicate_ids: bool = False) -> pd.DataFrame:
    """An annotation sheet of *n* texts from *source*, chosen by *strategy* with *model* (default: the shipped one).

    Rows come in a seeded random order, so the order does not hint at the
    model's view. ``random`` draws a simple random sample of the non-empty
    rows (repeated texts included), the sample :func:`toolkit.estimate_prevalence`
    needs; the other strategies choose among distinct texts. ``suggested_labels`` and ``suggested_<label>`` (the scores)
    carry the model's suggestions and ``sampled_by`` why a row was chosen,
    unless *suggestions* is False.

    Examples
    --------
    >>> texts = ["what if he laughs at me", "we had pizza", "my ex read my diary", "i'm overreacting again"]
    >>> sheet = sample_for_annotation(pd.DataFrame({"text": texts}), n=2, strategy="random", seed=1)
    >>> list(sheet.columns[:7])
    ['id', 'text', 'fear_of_rejection', 'past_experiences', 'self_doubt', 'cultural_influences', 'notes']
    >>> len(sheet), bool(sheet["fear_of_rejection"].isna().all())
    (2, True)
    """
    if n < 1:
        raise InputError(f"the number of texts to sample must be at least 1, got {n}")
    if model is None or isinstance(model, (str, os.PathLike)):
        model = load_model(model)
    pool = candidate_pool(source, text_column=text_column, id_column=id_column, keep_columns=tuple(keep_columns),
                          exclude=exclude, pool_size=pool_size, seed=seed, fmt=fmt, encoding=encoding,
                          distinct=strategy != "random", allow_duplicate_ids=allow_duplicate_ids)
    texts = pool["text"].tolist()
    scores = model.predict_proba(texts) if strategy != "diverse" or suggestions else None
    chosen, reasons = select(model, texts, n, strategy, seed=seed, measure=measure, scores=scores)
    order = np.random.default_rng(seed + 1).permutation(len(chosen))
    chosen, reasons = np.asarray(chosen)[order], [reasons[i] for i in order]
    labels = list(model.taxonomy_.ids)
    sheet = pool.iloc[chosen][["id", "text"]].reset_index(drop=True)
    for label in labels:
        sheet[label] = pd.Series([None] * len(sheet), dtype=object)
    sheet["notes"] = ""
    for column in keep_columns:
        sheet[column] = pool[column].to_numpy()[chosen]
    if suggestions:
        picked = scores[chosen]
        predicted = picked >= model.thresholds_
        sheet["suggested_labels"] = [";".join(np.array(labels)[row]) or NO_LABEL for row in predicted]
        for j, label in enumerate(labels):
            sheet[f"suggested_{label}"] = picked[:, j].round(2)
        sheet["sampled_by"] = [reason if reason == strategy else f"{strategy}: {reason}" for reason in reasons]
    return sheet


def codebook_path(sheet_path: str | os.PathLike) -> Path:
    """Where the codebook beside a sheet goes: ``batch.csv`` -> ``batch.codebook.md``."""
    path = Path(sheet_path)
    return path.with_name(f"{path.stem}.codebook.md")


def write_sheet(sheet: pd.DataFrame, path: str | os.PathLike, taxonomy: Taxonomy) -> Path:
    """Write the sheet (format from the extension) and its codebook; returns the codebook's path."""
    write_table(sheet, path)
    target = codebook_path(path)
    write_text_atomic(target, codebook_markdown(taxonomy))
    return target


__all__ = ["DEFAULT_POOL_SIZE", "STRATEGIES", "UNCERTAINTY_MEASURES", "candidate_pool", "codebook_path",
           "model_features", "predicted_stratum", "sample_for_annotation", "select", "uncertainty", "write_sheet"]
