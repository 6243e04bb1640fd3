"""Ages stated with the word for "years old" of about 140 languages: "24 taona", "27 vjeç", "28 aharu", "umur 24".

The list ``data/age_words.tsv`` was written for the project from general
knowledge: per language, the words that state an age right after a number
(or right before it), and whether the word is also the usual way to say a
duration ("3 años" can be a time span). A word that states an age counts
beside any number; a word that also says durations counts only in apposition
to a person ("Aminata, 34 ans,") or as a sentence of its own ("29 ans.").
English (read by the English rules) and short Latin words that are words
elsewhere too ("ben", "sal", "an", "at") are left out. Only the number is an
AGE span, as the PII spec asks.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .ages_in_context import age_clause_goes_on, subject_ends_at
from .entities import Entity

_NUMBER = re.compile(r"(?<![\w.,:/-])([1-9]\d?|1[01]\d)(?![\d:.,/%]\d|\d)")
_WORD = re.compile(r"[^\W\d_]+|\d")
# Short romanised words that are words of other languages or of English too.
_TOO_SHORT = 3
_AMBIGUOUS = frozenset("ben bat sal let god at an san tau sana 3am age krismas".split())


@lru_cache(maxsize=1)
def _phrases() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """First word -> age phrases after a number, the same for words that also say durations ("taona", "ans"),
    and last word -> age phrases before a number."""
    path = resources.files("toolkit.anonymize").joinpath("data/age_words.tsv")
    after: dict[str, set[str]] = {}
    after_duration: dict[str, set[str]] = {}
    before: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        language, position, phrase, *rest = line.split("\t")
        phrase = phrase.strip().lower()
        duration = bool(rest) and rest[0].strip() == "duration"
        if language == "English" or phrase in _AMBIGUOUS:
            continue
        if phrase.isascii() and len(phrase.replace(" ", "")) <= _TOO_SHORT and not (duration and position == "after"):
            continue  # ("ans", "ani", "sna" are kept for the apposition and own-sentence readings below)
        words = _WORD.findall(phrase)
        if not words:
            continue
        if position == "after":
            (after_duration if duration else after).setdefault(words[0], set()).add(phrase)
        elif position == "before" and not duration:
            before.setdefault(words[-1], set()).add(phrase)
    return _longest_first(after), _longest_first(after_duration), _longest_first(before)


def _longest_first(phrases: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
    """Each word's phrases, longest first, so that "anos de idade" is tried before "anos"."""
    return {word: tuple(sorted(group, key=len, reverse=True)) for word, group in phrases.items()}


def _phrase_at(rest: str, phrases: tuple[str, ...]) -> str:
    return next((p for p in phrases if rest.startswith(p) and not rest[len(p) : len(p) + 1].isalnum()), "")


# A capitalised word or a name-like word, a comma, the number: "Miora, 24", "Amoin, 86", "Grand-mère, 91".
_APPOSITION = re.compile(r"(?-i:[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω])[^\W\d_'’-]*(?:-[^\W\d_]+)?,[ \t]*$")
_SENTENCE_START = re.compile(r"(?:^|[.!?:\n][ \t]*|^[ \t]*)$")
_CLAUSE_END = re.compile(r"[ \t]*(?:[.,;!?)\n]|$)")
_DURATION_BEFORE = re.compile(r"(?<!\w)(?:for|since|ago|hace|desde|durante|depuis|pendant|il\s+y\s+a|há|faz|ya|za|od|"
                              r"seit|vor|sejak|selama|mbere|kwa|tangu)[ \t]*$", re.IGNORECASE)


# Romance languages state an age with "have" or "turn" and the years word that also says durations: "elle a
# maintenant 6 ans", "ho 31 anni", "teño 67 anos", "ha compiuto 74 anni"; or with a person and "of": "una dona de
# 38 anys", "un homme de 40 ans". ("il y a 5 ans", 5 years ago, is ruled out by _DURATION_BEFORE; the clause must
# end or go on with "and" after the years word: not "ho 5 anni di esperienza".) Asturian, Serbo-Croatian and
# Arabic say it with "have" too: "tien 87 años y", "Имам 27 година,", "عندي 24 سنة،".
_HAVE_OR_TURN = re.compile(
    r"(?:\b(?:il|elle|on|qui)\s+a|(?<!\w)(?:j'ai|j’ai|jai|t'as|t’as|tu\s+as|ils\s+ont|elles\s+ont|ho|hai|ha|hanno|"
    r"tengo|tienes|tiene|tenía|tenia|tenho|tens|tem|tinha|tinc|té|teño|tes|tiña|cumplí|cumplió|cumple|cumplo|"
    r"compiuto|compie|compio|fixen|fixo|tien|имам|имаш|има|imam|imaš|ima|عندي|عنده|عندها|عندك))"
    r"(?:\s+(?:maintenant|déjà|presque|bientôt|juste|seulement|ya|ora|già|"
    r"quasi|solo|já|quase|só|ja|gairebé|xa|case))?[ \t]*$", re.IGNORECASE)
_PERSON_OF = re.compile(
    r"(?<!\w)(?:home|dona|noi|noia|hombre|mujer|chico|chica|señor|señora|homme|femme|fille|garçon|gars|mec|uomo|"
    r"donna|ragazzo|ragazza|signore|signora|homem|mulher|rapaz|moça|menino|menina|senhor|senhora)\s+(?:de|di|d')"
    r"[ \t]*$", re.IGNORECASE)
# A name, then the age in brackets: "Anghjulina (5 ans, ...", "Tomás (3 anos)".
_BRACKETED_AFTER_NAME = re.compile(r"(?-i:[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω])[^\W\d_'’-]*[ \t]*\([ \t]*$")


def ages_by_listed_words(text: str) -> list[Entity]:
    """AGE spans of numbers with a listed age word right after or before them.

    Examples
    --------
    >>> [e.text for e in ages_by_listed_words("Miora, 24 taona ianao. Jam 27 vjeç, nga Prishtina")]
    ['24', '27']
    >>> ages_by_listed_words("we waited 24 hours for 3 buses")
    []
    """
    after, after_duration, before = _phrases()
    found = []
    lower = None
    for m in _NUMBER.finditer(text):
        lower = text.lower() if lower is None else lower
        start, end = m.start(1), m.end(1)
        rest = lower[end : end + 40].lstrip(" \t-")
        first = _WORD.match(rest)
        if first is not None:
            if _phrase_at(rest, after.get(first.group(), ())):
                found.append(Entity(start, end, "AGE", m.group(1)))
                continue
            # A word that also says durations ("24 taona", "86 ans") counts only in apposition to a person
            # ("Miora, 24 taona", "mamie Amoin, 86 ans,"), as a sentence of its own ("29 ans.") or after a subject
            # that states ages ("Jag är 26 år", "awak 28 tahun").
            phrase = _phrase_at(rest, after_duration.get(first.group(), ()))
            phrase_end = end + len(lower[end : end + 40]) - len(rest) + len(phrase)
            if phrase and (_APPOSITION.search(text, max(0, start - 40), start)
                           or (_SENTENCE_START.search(text, max(0, start - 3), start)
                               and _CLAUSE_END.match(rest, len(phrase)))
                           or _BRACKETED_AFTER_NAME.search(text, max(0, start - 40), start)
                           or _stated_with_a_verb(text, start, phrase_end, int(m.group(1)))) \
                    and not _DURATION_BEFORE.search(text, max(0, start - 14), start):
                found.append(Entity(start, end, "AGE", m.group(1)))
                continue
        head = lower[max(0, start - 40) : start].rstrip(" \t:-")
        last = re.search(r"(?:[^\W\d_]+|\d)$", head)
        if last is not None and any(head.endswith(p) and not head[-len(p) - 1 : -len(p)].isalnum()
                                    and _CLAUSE_END.match(lower, end) for p in before.get(last.group(), ())):
            found.append(Entity(start, end, "AGE", m.group(1)))
    return found


def _stated_with_a_verb(text: str, start: int, after: int, age: int) -> bool:
    """An age with a years word that also says durations, after a subject that states ages ("Jag är 26 år"), a
    Romance "have" or "turn" ("elle a 6 ans") or a person and "of" ("una dona de 38 anys"), its clause ending or
    going on with "and" after the years word (which ends at *after*)."""
    head_start = max(0, start - 40)
    return (_HAVE_OR_TURN.search(text, head_start, start) is not None
            or _PERSON_OF.search(text, head_start, start) is not None
            or (age >= 13 and subject_ends_at(text, start))) and age_clause_goes_on(text, after)
