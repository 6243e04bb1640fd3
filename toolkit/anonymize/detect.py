"""find_entities: every kind of personal data in one text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..text import PLACEHOLDER
from .arabic_names import ARABIC_LETTERS, arabic_names_in_context, known_arabic
from .bare_numbers import find_bare_numbers
from .entities import Entity, SpanSet, covered_spans, parse_entity_types, resolve_overlaps
from .names import find_names, fold, gazetteer, is_place, is_word, same_answers
from .nicknames import name_variants
from .number_words import ages_in_number_words, has_number_word
from .patterns import AGE_AFTER_PERSON, find_ages, find_patterns
from .script_names import (
    UNSPACED_RUN,
    ah_names,
    before_japanese_honorific,
    family_before_title,
    known_in_unspaced,
    named_in_chinese,
    unspaced_known,
    unspaced_names,
)
from .tokens import split_words

_KANA = re.compile(r"[\u3040-\u30ff]")


def find_entities(text: str, *, keep: Iterable[str] | str = (), known_names: Iterable[str] = (),
                  log: list | None = None) -> list[Entity]:
    """Personal data in *text*, as non-overlapping entities in text order.

    Parameters
    ----------
    text : str
        One text; placeholders such as ``[PERSON_1]`` left by an earlier run
        are never reported.
    keep : iterable of str
        Entity types to leave alone (for example ``("AGE",)``).
    known_names : iterable of str
        Folded names already found in the same client's or conversation's
        texts; they count as names here too, and so do their nicknames and
        pet forms ("dre" once "Andre" is known, "Jakey" once "Jake" is).
    log : list, optional
        Receives every question asked of *known_names*; :func:`same_findings` then tells, without detecting
        again, whether other known names would give the same result.

    Examples
    --------
    >>> text = "ok so Jake texted me from jake.m@example.com, call 07700 900123"
    >>> [(e.type, text[e.start:e.end]) for e in find_entities(text)]
    [('PERSON', 'Jake'), ('EMAIL', 'jake.m@example.com'), ('PHONE', '07700 900123')]
    >>> [e.type for e in find_entities(text, keep=["PHONE"])]
    ['PERSON', 'EMAIL']
    """
    kept_types = parse_entity_types(keep) if keep else frozenset()
    if not text:
        return []
    parts = split_words(text)
    base = known_names if isinstance(known_names, frozenset) else frozenset(known_names)
    candidates = find_patterns(text, is_word, parts) + find_names(text, _with_variants(base), parts, base, log)
    if _CODE_HINT.search(text):
        candidates += _codes_beside_places(text)
    candidates += unspaced_names(text)
    unspaced = UNSPACED_RUN.search(text) is not None
    if base and unspaced:
        known = unspaced_known(base)
        if log is not None:
            log.append(("unspaced", "", known))
        candidates += known_in_unspaced(text, known)
    if "叫" in text:
        candidates += named_in_chinese(text)
    if "阿" in text:
        candidates += ah_names(text)
    if unspaced:
        candidates += family_before_title(text)
        if _KANA.search(text):
            candidates += before_japanese_honorific(text)
    if ARABIC_LETTERS.search(text):
        known = known_arabic(base)
        if log is not None:
            log.append(("arabic", "", known))
        candidates += arabic_names_in_context(text, known)
    if ":" in text and "\n" in text:
        candidates += _speakers_with_a_digit(text)
    if has_number_word(parts):
        candidates = _with_number_word_ages(text, candidates)
    placeholders = SpanSet((m.start(), m.end()) for m in PLACEHOLDER.finditer(text))
    candidates = [e for e in candidates if not placeholders.overlaps(e.start, e.end)]
    entities = resolve_overlaps(candidates)
    if "," in text:
        entities = _ages_after_names(text, entities)
    if any(e.type == "AGE" for e in entities):
        entities = _ages_beside_ages(text, entities)
    if _SIX_DIGITS.search(text):
        entities = sorted(entities + find_bare_numbers(text, covered_spans(candidates), placeholders))
    if any(e.type in _ADDRESS_PARTS for e in entities):
        entities = _drop_towns(text, entities)
    return [e for e in entities if e.type not in kept_types]


def _ages_after_names(text: str, entities: list[Entity]) -> list[Entity]:
    """*entities* with the ages written in apposition right after a found name ("Hiwot, thirty-one, still here")."""
    ages = []
    for entity in entities:
        if entity.type == "PERSON" and text.startswith(",", entity.end):
            m = AGE_AFTER_PERSON.match(text, entity.end)
            if m is not None:
                ages.append(Entity(m.start("age"), m.end("age"), "AGE", m.group("age")))
    if not ages:
        return entities
    taken = SpanSet((e.start, e.end) for e in entities)
    ages = [a for a in ages if not taken.overlaps(a.start, a.end)]
    return sorted(entities + ages) if ages else entities


def _with_number_word_ages(text: str, candidates: list[Entity]) -> list[Entity]:
    """*candidates* with the ages written as number words of other languages ("miaka kumi na saba"); a name found
    inside such an age ("saba") is part of the number, any other finding keeps its span."""
    ages = ages_in_number_words(text, find_ages)
    if not ages:
        return candidates
    candidates = [e for e in candidates
                  if not (e.type == "PERSON" and any(a.start <= e.start and e.end <= a.end for a in ages))]
    taken = SpanSet((e.start, e.end) for e in candidates if e.type != "AGE")
    return candidates + [a for a in ages if not taken.overlaps(a.start, a.end)]


# A second age set beside a found one, as people compare two ages: "Mateo tiene 30, yo 26.", "ana miaka 32, mimi
# 29.", "waxaan ahay 26 jir, he's 31.": after the age and at most two words (its years word), a comma, one to four
# words without digits (who: a pronoun, a kin word, a name), then a number of 13 to 99 that closes its clause.
_AGE_BESIDE = re.compile(
    r"(?:[ \t]+[^\W\d_]{1,12}){0,2}[ \t]*[,;،，][ \t]*(?:[^\W\d_][^\s\d,;.!?]{0,15}[ \t]+){1,4}"
    r"(?P<age>1[3-9]|[2-9]\d)(?=[ \t]*(?:[.,;!?)\n。！？，]|$))")

# "you are 44, not 14", "tienes 25, no 15": the second number is the age someone does not have.
_NOT_BESIDE = re.compile(r"[,;،，][ \t]*(?:not|no|non|pas|nicht|niet|nie|ne|не|nem|não|nao|ikke|inte|ej|ei|ez|"
                         r"yok|değil|nu|hindi|hapana|sio|لا|нет|ні|niti)[ \t]", re.IGNORECASE)


def _ages_beside_ages(text: str, entities: list[Entity]) -> list[Entity]:
    """*entities* with the ages stated right beside a found age (:data:`_AGE_BESIDE`) and a found age of two
    digits said again within :data:`_REPEAT_REACH` characters ("he said 29. she said '29 and no house?'")."""
    taken = SpanSet((e.start, e.end) for e in entities)
    ages = []
    for entity in entities:
        if entity.type == "AGE":
            m = _AGE_BESIDE.match(text, entity.end)
            if m is not None and not taken.overlaps(m.start("age"), m.end("age")) \
                    and not _NOT_BESIDE.search(text, entity.end, m.start("age")):
                ages.append(Entity(m.start("age"), m.end("age"), "AGE", m.group("age")))
            if len(entity.text) == 2 and entity.text.isdigit():
                for again in _TWO_DIGITS.finditer(text, entity.end, entity.end + _REPEAT_REACH):
                    if again.group() == entity.text and not taken.overlaps(again.start(), again.end()) \
                            and not _COUNTING.match(text, again.end()):
                        ages.append(Entity(again.start(), again.end(), "AGE", again.group()))
    return sorted(set(entities + ages)) if ages else entities


# A number of two digits standing alone: no digit, decimal point, time or date around it, no per cent sign after.
_TWO_DIGITS = re.compile(r"(?<![\d.,:/-])\d{2}(?![\d%]|[.,:/-]\d)")
_REPEAT_REACH = 80
# "I'm 30. It took 30 years", "25 minutes late": the same number counting something else.
_COUNTING = re.compile(r"\s*(?:years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|times|"
                       r"kg|kgs|km|kms|miles?|am|pm|h)\b(?!\s+old)", re.IGNORECASE)


def same_findings(log: list, known_names: Iterable[str]) -> bool:
    """Whether :func:`find_entities` would find the same with *known_names* as when it filled *log*.

    The known names reach the result only through the questions in *log*; the same answers mean the same
    entities (the anonymiser's second pass uses this to skip detecting a text again).

    Examples
    --------
    >>> log = []
    >>> found = find_entities("ok dre", log=log, known_names=["jake"])
    >>> same_findings(log, ["jake", "maria"]), same_findings(log, ["andre"])
    (True, False)
    """
    base = known_names if isinstance(known_names, frozenset) else frozenset(known_names)
    return same_answers(log, _with_variants(base), base)


# A chat speaker written with a digit for a letter, as Arabic chat writes names ("3bood", "7amad", "jun2x"): one
# digit, three letters or more, opening two lines or more of a chat with two speakers or more. A name with digits
# at its end ("rainyday0312:") is a user name, a HANDLE, and left to the handle rules.
_DIGIT_SPEAKER = re.compile(r"(?m)^[ \t]*([^\W\d_]*\d[^\W\d_]+)[ \t]*:(?=[ \t])")
_ANY_SPEAKER = re.compile(r"(?m)^[ \t]*([^\s:]{2,24})[ \t]*:(?=[ \t])")


def _speakers_with_a_digit(text: str) -> list[Entity]:
    found = list(_DIGIT_SPEAKER.finditer(text))
    if not found or len({m.group(1).casefold() for m in _ANY_SPEAKER.finditer(text)}) < 2:
        return []
    counts: dict[str, int] = {}
    for m in found:
        counts[m.group(1).casefold()] = counts.get(m.group(1).casefold(), 0) + 1
    return [Entity(m.start(1), m.end(1), "PERSON", m.group(1)) for m in found
            if counts[m.group(1).casefold()] >= 2 and sum(ch.isalpha() for ch in m.group(1)) >= 3]


_SIX_DIGITS = re.compile(r"\d(?:\D{0,2}\d){5}")


_ADDRESS_PARTS = frozenset({"POSTCODE", "ADDRESS"})
_VARIANTS: dict[frozenset[str], frozenset[str]] = {}


def _with_variants(names: frozenset[str]) -> frozenset[str]:
    """*names* with their nicknames and pet forms; kept for the group's next texts, which mostly know the same names."""
    if not names:
        return names
    found = _VARIANTS.get(names)
    if found is None:
        if len(_VARIANTS) > 64:
            _VARIANTS.clear()
        found = _VARIANTS[names] = names.union(*(name_variants(name) for name in names))
    return found
_CODE_HINT = re.compile(r"\d\d(?:\d\d|-\d{3})|\d{3} \d{3}")
# A town and its code: "Berlin 10115", "Mumbai - 400001", "75011 Paris", "1012 AB Amsterdam".
# "Hyderabad 500034", "Gachibowli, 500 032" (India's six-digit PIN code, maybe written 3+3).
_PLACE_THEN_CODE = re.compile(r"(?=[A-ZÀ-Ý])\b([A-ZÀ-Ý][a-zà-ÿ]+)\s*(?:-\s*)?(\d{5,6})\b(?![.,:/-]\d)")
_SPACED_PIN = re.compile(r"[1-8]\d\d \d{3}")
_DIGIT_BEFORE = re.compile(r"\d ?$")
_DIGIT_AFTER = re.compile(r" ?\d|[.,:/-]\d")
_PLACE_BEFORE_PIN = re.compile(r"\b([A-ZÀ-Ý][a-zà-ÿ]+),?[ \t]*$")
# "living in Brunswick (3056)", "l'association de Mamoudzou (97600)": a code in brackets after a place named with
# a place preposition of English or a Romance language.
_BRACKETED_CODE = re.compile(r"\((?!(?:19|20)\d\d\))(\d{4,6})\)")
_PLACE_BEFORE_BRACKET = re.compile(r"(?:\b(?:in|at|from|near|to|de|à|en|em|di|da|du|a)\s+|\bd['’])"
                                   r"((?-i:[A-ZÀ-Ý][a-zà-ÿ]+))\s*$", re.IGNORECASE)
_CODE_THEN_PLACE = re.compile(r"(?=\d)(?<![\w.,:/-])(\d{5}|[1-9]\d{3} ?[A-Z]{2}|\d{4}-\d{3}|\d{2}-\d{3}|"
                              r"(?!(?:19|20)\d\d)(?P<four>[1-9]\d{3}))\s+([A-ZÀ-Ý][a-zà-ÿ]+)\b(?![.,:/-]\d)")


def _town_like(key: str) -> bool:
    """A place of the shipped lists, or a word that is neither an English word nor a first name."""
    return is_place(key) or not (is_word(key) or "F" in gazetteer().get(key, ""))


def _codes_beside_places(text: str) -> list[Entity]:
    """Postcodes written beside a town without any address around: after a place of the shipped lists or a
    capitalised word that is neither an English word nor a first name, or before any capitalised non-word
    (four digits alone only before a listed place)."""
    found = []
    for m in _PLACE_THEN_CODE.finditer(text):
        key = fold(m.group(1))
        if _town_like(key):
            found.append(Entity(m.start(2), m.end(2), "POSTCODE", m.group(2)))
    # India's PIN code written 3+3 after a town ("Gachibowli, 500 032"), a code in brackets after a place.
    for regex, before in ((_SPACED_PIN, _PLACE_BEFORE_PIN), (_BRACKETED_CODE, _PLACE_BEFORE_BRACKET)):
        for m in regex.finditer(text):
            if regex is _SPACED_PIN and (_DIGIT_BEFORE.search(text, max(0, m.start() - 2), m.start())
                                         or _DIGIT_AFTER.match(text, m.end(), m.end() + 2)):
                continue  # part of a longer number
            place = before.search(text, max(0, m.start() - 30), m.start())
            key = fold(place.group(1)) if place else ""
            if key and _town_like(key):
                group = 1 if regex is _BRACKETED_CODE else 0
                found.append(Entity(m.start(group), m.end(group), "POSTCODE", m.group(group)))
    for m in _CODE_THEN_PLACE.finditer(text):  # nobody writes "75011 Jake": any capitalised non-word will do
        # Four digits alone ("1010 Wien", "8004 Zürich") only before a known place, after a comma or a place
        # preposition or on a line of their own with it: "8000 Instagram followers" is a count.
        if m.group("four"):
            if (_PLACE_GAP_BEFORE.search(text, max(0, m.start() - 8), m.start())
                    or _LINE_START_BEFORE.search(text, max(0, m.start() - 2), m.start())
                    and _TOWN_CLOSES.match(text, m.end())) and is_place(fold(m.group(3))):
                found.append(Entity(m.start(1), m.end(1), "POSTCODE", m.group(1)))
            continue
        key = fold(m.group(3))
        if is_place(key) or not is_word(key):
            found.append(Entity(m.start(1), m.end(1), "POSTCODE", m.group(1)))
    return found
_PLACE_GAP_BEFORE = re.compile(r"(?:,|\b(?:in|to|near|at|from|address|addy)\b:?)\s*$", re.IGNORECASE)
_LINE_START_BEFORE = re.compile(r"(?:^|\n)[ \t]*$")
_TOWN_CLOSES = re.compile(r"[ \t]*(?:$|[,.;)\n])")
_TOWN_GAP = re.compile(r"[ \t]*(?:,|-)?[ \t]*")


def _drop_towns(text: str, entities: list[Entity]) -> list[Entity]:
    """A capitalised word beside a postcode or right after a street address is its town, not a person
    ("Hyderabad 500034", "80802 München", "Road No. 12, Banjara Hills")."""
    kept = []
    for k, entity in enumerate(entities):
        if entity.type == "PERSON":
            before = entities[k - 1] if k else None
            after = entities[k + 1] if k + 1 < len(entities) else None
            if (after is not None and after.type == "POSTCODE" and _TOWN_GAP.fullmatch(text, entity.end, after.start)) \
                    or (before is not None and before.type in _ADDRESS_PARTS
                        and _TOWN_GAP.fullmatch(text, before.end, entity.start)):
                continue
        kept.append(entity)
    return kept
