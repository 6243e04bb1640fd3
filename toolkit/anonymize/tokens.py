"""The one word tokenizer the detectors share: a text is split once per call of find_entities."""

from __future__ import annotations

import re
import unicodedata

# A word of letters, with inner apostrophes or hyphens ("don't", "Mei-Ling"),
# not part of an e-mail, a handle, a path or a word with digits ("9pm").
WORD_TOKEN = re.compile(r"(?<![\w@#/])[^\W\d_]+(?:['’\-][^\W\d_]+)*(?![\w@])")
# The same tokens, kept by re.split: [gap, word, gap, word, ..., gap].
_SPLIT = re.compile(f"({WORD_TOKEN.pattern})")


def split_words(text: str) -> list[str]:
    """*text* as alternating gaps and words, starting and ending with a gap.

    Examples
    --------
    >>> split_words("ok, Jake's 9pm")
    ['', 'ok', ', ', "Jake's", ' 9pm']
    """
    return _SPLIT.split(text)


def fold(word: str) -> str:
    """Lower-case and strip accents, as the word lists' keys are.

    Examples
    --------
    >>> fold("José")
    'jose'
    """
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
