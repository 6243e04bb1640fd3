"""Long numbers that no other rule explains: most likely someone's identifier.

Writers paste ID, tax, bank and health numbers of every country with no cue
word ("found a photocopy in my bag, 27418835", "mine is 120689-11537"), and
no list of national formats covers them all. A run of seven digits or more
(six with letters attached, "ΑΜ 418273", "K683451(4)") that no other rule
took is reported as an ID number (a phone after a phone word), unless it
reads as an amount or a count (a currency or a money verb beside it, a
counted noun after it), a date, a span of years or a decimal number. A full
date with a year of birth and no event word before it is a date of birth.
It runs last, on what the other rules left.
"""

from __future__ import annotations

import re

from .entities import Entity, SpanSet
from .id_formats import DATE_LIKE

# Digit groups joined by one separator (". - / space"), maybe with up to three letters before ("ΑΜ 418273",
# "УЕ94031218") or two capitals after ("958481276V", "8463152 LP"), or a check digit in brackets ("K683451(4)").
_RUN = re.compile(
    r"(?<![\w@#+/.:,=?&%-])(?P<pre>[^\W\d_]{1,3}[ -]?)?\d+(?:[ ./-]\d+)*(?:\(\d\))?"
    r"(?:[ -]?(?P<post>(?-i:[A-Z]{1,2}))(?![^\W\d_&]))?(?![\w@/]|[.,:-]\d)"
)
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
# Capitals after a number that are words or abbreviations, not part of it ("27418835 OK", "10 AM").
_NOT_A_SUFFIX = frozenset("OK AM PM AD BC TV UK US EU NO SO OR IF IS IT IN ON AT TO BY MY ME WE HE BE DO GO UP I A"
                          .split())
# Amounts: a currency sign, a currency's name (any case) or its code (in capitals, as codes are written: "TRY",
# "MAD" and "BOB" are English words in lower case) just before or after ("500 000 Ar", "Gs. 1.500.000").
_CURRENCY_NAMES = frozenset("""
dollar dollars euro euros pound pounds peso pesos reais rupee rupees rs lakh lakhs crore yuan rmb yen naira cedi cedis
shilling shillings ksh fcfa cfa franc francs dh dhs dirham dirhams dinar dinars riyal riyals rial rials lira liras tl
lei lev leva kr kroner kronor krona zł zl kč ft ruble rubles rouble roubles руб рублей рублів грн гривень tenge som soms
manat lari dram birr ariary meticais metical kwanza bolivares bolívares colones colón lempiras lempira quetzales
guaranies guaraníes gs soles bolivianos gourde gourdes frw kip baht riel kyat tugrik ringgit rm rp rupiah dong đ cents
""".split())
_CURRENCY_CODES = frozenset("""
USD EUR GBP INR JPY CNY RMB KRW NGN GHS KES TZS UGX ZAR XOF XAF MAD DZD TND EGP SAR AED QAR KWD OMR BHD JOD LBP SYP IQD
TRY RON BGN RSD BAM MKD ALL HRK PLN CZK HUF SEK NOK DKK ISK CHF RUB UAH BYN KZT KGS UZS TJS TMT AZN GEL AMD ETB MGA MZN
AOA VES COP ARS MXN CAD AUD NZD BRL CLP PEN BOB PYG UYU CRC HNL GTQ NIO PAB DOP CUP HTG JMD TTD BZD RWF BIF CDF ZMW MWK
BWP NAD SOS DJF LAK THB KHR MMK MNT MYR IDR PHP VND LKR PKR BDT NPR AFN BTN MVR MUR SCR FJD WST TOP PGK
""".split())
_CURRENCY_SIGNS = "£$€¥₹₽₺₩₦₱₫৳₴₸₾₼₭₮﷼¢"
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?\s*$")
_WORD_AFTER = re.compile(r"\s*([^\W\d_]+)")
# Words that make a number an amount or a count: "paid 1500000", "1200000 followers".
_MONEY_VERBS = frozenset("""paid pay pays paying cost costs costing spent spend owe owes owed borrowed lent lend earn
earns earned earning salary price priced worth budget rent loan debt debts saved save sold bought won lost raised"""
                         .split())
_COUNT_NOUNS = frozenset("""followers views likes subscribers downloads streams plays users people steps calories
members votes signatures comments shares visitors times km miles kg metres meters""".split())
_YEARS = re.compile(r"(?:19|20)\d\d(?:\s?[-/–]\s?(?:19|20)\d\d)*")
_SLASHED_DATE = re.compile(r"\d{1,2}/\d{1,2}/(?:\d\d){1,2}|(?:19|20)\d\d/\d{1,2}/\d{1,2}")
# A decimal number ("3.14159265", "-0.1277580") has one dot; dotted IDs ("44.287.093") have two or more.
_DECIMAL = re.compile(r"\d{1,3}\.\d{4,}")
# A compact date, year first ("20240115"): a date, not an ID.
_COMPACT_DATE = re.compile(r"(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
# A full date with a year in which someone alive and writing was born, that no date-of-birth cue announced:
# in the texts people write about themselves it is nearly always a birth date ("Sofi is 05/19/2016").
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_BIRTH_YEAR = r"(?:19[2-9]\d|20[01]\d)"
_BIRTH_DATE = re.compile(rf"(?:{_DAY}/{_MONTH}|{_MONTH}/{_DAY})/{_BIRTH_YEAR}|{_BIRTH_YEAR}/{_MONTH}/{_DAY}")
# The same with dots or dashes, maybe spaced after the dots ("17.04.1994", "1993.07.21", "14. 7. 1993").
_DOTTED_BIRTH_DATE = re.compile(
    rf"(?<![\w.,/:-])(?:{_DAY}(?:\. ?|-){_MONTH}(?:\. ?|-){_BIRTH_YEAR}|{_BIRTH_YEAR}[.-]{_MONTH}[.-]{_DAY})"
    r"(?![\w/-]|[.,:]\d)"
)
_SLASHED_BIRTH_DATE = re.compile(r"(?<![\w.,/:-])(?:" + _BIRTH_DATE.pattern + r")(?![\w/-]|[.,:]\d)")
# A date after these is the date of an event, not a birth ("Dad died on 12/03/2009", "version 12.06.2019").
_EVENT_BEFORE = re.compile(
    r"\b(?:on|since|until|till|from|by|after|before|died|passed|married|wedding|divorced?|divorce|moved|surgery|"
    r"funeral|graduated|anniversary|final|version|v|release|released|updated|patch|dated|due|expires?|expiry|"
    r"issued|valid|el|le|am|em|dne|od|do)\b\W{0,3}$",
    re.IGNORECASE,
)
# A phone word shortly before: the number is a phone ("pon mi celu 72841936", "zvala sa 063/472-1190").
PHONE_WORD = re.compile(
    r"(?<!\w)(?:call|ring|text|phone|mobile|mob|cell|celu|celular|cel|móvil|movil|tel|tél|telefone?|telefon|"
    r"telèfon|teléfono|telefono|téléphone|portable|handy|whatsapp|wa|sms|landline|телефон|тел|моб|zvala|zovi|"
    r"nazovi|appelle|llama|llámame|liga|ligue)\b[^\n.!?]{0,25}$",
    re.IGNORECASE,
)


def find_bare_numbers(text: str, taken: SpanSet, placeholders: SpanSet | None = None) -> list[Entity]:
    """ID_NUMBER spans (PHONE after a phone word) of long numbers outside *taken* (the candidates of the other
    rules) and *placeholders*; full dates with a year of birth and no event word before them are DOB spans.

    Examples
    --------
    >>> [e.text for e in find_bare_numbers("mine is 110938265 anyway, she paid 1,250,000", SpanSet())]
    ['110938265']
    >>> find_bare_numbers("rent 1.500.000 Gs, from 2019-2023, at 10.30, paid 1500000", SpanSet())
    []
    >>> [(e.type, e.text) for e in find_bare_numbers("nací?? 4/2/2002 🙄", SpanSet())]
    [('DOB', '4/2/2002')]
    """
    placeholders = placeholders if placeholders is not None else SpanSet()
    found: list[Entity] = []
    dates = SpanSet()
    date_ends = {}
    for regex in (_DOTTED_BIRTH_DATE, _SLASHED_BIRTH_DATE):
        for m in regex.finditer(text):
            start, end = m.start(), m.end()
            if dates.overlaps(start, end):
                continue
            dates.add(start, end)  # a date is never part of an ID number, birth date or not
            date_ends[start] = end
            if not (taken.overlaps(start, end) or placeholders.overlaps(start, end)
                    or _EVENT_BEFORE.search(text, max(0, start - 16), start)):
                found.append(Entity(start, end, "DOB", m.group()))
    for m in _RUN.finditer(text):
        pre, post = m.group("pre"), m.group("post")
        start = m.start() if pre is None or pre.isupper() else m.start("pre") + len(pre)  # "is 0109…": not "is"
        end = m.end() if post is None or post not in _NOT_A_SUFFIX else m.start("post")
        if start in date_ends:  # "17.04.1994 12345678": the date, then a number of its own
            start = date_ends[start]
            start += len(text[start:end]) - len(text[start:end].lstrip(" ./-"))
        value = text[start:end].rstrip(" -")
        if "/" in value and " " in value:  # "05/19/2016 2 kids": a date and a count, not one number
            value = value.split(" ", 1)[0]
        end = start + len(value)
        digits = len(_DIGIT.findall(value))
        if digits < 7 and not (_LETTER.search(value) and digits >= 6):
            continue
        if (pre and pre.strip(" -") in _CURRENCY_CODES) or taken.overlaps(start, end) \
                or placeholders.overlaps(start, end) or dates.overlaps(start, end) \
                or is_amount(text, start, end) or _not_an_id(value):
            continue
        phone = PHONE_WORD.search(text, max(0, start - 40), start)
        found.append(Entity(start, end, "PHONE" if phone else "ID_NUMBER", value))
    return found


def is_amount(text: str, start: int, end: int) -> bool:
    """An amount or a count: a currency or a money verb before, a currency or a counted noun after."""
    before = text[max(0, start - 12) : start]
    after = text[end : end + 14]
    sign_before, sign_after = before.rstrip()[-1:], after.lstrip()[:1]
    if (sign_before and sign_before in _CURRENCY_SIGNS) or (sign_after and sign_after in _CURRENCY_SIGNS):
        return True
    for word in (_WORD_BEFORE.search(before), _WORD_AFTER.match(after)):
        if word is not None and (word.group(1) in _CURRENCY_CODES or word.group(1).casefold() in _CURRENCY_NAMES):
            return True
    word = _WORD_BEFORE.search(before)
    if word is not None and word.group(1).casefold() in _MONEY_VERBS:
        return True
    word = _WORD_AFTER.match(after)
    return word is not None and word.group(1).casefold() in _COUNT_NOUNS


def _not_an_id(value: str) -> bool:
    """A date, years, a decimal number or a compact date."""
    return bool(DATE_LIKE.match(value) or _YEARS.fullmatch(value) or _SLASHED_DATE.fullmatch(value)
                or _DECIMAL.fullmatch(value) or _COMPACT_DATE.fullmatch(value))
