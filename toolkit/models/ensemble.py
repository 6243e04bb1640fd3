"""A weighted average of several model types' scores."""

from __future__ import annotations

import numpy as np

from ..errors import InputError, ModelError
from ..text import sentence_spans
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
    capabilities = frozenset({"sentence_scores"})
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
        """``evidence`` when any member learns from spans; ``term_contributions`` when every member offers them.

        ``sentence_scores`` always: the ensemble scores any sentence as a text.
        """
        if capability in ("evidence", "term_contributions"):
            members = getattr(self, "members_", None) or self._member_models()
            offered = [member.supports(capability) for member in members]
            return any(offered) if capability == "evidence" else all(offered)
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
            member._fit_scores(texts, y, sample_weight, **member._evidence_arguments(evidence))
        self._members_fitted()

    def _members_fitted(self) -> None:
        # Members are scorers only (the ensemble holds thresholds and calibration); marking them as fitted scorers
        # lets their own explanation methods (term_contributions) run.
        for member in self.members_:
            member.taxonomy_ = self._taxonomy()

    def _weighted_mean(self, member_scores: list[np.ndarray]) -> np.ndarray:
        return sum(w * s for w, s in zip(self._weight_vector(), member_scores))

    def _combined(self, member_scores: list[np.ndarray]) -> np.ndarray:
        if self.combine == "calibrated":
            member_scores = [apply_platt(s, c) for s, c in zip(member_scores, self.member_calibration_)]
        return self._weighted_mean(member_scores)

    def _held_for_tuning(self, member_scores: list[np.ndarray]) -> np.ndarray:
        """Before the members are calibrated: keep their scores for :meth:`_tune`, return the raw mean."""
        mean = self._weighted_mean(member_scores)
        self._tuning_member_scores = (member_scores, mean)
        return mean

    def _scores(self, texts):
        member_scores = [member._scores(texts) for member in self.members_]
        if self.combine == "calibrated" and "member_calibration_" not in self.__dict__:
            return self._held_for_tuning(member_scores)
        return self._combined(member_scores)

    def sentence_scores(self, text: str) -> list[tuple[str, int, int, np.ndarray]]:
        """Each sentence of *text* with its offsets and its (uncalibrated) score per label.

        A sentence scores as the ensemble scores a text that is that sentence
        alone: every member scores it (a sentence-level member as its own
        sentences, a document member as a whole) and the scores are combined
        as for any text (``combine``, ``weights``). So a sentence's score is on
        the scale of :meth:`decision_scores`, and :meth:`predict_proba` of the
        sentence is its calibrated form.
        """
        self._check_fitted()
        spans = sentence_spans(text) or [(text, 0, len(text))]
        scores = self._scores([sentence for sentence, _, _ in spans])
        return [(sentence, start, end, score) for (sentence, start, end), score in zip(spans, scores)]

    def term_contributions(self, text: str) -> list[list[tuple[str, float]]]:
        """Per label, each term of *text* with the members' contributions summed under the ensemble's weights.

        A member's contribution is its own (for ``linear`` and
        ``sentence_linear``: tf-idf weight x coefficient, additive on that
        member's logit, the sentence member reading the whole text as one
        unit); a term's value here is ``sum_m w_m * c_m`` over the members
        with their normalised ``weights`` (a term a member does not use counts
        0 there). The values are a weighted mean of per-member logit shares:
        their sign says which way a term moves the members and their size
        how strongly, but they do not add up to the ensemble's score (the
        weighted mean of the members' scores, each a sigmoid of its logit,
        and with ``combine="calibrated"`` after each member's calibration),
        nor to its logit. Sorted largest first. Needs every member to offer
        term contributions (:meth:`supports`).
        """
        self._check_fitted()
        if not self.supports("term_contributions"):
            raise ModelError("term contributions need every ensemble member to offer them; members "
                             f"{', '.join(m.model_type for m in self.members_ if not m.supports('term_contributions'))}"
                             " do not (explain shows sentence evidence only for this model)")
        combined = [{} for _ in self._taxonomy().ids]
        for weight, member in zip(self._weight_vector(), self.members_):
            for j, terms in enumerate(member.term_contributions(text)):
                for term, value in terms:
                    combined[j][term] = combined[j].get(term, 0.0) + float(weight) * value
        return [sorted(((term, value) for term, value in label.items() if value != 0.0), key=lambda item: -item[1])
                for label in combined]

    def _out_of_fold_scores(self, texts, y, sample_weight=None, evidence=None):
        member_scores = [member._out_of_fold_scores(texts, y, sample_weight, **member._evidence_arguments(evidence))
                         for member in self.members_]
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
        self._members_fitted()
