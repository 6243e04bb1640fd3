"""How far can models reach on the real dev files? Two ceilings for issue #15's targets.

1. **Threshold ceiling** of trained models (``--model``): micro-F1 with the
   thresholds the model ships with, and the best micro-F1 *any* per-label
   thresholds reach when chosen on the file itself
   (:func:`toolkit.figures.best_threshold_micro_f1`), with each label's
   average precision. A target above the ceiling is out of reach for every
   threshold or calibration policy with that model.
2. **Cross-fitting** (``--crossfit``): throwaway models that *do* learn from
   real text. The pooled real texts are split into 5 folds (stratified by
   file and by "any of FoR, PE, SD"); each fold is scored by a model
   trained on the project's ``train.csv`` plus the other four folds, with
   thresholds tuned on out-of-fold scores of those four folds (an inner
   4-fold split). Variants: the ``linear`` model with the real folds
   weighted 1 and 5, and (``--encoder``) a logistic regression on sentence
   embeddings trained on the corpus alone, on the real folds alone and on
   both. It asks: with in-domain supervision of this size, does the model
   family reach the targets at all? The models live in memory only; nothing
   is written but the report. This is the one use of the real files for
   training the README of ``../shared/eval`` allows.

Figures are micro-F1 over FoR, PE and SD ("micro3": cultural_influences has
3 positives in 444 real texts and none in one file, too few to train or
score on) unless a column says otherwise. Exits 0 with a message when
``../shared/eval`` is absent.

Usage:
  python scripts/real_dev_ceiling.py --model default --model fast
  python scripts/real_dev_ceiling.py --crossfit --seeds 3 --json out/ceiling.json
  python scripts/real_dev_ceiling.py --crossfit --encoder minilm     # needs the transformer extra
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score
from sklearn.model_selection import StratifiedKFold

from toolkit.figures import MACRO3_LABELS, best_threshold_micro_f1, label_figures

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DATA = ROOT / "datasets" / "barriers"
REAL_FILES = ("counsel_chat_170", "real_dev_274")
LABELS = ["fear_of_rejection", "past_experiences", "self_doubt", "cultural_influences"]
FOCUS = list(MACRO3_LABELS)


def average_precisions(y: np.ndarray, scores: np.ndarray, labels) -> dict:
    """Average precision per label (None where the file has no positive)."""
    return {label: (round(float(average_precision_score(y[:, j], scores[:, j])), 3) if y[:, j].any() else None)
            for j, label in enumerate(labels)}


def read_real(eval_dir: Path) -> pd.DataFrame:
    frames = []
    for name in REAL_FILES:
        frame = pd.read_csv(eval_dir / f"{name}.csv")
        frame["file"] = name
        frames.append(frame[["text", "file", *LABELS]])
    return pd.concat(frames, ignore_index=True)


def threshold_ceiling(model_name: str, real: pd.DataFrame) -> list[dict]:
    from toolkit import load_model

    model = load_model(model_name)
    rows = []
    for name, frame in real.groupby("file", sort=False):
        y = frame[LABELS].to_numpy().astype(bool)
        scores = model.predict_proba(frame["text"].astype(str).tolist())
        shipped = model.predict(frame["text"].astype(str).tolist()).astype(bool)
        rows.append({"model": model_name, "file": name, "texts": len(frame),
                     "micro_f1_shipped": round(label_figures(y, shipped, LABELS)["micro_f1"], 3),
                     "micro_f1_ceiling": round(best_threshold_micro_f1(y, scores, LABELS)["micro_f1"], 3),
                     "micro3_ceiling": round(best_threshold_micro_f1(y[:, :3], scores[:, :3], FOCUS)["micro_f1"], 3),
                     "average_precision": average_precisions(y, scores, LABELS)})
    return rows


def tune_thresholds(y: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """Per-label thresholds from out-of-fold scores (the best micro-F1 point on them)."""
    best = best_threshold_micro_f1(y, scores, FOCUS)["labels"]
    return np.array([best[label]["threshold"] for label in FOCUS])


class LinearLearner:
    """The toolkit's ``linear`` model on the corpus plus real texts weighted by *weight* (0: the corpus alone,
    fitted once: the reference that learns nothing from real text)."""

    def __init__(self, corpus: pd.DataFrame, weight: float):
        self.corpus, self.weight, self._corpus_model = corpus, weight, None

    def fit_score(self, texts, y, test_texts) -> np.ndarray:
        from toolkit.models.linear import LinearModel

        if self.weight == 0:
            if self._corpus_model is None:
                self._corpus_model = LinearModel().fit_scores(self.corpus["text"].tolist(),
                                                              self.corpus[LABELS].to_numpy())
            return self._corpus_model.decision_scores(list(test_texts))
        model = LinearModel()
        model.fit_scores(self.corpus["text"].tolist() + list(texts), np.vstack([self.corpus[LABELS].to_numpy(), y]),
                         sample_weight=np.r_[np.ones(len(self.corpus)), np.full(len(texts), self.weight)])
        return model.decision_scores(list(test_texts))


class EmbeddingLearner:
    """A logistic regression per label on fixed sentence embeddings (*use*: corpus, real or both)."""

    def __init__(self, corpus_x: np.ndarray, corpus_y: np.ndarray, embed, use: str, weight: float = 1.0):
        self.corpus_x, self.corpus_y, self.embed, self.use, self.weight = corpus_x, corpus_y, embed, use, weight

    def fit_score(self, texts, y, test_texts) -> np.ndarray:
        x = self.embed(texts)
        if self.use == "corpus":
            x, y, w = self.corpus_x, self.corpus_y, np.ones(len(self.corpus_x))
        elif self.use == "both":
            x, y = np.vstack([self.corpus_x, x]), np.vstack([self.corpus_y, y])
            w = np.r_[np.ones(len(self.corpus_x)), np.full(len(texts), self.weight)]
        else:
            w = np.ones(len(x))
        test_x = self.embed(test_texts)
        out = np.zeros((len(test_x), y.shape[1]))
        for j in range(y.shape[1]):
            if y[:, j].sum() >= 2:
                head = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000)
                out[:, j] = head.fit(x, y[:, j], sample_weight=w).decision_function(test_x)
        return out


def crossfit(learner, real: pd.DataFrame, seeds: int) -> dict:
    """Held-out micro3 (thresholds from inner out-of-fold scores), its ceiling and AP, pooled per file."""
    texts = real["text"].astype(str).to_numpy()
    y_all = real[LABELS].to_numpy().astype(int)
    y = y_all[:, :3]
    strata = y.any(axis=1) * 2 + (real["file"] == REAL_FILES[1]).to_numpy()
    per_file: dict[str, list] = {name: [] for name in REAL_FILES}
    for seed in range(seeds):
        scores, flags = np.zeros(y.shape), np.zeros(y.shape, dtype=bool)
        for train, held_out in StratifiedKFold(5, shuffle=True, random_state=seed).split(texts, strata):
            inner = np.zeros((len(train), 3))
            for fit_part, score_part in StratifiedKFold(4, shuffle=True, random_state=seed).split(train, strata[train]):
                inner[score_part] = learner.fit_score(texts[train[fit_part]], y_all[train[fit_part]],
                                                      texts[train[score_part]])[:, :3]
            thresholds = tune_thresholds(y[train], inner)
            scores[held_out] = learner.fit_score(texts[train], y_all[train], texts[held_out])[:, :3]
            flags[held_out] = scores[held_out] >= thresholds
        for name in REAL_FILES:
            mask = (real["file"] == name).to_numpy()
            per_file[name].append({
                "micro3": label_figures(y[mask], flags[mask], FOCUS)["micro_f1"],
                "micro3_ceiling": best_threshold_micro_f1(y[mask], scores[mask], FOCUS)["micro_f1"],
                "average_precision": average_precisions(y[mask], scores[mask], FOCUS)})
    return {name: {"micro3": round(float(np.mean([r["micro3"] for r in runs])), 3),
                   "micro3_range": [round(min(r["micro3"] for r in runs), 3), round(max(r["micro3"] for r in runs), 3)],
                   "micro3_ceiling": round(float(np.mean([r["micro3_ceiling"] for r in runs])), 3),
                   "average_precision": {label: (round(float(np.mean([r["average_precision"][label] for r in runs])), 2)
                                                 if runs[0]["average_precision"][label] is not None else None)
                                         for label in FOCUS}}
            for name, runs in per_file.items()}


def cached_encoder(name: str):
    from toolkit.models.encoders import get_encoder

    encoder, cache = get_encoder(name), {}

    def embed(texts) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in cache]
        if missing:
            cache.update(zip(missing, encoder.encode(missing)))
        return np.vstack([cache[t] for t in texts])

    return embed


def crossfit_variants(encoder: str | None):
    corpus = pd.read_csv(DATA / "train.csv")
    yield "linear, corpus only", LinearLearner(corpus, 0.0)
    yield "linear, corpus + real folds x1", LinearLearner(corpus, 1.0)
    yield "linear, corpus + real folds x5", LinearLearner(corpus, 5.0)
    if encoder:
        embed = cached_encoder(encoder)
        corpus_x, corpus_y = embed(corpus["text"].astype(str).tolist()), corpus[LABELS].to_numpy().astype(int)
        yield f"{encoder} embeddings + LR, corpus only", EmbeddingLearner(corpus_x, corpus_y, embed, "corpus")
        yield f"{encoder} embeddings + LR, real folds only", EmbeddingLearner(corpus_x, corpus_y, embed, "real")
        yield f"{encoder} embeddings + LR, corpus + real folds x10", EmbeddingLearner(corpus_x, corpus_y, embed,
                                                                                       "both", 10.0)


def print_report(ceilings: list[dict], crossfits: dict) -> None:
    if ceilings:
        print("## Threshold ceiling (thresholds chosen on the file itself)\n")
        print("| model | file | micro-F1 as shipped | ceiling micro-F1 | ceiling micro3 | AP FoR / PE / SD |")
        print("|---|---|---|---|---|---|")
        for row in ceilings:
            ap = " / ".join(f"{row['average_precision'][label]:.2f}" for label in FOCUS)
            print(f"| {row['model']} | {row['file']} | {row['micro_f1_shipped']:.3f} | {row['micro_f1_ceiling']:.3f} "
                  f"| {row['micro3_ceiling']:.3f} | {ap} |")
    if crossfits:
        print("\n## Cross-fitting: models that learn from real text (micro3, mean over seeds [range])\n")
        print("| variant | file | held-out micro3 | ceiling micro3 | AP FoR / PE / SD |")
        print("|---|---|---|---|---|")
        for variant, files in crossfits.items():
            for name, r in files.items():
                ap = " / ".join(f"{r['average_precision'][label]:.2f}" for label in FOCUS)
                low, high = r["micro3_range"]
                print(f"| {variant} | {name} | {r['micro3']:.3f} [{low:.3f}, {high:.3f}] | {r['micro3_ceiling']:.3f} "
                      f"| {ap} |")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", action="append", default=[], help="model directory or shipped name (repeatable)")
    parser.add_argument("--crossfit", action="store_true", help="also run the cross-fitting variants")
    parser.add_argument("--encoder", choices=("static", "minilm"), help="add embedding variants to --crossfit")
    parser.add_argument("--seeds", type=int, default=3, help="fold assignments to average (default 3)")
    parser.add_argument("--eval-dir", type=Path, default=EVAL)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if not (args.eval_dir / f"{REAL_FILES[0]}.csv").exists():
        print(f"skipped: {args.eval_dir} not found (the real dev files live outside the repository)")
        return 0
    if args.encoder and not args.crossfit:
        parser.error("--encoder adds cross-fitting variants; give --crossfit too")
    real = read_real(args.eval_dir)
    ceilings = [row for name in (args.model or ([] if args.crossfit else ["default"]))
                for row in threshold_ceiling(name, real)]
    crossfits = {variant: crossfit(learner, real, args.seeds)
                 for variant, learner in crossfit_variants(args.encoder)} if args.crossfit else {}
    print_report(ceilings, crossfits)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"ceilings": ceilings, "crossfit": crossfits}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
