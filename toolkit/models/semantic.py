"""Sentence embeddings + one logistic-regression head per label."""

from __future__ import annotations

from numbers import Integral, Real

import numpy as np

from ..errors import InputError
from ..metrics import sigmoid
from .base import BarrierModel
from .encoders import ENCODERS, get_encoder
from .heads import fit_logistic_heads, per_label_out_of_fold
from .params import Interval, Options
from .registry import register_model_type
from .sentences import AGGREGATIONS, score_by_sentence
from .static_embedding import default_embedding_path


@register_model_type
class SemanticModel(BarrierModel):
    """Embeddings of whole texts (or of their sentences) with a linear head.

    Parameters
    ----------
    taxonomy : Taxonomy, optional
        Label set; the default taxonomy when omitted.
    encoder : {"static", "minilm"}
        ``static``: the model2vec distillation of all-MiniLM-L6-v2 shipped in
        the package (numpy only). ``minilm``: the full transformer, which
        needs the ``transformer`` extra and is about 100x slower.
    C : float
        Inverse regularisation strength of each logistic regression.
    aggregation : {"document", "max", "noisy_or", "mean_max"}
        Score whole texts, or score each sentence and combine (see
        :mod:`toolkit.models.sentences`). The head is always trained on
        whole texts.
    class_weight : {"balanced", None}
        Re-weight positives, which are rare for every label.
    seed : int
        Seed of the cross-validation split used when no dev set is given.

    Examples
    --------
    >>> from toolkit.taxonomy import taxonomy_from_dict
    >>> tax = taxonomy_from_dict({"labels": [{"id": "fear", "name": "Fear", "definition": "d"}]})
    >>> texts = ["what if she laughs at me", "i'm scared he'll think less of me", "we had pizza",
    ...          "the bus was late", "she'll judge me for sure", "nice weather today"]
    >>> y = np.array([[1], [1], [0], [0], [1], [0]])
    >>> model = SemanticModel(taxonomy=tax).fit(texts, y, dev_texts=texts, dev_y=y)
    >>> model.predict(["what if he laughs at me", "the pizza was late"]).ravel().tolist()
    [1, 0]
    """

    model_type = "semantic"

    _parameter_constraints = {
        "encoder": [Options(ENCODERS)],
        "C": [Interval(Real, 0, None, closed="neither")],
        "aggregation": [Options(AGGREGATIONS)],
        "class_weight": [Options(("balanced", None))],
        "seed": [Interval(Integral, 0, 2**32 - 1)],
    }

    def __init__(self, taxonomy=None, *, encoder="static", C=4.0, aggregation="document", class_weight="balanced",
                 seed=0):
        self.taxonomy = taxonomy
        self.encoder = encoder
        self.C = C
        self.aggregation = aggregation
        self.class_weight = class_weight
        self.seed = seed

    def embed(self, texts: list[str]) -> np.ndarray:
        """The encoder's vectors for *texts*."""
        return get_encoder(self.encoder).encode(texts)

    def resource_paths(self):
        return [default_embedding_path()] if self.encoder == "static" else []

    def _fit_head(self, features: np.ndarray, y: np.ndarray, sample_weight=None):
        return fit_logistic_heads(features, y, sample_weight, C=self.C, class_weight=self.class_weight, max_iter=2000)

    def _fit_scores(self, texts, y, sample_weight=None):
        self.coef_, self.intercept_ = self._fit_head(self.embed(texts), y, sample_weight)

    def _head_scores(self, texts: list[str]) -> np.ndarray:
        return sigmoid(self.embed(texts) @ self.coef_.T + self.intercept_)

    def _scores(self, texts):
        return score_by_sentence(self._head_scores, texts, self.aggregation)

    def _out_of_fold_scores(self, texts, y, sample_weight=None):
        if self.aggregation != "document":
            raise InputError(f"aggregation '{self.aggregation}' needs a dev set to tune thresholds on; "
                             "pass --dev (or dev_texts=)")
        features = self.embed(texts)

        def fit_and_score(j, train_rows, test_rows):
            weight = None if sample_weight is None else sample_weight[train_rows]
            coef, intercept = self._fit_head(features[train_rows], y[train_rows][:, [j]], weight)
            return sigmoid(features[test_rows] @ coef[0] + intercept[0])

        return per_label_out_of_fold(y, fit_and_score, seed=self.seed)

    def _arrays(self):
        return {"coef": self.coef_.astype(np.float32), "intercept": self.intercept_.astype(np.float64)}

    def _restore(self, arrays):
        self.coef_ = arrays["coef"].astype(np.float64)
        self.intercept_ = arrays["intercept"].astype(np.float64)
        n_labels = len(self._taxonomy().ids)
        if self.coef_.ndim != 2 or self.coef_.shape[0] != n_labels or self.intercept_.shape != (n_labels,):
            raise ValueError(f"array shapes {self.coef_.shape}, {self.intercept_.shape} do not fit {n_labels} labels")
