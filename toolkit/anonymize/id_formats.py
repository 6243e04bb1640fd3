"""ID numbers that the simple "cue word, then the number" pattern misses.

Two general forms, both country-neutral:

- **A value some words after its cue**: "the CHI number for the referral,
  0703461592", "the Medicare card came with a new number, 3KP7-QM2-RT51",
  or in the next chat line. After a cue that names an identifier, the first
  code-like value (seven digits or more, or three digits mixed with two
  capitals or more) within the reach is taken, unless a phone word comes in
  between ("card ... call me on ...").
- **A code that is nothing else**: capitals and digits mixed through the
  token ("Y7K39F2R4", "W3382-71104-55821"), or one or two capitals before
  seven to nine digits ("PA4417290", a passport or insurance number). Model
  names and versions ("RTX4090", "COVID-19", "B12") change between letters
  and digits too rarely or are too short.
"""

from __future__ import annotations

import re

# How far after a cue its value may lie (a sentence or a chat line further on).
LATER_REACH = 90
# A run of capitals and digits in groups; each group after the first holds a digit ("TREG 8203 1514", not
# "0123958742 GTB"), and a group joined by a space has two characters at least.
LATER_VALUE = re.compile(
    r"(?<![\w.,/+@£$€#〒-])(?=[A-Z\d])[A-Z\d]{2,}(?:(?:[.-]|(?<=\w) )(?=[A-Z]*\d)[A-Z\d]{2,}){0,5}"
    r"(?![\w/@]|[.,-]\d)"
)
# Words after which a number is a phone number or part of an address, not the announced ID.
# ("over the phone" says how a number was given, not that it is a phone number.)
STOP_WORDS = re.compile(r"\b(?:call|ring|text|(?<!the )phone|mobile|mob|cell|tel|whatsapp|sms|landline|fax|dial|"
                        r"address|"
                        r"addy|live|lives|living)\b", re.IGNORECASE)
# Cue phrases that announce a value to come: a word naming a document or register, or any ID cue followed by
# "number", "no.", "#" or "ID" (a "card" may be a birthday card).
NAMED_CUES = frozenset("""passport iban ssn nhs aadhaar aadhar tfn medicare medicaid bsn pesel cpf nin bvn chi pps
ppsn nric hkid curp dni nie nif personnummer ohip ramq krankenkasse mrn permit visa licence license steuer-id
steuernummer kimlik cnic iqama nuban sin sss cccd cmnd kra nhi versichertennummer cédula cedula cni cnp nik ktp nic nid
cpr fødselsnummer henkilötunnus hetu amka afm taj egn oib jmbg cuil cuit rut dui rfc mykad niss ahv avs svnr tckn umid
philhealth nida huduma pasaporte passaporto reisepass paszport passeport passaporte zehut инн снилс паспорт""".split())
_NUMBER_WORD = re.compile(r"\b(?:number|no|num|nr|id)\b|#", re.IGNORECASE)
# UK, Canadian and Irish postcodes, maybe after a region's capitals.
_POSTCODE_SHAPE = re.compile(r"(?:[A-Z]{2,3} )?(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d"
                             r"|[A-Z]\d[\dW] ?[A-Z\d]{4}|\d{5}(?:-\d{4})?)")
DATE_LIKE = re.compile(r"^(?:\d{1,4}[-.]\d{1,2}[-.]\d{1,4}|(?:19|20)\d\d ?[-\u2013] ?(?:19|20)?\d\d)$")

# Capitals and digits mixed, 7-24 characters, dashes between groups; a Chinese or Japanese character may come
# right before ("身分證字號F228461937").
MIXED_CODE = re.compile(r"(?=[A-Z\d])(?<![A-Za-z0-9_.@/#-])(?=[A-Z\d-]{7,24}(?![A-Za-z0-9_@-]))"
                        r"(?=[A-Z-]*\d)(?=[\d-]*[A-Z])[A-Z\d]+(?:-[A-Z\d]+)*(?![A-Za-z0-9_@]|-\w)")
_SWITCH = re.compile(r"(?=[A-Z]\d|\d[A-Z])")


def announces_value(cue: str) -> bool:
    """Whether an ID cue phrase promises a value further on ("CHI number", "Medicare", not "bank")."""
    first = cue.split(None, 1)[0].lower().rstrip(":,") if cue.strip() else ""
    return first in NAMED_CUES or bool(_NUMBER_WORD.search(cue))


def code_like(value: str) -> bool:
    """Seven digits or more, or four digits or more mixed with two capitals or more; no date, year range or
    postcode ("AB T2T 0E6" is a province and a postcode)."""
    digits = sum(ch.isdigit() for ch in value)
    letters = sum(ch.isalpha() for ch in value)
    if DATE_LIKE.match(value) or _POSTCODE_SHAPE.fullmatch(value):
        return False
    return digits >= 7 or (digits >= 4 and letters >= 2 and len(value) >= 7)


def later_value(text: str, start: int) -> re.Match | None:
    """The first code-like value within :data:`LATER_REACH` characters after *start*, none past a phone or address word.

    Examples
    --------
    >>> later_value("number for the referral, 0703461592, and", 6).group()
    '0703461592'
    >>> later_value("card, call me on 07700 900123", 4) is None
    True
    """
    stop = min(len(text), start + LATER_REACH)
    word = STOP_WORDS.search(text, start, stop)
    if word is not None:
        stop = word.start()
    for m in LATER_VALUE.finditer(text, start, stop):
        if code_like(m.group()):
            return m
    return None


def mixed_codes(text: str, numbers: list[int] | None = None):
    """Tokens of capitals and digits that switch between the two three times or more ("Y7K39F2R4"), or once or
    twice around eight digits or more ("F228461937").

    *numbers*, the starts of the runs of digits, lets the search look only at the tokens that hold them.

    Examples
    --------
    >>> [m.group() for m in mixed_codes("its on the card. Y7K39F2R4 ok, not RTX4090 or COVID-19; 身分證F228461937")]
    ['Y7K39F2R4', 'F228461937']
    """
    if numbers is None:
        candidates = MIXED_CODE.finditer(text)
    else:
        starts, last = [], -1
        for p in numbers:
            while p > 0 and (text[p - 1].isupper() or text[p - 1].isdigit() or text[p - 1] == "-"):
                p -= 1
            if p > last:
                starts.append(p)
                last = p
        candidates = (m for m in map(lambda p: MIXED_CODE.match(text, p), starts) if m is not None)
    for m in candidates:
        value = m.group()
        switches, digits = len(_SWITCH.findall(value.replace("-", ""))), sum(ch.isdigit() for ch in value)
        # Three switches or more ("Y7K39F2R4"; of seven characters only with four: "5KT8R2P"), or fewer around a
        # long run of digits: "007214563LA041", "F228461937" (not "RTX4090", "A320").
        if (switches >= 3 and digits >= 3 and (len(value) >= 8 or switches >= 4)) \
                or (switches >= 1 and digits >= 8 and len(value) >= 9):
            yield m
