"""Common words of other languages: the Spanish "pero", the French "Elle", the Indonesian "udah".

Someone somewhere bears almost any short word as a name, so the name lists
hold many everyday words of other languages, and in a text that mixes
English with another language those words were read as names. The lists in
``data/common_words/<language>.txt`` were written for the project, one per
language, from general knowledge of the language; they leave out words that
are commonly also names. :meth:`toolkit.anonymize.names` uses them only with
the text's own evidence: a listed word is taken for an ordinary word when
other words of the same language stand beside it in the text.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .tokens import fold

# Other words of the word's language a text needs before the word counts as one of that language's words.
EVIDENCE_WORDS = 2


@lru_cache(maxsize=1)
def common_words() -> dict[str, frozenset[str]]:
    """Folded word -> the codes of the languages whose list holds it.

    Examples
    --------
    >>> sorted(common_words()["pero"])  # Spanish and Tagalog "pero", Catalan and Italian "però"
    ['ca', 'es', 'it', 'tl']
    """
    languages: dict[str, set[str]] = {}
    folder = resources.files("toolkit.anonymize").joinpath("data/common_words")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".txt"):
            continue
        code = entry.name[:-4]
        for line in entry.read_text(encoding="utf-8").splitlines():
            word = line.strip()
            if word and not word.startswith("#"):
                languages.setdefault(fold(word), set()).add(code)
    shared: dict[frozenset[str], frozenset[str]] = {}
    return {word: shared.setdefault(frozenset(codes), frozenset(codes)) for word, codes in languages.items()}


def languages_of(key: str) -> frozenset[str]:
    """The languages in which the folded word *key* is a common word (empty when none)."""
    return common_words().get(key, frozenset())


@lru_cache(maxsize=1)
def listed_languages() -> frozenset[str]:
    """The codes of the languages that have a common-word list."""
    return frozenset(code for codes in common_words().values() for code in codes)
