"""BERT-style (uncased) WordPiece tokenisation in plain Python.

The shipped static embeddings were distilled from all-MiniLM-L6-v2, whose
vocabulary is BERT's uncased WordPiece vocabulary. Reproducing its
tokeniser here keeps inference free of the ``tokenizers``/``transformers``
stack; a maintainer test checks the ids against the reference tokeniser.
"""

from __future__ import annotations

import re
import unicodedata

# ASCII punctuation is exactly codes 33-47, 58-64, 91-96 and 123-126; other
# non-alphanumeric ASCII is whitespace or a control character, both dropped.
_ASCII_PIECES = re.compile(r"[a-z0-9]+|[!-/:-@\[-`{-~]")
_ASCII_CONTROL = {code: None for code in [*range(0, 9), 11, 12, *range(14, 32), 127]}
_ASCII_CONTROL.update({9: " ", 10: " ", 13: " "})
_MAX_WORD_CHARS = 100


def _is_punctuation(char: str) -> bool:
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith("P")


def _is_cjk(code: int) -> bool:
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF
            or 0x2A700 <= code <= 0x2B73F or 0x2B740 <= code <= 0x2B81F or 0x2B820 <= code <= 0x2CEAF
            or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F)


def basic_tokens(text: str) -> list[str]:
    """Lower-cased, accent-stripped words and single punctuation marks.

    Examples
    --------
    >>> basic_tokens("I'm SO scared — what if he leaves?")
    ['i', "'", 'm', 'so', 'scared', '—', 'what', 'if', 'he', 'leaves', '?']
    >>> basic_tokens("Café naïve")
    ['cafe', 'naive']
    """
    if text.isascii():
        if not text.isprintable():
            # Control characters are deleted (not split on), as BERT does.
            text = text.translate(_ASCII_CONTROL)
        return _ASCII_PIECES.findall(text.lower())
    cleaned = []
    for char in text:
        code = ord(char)
        if code == 0 or code == 0xFFFD:
            continue
        category = unicodedata.category(char)
        if char in "\t\n\r" or category == "Zs":
            cleaned.append(" ")
        elif category in ("Cc", "Cf"):
            continue
        elif _is_cjk(code):
            cleaned.append(f" {char} ")
        else:
            cleaned.append(char)
    text = unicodedata.normalize("NFD", "".join(cleaned).lower())
    text = "".join(char for char in text if unicodedata.category(char) != "Mn")
    tokens = []
    for word in text.split():
        current = []
        for char in word:
            if _is_punctuation(char):
                if current:
                    tokens.append("".join(current))
                    current = []
                tokens.append(char)
            else:
                current.append(char)
        if current:
            tokens.append("".join(current))
    return tokens


class WordPiece:
    """Greedy longest-match-first WordPiece over a fixed vocabulary.

    Parameters
    ----------
    vocab : list of str
        The vocabulary, index = token id. Continuation pieces start with ``##``.
    unk_token : str
        Token used for words that cannot be split into known pieces.

    Examples
    --------
    >>> wp = WordPiece(["[UNK]", "scared", "un", "##love", "##d", "?"])
    >>> wp.encode("Unloved? scared")
    [2, 3, 4, 5, 1]
    >>> wp.encode("zzz")
    [0]
    """

    def __init__(self, vocab: list[str], unk_token: str = "[UNK]"):
        self.vocab = {piece: i for i, piece in enumerate(vocab)}
        self.unk_id = self.vocab[unk_token]
        self._cache: dict[str, tuple[int, ...]] = {}

    def _word_ids(self, word: str) -> tuple[int, ...]:
        if len(word) > _MAX_WORD_CHARS:
            return (self.unk_id,)
        ids = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                return (self.unk_id,)
            ids.append(found)
            start = end
        return tuple(ids)

    def encode(self, text: str) -> list[int]:
        """Token ids of *text* (no special tokens)."""
        cache = self._cache
        ids: list[int] = []
        for word in basic_tokens(text):
            word_ids = cache.get(word)
            if word_ids is None:
                word_ids = self._word_ids(word)
                if len(cache) < 500_000:
                    cache[word] = word_ids
            ids.extend(word_ids)
        return ids
