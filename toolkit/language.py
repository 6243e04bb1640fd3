"""Which texts are not (mainly) English: the models read English only, so their scores there mean little.

Identification uses py3langid (a maintained fork of langid.py, BSD licence):
its model ships inside the package (about 4 MB, numpy arrays loaded without
pickle), needs no download and covers 97 languages. It scores about 1,100
texts a second on one core here, slower than the classifier, so a text is
only sent to it when a cheap test fails (:func:`looks_english`: two common
English function words); in an English corpus that is a few texts in 10,000.
Texts of fewer than :data:`MIN_WORDS` words are never flagged: too short to
tell.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

MIN_WORDS = 3
# A decision below this (normalised) probability is not trusted: the text stays unflagged.
MIN_CONFIDENCE = 0.9
# The cheap test reads the start of a text, the identifier a little more: enough to tell a language.
CHEAP_TEST_CHARS = 1_000
IDENTIFY_CHARS = 3_000
# Frequent English words that are not also frequent words of other Latin-script languages
# ("a", "no", "me", "i", "was", "in", "so", "die" are left out for that reason).
_ENGLISH_WORDS = frozenset("""
the and you to of my it that is with for this have be what if she he they we not but just when about like
feel him her can would know because been don't i'm it's myself really never always want think people told
tell them their there do does did how who will could should me's one said from at or are were your our his
""".split())
_identifier = None
_lock = threading.Lock()


def _get_identifier():
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def looks_english(text: str) -> bool:
    """True when the cheap test finds English (or the text is too short to tell); False when unsure.

    Two different common English words among the first words (one in a text
    of fewer than six words) are enough: texts in other languages rarely hold
    two of them, and an English text almost always does. The test costs a
    few microseconds, a fraction of scoring the text.

    Examples
    --------
    >>> looks_english("what if she laughs at me when I tell her")
    True
    >>> looks_english("Tengo miedo de que mi familia no me entienda")
    False
    >>> looks_english("ok")
    True
    """
    words = text[:CHEAP_TEST_CHARS].lower().split()
    if len(words) < MIN_WORDS:
        return True
    return len(_ENGLISH_WORDS.intersection(words)) >= (2 if len(words) >= 6 else 1)


def not_english(texts: Iterable[str]) -> list[str | None]:
    """For each text, the ISO 639-1 code of its language when it is confidently not English, else None.

    Examples
    --------
    >>> not_english(["what if she laughs at me", "Ich habe Angst, dass sie mich auslacht, wenn ich es ihr sage."])
    [None, 'de']
    """
    found: list[str | None] = []
    for text in texts:
        if looks_english(text):
            found.append(None)
            continue
        language, confidence = _get_identifier().classify(text[:IDENTIFY_CHARS])
        found.append(language if language != "en" and confidence >= MIN_CONFIDENCE else None)
    return found


def language_warning(code: str) -> str:
    """The ``warning`` of a row whose text is not English.

    Examples
    --------
    >>> language_warning("de")
    'not English: de'
    """
    return f"not English: {code}"
