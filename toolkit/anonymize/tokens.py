"""The one word tokenizer the detectors share: a text is split once per call of find_entities."""

from __future__ import annotations

import re
import unicodedata

# A word of letters, with inner apostrophes or hyphens ("don't", "Mei-Ling"),
# not part of an e-mail, a handle, a path or a word with digits ("9pm").
# Letters, and the combining marks a word carries after its first letter: vowel signs of the Indic, Thai,
# Burmese and Khmer scripts ("राम" is three code points, one of them a mark), Hebrew and Arabic points, and
# combining accents ("ẹ̀kọ́" typed with tone marks), the zero-width joiners of Sinhala and Persian, and the
# Mongolian variation selectors and vowel separator. Without them those words fell apart into letters.
WORD_MARKS = ("\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
              "\u0900-\u0dff\u0e31-\u0e3a\u0e47-\u0e4e\u1000-\u109f\u1780-\u17ff\u1ab0-\u1aff\u1dc0-\u1dff"
              "\u180b-\u180f\u20d0-\u20ff\ufe20-\ufe2f\u200c\u200d")


def characters_outside(ranges: str, pattern: str) -> str:
    r"""The characters of *ranges* (a class body of literal characters and ranges, as WORD_MARKS is) that
    *pattern* does not match, as a class body of escapes.

    A repeated alternation such as ``(?:[^\W\d_]|[marks])*`` must not offer two ways to match one character:
    when what follows fails, the regex engine tries every way of sharing the run between the two branches,
    2**n of them, and one 43-letter Khmer word (Khmer letters lie inside the marks' ranges) took 8 seconds.
    Taking the letters out of the second branch leaves the same characters matched, each in one way only.

    Examples
    --------
    >>> characters_outside("a-e", "[bd]")
    '\\u0061\\u0063\\u0065'
    >>> characters_outside("\u0900-\u0905", r"[^\W\d_]")  # Devanagari signs, then two letters
    '\\u0900-\\u0903'
    >>> characters_outside("\U0001f3fb-\U0001f3ff", "x")  # beyond the first plane
    '\\U0001f3fb-\\U0001f3ff'
    """
    keep = re.compile(pattern)
    points = []
    i = 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            points.extend(range(ord(ranges[i]), ord(ranges[i + 2]) + 1))
            i += 3
        else:
            points.append(ord(ranges[i]))
            i += 1
    points = sorted({p for p in points if not keep.fullmatch(chr(p))})
    body, start = [], 0
    for i in range(1, len(points) + 1):
        if i == len(points) or points[i] != points[i - 1] + 1:
            first, last = points[start], points[i - 1]
            body.append(_escape(first) + (f"-{_escape(last)}" if last > first else ""))
            start = i
    return "".join(body)


def _escape(point: int) -> str:
    return f"\\u{point:04x}" if point <= 0xFFFF else f"\\U{point:08x}"


# The marks that are not themselves letters (or, for user names, letters and digits): see characters_outside.
_MARKS_AFTER_LETTERS = characters_outside(WORD_MARKS, r"[^\W\d_]")
MARKS_AFTER_ALPHANUMERICS = characters_outside(WORD_MARKS, r"[^\W_]")
_LETTERS = rf"[^\W\d_](?:[^\W\d_]|[{_MARKS_AFTER_LETTERS}])*"
# French and Italian elide an article or a conjunction onto the next word; before a capital that word is read
# on its own ("la petite d'Ablavi", "pour qu'Enyo", "dell'Anna"); not after "N'", which opens names and towns
# ("N'Diaye", "N'Djamena").
_ELIDED = r"(?:[dDlLjJsScCmMtT]|[qQ]u|[dDaAnNsS]ell|[aA]ll|[dD]all)['’](?=[A-ZÀ-ÖØ-Þ])"
WORD_TOKEN = re.compile(rf"(?<![\w@#/])(?!{_ELIDED}){_LETTERS}(?:['’\-]{_LETTERS})*(?![\w@])")
# The same tokens, kept by re.split: [gap, word, gap, word, ..., gap]; without an apostrophe in the text the
# elision test is skipped (it costs a look-ahead at every word).
_SPLIT = re.compile(f"({WORD_TOKEN.pattern})")
_SPLIT_PLAIN = re.compile(rf"((?<![\w@#/]){_LETTERS}(?:['’\-]{_LETTERS})*(?![\w@]))")


# Chinese, Japanese and Korean letters. A Latin word written against them with no space ("Filipe全程", "叫佢Lipe喇")
# is a word of its own: without this, the run of both scripts was one word and the name in it was never read.
_CJK = "\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3"
_SCRIPT_SWITCH = re.compile(rf"[A-Za-zÀ-ÖØ-öø-ɏ][{_CJK}]|[{_CJK}][A-Za-zÀ-ÖØ-öø-ɏ]")
_OTHER_LETTERS = rf"[^\W\d_{_CJK}](?:[^\W\d_{_CJK}]|[{_MARKS_AFTER_LETTERS}])*"
_SPLIT_SCRIPTS = re.compile(
    rf"((?<![^\W{_CJK}]|[@#/])(?!{_ELIDED}){_OTHER_LETTERS}(?:['’\-]{_OTHER_LETTERS})*(?![^\W{_CJK}]|@)"
    rf"|(?<![0-9_@#/])[{_CJK}]+(?![0-9@]))"
)


def split_words(text: str) -> list[str]:
    """*text* as alternating gaps and words, starting and ending with a gap.

    Examples
    --------
    >>> split_words("ok, Jake's 9pm")
    ['', 'ok', ', ', "Jake's", ' 9pm']
    >>> split_words("佢叫佢Lipe喇")
    ['', '佢叫佢', '', 'Lipe', '', '喇', '']
    """
    if not text.isascii() and _SCRIPT_SWITCH.search(text):
        return _SPLIT_SCRIPTS.split(text)
    return (_SPLIT if "'" in text or "’" in text else _SPLIT_PLAIN).split(text)


def fold(word: str) -> str:
    """Lower-case and strip accents, as the word lists' keys are.

    Examples
    --------
    >>> fold("José")
    'jose'
    """
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
