"""Reading a model card for people: what ``barriers model info`` shows."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ModelError
from ..persist import load_model_dir, model_identity, read_card, verify_files


@dataclass
class ModelInfo:
    """A model directory's card and whether its files match their recorded checksums.

    ``problem`` holds the reason when they do not (the model would refuse
    to load); ``to_text()`` is the readable card.
    """

    path: Path
    card: dict
    problem: str | None = None
    checked_files: list[str] = field(default_factory=list)

    model_id: str | None = None

    def to_text(self) -> str:
        return format_card(self.card, path=self.path, problem=self.problem, checked_files=self.checked_files,
                           model_id=self.model_id)


def model_info(path: str | os.PathLike) -> ModelInfo:
    """Read the card of the model directory *path*, verify its files' checksums and compute its model id.

    A card that cannot be read at all (missing, corrupt, from a newer
    toolkit) raises :class:`~toolkit.errors.ModelError`; files that do not
    match the card are reported in ``problem``.

    Examples
    --------
    >>> from toolkit.models import default_model_path
    >>> info = model_info(default_model_path())
    >>> info.card["model_type"], info.problem
    ('ensemble', None)
    """
    path = Path(path)
    card = read_card(path)
    try:
        checked = verify_files(path, card)
        card_and_arrays = load_model_dir(path)
    except ModelError as exc:
        return ModelInfo(path, card, problem=str(exc))
    return ModelInfo(path, card, checked_files=checked, model_id=model_identity(*card_and_arrays))


def _line(label: str, value) -> str:
    return f"{label + ':':<18}{value}"


def _fingerprint(value) -> str:
    return str(value)[:12] if value else "not recorded"


def _data_line(data: dict | None) -> str:
    if not data:
        return "not recorded"
    rows = data.get("rows")
    rows = f"{rows:,} rows" if isinstance(rows, int) else "? rows"
    return f"{data.get('source') or '?'}, {rows}, fingerprint {_fingerprint(data.get('fingerprint'))}"


def _value(value) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def _interval(values) -> str:
    return f"[{values[0]:.2f}, {values[1]:.2f}]" if values and None not in values else "[?]"


def _real_text_lines(section: dict | None) -> list[str]:
    """The figures measured on real text after training (``scripts/real_dev_eval.py --record``), with intervals."""
    if not isinstance(section, dict):
        return []
    lines = []
    for name, m in (section.get("files") or {}).items():
        lines.append(_line("real text",
                           f"{name}, {m.get('texts', '?')} texts: micro-F1 {m.get('micro_f1', 0):.3f} "
                           f"{_interval(m.get('micro_f1_ci'))}, macro3 {m.get('macro3', 0):.3f} "
                           f"{_interval(m.get('macro3_ci'))}"))
        cells = [f"{label} {_value(c.get('f1'))} {_interval(c.get('f1_ci'))} "
                 f"({c.get('flagged', '?')}/{c.get('annotated', '?')})"
                 for label, c in (m.get("labels") or {}).items()]
        if cells:
            lines.append(_line("  F1 (flag/ann)", "; ".join(cells)))
    if lines:
        lines.append(_line("  measured", f"{section.get('measured', '?')}, {section.get('bootstrap', '?')} bootstrap "
                                         "resamples, 95 % intervals; development data, never trained on"))
    return lines


def format_card(card: dict, *, path: str | os.PathLike | None = None, problem: str | None = None,
                checked_files: list[str] | None = None, model_id: str | None = None) -> str:
    """The model card as aligned lines of text (never the training texts: a card holds none).

    Examples
    --------
    >>> print(format_card({"model_type": "lexicon", "format_version": 1, "thresholds": {"a": 0.5}}))
    type:             lexicon (model format 1, toolkit ?, created ?)
    model id:         not recorded
    thresholds:       tuned on ?
      a                   0.5
    """
    lines = []
    if path is not None:
        lines.append(_line("model", path))
    lines.append(_line("type", f"{card.get('model_type', '?')} (model format {card.get('format_version', '?')}, "
                               f"toolkit {card.get('toolkit_version', '?')}, created {card.get('created', '?')})"))
    # The id of the arrays as they are (computed), else the one recorded when the model was saved.
    lines.append(_line("model id", model_id or card.get("model_id") or "not recorded"))
    taxonomy = card.get("taxonomy")
    if taxonomy:
        lines.append(_line("taxonomy", f"{taxonomy.get('name', '?')} {taxonomy.get('version', '')}".rstrip()
                                       + f" (fingerprint {_fingerprint(taxonomy.get('fingerprint'))})"))
        lines.append(_line("labels", ", ".join(taxonomy.get("ids", []))))
    if "training_data" in card:
        training = card["training_data"] or {}
        lines.append(_line("training data", _data_line(training)))
        positives = training.get("positives")
        if positives:
            lines.append(_line("  positives", ", ".join(f"{k} {v:,}" for k, v in positives.items())))
        for part in training.get("parts") or []:
            lines.append(_line("  part", f"{_data_line(part)}, weight {part.get('weight', '?')}"))
    if "dev_data" in card:
        lines.append(_line("dev data", _data_line(card["dev_data"])))
    params = card.get("hyperparameters")
    if params:
        lines.append(_line("hyper-parameters", ", ".join(f"{k}={v}" for k, v in params.items())))
    if "calibration" in card:
        lines.append(_line("calibration", card["calibration"]))
    thresholds = card.get("thresholds")
    if thresholds:
        lines.append(_line("thresholds", f"tuned on {card.get('thresholds_tuned_on', '?')}"))
        width = max(len(label) for label in thresholds) + 2
        lines.extend(f"  {label:<{max(width, 20)}}{value}" for label, value in thresholds.items())
    for split, metrics in (card.get("metrics") or {}).items():
        if not isinstance(metrics, dict):
            continue
        figures = ", ".join(f"{name} {metrics[key]}" for key, name in
                            (("macro_f1", "macro-F1"), ("micro_f1", "micro-F1"), ("ece", "ECE")) if key in metrics)
        lines.append(_line(f"metrics ({split})", f"{metrics.get('rows', '?')} rows: {figures}"))
        per_label = metrics.get("per_label_f1")
        labels = (taxonomy or {}).get("ids", [])
        if per_label and len(per_label) == len(labels):
            lines.append(_line("  F1 per label", ", ".join(f"{k} {v}" for k, v in zip(labels, per_label))))
    lines.extend(_real_text_lines(card.get("real_text_metrics")))
    for number, step in enumerate(card.get("provenance") or [], start=1):
        lines.append(_line(f"provenance {number}", f"{step.get('step', '?')} -> {step.get('model_id', '?')}"
                                                    + (f": {step['method']}" if step.get("method") else "")))
    versions = card.get("library_versions")
    if versions:
        lines.append(_line("built with", ", ".join(f"{k} {v}" for k, v in versions.items())))
    files = card.get("files") or {}
    for name, digest in files.items():
        state = "verified" if checked_files and name in checked_files else "not verified"
        lines.append(_line("file", f"{name} sha256 {str(digest)[:16]}... {state}"))
    if problem:
        lines.append(_line("PROBLEM", problem))
    return "\n".join(lines)
