"""The interface every model type shares, and threshold tuning."""

from __future__ import annotations

import dataclasses
import inspect
import json
import os
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator

from .._version import __version__
from ..errors import InputError, ModelError, TaxonomyError
from ..metrics import expected_calibration_error, f1_from_counts, label_f1, label_rates
from ..persist import (
    arrays_from_bytes,
    arrays_to_bytes,
    library_versions,
    load_model_dir,
    model_identity,
    save_model_dir,
)
from ..taxonomy import Taxonomy, load_taxonomy, taxonomy_from_dict
from .calibration import CALIBRATIONS, apply_platt, fit_platt
from .params import check_params

THRESHOLD_GRID = np.round(np.arange(0.05, 0.951, 0.01), 2)


def tune_thresholds(y_true: np.ndarray, scores: np.ndarray, sample_weight: np.ndarray | None = None) -> np.ndarray:
    """Per-label threshold on *scores* that maximises F1 on *y_true*.

    Candidates are 0.05, 0.06, ..., 0.95; ties go to the threshold closest to
    0.5, so a flat F1 curve does not push a threshold to an extreme. With
    *sample_weight*, true and false positives and misses are weighted counts.

    Examples
    --------
    >>> y = np.array([[1], [1], [0], [0]])
    >>> s = np.array([[0.9], [0.35], [0.3], [0.1]])
    >>> tune_thresholds(y, s).tolist()
    [0.35]
    """
    y_true = np.asarray(y_true, dtype=bool)
    scores = np.asarray(scores, dtype=float)
    weight = np.ones(len(y_true)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
    best = np.full(y_true.shape[1], 0.5)
    for j in range(y_true.shape[1]):
        predicted = scores[:, j][:, None] >= THRESHOLD_GRID[None, :]
        tp = weight @ (predicted & y_true[:, j][:, None])
        fp = weight @ (predicted & ~y_true[:, j][:, None])
        fn = weight @ y_true[:, j] - tp
        f1 = f1_from_counts(tp, fp, fn)
        if f1.max() == 0:
            continue
        candidates = THRESHOLD_GRID[f1 == f1.max()]
        best[j] = candidates[np.argmin(np.abs(candidates - 0.5))]
    return best


class BarrierModel(BaseEstimator):
    """Base class: a multi-label scorer with per-label thresholds, in the scikit-learn mould.

    Subclasses implement :meth:`_fit_scores` / :meth:`_scores` /
    :meth:`_out_of_fold_scores` and :meth:`_arrays` / :meth:`_restore`;
    thresholds, calibration, the model card and safe saving and loading live
    here. Callers outside the model types reach the hooks through the public
    :meth:`fit_scores`, :meth:`decision_scores` and :meth:`tune`, which
    subclasses do not override. ``__init__`` only stores its keyword arguments (so ``get_params`` /
    ``set_params`` come from :class:`sklearn.base.BaseEstimator`), each
    declared in ``_parameter_constraints`` and checked in :meth:`fit`; what is
    learnt goes to attributes ending in ``_`` (``taxonomy_``, ``thresholds_``,
    ``card_``, ...), and ``fit`` never changes a parameter.

    ``capabilities`` names what a model type offers beyond scoring, so callers
    ask rather than check its class: ``"term_contributions"`` (a
    ``term_contributions(text)`` method, shown by explain),
    ``"sentence_scores"`` (a ``sentence_scores(text)`` method),
    ``"evidence"`` (:meth:`fit` learns from evidence spans) and
    ``"fine_tune"`` (a ``fine_tuned(texts, y, ...)`` method, used by adapt).
    """

    model_type = "base"
    # Per __init__ parameter (but taxonomy), the constraints a value may satisfy (toolkit.models.params).
    _parameter_constraints: dict[str, list] = {}
    capabilities: frozenset[str] = frozenset()

    def __init__(self, taxonomy: Taxonomy | None = None):
        self.taxonomy = taxonomy

    # -- subclass hooks -------------------------------------------------
    def _fit_scores(self, texts: list[str], y: np.ndarray, sample_weight: np.ndarray | None = None) -> None:
        raise NotImplementedError

    def _scores(self, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def _out_of_fold_scores(self, texts: list[str], y: np.ndarray, sample_weight: np.ndarray | None = None,
                            evidence=None) -> np.ndarray:
        """Scores of *texts*, each from a model fitted without it; must leave this model's fitted state alone.

        A model that learns from evidence spans (``supports("evidence")``) also receives ``evidence=``, the
        spans it was fitted with, as :meth:`_fit_scores` does.
        """
        raise NotImplementedError

    def _arrays(self) -> dict[str, np.ndarray]:
        raise NotImplementedError

    def _restore(self, arrays: dict[str, np.ndarray]) -> None:
        raise NotImplementedError

    def resource_paths(self) -> list[Path]:
        """Files outside the model directory that the model reads (e.g. shipped embeddings)."""
        return []

    def diversity_features(self, texts: list[str]):
        """What diversity sampling clusters texts on; the calibrated scores unless a model type knows better."""
        return self.predict_proba(texts)

    # -- parameters -----------------------------------------------------
    def hyperparameters(self) -> dict:
        """The parameters of ``__init__`` but the taxonomy, as recorded in the model card."""
        return {name: value for name, value in self.get_params(deep=False).items() if name != "taxonomy"}

    def __repr__(self) -> str:
        # scikit-learn's repr would print the whole taxonomy; its name says enough.
        defaults = {name: p.default for name, p in inspect.signature(type(self).__init__).parameters.items()}
        shown = [f"{name}={value!r}" for name, value in self.hyperparameters().items()
                 if name not in defaults or not _same(value, defaults[name])]
        if self.taxonomy is not None:
            shown.insert(0, f"taxonomy=<{self.taxonomy.name} {self.taxonomy.version}>")
        return f"{type(self).__name__}({', '.join(shown)})"

    def supports(self, capability: str) -> bool:
        """Whether the model type offers *capability* (see the class docstring)."""
        return capability in self.capabilities

    @classmethod
    def check_params(cls, params: dict, *, prefix: str = "--param ") -> dict:
        """*params* checked against ``_parameter_constraints`` (numbers coerced to their type); else InputError."""
        return check_params(cls.model_type, cls._parameter_constraints, params, prefix=prefix)

    def _validate_params(self) -> None:
        self.check_params(self.hyperparameters(), prefix="parameter ")

    def _taxonomy(self) -> Taxonomy:
        """The fitted taxonomy; before fitting, the one fit will use (the default when ``taxonomy`` is None)."""
        fitted = self.__dict__.get("taxonomy_")
        if fitted is not None:
            return fitted
        return self.taxonomy if self.taxonomy is not None else load_taxonomy()

    def set_provenance(self, *, training_data: dict | None = None, dev_data: dict | None = None) -> BarrierModel:
        """Record where the data came from in the fitted model's card (fingerprints, file names, weights).

        *training_data* updates the card's ``training_data`` (which :meth:`fit`
        fills with row and positive counts); *dev_data* sets ``dev_data``.
        Returns the model.
        """
        self._check_fitted()
        if training_data:
            self.card_["training_data"].update(training_data)
        if dev_data is not None:
            self.card_["dev_data"] = dict(dev_data)
        return self

    # -- public API -----------------------------------------------------
    def fit(self, texts, y, *, sample_weight=None, dev_texts=None, dev_y=None, tuning_scores=None,
            calibration="platt", evidence=None):
        """Learn from *texts* and a 0/1 matrix *y* (one column per taxonomy label).

        Thresholds are tuned on (*dev_texts*, *dev_y*) when given; on
        *tuning_scores*, a tuple ``(scores, y, name)`` the caller computed
        (adaptation tunes on out-of-fold scores of the new data); otherwise on
        out-of-fold scores of the training data. *sample_weight* weights each
        training row (and the out-of-fold tuning). *evidence* (one dict of
        label -> ``[(start, end), ...]`` per text, or None for a text not
        annotated; see :mod:`toolkit.evidence`) is used by model types that
        learn from evidence spans (capability ``"evidence"``) and ignored by the
        others. With ``calibration="platt"`` the scores are first mapped through a per-label logistic fit on that
        same tuning data, so that a score of 0.3 means about 30 % of such
        texts carry the label; decisions barely change (the map is monotonic).
        Where the data came from is recorded apart, with :meth:`set_provenance`.
        """
        self._validate_params()
        _check_calibration(calibration)
        texts, y, sample_weight = self._fit_scorer(texts, y, sample_weight, evidence)
        tuning_weight = None
        if dev_texts is not None:
            dev_texts = [str(t) for t in dev_texts]
            dev_y = _check_label_matrix(dev_y, len(dev_texts), self.taxonomy_)
            tuning_scores, tuning_y, tuned_on = self._scores(dev_texts), dev_y, "dev"
        elif tuning_scores is not None:
            tuning_scores, tuning_y, tuned_on = tuning_scores
        else:
            tuning_scores, tuning_y, tuned_on = (self._out_of_fold_scores(texts, y, sample_weight,
                                                                          **self._evidence_arguments(evidence)), y,
                                                 "out-of-fold train")
            tuning_weight = sample_weight
        metrics = self._tune(tuning_y, tuning_scores, tuned_on, calibration=calibration, sample_weight=tuning_weight)
        training_data = {"fingerprint": None, "source": None, "rows": len(texts),
                         "positives": dict(zip(self.taxonomy_.ids, y.sum(axis=0).astype(int).tolist()))}
        self.card_ = self._make_card(training_data=training_data, tuned_on=tuned_on, metrics=metrics)
        return self

    def fit_scores(self, texts, y, *, sample_weight=None, evidence=None) -> BarrierModel:
        """Fit the scorer alone: no calibration, no thresholds, no model card.

        Takes the same data as :meth:`fit` and checks it the same way; after
        it, :meth:`decision_scores` works, and :meth:`tune` on held-out
        scores completes the model. Learning curves use it to score many
        small models at a fixed cut-off.

        Parameters
        ----------
        texts : sequence of str
        y : array-like of shape (n_texts, n_labels)
            0/1 labels, one column per taxonomy label.
        sample_weight : array-like of shape (n_texts,), optional
            A positive weight per text.
        evidence : sequence, optional
            Evidence spans per text, used by model types with the
            ``"evidence"`` capability (see :meth:`fit`).

        Returns
        -------
        BarrierModel
            The model itself, with a fitted scorer.
        """
        self._validate_params()
        self._fit_scorer(texts, y, sample_weight, evidence)
        return self

    def decision_scores(self, texts) -> np.ndarray:
        """Raw per-label scores in [0, 1], before calibration and thresholds.

        What calibration and thresholds are tuned on: :meth:`predict_proba`
        is these scores mapped through the calibration, when there is one.
        Needs a fitted scorer (:meth:`fit`, :meth:`fit_scores` or a loaded
        model).

        Parameters
        ----------
        texts : sequence of str

        Returns
        -------
        ndarray of shape (n_texts, n_labels)
        """
        self._check_scorer_fitted()
        return self._scores([str(t) for t in texts])

    def tune(self, y, scores, *, tuned_on: str = "given scores", calibration: str = "platt",
             sample_weight=None) -> dict:
        """Fit calibration and thresholds on held-out raw *scores* of texts labelled *y*; the scorer stays.

        Use it to recalibrate a fitted model on new labelled data (scores
        from :meth:`decision_scores`), or to complete a model after
        :meth:`fit_scores` with scores of texts it was not fitted on.

        Parameters
        ----------
        y : array-like of shape (n_texts, n_labels)
            0/1 labels of the scored texts.
        scores : array-like of shape (n_texts, n_labels)
            Raw scores, as :meth:`decision_scores` gives them.
        tuned_on : str
            What the scores are of; names the metrics (spaces become ``_``).
        calibration : {"platt", "none"}
            Fit Platt calibration before the thresholds, or keep raw scores.
        sample_weight : array-like of shape (n_texts,), optional
            Weights for the threshold search.

        Returns
        -------
        dict
            The tuning metrics as a model card records them, keyed by
            *tuned_on*: rows, F1 per label, calibration error before and
            after, decision rates.

        Examples
        --------
        >>> from toolkit.models import LinearModel
        >>> from toolkit.taxonomy import taxonomy_from_dict
        >>> tax = taxonomy_from_dict({"labels": [{"id": "fear", "name": "Fear", "definition": "d"}]})
        >>> texts = ["what if she laughs at me", "i'm scared he'll judge me", "we had pizza", "the bus was late"]
        >>> y = np.array([[1], [1], [0], [0]])
        >>> model = LinearModel(taxonomy=tax, n_features=2**10).fit_scores(texts, y)
        >>> scores = model.decision_scores(["what if he laughs at me", "the pizza was late"])
        >>> metrics = model.tune([[1], [0]], scores, tuned_on="new data", calibration="none")
        >>> model.predict(["what if he laughs at me", "the pizza was late"]).ravel().tolist()
        [1, 0]
        >>> metrics["new_data"]["rows"]
        2
        """
        self._check_scorer_fitted()
        _check_calibration(calibration)
        n_labels = len(self.taxonomy_.ids)
        y = np.asarray(y)
        scores = np.asarray(scores, dtype=float)
        if y.ndim != 2 or y.shape[1] != n_labels or scores.shape != y.shape:
            raise InputError(f"tune needs labels and scores of the same shape (n_texts, {n_labels}); got labels "
                             f"{y.shape} and scores {scores.shape}")
        if not np.isin(y, (0, 1)).all():
            raise InputError("label matrix must hold only 0 and 1")
        if not np.isfinite(scores).all():
            raise InputError("scores must be finite numbers in [0, 1]; compute them with decision_scores()")
        return self._tune(y.astype(np.int8), scores, tuned_on, calibration=calibration,
                          sample_weight=_check_sample_weight(sample_weight, len(y)))

    def _fit_scorer(self, texts, y, sample_weight, evidence) -> tuple[list[str], np.ndarray, np.ndarray | None]:
        """Check the training data, set ``taxonomy_`` and fit the scorer; returns the checked data."""
        texts = [str(t) for t in texts]
        self.taxonomy_ = self.taxonomy if self.taxonomy is not None else load_taxonomy()
        y = _check_label_matrix(y, len(texts), self.taxonomy_)
        sample_weight = _check_sample_weight(sample_weight, len(texts))
        if evidence is not None and len(evidence) != len(texts):
            raise InputError(f"evidence must hold one entry (spans or None) per text ({len(texts)}); got "
                             f"{len(evidence)}")
        self._fit_scores(texts, y, sample_weight, **self._evidence_arguments(evidence))
        return texts, y, sample_weight

    def _evidence_arguments(self, evidence) -> dict:
        """``{"evidence": evidence}`` for a model that learns from evidence spans and is given some, else ``{}``:
        :meth:`_fit_scores` and :meth:`_out_of_fold_scores` of other model types take no such argument."""
        return {"evidence": evidence} if evidence is not None and self.supports("evidence") else {}

    def _tune(self, y: np.ndarray, raw_scores: np.ndarray, tuned_on: str, *, calibration: str = "platt",
              sample_weight: np.ndarray | None = None) -> dict:
        """Fit calibration and thresholds on held-out *raw_scores* of texts labelled *y*; returns the card metrics."""
        raw_ece = expected_calibration_error(y, raw_scores)
        self.calibration_ = fit_platt(y, raw_scores) if calibration == "platt" else None
        scores = raw_scores if self.calibration_ is None else apply_platt(raw_scores, self.calibration_)
        self.thresholds_ = tune_thresholds(y, scores, sample_weight)
        return {tuned_on.replace(" ", "_"): {"rows": len(y), **label_f1(y, scores >= self.thresholds_),
                                             "ece_before_calibration": round(raw_ece, 4),
                                             "ece": round(expected_calibration_error(y, scores), 4),
                                             "rates": label_rates(y, scores >= self.thresholds_, self.taxonomy_.ids)}}

    def clone(self) -> BarrierModel:
        """A new, unfitted model with the same taxonomy and hyper-parameters."""
        return type(self)(taxonomy=self._taxonomy(), **self.hyperparameters())

    def held_out_scores(self, texts, y, *, rows, sample_weight=None, folds: int = 3, seed: int = 0) -> np.ndarray:
        """Scores of ``texts[rows]``, each from a model fitted without its fold of *rows*.

        The other texts always take part in fitting (with *sample_weight*),
        so adaptation can tune thresholds on the new data while the old data
        keeps its place. This model is left untouched.
        """
        texts = [str(t) for t in texts]
        y = np.asarray(y, dtype=np.int8)
        rows = np.asarray(rows)
        if len(rows) < folds:
            raise InputError(f"held-out scores need at least {folds} rows to split into {folds} folds, got {len(rows)}")
        weight = np.ones(len(texts)) if sample_weight is None else np.asarray(sample_weight, dtype=float)
        shuffled = np.random.default_rng(seed).permutation(rows)
        scores = np.zeros((len(rows), y.shape[1]))
        position = {row: i for i, row in enumerate(rows)}
        for fold in np.array_split(shuffled, folds):
            keep = np.setdiff1d(np.arange(len(texts)), fold)
            model = self.clone()
            model._fit_scores([texts[i] for i in keep], y[keep], weight[keep])
            scores[[position[r] for r in fold]] = model._scores([texts[i] for i in fold])
        return scores

    def _make_card(self, *, training_data: dict, tuned_on: str, metrics: dict) -> dict:
        """The model card, from the fitted thresholds and what the caller knows of the data."""
        return {
            "model_type": self.model_type,
            "toolkit_version": __version__,
            "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "taxonomy": self.taxonomy_.to_dict(),
            "training_data": training_data,
            "hyperparameters": self.hyperparameters(),
            "thresholds": dict(zip(self.taxonomy_.ids, self.thresholds_.round(4).tolist())),
            "thresholds_tuned_on": tuned_on,
            "calibration": "none" if getattr(self, "calibration_", None) is None else "platt",
            "metrics": metrics,
            "library_versions": library_versions(),
        }

    def predict_proba(self, texts) -> np.ndarray:
        """Scores in [0, 1], shape (n_texts, n_labels)."""
        self._check_fitted()
        scores = self._scores([str(t) for t in texts])
        calibration = getattr(self, "calibration_", None)
        return scores if calibration is None else apply_platt(scores, calibration)

    def predict(self, texts) -> np.ndarray:
        """0/1 decisions from the per-label thresholds."""
        return (self.predict_proba(texts) >= self.thresholds_).astype(np.int8)

    @property
    def model_id(self) -> str:
        """``TYPE-HASH`` of everything that changes predictions (:func:`toolkit.persist.model_identity`)."""
        try:
            card, arrays = self._state()
        except NotImplementedError:  # a model without arrays of its own (a wrapper): its card and thresholds
            card, arrays = self.card_, {"thresholds": np.asarray(self.thresholds_, dtype=np.float64)}
        return model_identity(card, arrays)

    def _state(self) -> tuple[dict, dict[str, np.ndarray]]:
        """The card and every array that defines the fitted model (saved, or sent to workers)."""
        self._check_fitted()
        arrays = dict(self._arrays())
        arrays["thresholds"] = np.asarray(self.thresholds_, dtype=np.float64)
        if getattr(self, "calibration_", None) is not None:
            arrays["calibration"] = np.asarray(self.calibration_, dtype=np.float64)
        card = dict(self.card_)
        card["taxonomy_labels"] = [dataclasses.asdict(label) for label in self.taxonomy_.labels]
        return card, arrays

    def save(self, path: str | os.PathLike) -> Path:
        """Write a model directory (arrays + JSON card, no pickle)."""
        card, arrays = self._state()
        return save_model_dir(path, card, arrays)

    def to_payload(self) -> dict:
        """The model as plain data (a JSON-able card and ``.npz`` bytes) to send to worker processes.

        :func:`toolkit.models.model_from_payload` rebuilds it; nothing is pickled.
        """
        card, arrays = self._state()
        return {"card": json.loads(json.dumps(card)), "arrays": arrays_to_bytes(arrays)}

    @classmethod
    def from_directory(cls, path, card: dict, arrays: dict[str, np.ndarray]):
        """Rebuild a fitted model from its card and arrays (what :meth:`save` wrote)."""
        taxonomy = taxonomy_from_dict(
            {"name": card["taxonomy"]["name"], "version": card["taxonomy"]["version"],
             "labels": card["taxonomy_labels"]},
            source=f"{path}/model.json",
        )
        if taxonomy.fingerprint != card["taxonomy"]["fingerprint"]:
            raise ModelError(f"model '{path}' has a taxonomy that does not match its recorded fingerprint; retrain the "
                             "model")
        params = card.get("hyperparameters", {})
        try:
            model = cls(taxonomy=taxonomy, **params)
        except TypeError as exc:
            raise ModelError(f"model '{path}' has hyper-parameters this toolkit does not know ({exc}); "
                             "upgrade barrier-toolkit") from None
        try:
            model._validate_params()
        except InputError as exc:
            raise ModelError(f"model '{path}' has a hyper-parameter out of range ({exc}); retrain the model") from None
        model.taxonomy_ = taxonomy
        model.card_ = card
        model.thresholds_ = arrays.pop("thresholds")
        model.calibration_ = arrays.pop("calibration", None)
        if model.calibration_ is not None and model.calibration_.shape != (len(model.taxonomy.ids), 2):
            raise ModelError(f"model '{path}' has calibration parameters of shape {model.calibration_.shape}; retrain "
                             "the model")
        try:
            model._restore(arrays)
        except (KeyError, ValueError) as exc:
            raise ModelError(f"model arrays in '{path}' are incomplete or malformed ({exc}); "
                             "retrain the model") from None
        if model.thresholds_.shape != (len(model.taxonomy.ids),):
            raise ModelError(f"model '{path}' has {model.thresholds_.shape} thresholds for {len(model.taxonomy.ids)} "
                             "labels; retrain the model")
        return model

    def check_taxonomy(self, taxonomy: Taxonomy) -> None:
        """Raise :class:`TaxonomyError` unless *taxonomy* is the one the model was trained on."""
        if taxonomy.fingerprint != self.taxonomy_.fingerprint:
            raise TaxonomyError(
                f"the model was trained on taxonomy '{self.taxonomy_.name}' with labels "
                f"{', '.join(self.taxonomy_.ids)} (fingerprint {self.taxonomy_.fingerprint[:12]}), but taxonomy "
                f"'{taxonomy.name}' from '{taxonomy.source}' has labels {', '.join(taxonomy.ids)} (fingerprint "
                f"{taxonomy.fingerprint[:12]}); "
                "use a model trained on this taxonomy (barriers train --taxonomy ...) or drop --taxonomy"
            )

    def _check_fitted(self) -> None:
        if not hasattr(self, "thresholds_"):
            raise ModelError(f"this {type(self).__name__} is not fitted yet; call fit() or load a trained model")

    def _check_scorer_fitted(self) -> None:
        if "taxonomy_" not in self.__dict__:
            raise ModelError(f"this {type(self).__name__} has no fitted scorer yet; call fit() or fit_scores(), or "
                             "load a trained model")


def _check_calibration(calibration: str) -> None:
    if calibration not in CALIBRATIONS:
        raise InputError(f"calibration '{calibration}' is unknown; expected one of: {', '.join(CALIBRATIONS)}")


def _check_sample_weight(sample_weight, n_rows: int) -> np.ndarray | None:
    if sample_weight is None:
        return None
    sample_weight = np.asarray(sample_weight, dtype=float)
    if sample_weight.shape != (n_rows,):
        raise InputError(f"sample_weight must hold one positive number per text ({n_rows}); "
                         f"got shape {sample_weight.shape}")
    if not np.isfinite(sample_weight).all() or (sample_weight <= 0).any():
        raise InputError("sample_weight must hold only positive, finite numbers; "
                         f"got {sample_weight[~(np.isfinite(sample_weight) & (sample_weight > 0))][0]}")
    return sample_weight


def _same(value, default) -> bool:
    try:
        return bool(value == default) and type(value) is type(default)
    except (TypeError, ValueError):
        return False


def _check_label_matrix(y, n_rows: int, taxonomy: Taxonomy) -> np.ndarray:
    y = np.asarray(y)
    if y.ndim != 2 or y.shape != (n_rows, len(taxonomy.ids)):
        raise InputError(f"label matrix has shape {y.shape}; expected ({n_rows}, {len(taxonomy.ids)}) for labels "
                         f"{', '.join(taxonomy.ids)}")
    if not np.isin(y, (0, 1)).all():
        raise InputError("label matrix must hold only 0 and 1")
    y = y.astype(np.int8)
    for j, label_id in enumerate(taxonomy.ids):
        positives = int(y[:, j].sum())
        if positives < 2 or positives > n_rows - 2:
            raise InputError(
                f"label '{label_id}' has {positives} positive rows out of {n_rows}; training needs at least "
                "2 positive and 2 negative rows per label"
            )
    return y


def load_payload(payload: dict, registry: dict[str, type[BarrierModel]]) -> BarrierModel:
    card = payload["card"]
    model_type = card.get("model_type")
    if model_type not in registry:
        raise ModelError(f"a worker received a model of type '{model_type}', which its toolkit does not know; "
                         "install the same barrier-toolkit version on the workers as on the client")
    return registry[model_type].from_directory("<model sent to worker>", card, arrays_from_bytes(payload["arrays"]))


def load_directory(path, registry: dict[str, type[BarrierModel]]) -> BarrierModel:
    card, arrays = load_model_dir(path)
    model_type = card.get("model_type")
    if model_type not in registry:
        raise ModelError(
            f"model '{path}' has type '{model_type}'; this toolkit knows: {', '.join(sorted(registry))}. "
            "Upgrade barrier-toolkit or retrain the model"
        )
    return registry[model_type].from_directory(path, card, arrays)
