"""Scoring predictions against gold labels: metrics, bootstrap intervals, groups, gates.

Everything here returns data. :class:`EvaluationReport` holds the numbers;
``toolkit.report`` renders them as text, Markdown or HTML.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import average_precision_score, roc_auc_score

from ._version import __version__
from .errors import InputError
from .ids import IdChecker
from .io import read_all
from .labelled import fingerprint_labelled, label_matrix, missing_text_column_message
from .metrics import CALIBRATION_BINS, f1_from_counts, mean_defined, reliability_bins
from .models import BarrierModel, load_model
from .progress import ProgressCallback, Steps
from .taxonomy import Taxonomy, load_taxonomy, tomllib

SCHEMA_VERSION = 2
DEFAULT_BOOTSTRAP = 1000
CI_LEVEL = 0.95
_BOOTSTRAP_BLOCK = 50
MULTI_VALUE_SEPARATOR = ";"
NO_GROUP = "(none)"
GATE_FILE_KEYS = {"min_macro_f1", "min_f1", "baseline", "max_drop", "flag_ratio", "flag_ratio_min_support"}
# Labels with fewer gold positives than this are left out of the flag-ratio gate (the ratio is too noisy).
FLAG_RATIO_MIN_SUPPORT = 10
# JSON round trips and summation order move F1 in the last bits; gates ignore that.
FLOAT_TOLERANCE = 1e-9


def summary_metrics(y: np.ndarray, p: np.ndarray) -> dict[str, float]:
    """Macro-, micro- and weighted-F1, subset accuracy and Hamming loss.

    A label whose F1 is undefined (no gold positives and no predictions) is
    left out of macro-F1; an F1 with nothing defined to average is NaN.
    """
    y, p = y.astype(bool), p.astype(bool)
    tp = (y & p).sum(axis=0)
    fp = (~y & p).sum(axis=0)
    fn = (y & ~p).sum(axis=0)
    f1 = f1_from_counts(tp, fp, fn, undefined=np.nan)
    support = y.sum(axis=0)
    return {
        "macro_f1": float(mean_defined(f1)),
        "micro_f1": float(f1_from_counts(tp.sum(), fp.sum(), fn.sum(), undefined=np.nan)),
        "weighted_f1": float(np.nansum(f1 * support) / support.sum()) if support.sum() else float("nan"),
        "subset_accuracy": float((y == p).all(axis=1).mean()),
        "hamming_loss": float((y != p).mean()),
    }


def bootstrap_f1(y: np.ndarray, p: np.ndarray, n_resamples: int, seed: int, level: float = CI_LEVEL, *,
                 progress: ProgressCallback | None = None) -> dict:
    """Percentile bootstrap intervals for per-label, macro, micro and weighted F1.

    Rows are resampled with replacement *n_resamples* times with
    ``numpy.random.default_rng(seed)``, so the intervals are reproducible.
    *progress* is called as ``progress(resamples_done, n_resamples)``.
    """
    if n_resamples <= 0:
        return {}
    rng = np.random.default_rng(seed)
    n = len(y)
    y, p = y.astype(float), p.astype(float)
    step = Steps(progress, n_resamples)
    counts = []
    # Drawn in blocks (the same draws as one call: the generator fills rows in order), which bounds
    # memory to a block of weights and lets progress be reported.
    for start in range(0, n_resamples, _BOOTSTRAP_BLOCK):
        size = min(_BOOTSTRAP_BLOCK, n_resamples - start)
        weights = rng.multinomial(n, np.full(n, 1.0 / n), size=size).astype(float)
        counts.append((weights @ (y * p), weights @ ((1 - y) * p), weights @ (y * (1 - p)), weights @ y))
        step(size)
    tp, fp, fn, support = (np.concatenate(parts) for parts in zip(*counts))
    per_label = f1_from_counts(tp, fp, fn, undefined=np.nan)
    weighted = np.divide(np.nansum(per_label * support, axis=1), support.sum(axis=1),
                         out=np.full(n_resamples, np.nan), where=support.sum(axis=1) > 0)
    draws = {
        "macro_f1": mean_defined(per_label, axis=1),
        "micro_f1": f1_from_counts(tp.sum(axis=1), fp.sum(axis=1), fn.sum(axis=1), undefined=np.nan),
        "weighted_f1": weighted,
    }
    low, high = (1 - level) / 2 * 100, (1 + level) / 2 * 100
    # Resamples where an F1 is undefined are left out of its interval; never defined: NaN.
    out = {name: _percentiles(v, low, high) for name, v in draws.items()}
    out["per_label_f1"] = [_percentiles(per_label[:, j], low, high) for j in range(per_label.shape[1])]
    return out


def _percentiles(values: np.ndarray, low: float, high: float) -> list[float]:
    defined = values[~np.isnan(values)]
    if not len(defined):
        return [float("nan"), float("nan")]
    return [float(np.percentile(defined, low)), float(np.percentile(defined, high))]


def calibration(y: np.ndarray, scores: np.ndarray, bins: int = CALIBRATION_BINS) -> tuple[float, float, list[dict]]:
    """Brier score, expected calibration error and reliability-curve bins for one label."""
    brier = float(np.mean((scores - y) ** 2))
    ece, curve = reliability_bins(y, scores, bins)
    return brier, ece, curve


@dataclass
class GateResult:
    """One quality gate: what was required, what was measured, whether it passed."""

    name: str
    actual: float
    required: float
    passed: bool
    maximum: float | None = None

    @property
    def requirement(self) -> str:
        if self.maximum is None:
            return f">= {self.required:.4f}"
        return f"between {self.required:.4f} and {self.maximum:.4f}"

    @property
    def shown(self) -> str:
        """The measured value as printed; an undefined F1 cannot meet a requirement, so its gate fails."""
        if math.isnan(self.actual):
            return "n/a (undefined: no gold positives and no predictions)"
        return f"{self.actual:.4f}"

    def describe(self) -> str:
        verdict = "passed" if self.passed else "FAILED"
        return f"{verdict}: {self.name} = {self.shown} (required {self.requirement})"


@dataclass
class EvaluationReport:
    """Metrics of one set of predictions against gold labels.

    ``per_label`` has one row per label; ``overall`` the averaged metrics;
    ``intervals`` the bootstrap CIs; ``groups`` one frame per group column.
    """

    labels: tuple[str, ...]
    rows: int
    per_label: pd.DataFrame
    overall: dict[str, float]
    intervals: dict
    calibration_curves: dict[str, list[dict]]
    groups: dict[str, pd.DataFrame]
    meta: dict
    score_samples: dict[str, dict[str, list[float]]] = field(default_factory=dict, repr=False)
    errors: pd.DataFrame | None = field(default=None, repr=False)

    def to_frame(self) -> pd.DataFrame:
        """Per-label metrics, one row per label plus rows for the averages."""
        frame = self.per_label.copy()
        averages = pd.DataFrame([{"label": f"({name})", "f1": self.overall[name],
                                  "f1_ci_low": self.intervals.get(name, [np.nan, np.nan])[0],
                                  "f1_ci_high": self.intervals.get(name, [np.nan, np.nan])[1],
                                  "support": int(self.per_label["support"].sum())}
                                 for name in ("macro_f1", "micro_f1", "weighted_f1")])
        return pd.concat([frame, averages], ignore_index=True)

    def to_dict(self) -> dict:
        """The documented JSON schema (see docs/evaluation.md)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "meta": self.meta,
            "rows": self.rows,
            "labels": list(self.labels),
            "overall": _nan_to_none(self.overall),
            "intervals": _nan_to_none(self.intervals),
            "per_label": _records(self.per_label),
            "calibration": self.calibration_curves,
            "groups": {name: _records(frame) for name, frame in self.groups.items()},
        }

    def to_json(self, indent: int = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, allow_nan=False)

    def metric(self, name: str) -> float:
        """An overall metric (``macro_f1``) or a label's F1 (``f1:<label>``)."""
        if name.startswith("f1:"):
            label = name[3:]
            if label not in self.labels:
                raise InputError(f"gate names label '{label}', which is not one of: {', '.join(self.labels)}")
            return float(self.per_label.set_index("label").loc[label, "f1"])
        if name not in self.overall:
            raise InputError(f"gate names metric '{name}'; expected one of: {', '.join(self.overall)} or f1:<label>")
        return float(self.overall[name])

    def gates(self, *, min_macro_f1: float | None = None, min_f1: dict[str, float] | None = None,
              baseline: dict | str | os.PathLike | None = None, max_drop: float | None = None,
              baseline_metrics: tuple[str, ...] = ("macro_f1", "micro_f1"),
              flag_ratio: tuple[float, float] | None = None,
              flag_ratio_min_support: int = FLAG_RATIO_MIN_SUPPORT) -> list[GateResult]:
        """Check quality gates; see docs/evaluation.md for the rules.

        A baseline gate compares point estimates: it fails when a metric falls
        more than *max_drop* below the baseline's value of that metric. The
        baseline covers *baseline_metrics* and every label's F1. A
        *flag_ratio* gate ``(low, high)`` requires, for every label with at
        least *flag_ratio_min_support* gold positives, that the texts the
        model flags are between ``low`` and ``high`` times the texts
        annotated (a model that over-flags distorts every share it reports).
        """
        results = []
        if flag_ratio is not None:
            low, high = _check_flag_ratio(flag_ratio)
            if isinstance(flag_ratio_min_support, bool) or not isinstance(flag_ratio_min_support, int) \
                    or flag_ratio_min_support < 0:
                raise InputError("flag_ratio_min_support must be a whole number >= 0 (gold positives a label needs "
                                 f"to be gated); got {flag_ratio_min_support!r}")
            for row in self.per_label.itertuples(index=False):
                if row.support < flag_ratio_min_support:
                    continue
                ratio = (row.tp + row.fp) / row.support
                results.append(GateResult(f"flagged/annotated:{row.label}", ratio, low,
                                          low - FLOAT_TOLERANCE <= ratio <= high + FLOAT_TOLERANCE, maximum=high))
        if min_macro_f1 is not None:
            actual = self.metric("macro_f1")
            results.append(GateResult("macro_f1", actual, min_macro_f1, actual >= min_macro_f1 - FLOAT_TOLERANCE))
        for label, required in (min_f1 or {}).items():
            actual = self.metric(f"f1:{label}")
            results.append(GateResult(f"f1:{label}", actual, required, actual >= required - FLOAT_TOLERANCE))
        if baseline is not None:
            if max_drop is None:
                raise InputError("a baseline needs --max-drop (the largest allowed fall, e.g. 0.02)")
            reference = load_baseline(baseline)
            names = [*baseline_metrics, *(f"f1:{label}" for label in self.labels)]
            for name in names:
                base_value = _baseline_value(reference, name)
                if base_value is None:
                    continue
                required = base_value - max_drop
                actual = self.metric(name)
                passed = actual >= required - FLOAT_TOLERANCE
                results.append(GateResult(f"{name} vs baseline {base_value:.4f}", actual, required, passed))
        return results


def _check_flag_ratio(flag_ratio) -> tuple[float, float]:
    try:
        low, high = (float(x) for x in flag_ratio)
    except (TypeError, ValueError):
        raise InputError(f"flag_ratio must be two numbers [low, high], e.g. [0.5, 1.5]; got {flag_ratio!r}") from None
    if not 0 <= low <= high:
        raise InputError(f"flag_ratio must satisfy 0 <= low <= high; got [{low:g}, {high:g}]")
    return low, high


def _nan_to_none(value):
    """NaN (an undefined metric) as None, so that the JSON holds null."""
    if isinstance(value, dict):
        return {k: _nan_to_none(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nan_to_none(v) for v in value]
    return None if isinstance(value, float) and math.isnan(value) else value


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
            for row in json.loads(frame.to_json(orient="records"))]


def read_gate_file(path: str) -> dict:
    """Gate settings from a TOML file; a relative baseline path is relative to the file."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(f"gate file '{path}' does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"gate file '{path}' is not valid TOML: {exc}") from None
    unknown = sorted(set(data) - GATE_FILE_KEYS)
    if unknown:
        raise InputError(f"gate file '{path}' has unknown key '{unknown[0]}'; allowed keys: "
                         f"{', '.join(sorted(GATE_FILE_KEYS))}")
    if "baseline" in data:
        data["baseline"] = str((Path(path).parent / data["baseline"]).resolve())
    return data


def load_baseline(baseline: dict | str | os.PathLike) -> dict:
    if isinstance(baseline, dict):
        return baseline
    try:
        with open(baseline, encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError:
        raise InputError(f"baseline file '{baseline}' does not exist; write one with 'barriers evaluate ... --json "
                         "FILE'") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"baseline file '{baseline}' is not valid JSON ({exc.msg}); write one with --json") from None
    if not isinstance(data, dict) or "overall" not in data or "per_label" not in data:
        raise InputError(f"baseline file '{baseline}' is not an evaluation JSON (no 'overall'/'per_label'); write one "
                         "with --json")
    return data


def _baseline_value(reference: dict, name: str) -> float | None:
    if name.startswith("f1:"):
        for row in reference.get("per_label", []):
            if row.get("label") == name[3:]:
                return row.get("f1")
        return None
    return reference.get("overall", {}).get(name)


def _label_table(labels, y, p, scores) -> pd.DataFrame:
    rows = []
    for j, label in enumerate(labels):
        yt, yp = y[:, j].astype(bool), p[:, j].astype(bool)
        tp, fp, fn, tn = int((yt & yp).sum()), int((~yt & yp).sum()), int((yt & ~yp).sum()), int((~yt & ~yp).sum())
        # 0/0 is undefined, not 0: precision with no predictions, recall with no gold positives.
        row = {"label": label, "precision": tp / (tp + fp) if tp + fp else float("nan"),
               "recall": tp / (tp + fn) if tp + fn else float("nan"),
               "f1": float(f1_from_counts(tp, fp, fn, undefined=np.nan)), "support": int(yt.sum()),
               "tp": tp, "fp": fp, "fn": fn, "tn": tn}
        if scores is not None and 0 < yt.sum() < len(yt):
            row["roc_auc"] = float(roc_auc_score(yt, scores[:, j]))
            row["average_precision"] = float(average_precision_score(yt, scores[:, j]))
        else:
            row["roc_auc"] = row["average_precision"] = np.nan
        rows.append(row)
    return pd.DataFrame(rows)


def score_predictions(y: np.ndarray, p: np.ndarray, scores: np.ndarray | None, labels: tuple[str, ...], *,
                      group_columns: dict[str, pd.Series] | None = None, n_bootstrap: int = DEFAULT_BOOTSTRAP,
                      seed: int = 0, meta: dict | None = None,
                      progress: ProgressCallback | None = None) -> EvaluationReport:
    """Compute every metric from gold *y*, decisions *p* and (optional) *scores*; *progress* follows the bootstrap."""
    y, p = np.asarray(y, dtype=np.int8), np.asarray(p, dtype=np.int8)
    per_label = _label_table(labels, y, p, scores)
    intervals = bootstrap_f1(y, p, n_bootstrap, seed, progress=progress)
    if intervals:
        per_label["f1_ci_low"] = [lo for lo, _ in intervals["per_label_f1"]]
        per_label["f1_ci_high"] = [hi for _, hi in intervals["per_label_f1"]]
    curves, samples = {}, {}
    if scores is not None:
        briers, eces = [], []
        for j, label in enumerate(labels):
            brier, ece, curve = calibration(y[:, j].astype(float), scores[:, j])
            briers.append(brier)
            eces.append(ece)
            curves[label] = curve
            samples[label] = {"positive": scores[y[:, j] == 1, j].round(4).tolist(),
                              "negative": scores[y[:, j] == 0, j].round(4).tolist()}
        per_label["brier"], per_label["ece"] = briers, eces
    overall = summary_metrics(y, p)
    if scores is not None:
        overall["mean_brier"] = float(np.mean(per_label["brier"]))
        overall["mean_ece"] = float(np.mean(per_label["ece"]))
    groups = {}
    for column, values in (group_columns or {}).items():
        rows = []
        # A value like "negation;sarcasm" puts the row in both groups (challenge tags).
        memberships = [set(v.split(MULTI_VALUE_SEPARATOR)) - {""} or {NO_GROUP}
                       for v in values.fillna("").astype(str)]
        for value in sorted(set().union(*memberships)):
            mask = np.array([value in member for member in memberships])
            row = {column: value, "rows": int(mask.sum()), **summary_metrics(y[mask], p[mask])}
            f1 = _label_table(labels, y[mask], p[mask], None)
            for label, label_f1, support, fp in zip(labels, f1["f1"], f1["support"], f1["fp"]):
                row[f"f1_{label}"] = float(label_f1)
                row[f"support_{label}"] = int(support)
                row[f"fp_{label}"] = int(fp)
            rows.append(row)
        groups[column] = pd.DataFrame(rows)
    return EvaluationReport(labels=tuple(labels), rows=len(y), per_label=per_label, overall=overall,
                            intervals=intervals, calibration_curves=curves, groups=groups, meta=meta or {},
                            score_samples=samples)


def _align(gold: pd.DataFrame, predicted: pd.DataFrame, id_column: str | None, gold_name: str, pred_name: str,
           allow_duplicate_ids: bool = False):
    if id_column is None:
        if len(gold) != len(predicted):
            raise InputError(
                f"gold file '{gold_name}' has {len(gold)} rows but predictions '{pred_name}' have {len(predicted)}; "
                "rows are matched by position, so pass --id-column to match them by id instead"
            )
        return predicted.reset_index(drop=True)
    for name, frame in ((gold_name, gold), (pred_name, predicted)):
        if id_column not in frame.columns:
            raise InputError(f"file '{name}' has no id column '{id_column}'; available columns: "
                             f"{', '.join(map(str, frame.columns))}")
        IdChecker(id_column, name, allow_duplicates=allow_duplicate_ids)(frame)
    repeated = predicted[id_column].astype(str).duplicated()
    if repeated.any():
        # Even when allowed: a gold row cannot be matched to one of two prediction rows.
        raise InputError(f"predictions '{pred_name}' repeat id '{predicted[id_column].astype(str)[repeated].iloc[0]}' "
                         f"in column '{id_column}'; each gold row needs exactly one prediction row to match")
    indexed = predicted.assign(**{id_column: predicted[id_column].astype(str)}).set_index(id_column)
    gold_ids = gold[id_column].astype(str)
    missing = gold_ids[~gold_ids.isin(indexed.index)]
    if len(missing):
        raise InputError(f"predictions '{pred_name}' have no row for id '{missing.iloc[0]}' "
                         f"({len(missing)} gold ids missing); classify the whole gold file")
    return indexed.loc[gold_ids.to_numpy()].reset_index()


def evaluate(gold: str | os.PathLike | pd.DataFrame, model: BarrierModel | str | os.PathLike | None = None, *,
             predictions: str | os.PathLike | pd.DataFrame | None = None, taxonomy: Taxonomy | None = None,
             text_column: str = "text", id_column: str | None = None, group_by: tuple[str, ...] = (),
             n_bootstrap: int = DEFAULT_BOOTSTRAP, seed: int = 0, fmt: str | None = None,
             encoding: str = "utf-8", keep_errors: bool = True, allow_duplicate_ids: bool = False,
             progress: ProgressCallback | None = None) -> EvaluationReport:
    """Score a model (default: the shipped one) or a predictions file against a gold file.

    *progress* is called as ``progress(resamples_done, n_bootstrap)`` while
    the bootstrap intervals are drawn (the slow part on a large gold file).

    Examples
    --------
    >>> import toolkit, pandas as pd
    >>> gold = pd.DataFrame({"text": ["what if she laughs at me when I tell her", "we had pizza"],
    ...                      "fear_of_rejection": [1, 0], "past_experiences": [0, 0],
    ...                      "self_doubt": [0, 0], "cultural_influences": [0, 0]})
    >>> report = toolkit.evaluate(gold, n_bootstrap=0)
    >>> report.rows, sorted(report.overall)[:2]
    (2, ['hamming_loss', 'macro_f1'])
    """
    gold_name = "<DataFrame>" if isinstance(gold, pd.DataFrame) else str(gold)
    gold_frame = (gold.reset_index(drop=True) if isinstance(gold, pd.DataFrame)
                  else read_all(gold, fmt, encoding=encoding))
    if predictions is None and id_column is not None:
        if id_column not in gold_frame.columns:
            raise InputError(f"gold file '{gold_name}' has no id column '{id_column}'; available columns: "
                             f"{', '.join(map(str, gold_frame.columns))}")
        IdChecker(id_column, gold_name, allow_duplicates=allow_duplicate_ids)(gold_frame)
    if predictions is None:
        if model is None or isinstance(model, (str, os.PathLike)):
            model = load_model(model)
        if taxonomy is not None:
            model.check_taxonomy(taxonomy)
        taxonomy = model.taxonomy_
    elif taxonomy is None:
        taxonomy = load_taxonomy()
    labels = taxonomy.ids
    y = label_matrix(gold_frame, taxonomy, gold_name)
    if not len(y):
        raise InputError(f"gold file '{gold_name}' has no rows")
    if predictions is None:
        if text_column not in gold_frame.columns:
            raise InputError(missing_text_column_message(gold_name, text_column, gold_frame.columns))
        texts = gold_frame[text_column].fillna("").astype(str).tolist()
        scores = model.predict_proba(texts)
        p = (scores >= model.thresholds_).astype(np.int8)
        source = {"model_id": model.model_id, "model_type": model.model_type,
                  "model_training_data": model.card_.get("training_data", {}).get("fingerprint")}
    else:
        pred_name = "<DataFrame>" if isinstance(predictions, pd.DataFrame) else str(predictions)
        pred_frame = predictions if isinstance(predictions, pd.DataFrame) else read_all(predictions, encoding=encoding)
        pred_frame = _align(gold_frame, pred_frame, id_column, gold_name, pred_name, allow_duplicate_ids)
        p = label_matrix(pred_frame, taxonomy, pred_name)
        score_columns = [f"{label}_score" for label in labels]
        scores = None
        if all(c in pred_frame.columns for c in score_columns):
            scores = pred_frame[score_columns].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
            if np.isnan(scores).any() or (scores < 0).any() or (scores > 1).any():
                scores = None
        source = {"model_id": f"predictions:{os.path.basename(pred_name)}", "model_type": None,
                  "model_training_data": None}
    missing = [c for c in group_by if c not in gold_frame.columns]
    if missing:
        raise InputError(f"gold file '{gold_name}' has no column '{missing[0]}' to group by; "
                         f"available columns: {', '.join(map(str, gold_frame.columns))}")
    texts_for_fingerprint = gold_frame[text_column].astype(str) if text_column in gold_frame.columns else [""] * len(y)
    meta = {**source, "gold": os.path.basename(gold_name),
            "data_fingerprint": fingerprint_labelled(texts_for_fingerprint, y),
            "taxonomy_fingerprint": taxonomy.fingerprint, "toolkit_version": __version__,
            "timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "bootstrap": {"resamples": n_bootstrap, "seed": seed, "level": CI_LEVEL}}
    report = score_predictions(y, p, scores, labels, group_columns={c: gold_frame[c] for c in group_by},
                               n_bootstrap=n_bootstrap, seed=seed, meta=meta, progress=progress)
    if keep_errors:
        report.errors = _error_rows(gold_frame, y, p, scores, labels, text_column, id_column,
                                    thresholds=model.thresholds_ if predictions is None else None)
    return report


def _error_rows(frame, y, p, scores, labels, text_column, id_column, thresholds=None) -> pd.DataFrame:
    """The misclassified rows, the most confident mistake first.

    With scores, each row names its most confident mistake: the label, whether
    it was a false flag or a miss, the model's score and the label's threshold
    (unknown for a predictions file). Rows are ordered by how far that score
    sits on the wrong side of the threshold (of 0.5 without thresholds).
    """
    wrong = (y != p).any(axis=1)
    out = pd.DataFrame(index=np.flatnonzero(wrong))
    out["row"] = out.index + 1
    for column in (id_column or "id", text_column):
        if column in frame.columns:
            out[column] = frame[column].to_numpy()[wrong]
    ids = np.array(labels, dtype=object)
    out["gold"] = [";".join(ids[row.astype(bool)]) for row in y[wrong]]
    out["predicted"] = [";".join(ids[row.astype(bool)]) for row in p[wrong]]
    if scores is not None:
        for j, label in enumerate(labels):
            out[f"{label}_score"] = scores[wrong, j].round(4)
        cut = np.full(len(labels), 0.5) if thresholds is None else np.asarray(thresholds, dtype=float)
        mistaken = y[wrong] != p[wrong]
        distance = np.where(mistaken, np.abs(scores[wrong] - cut), -1.0)
        worst = distance.argmax(axis=1)
        rows = np.arange(len(worst))
        out["mistake"] = [f"{labels[j]} {'missed' if y_row[j] else 'false flag'}" for j, y_row in zip(worst, y[wrong])]
        out["score"] = scores[wrong][rows, worst].round(4)
        out["threshold"] = np.nan if thresholds is None else cut[worst].round(4)
        out = out.iloc[np.argsort(-distance[rows, worst], kind="stable")]
    return out.reset_index(drop=True)


def compare_models(reports: dict[str, EvaluationReport]) -> pd.DataFrame:
    """Per-label and macro-averaged precision, recall and F1 (with intervals when present) of several reports.

    One row per model and label plus a ``(macro)`` row per model, in the
    order given; the input for :func:`toolkit.plots.model_comparison`.
    """
    rows = []
    for name, report in reports.items():
        for record in report.per_label.to_dict("records"):
            rows.append({"model": name, "label": record["label"], "precision": record["precision"],
                         "recall": record["recall"], "f1": record["f1"], "f1_ci_low": record.get("f1_ci_low", np.nan),
                         "f1_ci_high": record.get("f1_ci_high", np.nan), "support": record["support"]})
        interval = report.intervals.get("macro_f1", [np.nan, np.nan])
        rows.append({"model": name, "label": "(macro)", "precision": float(report.per_label["precision"].mean()),
                     "recall": float(report.per_label["recall"].mean()), "f1": report.overall["macro_f1"],
                     "f1_ci_low": interval[0], "f1_ci_high": interval[1],
                     "support": int(report.per_label["support"].sum())})
    return pd.DataFrame(rows)
