"""Ages written in other languages: "58 yaşında", "elle a 16 ans", "tengo 23 años", "29 éves", "5岁".

Written for the project from general knowledge of the languages. Only forms
that say an age are listed, not the bare word for "years", which also counts
durations ("hace 3 años", "depuis 2 ans", "udah 2 tahun"): either the number
carries a word that means "aged" ("yaşında", "éves", "-vuotias", "tuổi", 岁),
or a verb or word before it says that someone has or is that many years
("tengo", "il a ... ans", "mam ... lat", "umur"). Only the number is an AGE
span, as the PII spec asks.
"""

from __future__ import annotations

import re

from .entities import Entity

_NUMBER = r"(?P<age>[1-9]\d?|1[01]\d)"

# The number, then a word that means "aged" or "years of age" in that language.
_AGED_AFTER = (
    r"ya[sş][ıi]nda\w*|ya[sş][ıi]na|ya[sş]ımda|ya[sş]ındayım"  # Turkish
    r"|[eé]ves(?:en|ek)?"  # Hungarian
    r"|-?vuotia(?:s|ana|ita|aksi)"  # Finnish
    r"|-?aastane|-?aastaselt"  # Estonian
    r"|χρον[ώω]ν|χρονω|ετών|xronon|xronwn"  # Greek
    r"|-?let[ýáé]|-?roč(?:n[ýáí])"  # Czech, Slovak
    r"|-?(?:å|aa)rig|-?(?:å|aa)ring|år\s+gam(?:mel|mal|le)|aar\s+gammel"  # Scandinavian
    r"|jaar\s+oud|-?jarige?"  # Dutch
    r"|jahre?\s+alt|-?jährige?[rn]?"  # German
    r"|years?\s+of\s+age"
    r"|ans\s+(?:et\s+demi|révolus)"  # French
    r"|anni\s+compiuti"  # Italian
    r"|años\s+de\s+edad|anos\s+de\s+idade"  # Spanish, Portuguese
    r"|taong\s+gulang|anyos"  # Tagalog
    r"|tuổi|tuoi"  # Vietnamese
    r"|წლის"  # Georgian
    r"|saal\s+(?:ki|ka|ke)|sal\s+(?:ki|ka|ke)|बरस\s+की|साल\s+(?:की|का|के)"  # Hindi, Urdu
    r"|bochor(?:er)?\s+boyosh|বছর\s+বয়স|বছরের"  # Bengali
    r"|barsa\s+(?:ko|ki)|वर्ष\s+(?:को|की)"  # Nepali
    r"|ساله|سالمه|سالشه|salame|salashe|saleh"  # Persian
    r"|vayasu|വയസ്സ്|வயது"  # Malayalam, Tamil
    r"|metų|gadus\s+vec[sa]|gadu\s+vecum[aā]"  # Lithuanian, Latvian
    r"|жаста\w*|жасында\w*|жасар|солам|солаш|сола"  # Kazakh, Tajik
    r"|godina\s+star[aio]?|години|годишн\w+|лет(?:ний|няя|него|нюю)|річн\w+"  # South and East Slavic
    r"|ani\s+împliniți|de\s+ani"  # Romanian
    r"|oed"  # Welsh ("27 oed")
    r"|ára"  # Icelandic ("33 ára")
)
# Not inside a longer number or a Latin-script word; a Chinese or Japanese character may come right before ("今年5岁").
# Chinese, Japanese, Korean and Thai words of age, after which a particle or the next word follows unspaced
# ("28歳でしょ", "28살이야").
_AGED_AFTER_UNSPACED = r"(?:岁|歲|周岁|週歲|歳|才|살|세|ขวบ)"
AGED_AFTER = re.compile(
    rf"(?<![0-9A-Za-zÀ-ÿ.,:/-]){_NUMBER}(?:(?:\s*|-)(?:{_AGED_AFTER})(?!\w)|\s?{_AGED_AFTER_UNSPACED})", re.IGNORECASE)

# A word or phrase that says someone has or is so many years, then the number (and maybe its "years").
_AGED_BEFORE = (
    r"tengo|tienes?|tenía|tenia|cumpl(?:[íi]|i[óo]|e|o|ir[áa])|tiene\s+ya"  # Spanish
    r"|tenho|tens|tem|tinha|fiz|fez|completou|completei"  # Portuguese
    r"|j['’]ai|a|as|avait|avais|avions|aviez|avaient|ont|aura|aurai|auras|avoir|à|[âa]g[ée]e?s?\s+de"  # French
    r"|ho|ha|hai|aveva|avevo|compie|compio|compiuto"  # Italian
    r"|tinc|té|tenia|tenies"  # Catalan (with "anys" after)
    r"|tin|tabatin"  # Papiamento (with "aña" after)
    r"|bin|ist|wird|wurde"  # German (with "Jahre" after it, below)
    r"|mam|ma|miał|miała|skończył|skończyła"  # Polish
    r"|je\s+mi|je\s+mu|je\s+jí|je\s+jej|má|mám"  # Czech, Slovak
    r"|мне|ему|ей|им|тебе|вам|исполнилось|мені|йому|їй"  # Russian, Ukrainian
    r"|am|are|avea|împlinesc|împlinește"  # Romanian
    r"|fylte|fyller|fyllde|fyldte|fylder|täytti|täytän|täyttää"  # Scandinavian, Finnish
    r"|umur|umurnya|usia|usianya|berumur|berusia|umurku"  # Indonesian, Malay
    r"|umar|umer|umor|boyosh|bayas|vayas|edad|idade|età|alter|âge|age"  # Hindi/Urdu, Nepali, Bengali; "age"
    r"|عمره|عمرها|عمري|عمرو|3omr[oiu]|3omraha|عمرش|عمرم|omresh|omram"  # Arabic, Persian
    r"|בן|בת|גיל"  # Hebrew
    r"|อายุ"  # Thai
    r"|imam|imaš|imas|ima|imala|imao|imamo|imate|imaju|имам|имаш|има|имала|имао"  # Bosnian, Croatian, Serbian
    r"|ana\s+miaka|nina\s+miaka|una\s+miaka|umri\s+wa\s+miaka|wa\s+miaka|ine\s+makore|ane\s+makore"  # Swahili, Shona
    r"|3and(?:i|ou|o|ha|ek|ik|na|kom)"  # Arabic in Latin letters ("3andi 27 sana": "I have 27 years")
)
# Years-words that may follow the number after a verb before it.
_YEARS = (r"años|anos|año|ano|anys|aña|ans|anni|sana|sna|sene|jahre|lat|let|rokov|roků|лет|года|год|років|роки|ani|"
          r"år|aar|vuotta|tahun|taon|"
          r"saal|sal|bochor|barsa|سنة|سنين|سال|שנה|שנים|ปี|miaka|makore|years?|yrs|godina|години|éve|évet|"
          r"χρονών|χρόνια|xronia")
AGED_BEFORE = re.compile(
    rf"(?<!\w)(?P<cue>{_AGED_BEFORE})\s*[:=]?\s*(?:ya\s+|már\s+|já\s+|déjà\s+|schon\s+|already\s+)?{_NUMBER}"
    rf"(?P<years>\s*(?:{_YEARS})(?!\w))?(?![\w.,:/%-]\d|\w)",
    re.IGNORECASE,
)
# A copula of another language, then a number of 13 or more that closes its clause: "du er 37.", "Jeg var 19,",
# "er is 31", "mä oon 30 ja", "Мне 29," (ages of children need a years-word: "klokka er 5." is a time).
AGED_COPULA = re.compile(
    r"(?<!\w)(?P<cue>er|var|är|ist|bist|bisch|isch|war|ben|oon|olen|oli|jsem|jsi|sam|jestem|мне|ему|ей|ёй|мені|mne|"
    r"3omr[eioua]|3amr[eioua]|tienes|tengo|tens|tenho|imam|imaš|imas|(?:meni|njemu|njoj|tebi)\s+je|είμαι)\s+"
    + _NUMBER +
    r"(?=\s*(?:[.,;!?)\n]|$|[\U0001F300-\U0001FAFF])|\s+(?:og|och|und|and|en|ja|a|i|et|e|y|w|и|і)\s)",
    re.IGNORECASE,
)
_COPULA_STARTS = ("er", "var", "är", "ist", "bis", "isc", "war", "ben", "oon", "ole", "oli", "jse", "jsi", "sam",
                  "mne", "3am", "jes", "мне", "ему", "ей", "ёй", "мен", "3om", "tie", "ten", "ima", "je", "είμ")
# Verbs of having or being that make an age only with a years-word after the number ("a 16 ans", "tengo 23
# años"; not "a 16 messages", "tengo 23 mensajes"); the other cues ("umur", "edad", "cumplí") need none.
_NEEDS_YEARS = frozenset("""tengo tienes tiene tenía tenia tenho tens tem tinha 3andi 3andou 3ando 3andha 3andek 3andik
3andna 3andkom fiz fez j'ai j’ai a as avait avais avions
aviez avaient ont aura aurai auras à avoir tinc té tenia tenies tin tabatin avevo ho ha hai
aveva bin ist wird wurde mam ma miał miała má mám am are avea мне ему ей им тебе вам мені йому їй imam imaš imas ima
imala imao imamo imate imaju имам имаш има имала имао""".split()) | {
    "je mi", "je mu", "je jí", "je jej"}
# Cues that are English words too ("a 30 year mortgage", "I am 5 years in"): with them only a years-word of
# another language makes an age.
_ENGLISH_CUES = frozenset("a as am are ha ma ho bin age".split())
_ENGLISH_YEARS = re.compile(r"\s*(?:years?|yrs)$", re.IGNORECASE)
# Words that make the years a duration, not an age: "hace 3 años", "depuis 2 ans", "since", "for"; and after
# the years, "5 Jahre her", "3 år sedan".
_DURATION_BEFORE = re.compile(r"(?<!\w)(?:hace|desde|durante|faz|há|ha|depuis|pendant|il\s+y|da|per|seit|vor|od|"
                              r"przez|since|for|ago|sejak|selama|udah|sudah|dah)\s*$", re.IGNORECASE)
# ("à deux ans de la retraite", "tengo 23 años de experiencia": "years of" something is a span of time.)
_DURATION_AFTER = re.compile(r"\s+(?:her|ago|sedan|siden|fa|atrás|atras|назад|tagasi|sitten|de|d['’]|di)(?!\w)",
                             re.IGNORECASE)
# A person "of" so many years: "une fille de 4 ans", "un hombre de 40 años", "un chavalo de 6 y", "una ragazza di
# 19 anni" (without a years-word only when the number closes its clause).
_PERSON_NOUN = (r"fille|fils|garçon|gamin|gamine|enfant|bébé|bebe|homme|femme|mec|type|frère|frere|sœur|soeur|cousin|"
                r"cousine|copain|copine|niño|niña|nino|nina|hijo|hija|chico|chica|chavalo|chavala|chamo|chama|hombre|"
                r"mujer|señor|señora|bebé|nene|nena|menino|menina|filho|filha|rapaz|moça|homem|mulher|ragazzo|"
                r"ragazza|bambino|bambina|figlio|figlia|uomo|donna|daughter|son")
PERSON_OF_AGE = re.compile(
    rf"(?<!\w)(?:{_PERSON_NOUN})\s+d[ei]\s+{_NUMBER}"
    r"(?:\s*(?:ans|años|anos|anni)(?!\w)|(?=\s*(?:[.,;!?)\n]|$)|\s+(?:y|e|et|ed|pero|mais|mas|ma)\s))",
    re.IGNORECASE,
)
# Runs of one to three digits: where an age can be.
SHORT_NUMBER = re.compile(r"(?<!\d)\d{1,3}(?!\d)")
# How the words of _AGED_AFTER and of the cues of _AGED_BEFORE begin (for the cheap tests).
_AGED_AFTER_STARTS = tuple("""жас сол gadu yas yaş éve eve vuotia aastane aastaselt χρον ετών xron let roč år aar årig
jaar jarig jahr jähr year ans anni años anos taong anyos tuổi tuoi 岁 歲 周岁 週歲 歳 才 살 세 ขวบ წლის saal sal
बरस साल bochor বছর barsa वर्ष ساله سالم سالش salame salashe saleh vayasu വയസ്സ് வயது metų gadus godina години
годишн лет річн ani de oed ára""".split())
_CUE_STARTS = tuple("""tab tin té 3an wa ten tem tin tie cumpl com fiz fez împ imp j' j’ a âg ag ho ha hai ave ava avi
ont aur à
bin ist wir wur mam ma
mia sko je má мне ему ей им теб вам исп мен йом їй am are fyl täy umu usi ber uma ume umo boy bay vay eda ida
età alt âge عمر 3om omr בן בת גיל อายุ ana nin una umr ine ane il ell tu ima има""".split())
# Punctuation that may open the cue's word: "¿Tienes 23 años?", "(edad: 30)".
_OPENING = "¿¡([{\"'«“‘—–-"
# How far before its number a cue may start ("umri wa miaka ", "il a déjà ").
_CUE_REACH = 28


def ages_in_other_languages(text: str, numbers: list[int] | None = None) -> list[Entity]:
    """AGE spans of ages written in other languages (the number only).

    *numbers*, the starts of the runs of one to three digits, lets the search look only around them.

    Examples
    --------
    >>> [e.text for e in ages_in_other_languages("annem 58 yaşında, Amal a 16 ans, tengo 23 años")]
    ['58', '16', '23']
    >>> [e.text for e in ages_in_other_languages("hace 3 años que no la veo; il a 16 messages")]
    []
    """
    if numbers is None:
        numbers = [m.start() for m in SHORT_NUMBER.finditer(text)]
    found = []
    for p in numbers:
        end = p + 1
        while end < len(text) and text[end].isdigit():
            end += 1
        # Cheap tests first: the word after the number, and the words before it.
        if text[end : end + 14].lstrip().lstrip("-").lstrip().lower().startswith(_AGED_AFTER_STARTS):
            m = AGED_AFTER.match(text, p)
            if m is not None:
                found.append(m)
                continue
        before = text[max(0, p - _CUE_REACH) : p].lower().split()[-3:]
        if before and before[-1].lstrip(_OPENING).startswith(_COPULA_STARTS):
            m = AGED_COPULA.search(text, max(0, p - 12), p + 8)
            if m is not None and m.start("age") == p and int(m.group("age")) >= 13 and not _after_duration(text, m):
                found.append(m)
                continue
        if before and before[-1] in ("de", "di") and len(before) > 1:
            m = PERSON_OF_AGE.search(text, max(0, p - _CUE_REACH), p + 8)
            if m is not None and m.start("age") == p:
                found.append(m)
                continue
        if not any(word.lstrip(_OPENING).startswith(_CUE_STARTS) for word in before):
            continue
        for m in AGED_BEFORE.finditer(text, max(0, p - _CUE_REACH), p + 24):
            if m.start("age") != p:
                continue
            cue, years = " ".join(m.group("cue").lower().split()), m.group("years")
            if cue in _NEEDS_YEARS and not years:
                continue
            if cue in _ENGLISH_CUES and years and _ENGLISH_YEARS.match(years):
                continue
            if _after_duration(text, m) or (years and _DURATION_AFTER.match(text, m.end())):
                continue
            found.append(m)
    return [Entity(m.start("age"), m.end("age"), "AGE", m.group("age")) for m in found]


# An age in Chinese numerals before the word for "years old": "廿九歲", "六十二岁", "三十五歲" (Han numerals are
# no digits, so the digit-led search above never sees them).
CHINESE_NUMERAL_AGE = re.compile(r"(?P<age>[一二三四五六七八九十廿卅两兩]{1,4})(?=\s?(?:歲|岁|周岁|週歲))")


def ages_in_chinese_numerals(text: str) -> list[Entity]:
    """AGE spans of ages written in Chinese numerals before 歲 or 岁 (the numerals only).

    Examples
    --------
    >>> [e.text for e in ages_in_chinese_numerals("你阿媽六十二歲人; 我廿九歲喇")]
    ['六十二', '廿九']
    """
    return [Entity(m.start("age"), m.end("age"), "AGE", m.group("age")) for m in CHINESE_NUMERAL_AGE.finditer(text)]


def _after_duration(text: str, m: re.Match) -> bool:
    """Whether a duration word ends just before the match: "hace 3 años", "depuis 16 ans"."""
    return _DURATION_BEFORE.search(text, max(0, m.start() - 12), m.start()) is not None


# Ages written in French, Spanish, Portuguese and Italian number words, read only with a verb of having or a person "of"
# before them and the years-word after: "j'avais quinze ans", "un garçon de deux ans", "tenía treinta y dos años".
_UNITS_FR = "un|deux|trois|quatre|cinq|six|sept|huit|neuf"
_TEENS_FR = "dix-sept|dix-huit|dix-neuf|dix|onze|douze|treize|quatorze|quinze|seize"
_FRENCH = (rf"(?:vingt|trente|quarante|cinquante|soixante)(?:[- ]et[- ](?:un|onze)|-(?:{_TEENS_FR}|{_UNITS_FR}))?|"
           rf"quatre-vingts?(?:-(?:{_TEENS_FR}|{_UNITS_FR}))?|{_TEENS_FR}|{_UNITS_FR}")
_UNITS_ES = "uno|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve"
_SPANISH = (rf"(?:treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa)(?:\s+y\s+(?:{_UNITS_ES}))?|"
            r"veinti(?:uno|ún|un|dós|dos|trés|tres|cuatro|cinco|séis|seis|siete|ocho|nueve)|veinte|"
            r"dieci(?:séis|seis|siete|ocho|nueve)|diez|once|doce|trece|catorce|quince|" + _UNITS_ES)
_UNITS_PT = "um|dois|três|tres|quatro|cinco|seis|sete|oito|nove"
_PORTUGUESE = (rf"(?:vinte|trinta|quarenta|cinquenta|sessenta|setenta|oitenta|noventa)(?:\s+e\s+(?:{_UNITS_PT}))?|"
               r"dez[ae]sseis|dez[ae]ssete|dezoito|dez[ae]nove|dez|onze|doze|treze|c?atorze|quinze|" + _UNITS_PT)
_ITALIAN = (r"(?:venti?|trenta?|quaranta?|cinquanta?|sessanta?|settanta?|ottanta?|novanta?)"
            r"(?:uno|due|tré|tre|quattro|cinque|sei|sette|otto|nove)?|"
            r"dieci|undici|dodici|tredici|quattordici|quindici|sedici|diciassette|diciotto|diciannove|"
            r"uno|due|tre|quattro|cinque|sei|sette|otto|nove")
_WORD_CUE = (r"j['’]ai|j['’]avais|avait|avais|avions|aviez|avaient|a|ont|aura|aurai|à|"
             r"avevo|aveva|avevi|avevamo|ho|ha|hai|compie|compio|"
             r"tengo|tienes|tiene|tenía|tenia|tenías|teníamos|tenemos|tienen|tenían|cumplí|cumplió|cumple|"
             r"tenho|tens|tem|tinha|tínhamos|têm|fiz|fez|completou|"
             rf"(?:{_PERSON_NOUN})\s+de")
AGE_IN_WORDS_ABROAD = re.compile(
    rf"(?<!\w)(?:{_WORD_CUE})\s+(?:déjà\s+|ya\s+|já\s+|presque\s+|casi\s+|quase\s+)?"
    rf"(?P<age>{_FRENCH}|{_SPANISH}|{_PORTUGUESE}|{_ITALIAN})\s+(?:ans|años|anos|anni)(?!\w)",
    re.IGNORECASE,
)
_YEARS_WORD = re.compile(r"(?<=\w)\s+(?:ans|años|anos|anni)(?!\w)", re.IGNORECASE)
# A birthday or an age "of" someone: "il pranzo per i 90 anni del nonno", "los 80 años de mi abuela".
BIRTHDAY_OF = re.compile(r"(?<!\w)(?:i|gli|los|las|os|les|ses|mes|tes|sus|seus)\s+(?P<age>[1-9]\d?|1[01]\d)\s+"
                         r"(?:anni|años|anos|ans)\s+(?:del|della|dello|di|de|do|da|des|du|d['’])(?!\w)", re.IGNORECASE)
# German "mit 19" (at 19) before a verb or the clause's end: "wer ich mit 19 war", "mit 17 ausgezogen".
MIT_AGE = re.compile(r"(?<!\w)mit\s+(?P<age>[1-9]\d?)(?=\s*(?:[,.;!?)]|$)|\s+(?:war|wurde|hatte|habe|hab|bin|ist|hat|"
                     r"ging|kam|zog|ausgezogen|geheiratet|schwanger|angefangen)\b)")


def ages_in_words_abroad(text: str) -> list[Entity]:
    """AGE spans of ages written in French, Spanish, Portuguese or Italian words (the number words only), and
    ages in digits "of" someone's birthday ("i 90 anni del nonno").

    Examples
    --------
    >>> [e.text for e in ages_in_words_abroad("j'avais quinze ans et un garçon de deux ans; tenía treinta y dos años")]
    ['quinze', 'deux', 'treinta y dos']
    >>> ages_in_words_abroad("il y a deux ans, hace tres años, pendant trois ans, il a deux ans de retard")
    []
    """
    found = [Entity(m.start("age"), m.end("age"), "AGE", m.group("age")) for m in BIRTHDAY_OF.finditer(text)]
    for years in _YEARS_WORD.finditer(text):  # looked for only before each years-word
        for m in AGE_IN_WORDS_ABROAD.finditer(text, max(0, years.start() - 60), years.end()):
            if m.end() == years.end() and not _DURATION_AFTER.match(text, m.end()) and not _after_duration(text, m):
                found.append(Entity(m.start("age"), m.end("age"), "AGE", m.group("age")))
    return found


def ages_with_mit(text: str) -> list[Entity]:
    """AGE spans of German "mit 19" before a verb or the clause's end (the number only).

    Examples
    --------
    >>> [e.text for e in ages_with_mit("wer ich mit 19 war; mit 17 ausgezogen; mit 3 Freunden")]
    ['19', '17']
    """
    return [Entity(m.start("age"), m.end("age"), "AGE", m.group("age")) for m in MIT_AGE.finditer(text)]
