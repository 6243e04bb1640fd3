"""Arabic-script given names that are also Arabic words: "أمل" (Amal, "hope"), "حسن" (Hassan, "good").

``data/script_names/ar.txt`` leaves such names out, so that the word is not
taken for a name wherever it stands. ``data/arabic_word_names.txt`` lists them
(written for the project from general knowledge), and they count as names
only where the sentence makes them one:

- after the word for "his / her / my name is", a vocative "يا", a kin word or
  a title ("عمتي شيخة", "بت عمي صفاء", "أبو علي"), or "with" or "at" someone ("مع سند");
- before a verb of saying or a word of descent ("أحلام قالت", "خميس ابن عمي"), or before a family name of
  the "ال…ي" shape ("سالم الرواحي");
- alone between words of a Latin-script sentence ("tell لين before Friday");
- anywhere in a group that already knows the name.

A name so found takes a following "بن"/"بنت" and name, or a family name
of the "ال…ي" shape ("نجاة بن حميدة", "سالم الرواحي").
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .entities import Entity

ARABIC_LETTERS = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff]")
_WORD = re.compile(r"[\u0621-\u064a\u066e-\u06d3\u06fa-\u06ff\u0640]+")
# One-letter prefixes written onto the word: "and", "for", "with", "so".
_PREFIXES = "وللبف"

_BEFORE = frozenset("""
يا اسمها اسمه اسمي اسمو اسمك عمتي عمي عمو خالي خالتي خالو جدي جدتي ستي تيتا أخوي اخوي أخويا اخويا أختي اختي
صاحبتي صاحبي صديقتي صديقي خطيبي خطيبتي زوجي زوجتي مع عند بنت بت ابن ولد أبو ابو أم ام الأستاذ الاستاذ الأستاذة
الاستاذة أستاذ استاذ أستاذة استاذة الدكتور الدكتورة دكتور دكتورة الحاج الحاجة حاج حاجة حجي عمة خالة أخت اخت أخو اخو
""".split())
_AFTER = frozenset("""
قال قالت قالتلي قاللي قالي يقول تقول يقولي تقولي ابن بنت بت راح راحت جا جات جت اتصل اتصلت كتب كتبت بعت بعتت
رسل رسلت حكى حكت حكالي حكتلي سأل سألت سالت ضحك ضحكت بكى بكت يحب تحب تحبني يحبني
""".split())
_DESCENT = frozenset("بن بنت ابن".split())


@lru_cache(maxsize=1)
def arabic_word_names() -> frozenset[str]:
    """The listed names (as written, without the tatweel).

    Examples
    --------
    >>> "أمل" in arabic_word_names()
    True
    """
    path = resources.files("toolkit.anonymize").joinpath("data/arabic_word_names.txt")
    return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines()
                     if line.strip() and not line.startswith("#"))


def _listed(word: str, names: frozenset[str]) -> int:
    """How many prefix letters come before a listed name in *word* (0 or 1), or -1 when there is none."""
    if word in names:
        return 0
    if len(word) > 3 and word[0] in _PREFIXES and word[1:] in names:
        return 1
    return -1


def _latin_beside(text: str, start: int, end: int) -> bool:
    """Whether the word stands alone among Latin-script words: a Latin word on one side, and a Latin word, the
    text's edge or a punctuation mark on the other."""
    before = text[max(0, start - 24) : start].rstrip(" \t")
    after = text[end : end + 24].lstrip(" \t")
    latin_before = bool(re.search(r"[A-Za-z]$", before))
    latin_after = bool(re.match(r"[A-Za-z]", after))
    edge_before = not before or before[-1] in ".,!?:;\n\"'(«“"
    edge_after = not after or after[0] in ".,!?:;\n\"')»”"
    return (latin_before and (latin_after or edge_after)) or (latin_after and edge_before)


def known_arabic(names: frozenset[str]) -> tuple[str, ...]:
    """The listed names among a group's known names."""
    listed = arabic_word_names()
    return tuple(sorted(n for n in names if n in listed))


def arabic_names_in_context(text: str, known: tuple[str, ...] = ()) -> list[Entity]:
    """PERSON spans of listed Arabic-script names where a cue (see the module) or the group makes them names.

    Examples
    --------
    >>> [e.text for e in arabic_names_in_context("بحب بت اسمها أمل من سنتين. tell لين before Friday")]
    ['أمل', 'لين']
    >>> arabic_names_in_context("عندي أمل كبير")
    []
    """
    names = arabic_word_names()
    words = list(_WORD.finditer(text))
    found = []
    for k, m in enumerate(words):
        word = m.group().replace("\u0640", "")
        cut = _listed(word, names)
        if cut < 0:
            continue
        start = m.start() + cut
        before = words[k - 1].group() if k and _adjacent(text, words[k - 1], m) else ""
        after = words[k + 1].group() if k + 1 < len(words) and _adjacent(text, m, words[k + 1]) else ""
        family = after.startswith("ال") and after.endswith("ي") and len(after) >= 5  # "سالم الرواحي"
        if not (before in _BEFORE or after in _AFTER or family or word[cut:] in known
                or _latin_beside(text, m.start(), m.end())):
            continue
        end = m.end()
        if after in _DESCENT and k + 2 < len(words) and _adjacent(text, words[k + 1], words[k + 2]):
            end = words[k + 2].end()  # "نجاة بن حميدة"
        elif family:
            end = words[k + 1].end()
        found.append(Entity(start, end, "PERSON", text[start:end]))
    return found


def _adjacent(text: str, first: re.Match, second: re.Match) -> bool:
    """Whether only spaces come between two words."""
    return not text[first.end() : second.start()].strip(" \t")
