"""Why a model gave a text its scores: the sentences that carry each label and the words that moved it.

:func:`explain` returns an :class:`Explanation`, plain data with renderers:
``to_text()`` for the terminal, ``to_html()`` for a file, and ``_repr_html_``
so it shows highlighted in Jupyter. Two kinds of evidence:

* sentences: each sentence is scored on its own with the model's
  ``predict_proba``, and the text is re-scored without it (``drop``: how much
  the label's score falls when the sentence is removed);
* terms: for models with a ``term_contributions(text)`` method (linear:
  tf-idf weight x coefficient; lexicon: cue hits), each word or phrase with
  its additive share of the label's logit (before calibration, which maps
  the logit monotonically to the reported score), located in the text where
  possible. An ensemble whose members all offer them (the shipped default:
  document + sentence linear) shows the members' shares summed under its
  weights: a weighted mean of logit shares, whose signs and sizes rank the
  terms but which do not add up to its score
  (:meth:`~toolkit.models.ensemble.EnsembleModel.term_contributions`).
  Models without it (for example embedding models) get sentence evidence only.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

import numpy as np

from .errors import InputError
from .highlight import explanation_html, explanation_text
from .io import DEFAULT_BATCH_SIZE, read_table
from .models import BarrierModel, load_model
from .taxonomy import STRATEGY_NOTICE, Taxonomy, with_current_notes
from .text import NEGATION_PREFIX, NEGATION_WINDOW, CachedStemmer, mark_negation, sentence_spans, token_spans

# Tokens the linear model's negation marking drops; phrases are matched across them.
_SKIPPED_PUNCTUATION = frozenset(".,;:")
TERM_METHODS = {
    "linear": "tf-idf weight x coefficient of each word n-gram (additive on the logit)",
    "lexicon": "cue phrases matched, with their share of the score",
    "ensemble": "members' term contributions weighted by the ensemble's weights (a weighted mean of logit shares)",
}


@dataclass(frozen=True)
class SentenceEvidence:
    """One sentence of the text, scored for one label.

    ``score`` is the sentence's own score; ``drop`` is the text's score minus
    its score with this sentence removed (positive: the sentence raises it).
    """

    text: str
    start: int
    end: int
    score: float
    drop: float


@dataclass(frozen=True)
class TermEvidence:
    """A word or phrase (a model feature or cue) and its additive contribution to one label's logit."""

    term: str
    surface: str
    contribution: float
    negated: bool = False
    spans: tuple[tuple[int, int], ...] = ()


@dataclass
class LabelExplanation:
    """Score, decision and evidence for one label."""

    label: str
    name: str
    score: float
    threshold: float
    positive: bool
    sentences: list[SentenceEvidence]
    terms: list[TermEvidence]
    strategies: tuple[str, ...] = ()

    @property
    def evidence(self) -> list[SentenceEvidence]:
        """Sentences that carry the label: those scoring at or above the threshold, best first.

        For a positive label where no sentence passes on its own (the evidence
        is spread out), the best sentence.
        """
        carrying = [s for s in self.sentences if s.score >= self.threshold]
        if not carrying and self.positive and self.sentences:
            carrying = self.sentences[:1]
        return carrying

    @property
    def pushed_up(self) -> list[TermEvidence]:
        return [t for t in self.terms if t.contribution > 0]

    @property
    def pushed_down(self) -> list[TermEvidence]:
        return sorted((t for t in self.terms if t.contribution < 0), key=lambda t: t.contribution)

    def to_dict(self) -> dict:
        evidence = {(s.start, s.end) for s in self.evidence}
        return {
            "label": self.label, "name": self.name, "score": self.score, "threshold": self.threshold,
            "decision": self.positive,
            "sentences": [{"text": s.text, "start": s.start, "end": s.end, "score": s.score, "drop": s.drop,
                           "evidence": (s.start, s.end) in evidence} for s in self.sentences],
            "terms": [{"term": t.term, "surface": t.surface, "contribution": t.contribution, "negated": t.negated,
                       "spans": [list(span) for span in t.spans]} for t in self.terms],
            "strategies": list(self.strategies),
        }


@dataclass
class Explanation:
    """Evidence for every label of one text; renders as text, HTML and inline in Jupyter.

    Examples
    --------
    >>> import toolkit
    >>> explanation = toolkit.explain("We had pasta. What if he thinks less of me once he knows?")
    >>> explanation["fear_of_rejection"].positive
    True
    >>> explanation["fear_of_rejection"].evidence[0].text
    'What if he thinks less of me once he knows?'
    """

    text: str
    labels: list[LabelExplanation]
    model_id: str
    model_type: str
    term_method: str | None
    source: dict = field(default_factory=dict)

    def __getitem__(self, label: str) -> LabelExplanation:
        for item in self.labels:
            if item.label == label:
                return item
        raise KeyError(f"no label '{label}'; labels are: {', '.join(i.label for i in self.labels)}")

    @property
    def positive_labels(self) -> list[str]:
        return [item.label for item in self.labels if item.positive]

    def to_dict(self) -> dict:
        return {"text": self.text, "source": self.source, "model": {"id": self.model_id, "type": self.model_type},
                "term_method": self.term_method, "labels": [item.to_dict() for item in self.labels],
                "strategy_notice": STRATEGY_NOTICE}

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)

    def to_text(self, *, color: bool = False, top_terms: int = 5) -> str:
        """A terminal rendering; *color* adds ANSI highlighting of the words in evidence sentences."""
        return explanation_text(self, color=color, top_terms=top_terms)

    def to_html(self, *, standalone: bool = True, top_terms: int = 8) -> str:
        """Highlighted HTML: a whole page when *standalone*, else a fragment for embedding."""
        return explanation_html(self, standalone=standalone, top_terms=top_terms)

    def _repr_html_(self) -> str:
        return self.to_html(standalone=False)


class Explanations(list):
    """A list of :class:`Explanation` objects that renders as one HTML block in Jupyter."""

    def _repr_html_(self) -> str:
        rule = '<hr style="border:none;border-top:2px solid #ccc;margin:1.5em 0">'
        return rule.join(item.to_html(standalone=False) for item in self)


def explain_all(texts, model: BarrierModel | str | os.PathLike | None = None, *, sources: list[dict] | None = None,
                taxonomy: Taxonomy | None = None) -> Explanations:
    """:func:`explain` for several texts with one model; *sources* (one dict per text) say where each came from.

    Examples
    --------
    >>> shown = explain_all(["what if she laughs at me", "my ex read my diary"], sources=[{"id": "a"}, {"id": "b"}])
    >>> [e.positive_labels for e in shown], shown._repr_html_().count("<hr")
    ([['fear_of_rejection'], ['past_experiences']], 1)
    """
    if model is None or isinstance(model, (str, os.PathLike)):
        model = load_model(model)
    texts = list(texts)
    sources = list(sources) if sources is not None else [{} for _ in texts]
    if len(sources) != len(texts):
        raise InputError(f"got {len(texts)} texts but {len(sources)} sources; pass one source dict per text")
    return Explanations(explain(text, model, taxonomy=taxonomy, source=source) for text, source in zip(texts, sources))


def explain(text: str, model: BarrierModel | str | os.PathLike | None = None, *, taxonomy: Taxonomy | None = None,
            source: dict | None = None) -> Explanation:
    """Explain the model's scores for *text*: per label, evidence sentences and contributing terms.

    Parameters
    ----------
    text : str
        One text (a journal entry, a message).
    model : BarrierModel or path, optional
        A loaded model or a model directory; the shipped default when omitted.
    taxonomy : Taxonomy, optional
        Taxonomy for display names and strategy notes; it must be the one the
        model was trained on. The shipped wording when omitted and the labels match.
    source : dict, optional
        Where the text came from (file, row, id), kept for display.

    Examples
    --------
    >>> import toolkit
    >>> explanation = toolkit.explain("in my family we never talked about feelings")
    >>> explanation.positive_labels
    ['cultural_influences']
    >>> "family" in [term.surface for term in explanation["cultural_influences"].pushed_up[:3]]
    True
    """
    if model is None or isinstance(model, (str, os.PathLike)):
        model = load_model(model)
    if taxonomy is not None:
        model.check_taxonomy(taxonomy)
    else:
        taxonomy = with_current_notes(model.taxonomy_)
    text = "" if text is None else str(text)
    if not text.strip():
        raise InputError("there is no text to explain (it is empty); pass a text, pipe one on stdin, or pick a row of "
                         "a file")
    sentences = sentence_spans(text) or [(text.strip(), 0, len(text))]
    without = [text[:start] + text[end:] for _, start, end in sentences]
    scores = model.predict_proba([text] + [s for s, _, _ in sentences] + without)
    n = len(sentences)
    full, alone, removed = scores[0], scores[1 : 1 + n], scores[1 + n :]
    contributions = model.term_contributions(text) if model.supports("term_contributions") else None
    locator = _TermLocator(text, model) if contributions is not None else None
    items = []
    for j, label in enumerate(taxonomy.labels):
        order = np.argsort(-alone[:, j], kind="stable")
        sentence_evidence = [SentenceEvidence(sentences[i][0], sentences[i][1], sentences[i][2], float(alone[i, j]),
                                              float(full[j] - removed[i, j])) for i in order]
        terms = [locator.evidence(term, value) for term, value in contributions[j]] if contributions is not None else []
        items.append(LabelExplanation(label=label.id, name=label.name, score=float(full[j]),
                                      threshold=float(model.thresholds_[j]),
                                      positive=bool(full[j] >= model.thresholds_[j]),
                                      sentences=sentence_evidence, terms=terms, strategies=label.strategies))
    method = TERM_METHODS.get(model.model_type, "model term contributions") if contributions is not None else None
    return Explanation(text=text, labels=items, model_id=model.model_id, model_type=model.model_type,
                       term_method=method, source=dict(source or {}))


class _TermLocator:
    """Finds where a model's terms (stemmed, NEG_-marked n-grams or cue phrases) occur in the text as written."""

    def __init__(self, text: str, model: BarrierModel):
        self.text = text
        spans = token_spans(text)
        tokens = [token for token, _, _ in spans]
        # An ensemble's terms come from its members: read the negation settings of the first that has them.
        marker = next((m for m in [model, *getattr(model, "members_", [])] if hasattr(m, "negation")), model)
        self.marks_negation = bool(getattr(marker, "negation", False))
        negated = _negation_flags(tokens, int(getattr(marker, "negation_window", NEGATION_WINDOW)))
        stem = CachedStemmer()
        self.sequence = [(token, stem(token), flag, start, end) for (token, start, end), flag in zip(spans, negated)]
        self.words = [item for item in self.sequence if item[0] not in _SKIPPED_PUNCTUATION]
        # Positions of each raw token and stem, so a term is only tried where its first word occurs.
        self._starts: dict[int, dict[str, list[int]]] = {}
        self._found: dict[str, tuple[tuple[int, int], ...]] = {}

    def _index(self, sequence) -> dict[str, list[int]]:
        key = id(sequence)
        if key not in self._starts:
            index: dict[str, list[int]] = {}
            for i, (token, stem, _, _, _) in enumerate(sequence):
                index.setdefault(token, []).append(i)
                if stem != token:
                    index.setdefault(stem, []).append(i)
            self._starts[key] = index
        return self._starts[key]

    def spans(self, term: str) -> tuple[tuple[int, int], ...]:
        if term not in self._found:
            pattern = term.split(" ")
            sequence = self.sequence if any(part in _SKIPPED_PUNCTUATION for part in pattern) else self.words
            first = pattern[0].removeprefix(NEGATION_PREFIX)
            if first.endswith("*") and len(first) > 1:
                candidates = range(len(sequence))
            else:
                candidates = self._index(sequence).get(first, [])
            found = []
            for i in candidates:
                if i + len(pattern) <= len(sequence) and all(
                        self._matches(part, sequence[i + k]) for k, part in enumerate(pattern)):
                    found.append((sequence[i][3], sequence[i + len(pattern) - 1][4]))
            self._found[term] = tuple(sorted(set(found)))
        return self._found[term]

    def evidence(self, term: str, contribution: float) -> TermEvidence:
        pattern = term.split(" ")
        found = self.spans(term)
        surface = (self.text[found[0][0] : found[0][1]] if found
                   else " ".join(p.removeprefix(NEGATION_PREFIX) for p in pattern))
        negated = any(part.startswith(NEGATION_PREFIX) for part in pattern)
        return TermEvidence(term=term, surface=surface, contribution=contribution, negated=negated, spans=found)

    def _matches(self, part: str, item) -> bool:
        token, stem, negated, _, _ = item
        wants_negated = part.startswith(NEGATION_PREFIX)
        if self.marks_negation and wants_negated != negated:
            return False
        core = part.removeprefix(NEGATION_PREFIX)
        if core.endswith("*") and len(core) > 1:
            return token.startswith(core[:-1])
        return core == token or core == stem


def _negation_flags(tokens: list[str], window: int) -> list[bool]:
    """Whether each token is in a negator's scope, by aligning :func:`mark_negation`'s output with its input."""
    marked = mark_negation(tokens, window)
    flags, k = [], 0
    for token in tokens:
        if k < len(marked) and marked[k] in (token, NEGATION_PREFIX + token):
            flags.append(marked[k] != token)
            k += 1
        else:  # a scope breaker that marking drops
            flags.append(False)
    return flags


def text_from_file(source: str | os.PathLike, *, row: int | None = None, id: str | None = None,
                   id_column: str | None = None, text_column: str = "text", fmt: str | None = None,
                   encoding: str = "utf-8") -> tuple[str, dict]:
    """One text of a table file, by 1-based data *row* or by *id*; returns the text and where it came from.

    An *id* is looked up in *id_column*, or else in column ``id``, or else in
    every column whose name ends in ``_id``; it must match exactly one row.
    """
    if (row is None) == (id is None):
        raise InputError("pick one row of the file: pass either a row number (--row) or an id (--id), not both")
    if row is not None and row < 1:
        raise InputError(f"row {row} does not exist; rows are numbered from 1 (the first row after the header)")
    name = str(source)
    offset, matches, columns = 0, [], None
    for chunk in read_table(source, fmt, batch_size=DEFAULT_BATCH_SIZE, encoding=encoding):
        columns = list(chunk.columns)
        if text_column not in chunk.columns:
            raise InputError(f"input file '{name}' has no text column '{text_column}'; available columns: "
                             f"{', '.join(map(str, columns))}. Pass the right one with --text-column")
        if row is not None:
            if row <= offset + len(chunk):
                record = chunk.iloc[row - offset - 1]
                return _cell_text(record[text_column]), {"file": name, "row": row}
        else:
            candidates = _id_columns(columns, id_column, name)
            for column in candidates:
                hits = np.flatnonzero(chunk[column].astype(str).to_numpy() == str(id))
                matches += [(column, offset + int(i) + 1, chunk.iloc[int(i)][text_column]) for i in hits]
        offset += len(chunk)
    if row is not None:
        raise InputError(f"input file '{name}' has {offset} rows, so there is no row {row}; pick a row from 1 to "
                         f"{offset}")
    if not matches:
        where = ", ".join(_id_columns(columns, id_column, name))
        raise InputError(f"no row of '{name}' has the id '{id}' (looked in column {where}); check the id, or pass "
                         "--id-column")
    if len(matches) > 1:
        columns_hit = sorted({c for c, _, _ in matches})
        rows = ", ".join(str(r) for _, r, _ in matches[:5]) + (", ..." if len(matches) > 5 else "")
        raise InputError(f"the id '{id}' matches {len(matches)} rows of '{name}' (column {', '.join(columns_hit)}; "
                         f"rows {rows}); "
                         "pass --id-column with a column of unique ids, or pick one with --row")
    column, found_row, value = matches[0]
    return _cell_text(value), {"file": name, "row": found_row, "id_column": column, "id": str(id)}


def _cell_text(value) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def _id_columns(columns: list[str], id_column: str | None, name: str) -> list[str]:
    if id_column is not None:
        if id_column not in columns:
            raise InputError(f"input file '{name}' has no id column '{id_column}'; available columns: "
                             f"{', '.join(map(str, columns))}")
        return [id_column]
    if "id" in columns:
        return ["id"]
    guessed = [c for c in columns if str(c).endswith("_id")]
    if not guessed:
        raise InputError(f"input file '{name}' has no column 'id' or '*_id' to look the id up in; pass --id-column, or "
                         "pick a row with --row")
    return guessed
