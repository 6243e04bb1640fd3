"""Long numbers that no other rule explains: most likely someone's identifier.

Writers paste ID, tax, bank and health numbers of every country with no cue
word ("mine is 010938265", "sent it before thinking: 784-1996-4837261-3"),
and no list of national formats covers them all. A run of seven digits or
more (six with letters attached, "ΑΜ 418273", "K683451(4)") that no other
rule took is reported as an ID number, unless it reads as an amount (a
currency beside it, or digits grouped in thousands by commas), a date, a
span of years or a time. It runs last, on what the other rules left.
"""

from __future__ import annotations

import re

from .entities import Entity, SpanSet
from .id_formats import DATE_LIKE

# Digit groups joined by one separator (". - / space"), maybe with up to three letters before ("ΑΜ 418273",
# "УЕ94031218") or two after ("958481276V", "8463152 LP"), or a check digit in brackets ("K683451(4)").
_RUN = re.compile(
    r"(?<![\w@#+/.:,=?&%-])(?P<pre>[^\W\d_]{1,3}[ -]?)?\d+(?:[ ./-]\d+)*(?:\(\d\))?"
    r"(?:[ -]?(?-i:[A-Z]{1,2})(?![^\W\d_]))?(?![\w@/]|[.,:-]\d)"
)
_DIGIT = re.compile(r"\d")
# Amounts: a currency sign or a currency's name or code just before or after ("500 000 Ar", "Gs. 1.500.000").
_CURRENCY_WORDS = frozenset("""
usd eur gbp dollar dollars euro euros pound pounds peso pesos real reais rupee rupees rs inr lakh lakhs crore yuan
rmb yen won naira cedi cedis shilling shillings ksh kes tsh tzs ugx rand zar fcfa cfa xof xaf franc francs fr dh dhs
dirham dirhams dinar dinars riyal riyals rial rials sar aed qar kwd omr bhd lira liras tl try lei ron lev leva kr kroner
kronor krona sek nok dkk isk zł zl pln kč czk ft huf rub ruble rubles rouble roubles руб рублей рублів грн гривень uah
tenge kzt som sum soms manat lari gel dram amd birr etb ar ariary mga mt mzn meticais metical kz kwanza aoa bs ves
bolivares bolívares colones colon colón crc lempiras lempira hnl quetzales gtq guaranies guaraníes gs pyg soles sol
pen bob bolivianos cup htg gourde gourdes rwf frw kip lak baht thb riel khr kyat mmk tugrik mnt ringgit rm myr rp idr
rupiah php vnd dong đ mur ttd uyu bzd jmd ngn ghs egp mad tnd lbp syp afn af afs btn nu mvr rf ttd ves cents
""".split())
_CURRENCY_SIGNS = "£$€¥₹₽₺₩₦₱₫৳₴₸₾₼₭₮﷼¢"
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\.?\s*$")
_WORD_AFTER = re.compile(r"\s*([^\W\d_]+)")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_YEARS = re.compile(r"(?:19|20)\d\d(?:\s?[-/–]\s?(?:19|20)\d\d)*")
_TIME = re.compile(r"\d{1,2}[:.]\d{2}(?:[:.]\d{2})?")
_SLASHED_DATE = re.compile(r"\d{1,2}/\d{1,2}/(?:\d\d){1,2}|(?:19|20)\d\d/\d{1,2}/\d{1,2}")
# A full date with a year in which someone alive and writing was born, that no date-of-birth cue announced:
# in the texts people write about themselves it is nearly always a birth date ("Sofi is 05/19/2016").
_BIRTH_DATE = re.compile(r"(?:[0-3]?\d/[01]?\d|[01]?\d/[0-3]?\d)/(?:19[2-9]\d|20[01]\d)|"
                         r"(?:19[2-9]\d|20[01]\d)/[01]?\d/[0-3]?\d")
# The same with dots or dashes, maybe spaced after the dots ("17.04.1994", "1993.07.21", "14. 7. 1993").
_DOTTED_BIRTH_DATE = re.compile(
    r"(?<![\w.,/:-])(?:(?:0?[1-9]|[12]\d|3[01])(?:\. ?|-)(?:0?[1-9]|1[0-2])(?:\. ?|-)(?:19[2-9]\d|20[01]\d)|"
    r"(?:19[2-9]\d|20[01]\d)[.-](?:0?[1-9]|1[0-2])[.-](?:0?[1-9]|[12]\d|3[01]))(?![\w/-]|[.,:]\d)"
)
# A phone word shortly before: the number is a phone ("pon mi celu 72841936", "zvala sa 063/472-1190").
_PHONE_WORD = re.compile(
    r"(?<!\w)(?:call|ring|text|phone|mobile|mob|cell|celu|celular|cel|móvil|movil|tel|tél|telefone?|telefon|"
    r"telèfon|teléfono|telefono|téléphone|portable|handy|whatsapp|wa|sms|landline|телефон|тел|моб|zvala|zovi|"
    r"nazovi|appelle|llama|llámame|liga|ligue)\b[^\n.!?]{0,25}$",
    re.IGNORECASE,
)
_LETTERS_BEFORE = re.compile(r"[^\W\d_]")


def find_bare_numbers(text: str, taken: SpanSet, placeholders: SpanSet | None = None) -> list[Entity]:
    """ID_NUMBER spans (PHONE after a phone word) of long numbers outside *taken* (the candidates of the other
    rules) and *placeholders*; full dates with a year of birth are DOB spans.

    Examples
    --------
    >>> [e.text for e in find_bare_numbers("mine is 010938265 anyway, she paid 1,250,000", SpanSet())]
    ['010938265']
    >>> find_bare_numbers("rent 1.500.000 Gs, from 2019-2023, at 10.30", SpanSet())
    []
    """
    found = []
    for m in _DOTTED_BIRTH_DATE.finditer(text):
        if not taken.overlaps(m.start(), m.end()) and (placeholders is None
                                                      or not placeholders.overlaps(m.start(), m.end())):
            found.append(Entity(m.start(), m.end(), "DOB", m.group()))
    for m in _RUN.finditer(text):
        pre = m.group("pre")
        start = m.start() if pre is None or pre.isupper() else m.start("pre") + len(pre)  # "is 0109…": not "is"
        value = text[start : m.end()].rstrip(" -")
        if value.endswith(" I"):  # "2741883 I think"
            value = value[:-2]
        end = start + len(value)
        digits = len(_DIGIT.findall(value))
        letters = bool(_LETTERS_BEFORE.search(value))
        if digits < 7 and not (letters and digits >= 6):
            continue
        if _BIRTH_DATE.fullmatch(value) and not taken.overlaps(start, end):
            found.append(Entity(start, end, "DOB", value))
            continue
        if taken.overlaps(start, end) or (placeholders is not None and placeholders.overlaps(start, end)) \
                or _amount(text, start, end) or _not_an_id(value):
            continue
        phone = _PHONE_WORD.search(text, max(0, start - 40), start)
        found.append(Entity(start, end, "PHONE" if phone else "ID_NUMBER", value))
    return found


def _amount(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12) : start]
    after = text[end : end + 14]
    sign_before, sign_after = before.rstrip()[-1:], after.lstrip()[:1]
    if (sign_before and sign_before in _CURRENCY_SIGNS) or (sign_after and sign_after in _CURRENCY_SIGNS):
        return True
    word = _WORD_BEFORE.search(before)
    if word is not None and word.group(1).casefold() in _CURRENCY_WORDS:
        return True
    word = _WORD_AFTER.match(after)
    return word is not None and word.group(1).casefold() in _CURRENCY_WORDS


def _not_an_id(value: str) -> bool:
    """A date, a time, years, or an amount grouped in thousands by commas."""
    return bool(DATE_LIKE.match(value) or _THOUSANDS.fullmatch(value) or _YEARS.fullmatch(value)
                or _TIME.fullmatch(value) or _SLASHED_DATE.fullmatch(value))
