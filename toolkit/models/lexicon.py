"""A transparent, negation-aware cue-phrase model built from the taxonomy's cues."""

from __future__ import annotations

from numbers import Integral

import numpy as np

from ..metrics import sigmoid
from ..taxonomy import load_taxonomy
from ..text import is_negator, normalize, tokenize
from .base import BarrierModel
from .heads import fit_logistic
from .params import Interval
from .registry import register_model_type

NEGATION_LOOKBACK = 3


def cue_tokens(cue: str) -> tuple[str, ...]:
    """The tokens of a cue phrase; a token ending in ``*`` matches any token it starts.

    Examples
    --------
    >>> cue_tokens("Judg*")
    ('judg*',)
    >>> cue_tokens("men don't cry")
    ('men', "don't", 'cry')
    """
    tokens: list[str] = []
    for word in normalize(cue).split():
        if word.endswith("*"):
            tokens.append(word)
        else:
            tokens.extend(tokenize(word))
    return tuple(tokens)


def _token_matches(token: str, pattern: str) -> bool:
    return token.startswith(pattern[:-1]) if pattern.endswith("*") else token == pattern


class CueIndex:
    """Cue phrases of one label, indexed by first token for a single pass over a text."""

    def __init__(self, cues):
        self.by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        self.wildcard_first: list[tuple[str, tuple[str, ...]]] = []
        tokenized = sorted(((cue, cue_tokens(cue)) for cue in cues), key=lambda item: len(item[1]), reverse=True)
        for cue, tokens in tokenized:
            if not tokens:
                continue
            if tokens[0].endswith("*"):
                self.wildcard_first.append((cue, tokens))
            else:
                self.by_first.setdefault(tokens[0], []).append((cue, tokens))

    def find(self, tokens: list[str], negation_lookback: int) -> list[tuple[str, int, int]]:
        """(cue, first token, end token) of each non-overlapping, non-negated match."""
        hits, i = [], 0
        while i < len(tokens):
            candidates = self.by_first.get(tokens[i], []) + [
                c for c in self.wildcard_first if _token_matches(tokens[i], c[1][0])]
            match = None
            for cue, pattern in candidates:
                end = i + len(pattern)
                if end <= len(tokens) and all(_token_matches(t, p) for t, p in zip(tokens[i:end], pattern)):
                    if match is None or len(pattern) > match[2] - match[1]:
                        match = (cue, i, end)
            if match is None:
                i += 1
                continue
            if not any(is_negator(t) for t in tokens[max(0, i - negation_lookback) : i]):
                hits.append(match)
            i = match[2]
        return hits


@register_model_type
class LexiconModel(BarrierModel):
    """Counts taxonomy cue phrases per label, skipping cues in a negator's scope.

    Without training data a label's score is ``1 - 0.5 ** hits`` (one hit
    gives 0.5, the default threshold); with data, a one-feature logistic
    regression per label maps hit counts to probabilities and thresholds are
    tuned like any other model. Works for any taxonomy that lists cues.

    Examples
    --------
    >>> from toolkit.taxonomy import load_taxonomy
    >>> model = LexiconModel(taxonomy=load_taxonomy()).fit_unsupervised()
    >>> model.predict(["in my family we don't talk about feelings", "i'm not afraid he'll judge me"]).tolist()
    [[0, 0, 0, 1], [0, 0, 0, 0]]
    """

    model_type = "lexicon"
    capabilities = frozenset({"term_contributions"})

    _parameter_constraints = {"negation_lookback": [Interval(Integral, 0, 20)]}

    def __init__(self, taxonomy=None, *, negation_lookback=NEGATION_LOOKBACK):
        self.taxonomy = taxonomy
        self.negation_lookback = negation_lookback

    def _indexes(self) -> list[CueIndex]:
        taxonomy = self._taxonomy()
        cached = self.__dict__.get("_cue_indexes")
        if cached is None or cached[0] != taxonomy.fingerprint:
            cached = self._cue_indexes = (taxonomy.fingerprint, [CueIndex(label.cues) for label in taxonomy.labels])
        return cached[1]

    def cue_hits(self, text: str) -> list[list[tuple[str, int, int]]]:
        """Per label, (cue, start token, end token) of each match; cues in a negator's scope are left out."""
        tokens = tokenize(normalize(text))
        return [index.find(tokens, self.negation_lookback) for index in self._indexes()]

    def counts(self, texts: list[str]) -> np.ndarray:
        return np.array([[len(spans) for spans in self.cue_hits(t)] for t in texts],
                        dtype=float).reshape(len(texts), -1)

    def diversity_features(self, texts):
        """Cue counts and scores: diversity sampling spreads over which cues a text uses."""
        return np.hstack([np.log1p(self.counts(texts)), self.predict_proba(texts)])

    def fit_unsupervised(self):
        """Use the fixed mapping ``1 - 0.5 ** hits`` and thresholds of 0.5: no data needed."""
        self._validate_params()
        self.taxonomy_ = self.taxonomy if self.taxonomy is not None else load_taxonomy()
        n = len(self.taxonomy_.ids)
        self.slope_, self.intercept_ = np.full(n, np.nan), np.full(n, np.nan)
        self.thresholds_ = np.full(n, 0.5)
        self.card_ = self._make_card(training_data={"fingerprint": None, "source": None, "rows": 0},
                                     tuned_on="none (unsupervised)", metrics={})
        return self

    def _fit_scores(self, texts, y, sample_weight=None):
        counts = np.log1p(self.counts(texts))
        self.slope_, self.intercept_ = np.zeros(y.shape[1]), np.zeros(y.shape[1])
        for j in range(y.shape[1]):
            slope, self.intercept_[j] = fit_logistic(counts[:, [j]], y[:, j], sample_weight, class_weight="balanced")
            self.slope_[j] = slope[0]

    def _out_of_fold_scores(self, texts, y, sample_weight=None):
        # One parameter pair per label cannot overfit much; in-sample scores serve.
        return self._scores(texts)

    def _scores(self, texts):
        counts = self.counts(texts)
        if np.isnan(self.slope_).all():
            return 1.0 - 0.5**counts
        return sigmoid(np.log1p(counts) * self.slope_ + self.intercept_)

    def term_contributions(self, text: str) -> list[list[tuple[str, float]]]:
        """Per label, each matched cue with its share of the label's link value, largest first.

        Fitted, a label's logit is ``slope * log1p(hits) + intercept`` and each
        hit gets an equal share of the first term; unfitted, the score is
        ``1 - 0.5 ** hits`` and each hit adds ``log 2`` to ``-log(1 - score)``.
        A cue matched twice appears once with both shares added.

        Examples
        --------
        >>> from toolkit.taxonomy import load_taxonomy
        >>> model = LexiconModel(taxonomy=load_taxonomy()).fit_unsupervised()
        >>> [(cue, round(c, 3)) for cue, c in model.term_contributions("what if he judges me")[0]]
        [('judg*', 0.693), ('what if he', 0.693)]
        """
        self._check_scorer_fitted()
        out = []
        for j, hits in enumerate(self.cue_hits(text)):
            if not hits:
                out.append([])
                continue
            if np.isnan(self.slope_[j]):
                share = float(np.log(2.0))
            else:
                share = float(self.slope_[j] * np.log1p(len(hits)) / len(hits))
            totals: dict[str, float] = {}
            for cue, _, _ in hits:
                totals[cue] = totals.get(cue, 0.0) + share
            out.append(sorted(totals.items(), key=lambda item: (-item[1], item[0])))
        return out

    def _arrays(self):
        return {"slope": self.slope_, "intercept": self.intercept_}

    def _restore(self, arrays):
        self.slope_, self.intercept_ = arrays["slope"].astype(float), arrays["intercept"].astype(float)
        if self.slope_.shape != (len(self._taxonomy().ids),):
            raise ValueError(f"slope has shape {self.slope_.shape} for {len(self._taxonomy().ids)} labels")
