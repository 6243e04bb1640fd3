"""Person-name detection from a gazetteer, capitalisation and context.

No statistical model: each word-like token is looked up in the shipped name
gazetteer (``data/names.tsv.gz``, built from Faker's name lists) and in a list
of common English words (``data/words.txt``), and then judged by its case, its
place in the sentence and its neighbours:

- a capitalised first or last name inside a sentence is a name ("told Jake");
- at the start of a sentence a name that is also a word needs a person verb
  after it ("Will texted" but not "Will you...");
- a lower-case first name that is not an English word is a name ("ok jake");
- a word that is also a name ("will", "hope", "grace") or an unknown word
  ("tash", "Bex") is a name only in a person context: after a title ("Dr."),
  a relation ("my ex", "my friend"), a verb taking a person ("told", "texted"),
  or before a person verb ("said", "texted"), or beside another name;
- months, days, places, brands and kinship words ("Mum", "Nana") are names
  only with a title or relation before them ("Auntie May").

A name found once in a text (or in ``known``, the names of the same client or
conversation so far) is a name wherever it appears capitalised in that text.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .entities import Entity
from .wordlists import (
    ADVERBS,
    CHAT_WORDS,
    DAYS,
    DETERMINERS,
    FUNCTION_WORDS,
    LINKING_VERBS,
    MONTHS,
    NEVER_NAMES,
    NOT_PERSON_CAPITALISED,
    OBJECT_VERBS,
    PERSON_VERBS,
    PLACE_OR_TIME_PREPOSITIONS,
    PLACES_ALSO_NAMES,
    RELATIONS,
    TITLES,
    WORD_NAMES,
    WORK_NOUNS,
)

NAME_TOKEN = re.compile(r"(?<![\w@#/])[^\W\d_]+(?:['’\-][^\W\d_]+)*(?![\w@])")
_POSSESSIVE = ("'s", "’s")
_SENTENCE_END = set(".!?:;\n…")
_OPENERS = set(" \t\"'“”‘’([{*_-•>")
_NAME_PARTICLES = frozenset("van von de da del della der den di du le la bin binti ibn al el ter ten dos das st".split())
# "will" is a name when "is"/"was"/"'s" follows; other word-names are not.
_AUXILIARY_NAMES = frozenset({"will"})
TITLE_CASE_SHARE = 0.6
_PLACE_PREPOSITIONS = frozenset("in at from to near outside around visit visiting visited".split())
_SAME_AS_BASE_FORM = frozenset("read put cut let set hit quit come".split())
_POSSESSIVES = frozenset("my your ur his her our their new old".split())


def fold(word: str) -> str:
    """Lower-case and strip accents, as the gazetteer keys are.

    Examples
    --------
    >>> fold("José")
    'jose'
    """
    decomposed = unicodedata.normalize("NFKD", word.casefold().replace("’", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Folded name -> flags (``F`` first, ``L`` last, ``W`` also an English word)."""
    raw = resources.files("toolkit.anonymize").joinpath("data/names.tsv.gz").read_bytes()
    names = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line and not line.startswith("#"):
            key, _, flags = line.partition("\t")
            names[key] = flags
    return names


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Common lower-case English words (and chat words) from the project corpus."""
    text = resources.files("toolkit.anonymize").joinpath("data/words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#")) | CHAT_WORDS


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """Every lower-case English word of the SCOWL list (and the corpus words)."""
    raw = resources.files("toolkit.anonymize").joinpath("data/dictionary.txt.gz").read_bytes()
    return frozenset(w for w in gzip.decompress(raw).decode("utf-8").split("\n") if w and not w.startswith("#"))


def is_word(key: str) -> bool:
    """True when *key* (folded) is an English or chat word."""
    return key in vocabulary() or key in dictionary()


@dataclass
class _Token:
    start: int
    end: int
    key: str
    shape: str  # "cap", "upper", "lower" or "other"
    sentence_start: bool
    possessive: bool
    flags: str
    common: bool  # a frequent word in the project corpus
    word: bool  # any English word


def _shape(word: str) -> str:
    letters = [ch for ch in word if ch.isalpha()]
    if all(ch.isupper() for ch in letters):
        return "upper" if len(letters) > 1 else "cap"
    if all(ch.islower() for ch in letters):
        return "lower"
    return "cap" if letters[0].isupper() else "other"


def _starts_sentence(text: str, start: int) -> bool:
    i = start
    newline = False
    while i > 0 and (text[i - 1] in _OPENERS or text[i - 1] == "\n" or text[i - 1] == "\r"):
        newline = newline or text[i - 1] == "\n"
        i -= 1
    if i == 0 or newline:
        return True
    ch = text[i - 1]
    # An emoji or symbol ends a chat message as a full stop would.
    return ch in _SENTENCE_END or (not ch.isalnum() and ch not in ",&/+=%$£€#@" and ord(ch) > 0x2000)


_WORD_FACTS: dict[str, tuple[str, str, str, bool, bool]] = {}
_WORD_FACTS_MAX = 200_000


def _word_facts(word: str) -> tuple[str, str, str, bool, bool]:
    """(key, shape, flags, common, word) of a surface word, cached: words repeat."""
    facts = _WORD_FACTS.get(word)
    if facts is None:
        key = fold(word)
        words = vocabulary()
        facts = (key, _shape(word), gazetteer().get(key, ""), key in words, key in words or key in dictionary())
        if len(_WORD_FACTS) < _WORD_FACTS_MAX:
            _WORD_FACTS[word] = facts
    return facts


def tokenize_names(text: str) -> list[_Token]:
    tokens = []
    for m in NAME_TOKEN.finditer(text):
        start, end, word = m.start(), m.end(), m.group()
        possessive = word.endswith(_POSSESSIVE) and len(word) > 3
        if possessive:
            end -= 2
            word = word[:-2]
        key, shape, flags, common, is_english = _word_facts(word)
        tokens.append(_Token(start, end, key, shape, _starts_sentence(text, start), possessive, flags, common,
                             is_english))
    _mark_title_case(text, tokens)
    return tokens


def _mark_title_case(text: str, tokens: list[_Token]) -> None:
    """In a Title Case Heading every word counts as a sentence start.

    Only common words vote: a sentence full of names is not a heading.
    """
    sentence: list[_Token] = []
    for token in [*tokens, None]:
        if token is None or token.sentence_start:
            long_words = [t for t in sentence if len(t.key) > 3 and t.common]
            capitalised = [t for t in long_words if t.shape in ("cap", "upper")]
            if len(long_words) >= 3 and len(capitalised) >= TITLE_CASE_SHARE * len(long_words):
                for t in sentence:
                    t.sentence_start = True
            sentence = []
        if token is not None:
            sentence.append(token)


_SPACE_GAP = re.compile(r"\s+")
_COMMA_GAP = re.compile(r"\s*,\s*")
_DOT_GAP = re.compile(r"\.\s+")


def _gap_kind(gap: str) -> str:
    if gap == " " or _SPACE_GAP.fullmatch(gap):
        return "space"
    if _COMMA_GAP.fullmatch(gap):
        return "comma"
    return "dot" if _DOT_GAP.fullmatch(gap) else "other"


class _Context:
    """Neighbours of a token within its sentence."""

    def __init__(self, text: str, tokens: list[_Token]):
        self.text = text
        self.tokens = tokens
        # What separates token i-1 from token i: "space", "comma", "dot" (after a title) or "other".
        self.gaps = ["other"] + [_gap_kind(text[a.end : b.start]) for a, b in zip(tokens, tokens[1:])]

    def gap(self, i: int, j: int) -> str:
        return self.text[self.tokens[i].end : self.tokens[j].start]

    def prev(self, i: int, allow_comma: bool = True) -> str | None:
        if i == 0:
            return None
        kind = self.gaps[i]
        previous = self.tokens[i - 1]
        if previous.key in TITLES and kind in ("space", "dot"):
            return previous.key
        if self.tokens[i].sentence_start or kind not in (("space", "comma") if allow_comma else ("space",)):
            return None
        return previous.key

    def prev2(self, i: int) -> str | None:
        return self.prev(i - 1) if i >= 1 and self.prev(i) is not None else None

    def next(self, i: int, skip_adverbs: bool = False) -> str | None:
        j = i + 1
        while True:
            if j >= len(self.tokens) or self.tokens[j - 1].possessive:
                return None
            nxt = self.tokens[j]
            if nxt.sentence_start or self.gaps[j] != "space":
                return None
            if skip_adverbs and nxt.key in ADVERBS:
                j += 1
                continue
            return nxt.key

    def followed_by_and_i(self, i: int) -> bool:
        rest = self.text[self.tokens[i].end : self.tokens[i].end + 8].lower()
        return bool(re.match(r"\s*(?:and|&|n)\s+(?:i|me)\b", rest))

    def strong_before(self, i: int) -> bool:
        before = self.prev(i)
        if before is None:
            return False
        if before in TITLES:
            return True
        if before in RELATIONS:
            return True
        return before in OBJECT_VERBS

    def person_after(self, i: int, linking: bool) -> bool:
        after = self.next(i, skip_adverbs=True)
        if self.tokens[i].key in _AUXILIARY_NAMES and after in _SAME_AS_BASE_FORM:
            return False  # "the plaque will read ..."
        if after in PERSON_VERBS or self.followed_by_and_i(i) or self.next(i) == "from":
            return True
        return linking and (after in LINKING_VERBS or self.tokens[i].possessive)

    def names_a_work(self, i: int) -> bool:
        """"a Sally Rooney novel", "an Adele song": a name standing for a work or an artist."""
        j = i
        while j + 1 < len(self.tokens) and self.tokens[j + 1].shape == "cap" and self.gap(j, j + 1) == " ":
            j += 1
        return self.next(j) in WORK_NOUNS


def _judge(ctx: _Context, i: int) -> str:
    """'yes', 'maybe' (an unknown capitalised word) or 'no' for token *i*."""
    t = ctx.tokens[i]
    key, flags = t.key, t.flags
    if len(key) < 2 or t.shape == "other" or key in FUNCTION_WORDS:
        return "no"
    if t.shape == "lower" and t.word and key not in WORD_NAMES:
        return "no"  # the common case, decided before any context is looked at
    before = ctx.prev(i)
    titled = before in TITLES and (t.shape != "lower" or not t.common)
    if key in FUNCTION_WORDS or ctx.names_a_work(i):
        return "no"
    if key in NEVER_NAMES:
        return "yes" if titled and t.shape != "lower" else "no"
    if t.shape in ("cap", "upper") and "F" not in flags and before in _PLACE_PREPOSITIONS and not titled \
            and not t.possessive:
        return "no"
    if t.shape in ("cap", "upper"):
        if key in NOT_PERSON_CAPITALISED:
            strong = titled or before in RELATIONS or ("F" in flags and ctx.person_after(i, linking=False))
            if key in MONTHS:
                strong = strong and before not in PLACE_OR_TIME_PREPOSITIONS
            return "yes" if strong else "no"
        if key in PLACES_ALSO_NAMES:
            if before in PLACE_OR_TIME_PREPOSITIONS and not ctx.person_after(i, linking=False):
                return "no"
            return "yes" if not t.sentence_start or ctx.person_after(i, linking=True) else "maybe"
        if t.shape == "upper":
            return "yes" if "F" in flags and not t.word and len(key) >= 3 else "no"
        if flags:
            if t.word:
                if titled or ctx.strong_before(i):
                    return "yes"
                if "F" in flags and ctx.person_after(i, linking=key in _AUXILIARY_NAMES or t.possessive):
                    return "yes"
                if t.sentence_start or (t.common and "F" not in flags):
                    return "no"
                return "no" if before in DETERMINERS else "yes"
            return "yes"
        if t.word:
            return "yes" if titled or (before in RELATIONS and not t.sentence_start) else "no"
        if ctx.strong_before(i) or ctx.person_after(i, linking=True):
            return "yes"
        return "maybe"
    # lower case
    if key in CHAT_WORDS or key in RELATIONS or key in TITLES:
        return "no"
    if key in NOT_PERSON_CAPITALISED and key not in MONTHS:
        return "yes" if before in RELATIONS and "F" in flags else "no"
    if key in MONTHS or key in DAYS:
        return "yes" if before in OBJECT_VERBS or before in RELATIONS else "no"
    if flags and "F" in flags and not t.word:
        return "yes"
    if key in WORD_NAMES:
        after = ctx.next(i)
        if before in OBJECT_VERBS or ctx.person_after(i, linking=key in _AUXILIARY_NAMES):
            return "yes"
        if before in RELATIONS and (after is None or after in PERSON_VERBS):
            return "yes"
        return "no"
    if t.word or len(key) < 3:
        return "no"
    if before in TITLES or before in RELATIONS or before in OBJECT_VERBS:
        return "yes"
    if before not in DETERMINERS and before not in _POSSESSIVES and ctx.person_after(i, linking=True):
        return "yes"
    return "maybe"


def _coordinated(ctx: _Context, verdicts: list[str], i: int) -> bool:
    """A 'maybe' beside a name in a list: "Tomasz and Keisha", "Tash, Leon and Mo"."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(verdicts) and verdicts[j] == "yes":
            a, b = (j, i) if j < i else (i, j)
            if re.fullmatch(r"\s*(?:,|,?\s*and|&|or|\+)\s*", ctx.gap(a, b), re.IGNORECASE):
                return True
    return False


def find_names(text: str, known: frozenset[str] | set[str] = frozenset()) -> list[Entity]:
    """Person-name spans in *text*; *known* holds folded names already seen in the same group.

    Examples
    --------
    >>> [text[e.start:e.end] for text in ["ok so jake texted me and Will said hi"]
    ...  for e in find_names(text)]
    ['jake', 'Will']
    >>> find_names("Will you come? I hope so.")
    []
    """
    tokens = tokenize_names(text)
    if not tokens:
        return []
    ctx = _Context(text, tokens)
    verdicts = [_judge(ctx, i) for i in range(len(tokens))]
    for _ in range(2):
        for i, verdict in enumerate(verdicts):
            if verdict == "maybe" and _coordinated(ctx, verdicts, i):
                verdicts[i] = "yes"
    seen = {t.key for t, v in zip(tokens, verdicts) if v == "yes"} | set(known)
    for i, t in enumerate(tokens):
        if verdicts[i] != "yes" and not t.word and t.key.endswith("s") and t.key[:-1] in seen:
            verdicts[i] = "yes"  # "anyas": a chat possessive without the apostrophe
            continue
        if verdicts[i] != "yes" and t.key in seen and t.key not in NEVER_NAMES:
            if t.key in FUNCTION_WORDS:
                continue
            if t.shape == "cap" and (not t.word or not t.sentence_start) and t.key not in NOT_PERSON_CAPITALISED:
                verdicts[i] = "yes"
            elif t.shape == "lower" and not t.word and t.key not in CHAT_WORDS:
                verdicts[i] = "yes"
    _extend_full_names(ctx, verdicts)
    spans = []
    i = 0
    while i < len(tokens):
        if verdicts[i] != "yes":
            i += 1
            continue
        j = i
        while j + 1 < len(tokens) and verdicts[j + 1] == "yes" and _joins(ctx, j):
            j += 1
        start, end = tokens[i].start, tokens[j].end
        spans.append(Entity(start, end, "PERSON", text[start:end]))
        i = j + 1
    return spans


def _joins(ctx: _Context, j: int) -> bool:
    """Two adjacent name tokens form one name when only a space (or a particle) separates them."""
    return not ctx.tokens[j].possessive and re.fullmatch(r" ", ctx.gap(j, j + 1)) is not None


def _surname_like(t: _Token, first: _Token) -> bool:
    if t.key in NOT_PERSON_CAPITALISED or t.key in NEVER_NAMES or t.sentence_start:
        return False
    if first.shape == "lower":
        return t.shape == "lower" and "L" in t.flags and not t.word
    if t.shape != "cap" or t.key in FUNCTION_WORDS:
        return False
    return not t.word or "L" in t.flags


def _extend_full_names(ctx: _Context, verdicts: list[str]) -> None:
    tokens = ctx.tokens
    for i in range(len(tokens) - 1):
        if verdicts[i] != "yes" or tokens[i].possessive:
            continue
        j = i + 1
        if tokens[j].key in _NAME_PARTICLES and j + 1 < len(tokens) and tokens[j + 1].shape == "cap" \
                and ctx.gap(i, j) == " " and ctx.gap(j, j + 1) == " " and tokens[i].shape == "cap":
            verdicts[j] = verdicts[j + 1] = "yes"
            continue
        if verdicts[j] != "yes" and ctx.gap(i, j) == " " and _surname_like(tokens[j], tokens[i]):
            verdicts[j] = "yes"
    # "Grace Okafor": a first name before a surname already found.
    for i in range(len(tokens) - 1, 0, -1):
        if verdicts[i] == "yes" and verdicts[i - 1] != "yes" and ctx.gap(i - 1, i) == " ":
            t, first = tokens[i], tokens[i - 1]
            if first.shape == "cap" and t.shape == "cap" and "F" in first.flags and "L" in t.flags \
                    and not t.word and first.key not in NOT_PERSON_CAPITALISED and not first.possessive \
                    and first.key not in FUNCTION_WORDS:
                verdicts[i - 1] = "yes"
