"""Given names of the world's naming traditions as people type them in Latin letters: "Faisal", "Suraj", "Davit".

The name gazetteer comes from Faker's Latin-script locales, which hold few of
the names of Arabic, Persian, Turkic, South and Southeast Asian, African,
Caucasian, Pacific and many European traditions as they are romanised. The
lists in ``data/romanised_names/`` were written for the project from general
knowledge, one per group of traditions; they leave out names that are also
everyday words of English or of their own language, kin words and honorifics.
A listed name counts as a listed first name: the usual rules of case and
context still decide (a name that is also an English word needs a cue).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .common_words import languages_of
from .tokens import fold


@lru_cache(maxsize=1)
def romanised_names() -> frozenset[str]:
    """Folded names of all the lists.

    Examples
    --------
    >>> "faisal" in romanised_names() or not romanised_names()
    True
    """
    folder = resources.files("toolkit.anonymize").joinpath("data/romanised_names")
    if not folder.is_dir():
        return frozenset()
    # Compound names ("María José", "Ka Wai") stay in the lists for readers but are not read: the rules look at
    # one word at a time. A name that is a common word of another language ("Ako", "Oko", "Vy") is left out:
    # the gazetteer's names may be such words too, these lists' names need not be.
    names = {fold(line.strip()) for entry in folder.iterdir() if entry.name.endswith(".txt")
             for line in entry.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#") and " " not in line.strip()}
    return frozenset(name for name in names if not languages_of(name))
