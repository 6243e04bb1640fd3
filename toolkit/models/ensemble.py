"""A weighted average of several model types' scores."""

from __future__ import annotations

import numpy as np

from ..errors import InputError
from .base import BarrierModel
from .calibration import apply_platt, fit_platt
from .params import ListLike, Options
from .registry import model_types, register_model_type

COMBINATIONS = ("scores", "calibrated")


def _member_value(raw: str):
    """A member parameter's value from its text: a whole number, a number, true/false/none, else the text."""
    for cast in (int, float):
        try:
            return cast(raw)
        except ValueError:
            continue
    return {"true": True, "false": False, "none": None}.get(raw.lower(), raw)


def parse_member(spec: str) -> dict:
    """One member of the comma-separated form: ``TYPE`` or ``TYPE:KEY=VALUE:KEY=VALUE``.

    >>> parse_member("sentence_linear:aggregation=mean_max:C=4")
    {'model_type': 'sentence_linear', 'params': {'aggregation': 'mean_max', 'C': 4}}
    """
    model_type, *assignments = [part.strip() for part in spec.split(":")]
    params = {}
    for assignment in assignments:
        key, sep, raw = assignment.partition("=")
        if not sep or not key.strip():
            raise InputError(f"ensemble member '{spec}' has '{assignment}' where KEY=VALUE was expected; write a "
                             "member as TYPE or TYPE:KEY=VALUE:KEY=VALUE, e.g. sentence_linear:C=4")
        params[key.strip()] = _member_value(raw.strip())
    return {"model_type": model_type, "params": params}


@register_model_type
class EnsembleModel(BarrierModel):
    """Average the scores of member models, then apply its own thresholds.

    Parameters
    ----------
    taxonomy : Taxonomy, optional
        Label set; the default taxonomy when omitted.
    members : list of dict or str
        One ``{"model_type": ..., "params": {...}}`` per member, or a
        comma-separated string of members, each a model type with its
        parameters after colons (``"linear,sentence_linear:aggregation=mean_max:C=4"``,
        handy with ``barriers train --param``). Each member is trained on the
        same data; members that learn from evidence spans get them.
    weights : list of float or str, optional
        Weight of each member's scores (normalised to sum to 1), or a
        comma-separated string; equal weights when omitted.
    combine : {"scores", "calibrated"}
        What is averaged: the members' raw scores, or their probabilities
        after a Platt calibration per member and label fitted on the same
        tuning data as the ensemble's thresholds (so members whose raw
        scores live on different scales count as their weights say).

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

    _parameter_constraints = {"members": [ListLike(), None], "weights": [ListLike(), None],
                              "combine": [Options(COMBINATIONS)]}

    def __init__(self, taxonomy=None, *, members=None, weights=None, combine="scores"):
        self.taxonomy = taxonomy
        self.members = members
        self.weights = weights
        self.combine = combine

    def hyperparameters(self) -> dict:
        params = super().hyperparameters()
        # Recorded only when set, so the cards (and ids) of ensembles trained before ``combine`` existed stay the same.
        if params.get("combine") == "scores":
            del params["combine"]
        return params

    def supports(self, capability: str) -> bool:
        if capability == "evidence":
            members = getattr(self, "members_", None) or self._member_models()
            return any(member.supports("evidence") for member in members)
        return super().supports(capability)

    def _member_specs(self) -> list[dict]:
        if self.members is None:
            return [dict(m) for m in self.DEFAULT_MEMBERS]
        if isinstance(self.members, str):
            return [parse_member(spec) for spec in self.members.split(",") if spec.strip()]
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

    def _fit_scores(self, texts, y, sample_weight=None, evidence=None):
        self.members_ = self._member_models()
        self._weight_vector()
        self.__dict__.pop("member_calibration_", None)
        self.__dict__.pop("_tuning_member_scores", None)
        for member in self.members_:
            if evidence is not None and member.supports("evidence"):
                member._fit_scores(texts, y, sample_weight, evidence=evidence)
            else:
                member._fit_scores(texts, y, sample_weight)

    def _combined(self, member_scores: list[np.ndarray]) -> np.ndarray:
        if self.combine == "calibrated":
            member_scores = [apply_platt(s, c) for s, c in zip(member_scores, self.member_calibration_)]
        return sum(w * s for w, s in zip(self._weight_vector(), member_scores))

    def _held_for_tuning(self, member_scores: list[np.ndarray]) -> np.ndarray:
        """Before the members are calibrated: keep their scores for :meth:`_tune`, return the raw mean."""
        mean = sum(w * s for w, s in zip(self._weight_vector(), member_scores))
        self._tuning_member_scores = (member_scores, mean)
        return mean

    def _scores(self, texts):
        member_scores = [member._scores(texts) for member in self.members_]
        if self.combine == "calibrated" and "member_calibration_" not in self.__dict__:
            return self._held_for_tuning(member_scores)
        return self._combined(member_scores)

    def _out_of_fold_scores(self, texts, y, sample_weight=None):
        member_scores = [member._out_of_fold_scores(texts, y, sample_weight) for member in self.members_]
        if self.combine == "calibrated":
            return self._held_for_tuning(member_scores)
        return self._combined(member_scores)

    def _tune(self, y, raw_scores, tuned_on, **options):
        if self.combine == "calibrated":
            held = self.__dict__.pop("_tuning_member_scores", None)
            if held is not None and np.array_equal(held[1], raw_scores):
                self.member_calibration_ = np.stack([fit_platt(y, s) for s in held[0]])
                raw_scores = self._combined(held[0])
            elif "member_calibration_" not in self.__dict__:
                raise InputError("combine=calibrated calibrates each member on the scores of the tuning texts, "
                                 "which this ensemble did not compute itself; tune on scores from its own "
                                 "decision_scores (or fit with a dev set or out of fold), or use combine=scores")
            # Otherwise (a fitted ensemble tuned anew): the members keep their calibration, the ensemble's is refitted.
        return super()._tune(y, raw_scores, tuned_on, **options)

    def _arrays(self):
        arrays = {}
        for i, member in enumerate(self.members_):
            arrays.update({f"member{i}.{name}": value for name, value in member._arrays().items()})
        if self.combine == "calibrated":
            arrays["member_calibration"] = np.asarray(self.member_calibration_, dtype=np.float64)
        return arrays

    def _restore(self, arrays):
        self.members_ = self._member_models()
        if self.combine == "calibrated":
            self.member_calibration_ = arrays.pop("member_calibration")
            expected = (len(self.members_), len(self._taxonomy().ids), 2)
            if self.member_calibration_.shape != expected:
                raise ValueError(f"member calibration of shape {self.member_calibration_.shape}, expected {expected}")
        for i, member in enumerate(self.members_):
            prefix = f"member{i}."
            member._restore({name[len(prefix):]: value for name, value in arrays.items() if name.startswith(prefix)})
