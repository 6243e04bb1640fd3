"""Addresses read from their shape: comma-separated parts with a house number, then a postcode.

The street words of every language cannot all be listed ("Σόλωνος 74",
"Údolní 512/37", "Bulevar oslobođenja 46, stan 9"), but an address written on one
line has the same shape everywhere: a part with a house number, maybe a flat
and a district, then a postcode, maybe beside its town ("…, 602 00 Brno",
"…, Rīga, LV-1001", "…, Cerro, 12000, La Habana"). A code counts only when
one of the parts before it holds a house number beside a word that is no
English word, month or weekday ("Week 3, day 4, 2500", "March 14, 2022" are
no addresses; English addresses are the street-word rules' task); the parts
from the house number to the code are the address (a town written before the
code belongs to it, one written after stays, as the PII spec says), and a
first name after a code is a person, not a town ("Tuesday 14, 2300 Jake").
"""

from __future__ import annotations

import re

from .entities import Entity
from .names import dictionary, gazetteer, is_place
from .tokens import fold
from .wordlists import DAYS, MONTHS

# A postcode: "602 00", "1504", "110410", "LV-1001", "AZ1010", "HT6140", "MD-2071", "ZBG 1304".
_CODE = re.compile(
    r"(?=[\dA-Z])(?<![\w./:#№-])(?<!\d[ .])(?:\d{3} \d{2}|\d{4,6}|[A-Z]{1,2}-?\d{3,6}|[A-Z]{3} \d{4})"
    r"(?![\w/-]|[.,:]\d| ?%| \d)"
)
# A house number in a part: a number of one to four digits, maybe with a letter or a flat after a slash or
# dash ("47B", "512/37", "53-7"), beside a word of any script.
_HOUSE_NUMBER = re.compile(r"(?<![\w.,:/-])\d{1,4}(?:[^\W\d_]|/\d{1,4}[A-Za-z]?|-\d{1,3}[A-Za-z]?)?(?![\w/-]|[.:]\d)")
_WORD = re.compile(r"[^\W\d_]")
# Where the address may start at the latest: a sentence stop (not the dot of a short abbreviation such as
# "ul.", "д.", "No."), a line break, a colon, a bracket or a quote.
_OPENING = re.compile(r"(?:[\w)\]]{4,}[.!?]|[!?\n:;(\"“„«]|\s-\s|\s—\s)\s*")
_PART_SEPARATOR = re.compile(r"\s*[,،，]\s*")
# After the code: the end, a stop, a comma or bracket, or a capitalised (or uncased) town.
_AFTER_CODE = re.compile(r"\s*(?:$|[.,;:!?)\]\n]|(?![a-z])[^\W\d_])")
_TOKEN = re.compile(r"\S+")
# Words of the sentence that may stand before the address in its first part: "at", "to", "is", "en", "a".
_LEADING_FUNCTION_WORD = re.compile(r"(?:[a-z]{1,4}|[A-Z][a-z]?'?s?|He's|She's|It's|I'm)")
_MAX_PARTS = 6
# A code written first opens a line, follows a colon, a comma or a bracket, and is followed by a comma or bracket.
_CODE_FIRST_BEFORE = re.compile(r"(?:^|[:(,،，]|\n)[ \t]*$")
_CODE_FIRST_AFTER = re.compile(r"[)]?[ \t]*[,،，)]?[ \t]+")
_STOP_AFTER = re.compile(r"\n|[!?]|(?<=[^\W\d_]{4})\.(?:\s|$)")
_YEAR = re.compile(r"(?:19|20)\d\d")
_COMMA_BEFORE = re.compile(r"[,،，]\s*$")
# The town right before a code: a capitalised word, or a word of a script without capitals ("Bakı AZ1010").
_TOWN_BEFORE = re.compile(r"(?:(?-i:[A-ZÀ-ÞĀ-ſА-ЯЁΑ-Ω])[^\W\d_]*|[^\W\d_a-zà-ÿа-яёα-ω]+)[.)]?\s+$")
# A word of running text: lower case in a cased script, no abbreviation dot ("с 30 декабря", not "ул. 5").
_PLAIN_LOWER = re.compile(r"[a-zà-ÿāčćđēģīķļņōŗšūžа-яёα-ωά-ώ]+")
_NOT_ADDRESS_PART = re.compile(r"\+\d|\d{5}|\d[./-]\d+[./-]\d|@")
# An ordinal or a number with its ending: "14th", "3ος", "26-р", "3-qavat" is no second code.
_ORDINAL = re.compile(r"\d+(?:[º°ª]|-?[^\W\d_]{1,6}\b)")
_MAX_PART = 45
_MAX_WORDS = 5


def find_address_lines(text: str) -> list[Entity]:
    """POSTCODE and ADDRESS spans of addresses written as comma-separated parts before a postcode.

    Examples
    --------
    >>> text = "my address: Údolní 512/37, byt č. 8, 602 00 Brno. Come"
    >>> [(e.type, e.text) for e in find_address_lines(text)]
    [('ADDRESS', 'Údolní 512/37, byt č. 8'), ('POSTCODE', '602 00')]
    >>> find_address_lines("we walked 10, 12, 15000 steps")
    []
    """
    found: list[Entity] = []
    for m in _CODE.finditer(text):
        if _CODE_FIRST_BEFORE.search(text, max(0, m.start() - 3), m.start()) and not _YEAR.fullmatch(m.group()):
            after_code = _address_after(text, m)
            if after_code is not None:
                found.append(Entity(m.start(), m.end(), "POSTCODE", m.group()))
                found.append(Entity(*after_code, "ADDRESS", text[after_code[0] : after_code[1]]))
                continue
        after = _AFTER_CODE.match(text, m.end())
        town_before = _TOWN_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if not after and not town_before:
            continue
        # A year is a code only between a comma and its town ("…, 2000 Maribor"), not "born 2 March 1966, …".
        comma_before = _COMMA_BEFORE.search(text, max(0, m.start() - 3), m.start())
        if _YEAR.fullmatch(m.group()) and not (comma_before and after and after.group().strip()[:1].isalpha()):
            continue
        if not (comma_before or town_before) or _first_name_after(text, m.end()):
            continue
        start = _address_start(text, m.start())
        if start is None:
            continue
        end = len(text[:m.start()].rstrip().rstrip(",،，-").rstrip())
        found.append(Entity(start, end, "ADDRESS", text[start:end]))
        found.append(Entity(m.start(), m.end(), "POSTCODE", m.group()))
    return found


# Street and house words that English has too ("gate" in Oslo, "rue" in Paris, "Na." in Moshi).
_STREET_WORDS = frozenset("""gate rue via na nr no road rd street st avenue ave lane drive close way place court
terrace crescent square boulevard flat apt house block lot plot section villa unit suite""".split())


def _english_word(token: str) -> bool:
    key = token.strip(".,;:()").lower()
    return key.isalpha() and key in dictionary() and key not in _STREET_WORDS


def _street_like(words: list[re.Match], i: int) -> bool:
    """Whether the number at *words[i]* stands beside a word that can name a street: the word before it (else
    the one after) is no English word, month or weekday ("Údolní 512/37", "д. 18/2"; not "Week 3", "May 3")."""
    beside = words[i - 1].group() if i > 0 else (words[i + 1].group() if i + 1 < len(words) else "")
    word = beside.strip(".,;:()")
    key = fold(word)
    # Capitals alone ("GB", "KJV") are units and abbreviations, not street names.
    return bool(key) and not key.isdigit() and key not in MONTHS and key not in DAYS and not _english_word(beside) \
        and not (word.isupper() and word.isascii())


# A first name then a lower-case word ("2300 Jake texted"), not a town of two words ("21000 Novi Sad").
_NAME_AFTER = re.compile(r"[ \t]+([A-Z][a-z]+)[ \t]+[a-z]")


def _first_name_after(text: str, end: int) -> bool:
    """A listed first name that is no place right after the code: a person, not the code's town."""
    m = _NAME_AFTER.match(text, end)
    if m is None:
        return False
    key = fold(m.group(1))
    return "F" in gazetteer().get(key, "") and not is_place(key)


def _address_after(text: str, code: re.Match) -> tuple[int, int] | None:
    """The address after a code written first ("220040, г. Мінск, вул. Някрасава, д. 31", "(48084) 부산 … 433"):
    the span from the first part with a house number to the last of the run, or None."""
    if not _CODE_FIRST_AFTER.match(text, code.end()):
        return None
    stop = _STOP_AFTER.search(text, code.end(), code.end() + 120)
    segment_start = code.end()
    segment = text[segment_start : stop.start() if stop else min(len(text), code.end() + 120)]
    first = last = None
    offset = 0
    for part in _PART_SEPARATOR.split(segment)[:_MAX_PARTS]:
        part_start = segment.index(part, offset) if part else offset
        offset = part_start + len(part)
        words = list(_TOKEN.finditer(part))
        if _NOT_ADDRESS_PART.search(part) or len(part) > _MAX_PART or len(words) > _MAX_WORDS:
            break
        numbered = [i for i, w in enumerate(words) if _HOUSE_NUMBER.fullmatch(w.group().rstrip(".,"))
                    and _street_like(words, i)]
        if numbered and _WORD.search(part):
            if first is None:
                first = segment_start + part_start + words[max(0, numbered[0] - 3)].start()
            number = words[numbered[-1]]
            last = segment_start + part_start + number.start() + len(number.group().rstrip(".,)"))
        elif first is not None:
            break
    return (first, last) if first is not None else None


def _address_start(text: str, code_start: int) -> int | None:
    """The start of the address before a code at *code_start*, or None when no part with a house number comes
    in the parts before it."""
    window_start = max(0, code_start - 200)
    opening_end = window_start
    for o in _OPENING.finditer(text, window_start, code_start):
        opening_end = o.end()
    segment = text[opening_end:code_start]
    if not segment.strip():
        return None
    # The parts, right to left: the last may hold the town before the code ("Galway", with no comma).
    bounds = []
    end = len(segment)
    for sep in reversed(list(_PART_SEPARATOR.finditer(segment))):
        bounds.append((sep.end(), end))
        end = sep.start()
    bounds.append((0, end))
    leftmost = None
    for k, (a, b) in enumerate(bounds[:_MAX_PARTS]):
        part = segment[a:b]
        if not part.strip():
            if k == 0:
                continue
            break
        words = list(_TOKEN.finditer(part))
        house_numbers = [i for i, w in enumerate(words) if _HOUSE_NUMBER.fullmatch(w.group())
                         and not (i > 0 and _PLAIN_LOWER.fullmatch(words[i - 1].group())
                                  and i + 1 < len(words) and _PLAIN_LOWER.fullmatch(words[i + 1].group()))]
        # Only a number beside a street-like word anchors the address; "stan 9" may follow one.
        numbered = [i for i in house_numbers if _street_like(words, i)]
        if _NOT_ADDRESS_PART.search(part) or sum(ch.isdigit() for ch in part) > 7:
            break  # a phone, a date or an ID number is no part of an address
        if house_numbers and not numbered and len(words) <= _MAX_WORDS and len(part) <= _MAX_PART:
            continue
        if numbered and _WORD.search(part):
            leftmost = (a, words, numbered[-1])
            if len(words) > _MAX_WORDS or len(part) > _MAX_PART:
                break  # the part carries words of the sentence before the address
        elif len(part) > _MAX_PART or len(words) > _MAX_WORDS or any(ch.isdigit() for ch in _ORDINAL.sub("", part)):
            break
    if leftmost is None:
        return None
    a, words, number = leftmost
    first = max(0, number - 3)
    while first < number and (_LEADING_FUNCTION_WORD.fullmatch(words[first].group())
                              or _english_word(words[first].group())):
        first += 1
    start = opening_end + a + words[first].start()
    return start
