"""Sentence embeddings + one logistic-regression head per label."""

from __future__ import annotations

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold

from ..errors import InputError
from .base import BarrierModel
from .encoders import ENCODERS, get_encoder
from .params import Param
from .sentences import AGGREGATIONS, check_aggregation, score_by_sentence
from .static_embedding import default_embedding_path


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

    PARAMS = {
        "encoder": Param("choice", choices=ENCODERS),
        "C": Param("float", low=0, low_open=True),
        "aggregation": Param("choice", choices=AGGREGATIONS),
        "class_weight": Param("choice", choices=("balanced", None)),
        "seed": Param("int", low=0, high=2**32 - 1),
    }

    def __init__(self, taxonomy=None, *, encoder="static", C=4.0, aggregation="document", class_weight="balanced", seed=0):
        super().__init__(taxonomy)
        self.encoder = encoder
        self.C = C
        self.aggregation = aggregation
        self.class_weight = class_weight
        self.seed = seed

    def get_params(self) -> dict:
        return {"encoder": self.encoder, "C": self.C, "aggregation": self.aggregation, "class_weight": self.class_weight, "seed": self.seed}

    def _check_params(self) -> None:
        if self.encoder not in ENCODERS:
            raise InputError(f"encoder '{self.encoder}' is unknown; expected one of: {', '.join(ENCODERS)}")
        check_aggregation(self.aggregation)

    def embed(self, texts: list[str]) -> np.ndarray:
        """The encoder's vectors for *texts*."""
        return get_encoder(self.encoder).encode(texts)

    def resource_paths(self):
        return [default_embedding_path()] if self.encoder == "static" else []

    def _fit_head(self, features: np.ndarray, y: np.ndarray, sample_weight=None):
        coef = np.zeros((y.shape[1], features.shape[1]))
        intercept = np.zeros(y.shape[1])
        for j in range(y.shape[1]):
            head = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=2000)
            head.fit(features, y[:, j], sample_weight=sample_weight)
            coef[j], intercept[j] = head.coef_[0], head.intercept_[0]
        return coef.astype(np.float32).astype(np.float64), intercept

    def _fit_scores(self, texts, y, sample_weight=None):
        self._check_params()
        self.coef_, self.intercept_ = self._fit_head(self.embed(texts), y, sample_weight)

    def _head_scores(self, texts: list[str]) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(self.embed(texts) @ self.coef_.T + self.intercept_)))

    def _scores(self, texts):
        return score_by_sentence(self._head_scores, texts, self.aggregation)

    def _out_of_fold_scores(self, texts, y, sample_weight=None):
        if self.aggregation != "document":
            raise InputError(f"aggregation '{self.aggregation}' needs a dev set to tune thresholds on; pass --dev (or dev_texts=)")
        features = self.embed(texts)
        scores = np.zeros(y.shape)
        for j in range(y.shape[1]):
            folds = StratifiedKFold(n_splits=min(5, int(y[:, j].sum()), int((1 - y[:, j]).sum())), shuffle=True, random_state=self.seed)
            for train_idx, test_idx in folds.split(features, y[:, j]):
                weight = None if sample_weight is None else sample_weight[train_idx]
                coef, intercept = self._fit_head(features[train_idx], y[train_idx][:, [j]], weight)
                scores[test_idx, j] = 1 / (1 + np.exp(-(features[test_idx] @ coef[0] + intercept[0])))
        return scores

    def _arrays(self):
        return {"coef": self.coef_.astype(np.float32), "intercept": self.intercept_.astype(np.float64)}

    def _restore(self, arrays):
        self._check_params()
        self.coef_ = arrays["coef"].astype(np.float64)
        self.intercept_ = arrays["intercept"].astype(np.float64)
        n_labels = len(self.taxonomy_.ids)
        if self.coef_.ndim != 2 or self.coef_.shape[0] != n_labels or self.intercept_.shape != (n_labels,):
            raise ValueError(f"array shapes {self.coef_.shape}, {self.intercept_.shape} do not fit {n_labels} labels")
