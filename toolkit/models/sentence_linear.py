"""The linear model trained on sentences: evidence spans say which sentence carries a label."""

from __future__ import annotations

import numpy as np
from sklearn.model_selection import KFold

from ..errors import InputError
from ..text import sentence_spans
from .linear import LinearModel
from .params import Options
from .registry import register_model_type
from .sentences import aggregate

SENTENCE_AGGREGATIONS = ("max", "noisy_or", "mean_max")
# A sentence carries a span's evidence when at least this share of the shorter of the two overlaps.
OVERLAP_SHARE = 0.5


def text_units(texts: list[str]) -> tuple[list[str], np.ndarray, list[list[tuple[int, int]]]]:
    """Sentences of *texts*, the text each belongs to, and each text's sentence offsets.

    A text without a sentence boundary (or an empty one) is a single unit.
    """
    units, owners, offsets = [], [], []
    for i, text in enumerate(texts):
        spans = sentence_spans(text) or [(text, 0, len(text))]
        units.extend(sentence for sentence, _, _ in spans)
        owners.extend([i] * len(spans))
        offsets.append([(start, end) for _, start, end in spans])
    return units, np.asarray(owners, dtype=np.int64), offsets


def carries(sentence: tuple[int, int], spans) -> bool:
    """Whether the sentence at offsets *sentence* overlaps one of *spans* enough to carry its evidence.

    >>> carries((0, 10), [(5, 30)]), carries((0, 10), [(9, 30)])
    (True, False)
    """
    start, end = sentence
    for span_start, span_end in spans:
        overlap = min(end, span_end) - max(start, span_start)
        if overlap > 0 and overlap >= OVERLAP_SHARE * min(end - start, span_end - span_start):
            return True
    return False


def sentence_targets(texts: list[str], y: np.ndarray, evidence,
                     labels) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """Sentence units with their 0/1 targets and per-label weights.

    A sentence is positive for a label when its text has the label and the
    sentence carries one of that label's evidence spans. The other sentences
    of that text, and every sentence of a text without the label, are
    negatives. A positive label without spans (not annotated) leaves the
    text's sentences out of that label's training (weight 0), unless the
    text is a single sentence.

    Examples
    --------
    >>> texts = ["We met in May. He'd laugh at me if I told him.", "Nice day."]
    >>> units, owners, targets, weights = sentence_targets(texts, np.array([[1], [0]]), [{"fear": [(15, 46)]}, {}],
    ...                                                    ["fear"])
    >>> targets.ravel().tolist(), weights.ravel().tolist()
    ([0, 1, 0], [1.0, 1.0, 1.0])
    """
    units, owners, offsets = text_units(texts)
    n_labels = y.shape[1]
    targets = np.zeros((len(units), n_labels), dtype=np.int8)
    weights = np.ones((len(units), n_labels))
    row = 0
    for i, text_offsets in enumerate(offsets):
        spans = evidence[i] or {}
        for j in range(n_labels):
            if not y[i, j]:
                continue
            label_spans = spans.get(labels[j], [])
            for k, sentence in enumerate(text_offsets):
                if len(text_offsets) == 1:
                    targets[row + k, j] = 1
                elif label_spans:
                    targets[row + k, j] = carries(sentence, label_spans)
                else:
                    weights[row + k, j] = 0.0
        row += len(text_offsets)
    return units, owners, targets, weights


@register_model_type
class SentenceLinearModel(LinearModel):
    """The linear model's features and classifiers, trained and applied sentence by sentence.

    Training uses the evidence spans of the labelled data (column
    ``evidence``): the sentence that carries a label's evidence is a
    positive, every other sentence a negative, so the model learns what a
    barrier sentence looks like rather than what a text full of feelings
    looks like. A text's score aggregates its sentences' scores; the
    per-sentence scores are what :mod:`toolkit.explanation` shows. Without
    evidence (``evidence=None``, e.g. a training file with no ``evidence``
    column) it trains and scores whole texts, exactly as ``linear`` does,
    and records that (``sentence_level_`` is False).

    Parameters
    ----------
    aggregation : {"max", "noisy_or", "mean_max"}
        How sentence scores become the text's score: the strongest sentence,
        1 - prod(1 - p), or the mean of the strongest sentence and the whole
        text scored as one unit.
    C, ngram_max, n_features, negation, negation_window, stem, class_weight, seed
        As for :class:`~toolkit.models.linear.LinearModel`.

    Examples
    --------
    >>> from toolkit.taxonomy import taxonomy_from_dict
    >>> tax = taxonomy_from_dict({"labels": [{"id": "fear", "name": "Fear", "definition": "d"}]})
    >>> texts = ["We moved in May. What if she laughs at me?", "The bus was late. I'm scared he'll judge me.",
    ...          "We had pizza. It was good.", "Work was long. Bed now."]
    >>> evidence = [{"fear": [(17, 42)]}, {"fear": [(18, 44)]}, {}, {}]
    >>> y = np.array([[1], [1], [0], [0]])
    >>> model = SentenceLinearModel(taxonomy=tax).fit(texts, y, evidence=evidence, dev_texts=texts, dev_y=y)
    >>> model.predict(["Lunch was fine. What if he laughs at me?", "Lunch was fine."]).ravel().tolist()
    [1, 0]
    """

    model_type = "sentence_linear"
    capabilities = frozenset({"term_contributions", "sentence_scores", "evidence"})
    _parameter_constraints = {**LinearModel._parameter_constraints, "aggregation": [Options(SENTENCE_AGGREGATIONS)]}

    def __init__(self, taxonomy=None, *, aggregation="max", C=16.0, ngram_max=2, n_features=2**18, negation=True,
                 negation_window=2, stem=True, class_weight="balanced", seed=0):
        super().__init__(taxonomy, C=C, ngram_max=ngram_max, n_features=n_features, negation=negation,
                         negation_window=negation_window, stem=stem, class_weight=class_weight, seed=seed)
        self.aggregation = aggregation

    def _fit_scores(self, texts, y, sample_weight=None, evidence=None):
        self.sentence_level_ = evidence is not None
        if evidence is None:
            units, owners, targets, weights = list(texts), np.arange(len(texts)), y, np.ones(y.shape)
        else:
            units, owners, targets, weights = sentence_targets(texts, y, evidence, list(self._taxonomy().ids))
        if sample_weight is not None:
            weights = weights * np.asarray(sample_weight, dtype=float)[owners][:, None]
        for j, label in enumerate(self._taxonomy().ids):
            used = weights[:, j] > 0
            if targets[used, j].min(initial=1) == 1 or targets[used, j].max(initial=0) == 0:
                raise InputError(
                    f"sentence_linear cannot learn '{label}': its training sentences are all "
                    f"{'positive' if targets[used, j].min(initial=1) == 1 else 'negative'} (a positive text of several "
                    "sentences needs an evidence span to give a positive sentence); add evidence spans for that "
                    "label, or train the 'linear' model type")
        self._fit_matrix(self._counts(units), targets, weights)

    def _arrays(self):
        return {**super()._arrays(), "sentence_level": np.array([int(self.sentence_level_)], dtype=np.int8)}

    def _restore(self, arrays):
        self.sentence_level_ = bool(arrays.pop("sentence_level", np.array([1]))[0])
        super()._restore(arrays)

    def _scores(self, texts):
        if not getattr(self, "sentence_level_", True):
            return super()._scores(texts)
        units, owners, _ = text_units(texts)
        sentence_scores = super()._scores(units)
        document_scores = super()._scores(texts) if self.aggregation == "mean_max" else None
        return aggregate(sentence_scores, owners, len(texts), self.aggregation, document_scores)

    def sentence_scores(self, text: str) -> list[tuple[str, int, int, np.ndarray]]:
        """Each sentence of *text* with its offsets and its (uncalibrated) score per label."""
        self._check_fitted()
        spans = sentence_spans(text) or [(text, 0, len(text))]
        scores = super()._scores([sentence for sentence, _, _ in spans])
        return [(sentence, start, end, score) for (sentence, start, end), score in zip(spans, scores)]

    def _out_of_fold_scores(self, texts, y, sample_weight=None, evidence=None):
        # Folds of texts, not per label: one fit learns every label from the sentences of its texts.
        scores = np.zeros(y.shape, dtype=np.float64)
        folds = KFold(n_splits=min(5, len(texts)), shuffle=True, random_state=self.seed)
        for train_idx, test_idx in folds.split(np.zeros(len(texts))):
            model = self.clone()
            model._fit_scores([texts[i] for i in train_idx], y[train_idx],
                              None if sample_weight is None else sample_weight[train_idx],
                              None if evidence is None else [evidence[i] for i in train_idx])
            scores[test_idx] = model._scores([texts[i] for i in test_idx])
        return scores
