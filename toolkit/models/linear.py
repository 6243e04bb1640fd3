"""Negation-aware n-gram features with one-vs-rest logistic regression."""

from __future__ import annotations

import threading
from numbers import Integral, Real

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import FeatureHasher
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from ..errors import InputError
from ..metrics import sigmoid
from ..text import seeker_turns
from .base import BarrierModel
from .heads import OUT_OF_FOLD_SPLITS, fit_logistic, fit_logistic_heads, per_label_out_of_fold
from .ngram_hashing import NgramHasher, feature_column
from .params import Boolean, Interval, Options
from .registry import register_model_type
from .sentences import aggregate

SCORE_BLOCK = 4096
GATES = ("none", "document", "sentence")


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
    gate : {"none", "document", "sentence"}
        A disclosure gate that multiplies every label's score by the
        probability that the text carries any barrier at all, learnt by one
        more logistic regression on the same features: ``"document"`` from
        texts with any label against texts with none; ``"sentence"`` from
        sentences, a sentence being positive when it carries any label's
        evidence span (the ``evidence`` column; see
        :func:`~toolkit.models.sentence_linear.sentence_targets`), and a
        text's gate is its strongest sentence's. Thresholds and calibration
        are tuned on the gated scores. A gated model offers no term
        contributions and cannot be fine-tuned (the gate is outside the
        label's logit). ``"none"`` scores exactly as before the gate existed.

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
        "gate": [Options(GATES)],
    }

    def __init__(self, taxonomy=None, *, C=16.0, ngram_max=2, n_features=2**18, negation=True, negation_window=2,
                 stem=True, class_weight="balanced", seed=0, turns="all", gate="none"):
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
        self.gate = gate

    def supports(self, capability: str) -> bool:
        if self._gate() == "none":
            return super().supports(capability)
        return capability == "evidence" and self._gate() == "sentence"

    def _gate(self) -> str:
        # Subclasses without the parameter (sentence_linear) are never gated.
        return getattr(self, "gate", "none")

    def diversity_features(self, texts):
        """The TF-IDF rows: diversity sampling clusters on what the model reads."""
        return self.transform(texts)

    def hyperparameters(self) -> dict:
        params = super().hyperparameters()
        # Recorded only when set, so the cards (and ids) of models trained before ``turns`` existed stay the same.
        for name, default in (("turns", "all"), ("gate", "none")):
            if params.get(name) == default:
                del params[name]
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

    def _fit_scores(self, texts, y, sample_weight=None, evidence=None):
        self._fit_matrix(self._counts(self._read(texts, training=True)), y, sample_weight)
        if self._gate() != "none":
            self.gate_coef_, self.gate_intercept_ = self._fit_gate(texts, y, sample_weight, evidence, self.idf_)

    # -- the disclosure gate ------------------------------------------------
    def _fit_gate(self, texts, y, sample_weight, evidence, idf) -> tuple[np.ndarray, float]:
        """Coefficients and intercept of the gate: does a text (or sentence) carry any barrier at all?"""
        weight = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
        if self.gate == "document":
            units, target = self._read(texts, training=True), y.any(axis=1).astype(np.int8)
        else:
            if evidence is None:
                raise InputError("gate=sentence learns from evidence spans, but the training data have none; "
                                 "add an 'evidence' column (see toolkit.evidence) or use gate=document")
            if self.turns != "all":
                raise InputError(f"gate=sentence reads whole texts (evidence spans index them), so it cannot be "
                                 f"combined with turns={self.turns}; use turns=all or gate=document")
            from .sentence_linear import sentence_targets  # sentence_linear builds on this module

            units, owners, targets, label_weights = sentence_targets(texts, y, evidence, list(self._taxonomy().ids))
            target = targets.max(axis=1)
            # A sentence of a positive text without spans may carry that label's evidence: left out, not a negative.
            unit_weight = np.where(target == 1, 1.0, label_weights.min(axis=1))
            weight = unit_weight if weight is None else unit_weight * weight[owners]
            used = np.flatnonzero(unit_weight > 0)
            units, target, weight = [units[i] for i in used], target[used], weight[used]
        if target.min(initial=1) == 1 or target.max(initial=0) == 0:
            raise InputError(f"the {self.gate} gate needs units with and without a barrier; all of its "
                             f"{len(target)} training units are {'positive' if target.min(initial=1) else 'negative'}")
        coef, intercept = fit_logistic(self._weighted(self._counts(units), idf), target, weight,
                                       **self._logistic_options())
        return coef.astype(np.float32).astype(np.float64), intercept

    def _gate_scores(self, texts, coef=None, intercept=None, idf=None) -> np.ndarray:
        """The gate's probability per text (the strongest sentence's with ``gate="sentence"``)."""
        coef = self.gate_coef_ if coef is None else coef
        intercept = self.gate_intercept_ if intercept is None else intercept
        texts = self._read(texts, training=False)
        if self.gate == "document":
            return sigmoid(self._weighted(self._counts(texts), idf) @ coef + intercept)
        from .sentence_linear import text_units

        units, owners, _ = text_units(texts)
        scores = sigmoid(self._weighted(self._counts(units), idf) @ coef + intercept)
        return aggregate(scores[:, None], owners, len(texts), "max")[:, 0]

    def _scores(self, texts):
        scores = self._label_scores(texts)
        if self._gate() != "none":
            scores *= self._gate_scores(texts)[:, None]
        return scores

    def _label_scores(self, texts):
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

    def _out_of_fold_scores(self, texts, y, sample_weight=None, evidence=None):
        counts = self._counts(self._read(texts, training=True))

        def fit_and_score(j, train_rows, test_rows):
            idf = self._idf(counts[train_rows])
            weight = None if sample_weight is None else sample_weight[train_rows]
            coef, intercept = fit_logistic(self._weighted(counts[train_rows], idf), y[train_rows, j], weight,
                                           **self._logistic_options())
            coef = coef.astype(np.float32).astype(np.float64)
            return sigmoid(self._weighted(counts[test_rows], idf) @ coef + intercept)

        scores = per_label_out_of_fold(y, fit_and_score, seed=self.seed)
        if self._gate() != "none":
            scores *= self._out_of_fold_gate(texts, y, sample_weight, evidence)
        return scores

    def _out_of_fold_gate(self, texts, y, sample_weight=None, evidence=None) -> np.ndarray:
        """Gate scores of *texts* as a column, each from a gate fitted without its fold."""
        counts = self._counts(self._read(texts, training=True))
        gate = np.zeros((len(texts), 1))
        folds = StratifiedKFold(n_splits=OUT_OF_FOLD_SPLITS, shuffle=True, random_state=self.seed)
        for train_rows, test_rows in folds.split(np.zeros(len(texts)), y.any(axis=1)):
            idf = self._idf(counts[train_rows])
            coef, intercept = self._fit_gate(
                [texts[i] for i in train_rows], y[train_rows],
                None if sample_weight is None else np.asarray(sample_weight)[train_rows],
                None if evidence is None else [evidence[i] for i in train_rows], idf)
            gate[test_rows, 0] = self._gate_scores([texts[i] for i in test_rows], coef, intercept, idf)
        return gate

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
        if self._gate() != "none":
            raise InputError(f"a model with gate={self.gate} cannot be fine-tuned (the correction would ignore the "
                             "gate); train it anew on the combined data instead")
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
        >>> model = load_model("fast")
        >>> up = model.term_contributions("what if he laughs at me")[0]
        >>> up[0][1] > 0
        True
        """
        self._check_scorer_fitted()
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
        arrays = {"idf": self.idf_.astype(np.float32), "coef": self.coef_.astype(np.float32),
                  "intercept": self.intercept_.astype(np.float64)}
        if self._gate() != "none":
            arrays["gate_coef"] = self.gate_coef_.astype(np.float32)
            arrays["gate_intercept"] = np.array([self.gate_intercept_], dtype=np.float64)
        return arrays

    def _restore(self, arrays):
        if self._gate() != "none":
            self.gate_coef_ = arrays["gate_coef"].astype(np.float64)
            self.gate_intercept_ = float(arrays["gate_intercept"][0])
            if self.gate_coef_.shape != (self.n_features,):
                raise ValueError(f"gate array shape {self.gate_coef_.shape} does not fit {self.n_features} features")
        n_labels = len(self._taxonomy().ids)
        self.idf_ = arrays["idf"].astype(np.float64)
        self.coef_ = arrays["coef"].astype(np.float64)
        self.intercept_ = arrays["intercept"].astype(np.float64)
        if (self.idf_.shape != (self.n_features,) or self.coef_.shape != (n_labels, self.n_features)
                or self.intercept_.shape != (n_labels,)):
            raise ValueError(f"array shapes {self.idf_.shape}, {self.coef_.shape}, {self.intercept_.shape} "
                             f"do not fit {n_labels} labels and {self.n_features} features")
