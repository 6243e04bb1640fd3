"""Person-name detection from a gazetteer, word lists, capitalisation and context.

No statistical model. One compiled regular expression splits the text into
word tokens; ordinary lower-case English words, most of any text, are dropped
by a set lookup before anything else happens, and only the remaining
candidates are judged, looking at their neighbours when needed. Each word is
looked up in the shipped name gazetteer (``data/names.tsv.gz``, built from
Faker's name lists), the English word lists (``data/words.txt``,
``data/dictionary.txt.gz``) and a list of capitalised non-names from the
same dictionary (places, brands, peoples: ``data/proper.txt.gz``):

- a capitalised first or last name inside a sentence is a name ("told Jake");
- a capitalised word inside a sentence that is no English word, no known name
  and no known place or brand is probably a name ("thanks Ngozi!"), unless a
  place preposition, an article or an organisation noun says otherwise ("in
  Croydon", "the Albert Kennedy Trust"); at a sentence start it needs a
  lower-case word or a comma after it ("Femi will laugh");
- at the start of a sentence a name that is also a word needs a person verb
  after it ("Will texted" but not "Will you...");
- a lower-case first name that is not an English word is a name ("ok jake");
- words that are also names ("will", "hope", "grace") and unknown lower-case
  words ("tash", "gosia") need a person context: a title ("Dr.", "Khala"), a
  relation ("my ex"), a verb taking a person ("told"), a person verb after
  ("said"), a greeting, thanks or endearment before ("ilysm gosia", "love u
  dre"), a speaker prefix ("kemi: did u tell him"), the start of a message
  followed by a pronoun or a verb ("dre u up", "kasia pls"), "me and bex", a
  question ("did jojo bring"), a sign-off line ("- mari"), an apposition
  ("Hope, my sponsor") or a neighbouring name ("Tash, Leon and Mo");
- months, days, places, brands and kinship words ("Mum", "Nana") are names
  only with a title or relation before them ("Auntie May"); the kin words,
  places, months and festivals of many more languages
  (:mod:`toolkit.anonymize.world_words`: "Achan", "Bouaké", "Loweruka") are
  no names inside a sentence, unless near an address word;
- after a Romance "de", "du" or "di" an unknown word is a place ("pan de
  Salcajá"), unless a relation stands before it ("la novia de Xiomely"); after
  a day's number it is a month ("12 de Março");
- in lower-case chat an unknown word is a name after "to" when a verb that goes
  to a person comes before ("talked to femi"; not "want to doomscroll", "moved
  to bankstown"), after "with" in company ("sat with femi"), and before a home
  ("at efua place"); a given name right after "in" is a town ("in Kingston");
- a bare initial after a naming verb is a name ("my wife calls me D.");
- a group's name also shows as a doubled start ("jojo"), a short name's stem
  with "-s" ("rubes"), a start spelt by ear ("pree" of Priya) and, opening a
  message, two initials ("KT 😢" of Karthik);

A name found once in a text (or in ``known``, the names of the same client or
conversation so far) is a name wherever it appears in that text, also when
stretched ("zaraaa").
"""

from __future__ import annotations

import gzip
import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from importlib import resources
from itertools import accumulate

from .arabic_names import known_arabic
from .common_words import EVIDENCE_WORDS, languages_of, listed_languages
from .entities import Entity
from .romanised_names import romanised_names
from .script_names import cased_names, spaced_name, unspaced_known
from .tokens import fold, split_words
from .wordlists import (
    ADVERBS,
    CAPITALISED_WORD_NAMES,
    CHAT_WORDS,
    DAYS,
    DETERMINERS,
    FUNCTION_WORDS,
    INTERNET_WORDS,
    LINKING_VERBS,
    MONTHS,
    MORE_CHAT_WORDS,
    NEVER_NAMES,
    NOT_PERSON_CAPITALISED,
    OBJECT_VERBS,
    ORG_NOUNS,
    PERSON_VERBS,
    PLACE_OR_TIME_PREPOSITIONS,
    PLACE_PREFIXES,
    PLACES_ALSO_NAMES,
    POST_TITLES,
    QUESTION_AUXILIARIES,
    RELATIONS,
    START_FOLLOWERS,
    THING_VERBS,
    TITLES,
    TO_PERSON_VERBS,
    VOCATIVE_CUES,
    VOCATIVE_FOLLOWERS,
    VOCATIVE_YOU_CUES,
    WORD_NAMES,
    WORK_NOUNS,
    YOU,
)
from .world_words import calendar_words, kin_languages, place_and_calendar_phrases, place_words

_POSSESSIVE = ("'s", "’s")
_SENTENCE_END = set(".!?:;\n…")
_CLAUSE_END = set(",.!?:;\n…")
_OPENERS = " \t\r\"'“”‘’([{*_-•>"
_LEADING_PARTICLES = frozenset("van von de der den da del della di du le la ter ten dos das "
                               "o ó ní ni mac mc nic".split())
# "of" or "from" in Romance languages: an unknown word after one is a place more often than a person.
# Not the Portuguese and Italian "da", "do": "a cena da Gonario" (at Gonario's), "a mãe do João".
_FROM_OF = frozenset("de du des di del della dello degli".split())
_DAY_NUMBER = re.compile(r"(?:^|\D)\d{1,2}\.? $")
# ... but after these the word is the person whose relation or home it is: "la novia de Xiomely", "casa de Yuri".
_ROMANCE_RELATIONS = frozenset("""
novio novia esposo esposa marido mujer hermano hermana hijo hija mamá mama madre papá papa padre primo prima tío tía
abuelo abuela amigo amiga pareja jefe jefa suegro suegra cuñado cuñada sobrino sobrina nieto nieta casa familia
namorado namorada irmão irmã filho filha mãe pai avó avô tia tio sogra sogro
copain copine frère sœur soeur fils fille mère père ami amie mari femme cousin cousine maison famille
fidanzato fidanzata fratello sorella figlio figlia amico amica marito moglie nonna nonno zia zio famiglia
numéro número numero telefone teléfono téléphone nome nombre nom""".split())
_IRISH_SURNAME = re.compile(r"[OD]['’][A-Z][a-z]{2,}$")
_NAME_PARTICLES = frozenset("van von de da del della der den di du le la bin binti ibn al el "
                            "ter ten dos das st".split())
# Every particle a full name may hold, before or inside it (the pseudonym table does not learn them as names).
NAME_PARTICLES = _NAME_PARTICLES | _LEADING_PARTICLES
# "will" is a name when "is"/"was"/"'s" follows; other word-names are not.
_AUXILIARY_NAMES = frozenset({"will"})
TITLE_CASE_SHARE = 0.6
# Share of a text's lower-case words that are no English: past it, the text is read as another language.
FOREIGN_SHARE = 0.3
# With the place prepositions of languages that chats switch into: "em Lisboa", "nach Köln", "dans Lyon".
_PLACE_PREPOSITIONS = frozenset("in at from to near outside around visit visiting visited "
                                "em en dans nach aus uit naar bij".split())
# Words before "to" that make it the way to a place ("moved to leeds", "drove her to the airport"), not to a person.
_MOTION_WORDS = frozenset("""go goes going went gone come comes coming came move moves moving moved drive drives
driving drove fly flies flying flew travel travels travelled traveled travelling traveling trip back way road bus train
flight flights ticket tickets head heads headed heading relocate relocated relocating return returns returned
returning get gets got getting holiday visit emigrate emigrated commute commuting walk walks walked walking ride rode
transfer transferred deployed posted from welcome next""".split())
# Words before "with" that make it company ("sat with femi", "lunch with tobi"), not an ingredient ("came with roti").
_COMPANY_WORDS = frozenset("""sat sit sits sitting hang hangs hanging hung chat chats chatting chatted talk talks
talking talked spoke speak speaking met meet meets meeting stay stays stayed staying live lives lived living fight
fought fighting argue argued arguing date dating dated out went go going time call calls called calling facetimed vc
walk walked lunch dinner coffee plans friends together""".split())
# "drove Georgia to the airport", "took Victoria home": a verb carrying someone somewhere.
_CARRY_VERBS = frozenset("drove drive drives driving flew took take takes taking walked walk brought bring dropped "
                         "drop drops picked pick".split())
_CARRIED_TO = frozenset("to home back round over up off".split())
# "at efua place", "to tobi house": a chat possessive without its "'s" before a home.
_AT_SOMEONES = frozenset("at to from round by".split())
_OWNED_PLACES = frozenset("place house flat apartment room crib yard gaff".split())
# Orders given to someone called at the start of a message: "mars pick up".
_CALLED_TO = frozenset("pick answer ring wake come get reply".split())
_PERSON_PRONOUNS = frozenset("me you u yourself myself him her us them".split())
# Verbs that take a person after "in": "confided in Chelsea", "believe in Jordan".
_IN_A_PERSON = frozenset("confide confided confiding confides believe believed believes believing interested "
                         "invested".split())
# More words that go to a person before "to": "what happened to femi", "thanks to tobi", "sorry to bisi".
_TO_A_PERSON = frozenset("happen happened happens happening belong belongs belonged thanks grateful sorry texted "
                         "waved reached".split())
_TO_PERSON_WORDS = TO_PERSON_VERBS | _TO_A_PERSON
_SAME_AS_BASE_FORM = frozenset("read put cut let set hit quit come".split())
_POSSESSIVES = frozenset("my your ur his her our their new old".split())
_APPOSITION = re.compile(r"\s*,\s*(?:my|his|her|our|their|your|ur)\s+([^\W\d_]+)", re.IGNORECASE)
# "Billy (he hates that ...)", "Dawn (his sister?)", "Ifey (I always spell it wrong)": a remark about a person.
_PERSON_REMARK = re.compile(r"\s*\(\s*(?:my|his|her|our|their|your|ur|he|she|they|i|that['’]?s\s+(?:what|his|her|their|"
                            r"my|your|ur)\b)\b",
                            re.IGNORECASE)
# "Ines, 29, from ...", "my daughter Tilly (13)": an age in apposition follows a person.
_AGE_AFTER = re.compile(r"\s*(?:,\s*\d{1,2}(?=\s*(?:[,.;)]|$))|\(\s*\d{1,2}\s*\))", re.MULTILINE)
# Speaker labels that are roles, not names ("B: That sounds hard", "Client: ...").
# Words before a colon that label a role or a part of a post, not a speaker: "OP:", "Edit:", "Q:".
ROLE_LABELS = frozenset("""op mod admin user client patient guest anon anonymous speaker me you them us q a re title
update edit ps note tldr tl;dr""".split())
_FAMILY_WORDS = frozenset("family families household clan".split())
_NAMING_WORDS = frozenset("called named nicknamed call calls name".split())
_WHO_IS = re.compile(r"\b(?:who|how)(?:'s|’s| is| was)\s+$", re.IGNORECASE)
# "Chad (the country, ...)", "Florence (Italy)": a place, said so in brackets.
_PLACE_REMARK = re.compile(r"\s*\(\s*(?:the\s+)?(?:country|city|town|village|island|state|place|region)\b",
                           re.IGNORECASE)
# "a woman called Primrose", "everyone calls him jj".
_NAMING_BEFORE = re.compile(r"\b(?:(?:called|named|nicknamed|call|calls)\s+(?:(?:him|her|me|them|us|it)\s+)?|"
                            r"name(?:\s+is|['’]s)\s+)$",
                            re.IGNORECASE)
_CODE_BEFORE = re.compile(r"(?<![\w.,:/-])(?:\d+-\d+|(?!(?:19|20)\d\d\b)\d{3,})[ \t]+$")
_AND_I_AFTER = re.compile(r"\s*(?:and|&|n)\s+(?:i|me)\b", re.IGNORECASE)
_ME_AND_BEFORE = re.compile(r"\b(?:me|i)\s+(?:and|&|n)\s+$", re.IGNORECASE)
_LIST_GAP = re.compile(r"\s*(?:,|&|\+)\s*")
_CONJUNCTIONS = frozenset({"and", "or", "n"})
_SPEAKER = re.compile(r"(?m)^[ \t>*•-]*([^\W\d_][^\W\d_'’.-]*(?:[ \t][^\W\d_][^\W\d_'’.-]*)?)[ \t]*:(?=[ \t]|$)")
_SIGN_OFF = re.compile(r"(?m)^[ \t]*[-–—~][ \t]*([^\W\d_]+)[ \t]*$")
STRETCHED = re.compile(r"([^\W\d_])\1{2,}")
_LAUGH = re.compile(r"(?:a?(?:h+a+)+h*|(?:h+e+)+h*|(?:l+o+)+l+|(?:j+a+)+j*|x+d+)")
_VOWEL = re.compile(r"[aeiouy]")
_LATIN = re.compile(r"[a-zß-öø-ÿĀ-ɏ'’.-]+")
# Rare English words by their endings: an unknown "Perimenopause" or "Overthinking" is no name.
_ENGLISH_ENDING = re.compile(r"(?:ings?|tions?|sions?|ness|ments?|ity|isms?|ists?|ology|ally|ful|less|ous|ive|able|"
                             r"ible|i[sz]e[ds]?|ed|pause|phobia|itis|osis|emia|pathy|pathic|ical|genic|tropic|gram|"
                             r"graphy|scope|ware)$")
# A run of Mandarin syllables (initial and final, without tones), the shape of a Chinese given name in pinyin.
_PINYIN = re.compile(r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|"
                     r"ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ui|ue|er|a|o|e|i|u))+")
_DEMONYM_ENDINGS = (("ian", ""), ("an", ""), ("an", "o"), ("n", ""), ("ese", ""), ("i", ""), ("ish", ""), ("er", ""))


def _data(name: str) -> str:
    raw = resources.files("toolkit.anonymize").joinpath(f"data/{name}").read_bytes()
    return (gzip.decompress(raw) if name.endswith(".gz") else raw).decode("utf-8")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Folded name -> flags (``F`` first, ``L`` last, ``W`` also an English word)."""
    names = {}
    for line in _data("names.tsv.gz").splitlines():
        if line and not line.startswith("#"):
            key, _, flags = line.partition("\t")
            names[key] = flags
    return names


def _lines(name: str) -> frozenset[str]:
    return frozenset(w for w in _data(name).split("\n") if w and not w.startswith("#"))


@lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """Common lower-case English words (and chat words) from the project corpus."""
    return _lines("words.txt") | CHAT_WORDS


@lru_cache(maxsize=1)
def dictionary() -> frozenset[str]:
    """Every lower-case English word of the SCOWL list (and the corpus words)."""
    return _lines("dictionary.txt.gz")


@lru_cache(maxsize=1)
def proper_nouns() -> frozenset[str]:
    """Folded capitalised SCOWL entries that are no first name: places, brands, peoples, figures."""
    return _lines("proper.txt.gz")


def is_word(key: str) -> bool:
    """True when *key* (folded) is an English or chat word."""
    return key in vocabulary() or key in dictionary()


def is_place(key: str) -> bool:
    """True when the folded word is a place, people or brand of the shipped lists and no first name ("berlin")."""
    return key in proper_nouns() or key in PLACES_ALSO_NAMES


def _shape(word: str) -> str:
    letters = [ch for ch in word if ch.isalpha()]
    if letters and "\u10d0" <= letters[0] <= "\u10ff":
        return "other"  # Georgian letters count as lower case, but the script writes names without capitals
    if all(ch.isupper() for ch in letters):
        return "upper" if len(letters) > 1 else "cap"
    if all(ch.islower() for ch in letters):
        return "lower"
    return "cap" if letters[0].isupper() else "other"


def _listed_slang(key: str) -> bool:
    """A chat, internet or code-switching word of the hand-written lists ("lmk", "addy", "wallahi")."""
    return key in CHAT_WORDS or key in MORE_CHAT_WORDS or key in INTERNET_WORDS


def _is_slang(key: str) -> bool:
    """Chat words, laughter, and lower-case runs without a vowel ("smh", "pls")."""
    if _listed_slang(key):
        return True
    if _LAUGH.fullmatch(key):
        return True
    # Only in the Latin alphabet: a Cyrillic or Greek name has no Latin vowel either ("оксана").
    return len(key) >= 3 and "-" not in key and not _VOWEL.search(key) and _LATIN.fullmatch(key) is not None


def _english_looking(key: str) -> bool:
    """A long unknown word with an English ending ("overthinking", "neuropathic") is a rare word, not a name;
    an "-ing" word made of Mandarin syllables ("Lingling", "Xiaoming") is a name."""
    if len(key) < 6 or "-" in key:
        return False
    m = _ENGLISH_ENDING.search(key)
    return m is not None and not (m.group().startswith("ing") and _PINYIN.fullmatch(key) is not None)


def _is_known_place(key: str) -> bool:
    """A place, people or brand, or the demonym of one ("singaporean", "lankan", "chinese-american")."""
    if key in NOT_PERSON_CAPITALISED or key in proper_nouns():
        return True
    if "-" in key:
        return any(_is_known_place(part) for part in key.split("-") if len(part) > 2)
    return any(key.endswith(ending) and len(key) - len(ending) >= 3 and
               (key[: len(key) - len(ending)] + extra) in proper_nouns() for ending, extra in _DEMONYM_ENDINGS)


def _is_typo(key: str, lexicon: frozenset[str]) -> bool:
    """Two swapped letters of an English word ("caffiene", "freind") make a typo, not a name."""
    return len(key) >= 5 and any(key[:k] + key[k + 1] + key[k] + key[k + 2 :] in lexicon for k in range(len(key) - 1))


def destretch(key: str) -> list[str]:
    """Readings of a stretched word: "zaraaa" -> ["zara", "zaraa"], "sooo" -> ["so", "soo"]."""
    return [STRETCHED.sub(r"\1", key), STRETCHED.sub(r"\1\1", key)]


class _Word:
    """What the word lists say about one surface word (cached: words repeat)."""

    __slots__ = ("key", "shape", "flags", "first", "common", "word", "proper", "slang", "trim", "stretched_name",
                 "plain", "readings", "rare", "languages", "world")

    def __init__(self, key, shape, flags, first, common, word, proper, slang, trim, stretched_name, readings=()):
        self.key, self.shape, self.flags, self.first = key, shape, flags, first
        self.common, self.word, self.proper, self.slang = common, word, proper, slang
        self.trim, self.stretched_name = trim, stretched_name
        # A stretched word's readings ("zeeee" -> "ze", "zee"): a name the group knows, whatever the lists say.
        self.readings = readings
        # A rare lower-case English word ("tiff", "mo"): no name by itself, but a name the group knows.
        self.rare = False
        # A place, month, weekday or festival of another country or language ("Bouaké", "Loweruka"), no listed name.
        self.world = False
        # A capitalised English word that is no listed name ("Wrote", "Therapy").
        self.plain = shape == "cap" and word and not flags and not first and key not in NOT_PERSON_CAPITALISED
        # The languages in which the word is a common word ("pero": es, ca, it, tl).
        self.languages = languages_of(key)

    @property
    def unknown(self) -> bool:
        """No word, no listed name, no known place: a name unless context says otherwise."""
        return not (self.word or self.flags or self.proper or self.slang or self.key in NOT_PERSON_CAPITALISED
                    or self.key in PLACES_ALSO_NAMES)


def _word_facts(word: str) -> _Word | None:
    """Facts about a surface word, or None when it is never a name in any context."""
    trim = 2 if word.endswith(_POSSESSIVE) and len(word) > 3 else 0
    surface = word[:-2] if trim else word
    key = fold(surface)
    if len(key) < 2 or key in FUNCTION_WORDS:
        return None
    shape = _shape(surface)
    if shape == "other":
        if not surface[:1].isalpha() or not spaced_name(key):
            return None
        # A listed name of a script without capitals ("رامي", "ნინო"): read as a capitalised first name.
        return _Word(key, "cap", "F", True, False, False, False, False, trim, None)
    words, lexicon = vocabulary(), dictionary()
    if "'" in key and not _IRISH_SURNAME.match(surface):  # contractions: "don't", "we'll", "y'all"; not "O'Dowd"
        base, _, suffix = key.rpartition("'")
        if suffix == "t" or base in FUNCTION_WORDS or base in lexicon or base in ("y", "ya"):
            return None
    common = key in words
    is_english = common or key in lexicon
    if not is_english and "-" in key:
        parts = key.split("-")
        # "co-worker", and compounds ending in a common word: "PTSD-related", "video-called"
        is_english = all(part in lexicon or part in FUNCTION_WORDS for part in parts if part) or \
            (len(parts[-1]) >= 4 and parts[-1] in words)
    flags = gazetteer().get(key, "") or ("F" if key in cased_names() or key in romanised_names() else "")
    if not is_english and not flags and key.isalpha() and _is_typo(key, lexicon):
        is_english = True
    # A listed chat word is slang even when a name list has it ("addy", "ty"); the guesses only for non-names.
    slang = _listed_slang(key) or (not flags and _is_slang(key))
    stretched_name = None
    readings: tuple[str, ...] = ()
    if not is_english and not flags and STRETCHED.search(key):
        readings = tuple(destretch(key))
        for reading in readings:
            if reading in lexicon or reading in words or _is_slang(reading) or reading in FUNCTION_WORDS:
                if reading in WORD_NAMES or "F" in gazetteer().get(reading, ""):
                    stretched_name = reading  # "GRACEEEE": a name if the group knows a Grace
                else:
                    slang = True
                break
            if reading in gazetteer() or reading in WORD_NAMES:
                stretched_name = reading
                break
        else:
            slang = True  # "argggh": stretched, and not a name
    first = "F" in flags or key in WORD_NAMES or (key in CAPITALISED_WORD_NAMES and shape != "lower")
    if shape == "lower":
        if slang and not readings:
            return None
        # A lower-case English word is no name, unless it is also a first name
        # that is a word only rarely ("josh", "maria") or a listed word-name.
        if is_english and key not in WORD_NAMES and not ("F" in flags and not common):
            if common or not key.isalpha() or len(key) > 6:
                return None
            rare = _Word(key, shape, flags, False, common, True, False, slang, trim, None)
            rare.rare = True
            return rare
    proper = not first and (key in proper_nouns() or (not flags and not is_english and _is_known_place(key)))
    facts = _Word(key, shape, flags, first, common, is_english, proper, slang, trim, stretched_name, readings)
    facts.world = not first and not flags and not is_english and (key in place_words() or key in calendar_words())
    return facts


# Surface word -> its facts, or False for a word that is never a name (so a
# plain dict lookup tells "never a name" from "not seen yet", which is None).
_FACTS: dict[str, _Word | bool] = {}
_FACTS_MAX = 200_000


def _facts(word: str) -> _Word | bool:
    facts = _FACTS.get(word)
    if facts is None:
        facts = _word_facts(word) or False
        if len(_FACTS) < _FACTS_MAX:
            _FACTS[word] = facts
    return facts


_CONTEXT_KEYS: dict[str, str] = {}


def _context_key(word: str) -> str:
    key = _CONTEXT_KEYS.get(word)
    if key is None:
        key = fold(word[:-2] if word.endswith(_POSSESSIVE) and len(word) > 3 else word)
        if len(_CONTEXT_KEYS) < _FACTS_MAX:
            _CONTEXT_KEYS[word] = key
    return key


# Surface word -> its folded key and the languages it is evidence of (none for an English word or a word of
# no list).
_EVIDENCE: dict[str, tuple[str, frozenset[str]]] = {}


def _evidence(word: str) -> tuple[str, frozenset[str]]:
    key = _context_key(word)
    found = (key, languages_of(key) if not is_word(key) else frozenset())
    if len(_EVIDENCE) < _FACTS_MAX:
        _EVIDENCE[word] = found
    return found


# Titles written with an abbreviation dot ("Dr. Le"); after any other title a dot ends the sentence ("mi mamá. Le
# dije que ...").
_ABBREVIATED_TITLES = frozenset("capt dott dr dra fr mlle mme mr mrs ms mx prof rev sgt sra srta".split())


class _Doc:
    """One text split into word tokens, with lazily computed context.

    Token *i* is ``words[i]``; ``gaps[i]`` is the text before it (``gaps[-1]``
    the text after the last token).
    """

    def __init__(self, text: str, parts: list[str]):
        self.text = text
        self.words = parts[1::2]
        self.gaps = parts[0::2]
        self.ends = list(accumulate(map(len, parts)))
        facts = list(map(_FACTS.get, self.words))
        if None in facts:
            facts = [f if f is not None else _facts(w) for w, f in zip(self.words, facts)]
        self.facts: list[_Word | bool] = facts  # False: never a name
        self._starts: dict[int, bool] = {}
        self._headings: dict[int, bool] = {}
        self._runs: dict[int, tuple[int, bool]] = {}
        self._works: bool | None = None
        self._foreign: bool | None = None
        self._languages: dict[str, frozenset[str]] | None = None  # distinct evidence words -> their languages
        self._language_counts: Counter[str] | None = None

    def foreign(self) -> bool:
        """Whether the text is largely in another language: of its lower-case words, three or more and at
        least :data:`FOREIGN_SHARE` of them are neither English words, chat words nor listed names ("kasi",
        "lang", "parang" in a Tagalog message). A lower-case word listed as a first name ("pero", "yung") then
        needs a person context."""
        if self._foreign is None:
            foreign = sum(1 for facts in self.facts if facts and facts.shape == "lower" and not facts.word
                          and not facts.rare and not facts.flags)
            # Most words are lower-case, and most of those are never names (no facts): counting them is skipped.
            lower = sum(1 for word in self.words if word.islower()) if foreign >= 3 else 0
            self._foreign = foreign >= 3 and foreign >= FOREIGN_SHARE * lower
        return self._foreign

    def ordinary_in_its_language(self, i: int) -> bool:
        """Whether token *i* is a common word of another language that at least
        :data:`~toolkit.anonymize.common_words.EVIDENCE_WORDS` other words of the text share: "pero" beside
        "no sé", "Elle" beside "a dit que". English words are no evidence of another language, and neither
        is the word itself, however often it comes ("Elle ... Elle ... typical Elle")."""
        facts = self.facts[i]
        languages = facts.languages if facts else None
        return bool(languages) and self.shows_language(languages, facts.key)

    def shows_language(self, languages: frozenset[str], key: str) -> bool:
        """Whether :data:`~toolkit.anonymize.common_words.EVIDENCE_WORDS` words of the text other than *key*
        are common words of one of *languages*."""
        if self._language_counts is None:
            self._languages = {}
            for word in self.words:
                word_key, codes = _EVIDENCE.get(word) or _evidence(word)
                if codes:
                    self._languages[word_key] = codes
            self._language_counts = Counter(code for codes in self._languages.values() for code in codes
                                            if _LEXIFIERS.get(code) not in codes)
        own = self._languages.get(key, ())
        return any(self._language_counts[code] - (code in own) >= EVIDENCE_WORDS for code in languages)

    def kin_word(self, i: int) -> bool:
        """Whether token *i* is a kin word of another language that the text is written in, or of a language
        with no common-word list to tell ("Mami" beside Albanian, "Achan"; not "Seun" in English text)."""
        languages = kin_languages(self.facts[i].key)
        return bool(languages) and (not languages <= listed_languages() or self.shows_language(languages, ""))

    # -- positions -----------------------------------------------------------
    def start(self, i: int) -> int:
        return self.ends[2 * i]

    def end(self, i: int) -> int:
        facts = self.facts[i]
        return self.ends[2 * i + 1] - (facts.trim if facts else 0)

    def possessive(self, i: int) -> bool:
        word = self.words[i]
        return word.endswith(_POSSESSIVE) and len(word) > 3

    def key(self, i: int) -> str:
        return _context_key(self.words[i])

    # -- sentences -----------------------------------------------------------
    def gap_kind(self, i: int) -> str:
        """What separates token i-1 from token i: "space", "comma", "dot" or "other"."""
        gap = self.gaps[i]
        if i == 0:
            return "other"
        if gap == " " or (gap and gap.isspace()):
            return "space"
        if gap.strip() == ",":
            return "comma"
        return "dot" if gap[:1] == "." and len(gap) > 1 and gap[1:].isspace() else "other"

    def is_start(self, i: int) -> bool:
        """Token i starts a sentence, or stands in a Title Case Heading."""
        return self.starts_sentence(i) or self._in_heading(i)

    def starts_sentence(self, i: int) -> bool:
        cached = self._starts.get(i)
        if cached is None:
            cached = self._starts[i] = self._raw_start(i)
        return cached

    def _raw_start(self, i: int) -> bool:
        gap = self.gaps[i]
        if gap == " " and i:
            return False
        stripped = gap.rstrip(_OPENERS + "\n")
        if "\n" in gap[len(stripped):]:
            return True
        if not stripped:
            return i == 0
        ch = stripped[-1]
        # An emoji or symbol ends a chat message as a full stop would.
        return ch in _SENTENCE_END or (not ch.isalnum() and ch not in ",&/+=%$£€#@" and ord(ch) > 0x2000)

    def message_start(self, i: int) -> bool:
        """Token i opens a line or a chat message: nothing but openers and emoji before it on its line, or only
        a speaker's name and a colon ("Tayo: 🥹 Bola")."""
        return self.line_start(i) or self.after_speaker(i)

    def after_speaker(self, i: int) -> bool:
        """Token i opens a chat message after its speaker's name ("Tayo: 🥹 Bola"); not after "Re:" or "Title:"."""
        core = "".join(ch for ch in self.gaps[i] if not ch.isspace() and (ch.isalnum() or ord(ch) < 0x2000))
        if i == 0 or core != ":" or "\n" in self.gaps[i] or self.key(i - 1) in ROLE_LABELS:
            return False  # "Re: Brasileira em Lisboa" is a title, not a message
        if self.line_start(i - 1):
            return True
        # a speaker of two words: "Ada Obi: Bisi 🥺"
        return i > 1 and self.gaps[i - 1] == " " and self.line_start(i - 2) and self.key(i - 2) not in ROLE_LABELS

    def called_out(self, i: int) -> bool:
        """Token i is a whole message with a "!", "?" or emoji after it: "Grace!!!", "Tom: HOPE 😭"."""
        if i + 1 < len(self.words) and "\n" not in self.gaps[i + 1]:
            return False
        rest = self.gaps[i + 1].split("\n", 1)[0]
        return any(ch in "!?" or (ord(ch) > 0x2000 and not ch.isalnum()) for ch in rest) and self.message_start(i)

    def post_titled(self, i: int) -> bool:
        """An honorific or kin word said after a name follows token i: "Harpreet ji", "Chidi bhai"."""
        return i + 1 < len(self.words) and self.gaps[i + 1] == " " and self.words[i + 1].lower() in POST_TITLES \
            and not self.possessive(i)

    def line_start(self, i: int) -> bool:
        gap = self.gaps[i]
        if i == 0:
            return not gap.strip(_OPENERS)
        head, newline, tail = gap.rpartition("\n")
        return bool(newline) and not tail.strip(_OPENERS)

    def _in_heading(self, i: int) -> bool:
        """In a Title Case Heading every word counts as a sentence start.

        Only common words vote, and not the first, which a sentence capitalises anyway: a sentence full of
        names is not a heading, nor is a short one with a name in it ("Went with Grace.").
        """
        first = i
        while first > 0 and not self.starts_sentence(first):
            first -= 1
        cached = self._headings.get(first)
        if cached is None:
            last = i + 1
            while last < len(self.words) and not self.starts_sentence(last):
                last += 1
            long_words = capitalised = 0
            for j in range(first + 1, last):
                key = self.key(j)
                if len(key) > 3 and key in vocabulary():
                    long_words += 1
                    capitalised += self.words[j][:1].isupper()
            cached = self._headings[first] = long_words >= 2 and capitalised >= TITLE_CASE_SHARE * long_words
        return cached

    def clause_end_after(self, i: int, comma: bool = True) -> bool:
        """Punctuation (a comma too, unless not *comma*), an emoji, a kiss ("x") or the end of the text
        follows token i."""
        gap = self.gaps[i + 1]
        if i + 1 == len(self.words):
            return not any(ch.isalnum() for ch in gap)
        ends = _CLAUSE_END if comma else _SENTENCE_END
        if any(ch in ends or (ord(ch) > 0x2000 and not ch.isalnum()) for ch in gap):
            return True
        return i + 2 == len(self.words) and self.words[i + 1] in ("x", "xx", "xxx")

    # -- neighbours ----------------------------------------------------------
    def prev(self, i: int, allow_comma: bool = True) -> str | None:
        if i == 0:
            return None
        kind = self.gap_kind(i)
        previous = self.key(i - 1)
        if previous in TITLES and (kind == "space" or (kind == "dot" and previous in _ABBREVIATED_TITLES)):
            return previous
        if self.starts_sentence(i) or kind not in (("space", "comma") if allow_comma else ("space",)):
            return None
        return previous

    def prev2(self, i: int) -> str | None:
        return self.prev(i - 1, allow_comma=False) if i >= 1 and self.prev(i) is not None else None

    def next(self, i: int, skip_adverbs: bool = False) -> str | None:
        j = i + 1
        while True:
            if j >= len(self.words) or self.possessive(j - 1):
                return None
            if self.gap_kind(j) != "space" or self.starts_sentence(j):
                return None
            key = self.key(j)
            if skip_adverbs and key in ADVERBS:
                j += 1
                continue
            return key

    def strong_before(self, i: int) -> bool:
        before = self.prev(i)
        return before is not None and (before in TITLES or before in RELATIONS or before in OBJECT_VERBS)

    def person_after(self, i: int, linking: bool) -> bool:
        after = self.next(i, skip_adverbs=True)
        if self.facts[i].key in _AUXILIARY_NAMES and after in _SAME_AS_BASE_FORM:
            return False  # "the plaque will read ..."
        if after in PERSON_VERBS or self.next(i) == "from":
            return True
        if _AND_I_AFTER.match(self.text, self.end(i)):
            return True
        return linking and (after in LINKING_VERBS or self.possessive(i))

    def vocative_before(self, i: int) -> bool:
        """ "thanks Ngozi", "ilysm gosia", "love u dre", "happy bday tilly"."""
        before = self.prev(i)
        if before is None:
            return False
        if before in VOCATIVE_CUES or (STRETCHED.search(before) and destretch(before)[0] in VOCATIVE_CUES):
            return True  # "thanks", "hiii"
        return before in YOU and self.prev2(i) in VOCATIVE_YOU_CUES

    def _word_before(self, i: int, words: frozenset[str], reach: int) -> bool:
        """Whether one of *words* stands in the *reach* - 2 words before the preposition at ``i - 1``, in its
        sentence."""
        for j in range(i - 2, max(-1, i - reach), -1):
            if self.key(j) in words:
                return True
            if self.starts_sentence(j):
                return False
        return False

    def given_to(self, i: int) -> bool:
        """ "sent the parcel to Thandi", "talked to Ama": a verb that goes to a person, before "to"."""
        return self._word_before(i, _TO_PERSON_WORDS, 6) and not self.starts_sentence(i - 1)

    def towards_place(self, i: int) -> bool:
        """ "moved to leeds", "drove Mum back to Galway", "from Halifax to Montreal": a word of motion before "to"."""
        return self._word_before(i, _MOTION_WORDS, 6)

    def in_company(self, i: int) -> bool:
        """ "sat with femi", "lunch with tobi tmrw": a word of company before "with"."""
        return self._word_before(i, _COMPANY_WORDS, 4)

    def apposition_after(self, i: int) -> bool:
        """ "Hope, my sponsor": a name, a comma, and a relation; a remark in brackets ("Dawn (his sister?)"); an age
        ("Salem, 34,", "Tilly (13)")."""
        after = self.gaps[i + 1].lstrip()[:1]
        if after not in ",(":
            return False
        if _PERSON_REMARK.match(self.text, self.end(i)):
            return True
        facts = self.facts[i]
        if _AGE_AFTER.match(self.text, self.end(i)):
            return facts.first or not facts.word  # not an English word that is no first name: "Room (12)"
        m = _APPOSITION.match(self.text, self.end(i))
        return m is not None and fold(m.group(1)) in RELATIONS

    def named(self, i: int) -> bool:
        """ "a woman called Primrose", "everyone calls him jj": a naming verb before."""
        if i == 0 or not (self.key(i - 1) in _NAMING_WORDS or (i > 1 and self.key(i - 2) in _NAMING_WORDS)):
            return False
        start = self.start(i)
        return not self.starts_sentence(i) and _NAMING_BEFORE.search(self.text, max(0, start - 24), start) is not None

    def names_a_work(self, i: int) -> bool:
        """"a Sally Rooney novel", "an Adele song": a name standing for a work or an artist."""
        if self._works is None:  # most texts name no novel, song or film at all
            self._works = not WORK_NOUNS.isdisjoint(map(str.lower, self.words))
        return self._works and self.next(self.last_capitalised(i)) in WORK_NOUNS

    def names_an_organisation(self, i: int) -> bool:
        """"the Albert Kennedy Trust", "Heart FM": capitalised words before an organisation noun."""
        return self._run_facts(i)[1]

    def last_capitalised(self, i: int) -> int:
        """The last token of the run of capitalised words that token i starts or is in."""
        return self._run_facts(i)[0]

    def _continues(self, j: int) -> bool:
        return j + 1 < len(self.words) and self.words[j + 1][:1].isupper() and self.gaps[j + 1] == " " \
            and not self.possessive(j)

    def _run_facts(self, i: int) -> tuple[int, bool]:
        """(last capitalised token from i, whether an organisation noun follows i within the run).

        Every token of a run shares its end, so the answers are filled in for
        the whole run at once: asking for each token of a run of n capitalised
        words costs n steps, not n * n (a text of 5,000 names took 15 s).
        """
        cached = self._runs.get(i)
        if cached is not None:
            return cached
        walked = [i]
        j = i
        while self._continues(j):
            j += 1
            if j in self._runs:
                break
            walked.append(j)
        end, org_after = self._runs.get(j, (j, False))
        for k in reversed(walked):
            if k != j:
                org_after = org_after or self.key(k + 1) in ORG_NOUNS
            self._runs[k] = (end, org_after)
        return self._runs[i]


# A name with a Japanese or Korean honorific joined by a hyphen: "Kenji-san", "Minji-ssi", "Haru-kun".
_HONORIFIC_SUFFIX = re.compile(r"([A-ZÀ-Ý][^\W\d_]+)-(?:san|kun|chan|sama|sensei|senpai|ssi|nim)", re.IGNORECASE)


# Creoles and the language most of their words come from. A word the two share ("la", "pou") is no evidence
# that a text is in the creole: in a French text, the Mauritian "sipa" ("I don't know") is not a word of the text
# but may be someone's name.
_LEXIFIERS = {"mfe": "fr", "crs": "fr", "rcf": "fr", "gcf": "fr", "acf": "fr", "ht": "fr", "kea": "pt", "pov": "pt",
              "pap": "es"}
# After a capitalised word that is also a name, opening a sentence: said to someone ("Sue thank you").
_CAPITALISED_VOCATIVE_FOLLOWERS = VOCATIVE_FOLLOWERS - {"no", "stop"}


def _judge(doc: _Doc, i: int) -> str:
    """'yes', 'maybe' (an unknown word without context) or 'no' for token *i*."""
    t = doc.facts[i]
    if "-" in t.key and t.shape != "lower":
        m = _HONORIFIC_SUFFIX.fullmatch(doc.words[i])
        if m is not None and fold(m.group(1)) not in TITLES and not is_word(fold(m.group(1))):
            return "yes"
    if t.rare:  # a rare word ("tiff"), kept only to match a known name, unless named: "we call her tiff"
        return "yes" if t.key not in NEVER_NAMES and t.key not in RELATIONS and doc.named(i) else "no"
    key, shape = t.key, t.shape
    before = doc.prev(i)
    # A title, then a surname's particle: "docteur Le Goff", "Dr van Dijk".
    titled = (before in TITLES or (before in _LEADING_PARTICLES and doc.prev2(i) in TITLES)) \
        and (shape != "lower" or not t.common)
    if key in NEVER_NAMES or doc.kin_word(i):  # "Auntie Nana"; but a title after a title is none ("Frau Dr. Albers")
        return "yes" if titled and shape != "lower" and not (key in TITLES and doc.text.startswith(".", doc.end(i))) \
            else "no"
    if doc.post_titled(i) and not t.slang and key not in NOT_PERSON_CAPITALISED and key not in RELATIONS \
            and key not in TITLES and key not in DETERMINERS and (shape != "lower" or not t.common):
        return "yes"  # "harpreet veerji", "Tanaka san"
    if shape in ("cap", "upper"):
        return "no" if doc.names_a_work(i) else _judge_capitalised(doc, i, t, before, titled)
    return _judge_lower(doc, i, t, before)


def _judge_capitalised(doc: _Doc, i: int, t: _Word, before: str | None, titled: bool) -> str:
    key, flags = t.key, t.flags
    if before in _FROM_OF and _DAY_NUMBER.search(doc.gaps[i - 1]):
        return "no"  # a date's month: "12 de Março" ("marco" is also a name), "3 di Maggio"
    if before in PLACE_PREFIXES or _PLACE_REMARK.match(doc.text, doc.end(i)) or \
            (_place_in_brackets(doc, i) and not doc.strong_before(i)) or \
            (")" in doc.gaps[i + 1] and _place_closing_remark(doc, i)):
        return "no"  # "São Paulo", "Vila Madalena", "Chad (the country)", "Florence (Italy)", "(29, Leeds)"
    if doc.named(i) and key not in NOT_PERSON_CAPITALISED:
        return "yes"
    if before == "the" and not titled and doc.next(i) in _FAMILY_WORDS and not t.word and key not in \
            NOT_PERSON_CAPITALISED and not t.proper:
        return "yes"  # "the Kereama family": a surname
    if before == "the" and not titled and not doc.person_after(i, linking=False):
        return "maybe"  # "a nurse at the Alfred", "the Finanzamt"
    if key in RELATIONS and not titled:
        return "no"  # "Sister keeps borrowing money"
    if key in TITLES and i + 1 < len(doc.words) and doc.gaps[i + 1] == " " and doc.words[i + 1][:1].isupper():
        return "no"  # a title before a name: "Khala Rukhsana", "Coach Taylor"
    start = doc.start(i)
    if "F" not in flags and start > 1 and doc.text[start - 2].isdigit() and \
            _CODE_BEFORE.search(doc.text, max(0, start - 16), start):
        return "no"  # a street or town after a number or code: "3380 Kingsway", "1200-018 Lisboa"
    if "F" not in flags and before in _PLACE_PREPOSITIONS and not titled and not doc.possessive(i) \
            and not (before == "to" and (doc.given_to(i) or not (t.proper or doc.towards_place(i)))):
        return "no"
    if before == "in" and not titled and not doc.possessive(i) and doc.prev2(i) not in _IN_A_PERSON \
            and not doc.person_after(i, linking=False):
        return "no"  # "at university in Kingston": a town that is also a given name; not "confided in Chelsea"
    if key in NOT_PERSON_CAPITALISED:
        strong = titled or before in RELATIONS or ("F" in flags and doc.person_after(i, linking=False))
        if key in MONTHS:
            strong = strong and before not in PLACE_OR_TIME_PREPOSITIONS
            # Said to someone: "Hi April,", "thanks, June!", "why didn't you tell me, May?"
            strong = strong or ("F" in flags and (doc.vocative_before(i) or (
                doc.gaps[i].strip() == "," and i + 1 < len(doc.gaps) and doc.gaps[i + 1].lstrip()[:1] in ("?", "!"))))
        return "yes" if strong else "no"
    if key in PLACES_ALSO_NAMES:
        if before in _CARRY_VERBS and doc.next(i) in _CARRIED_TO:
            return "yes"  # "Drove Georgia to the airport": the one carried, not the place
        if before in PLACE_OR_TIME_PREPOSITIONS and not doc.person_after(i, linking=False):
            return "no"
        return "yes" if not doc.is_start(i) or doc.person_after(i, linking=True) else "maybe"
    if t.first and doc.called_out(i):
        return "yes"  # a name that is also a word, called out alone: "Grace!!!", "HOPE 😭"
    if t.shape == "upper":
        return "yes" if "F" in flags and not t.word and len(key) >= 4 else "no"
    if t.stretched_name:
        return "yes" if t.stretched_name in gazetteer() and not is_word(t.stretched_name) else "maybe"
    if doc.names_an_organisation(i) and not titled:
        return "no"
    if flags or t.first:
        if t.word:
            if titled or doc.strong_before(i) or doc.apposition_after(i) \
                    or (len(key) >= 3 and _spoken_to_in_quote(doc, i)):  # not "'Ha, I missed you'"
                return "yes"
            if t.first and doc.person_after(i, linking=key in _AUXILIARY_NAMES or doc.possessive(i)):
                return "yes"
            if t.first and doc.starts_sentence(i) and doc.next(i) in _CAPITALISED_VOCATIVE_FOLLOWERS:
                return "yes"  # "Sue thank you", "Patience pls"; not "Theres no way"
            if doc.is_start(i) or (t.common and not t.first):
                return "no"
            return "no" if before in DETERMINERS else "yes"
        if t.proper:  # a surname that is also a place: "Durham", "Lagos"
            return _judge_unknown_capitalised(doc, i, t, before, titled, weak=True)
        return "yes"
    if t.word:
        return "yes" if titled or (before in RELATIONS and not doc.is_start(i)) else "no"
    return _judge_unknown_capitalised(doc, i, t, before, titled, weak=t.proper or t.slang,
                                      world=t.world and not _near_address_word(doc.text, doc.start(i), doc.end(i)))


_BRACKETED_WORD = re.compile(r"\s*\(\s*([A-ZÀ-Ý][^\W\d_]{2,})\s*[,)]")


_REMARK_ITEM = re.compile(r"\(([^(),\n]{1,24}),\s*$")
_AGE_ITEM = re.compile(r"\d")


def _place_closing_remark(doc: _Doc, i: int) -> bool:
    """The last item of a bracketed remark that opens with an age or a nationality is a place:
    "(29 y/o, Hyderabad)", "(British Pakistani, Bradford)"."""
    gap = doc.gaps[i + 1]
    if not gap or gap.lstrip()[:1] != ")":
        return False
    start = doc.start(i)
    m = _REMARK_ITEM.search(doc.text, max(0, start - 28), start)
    if m is None:
        return False
    first = m.group(1).strip()
    return bool(_AGE_ITEM.search(first)) or bool(first) and \
        all(fold(w) in NOT_PERSON_CAPITALISED for w in first.split())


def _place_in_brackets(doc: _Doc, i: int) -> bool:
    """A known place or country in brackets after the word: it is a place too ("Perth (Scotland)")."""
    if doc.gaps[i + 1].lstrip()[:1] != "(":
        return False
    m = _BRACKETED_WORD.match(doc.text, doc.end(i))
    if m is None:
        return False
    key = fold(m.group(1))
    return key not in TITLES and key not in NEVER_NAMES and key not in RELATIONS and _is_known_place(key)


# Words of an address a place name may belong to ("Lot 0412 Mahabibo", "quartier Angondjé, derrière ..."): there a
# place of the world lists is judged as an unknown word, so the address keeps the protection a name gives it.
_ADDRESS_WORDS = re.compile(
    r"\b(?:rue|street|st|str|calle|avenida|av|rua|road|rd|lane|casa|villa|lot|plot|barrio|reparto|quartier|colonia|"
    r"bairro|house|building|bldg|apartment|apt|flat|porte|immeuble|address|adresse|direcci[oó]n|endere[cç]o|morada|"
    r"indirizzo|adres|alamat|anwani|postcode|zip|indeks|ул|улица|пр|проспект|кв|дом|мкр|вул|вулиця|индекс|"
    r"sokak|sokağı|caddesi|mahallesi|köçesi|küçəsi|ko'chasi|көшесі|көчөсү)\b", re.IGNORECASE)


def _near_address_word(text: str, start: int, end: int) -> bool:
    """Whether an address word stands within 80 characters before or 60 after text[start:end], on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    return _ADDRESS_WORDS.search(text, max(line_start, start - 80), min(line_end, end + 60)) is not None


def _judge_unknown_capitalised(doc: _Doc, i: int, t: _Word, before: str | None, titled: bool, weak: bool,
                               world: bool = False) -> str:
    """A capitalised word that no list knows as a word ("Ngozi", "Croydon", "Hanoi").

    *weak*: a known place, people or brand, which "is" or "was" after it does not make a person.
    *world*: a place or calendar word of another country; inside a sentence it is that ("back from Bouaké"),
    at a message's start the start rules still read it as one spoken to or about ("Seli why is she asking").
    """
    if before == "the" and not titled:
        return "maybe"  # "the Finanzamt asked"
    if titled or doc.strong_before(i) or doc.apposition_after(i) or doc.person_after(i, linking=False):
        return "yes"
    if len(t.key) < 3 or before in DETERMINERS or before in _POSSESSIVES or before in THING_VERBS \
            or _english_looking(t.key):
        return "maybe"  # "the Feeld app", "started Adderall", "on Vyvanse", "Perimenopause is"
    if before in _FROM_OF and doc.gaps[i] == " " and doc.prev2(i) not in _ROMANCE_RELATIONS:
        return "maybe"  # "pan de Salcajá", "une fille du Sud": a place, unless known; not "la novia de Xiomely"
    if not weak and not world and doc.person_after(i, linking=True):
        return "yes"
    if weak:
        return "maybe"
    if not doc.is_start(i):
        return "maybe" if world else "yes"
    after = doc.next(i)
    if world and after in LINKING_VERBS:
        return "maybe"  # "Tabaski is next week"
    if after is not None and doc.words[i + 1][:1].islower() and (_english_follower(after) or doc.after_speaker(i)):
        return "yes"  # "Femi will laugh", "Tash where r u", "Ana: Gabi preciso falar"; not "Estoy cansada"
    if doc.message_start(i) and doc.clause_end_after(i, comma=False):
        return "yes"  # a name alone, or called out, at the start of a message: "Ngozi!!", "Tayo: Bisi 🥺 ok"
    if i + 1 < len(doc.words) and doc.gaps[i + 1].strip() == "," and doc.line_start(i):
        return "yes"  # "Sandeep, Rav and Gurpreet ..."
    if not t.languages and len(t.key) >= 4 and _spoken_to_in_quote(doc, i) and not _ADVERB_ENDING.search(t.key):
        return "yes"  # the one spoken to, opening a quote: '"Marielis, mi papá ..."', "«Andrecito, ¿el martes?»"
    return "maybe"


def _spoken_to_in_quote(doc: _Doc, i: int) -> bool:
    """Whether token *i* opens a quote and a comma follows it: '"Joy, wataem…"', "«Andrecito, ¿el martes?»"."""
    return _opens_quote(doc, i) and i + 1 < len(doc.words) and doc.gaps[i + 1].strip() == ","


def _opens_quote(doc: _Doc, i: int) -> bool:
    """Whether token *i* comes right after an opening quotation mark."""
    start = doc.start(i)
    return start > 0 and doc.text[start - 1] in _OPENING_QUOTES


_OPENING_QUOTES = frozenset('"“«„‘\'')
# Sentence adverbs of other languages that may open a quote before a comma ("Finalement,", "Desgraciadamente,").
_ADVERB_ENDING = re.compile(r"(?:ment|mente|lich|weise|ly)$")


def _english_follower(key: str) -> bool:
    """An English or chat word: after a capitalised unknown word at a sentence start it makes a name of it
    ("Femi will"), where a foreign word makes a foreign sentence ("Estoy cansada")."""
    return key in vocabulary() or key in FUNCTION_WORDS or _is_slang(key)


def _judge_lower(doc: _Doc, i: int, t: _Word, before: str | None) -> str:
    key, flags = t.key, t.flags
    if t.slang:
        return "no"  # a stretched chat word ("sooo"), kept only to match a stretched known name
    if key in RELATIONS or key in TITLES:
        return "no"
    if doc.named(i):
        return "yes"  # "everyone calls him jj"
    if t.proper and not flags and before not in TITLES and before not in RELATIONS:
        return "maybe"  # "thinks amsterdam is"
    if key in NOT_PERSON_CAPITALISED and key not in MONTHS:
        return "yes" if before in RELATIONS and "F" in flags else "no"
    if key.endswith("s") and key[:-1] in DAYS:
        return "no"  # "training tuesdays"
    if key in MONTHS or key in DAYS:  # "april keeps sending me tiktoks", but "in april"
        if before in OBJECT_VERBS or before in RELATIONS:
            return "yes"
        return "yes" if key in MONTHS and before is None and doc.person_after(i, linking=False) else "no"
    if t.stretched_name:
        return "yes" if t.stretched_name in gazetteer() and not is_word(t.stretched_name) else "maybe"
    if "F" in flags and not t.word and not doc.foreign():
        return "yes"
    if t.word:  # a word that is also a name: "will", "grace", "josh"
        return _judge_word_name(doc, i, t, before)
    if len(t.key) < 3:
        # Two letters ("jt", "mo"): only right before a person verb.
        return "yes" if not flags and doc.next(i, skip_adverbs=True) in PERSON_VERBS else "no"
    if before in TITLES or before in RELATIONS or before in OBJECT_VERBS:
        return "yes"
    if before not in DETERMINERS and before not in _POSSESSIVES and doc.person_after(i, linking=True):
        return "yes"
    if _english_looking(key):
        return "maybe"
    if doc.vocative_before(i) or _ME_AND_BEFORE.search(doc.text, max(0, doc.start(i) - 12), doc.start(i)):
        return "yes"  # "ilysm gosia", "me and bex"
    if (before == "with" and doc.in_company(i)) or (before == "to" and doc.given_to(i)):
        return "yes"  # "sat with femi", "talked to femi", "what happened to femi"; not "moved to bankstown"
    if before in _AT_SOMEONES and doc.next(i) in _OWNED_PLACES:
        return "yes"  # "im at efua place", "going to tobi house": a possessive without its "'s"
    if before in QUESTION_AUXILIARIES and doc.next(i) is not None:
        return "yes"  # "did jojo bring Mags"
    if doc.foreign():
        return "maybe"  # in another language a word opening a clause is no sign of a name
    if doc.starts_sentence(i) and (doc.next(i) in START_FOLLOWERS or doc.clause_end_after(i)):
        return "yes"  # "dre u up??", "kasia pls tell me", "harpreet can u"
    if before in YOU and doc.clause_end_after(i):
        return "yes"  # "i made it for u hodan"
    if before is not None and doc.gap_kind(i) == "comma" and doc.clause_end_after(i, comma=False):
        return "yes"  # "see u tmrw, bex!", but not "this korean thing, nunchi, reading the room"
    return "maybe"


def _judge_word_name(doc: _Doc, i: int, t: _Word, before: str | None) -> str:
    """A lower-case English word that is also a name needs a clear person context."""
    key = t.key
    after = doc.next(i)
    if before in DETERMINERS:
        return "no"  # "on the mat and I laughed"
    if t.first and not t.common and doc.called_out(i):
        return "yes"  # a first name that is a rare word, called out as a whole message: "jade?!?!"
    if before in OBJECT_VERBS or doc.person_after(i, linking=key in _AUXILIARY_NAMES):
        return "yes"
    if before in RELATIONS and (after is None or after in PERSON_VERBS):
        return "yes"
    if doc.vocative_before(i) and doc.clause_end_after(i):
        return "yes"  # "thanks will!"
    if doc.starts_sentence(i) and after is not None and (after in VOCATIVE_FOLLOWERS or destretch(after)[0] in
                                                  VOCATIVE_FOLLOWERS):
        return "yes"  # "grace noooo u cannot", "precious pls call me"
    return "no"


def _coordinated(doc: _Doc, verdicts: dict[int, str], i: int) -> bool:
    """A 'maybe' beside a name in a list: "Tomasz and Keisha", "Tash, Leon & Mo", "aoife and cerys"; not a word
    counted by the number before it ("une fille de 4 ans, Fifamè")."""
    if doc.text[max(0, doc.start(i) - 8) : doc.start(i)].rstrip(" \t")[-1:].isdigit():
        return False
    for j in (i - 1, i + 1):  # "Tash, Leon", "Leon & Mo"; not the one spoken to, opening a quote ('"Beti, neem')
        if verdicts.get(j) == "yes" and _LIST_GAP.fullmatch(doc.gaps[max(i, j)]) \
                and not (j < i and _opens_quote(doc, j)):
            return True
    for j in (i - 2, i + 2):  # "aoife and cerys", "Leon, and Mo"
        middle = (i + j) // 2
        if verdicts.get(j) == "yes" and doc.key(middle) in _CONJUNCTIONS \
                and doc.gaps[middle].strip() in ("", ",") and not doc.gaps[middle + 1].strip():
            return True
    return False


def _speaker_tokens(doc: _Doc, known: _Known) -> list[int]:
    """Tokens that name the speaker of a chat line: "kemi: did u tell him".

    A speaker whose name is also a word or a chat word ("ty", "tiff") counts
    when the group knows the name, or when it speaks on two lines or more of
    a chat with several speakers.
    """
    matches = list(_SPEAKER.finditer(doc.text))
    if not matches:
        return []
    word_starts = doc.ends[0::2]  # sorted: a bisection finds the token starting at an offset, if any
    several = len(matches) >= 2
    voices = {m.group(1).casefold() for m in matches}
    repeated = {v for v in voices
                if sum(m.group(1).casefold() == v for m in matches) >= 2} if len(voices) >= 2 else set()
    found = []
    for m in matches:
        i = bisect_left(word_starts, m.start(1))
        if i >= len(doc.words) or word_starts[i] != m.start(1):
            continue
        tokens = [i]
        while tokens[-1] + 1 < len(doc.words) and doc.start(tokens[-1] + 1) < m.end(1):
            tokens.append(tokens[-1] + 1)
        if len(tokens) == 1 and len(doc.key(i)) >= 2 and doc.key(i) not in ROLE_LABELS \
                and doc.key(i) not in FUNCTION_WORDS and doc.key(i) not in NEVER_NAMES \
                and doc.key(i) not in RELATIONS and doc.key(i) not in TITLES \
                and (m.group(1).casefold() in repeated or known.matches(doc.key(i))):
            found.append(i)
            continue
        facts = [doc.facts[j] for j in tokens]
        if len(tokens) > 1 and facts[0] and facts[0].key in TITLES:
            tokens, facts = tokens[1:], facts[1:]  # "Dr Okafor: ..."
        if any(not f or f.key in NEVER_NAMES or f.key in RELATIONS or f.key in TITLES or f.slang for f in facts):
            continue
        if all(not f.word or (several and f.first) for f in facts):
            found.extend(tokens)
    return found


def _signed_off(doc: _Doc) -> list[int]:
    """A last line "- mari" or "~ Tash": the writer's name."""
    m = _SIGN_OFF.search(doc.text)
    if m is None or doc.text[m.end():].strip():
        return []
    i = len(doc.words) - 1
    facts = doc.facts[i] if i >= 0 else False
    if not facts or doc.start(i) != m.start(1) or facts.word or facts.slang:
        return []
    return [i]


def find_names(text: str, known: frozenset[str] | set[str] = frozenset(), parts: list[str] | None = None,
               base: frozenset[str] | None = None, log: list | None = None) -> list[Entity]:
    """Person-name spans in *text*; *known* holds folded names already seen in the same group.

    *parts* is ``split_words(text)`` when the caller has it already. *base*, when *known* also holds the
    nicknames and pet forms of the group's names, holds the names as found (the start of looser matches).
    *log*, a list, receives every question asked of *known* with its answer (see :func:`same_answers`).

    Examples
    --------
    >>> [text[e.start:e.end] for text in ["ok so jake texted me and Will said hi"]
    ...  for e in find_names(text)]
    ['jake', 'Will']
    >>> find_names("Will you come? I hope so.")
    []
    >>> [e.text for e in find_names("thanks Ngozi! ilysm gosia")]
    ['Ngozi', 'gosia']
    """
    parts = split_words(text) if parts is None else parts
    if len(parts) < 2:
        return []
    initials = []
    if "call" in text or "named" in text:
        initials += [Entity(m.start(1), m.end(1), "PERSON", m.group(1)) for m in _NAMED_INITIAL.finditer(text)]
    if _INITIAL_HINT.search(text):
        initials += initials_as_names(text, known if base is None else base, log)
    if initials:
        found = _find_names(text, known, parts, base, log)
        taken = {(e.start, e.end) for e in found}
        return sorted(found + [e for e in initials if (e.start, e.end) not in taken], key=lambda e: e.start)
    return _find_names(text, known, parts, base, log)


# One or two capitals standing for a person: after a verb done to a person ("told V", "let JM sit", "bring JM
# there"), or anywhere once the group knows them as a name ("I will call him V" earlier in the thread). Not "I",
# "A", and not the abbreviations people write in capitals.
_INITIAL_HINT = re.compile(r"(?<![\w.'’&/-])(?!I\b|A\b)[A-Z]{1,2}(?![\w'’&/-]|\.\w)")
_INITIAL_AFTER_VERB = re.compile(
    r"\b(?:told|tell|telling|met|meet|meeting|let|bring|brought|ask|asked|text|texted|miss|missed|love|loved|"
    r"trust|hug|hugged|kissed|married|marry|introduce|introduced)\s+"
    r"(?P<initial>[A-Z]{1,2})(?![\w'’&/-]|\.\w)(?=\s+(?:[a-z]|I\b|[A-Z][a-z])|\s*[.,!?;)]|\s*$)")
_NOT_INITIALS = frozenset("""i a ok uk us eu un tv gp pc id ai it hr pe pr md ma ba bs ms dj mc vip nhs ad bc
am pm fb ig dm ot er ed ex gf bf hq ps uv ir ip tb cv uni u r n y c b k x o""".split())  # chat letters: "love U"


def _short_names(base) -> tuple[str, ...]:
    """The group's known names of one or two letters that may be initials."""
    return tuple(sorted(name for name in base if len(name) <= 2 and name.isalpha() and _may_be_initials(name)))


def _may_be_initials(key: str) -> bool:
    """Not a listed abbreviation, and not an English word written in capitals for stress ("told MY mum")."""
    return key not in _NOT_INITIALS and key not in FUNCTION_WORDS and not (len(key) == 2 and key in vocabulary())


def initials_as_names(text: str, base, log: list | None = None) -> list[Entity]:
    """PERSON spans of one or two capitals standing for a person (see above).

    Examples
    --------
    >>> [e.text for e in initials_as_names("When I met V I was happy; tell the GP", frozenset())]
    ['V']
    >>> [e.text for e in initials_as_names("Update: V said yes", frozenset({"v"}))]
    ['V']
    """
    found = [Entity(m.start("initial"), m.end("initial"), "PERSON", m.group("initial"))
             for m in _INITIAL_AFTER_VERB.finditer(text) if _may_be_initials(m.group("initial").lower())]
    short = _short_names(base)
    if log is not None:
        log.append(("short", "", short))
    if short:
        taken = {e.start for e in found}
        found += [Entity(m.start(), m.end(), "PERSON", m.group()) for m in _INITIAL_HINT.finditer(text)
                  if m.group().lower() in short and m.start() not in taken]
    return found


# "my wife calls me D.", "everyone called him J": a bare initial as the name someone goes by.
_NAMED_INITIAL = re.compile(r"\b(?:call(?:s|ed|ing)?\s+(?:him|her|me|them|us)|"
                            r"(?:nick)?named(?:\s+(?:him|her|me|them|us))?)"
                            r"\s+(?!I\b)"
                            r"([A-Z])(?![\w'’&-]|\.\s?[A-Z]\b)")


def _find_names(text: str, known, parts: list[str], base, log) -> list[Entity]:
    doc = _Doc(text, parts)
    # A capitalised English word that no list holds as a name, at a sentence
    # start ("Wrote", "Title"), is no name whatever follows: the commonest case.
    # Only a name of the group can make one of these a name ("Paddy at home").
    candidates, plain_starts = [], []
    for i, facts in enumerate(doc.facts):
        if facts:
            (plain_starts if facts.plain and doc.starts_sentence(i) else candidates).append(i)
    if not candidates and not plain_starts and ":" not in text:
        return []
    base = frozenset(known) if base is None else base
    if candidates:
        candidates = _without_ordinary_words(doc, candidates, known, base, log)
    verdicts = {i: _judge(doc, i) for i in candidates}
    verdicts.update(dict.fromkeys(plain_starts, "no"))
    known = _Known({doc.facts[i].key for i in candidates if verdicts[i] == "yes"}, known, base, log)
    if ":" in text:
        for i in _speaker_tokens(doc, known):
            verdicts[i] = "yes"
    if "\n" in text:
        for i in _signed_off(doc):
            verdicts[i] = "yes"
    for _ in range(2):
        for i in candidates:
            if verdicts[i] == "maybe" and _coordinated(doc, verdicts, i):
                verdicts[i] = "yes"
    _spread_known(doc, sorted(candidates + plain_starts) if plain_starts else candidates, verdicts,
                  _Known({doc.facts[i].key for i in candidates if verdicts[i] == "yes"}, known.group, base, log))
    _extend_full_names(doc, verdicts)
    return _spans(doc, verdicts)


def _without_ordinary_words(doc: _Doc, candidates: list[int], known, base, log) -> list[int]:
    """The candidates less the common words of the text's other language ("pero", "Elle", "udah"), unless
    the text names a person with the word ("they call him Pero", "Tante Elle", "Bene said") or the group
    already knows the word as a name (a speaker "putri:" makes "putri" a name in every row)."""
    if not any(doc.facts[i].languages for i in candidates):
        return candidates
    group = _Known(group=known, base=base, log=log)
    kept = []
    for i in candidates:
        t = doc.facts[i]
        if t.languages and doc.ordinary_in_its_language(i) and not doc.named(i) and not doc.post_titled(i) \
                and not (t.shape != "lower" and (doc.strong_before(i) or doc.person_after(i, linking=False))) \
                and t.key not in group:
            continue
        kept.append(i)
    return kept


class _Known:
    """The names found so far in a text and its group, with the looser matches a known name allows:
    a shortened form ("tiff", "arju" for Tiffany, Arjun), also as a pet form ("tiffy"), and a slip of one
    letter in a name of four letters or more ("Aise" for Ayse).

    *local* holds the names found in this text, *group* the group's (with their nicknames and pet forms),
    *base* the group's names as found, which the loose matches start from. The index of a group's names
    is built once per set of names and reused by the group's next texts.
    """

    def __init__(self, local=frozenset(), group=frozenset(), base=frozenset(), log: list | None = None):
        self.local, self.group = set(local), group
        self._base = base
        self._local_index: tuple[set[str], dict[str, set[str]]] | None = None
        self._letters: set[str] | None = None
        self.log = log

    def __bool__(self) -> bool:
        if self.local:
            return True
        answer = bool(self.group)
        if self.log is not None:
            self.log.append(("any", "", answer))
        return answer

    def __contains__(self, key) -> bool:
        if key in self.local:
            return True
        answer = key in self.group
        if self.log is not None:
            self.log.append(("in", key, answer))
        return answer

    def same_letter(self, key: str) -> bool:
        """Whether a known name starts with *key*'s first letter: a loose match needs one (a cheap first test)."""
        if self._letters is None:
            self._letters = {name[:1] for name in self.local}
        if key[:1] in self._letters:
            return True
        answer = _starts_one(key[:1], self._base)
        if self.log is not None:
            self.log.append(("letter", key[:1], answer))
        return answer

    def initials(self, key: str) -> bool:
        """Whether two capitals ("KT") are a known name's first letter and another of its letters (Karthik)."""
        if _initials_of(key, self.local):
            return True
        answer = _initials_of(key, self._base)
        if self.log is not None:
            self.log.append(("initials", key, answer))
        return answer

    def inflected(self, key: str) -> bool:
        """Whether *key* is a known name of four letters or more with an ending of one to four letters ("jasurga"
        of Jasur, "nejcu" of Nejc), or with the "h" of a Celtic lenition after its first letter ("charys")."""
        if _inflection_of(key, self.local):
            return True
        answer = _inflection_of(key, self._base)
        if self.log is not None:
            self.log.append(("inflected", key, answer))
        return answer

    def extends(self, key: str) -> bool:
        """Whether *key* starts with a known name of five letters or more and runs two to five letters past it."""
        if _extends_name(key, self.local):
            return True
        answer = _extends_name(key, self._base)
        if self.log is not None:
            self.log.append(("extends", key, answer))
        return answer

    def matches(self, key: str) -> bool:
        if key in self:
            return True
        if self._local_index is None:
            self._local_index = _loose_index(frozenset(self.local))
        if _loose_match(key, *self._local_index):
            return True
        answer = _loose_match(key, *_group_index(self._base))
        if self.log is not None:
            self.log.append(("loose", key, answer))
        return answer


def same_answers(log: list[tuple[str, str, bool]], group: frozenset[str], base: frozenset[str]) -> bool:
    """Whether the group's names *group* (with variants; *base* as found) answer every question in *log* as
    the names known when :func:`find_names` wrote it did. Those questions are the only way the group's
    names reach the result, so the same answers mean the same names found.
    """
    for kind, key, answer in log:
        if kind == "in":
            now = key in group
        elif kind == "loose":
            now = _loose_match(key, *_group_index(base))
        elif kind == "letter":
            now = _starts_one(key, base)
        elif kind == "initials":
            now = _initials_of(key, base)
        elif kind == "inflected":
            now = _inflection_of(key, base)
        elif kind == "unspaced":  # the group's names in scripts without spaces, looked for inside their runs
            now = unspaced_known(base)
        elif kind == "arabic":  # the group's Arabic-script names that are also words
            now = known_arabic(base)
        elif kind == "extends":
            now = _extends_name(key, base)
        elif kind == "short":  # the group's names of one or two letters, read as initials
            now = _short_names(base)
        else:
            now = bool(group)
        if now != answer:
            return False
    return True


def _starts_one(letter: str, names) -> bool:
    return any(name[:1] == letter for name in names)


def _inflection_of(key: str, names) -> bool:
    """*key* is a name of *names* (four letters or more) with an ending of one to four letters, or lenited."""
    stems = [key]
    if len(key) >= 5 and key[1] == "h" and key[0] in "bcdfgmpst":
        stems.append(key[0] + key[2:])
    for stem in stems:
        for cut in range(0, 5):
            base = stem[: len(stem) - cut]
            ending = stem[len(base):]
            if len(base) >= 4 and (cut or stem is not key) and base in names and (not ending or ending.isalpha()):
                return True
    return False


def _extends_name(key: str, names) -> bool:
    """ "khadijetou" for Khadi: a name of five letters or more that *key* starts with, two to five letters short
    (not a long compound or a case form: "virágboltban" is no longer name than "Virág")."""
    return "-" not in key and any(len(name) >= 5 and 2 <= len(key) - len(name) <= 5 and key.startswith(name)
                                  for name in names)


def _initials_of(key: str, names) -> bool:
    """ "kt" for Karthik: a name's first letter, then another of its letters."""
    return any(len(name) >= 3 and name[0] == key[0] and key[1] in name[1:] for name in names)


def _loose_index(names: frozenset[str]) -> tuple[set[str], dict[str, set[str]]]:
    """Prefixes (of names of five letters or more), endings of four letters or more that leave three or more
    ("bola" of Adebola, "melie" of Amelie), and one-letter deletions (of names of four or more)."""
    prefixes = {name[:k] for name in names if len(name) >= 5 and name.isalpha() for k in range(3, len(name) - 1)}
    prefixes |= {"~" + name[k:] for name in names if len(name) >= 6 and name.isalpha() for k in range(1, len(name) - 3)}
    # Pet forms: a doubled start ("jojo" of Jonas, "mimi" of Miriam), a short name's stem with "-s" or "-es"
    # ("rubes" of Ruby), and a start spelt as it sounds ("pree" of Priya).
    prefixes |= {"^" + name[:k] for name in names if name.isalpha() for k in (2, 3) if len(name) > k}
    prefixes |= {"=" + name[:3] for name in names if len(name) == 4 and name.isalpha() and name[3] in "aeiouy"}
    prefixes |= {"%" + sound[:k] for name in names if ("y" in name or "ee" in name) and len(name) >= 5 and
                 name.isalpha() and (sound := _sound(name)) != name for k in range(3, len(name) - 1)}
    deletions: dict[str, set[str]] = {}
    for name in names:
        if len(name) >= 4 and name.isalpha():
            for k in range(len(name)):
                deletions.setdefault(name[:k] + name[k + 1 :], set()).add(name)
            deletions.setdefault(name, set()).add(name)
    return prefixes, deletions


_GROUP_INDEXES: dict[frozenset[str], tuple[set[str], dict[str, set[str]]]] = {}


def _group_index(names: frozenset[str]) -> tuple[set[str], dict[str, set[str]]]:
    index = _GROUP_INDEXES.get(names)
    if index is None:
        if len(_GROUP_INDEXES) > 64:
            _GROUP_INDEXES.clear()
        index = _GROUP_INDEXES[names] = _loose_index(names)
    return index


def _sound(key: str) -> str:
    """A name as it sounds, for matching a spelling by ear: "pree" and "priya" both start "pri"."""
    return key.replace("ee", "i").replace("y", "i")


def _loose_match(key: str, prefixes: set[str], deletions: dict[str, set[str]]) -> bool:
    if key in prefixes or "~" + key in prefixes or \
            any(key.endswith(s) and key[: -len(s)] in prefixes for s in ("ie", "ey", "y", "s")):
        return True
    n = len(key)
    if (n in (4, 6) and key[: n // 2] == key[n // 2 :] and "^" + key[: n // 2] in prefixes
            and key[: n // 2] not in vocabulary()) or \
            any(key.endswith(s) and "=" + key[: -len(s)] in prefixes for s in ("es", "s")):
        return True  # "jojo" of Jonas, "rubes" of Ruby; not "nono" (a doubled word) of Noah
    if "y" in key or "ee" in key:
        sound = _sound(key)
        if sound in prefixes or "%" + sound in prefixes:
            return True  # "pree" of Priya
    if len(key) < 4 or not deletions:
        return False
    variants = {key[:k] + key[k + 1 :] for k in range(len(key))} | {key}
    return any(key[:1] == name[:1] for v in variants for name in deletions.get(v, ()))


def _spread_known(doc: _Doc, candidates: list[int], verdicts: dict[int, str], seen: _Known) -> None:
    """A name found once is a name wherever it appears in the text or the group."""
    if not seen:
        return
    for i in candidates:
        if verdicts[i] == "yes":
            continue
        t = doc.facts[i]
        if t.key in NEVER_NAMES or t.key in RELATIONS:
            continue
        if t.key in PLACES_ALSO_NAMES and doc.prev(i) in PLACE_OR_TIME_PREPOSITIONS \
                and not doc.person_after(i, linking=False):
            continue  # "moving to Georgia" in a text that drove a Georgia to the airport
        if "(" in doc.gaps[i + 1] and (_PLACE_REMARK.match(doc.text, doc.end(i)) or
                                                     _place_in_brackets(doc, i)):
            continue  # "Chad (the country)", "Florence (Italy)" in a group that knows a Chad and a Florence
        if t.shape == "upper" and len(t.key) == 2 and not t.word and not t.slang and doc.message_start(i) \
                and doc.clause_end_after(i, comma=False) and seen.initials(t.key):
            verdicts[i] = "yes"  # "KT 😢" in a group that knows a Karthik
            continue
        if t.plain and t.common and doc.starts_sentence(i):  # "Gen, you are 44" in a group that knows a Gen
            if t.key in seen and _known_word_name(doc, i):
                verdicts[i] = "yes"
            elif t.key not in NOT_PERSON_CAPITALISED and seen.same_letter(t.key) \
                    and doc.person_after(i, linking=False) and seen.matches(t.key):
                verdicts[i] = "yes"  # "Bless held my hand" in a group that knows a Blessing
            continue
        if t.key not in seen and t.key not in NOT_PERSON_CAPITALISED and not t.proper and \
                (verdicts[i] == "maybe" or t.shape == "upper" or (t.word and _known_word_name(doc, i))) and \
                seen.matches(t.key):
            verdicts[i] = "yes"  # "tiff", "tiffy", "arju", "Aise" in a group that knows Tiffany, Arjun, Ayse
        elif (t.stretched_name is not None and t.stretched_name in seen) or \
                (t.readings and (any(reading in seen for reading in t.readings) or
                                 any(len(reading) >= 4 and seen.matches(reading) for reading in t.readings))):
            verdicts[i] = "yes"  # "zaraaa" after "zara", "JESSSS" after "Jess"
        elif len(t.key) >= 5 and not t.word and not t.common and not t.languages and not is_place(t.key) \
                and seen.inflected(t.key):
            verdicts[i] = "yes"  # "Jasurga", "Nejcu", "Rəşadın", "Charys": a known name with a case ending or lenited
        elif len(t.key) >= 7 and not t.word and not t.common and not t.languages and not is_place(t.key) \
                and seen.extends(t.key):
            verdicts[i] = "yes"  # "khadijetou" in a group that knows "khadi": the full name of a short form
        elif t.key[-1] == "s" and len(t.key) > 3 and (not t.word or not t.common) and t.key[:-1] in seen:
            verdicts[i] = "yes"  # "anyas": a chat possessive without the apostrophe; "Tills", a pet form of Till
        elif t.key in seen:
            if t.shape == "cap" and (not t.word or not doc.is_start(i)) and t.key not in NOT_PERSON_CAPITALISED:
                verdicts[i] = "yes"
            elif t.shape == "lower" and not t.word:
                verdicts[i] = "yes"
            elif t.shape == "upper" and not t.word:
                verdicts[i] = "yes"  # "TIFF"
            elif t.key not in NOT_PERSON_CAPITALISED and _known_word_name(doc, i):
                verdicts[i] = "yes"  # "hope was quiet today" in a group that knows a Hope
            elif t.shape != "lower" and not t.common and t.key not in NOT_PERSON_CAPITALISED:
                verdicts[i] = "yes"  # a rare word and the group's name: "Paddy at home", "HARRY we did it"
            elif t.key in NOT_PERSON_CAPITALISED and t.shape == "cap" and t.first and _person_context(doc, i):
                verdicts[i] = "yes"  # "just me and May" in a group that knows a May


def _person_context(doc: _Doc, i: int) -> bool:
    """A context only a person fits: a title, relation or verb taking a person before, a person verb after,
    "me and ..." before or "... and I" after."""
    return doc.strong_before(i) or doc.person_after(i, linking=False) \
        or _ME_AND_BEFORE.search(doc.text, max(0, doc.start(i) - 12), doc.start(i)) is not None


def _known_word_name(doc: _Doc, i: int) -> bool:
    """A name of the group that is also a word, in lower case or at a sentence start: a person context is
    enough here, as the group has already named someone so ("hope?", "hope was quiet", "thanks will")."""
    if len(doc.words) == 1:
        return True
    before = doc.prev(i)
    if before in DETERMINERS or before in _POSSESSIVES:
        return False
    if doc.person_after(i, linking=True) or before in OBJECT_VERBS or before in RELATIONS or before in TITLES:
        return True
    if doc.vocative_before(i) and doc.clause_end_after(i):
        return True
    if doc.words[i].isupper() and len(doc.words[i]) > 2 and doc.clause_end_after(i):
        return True  # "ur not on ur own TIFF 🫶"
    if _WHO_IS.search(doc.text, max(0, doc.start(i) - 10), doc.start(i)):
        return True  # "who is faith"
    if "(" in doc.gaps[i] and doc.gaps[i].rstrip().endswith("(") and doc.gaps[i + 1].lstrip()[:1] in (",", ")"):
        return True  # "JJ (jay, same person)": another name of someone just named
    if before in _CONJUNCTIONS and doc.prev2(i) in _PERSON_PRONOUNS and doc.clause_end_after(i):
        return True  # "take care of yourself and jay 🫶"
    if doc.message_start(i) and doc.next(i) in _CALLED_TO and doc.facts[i].key not in _AUXILIARY_NAMES:
        return True  # "faith pick up", "hope answer ur phone"
    if doc.apposition_after(i) or (doc.gap_kind(i) == "comma" and doc.clause_end_after(i, comma=False)):
        return True  # "BSN is 9 digits, will. count them"
    if i + 1 < len(doc.words) and doc.gaps[i + 1].strip()[:1] in ("?", "!") and doc.words[i][:1].isupper():
        return True  # "but HOPE???"
    return doc.starts_sentence(i) and (doc.clause_end_after(i) or doc.next(i) in VOCATIVE_FOLLOWERS)


def _spans(doc: _Doc, verdicts: dict[int, str]) -> list[Entity]:
    spans = []
    names = sorted(i for i, v in verdicts.items() if v == "yes")
    k = 0
    while k < len(names):
        i = j = names[k]
        while k + 1 < len(names) and names[k + 1] == j + 1 and _joins(doc, j):
            k += 1
            j = names[k]
        start, end = doc.start(i), doc.end(j)
        if i == j or fold(doc.text[start:end]) not in place_and_calendar_phrases() \
                or _near_address_word(doc.text, start, end):  # not "Santa Cruz", "Inti Raymi"; but in an address
            spans.append(Entity(start, end, "PERSON", doc.text[start:end]))
        k += 1
    return spans


def _joins(doc: _Doc, j: int) -> bool:
    """Two adjacent name tokens form one name when only a space separates them."""
    return not doc.possessive(j) and doc.gaps[j + 1] == " "


def _surname_like(doc: _Doc, j: int, first: _Word) -> bool:
    t = doc.facts[j]
    if not t or t.key in NOT_PERSON_CAPITALISED or t.key in NEVER_NAMES or doc.is_start(j):
        return False
    if first.shape == "lower":
        return t.shape == "lower" and "L" in t.flags and not t.word
    if first.shape == "upper" and t.shape == "upper":
        return not t.word or ("L" in t.flags and not t.common)  # "SUNITA KAUR"; not "JAKE SAID"
    if t.shape != "cap":
        return False
    # A rare word after a given name no list knows is a surname too: "Mei-Ling Chow".
    return (not t.word or "L" in t.flags or (first.unknown and not t.common and not t.proper)) \
        and not doc.names_an_organisation(j)


def _extend_full_names(doc: _Doc, verdicts: dict[int, str]) -> None:
    n = len(doc.words)
    for i in sorted(i for i, v in verdicts.items() if v == "yes"):
        if i + 1 >= n or doc.possessive(i) or verdicts.get(i) != "yes":
            continue
        j = i + 1
        first = doc.facts[i]
        if not first:
            continue  # a speaker whose name is also a chat word ("ty:")
        if (doc.key(j) in _NAME_PARTICLES or (doc.key(j) == "o" and doc.words[j] != "o")) and j + 1 < n \
                and doc.words[j + 1][:1].isupper() and doc.gaps[j] == " " and doc.gaps[j + 1] == " " \
                and first.shape in ("cap", "upper") \
                and doc.facts[j + 1]:
            verdicts[j] = verdicts[j + 1] = "yes"
            continue
        if verdicts.get(j) != "yes" and doc.gaps[j] == " " and _surname_like(doc, j, first) \
                and not doc.ordinary_in_its_language(j):
            verdicts[j] = "yes"
    # "Grace Okafor", "Rose Adebayo-Clarke", "Nguyễn Thị Lan": a given name before a surname already found;
    # "van der Berg", "Ó Briain": particles before one.
    for i in sorted((i for i, v in verdicts.items() if v == "yes"), reverse=True):
        if i == 0 or verdicts.get(i - 1) == "yes" or doc.gaps[i] != " ":
            continue
        t, first = doc.facts[i], doc.facts[i - 1]
        if t and (t.shape == "cap" or doc.key(i) in _LEADING_PARTICLES) and doc.key(i - 1) in _LEADING_PARTICLES:
            k = i - 1
            while k >= 0 and doc.key(k) in _LEADING_PARTICLES and (k == i - 1 or doc.gaps[k + 1] == " "):
                verdicts[k] = "yes"
                k -= 1
            continue
        if not (first and t and first.shape == "cap" and t.shape == "cap" and not t.word) or doc.possessive(i - 1):
            continue
        if first.key in MONTHS and "F" in first.flags and (i < 2 or doc.prev(i - 1) not in PLACE_OR_TIME_PREPOSITIONS):
            verdicts[i - 1] = "yes"  # "June Alvarez, my daughter"; not "in June Alvarez moved"
        # A family name before a given name already found: "Nguyễn Thị Lan".
        if first.key not in NOT_PERSON_CAPITALISED and first.key not in NEVER_NAMES \
                and first.key not in RELATIONS and first.key not in TITLES and not first.plain \
                and ("F" in first.flags or first.unknown or ("L" in first.flags and not first.word)
                     or (first.first and first.word and doc.is_start(i - 1))) \
                and not doc.ordinary_in_its_language(i - 1):  # not "Вчера Оксана" ("yesterday Oksana")
            verdicts[i - 1] = "yes"
