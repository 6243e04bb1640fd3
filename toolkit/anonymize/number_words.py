"""Ages written as number words of many languages: "tenía quince.", "ana miaka kumi na saba".

The age rules read digits ("tenía 15.", "miaka 17") in about 130
languages. Here each number word of ``data/number_words.tsv`` (1 to 99 in the
languages of the age tables, written for the project by helpers from general
knowledge, see ``data/NOTICE.md``) is replaced by its digits in a copy of
the text ("tenía 15."), and the age rules read the copy. An age they find
on a replaced word is the whole number word of the original text. Only AGE is
read this way, so a number word is never any other kind of data.

Left out: English (the English rules read its number words), forms that begin
with a common English word or a word of three Latin letters or fewer, and numbers
under 13, which with a years word say how long more often than how old
("dvije godine"). A capitalised form counts only where a sentence begins
("Treinta años y..."); inside one it is more likely a name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .entities import Entity

_TOO_SHORT = 3
# Small numbers with a years word are durations more often than ages ("dvije godine", "two years"): read from 13.
_YOUNGEST = 13
_JOINERS = re.compile(r"[-'’]")
_SENTENCE_START = re.compile(r"(?:^|[.!?…\n]\s*|[\"'“«¿¡(]\s*)$")


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[tuple[str, ...], ...]], dict[tuple[str, ...], int]]:
    """First word -> the forms that begin with it (as word tuples, longest first), and form -> value."""
    from .names import vocabulary

    path = resources.files("toolkit.anonymize").joinpath("data", "number_words.tsv")
    common = vocabulary()
    by_first: dict[str, set[tuple[str, ...]]] = {}
    values: dict[tuple[str, ...], int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        language, value, form = line.split("\t")[:3]
        words = tuple(form.lower().split())
        if language == "en" or not words or int(value) < _YOUNGEST:
            continue
        first = _JOINERS.split(words[0], 1)[0]
        if first in common or (first.isascii() and len(first) <= _TOO_SHORT):
            continue  # the word a form begins with is looked up in every text: it must be rare elsewhere
        if values.setdefault(words, int(value)) != int(value):
            values[words] = 0  # one form, two values in two languages: not read
        by_first.setdefault(words[0], set()).add(words)
    return ({first: tuple(sorted(forms, key=len, reverse=True)) for first, forms in by_first.items()},
            {form: value for form, value in values.items() if value})


_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


@lru_cache(maxsize=1)
def _first_pieces() -> frozenset[str]:
    """The first word of every form, and its piece before a hyphen ("vuitanta" of "vuitanta-tres"), lower-cased."""
    return frozenset(piece for first in _table()[0] for piece in (first, _JOINERS.split(first, 1)[0]))


def has_number_word(parts: list[str]) -> bool:
    """Whether any word of ``split_words(text)`` (*parts*) may begin a number word: the cheap test first."""
    pieces = _first_pieces()
    return any(word.lower() in pieces for word in parts[1::2])


def number_words(text: str) -> list[tuple[int, int, int]]:
    """``(start, end, value)`` of each number word of the table in *text* (longest form first).

    Examples
    --------
    >>> [(text[s:e], v) for text in ["cuando teníamos quince, y"] for s, e, v in number_words(text)]
    [('quince', 15)]
    """
    by_first, values = _table()
    words = list(_WORD.finditer(text))
    found = []
    i = 0
    while i < len(words):
        forms = by_first.get(words[i].group().lower(), ())
        for form in forms:
            span = words[i : i + len(form)]
            if len(span) == len(form) and tuple(w.group().lower() for w in span) == form \
                    and all(text[a.end() : b.start()].isspace() for a, b in zip(span, span[1:])) \
                    and form in values:
                first = words[i].group()
                if first[0].isupper() and not first.isupper() \
                        and not _SENTENCE_START.search(text, max(0, words[i].start() - 3), words[i].start()):
                    continue
                found.append((span[0].start(), span[-1].end(), values[form]))
                i += len(form) - 1
                break
        i += 1
    return found


def ages_in_number_words(text: str, find_ages) -> list[Entity]:
    """AGE spans on number words: *find_ages* (a function of a text returning entities) reads a copy of *text*
    with each number word replaced by its digits.

    >>> from toolkit.anonymize.patterns import find_ages
    >>> [e.text for e in ages_in_number_words("Lo gracioso: cuando teníamos quince.", find_ages)]
    ['quince']
    """
    spans = number_words(text)
    if not spans:
        return []
    pieces, replaced, last, length = [], [], 0, 0
    for start, end, value in spans:
        pieces.append(text[last:start])
        length += start - last
        pieces.append(str(value))
        replaced.append((length, length + len(str(value)), start, end))
        length += len(str(value))
        last = end
    pieces.append(text[last:])
    found = {}
    for entity in find_ages("".join(pieces)):
        hit = next((r for r in replaced if r[0] <= entity.start < r[1]), None)
        if entity.type == "AGE" and hit is not None:
            found[hit[2]] = Entity(hit[2], hit[3], "AGE", text[hit[2] : hit[3]])
    return sorted(found.values())
