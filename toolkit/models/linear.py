"""Negation-aware n-gram features with one-vs-rest logistic regression."""

from __future__ import annotations

import threading
from numbers import Integral, Real

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from ..metrics import sigmoid
from ..text import seeker_turns
from .base import BarrierModel
from .heads import fit_logistic, fit_logistic_heads, per_label_out_of_fold
from .ngram_hashing import NgramHasher, feature_column
from .params import Boolean, Interval, Options
from .registry import register_model_type

SCORE_BLOCK = 4096


@register_model_type
class LinearModel(BarrierModel):
    """Word n-grams (negation-marked, stemmed) + TF-IDF + logistic regression per label.

    Features are hashed, so the model stores no vocabulary: only the idf
    vector, the coefficients and the thresholds, all plain arrays.

    Parameters
    ----------
    taxonomy : Taxonomy, optional
        Label set; the default taxonomy when omitted.
    C : float
        Inverse regularisation strength of each logistic regression.
    ngram_max : int
        Longest word n-gram (1 = unigrams only).
    n_features : int
        Size of the hashed feature space.
    negation : bool
        Mark tokens in the scope of a negator with ``NEG_``.
    negation_window : int
        How many tokens after a negator are marked.
    stem : bool
        Snowball-stem tokens.
    class_weight : {"balanced", None}
        Re-weight positives, which are rare for every label.
    seed : int
        Seed of the cross-validation split used when no dev set is given.
    turns : {"all", "seeker", "seeker_when_scoring"}
        ``"seeker"`` reads only the help-seeker's turns of two-speaker chats
        (``A:`` lines; :func:`toolkit.text.seeker_turns`), in training and
        scoring alike; ``"seeker_when_scoring"`` trains on whole chats (so
        the model still learns that a supporter's words are not evidence)
        and scores the seeker's turns only. Other texts are read whole.

    Examples
    --------
    >>> texts = ["what if she laughs at me", "i'm scared he'll think less of me",
    ...          "we had pizza", "the bus was late", "she'll judge me for sure",
    ...          "nice weather today"]
    >>> y = np.array([[1], [1], [0], [0], [1], [0]])
    >>> from toolkit.taxonomy import taxonomy_from_dict
    >>> tax = taxonomy_from_dict({"labels": [{"id": "fear", "name": "Fear", "definition": "d"}]})
    >>> model = LinearModel(taxonomy=tax).fit(texts, y, dev_texts=texts, dev_y=y)
    >>> model.predict(["what if he laughs at me", "the pizza was late"]).ravel().tolist()
    [1, 0]
    """

    model_type = "linear"
    capabilities = frozenset({"term_contributions", "fine_tune"})

    _parameter_constraints = {
        "C": [Interval(Real, 0, None, closed="neither")],
        "ngram_max": [Interval(Integral, 1, 5)],
        "n_features": [Interval(Integral, 1, 2**26)],
        "negation": [Boolean()],
        "negation_window": [Interval(Integral, 0, 20)],
        "stem": [Boolean()],
        "class_weight": [Options(("balanced", None))],
        "seed": [Interval(Integral, 0, 2**32 - 1)],
        "turns": [Options(("all", "seeker", "seeker_when_scoring"))],
    }

    def __init__(self, taxonomy=None, *, C=16.0, ngram_max=2, n_features=2**18, negation=True, negation_window=2,
                 stem=True, class_weight="balanced", seed=0, turns="all"):
        self.taxonomy = taxonomy
        self.C = C
        self.ngram_max = ngram_max
        self.n_features = n_features
        self.negation = negation
        self.negation_window = negation_window
        self.stem = stem
        self.class_weight = class_weight
        self.seed = seed
        self.turns = turns

    def diversity_features(self, texts):
        """The TF-IDF rows: diversity sampling clusters on what the model reads."""
        return self.transform(texts)

    def hyperparameters(self) -> dict:
        params = super().hyperparameters()
        # Recorded only when set, so the cards (and ids) of models trained before ``turns`` existed stay the same.
        if params.get("turns") == "all":
            del params["turns"]
        return params

    # -- features -------------------------------------------------------
    def analyze(self, text: str) -> list[str]:
        """The features of one text: stemmed, negation-marked word n-grams.

        Feature ``f`` is counted in column ``feature_columns([f])[0]`` of
        :meth:`transform`.
        """
        return self._hasher().analyze(self._read([text], training=False)[0])

    def feature_columns(self, features: list[str]) -> np.ndarray:
        """The column of each feature string (from :meth:`analyze`) in :meth:`transform`'s matrix."""
        return np.array([feature_column(f, self.n_features) for f in features], dtype=np.int64)

    def _hasher(self) -> NgramHasher:
        # One hasher (and its caches) per thread: the caches are not thread-safe. Keyed by the parameters it
        # depends on, so set_params between fits gives a fresh one.
        local = self.__dict__.setdefault("_local", threading.local())
        key = (self.ngram_max, self.n_features, self.negation, self.negation_window, self.stem)
        hasher = getattr(local, "hasher", None)
        if hasher is None or getattr(local, "key", None) != key:
            local.key = key
            hasher = local.hasher = NgramHasher(ngram_max=self.ngram_max, n_features=self.n_features,
                                                negation=self.negation,
                                                negation_window=self.negation_window, stem=self.stem)
        return hasher

    def __getstate__(self):
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def _read(self, texts: list[str], *, training: bool) -> list[str]:
        """The part of each text the model reads (see the ``turns`` parameter)."""
        if self.turns == "seeker" or (self.turns == "seeker_when_scoring" and not training):
            return [seeker_turns(text) for text in texts]
        return texts

    def _counts(self, texts: list[str]) -> sparse.csr_matrix:
        counts = self._hasher().counts(texts)
        counts.data = 1.0 + np.log(counts.data)
        return counts

    def _weighted(self, counts: sparse.csr_matrix, idf: np.ndarray | None = None) -> sparse.csr_matrix:
        weighted = counts.copy()
        weighted.data *= (self.idf_ if idf is None else idf)[weighted.indices]
        rows = np.repeat(np.arange(weighted.shape[0]), np.diff(weighted.indptr))
        norms = np.sqrt(np.bincount(rows, weights=weighted.data**2, minlength=weighted.shape[0]))
        norms[norms == 0] = 1.0
        weighted.data *= (1.0 / norms)[rows]
        return weighted

    def _idf(self, counts: sparse.csr_matrix) -> np.ndarray:
        n = counts.shape[0]
        document_frequency = np.bincount(counts.indices, minlength=self.n_features)
        idf = (np.log((1 + n) / (1 + document_frequency)) + 1).astype(np.float64)
        # Stored as float32; keep the in-memory model at that precision so a
        # saved and reloaded model scores exactly like the one that was fitted.
        return idf.astype(np.float32).astype(np.float64)

    def _logistic_options(self) -> dict:
        return {"C": self.C, "class_weight": self.class_weight, "solver": "liblinear", "random_state": self.seed,
                "max_iter": 1000}

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        """TF-IDF feature matrix of *texts* (rows l2-normalised)."""
        return self._weighted(self._counts(self._read(texts, training=False)))

    # -- fitting and scoring ---------------------------------------------
    def _fit_matrix(self, counts: sparse.csr_matrix, y: np.ndarray, sample_weight=None):
        # sample_weight: one weight per row, or (sentence-level training) one column of weights per label.
        self.idf_ = self._idf(counts)
        self.coef_, self.intercept_ = fit_logistic_heads(self._weighted(counts), y, sample_weight,
                                                         **self._logistic_options())

    def _fit_scores(self, texts, y, sample_weight=None):
        self._fit_matrix(self._counts(self._read(texts, training=True)), y, sample_weight)

    def _scores(self, texts):
        cached = self.__dict__.get("_coef_t")
        if cached is None or cached[0] is not self.coef_:
            # Row-major (n_features, n_labels) is what scipy's sparse @ dense wants; copy once, not per call.
            cached = self._coef_t = (self.coef_, np.ascontiguousarray(self.coef_.T))
        coef_t = cached[1]
        # In blocks, so the sparse temporaries stay small whatever the chunk size.
        logits = np.empty((len(texts), len(self.intercept_)))
        for start in range(0, len(texts), SCORE_BLOCK):
            logits[start : start + SCORE_BLOCK] = self.transform(texts[start : start + SCORE_BLOCK]) @ coef_t
        logits += self.intercept_
        return sigmoid(logits)

    def _out_of_fold_scores(self, texts, y, sample_weight=None):
        counts = self._counts(self._read(texts, training=True))

        def fit_and_score(j, train_rows, test_rows):
            idf = self._idf(counts[train_rows])
            weight = None if sample_weight is None else sample_weight[train_rows]
            coef, intercept = fit_logistic(self._weighted(counts[train_rows], idf), y[train_rows, j], weight,
                                           **self._logistic_options())
            coef = coef.astype(np.float32).astype(np.float64)
            return sigmoid(self._weighted(counts[test_rows], idf) @ coef + intercept)

        return per_label_out_of_fold(y, fit_and_score, seed=self.seed)

    # -- adaptation ---------------------------------------------------------
    def fine_tuned(self, texts, y, *, C: float = 1.0, folds: int = 5, seed: int = 0):
        """A copy whose weights are corrected on a few labelled texts, and out-of-fold scores of those texts.

        Per label, a logistic regression on the new texts learns a factor
        ``a`` for this model's logit and an L2-penalised correction ``r`` to
        the n-gram weights (strength *C*), so the fitted logit is
        ``a * (w @ x + b) + r @ x + c``: still one linear model over the same
        features, with weights ``a * w + r``. The features (idf) stay this
        model's. A label with fewer than 2 positive or negative new texts keeps
        its weights, and its out-of-fold scores are this model's own (held
        out by construction: it never saw the texts). Thresholds and
        calibration are left to the caller.

        Returns
        -------
        model : LinearModel
            The corrected copy, fitted apart from its thresholds and calibration.
        scores : ndarray of shape (n_texts, n_labels)
            Raw scores of *texts*, each from corrections fitted without its fold.
        """
        self._check_fitted()
        features = self.transform([str(t) for t in texts])
        # Only the columns the new texts use: the penalised correction of every other column is 0, and the
        # solver's cost grows with the width of the problem.
        used = np.unique(features.indices)
        y = np.asarray(y, dtype=np.int8)
        base_logits = np.asarray(features @ self.coef_.T) + self.intercept_
        scores = sigmoid(base_logits)
        coef, intercept = self.coef_.copy(), self.intercept_.copy()
        for j in range(y.shape[1]):
            positives = int(y[:, j].sum())
            n_splits = min(folds, positives, len(y) - positives)
            if n_splits < 2:
                continue
            design = sparse.hstack([sparse.csr_matrix(base_logits[:, [j]]), features[:, used]]).tocsr()
            split = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)
            for train_idx, test_idx in split.split(np.zeros(len(y)), y[:, j]):
                if len(np.unique(y[train_idx, j])) < 2:
                    continue
                correction = self._correction(design[train_idx], y[train_idx, j], C)
                scores[test_idx, j] = correction.predict_proba(design[test_idx])[:, 1]
            correction = self._correction(design, y[:, j], C)
            factor = correction.coef_[0, 0]
            coef[j] = factor * self.coef_[j]
            coef[j, used] += correction.coef_[0, 1:]
            intercept[j] = factor * self.intercept_[j] + correction.intercept_[0]
        model = self.clone()
        model.taxonomy_ = self.taxonomy_
        model.idf_ = self.idf_.copy()
        model.coef_, model.intercept_ = coef.astype(np.float32).astype(np.float64), intercept
        return model, scores

    def _correction(self, design, y, C) -> LogisticRegression:
        return LogisticRegression(C=C, class_weight=self.class_weight, solver="liblinear", random_state=self.seed,
                                  max_iter=1000).fit(design, y)

    # -- explanations -----------------------------------------------------
    def term_contributions(self, text: str) -> list[list[tuple[str, float]]]:
        """Per label, each feature of *text* with its share of the logit: tf-idf weight x coefficient.

        The contributions of a label plus its intercept add up to the logit
        of its score. Features are the strings of :meth:`analyze` (stemmed,
        ``NEG_``-marked n-grams), sorted by contribution, largest first.

        Examples
        --------
        >>> from toolkit.models import load_model
        >>> model = load_model()
        >>> up = model.term_contributions("what if he laughs at me")[0]
        >>> up[0][1] > 0
        True
        """
        self._check_fitted()
        features = sorted(set(self.analyze(text)))
        if not features:
            return [[] for _ in self.taxonomy_.ids]
        weights = self.transform([text]).toarray()[0]
        # The same hashing as HashingVectorizer (it delegates to FeatureHasher), one feature per row.
        hasher = FeatureHasher(n_features=self.n_features, input_type="string", alternate_sign=False)
        columns = hasher.transform([[feature] for feature in features]).tocsr().indices
        # Features that collide in one column share its weight equally.
        sharing = np.bincount(columns, minlength=self.n_features)[columns]
        contributions = weights[columns] / sharing * self.coef_[:, columns]
        return [sorted(((feature, float(c)) for feature, c in zip(features, row) if c != 0.0),
                       key=lambda item: -item[1]) for row in contributions]

    # -- persistence ------------------------------------------------------
    def _arrays(self):
        return {"idf": self.idf_.astype(np.float32), "coef": self.coef_.astype(np.float32),
                "intercept": self.intercept_.astype(np.float64)}

    def _restore(self, arrays):
        n_labels = len(self._taxonomy().ids)
        self.idf_ = arrays["idf"].astype(np.float64)
        self.coef_ = arrays["coef"].astype(np.float64)
        self.intercept_ = arrays["intercept"].astype(np.float64)
        if (self.idf_.shape != (self.n_features,) or self.coef_.shape != (n_labels, self.n_features)
                or self.intercept_.shape != (n_labels,)):
            raise ValueError(f"array shapes {self.idf_.shape}, {self.coef_.shape}, {self.intercept_.shape} "
                             f"do not fit {n_labels} labels and {self.n_features} features")
