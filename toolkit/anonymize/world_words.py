"""Kin words, calendar words and place names of many languages: words that stand where a name would.

People write "Mami called", "after Tabaski", "back from Yaoundé" and "u Splitu": a
kin word, a festival and two places in the place of a name. The English lists
(:mod:`toolkit.anonymize.wordlists`) know "Mum", "Easter" and "Leeds"; these
three lists, written for the project by helpers from general knowledge (see
``data/NOTICE.md``), know them in the languages of the common-word lists and
some more:

- ``kin_words.tsv``: kinship and family-address words ("manman", "achan",
  "taata"); like "Mum", never a name on their own, where the text is written
  in a language whose kin word it is (or in a language with no common-word
  list to tell): "Seun" is the Afrikaans for son and a Yoruba name;
- ``calendar_words.tsv``: months, weekdays and festivals ("Loweruka",
  "Tabaski"), and ``places.tsv``: towns, islands, regions and their inflected
  forms ("Bouaké", "Splitu", "Бишкеке"); like "Croydon", a place unless the
  context says person; but not near an address word on its line ("Lot 0412
  Mahabibo"), where the name rules' verdict keeps an address the address
  finder misses redacted. Phrases of several words ("Santa Cruz", "Inti
  Raymi") are never one person's name, again unless near an address word.

Entries marked ``name`` are also given names somewhere ("Nana", "Domingo",
"Florence"), as their writer said or the shipped name lists hold; they are
not read here and stay names, judged by their context as before.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from .tokens import fold


def _rows(name: str) -> list[list[str]]:
    text = resources.files("toolkit.anonymize").joinpath("data", name).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    return [row for row in rows if row[-1] != "name"]


def _single_and_multi(entries) -> tuple[frozenset[str], frozenset[str]]:
    keys = {fold(entry) for entry in entries}
    return frozenset(k for k in keys if " " not in k), frozenset(k for k in keys if " " in k)


@lru_cache(maxsize=1)
def _kin() -> dict[str, frozenset[str]]:
    languages: dict[str, set[str]] = {}
    for code, word, _ in _rows("kin_words.tsv"):
        # Matched on folded words: an accented kin word would also match a name without its accent ("mère", "Mere").
        if " " not in word and fold(word) == word.lower():
            languages.setdefault(fold(word), set()).add(code)
    return {key: frozenset(codes) for key, codes in languages.items()}


def kin_languages(key: str) -> frozenset[str]:
    """The languages of which the folded word *key* is a kin word, never a name on its own in them.

    Examples
    --------
    >>> sorted(kin_languages("taata")), kin_languages("ana")
    (['lg', 'yua'], frozenset())
    """
    return _kin().get(key, frozenset())


@lru_cache(maxsize=1)
def _calendar() -> tuple[frozenset[str], frozenset[str]]:
    return _single_and_multi(row[1] for row in _rows("calendar_words.tsv"))


@lru_cache(maxsize=1)
def calendar_words() -> frozenset[str]:
    """Folded one-word months, weekdays and festivals of many languages ("loweruka", "tabaski"); four Latin
    letters or fewer are left out, as too often a short given name too (Hindi "Joon", June, and Korean Joon)."""
    return frozenset(k for k in _calendar()[0] if len(k) > 4 or not k.isascii())


@lru_cache(maxsize=1)
def _places() -> tuple[frozenset[str], frozenset[str]]:
    return _single_and_multi(row[1] for row in _rows("places.tsv"))


def place_words() -> frozenset[str]:
    """Folded one-word place names of every country, with inflected forms ("bouake", "splitu")."""
    return _places()[0]


@lru_cache(maxsize=1)
def place_and_calendar_phrases() -> frozenset[str]:
    """Folded place and festival names of several words ("santa cruz", "inti raymi"): never one person."""
    return _places()[1] | _calendar()[1]
