"""Text normalisation, tokenising, negation scope and sentence splitting.

Pure functions on strings, built on compiled regular expressions so the hot
path stays fast (nltk's ``TweetTokenizer`` is about 12x slower here). nltk is
used only where it needs no downloaded data: the Snowball stemmer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_SPACE = re.compile(r"\s+")

# Pseudonym placeholders written by the anonymiser, e.g. [PERSON_1].
PLACEHOLDER = re.compile(r"\[([A-Z][A-Z_]*?)_\d+\]")

_TOKEN = re.compile(
    r"\[[a-z_]+?_\d+\]"  # placeholders (already lower-cased)
    r"|[a-z0-9]+(?:'[a-z]+)*"  # words, with inner apostrophes (don't, he'll)
    r"|[!?]"  # sentence punctuation that carries tone
    r"|[.,;:]"  # scope breakers, not features
    r"|[\U0001F300-\U0001FAFF\u2600-\u27BF]"  # emoji
)
_PLACEHOLDER_TOKEN = re.compile(r"^\[([a-z_]+?)_\d+\]$")

NEGATORS = frozenset(
    "not no never nobody nothing nowhere neither nor none cannot without "
    "dont cant wont didnt doesnt isnt wasnt arent werent couldnt shouldnt wouldnt "
    "havent hasnt hadnt aint nope".split()
)
SCOPE_BREAKERS = frozenset(". , ; : ! ? but however although though yet".split())
NEGATION_WINDOW = 6
NEGATION_PREFIX = "NEG_"


def normalize(text: str) -> str:
    """Lower-case, unify quotes and apostrophes, drop invisible characters.

    Examples
    --------
    >>> normalize("I\u2019m  NOT\u200b fine")
    "i'm not fine"
    """
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text).translate(_QUOTES)
    return _SPACE.sub(" ", text).strip().lower()


def tokenize(text: str) -> list[str]:
    """Split normalised text into word, punctuation, emoji and placeholder tokens.

    Placeholders such as ``[PERSON_1]`` become their type (``<person>``), so a
    pseudonymised name reads as "a person" whatever its number.

    Examples
    --------
    >>> tokenize(normalize("Told [PERSON_2] everything, idk why!! 😭"))
    ['told', '<person>', 'everything', ',', 'idk', 'why', '!', '!', '😭']
    """
    tokens = _TOKEN.findall(text)
    for i, token in enumerate(tokens):
        if token[0] == "[":
            tokens[i] = "<" + _PLACEHOLDER_TOKEN.match(token).group(1) + ">"
    return tokens


TEXT_END = "\x00"
_TEXT_SEPARATOR = b" \x00 "
PIECE_SEPARATORS = b" \t\n\r\x0b\x0c"  # what bytes.split() splits at


def tokens_bytes(texts: list[str]) -> bytes:
    """Many texts, normalised for tokenising, as UTF-8, each followed by `` \\x00 ``.

    The start of the fast path of tokenising a batch: split the result at
    :data:`PIECE_SEPARATORS` and tokenise each distinct piece (``"don't."``)
    once with :func:`tokenize`, however often it occurs. That gives exactly
    the tokens of ``tokenize(normalize(text))``, because no token contains
    whitespace, and a piece that is only :data:`TEXT_END` ends a text.

    Examples
    --------
    >>> tokens_bytes(["Not  FINE.", "ok"])
    b'not  fine. \\x00 ok \\x00'
    """
    if not texts:
        return b""
    # ASCII text needs no Unicode normalisation: the backtick is the only
    # ASCII character normalize() maps, and white space does not matter here.
    # A lone surrogate becomes "?": neither is part of any token.
    data = _TEXT_SEPARATOR.join([text.lower().encode() if text.isascii() else normalize(text).encode("utf-8", "replace")
                                 for text in texts])
    data = data.replace(b"`", b"'") + _TEXT_SEPARATOR.rstrip()
    if data.count(0) != len(texts):
        # NUL is never part of a token, so blanking it out changes no token.
        return tokens_bytes([text.replace(TEXT_END, " ") for text in texts])
    return data


def split_pieces(texts: list[str]) -> list[str]:
    """The pieces of :func:`tokens_bytes`, as strings (the reference for the fast path).

    Examples
    --------
    >>> pieces = split_pieces(["Not  FINE.", "ok"])
    >>> pieces
    ['not', 'fine.', '\\x00', 'ok', '\\x00']
    >>> [token for piece in pieces for token in tokenize(piece)]
    ['not', 'fine', '.', 'ok']
    """
    return [piece.decode() for piece in tokens_bytes(texts).split()]


def is_negator(token: str) -> bool:
    return token in NEGATORS or token.endswith("n't")


def mark_negation(tokens: list[str], window: int = NEGATION_WINDOW) -> list[str]:
    """Prefix up to *window* tokens after a negator with ``NEG_``.

    The scope ends at punctuation or a contrastive word ("but"), in the spirit
    of nltk's ``mark_negation`` but bounded, because chat text often has no
    punctuation at all. Scope breakers are dropped from the result, except
    ``!`` and ``?``.

    Examples
    --------
    >>> mark_negation(["i'm", "not", "afraid", "he'll", "judge", "me", ".", "ok"])
    ["i'm", 'not', 'NEG_afraid', "NEG_he'll", 'NEG_judge', 'NEG_me', 'ok']
    """
    out, remaining = [], 0
    for token in tokens:
        if token in SCOPE_BREAKERS:
            remaining = 0
            if token in ("!", "?", "but", "however", "although", "though", "yet"):
                out.append(token)
            continue
        if is_negator(token):
            out.append(token)
            remaining = window
        elif remaining:
            out.append(NEGATION_PREFIX + token)
            remaining -= 1
        else:
            out.append(token)
    return out


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english", ignore_stopwords=False)


class CachedStemmer:
    """Snowball stemming with a dictionary cache (stemming is the slow part)."""

    def __init__(self, max_size: int = 500_000):
        self._cache: dict[str, str] = {}
        self._max_size = max_size

    def __call__(self, token: str) -> str:
        stem = self._cache.get(token)
        if stem is None:
            if token.startswith(NEGATION_PREFIX):
                stem = NEGATION_PREFIX + self(token[len(NEGATION_PREFIX) :])
            elif token[0] == "<" or not token[0].isalnum():
                stem = token
            else:
                stem = _stemmer().stem(token)
            if len(self._cache) < self._max_size:
                self._cache[token] = stem
        return stem


# Emoji (with their variation selector and skin-tone modifiers), which chat writers use as a full stop.
_EMOJI = "\u2600-\u27bf\u2b50\u2b55\ufe0f\U0001f1e6-\U0001f1ff\U0001f300-\U0001faff"
_SENTENCE_END = re.compile(r"(?<=[.!?])(?P<close>[\"')\]]*)\s+(?=[\"'(\[]?[A-Za-z0-9])|\s*\n+\s*"
                           rf"|(?<=[{_EMOJI}])\s+(?=[\"'(\[]?[A-Za-z0-9])")
_ABBREVIATIONS = re.compile(r"(?:\b(?:mr|mrs|ms|dr|prof|st|vs|etc|e\.g|i\.e|jr|sr|approx)\.)$", re.IGNORECASE)
# Before a lower-case word only: units and dotted abbreviations ("20 mins. then", "the U.S. and").
_LOWER_ONLY_ABBREVIATIONS = re.compile(r"(?:\b(?:mins?|hrs?|secs?|yrs?|approx|dept|govt|avg|est|ft|mt|ca|cf|a\.m|p\.m"
                                       r"|co|rd|ave|jan|feb|apr|jun|jul|aug|sept?|oct|nov|tues?|thu|thurs?|fri)"
                                       r"|(?:\b[A-Za-z]\.){2,})\.?$", re.IGNORECASE)
# Before a number: "Feb. 3rd", "Dec. 2019".
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.$", re.IGNORECASE)
_INITIAL = re.compile(r"(?:^|[\s(])[A-Z]\.$")
_INITIALS = re.compile(r"(?:^|[\s(])[A-Z]\.\s+[A-Z]\.$")
_ELLIPSIS = re.compile(r"(?:\.\.|\u2026)$")


def _continues(before: str, after: str) -> bool:
    """Whether a full stop is not a sentence end: an initial before another initial or a lower-case word, or an
    ellipsis, a unit or a dotted abbreviation before a lower-case word."""
    lower = after[:1].islower() or (after[:1] in "\"'([" and after[1:2].islower())
    # An initial runs on into the next initial or the name after a run of initials ("J. K. Rowling"), not after a
    # single capital in running text ("plan B. It worked").
    if _INITIAL.search(before) and (lower or (after[:1].isupper() and after[1:2] == ".") or _INITIALS.search(before)):
        return True
    if after[:1].isdigit() and _MONTH.search(before):
        return True
    if not lower:
        return False
    return bool(_ELLIPSIS.search(before) or _LOWER_ONLY_ABBREVIATIONS.search(before) or _INITIAL.search(before))


def split_sentences(text: str) -> list[str]:
    """Split a text into sentences with a rule-based splitter.

    Splits after ``.``, ``!`` or ``?`` followed by a space and a word, and at
    line breaks (chat messages and journal lines). Lower-case chat counts:
    ``ok. he laughed`` is two sentences. Common abbreviations and initials do
    not end a sentence, and an ellipsis before a lower-case word does not
    either (``i dunno... maybe``). An emoji followed by a word ends a chat
    sentence (``lol same 😂 anyway``), which also splits the rarer emoji used
    as a word (``i ❤️ this song``). Unpunctuated run-on chat stays one piece.

    Examples
    --------
    >>> split_sentences("We met in 2019. Dr. Lee said it's fine!\\nok whatever")
    ['We met in 2019.', "Dr. Lee said it's fine!", 'ok whatever']
    >>> split_sentences('She said "go." Then (quietly.) Fine')
    ['She said "go."', 'Then (quietly.)', 'Fine']
    >>> split_sentences("ok so i told him. he laughed. whatever im probably overreacting")
    ['ok so i told him.', 'he laughed.', 'whatever im probably overreacting']
    >>> split_sentences("i dunno... maybe. J. K. wrote it etc. and so on")
    ['i dunno... maybe.', 'J. K. wrote it etc. and so on']
    >>> split_sentences("lol same 😂 anyway did u finish it. Met on Feb. 3rd at Smith & Co. on Hill Rd.")
    ['lol same 😂', 'anyway did u finish it.', 'Met on Feb. 3rd at Smith & Co. on Hill Rd.']
    """
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        # Closing quotes and brackets after the full stop belong to the sentence they close.
        candidate = text[start : match.start() + len(match.group("close") or "")].strip()
        if not candidate:
            continue
        if "\n" not in match.group(0):
            before = text[start : match.start()]
            if _ABBREVIATIONS.search(before) or _continues(before, text[match.end() : match.end() + 2]):
                continue
        pieces.append(candidate)
        start = match.end()
    tail = text[start:].strip()
    if tail:
        pieces.append(tail)
    return pieces


def token_spans(text: str) -> list[tuple[str, int, int]]:
    """The tokens of :func:`tokenize` (after :func:`normalize`) with their character spans in *text*.

    Used to highlight evidence in the text as written. Each character is
    normalised on its own so every token maps back to the characters it came
    from; for ordinary text the tokens equal ``tokenize(normalize(text))``.

    Examples
    --------
    >>> token_spans("I\u2019m NOT [PERSON_1]!")
    [("i'm", 0, 3), ('not', 4, 7), ('<person>', 8, 18), ('!', 18, 19)]
    """
    chars: list[str] = []
    origin: list[int] = []
    for position, char in enumerate(text):
        piece = _INVISIBLE.sub("", unicodedata.normalize("NFKC", char)).translate(_QUOTES).lower()
        chars.extend(piece)
        origin.extend([position] * len(piece))
    normalised = "".join(chars)
    spans = []
    for match in _TOKEN.finditer(normalised):
        token = match.group(0)
        if token[0] == "[":
            token = "<" + _PLACEHOLDER_TOKEN.match(token).group(1) + ">"
        spans.append((token, origin[match.start()], origin[match.end() - 1] + 1))
    return spans


def sentence_spans(text: str) -> list[tuple[str, int, int]]:
    """The sentences of :func:`split_sentences` with their character spans in *text*.

    Examples
    --------
    >>> sentence_spans("Fine. Not fine!")
    [('Fine.', 0, 5), ('Not fine!', 6, 15)]
    """
    spans, position = [], 0
    for sentence in split_sentences(text):
        start = text.find(sentence, position)
        if start < 0:  # split_sentences only strips pieces, so this does not happen
            continue
        spans.append((sentence, start, start + len(sentence)))
        position = start + len(sentence)
    return spans


_TURN = re.compile(r"^\s*([A-Za-z])\s*:")


def seeker_turns(text: str, seeker: str = "A", other: str = "B") -> str:
    """The help-seeker's turns of a two-speaker chat (lines ``A: ...`` / ``B: ...``); other texts unchanged.

    A line without a speaker prefix belongs to the last speaker. A text is a
    two-speaker chat only when lines of both *seeker* and *other* start it,
    so a note that happens to start one line with ``B:`` is left whole.

    >>> seeker_turns("A: she read my messages\\nB: that sounds hard\\nA: i told her how i feel")
    'A: she read my messages\\nA: i told her how i feel'
    >>> seeker_turns("B: plan for the day")
    'B: plan for the day'
    """
    if other + ":" not in text or seeker + ":" not in text:
        return text
    kept, speaker, speakers = [], None, set()
    for line in text.splitlines():
        match = _TURN.match(line)
        if match:
            speaker = match.group(1).upper()
            speakers.add(speaker)
        if speaker == seeker.upper():
            kept.append(line)
    if not {seeker.upper(), other.upper()} <= speakers:
        return text
    return "\n".join(kept)
