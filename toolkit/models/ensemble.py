"""A weighted average of several model types' scores."""

from __future__ import annotations

import numpy as np

from ..errors import InputError
from .base import BarrierModel
from .params import ListLike
from .registry import model_types, register_model_type


@register_model_type
class EnsembleModel(BarrierModel):
    """Average the scores of member models, then apply its own thresholds.

    Parameters
    ----------
    taxonomy : Taxonomy, optional
        Label set; the default taxonomy when omitted.
    members : list of dict or str
        One ``{"model_type": ..., "params": {...}}`` per member, or a
        comma-separated string of model types with default parameters
        (``"linear,semantic"``, handy with ``barriers train --param``). Each
        member is trained on the same data.
    weights : list of float or str, optional
        Weight of each member's scores (normalised to sum to 1), or a
        comma-separated string; equal weights when omitted.

    The default (linear + semantic with ``mean_max`` sentence aggregation,
    weighted 0.7/0.3) was chosen on the dev split.

    Examples
    --------
    >>> from toolkit.taxonomy import taxonomy_from_dict
    >>> tax = taxonomy_from_dict({"labels": [{"id": "fear", "name": "Fear", "definition": "d"}]})
    >>> texts = ["what if she laughs at me", "i'm scared he'll think less of me", "we had pizza",
    ...          "the bus was late", "she'll judge me for sure", "nice weather today"]
    >>> y = np.array([[1], [1], [0], [0], [1], [0]])
    >>> model = EnsembleModel(taxonomy=tax).fit(texts, y, dev_texts=texts, dev_y=y)
    >>> [m.model_type for m in model.members_], model.predict(["what if he laughs at me"]).ravel().tolist()
    (['linear', 'semantic'], [1])
    """

    model_type = "ensemble"
    DEFAULT_MEMBERS = ({"model_type": "linear", "params": {}},
                       {"model_type": "semantic", "params": {"C": 16.0, "aggregation": "mean_max"}})
    DEFAULT_WEIGHTS = (0.7, 0.3)

    _parameter_constraints = {"members": [ListLike(), None], "weights": [ListLike(), None]}

    def __init__(self, taxonomy=None, *, members=None, weights=None):
        self.taxonomy = taxonomy
        self.members = members
        self.weights = weights

    def _member_specs(self) -> list[dict]:
        if self.members is None:
            return [dict(m) for m in self.DEFAULT_MEMBERS]
        if isinstance(self.members, str):
            return [{"model_type": name.strip(), "params": {}} for name in self.members.split(",") if name.strip()]
        return [dict(m) for m in self.members]

    def _member_models(self) -> list[BarrierModel]:
        known = model_types()
        models = []
        specs = self._member_specs()
        if len(specs) < 2:
            raise InputError(f"an ensemble needs at least two members; got {len(specs)}")
        for member in specs:
            model_type = member.get("model_type")
            if model_type not in known or model_type == self.model_type:
                raise InputError(f"ensemble member type '{model_type}' is not allowed; expected one of: "
                                 f"{', '.join(t for t in sorted(known) if t != self.model_type)}")
            params = known[model_type].check_params(member.get("params", {}))
            models.append(known[model_type](taxonomy=self._taxonomy(), **params))
        return models

    def _weight_vector(self) -> np.ndarray:
        n = len(self._member_specs())
        weights = self.weights
        if weights is None:
            weights = self.DEFAULT_WEIGHTS if self.members is None else [1.0] * n
        try:
            weights = np.asarray([float(w) for w in (weights.split(",") if isinstance(weights, str) else weights)])
        except ValueError:
            weights = np.asarray([])
        if weights.shape != (n,) or (weights < 0).any() or weights.sum() <= 0:
            raise InputError(f"ensemble weights {self.weights!r} must be {n} non-negative numbers (one per member), "
                             "not all zero")
        return weights / weights.sum()

    def resource_paths(self):
        members = getattr(self, "members_", None) or self._member_models()
        return sorted({path for member in members for path in member.resource_paths()})

    def _fit_scores(self, texts, y, sample_weight=None):
        self.members_ = self._member_models()
        self._weight_vector()
        for member in self.members_:
            member._fit_scores(texts, y, sample_weight)

    def _scores(self, texts):
        weights = self._weight_vector()
        return sum(w * member._scores(texts) for w, member in zip(weights, self.members_))

    def _out_of_fold_scores(self, texts, y, sample_weight=None):
        weights = self._weight_vector()
        return sum(w * member._out_of_fold_scores(texts, y, sample_weight) for w, member in zip(weights, self.members_))

    def _arrays(self):
        arrays = {}
        for i, member in enumerate(self.members_):
            arrays.update({f"member{i}.{name}": value for name, value in member._arrays().items()})
        return arrays

    def _restore(self, arrays):
        self.members_ = self._member_models()
        for i, member in enumerate(self.members_):
            prefix = f"member{i}."
            member._restore({name[len(prefix):]: value for name, value in arrays.items() if name.startswith(prefix)})
