"""Hashed counts of negation-marked, stemmed word n-grams, computed a batch at a time.

The features are exactly those of :meth:`NgramHasher.analyze` hashed the way
scikit-learn's ``HashingVectorizer`` hashes strings (murmurhash3 of the UTF-8
feature, absolute value modulo the number of columns), but the work per text
is a few dictionary look-ups in C plus numpy over the whole batch:

- texts are split at whitespace in one ``str.split`` call; each distinct
  piece (``"don't."``) is tokenised, classified (negator, scope breaker),
  stemmed and hashed once, then remembered;
- negation scopes are marked by a Python loop over negators only;
- n-gram columns are looked up by the integer ids of their terms, so an
  n-gram string is built and hashed only the first time it is seen.

The caches are bounded: the n-gram cache has a fixed size, and when the piece
or term cache outgrows its limit, all are cleared before the next batch
(never during one), so memory stays flat on any corpus.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.utils import murmurhash3_32

from ..text import (
    NEGATION_PREFIX,
    PIECE_SEPARATORS,
    SCOPE_BREAKERS,
    TEXT_END,
    CachedStemmer,
    is_negator,
    mark_negation,
    normalize,
    tokenize,
    tokens_bytes,
)

# Token kinds, for the negation scope.
NORMAL, NEGATOR, BREAK_DROPPED, BREAK_KEPT, END = range(5)
_DROPPED = frozenset(". , ; :".split())
# An n-gram's key packs the ids of its terms, plus one (so 0 means "no term"),
# into one int64: up to three terms of 21 bits.
_FAST_NGRAM_MAX = 3
_TERM_ID_BITS = 21
_MAX_TERM_ID = (1 << _TERM_ID_BITS) - 2
_IS_SEPARATOR = np.zeros(256, dtype=bool)
_IS_SEPARATOR[list(PIECE_SEPARATORS)] = True
_MAX_HASHED_PIECE = 64
_MIX = np.uint64(0x9E3779B97F4A7C15)
_BYTE_CODES = np.random.default_rng(20261122).integers(1, 2**63, size=256, dtype=np.uint64) | np.uint64(1)
_POWERS = np.array([pow(0x100000001B3, k, 2**64) for k in range(_MAX_HASHED_PIECE + 1)], dtype=np.uint64)
# Texts are featurised in groups of about this many characters, which bounds
# the size of the per-byte temporary arrays.
_GROUP_CHARS = 1 << 18


def feature_column(feature: str, n_features: int) -> int:
    """The column of a feature string, as ``HashingVectorizer(alternate_sign=False)`` hashes it.

    Examples
    --------
    >>> feature_column("NEG_judg me", 2**18)
    209902
    """
    return abs(murmurhash3_32(feature, seed=0)) % n_features


class NgramHasher:
    """Count features of texts into a sparse matrix of *n_features* hashed columns.

    Parameters
    ----------
    ngram_max, n_features, negation, negation_window, stem
        As in :class:`~toolkit.models.LinearModel`.

    Examples
    --------
    >>> hasher = NgramHasher(n_features=2**10)
    >>> hasher.analyze("Not scared, ok")
    ['not', 'NEG_scare', 'ok', 'not NEG_scare', 'NEG_scare ok']
    >>> counts = hasher.counts(["Not scared, ok", "ok ok"])
    >>> counts.shape, counts[1].sum()
    ((2, 1024), np.float64(3.0))
    """

    max_pieces = 300_000
    max_terms = 500_000
    ngram_cache_size = 2**19
    piece_cache_size = 2**18

    def __init__(self, *, ngram_max=2, n_features=2**18, negation=True, negation_window=6, stem=True):
        self.ngram_max = ngram_max
        self.n_features = n_features
        self.negation = negation
        self.negation_window = negation_window
        self.stem = stem
        self._reset()

    def __getstate__(self):
        # Caches are rebuilt on demand; never ship them between processes.
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._reset()

    # -- one text, as strings (explanations, reference) --------------------
    def analyze(self, text: str) -> list[str]:
        """The feature strings of one text: stemmed, negation-marked word n-grams."""
        tokens = tokenize(normalize(text))
        if self.negation:
            tokens = mark_negation(tokens, self.negation_window)
        if self.stem:
            stemmer = self._stemmer
            tokens = [stemmer(t) for t in tokens]
        features = list(tokens)
        for n in range(2, self.ngram_max + 1):
            features.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
        return features

    def reference_counts(self, texts: list[str]) -> sparse.csr_matrix:
        """:meth:`counts` the slow, obvious way: ``HashingVectorizer`` over :meth:`analyze`."""
        vectorizer = HashingVectorizer(analyzer=self.analyze, n_features=self.n_features, alternate_sign=False,
                                       norm=None)
        return vectorizer.transform(texts).tocsr()

    # -- many texts, as ids and numpy ---------------------------------------
    def counts(self, texts: list[str]) -> sparse.csr_matrix:
        """Raw feature counts, shape ``(len(texts), n_features)``, sorted indices and no duplicates."""
        if self.ngram_max > _FAST_NGRAM_MAX:
            return self.reference_counts(texts)
        n_texts = len(texts)
        if n_texts == 0:
            return sparse.csr_matrix((0, self.n_features), dtype=np.float64)
        if len(self._pieces) > self.max_pieces or len(self._term_ids) > self.max_terms:
            self._reset()
        groups = _groups_of_chars(texts, _GROUP_CHARS)
        if len(groups) > 1:
            return sparse.vstack([self.counts(texts[a:b]) for a, b in groups], format="csr")
        piece_ids = self._piece_ids(tokens_bytes(texts))
        kinds, terms, neg_terms = self._token_table()
        starts, counts = self._piece_start_arr, self._piece_count_arr
        if len(starts) != len(self._piece_start):
            starts = self._piece_start_arr = np.asarray(self._piece_start, dtype=np.int64)
            counts = self._piece_count_arr = np.asarray(self._piece_count, dtype=np.int64)
        # Expand pieces into tokens: token k of piece p is token entry starts[p] + k.
        per_piece = counts[piece_ids]
        first = np.cumsum(per_piece) - per_piece
        entries = np.repeat(starts[piece_ids] - first, per_piece) + np.arange(int(per_piece.sum()))
        kind = kinds[entries]
        is_end = kind == END
        row = np.cumsum(is_end) - is_end
        term = terms[entries]
        if self.negation:
            marked = self._negation_scopes(kind)
            if len(marked):
                term[marked] = neg_terms[entries[marked]]
            keep = (kind != END) & (kind != BREAK_DROPPED)
        else:
            keep = ~is_end
        term, row = term[keep], row[keep]
        if len(self._term_strings) > _MAX_TERM_ID:
            return self.reference_counts(texts)  # one enormous batch; the caches reset before the next
        columns = [self._term_column_arr()[term]]
        rows = [row]
        for n in range(2, self.ngram_max + 1):
            if len(term) < n:
                break
            same_text = row[: len(row) - n + 1] == row[n - 1 :]
            key = term[: len(term) - n + 1] + 1
            for k in range(1, n):
                key |= (term[k : len(term) - n + 1 + k] + 1) << (_TERM_ID_BITS * k)
            key = key[same_text]
            columns.append(self._ngram_columns.lookup(key, lambda first, key=key: np.fromiter(
                map(self._ngram_column, key[first].tolist()), dtype=np.int64, count=len(first))))
            rows.append(row[: len(row) - n + 1][same_text])
        matrix = sparse.csr_matrix((np.ones(sum(len(c) for c in columns)),
                                    (np.concatenate(rows), np.concatenate(columns))),
                                   shape=(n_texts, self.n_features))
        matrix.sum_duplicates()
        return matrix

    def _piece_ids(self, data: bytes) -> np.ndarray:
        """The id of each white-space separated piece of *data*, in order."""
        raw = np.frombuffer(data, dtype=np.uint8)
        edges = np.diff((~_IS_SEPARATOR[raw]).view(np.int8), prepend=np.int8(0), append=np.int8(0))
        starts, ends = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
        lengths = ends - starts

        def lookup_pieces(indices: np.ndarray) -> np.ndarray:
            return np.fromiter((self._pieces[data[starts[i] : ends[i]].decode()] for i in indices.tolist()),
                               dtype=np.int64, count=len(indices))

        # Short pieces go by a 64-bit polynomial hash of their bytes, summed per
        # piece; long ones (rare) by their text, as such a hash is weakest on long input.
        short = np.flatnonzero(lengths <= _MAX_HASHED_PIECE)
        ids = np.empty(len(starts), dtype=np.int64)
        if len(short) < len(starts):
            long = np.flatnonzero(lengths > _MAX_HASHED_PIECE)
            ids[long] = lookup_pieces(long)
        if len(short):
            short_lengths = lengths[short]
            offsets = np.cumsum(short_lengths) - short_lengths
            within = np.arange(int(short_lengths.sum())) - np.repeat(offsets, short_lengths)
            values = _BYTE_CODES[raw[np.repeat(starts[short], short_lengths) + within]] * _POWERS[within]
            hashes = np.add.reduceat(values, offsets) * _MIX + short_lengths.astype(np.uint64)
            hashes = (hashes >> np.uint64(1)).astype(np.int64)  # non-negative, so never the cache's empty mark
            ids[short] = self._piece_cache.lookup(hashes, lambda first: lookup_pieces(short[first]))
        return ids

    def _negation_scopes(self, kind: np.ndarray) -> np.ndarray:
        """Positions of the tokens in a negator's scope (see :func:`toolkit.text.mark_negation`)."""
        negators = np.flatnonzero(kind == NEGATOR)
        if not len(negators):
            return negators
        kinds = kind.astype(np.int8).tobytes()
        marked = []
        for position in negators.tolist():
            left, q = self.negation_window, position + 1
            # Every text ends with an END token, so q never runs off the end.
            while left and kinds[q] == NORMAL:
                marked.append(q)
                left -= 1
                q += 1
        return np.asarray(marked, dtype=np.int64)

    # -- caches ---------------------------------------------------------------
    def _reset(self) -> None:
        self._stemmer = CachedStemmer()
        self._pieces = _Missing(self._add_piece)
        self._piece_start: list[int] = []
        self._piece_count: list[int] = []
        self._piece_start_arr = self._piece_count_arr = np.zeros(0, dtype=np.int64)
        self._entry_kind: list[int] = []
        self._entry_term: list[int] = []
        self._entry_neg_term: list[int] = []
        self._table = (np.zeros(0, np.int8), np.zeros(0, np.int64), np.zeros(0, np.int64))
        self._term_ids = _Missing(self._add_term)
        self._term_strings: list[str] = []
        self._term_columns: list[int] = []
        self._term_columns_arr = np.zeros(0, dtype=np.int64)
        self._ngram_columns = _ColumnCache(self.ngram_cache_size)
        self._piece_cache = _ColumnCache(self.piece_cache_size)

    def _token_table(self):
        if len(self._table[0]) != len(self._entry_kind):
            self._table = (np.asarray(self._entry_kind, dtype=np.int8), np.asarray(self._entry_term, dtype=np.int64),
                           np.asarray(self._entry_neg_term, dtype=np.int64))
        return self._table

    def _term_column_arr(self) -> np.ndarray:
        if len(self._term_columns_arr) != len(self._term_columns):
            self._term_columns_arr = np.asarray(self._term_columns, dtype=np.int64)
        return self._term_columns_arr

    def _add_piece(self, piece: str) -> int:
        self._piece_start.append(len(self._entry_kind))
        if piece == TEXT_END:
            tokens, kinds = [TEXT_END], [END]
        else:
            tokens = tokenize(piece)
            kinds = [self._kind(token) for token in tokens]
        self._piece_count.append(len(tokens))
        for token, kind in zip(tokens, kinds):
            self._entry_kind.append(kind)
            if kind == END:
                self._entry_term.append(-1)
                self._entry_neg_term.append(-1)
                continue
            term = self._stemmer(token) if self.stem else token
            self._entry_term.append(self._term_ids[term])
            self._entry_neg_term.append(self._term_ids[NEGATION_PREFIX + term] if kind == NORMAL and self.negation
                                        else -1)
        return len(self._piece_start) - 1

    def _kind(self, token: str) -> int:
        if not self.negation:
            return NORMAL
        if token in SCOPE_BREAKERS:
            return BREAK_DROPPED if token in _DROPPED else BREAK_KEPT
        return NEGATOR if is_negator(token) else NORMAL

    def _add_term(self, term: str) -> int:
        self._term_strings.append(term)
        self._term_columns.append(feature_column(term, self.n_features))
        return len(self._term_strings) - 1

    def _ngram_column(self, key: int) -> int:
        mask = (1 << _TERM_ID_BITS) - 1
        parts = []
        while key:
            parts.append(self._term_strings[(key & mask) - 1])
            key >>= _TERM_ID_BITS
        return feature_column(" ".join(parts), self.n_features)


def _groups_of_chars(texts: list[str], chars: int) -> list[tuple[int, int]]:
    """(start, stop) of consecutive groups of *texts* with about *chars* characters each (at least one text)."""
    ends = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts)))
    groups, start = [], 0
    while start < len(texts):
        budget = (ends[start - 1] if start else 0) + chars
        stop = max(int(np.searchsorted(ends, budget, side="right")), start + 1)
        groups.append((start, stop))
        start = stop
    return groups


class _ColumnCache:
    """A fixed-size, direct-mapped cache from non-negative int64 keys to int64 values, used with numpy.

    A key's slot comes from a multiplicative hash; a newer key evicts an older
    one from its slot. A look-up computes the missing values of a batch with
    ``compute(first)``, where *first* indexes the first occurrence of each
    distinct missing key, so a result is exact whatever the cache holds.
    """

    def __init__(self, size: int):
        self.size = size
        self._bits = max(int(size - 1).bit_length(), 1)
        self._keys = np.full(1 << self._bits, -1, dtype=np.int64)
        self._values = np.zeros(1 << self._bits, dtype=np.int64)

    def lookup(self, keys: np.ndarray, compute) -> np.ndarray:
        slots = self._slots(keys)
        values = self._values[slots]
        missed = np.flatnonzero(self._keys[slots] != keys)
        if len(missed):
            new_keys, first, where = np.unique(keys[missed], return_index=True, return_inverse=True)
            new_values = compute(missed[first])
            values[missed] = new_values[where.ravel()]
            new_slots = self._slots(new_keys)
            _, one = np.unique(new_slots, return_index=True)  # one key per slot: keys and values stay in step
            self._keys[new_slots[one]] = new_keys[one]
            self._values[new_slots[one]] = new_values[one]
        return values

    def _slots(self, keys: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            return ((keys.astype(np.uint64) * _MIX) >> np.uint64(64 - self._bits)).astype(np.int64)


class _Missing(dict):
    """A dict that fills a missing key with ``factory(key)``; look-ups of known keys stay in C."""

    def __init__(self, factory):
        super().__init__()
        self._factory = factory

    def __missing__(self, key):
        value = self[key] = self._factory(key)
        return value

