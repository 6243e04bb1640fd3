"""Ages that only their sentence makes ages: "when I was 19", "married at 17", "how old is he? — 34".

Three shapes, each bound to a clause that can only be about someone's age:
- a clause of time about a person's past: "when I was 19", "since she was 12", "until he turned 30";
- a life event at an age: "had a baby at 25", "threw her out at 17" ("married at seventeen" is left to the
  number-word rules), and the Spanish and Portuguese "a los 19", "aos 19";
- the answer to a question about someone's age, in the next words or the next chat line: "how old is he?
  rikke: 34.", "asked his age (31)", "сколько ему лет? aika: 27." (the question words of 20 languages, and
  the questions of 129 languages in ``data/age_questions.tsv``);
- a subject and its copula opening a clause, then a number closing it or followed by "and", in the phrases
  of ``data/age_subjects.tsv`` (122 languages): "ik ben 38 en", "Мне 29,", "Jag är 45.".

The two data files were written for the project by helpers from general knowledge (``data/NOTICE.md``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .ages_abroad import SHORT_NUMBER
from .entities import Entity

_I = re.IGNORECASE
_AGE = r"(?P<age>[1-9]\d?|1[01]\d)"
# What may not follow an age: a unit, a time, a share, a fraction, a range, a bigger number, a foot or inch mark
# right after it ("5'4"; a quote after a space opens a quotation: "since i was 15 'no bin kas'").
_NOT_AN_AGE_AFTER = re.compile(
    r"(?:[:.,/%]\d|\d|\s*(?:%|am\b|pm\b|a\.m|p\.m|h\b|min|hours?|hrs?|days?|weeks?|months?|minutes?|kg|km|cm|lbs?|"
    r"miles?|percent|times|o'?clock|euros?|dollars?|pounds|quid|bucks|messages?|texts?|calls?|people|kids|pages?|"
    r"points?|steps|floors?|meses|mes|d[íi]as|semanas|horas|minutos|segundos|metros|pesos|degrees?|°|feet|foot|"
    r"ft\b|seconds?|secs?|metres?|meters?|m\b|mph|kph|followers|likes|views|of\b|-\s*\d)|['\"′])",
    _I,
)

WHEN_WAS = re.compile(
    r"\b(?:when|since|until|till|before|after|because|once|by the time|back when)\s+"
    r"(?:i|he|she|we|they|you|u|my\s+\w+|his\s+\w+|her\s+\w+|(?-i:[A-Z][a-z]+))\s+(?:was|were|turned|got to)\s+"
    r"(?:only\s+|just\s+|about\s+|around\s+|barely\s+|like\s+)?" + _AGE + r"\b",
    _I,
)
# Spanish and Portuguese say "at 19" of an age with the article of years: "a los 19", "aos 19" ("a las 10" is a time).
# ("desde los 19 hasta", "hasta los 15": from and until an age; not "desde los 90", the decade.)
AT_THE_AGE = re.compile(r"(?<!\w)(?:a\s+los|aos|(?:desde|hasta)\s+los\s+(?![2-9]0\b))\s*" + _AGE
                        + r"\b(?!\s+(?!a[ñn]os\b)[a-zà-ÿ]+s\b)", _I)
# Spanish "tiene" and Portuguese "tem" give an age without "años" only after a person ("mi vieja tiene 74 y",
# "Nina tiene 19 😂"), and only a number closing its clause ("mi clase tiene 25." is a count).
HAS_AGE = re.compile(
    r"(?:(?-i:\b[A-ZÁÉÍÓÚÑ][a-záéíóúñ]+)|\b(?:él|ella|ele|usted|vieja|viejo|mamá|papá|madre|padre|mãe|pai|abuela|"
    r"abuelo|avó|avô|hermana|hermano|irmã|irmão|hijo|hija|filho|filha|novio|novia|namorado|namorada|esposo|esposa|"
    r"marido|mujer|chango|changa|chamo|chama|amigo|amiga|primo|prima|tío|tía|tio|tia|ahora|agora|hoy|hoje))"
    r"\s+(?:ya\s+|já\s+)?(?:tiene|tem)\s+" + _AGE
    + r"(?=\s*(?:[.,;!?)\n]|$|[\U0001F300-\U0001FAFF])|\s+(?:y|e|pero|mas)\s)",
    _I,
)
# The past forms of "to have" whose subject is a person anyway ("cuando tenía 15.", "Joaquín tenía 8 cuando nos
# separamos", "eu tinha 19 e"): the number closing its clause, or before "when" (the present "tengo", "tens" are
# read, from 13, by ages_abroad: "¿cuántos hijos tienes? tengo 2." is a count).
HAD_AGE = re.compile(
    r"\b(?:tenía|tenia|tenías|tenias|teníamos|teniamos|tinha|tínhamos|tinhamos)\s+"
    r"(?:ya\s+|já\s+|apenas\s+|solo\s+|sólo\s+|só\s+)?" + _AGE +
    r"(?=\s*(?:[.,;!?)\n]|$|[\U0001F300-\U0001FAFF])|\s+(?:y|e|pero|mas|cuando|quando|cuand)\s)",
    _I,
)
# Creoles and chat state an age without a verb: "me 30 and she still…", "she 63, retired", "hem i 19 nomo",
# "mi da 24 an…" (a pronoun opening its clause, a number of 13 or more, then the clause's end or "and").
PRONOUN_AGE = re.compile(
    r"(?:^|(?<=[.!?,;:\n])[ \t]*|(?<=\band )|(?<=\bbut )|(?<=\ban )|(?<=\bbot )|(?<=\bbat ))"
    r"(?:me|mi|she|shi|he|hi|hem(?:\s+i)?|em\s+i|yu|im)\s+(?:da\s+|a\s+)?(?P<age>1[3-9]|[2-9]\d)"
    r"(?=[ \t]*(?:[.,;!?\n]|$)|\s+(?:and|an|nomo|now|nao|years|yrs|yia)\b)",
    _I | re.MULTILINE,
)
# Malay and Indonesian "already" and the age, closing its clause: "Bapak saya sudah 67 dan ...", "tama sudah 63,".
ALREADY_AGE = re.compile(
    r"\b(?:sudah|udah|dah)\s+(?P<age>1[3-9]|[2-9]\d)"
    r"(?=[ \t]*(?:[.,;!?)\n]|$)|\s+(?:dan|tapi|jadi|pun|lho|loh|lah)\b)", _I)
# Russian, Ukrainian and Belarusian state an age with the person in the dative, often with "was", "will be"
# or "turned": "мне было 23", "Ей будет 32.", "ему 7, живёт у мамы", "Сыну сейчас 11", "мені було 19". The
# number closes its clause or takes the word for years; "мне было 5 минут" is no age.
_DATIVE_PERSONS = ("мне тебе ему ей нам вам им мені тобі йому їй сыну сыночку дочке дочери доньці сину маме папе "
                   "мамі татові бабушке дедушке бабусі дідусеві брату сестре сестрі мужу жене чоловікові "
                   "дружині ребёнку ребенку дитині")
_DATIVE_LINKS = ("тогда сейчас уже только всего почти ещё еще было будет исполнилось исполнится исполняется "
                 "стукнуло тоді зараз вже тільки ще було буде виповнилося виповниться")
DATIVE_AGE = re.compile(
    rf"(?<!\w)(?:{'|'.join(_DATIVE_PERSONS.split())})(?:\s+(?:{'|'.join(_DATIVE_LINKS.split())})){{0,2}}"
    r"\s+(?P<age>\d{1,3})"
    r"(?=[ \t]*(?:[.,;!?)»\n…]|$|[\U0001F300-\U0001FAFF])|\s+(?:лет|год|года|годик|годика|годиков|рік|роки|років)\b"
    r"|\s+(?:и|а|но|і|але)\s)",
    _I,
)
# The word for years after an age, in the languages that state an age so ("34 ans", "78 anos", "29 years").
_YEARS_WORDS = ("ans años anos anys anni agns years yrs jahre jaar år ár lat let лет года год tahun urte ετών "
                "χρονών vjeç yaş éves metų gadi aastat vuotta ani")
# An age set off by commas or a bracket after the person it describes: "Aminata, 34 ans, mariée",
# "(a minha mãe, 78 anos, radar sempre ligado)", "La iaia Pepa, de 92 anys, només", "anta, 29 years,".
# A duration is rarely set off so; "ces 10 ans, c'est long" has no comma before the number.
APPOSITIVE_YEARS = re.compile(
    r"(?:(?<=,)|(?<=\())[ \t]*(?:de[ \t]+)?(?P<age>\d{1,3})[ \t]+"
    rf"(?:{'|'.join(_YEARS_WORDS.split())})(?=[ \t]*[,;)]|[ \t]*$)",
    _I | re.MULTILINE,
)
# Spanish, Portuguese and Catalan give an age as "with N years" ("yo con 22 años quixi", "con sus 22 años",
# "com 17 anos", "amb 7 anys"; "at N years", "à 8 ans", was read before). Not before "de": "con 5 años de
# experiencia".
WITH_YEARS = re.compile(
    r"(?<!\w)(?:con|com|amb)[ \t]+(?:sus[ \t]+|seus[ \t]+|els[ \t]+|ses[ \t]+|suoi[ \t]+)?(?P<age>\d{1,2})"
    r"[ \t]+(?:años|anos|anys|ans|anni)\b(?![ \t]+(?:de|d'|d’|di|da)\b)",
    _I,
)
# A life event, then "at" and the age, in the same clause.
AT_AN_EVENT = re.compile(
    r"\b(?:married|marry|pregnant|had\s+(?:a\s+baby|a\s+child|a\s+son|a\s+daughter|twins|me|him|her|my\s+\w+)|"
    r"a\s+(?:baby|child|son|daughter|mum|mom|mother|father|dad|widow|widower)|widowed|divorced|engaged|"
    r"diagnosed|came\s+out|come\s+out|coming\s+out|kicked\s+(?:\w+\s+)?out|threw\s+(?:\w+\s+)?out|"
    r"thrown\s+out|moved\s+out|left\s+home|left\s+(?:me|him|her|us)|dropped\s+out|ran\s+away|emigrated|"
    r"lost\s+(?:my|his|her|their|our)\s+(?:mum|mom|mother|dad|father|virginity|husband|wife|parents?))"
    r"[^.!?\n;]{0,30}?\bat\s+" + _AGE + r"\b"
    r"(?!\s*(?:this|last|in\s+the|tonight|tomorrow|today|yesterday|sharp|o'?clock|am\b|pm\b|a\.m|p\.m|:|to\s+catch))",
    _I,
)
# A question about someone's age; its answer comes within the next words.
AGE_QUESTION = re.compile(
    r"(?:how\s+old(?!\s+(?:is|was)\s+(?:the|it|that|this)\s+(?!guy|girl|boy|man|woman|baby|kid))|"
    r"\b(?:his|her|your|their|the\s+guy's|ur)\s+age\b|\bage\s*\?|quel\s+[âa]ge|wie\s+alt|"
    r"hvor\s+gammel|hur\s+gammal|cu[áa]ntos\s+a[ñn]os|quantos\s+anos|сколько\s+(?:\w+\s+)?лет|"
    r"скільки\s+(?:\w+\s+)?років|колко\s+(?:\w+\s+)?години|koliko\s+(?:\w+\s+)?godina|kaç\s+yaşında|"
    r"neçə\s+yaş|几岁|幾歲|多大|몇\s*살|何歳|كم\s+عمر|چند\s+سال|ilang\s+taon|berapa\s+umur|umur\s+berapa|"
    r"ile\s+(?:\w+\s+)?lat|hány\s+éves|kuinka\s+vanha|hoe\s+oud|πόσο\s+χρονών|πόσων\s+χρονών|quanti\s+anni|"
    r"wangapi\s+miaka|miaka\s+mingapi)",
    _I,
)
# The answer: the first number after the question, alone or opening its line or clause.
_ANSWER = re.compile(
    r"[^\d\n]{0,40}?(?:[?;？][ \t]*)?(?:\n[ \t]*[^\s:]{1,24}[ \t]*:[ \t]*|\n|[?:)—–]\s*|\(\s*|\bi\s+said\s+|\bsaid\s+|"
    r"\.\s+)(?:(?:about|around|like|maybe|only|just|almost|nearly)\s+)?" + _AGE + r"(?=\s*(?:[.,;!?)\n]|$|\s+\w))",
    _I,
)
_REACH = 80
_DURATION_QUESTION = re.compile(
    r"\b(?:llevan?|llevas|juntos|juntas|casados|together|married|been|since|worked|working|вместе|женаты|замужем|"
    r"работаешь|работает|radiš|radi|zajedno|trabajando|trabalhando|juntos)\b[^?\n]*\?", _I)


def _phrases(name: str) -> list[list[str]]:
    text = resources.files("toolkit.anonymize").joinpath("data", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _alternation(phrases) -> str:
    """A regular-expression alternation of literal phrases, longest first, any run of spaces between words."""
    unique = sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "|".join(r"\s+".join(map(re.escape, p.split(" "))) for p in unique) or "(?!)"


_CLAUSE_OPENERS = ".!?,;:\n…。！？，"
_SPACES = re.compile(r"[ \t]+")
# Words for "and" or "but" in one language that are prepositions, articles or pronouns in many others: after an
# age they say nothing ("5 ans de retard", "15 jaar met").
_NOT_AND = frozenset("a o w an da de di do du is la le ma me mo na ra si sy ta te tp un wa we".split())
_UNSPACED_SCRIPT = re.compile(r"[\u0E00-\u0EFF\u1000-\u109F\u1780-\u17FF\u0F00-\u0FFF\u3040-\u30FF\u3400-\u9FFF]")


@lru_cache(maxsize=1)
def _subjects() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...], re.Pattern]:
    """The subjects of ``data/age_subjects.tsv`` by their last word ("ik ben" under "ben"), those of scripts
    written without spaces ("我今年"), and what may follow the age: the clause's end, or "and" or "but"."""
    rows = _phrases("age_subjects.tsv")
    by_last: dict[str, set[str]] = {}
    unspaced = set()
    for row in rows:
        if row[1] == "subject" and row[2].split():
            phrase = " ".join(row[2].lower().split())
            by_last.setdefault(phrase.rsplit(" ", 1)[-1], set()).add(phrase)
            if _UNSPACED_SCRIPT.match(phrase[-1]):
                unspaced.add(phrase)
    ands = (row[2] for row in rows if row[1] == "and" and row[2].lower() not in _NOT_AND)
    after = re.compile(r"[ \t]*(?:[.,;!?)\n…。！？，،؛岁歳살]|$|[\U0001F300-\U0001FAFF])|\s+(?:"
                       + _alternation(ands) + r")\s", _I)
    return ({word: tuple(sorted(p, key=len, reverse=True)) for word, p in by_last.items()},
            tuple(sorted(unspaced)), after)


def _stated_after_subject(text: str, p: int, end: int) -> bool:
    """Whether the number at text[p:end] (13 to 99) follows a subject that opens its clause ("ik ben 38 en")."""
    return 13 <= int(text[p:end]) <= 99 and subject_ends_at(text, p, clause_start=True) \
        and _subjects()[2].match(text, end) is not None


def age_clause_goes_on(text: str, pos: int) -> bool:
    """Whether the clause of an age ends at *pos* or goes on with "and" or "but" ("Jag är 26 år och ...")."""
    return _subjects()[2].match(text, pos) is not None


def subject_ends_at(text: str, p: int, clause_start: bool = False) -> bool:
    """Whether a subject of ``data/age_subjects.tsv`` ("jag är", "мне", "我今年") ends right before offset *p*,
    as whole words, and with *clause_start* also opens its clause."""
    by_last, unspaced, _ = _subjects()
    window = text[max(0, p - 40) : p]
    words = window.rsplit(None, 1)
    last = words[-1].lower() if words else ""
    candidates = by_last.get(last, ())
    if not candidates and last.endswith(unspaced):
        candidates = tuple(u for u in unspaced if last.endswith(u))
    if not candidates:  # the usual case: the word before the number ends no subject
        return False
    stripped = _SPACES.sub(" ", window.lower()).rstrip(" ")
    for phrase in candidates:
        if stripped.endswith(phrase):
            before = stripped[: len(stripped) - len(phrase)]
            if before and before[-1].isalnum():
                continue
            before = before.rstrip(" \t")
            if not clause_start or (not before and p <= 40) or (before and before[-1] in _CLAUSE_OPENERS):
                return True
    return False


@lru_cache(maxsize=1)
def _questions_by_first_word() -> dict[str, tuple[re.Pattern, ...]]:
    """The age questions of ``data/age_questions.tsv`` by their first word ("quanti anni hai" under "quanti")."""
    table: dict[str, list[str]] = {}
    for row in _phrases("age_questions.tsv"):
        phrase = " ".join(row[1].lower().split())
        if phrase:
            table.setdefault(_FIRST_WORD.match(phrase).group(), []).append(phrase)
    return {word: (re.compile(r"(?:" + _alternation(phrases) + r")(?!\w)", _I),) for word, phrases in table.items()}


_FIRST_WORD = re.compile(r"\S+?(?=\s|$)|\S+")
_WORDS = re.compile(r"(?<!\w)[^\s?？؟.,!:;\"()]+")


def _more_questions(text: str, lower: str) -> list[re.Match]:
    """Where the questions of ``data/age_questions.tsv`` stand in a text (only one with a question mark)."""
    table = _questions_by_first_word()
    found = []
    for w in _WORDS.finditer(lower):
        for regex in table.get(w.group(), ()):
            m = regex.match(text, w.start())
            if m is not None:
                found.append(m)
    return found


@lru_cache(maxsize=1)
def _by_word_before() -> dict[str, tuple[re.Pattern, ...]]:
    """The word right before the number says which shapes can end there."""
    table: dict[str, tuple[re.Pattern, ...]] = {}
    for words, regex in (("was were turned to only just about around barely like", WHEN_WAS), ("at", AT_AN_EVENT),
                         ("los aos", AT_THE_AGE), ("tiene tem", HAS_AGE),
                         ("me mi she shi he hi hem i yu im da a", PRONOUN_AGE),
                         ("tenía tenia tenías tenias teníamos teniamos tinha tínhamos tinhamos ya já apenas solo sólo "
                          "só", HAD_AGE), ("sudah udah dah", ALREADY_AGE),
                         (f"{_DATIVE_PERSONS} {_DATIVE_LINKS}", DATIVE_AGE),
                         ("con com amb sus seus els ses suoi", WITH_YEARS)):
        for word in words.split():
            table[word] = table.get(word, ()) + (regex,)
    return table


# The words the question can be spotted by, for a cheap test first (on the lower-cased text).
_QUESTION_KEYS = ("how old", " age", "age?", "âge", "wie alt", "gammel", "gammal", "cuántos", "cuantos", "quantos",
                  "сколько", "скільки", "колко", "koliko", "yaş", "几岁", "幾歲", "多大", "살", "何歳", "عمر", "سال",
                  "ilang taon", "umur", " lat", "hány", "vanha", "hoe oud", "χρον", "quanti", "miaka")
_QUESTION_HINT = re.compile("|".join(map(re.escape, _QUESTION_KEYS)))
_REACH_BACK = 90


def ages_in_context(text: str, numbers: list[int] | None = None, lower: str | None = None) -> list[Entity]:
    """AGE spans (the number only) of the three shapes above.

    Examples
    --------
    >>> [e.text for e in ages_in_context("When I was 19 I was warded. She had a baby at 25 and left.")]
    ['19', '25']
    >>> [e.text for e in ages_in_context("how old is he now? rikke: 34. he got divorced")]
    ['34']
    >>> ages_in_context("when I was 5 minutes late; we meet at 19:30")
    []
    """
    if numbers is None:
        numbers = [m.start() for m in SHORT_NUMBER.finditer(text)]
    found = []
    by_word_before = _by_word_before()
    for p in numbers:  # each shape ends at its number: looked for just before each one, by the word before it
        word = text[max(0, p - 12) : p].rsplit(None, 1)[-1:]
        end = p + 1
        while end < len(text) and text[end].isdigit():
            end += 1
        if word and _stated_after_subject(text, p, end):
            found.append(Entity(p, end, "AGE", text[p:end]))
            continue
        if word and word[0][-1] in ",(" or word == ["de"]:
            m = APPOSITIVE_YEARS.match(text, text.rfind(",", max(0, p - 8), p) + 1 or text.rfind("(", 0, p) + 1)
            if m is not None and m.start("age") == p:
                found.append(Entity(p, end, "AGE", text[p:end]))
                continue
        for regex in by_word_before.get(word[0].lower(), ()) if word else ():
            # The window may hold an earlier match ("a los 23 me casé y a los 25"): the one ending here counts.
            m = next((m for m in regex.finditer(text, max(0, p - _REACH_BACK), p + 40)  # room for the look-aheads
                      if m.start("age") == p and not _NOT_AN_AGE_AFTER.match(text, m.end("age"))), None)
            if m is not None:
                found.append(Entity(m.start("age"), m.end("age"), "AGE", m.group("age")))
                break
    if not numbers:
        return found
    lower = text.lower() if lower is None else lower
    questions = []
    if any(key in lower for key in _QUESTION_KEYS):  # substring tests are the cheapest
        searched_to = 0
        for hint in _QUESTION_HINT.finditer(lower):  # the question is looked for only around its words
            q = AGE_QUESTION.search(text, max(searched_to, hint.start() - 24), hint.end() + 24)
            if q is not None:
                searched_to = q.end()
                questions.append(q)
    if "?" in text or "？" in text or "؟" in text:
        questions.extend(_more_questions(text, lower))
    answered = set()
    for q in questions:
        if _DURATION_QUESTION.search(text, q.start(), q.end() + 40):
            continue  # "¿Cuántos años llevan casados?", "Сколько лет вы вместе?": a duration, not an age
        m = _ANSWER.match(text, q.end(), q.end() + _REACH)
        if m is not None and m.start("age") not in answered and not _NOT_AN_AGE_AFTER.match(text, m.end("age")):
            answered.add(m.start("age"))
            found.append(Entity(m.start("age"), m.end("age"), "AGE", m.group("age")))
    return found
