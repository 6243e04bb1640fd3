"""Pattern recognisers for structured personal data.

E-mail addresses, URLs, social handles, IP addresses, ID-like numbers, phone
numbers, dates of birth, postcodes, street addresses and ages. Each finder
takes a text and yields :class:`Entity` candidates; overlaps between finders
are settled later by :func:`toolkit.anonymize.entities.resolve_overlaps`.
Context words ("born", "passport", "call me on") decide between readings of
the same digits.

Speed: :func:`find_patterns` first takes cheap clues from the text (its set
of lower-case words, its number of digits, whether it holds an "@" or a
"://") and runs a finder only when its clue is there: no e-mail search
without an "@", no ID search without four digits and, for cue-led patterns,
no search without one of the cue words ("passport", "born", "zip").
"""

from __future__ import annotations

import ipaddress
import re
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import suppress
from itertools import accumulate

from .address_lines import find_address_lines
from .age_words import ages_by_listed_words
from .ages_abroad import ages_in_chinese_numerals, ages_in_other_languages, ages_in_words_abroad, ages_with_mit
from .ages_in_context import ages_in_context
from .bare_numbers import PHONE_WORD as _PHONE_WORD
from .bare_numbers import is_amount
from .entities import Entity, covered_spans
from .id_formats import DATE_LIKE, announces_value, later_value, mixed_codes
from .script_addresses import addresses_in_other_scripts
from .tokens import MARKS_AFTER_ALPHANUMERICS, fold, split_words
from .wordlists import DAYS, MONTHS
from .world_words import place_words

_I = re.IGNORECASE

# -- e-mail, URL, handle -------------------------------------------------------
EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}\b"
)
_AT = r"(?:\s*[\[({]\s*at\s*[\])}]\s*|\s+at\s+)"
_DOT = r"(?:\s*[\[({]\s*dot\s*[\])}]\s*|\s+dot\s+)"
OBFUSCATED_EMAIL = re.compile(rf"(?=[A-Za-z0-9])\b[A-Za-z0-9][\w.+-]*{_AT}[A-Za-z0-9-]+(?:{_DOT}[A-Za-z0-9-]+)*{_DOT}"
                              r"(?:com|org|net|edu|io|co|uk|me)\b", _I)

# Top-level domains a bare "name.tld" may end in. Those that are also English
# words ("it", "me", "so") count only with a path or a "www.".
SAFE_TLDS = ("com org net edu gov io co uk ly ee app dev info biz ca au de fr nl ie tv xyz blog page site online link "
             "gg ai es ch se dk fi pl pt nz za ng ke gh jp cn kr br mx ar ru eu fm sh cc ws la club shop store art "
             "social space live life world email")
WORDY_TLDS = "it in is me no so to at be do go us my am an as by he hi if of on or we"
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_PATH = r"(?:/[^\s<>\"']*)"
URL_SCHEME = re.compile(r"\b(?:https?|ftp)://[^\s<>\"']+", _I)
URL_WWW = re.compile(r"(?<![\w.@/])www\.[^\s<>\"']+", _I)
URL_BARE = re.compile(
    rf"(?<![\w.@/-])(?:{_LABEL}\.)+(?:(?:{'|'.join(SAFE_TLDS.split())})\b{_PATH}?|"
    rf"(?:{'|'.join(WORDY_TLDS.split())})\b{_PATH})",
    _I,
)
# Any other two-letter country domain, in lower case, after a name of four letters or more: "ibbeshoots.mv",
# "gulnora-psixolog.uz", "madsinorth.gl/ilulissat"; not a file name ("notes.md", "main.rs", "run.py").
_FILE_EXTENSIONS = "md py rs pm ps mk ml tf db gz js ts cs rb hs sc gs cc cv ui"
URL_BARE_COUNTRY = re.compile(
    rf"(?<![\w.@/-])(?-i:[a-z0-9][a-z0-9-]{{2,}}[a-z0-9])\."
    rf"(?!(?:{'|'.join(WORDY_TLDS.split() + _FILE_EXTENSIONS.split())})\b)(?-i:[a-z]{{2}})(?![\w@-]|\.\w){_PATH}?"
)
_TRAILING = ".,;:!?'\"*"

HANDLE_AT = re.compile(r"(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,28}[A-Za-z0-9_])?")
_TIME_HANDLE = re.compile(r"@\d{1,2}(?:[:.]\d\d)?(?:am|pm)?$", _I)
HANDLE_REDDIT = re.compile(r"(?<![\w/])u/[A-Za-z0-9_-]{3,30}\b")
_HANDLE_VALUE = r"(?P<handle>@?[A-Za-z0-9_][A-Za-z0-9_.-]{2,29}(?:#\d{4})?)"
HANDLE_PLATFORMS = ("insta instagram ig snap snapchat tiktok twitter discord telegram twitch threads bluesky bsky "
                    "venmo cashapp cash kik skype reddit onlyfans soundcloud spotify gamertag psn xbox steam username "
                    "handle @").split()
HANDLE_CUE = re.compile(
    r"(?:\b(?:insta(?:gram)?|ig|snap(?:chat)?|tiktok|twitter|discord|telegram|twitch|threads|bluesky|bsky|venmo|"
    r"cash ?app|kik|skype|reddit|onlyfans|soundcloud|spotify|psn|xbox|steam)\b"
    r"(?:\s+(?:handle|username|user name|name|id|acc(?:ount)?|tag|gamertag|gamer tag))*"
    r"(?:\s*,?\s*(?:she'?s|shes|he'?s|hes|i'?m|im|mine'?s|mine is|hers is|his is|its|it'?s)\s+|\s*(?:is|:|=|-|"
    r"it'?s)\s*|\s+)|\b(?:gamertag|gamer tag|user ?name|handle|screen ?name|account name)"
    r"(?:\s+(?:on|in)\s+(?:the\s+|that\s+|this\s+)?\w+)?\s*(?:is|was|:|=|-)\s*"
    r"|\b(?:gamertag|gamer tag)\s+(?=[A-Za-z]*[\d_]|[a-z]+[A-Z])"
    r"|(?:\b(?:my|her|his|their|the|ur|your)\s+)@\s*(?:is|:|=|-)?\s*)"
    + _HANDLE_VALUE,
    _I,
)
# "lilac.hours on insta", "moth_22 on the other app": a user name (with a dot, an underscore or a digit) before its
# platform or an app; "account, tom.runs.far," after an account word.
HANDLE_BEFORE_PLATFORM = re.compile(
    r"(?<![\w@./-])(?P<handle>(?=[\w.]*[._\d])[A-Za-z0-9_][A-Za-z0-9_.]{1,28}[A-Za-z0-9_])"
    r",?\s+(?:on|in)\s+(?:insta(?:gram)?|ig|snap(?:chat)?|tiktok|twitter|discord|twitch|threads|bluesky|reddit|"
    r"(?:the|that|this|another|her|his|my|a)\s+(?:other\s+|same\s+|new\s+)?(?:app|site|platform|server))\b",
    _I,
)
HANDLE_AFTER_ACCOUNT = re.compile(
    r"\b(?:account|profile|page)\s*,?\s*(?:called|named)?\s*"
    r"(?P<handle>@?(?=[\w.]*[._\d])[A-Za-z0-9_][A-Za-z0-9_.]{1,28}[A-Za-z0-9_])(?=[\s,.!?)]|$)",
    _I,
)
# A forum post's author: "quietharbor wrote:" opening a line, "Posted by CapeDoctorWind", "u/x commented:". A
# plain first name there ("Sarah wrote:") is left to the name finder.
# "wrote" in other languages too ("a écrit", "írta", "je napisala", "написала", "escribió", "skrev"), after a
# quote or a rule ("> ", "--- "); Arabic, Hebrew and Irish put the verb first ("كتب Hiba.K:", "Scríobh x:");
# PTT-style boards open a reply with a mark ("推 kuma0921:", "→ x:") and a post with "作者: x"; Korean boards
# with "작성자: x" and reply lines "ㄴ x:"; Turkic languages write "x يازدى:" (Uyghur), "x язды:" (Tatar).
_WROTE = (r"wrote|writes|posted|commented|replied|a\s+écrit|écrit|a\s+répondu|írta|je\s+napisala|je\s+napisao|"
          r"je\s+napisal|napisala|napisao|napisał|napisała|је\s+написала|је\s+написао|написала|написао|написал|"
          r"написав|написа|escribió|escribio|"
          r"escreveu|ha\s+scritto|scrive|schrieb|hat\s+geschrieben|skrev|skriver|kirjoitti|kirjutas|rašė|rakstīja|"
          r"έγραψε|yazdı|yazmış|schreef|napsal|napsala|napísal|napísala|a\s+scris|пише|жазды|yozdi|يازدى|язды|"
          r"ýazdy|yazdy")
# (One optional rule, not a repeat of repeats: a long run of dashes made the engine try every split of it.)
_OPENER_START = r"[ \t>*]*(?:-{2,}[ \t]*)?"
_REPLY_MARK = r"(?:كتب|كتبت|כתב|כתבה|[Ss]críobh|作者[:：]|작성자[:：]|글쓴이[:：]|投稿者[:：]|(?:推|噓|→|ㄴ)(?=[ \t]))"
FORUM_OPENER = re.compile(
    _OPENER_START + r"(?:(?P<mark>" + _REPLY_MARK + r")[ \t]*)?"
    r"(?P<handle>[\w][\w.-]{2,29})[ \t]+(?P<verb>" + _WROTE + r")[ \t]*:"
    r"|" + _OPENER_START + r"(?P<mark2>" + _REPLY_MARK + r")[ \t]*(?P<marked>[\w][\w.-]{2,29})[ \t]*(?::|\s)")
_ENGLISH_WROTE = frozenset("wrote writes posted commented replied".split())
# Marks that only message boards write before a user name: the author is a handle whatever it looks like (not
# "→" or "推", which notes and words use too: "→ Homework:", "推荐").
_BOARD_MARKS = frozenset("作者 작성자 글쓴이 投稿者 ㄴ".split())
# Those of them that may stand mid-line, after the previous reply: "ㄴ" before a space, the others before a colon.
_MIDLINE_BOARD_MARKS = ("ㄴ", "작성자", "글쓴이", "投稿者")
_BOARD_MARK_AT = re.compile(r"(?<!\w)(?:ㄴ[ \t]|(?:" + "|".join(_MIDLINE_BOARD_MARKS[1:]) + r")[:：])")
# How the words of _WROTE and the reply marks begin, for a cheap test of the line before its first colon.
_WROTE_STEMS = ("wrote", "writes", "posted", "commented", "replied", "écrit", "répondu", "írta", "napisa",
                "napisał", "написа", "escribi", "escreveu", "scritto", "scrive", "schrieb", "geschrieben", "skrev",
                "kirjoitti", "kirjutas", "rašė", "rakstīja", "έγραψε", "yazd", "yazmı", "schreef", "naps", "napís",
                "scris", "пише", "жазды", "yozdi", "يازدى", "язды", "ýazdy", "yazdy", "كتب", "כתב", "críobh",
                "推", "噓", "→", "作者", "작성자", "글쓴이", "投稿者", "ㄴ")
_WROTE_STEM = re.compile("|".join(map(re.escape, _WROTE_STEMS)), re.IGNORECASE)
FORUM_BYLINE = re.compile(r"(?:[Pp]osted|[Ss]ubmitted|[Ww]ritten) by[ \t]+(?P<handle>[A-Za-z0-9_][A-Za-z0-9_.-]{2,29})")
_RULE = re.compile(r"-{3,}[ \t]*")
_BYLINE_WORDS = frozenset("posted submitted written".split())
# A chat speaker whose name runs three capitalised words together ("CapeDoctorWind:") is a user name.
_NEWLINE = re.compile("\n")
SPEAKER_CAMEL_HANDLE = re.compile(r"(?m)[ \t>*]*(?P<handle>[A-Z][a-z]+(?:[A-Z][a-z0-9]+){2,})[ \t]*:(?=[ \t]|$)")
# "@ing", "@ting": "@" as a verb ("everyone keeps @ing me").
_AT_VERB = re.compile(r"@(?:ing|ting|ed|d)$", _I)
# A user name with an underscore among letters and digits ("ShadowFox_77"): never an English word.
# A user name of a word that is no English word and two to four digits: "Kismacska77", "elguajiro82" (not
# "covid19", "summer2019").
HANDLE_DIGITS = re.compile(r"(?<![\w@./-])(?P<letters>[A-Za-z][a-z]{3,})\d{2,4}(?![\w@]|\.\w)")
_PRODUCT_WORDS = frozenset("covid sars iphone ipad galaxy pixel xbox windows office android ios macbook".split())
# Words joined by underscores are a user name in any script ("bradán_feasa", "гагра_мама", "حواء_الجنينة"): of the
# 585 such tokens in the PII dev parts every one is a handle, an e-mail or a URL.
_HANDLE_CHAR = rf"(?:[^\W_]|[{MARKS_AFTER_ALPHANUMERICS}])"
HANDLE_UNDERSCORE = re.compile(
    rf"(?<![\w@./-])(?={_HANDLE_CHAR}*_)[^\W\d_]{_HANDLE_CHAR}*(?:_+{_HANDLE_CHAR}+)+(?![\w@]|\.\w)")

# -- IP addresses --------------------------------------------------------------
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
IPV4 = re.compile(rf"(?=\d)(?<![\d.])(?:{_OCTET}\.){{3}}{_OCTET}(?![\d]|\.\d)")
IPV6_CANDIDATE = re.compile(r"(?<![\w:])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"
                            r"(?:(?<=:)\d{1,3}(?:\.\d{1,3}){3})?(?![\w:])")

# -- numbers: ID numbers, phones -----------------------------------------------
CARD = re.compile(r"(?=\d)(?:(?<![\d-])(?:\d{4}[ -]){3}\d{4}(?:[ -]?\d{1,3})?(?![\d-])|"
                  r"(?<![\d-])\d{4}[ -]\d{6}[ -]\d{5}(?![\d-]))")
IBAN = re.compile(r"(?=[A-Z])\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")
NI_NUMBER = re.compile(r"\b[A-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", _I)
SSN = re.compile(r"(?=\d)(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])")
ID_CUE = re.compile(
    r"\b(?:account|acct|acc|a/c|sort code|routing|iban|(?:credit |debit |bank )?card|passport|(?:driving |"
    r"driver'?s )?licen[cs]e|nhs|national insurance|ni|ssn|social security|social|sin|aadhaa?r|pan|tax|tfn|medicare|"
    r"medicaid|member(?:ship)?|customer|patient|case|reference|ref|policy|student|employee|staff|badge|payroll|"
    r"(?:national )?id|identity|dni|nie|nif|bsn|personnummer|hospital|insurance|claim|mrn|health card|pps|ppsn|ird|"
    r"chi|nin|bvn|cpf|curp|pesel|nric|hkid|voter id|"
    r"rg|kimlik|tc kimlik|ohip|steuer-?id|steuernummer|(?:residence |work )?permit|visa|krankenkasse|ramq|cnic|"
    r"iqama|nuban|tin|registration|enrol?ment|matric(?:ulation)?|sss|cccd|cmnd|kra|nhi|versichertennummer|"
    # Identity, tax and insurance numbers of more countries, by the names people give them.
    r"c[ée]dula|cni|cnp|nik|ktp|nic|nid|cpr|f[øo]dselsnummer|henkil[öo]tunnus|hetu|rodn[ée] [čc][íi]slo|amka|"
    r"afm|taj|egn|oib|jmbg|cuil|cuit|rut|dui|rfc|mykad|ic(?=\s+(?:number|no\b))|codice fiscale|tessera sanitaria|"
    r"niss|ahv|avs|svnr|sozialversicherungsnummer|tckn|umid|philhealth|nida|huduma|emirates id|pasaporte|"
    r"passaporto|reisepass|paszport|passeport|passaporte|carnet|dpi|ine|nss|teudat zehut|zehut|"
    r"инн|снилс|паспорт|身份证|身分證|주민등록번호|"
    r"bank transfer(?: to)?|transfer to)\b"
    r"(?:\s+(?:number|numbers|no\.?|num|nr|#|id|code|card|file|pin))*\s*(?:is|was|:|#|=|-|,|\()?\s*(?:\bit'?s\s+)?",
    _I,
)
# A letter block joins the digits after a space only in capitals ("TREG 8203 1514", not "at 1503").
# One capital between digit groups stays in the value: "65 150353 Y 512" (a German insurance number).
ID_VALUE = re.compile(r"(?=[A-Za-z0-9 ./-]*\d)[A-Za-z0-9](?:[A-Za-z0-9/-]|(?<=\d)[ .](?=\d)|(?<=\d) (?=[A-Z] \d)|"
                      r"(?<=[A-Z]) (?=\d{2}))*[A-Za-z0-9]")
# National formats that need no cue word: Brazil's CPF and RG, India's Aadhaar (4-4-4) and PAN, France's
# social security number, Germany's tax ID (2-3-3-3), Australia's Medicare number (4-5-1), Spain's DNI and
# NIE, Ireland's PPS number, a dotted Dutch BSN, Ontario's health card with its version code, a licence
# such as "D412-7736-0913", a letter and eight digits (passports), eleven digits in one run (Turkey's
# kimlik, Nigeria's NIN, Germany's tax ID) unless a phone cue comes before.
NATIONAL_ID = re.compile(
    r"(?=[\dA-Z])(?<![\w.+/-])(?:\d{3}\.\d{3}\.\d{3}-\d{2}|\d{2}\.\d{3}\.\d{3}-[\dXx]|[2-9]\d{3} \d{4} \d{4}(?! ?\d)"
    r"|[A-Z]{5}\d{4}[A-Z]|[12] \d{2} \d{2} (?:\d{2}|2[AB]) \d{3} \d{3} \d{2}|\d{2} \d{3} \d{3} \d{3}(?! ?\d)"
    r"|[2-6]\d{3} \d{5} \d(?:[ -]?\d)?|\d{8}-?[A-HJ-NP-TV-Z]|[XYZ]-?\d{7}-?[A-Z]|\d{7}[A-W][A-IW]?"
    r"|\d{4}\.\d{2}\.\d{3}|\d{4}-\d{3}-\d{3}-[A-Z]{2}|[A-Z]\d{3}-\d{4}-\d{4}(?:-\d{1,4})?|[A-Z]{1,2}\d{7,9}"
    r"|(?<!\+)[1-9]\d{10}"
    # Pakistan's CNIC (5-7-1), the Philippines' SSS number (2-7-1), Korea's resident registration number (a birth
    # date, a dash, seven digits from 1-8), South Africa's ID (a birth date, four digits, a citizenship digit 0/1,
    # two digits), Ghana's card ("GHA-721904385-6") and Kenya's KRA PIN ("A009482716Z").
    r"|\d{5}-\d{7}-\d|\d{2}-\d{7}-\d|\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:-[1-8]\d{6}|\d{4}[01]\d\d)"
    r"|GHA[- ]?\d{9}[- ]?\d|[AP]\d{9}[A-Z])(?![\w/]|[.-]\d)"
)
NHS_NUMBER = re.compile(r"(?<![\d+-])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d-])")
_CEP = re.compile(r"\d{5}-\d{3}")
_CEP_CODE = re.compile(r"(?<![\d-])\d{5}-\d{3}(?![\d-])")
_PAN_HINT = re.compile(r"[A-Z]{5}\d{4}")
_PHONE_ONLY_CUE = re.compile(r"\b(?:call|ring|text|phone|mobile|mob|cell|tel|whatsapp|sms|landline)\b[^\n.!?]{0,30}$",
                             _I)
LAST_DIGITS = re.compile(r"\b(?:ending|ends|ending in|ends in|last (?:four|4)(?: digits)?)\s*(?:in|with|of|is|are|"
                         r":)?\s*(\d{4})\b", _I)

PHONE_CANDIDATE = re.compile(
    r"(?=[\d+(])(?<![\w+£$€/.:〒-])(?<!〒 )(?:\+|00)?\(?\d[\d\u2011\u2013 ().-]{4,22}\d(?![\w/]|[.-]\d|:\d)"
)
PHONE_CUE = re.compile(
    r"\b(?:call|ring|text|phone|mobile|mob|cell|tel|telephone|number|no\.|whatsapp|sms|reach me|contact|landline|"
    r"fax|dial|digits|hotline|line)\b",
    _I,
)
_TIME_LIKE = re.compile(r"^\d{1,2}[.:]\d{2}(?:[.:]\d{2})?$")
# Four digits, a dash and three is a Portuguese postcode ("2750-142"); a year, a dash and three or four digits is
# an invoice or case number ("2024-0193"). Neither is a phone without a phone word before it.
_NOT_PHONE_SHAPE = re.compile(r"^(?:\d{4}-\d{3}|(?:19|20)\d\d[-/]\d{3,4})$")
_NON_DIGITS = re.compile(r"[^\d]+")
# Numbers a phone rule would take that are shaped like personal ID numbers, unless a phone word comes before:
# a birth date then a serial ("950817-4829", "021195-318X", "920418/6315", "120689-11537"), a single check
# character after a dash ("402-2847391-6", "8162734-5"), and groups joined by two dots or more that are not
# all pairs and do not open with 0 ("44.287.093", "756.4831.9205.77"; not "06.12.34.56.78").
_ID_SHAPE = re.compile(
    r"\d{6}[-/]\d{3,5}[A-Z]?|\d[\d -]*\d{3}-\d[A-Z]?|"
    r"(?!0)(?!(?:\d\d\.)+\d\d$)\d{1,4}(?:\.\d{1,4}){2,}(?:-\d{1,3}(?:\.\d{1,3})?)?"
)
# A date spaced after its dots, as Czech, Slovak and BCS write it: "14. 5. 1994" is no phone.
_SPACED_DATE = re.compile(r"(?:0?[1-9]|[12]\d|3[01])\. (?:0?[1-9]|1[0-2])\. (?:19|20)\d\d")
_MONEY_BEFORE = re.compile(r"[£$€¥₹]\s*$")
_POSTCODE_BEFORE = re.compile(r"\b(?:cep|zip|zip ?code|post ?code|postal code|plz|pin ?code)\s*(?:is|:|#|-)?\s*$", _I)

# -- dates of birth ------------------------------------------------------------
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
          r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
# Months of other languages, as written in dates (Slavic, Finnish and Greek in the genitive a date uses).
_OTHER_MONTH = (r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|se?tiembre|septiembre|octubre|noviembre|"
                r"diciembre|janeiro|fevereiro|março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro|"
                r"janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
                r"décembre|decembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|"
                r"januar|jänner|jaenner|februar|märz|maerz|juni|juli|oktober|dezember|januari|februari|maart|mei|"
                r"augustus|augusti|maj|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|"
                r"wrzesnia|października|pazdziernika|listopada|grudnia|ledna|února|unora|března|brezna|dubna|"
                r"května|kvetna|června|cervna|července|cervence|srpna|září|zari|října|rijna|listopadu|prosince|"
                r"január|február|március|április|május|június|július|augusztus|szeptember|október|"
                r"tammikuuta|helmikuuta|maaliskuuta|huhtikuuta|toukokuuta|kesäkuuta|heinäkuuta|elokuuta|syyskuuta|"
                r"lokakuuta|marraskuuta|joulukuuta|ocak|şubat|subat|mart|nisan|mayıs|mayis|haziran|temmuz|ağustos|"
                r"agustos|eylül|eylul|ekim|kasım|kasim|aralık|aralik|ianuarie|februarie|martie|aprilie|iunie|"
                r"iulie|septembrie|octombrie|noiembrie|decembrie|maret|agustus|desember|mac|ogos|disember|"
                r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря|"
                r"січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|"
                r"ιανουαρίου|φεβρουαρίου|μαρτίου|απριλίου|μαΐου|ιουνίου|ιουλίου|αυγούστου|σεπτεμβρίου|"
                r"οκτωβρίου|νοεμβρίου|δεκεμβρίου)(?!\w)")
_ANY_MONTH = rf"(?:{_MONTH}|{_OTHER_MONTH})"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:(?:19|20)\d\d|'\d\d)"
DATE = re.compile(
    rf"(?<![\w/.-])(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})|(?:19|20)\d\d[/.-]\d{{1,2}}[/.-]\d{{1,2}}"
    rf"|{_DAY}(?:\s+of)?\s+{_MONTH},?(?:\s+{_YEAR})?|{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?|{_MONTH},?\s+(?:19|20)\d\d"
    rf"|[0-3]?\d\.?(?:\s+(?:de|del))?\s+{_OTHER_MONTH}(?:,?\s+(?:de\s+|del\s+)?(?:19|20)\d\d)?"

    rf"|(?<=born in )(?:19|20)\d\d|(?<=born )(?:19|20)\d\d)(?![\w/]|[.-]\d)",
    _I,
)
# Birth cues in other languages too: "fecha de nac.", "data de nascimento", "geboren", "Geburtsdatum", "née le",
# "date de naissance", "nato il", "doğum tarihi", "geboortedatum", "urodzona".
# A date written in Chinese, Japanese or Korean ("1990年3月2日", "1990년 3월 2일"), after any character.
CJK_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d\s?[年년]\s?[01]?\d\s?[月월]\s?[0-3]?\d\s?[日일]?")
BIRTH_CUE = re.compile(r"\b(?:born|dob|d\.o\.b\.?|date of birth|birth ?date|birthday|bday|b-day|b'day|"
                       r"fecha de nac(?:imiento|\.)?|data de nascimento|geboren|geb\.|geburtsdatum|n[ée]e? le|"
                       r"date de naissance|nat[oa] il|doğum tarihi|geboortedatum|urodzon[ya]|"
                       r"nac[íi]|naci[óo]|nacid[oa]|nasci|nasceu|nascid[oa]|data di nascita|nat[oa] (?:a|nel)|"
                       r"född|født|fødd|fødselsdato|födelsedatum|data urodzenia|urodził\w*|narozen[aáý]?|"
                       r"narodil[ao]?|datum narození|született|születési dátum|szül\.|syntynyt|syntyi|syntymäaika|"
                       r"doğdum|doğdu|lahir|tanggal lahir|tarikh lahir|ipinanganak|ngày sinh|родил(?:ся|ась)|"
                       r"дата рождения|народил(?:ся|ася)|дата народження|născut[ăa]?|data nașterii|"
                       r"γεννήθηκ[αε]|ημερομηνία γέννησης|تاريخ الميلاد|مواليد|ولدت|تاریخ تولد|נולד(?:תי|ה)?"
                       r")(?!\w)|出生|生年月日|생년월일", _I)
BIRTH_WINDOW = 60
# A date read out in words, after a birth cue: "the third of May nineteen forty eight", "May the first, two
# thousand and three".
_ORDINAL_WORD = (r"(?:(?:twenty|thirty)[- ]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|"
                 r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
                 r"twentieth|thirtieth")
_YEAR_WORDS = (r"(?:nineteen|twenty|two thousand(?: and)?)(?:[ -](?:hundred|oh|one|two|three|four|five|six|seven|"
               r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|"
               r"thirty|forty|fifty|sixty|seventy|eighty|ninety)){1,3}")
SPOKEN_DATE = re.compile(
    rf"\b(?:(?:the\s+)?(?:{_ORDINAL_WORD})\s+of\s+{_MONTH}|{_MONTH}\s+(?:the\s+)?(?:{_ORDINAL_WORD}))"
    rf"(?:,?\s+{_YEAR_WORDS})?(?!\w)",
    _I,
)

# -- postcodes and street addresses --------------------------------------------
UK_POSTCODE = re.compile(r"(?=[A-Z])\b(?:[A-Z]{1,2}\d[A-Z\d]?|GIR) ?\d[A-Z]{2}\b")
UK_POSTCODE_LOWER = re.compile(r"\b[a-z]{1,2}\d[a-z\d]? \d[a-z]{2}\b")
CANADA_POSTCODE = re.compile(r"(?=[A-Z])\b[ABCEGHJ-NPRSTVXY]\d[A-Z][ -]?\d[A-Z]\d\b")
# Irish Eircode: routing key and a four-character unique identifier with letters and digits.
EIRCODE = re.compile(r"(?=[A-Z])\b(?:[AC-FHKNPRTV-Y]\d{2}|D6W) (?=[0-9A-Z]*\d)(?=[0-9A-Z]*[A-Z])[0-9AC-FHKNP-Z]{4}\b")
US_STATES = ("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH "
             "OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC").split()
_ZIP4 = re.compile(r"\d{5}-\d{4}")
_US_STATE_BEFORE = re.compile(rf"\b(?:{'|'.join(US_STATES)}),?\s+$")
US_ZIP_AFTER_STATE = re.compile(rf"\b(?:{'|'.join(US_STATES)}),?\s+(?P<code>\d{{5}}(?:-\d{{4}})?)\b")
AU_POSTCODE_AFTER_STATE = re.compile(r"\b(?:NSW|VIC|QLD|WA|SA|TAS|ACT|NT),?\s+(?P<code>\d{4})\b")
# A ZIP or postcode straight after a street address ("221 Maple Ave 60614").
CODE_AFTER_ADDRESS = re.compile(
    r"\s*,?\s*(?:(?-i:[A-Z][a-z]+),?\s+)?(?:(?-i:[A-Z]{2,3}),?\s+)?"
    r"(?P<code>\d{5}(?:-\d{4})?|(?-i:\d{4} ?[A-Z]{2}(?![a-z]))|\d{4}|[A-Z]\d[A-Z] ?\d[A-Z]\d)\b",
    _I,
)
# An address line's code: ", Bengaluru 560035", ", Hyderabad - 500034" (six digits after a town), ", 69001 Lyon"
# (five digits before one), ", 3511 AL Utrecht" (a Dutch code before one), ", 1200-018 Lisboa", ", 02-791 Warszawa"
# (Portugal's and Poland's dashed codes).
CODE_IN_ADDRESS_LINE = re.compile(
    r"(?-i:,\s*[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)?,?\s*(?:-\s*)?(?P<code>\d{6})\b"
    r"|(?:,|^)\s*(?P<before>\d{5}|[1-9]\d{3} ?[A-Z]{2}|\d{4}-\d{3}|\d{2}-\d{3})\s+[A-ZÀ-Ý][a-zà-ÿ])",
    re.MULTILINE,
)
# The last parts of an address line whose earlier parts hold a house number: a short code before the town
# (", 600 Akureyri", ", 030 Conakry", ", L-4011 Esch-sur-Alzette", ", FO-100 Tórshavn") or after it
# (", Dhaka-1209", ", Lae 411,", ", Pétion-Ville HT6140", ", Ħaż-Żebbuġ ZBG 1304"), closing its clause.
_LINE_TOWN = r"[A-ZÀ-ÝĀ-ŽΑ-ΩА-ЯĦŻ][^\W\d_]*(?:[-'’][^\W\d_]+)*"
SHORT_CODE_IN_ADDRESS_LINE = re.compile(
    r"(?-i:,[ \t]*(?:(?P<before>(?:[A-Z]{1,2}-?)?\d{3,4})[ \t]+(?P<town>" + _LINE_TOWN + ")"
    r"|(?P<town2>" + _LINE_TOWN + r")\.?(?:[ \t]+" + _LINE_TOWN + r")?(?:[ \t]*-[ \t]*|[ \t]+)"
    r"(?P<after>[A-Z]{2}\d{2}[ \t]\d{3}|[A-Z]{1,3}[ \t]?\d{3,5}|\d{3,5})"
    # five digits as a part of their own, after two parts that name places: "Cantón Chuicruz, Totonicapán, 08001."
    r"|(?P<bare>\d{5}))(?=[ \t]*(?:[.,;)\n]|$)))"
)


def _short_codes_in_address_lines(text: str, clues: Clues) -> list[tuple[re.Match, str]]:
    """SHORT_CODE_IN_ADDRESS_LINE matches with the name of the group that holds the code ("before", "after" or
    "bare"), looked for only just before each run of three to five digits."""
    found, searched_to = [], 0
    for p in clues.numbers_where((3, 4, 5)):
        lo = max(searched_to, text.rfind(",", max(0, p - 48), p))
        if lo < searched_to or text.find(",", lo, p) < 0:
            continue
        m = SHORT_CODE_IN_ADDRESS_LINE.search(text, lo, p + 48)
        if m is not None:
            code = "before" if m.group("before") else "after" if m.group("after") else "bare"
            if m.start(code) <= p < m.end(code):
                found.append((m, code))
                searched_to = m.end()
    return found


_TWO_PLACE_PARTS_BEFORE = re.compile(r"[A-ZÀ-Ý][\w'’-]+(?:[ \t]+[\w'’-]+){0,2},[ \t]*[A-ZÀ-Ý][\w'’-]+"
                                     r"(?:[ \t-][A-ZÀ-Ý][\w'’-]+)?,[ \t]*$")
_HOUSE_NUMBER_BEFORE = re.compile(r"\d[^\n]*,[^\n,]*$|\d[^\n]*,$")
# After a street address, the first code within the same line: ", 2º izq, 28005", ", 1016 DV".
CODE_NEAR_ADDRESS = re.compile(
    r"[^\n]{0,30}?(?<![\w.,-])(?P<code>\d{5}-\d{3}|\d{5,6}|[1-9]\d{3} ?[A-Z]{2}(?![a-z])|[A-Z]\d[A-Z] ?\d[A-Z]\d"
    r"|(?!(?:19|20)\d\d)\d{4}(?=\s*(?:,|$|\s[A-Z]))"
    r"|(?i:[a-z]{1,2}\d[a-z\d]?\s?\d[a-z]{2}))\b(?![.,]\d)"  # a UK postcode in any case, maybe unspaced
)
# A code after Japan's postal mark ("〒150-0043") and a Ghana Post digital address ("GA-184-3321").
_REGION_DASH = re.compile(r"[A-Z]{2}-\d")
MARKED_POSTCODE = re.compile(r"(?<=〒)\s?\d{3}-?\d{4}\b|\b[A-Z]{2}-\d{3,4}-\d{4}\b")
# Postcode cues of other languages: Turkish, French, Persian (romanised), Spanish, Portuguese, Romanian,
# Scandinavian, Finnish, Hungarian, Czech and Slovak, Polish, Russian, Greek, Indonesian, Malay, Italian, German,
# Persian, Hebrew, Chinese, Japanese, Korean, Thai.
_POSTCODE_CUES_ABROAD = (r"\b(?:posta kodu|code postal|code posti|c[óo]digo postal|cod postal|postnummer|postinumero|"
                         r"kodi postar|zona postal|indeks|(?-i:PC)(?!\s+(?:19|20)\d\d\b)|"
                         r"irányítószám|irányitószám|irsz\.?|ps[čc]|kod pocztowy|почтовый индекс|индекс|"
                         r"ταχυδρομικός κώδικας|τ\.κ\.|kode pos|poskod|codice postale|postleitzahl)(?!\w)|"
                         r"کد پستی|מיקוד|邮编|郵遞區號|郵便番号|우편번호|รหัสไปรษณีย์")
# Cues of scripts without spaces, written onto the code ("邮编610041"): the tokenizer sees no word there.
_UNSPACED_POSTCODE_CUE = re.compile(r"邮编|郵遞區號|郵便番号|우편번호|รหัสไปรษณีย์")
POSTCODE_CUE = re.compile(
    r"(?:\b(?:zip ?code|zip|post ?code|postal ?code|pin ?code|eircode|cep|plz)|" + _POSTCODE_CUES_ABROAD + r")"
    r"\s*(?:is|:|：|#|-|"
    r",)?\s*(?P<code>[A-Z0-9](?:[A-Z0-9]| (?=(?=[A-Z]*\d)[A-Z0-9]{2,4}\b)|-(?=\d)){2,9})",
    _I,
)
# A numeric code a few words after a postcode cue in the same sentence ("my PLZ is wrong, it's 44135", "PIN
# code ... the 110 017 one"), and a second one offered against it ("44135 not 44139").
POSTCODE_CUE_WORD = re.compile(r"\b(?:zip ?code|zip|post ?code|postal ?code|pin ?code|plz|cep)\b|"
                               + _POSTCODE_CUES_ABROAD, _I)
LATER_POSTCODE = re.compile(r"(?<![\d,.:/-])(?:\d{5,6}|[1-8]\d\d \d{3})(?![\d/:-]|[.,]\d| \d)")
_OTHER_CODE = re.compile(r"\s+(?:not|or|and|instead of)\s+(\d{5,6}|[1-8]\d\d \d{3})(?![\d/:-]|[.,]\d| \d)", _I)
_SENTENCE_STOP = re.compile(r"[.!?\n]\s|\n")
STREET_TYPES = ("street st road rd lane ln avenue ave av drive dr close cl court ct crescent cres way place pl terrace "
                "terr tce gardens gdns grove gr boulevard blvd row square sq hill park parade mews walk rise "
                "view green "
                "circle cir highway hwy parkway pkwy trail path alley wharf quay embankment vale heights meadows "
                "meadow fields field drove gate end loop pike plaza point wynd circus broadway approach yard villas "
                "cottages ridge crossing glen hollow nagar marg").split()
# Addresses in Japan's, Korea's and Vietnam's orders: "2-18-6 Koenji-kita, Suginami-ku" (chōme-banchi-gō, then
# the district), "Seongmisan-ro 17-gil 24" (a road name with -ro/-gil, then the building number), "số 27 hẻm 48
# Cây Trâm, Gò Vấp" (a house number, an alley and its number, the street, the district).
ADDRESS_JAPAN = re.compile(
    r"(?<![\w-])\d{1,2}-\d{1,2}-\d{1,3},?\s+(?P<place>[A-Z][a-z]+(?:-[a-z]+)?"
    r"(?:,\s*[A-Z][a-z]+-(?:ku|shi|machi|cho|chō|gun|mura))?)(?![\w-])"
)
ADDRESS_KOREA = re.compile(r"\b[A-Z][a-z]+(?:-[a-z]+)?-(?:ro|daero|gil)(?:\s+\d{1,3}(?:beon)?-gil)?"
                           r"\s+\d{1,4}(?:-\d{1,4})?\b")
_VN_NAME = r"[A-ZÀ-ÝĐ][^\W\d_]*(?:\s+[A-ZÀ-ÝĐ][^\W\d_]*){0,3}"
ADDRESS_VIETNAM = re.compile(
    rf"(?:\b[Ss]ố\s+)?\b\d{{1,4}}[A-Z]?(?:/\d{{1,4}})*\s+(?:(?:hẻm|ngõ|ngách|kiệt)\s+\d{{1,4}}(?:/\d{{1,4}})*\s+"
    rf"(?:đường\s+|phố\s+)?|đường\s+|phố\s+){_VN_NAME}(?:,\s*(?:[Pp]hường\s+|[Qq]uận\s+)?{_VN_NAME})?"
)
_VIETNAM_STREET_WORDS = frozenset("hẻm ngõ ngách kiệt đường phố".split())
_STREET_TYPE = "|".join(sorted(STREET_TYPES, key=len, reverse=True))
_UNIT = r"(?:flat|apt\.?|apartment|unit|suite|ste|room|no\.?|#)\s*\d+[A-Za-z]?"
ADDRESS = re.compile(
    rf"(?:\b{_UNIT},?\s+)?\b\d{{1,5}}[A-Za-z]?(?:[-/]\d{{1,5}}[A-Za-z]?)?,?\s+"
    rf"(?P<name>(?:(?:[A-Za-z][\w'’.-]*|\d+(?:st|nd|rd|th)?)\s+){{1,3}})(?P<type>{_STREET_TYPE})\b\.?"
    rf"(?:,?\s+{_UNIT})?"
    rf"(?:,\s*(?P<town>(?-i:[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)))?",
    _I,
)
_LOWER_CASE_STREET_TYPES = {"street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "dr", "close",
                            "crescent", "terrace", "court", "ct", "boulevard", "blvd", "gardens", "grove", "mews"}
# Street-first addresses of continental Europe and Latin America ("Calle del Olivo 45", "Lindenstraße 14").
# Street words of many languages that come before the street's name, and the endings of one-word street names
# (German, Dutch, Scandinavian compounds: "Karl-Marx-Allee", "Bijlmerdreef", "Hamngatan").
STREET_FIRST = ("Calle Carrer Rue Via Viale Piazza Piazzale Corso Vicolo Avenida Avda Av Rua Rúa Travessa Largo "
                "Praça Praca Alameda Estrada Rambla Passeig Avinguda Ronda Camino Carrera Plaza Paseo Ulica Aleja Plac "
                "Strada Calea Laan Avenue Boulevard Chaussée Chemin Allée Place Jalan Jl Am An Auf Zum Zur Unter "
                "Hinter ul al os ulica aleja calle rua via rue avenida Pasaje Jirón Jr Carretera Callejón Bulevardul "
                "Aleea Șoseaua Soseaua Jln Gang Gg Lorong Persiaran Lebuh Soi Thanon Rehov Rechov Sderot Khiaban "
                "Mtaa Odos Οδός Οδ ул улица вул вулиця проспект пр-т пер переулок бул náměstí nám Rruga").split()
STREET_SUFFIXES = ("straße", "strasse", "str", "weg", "gasse", "platz", "allee", "gracht", "laan", "plein", "straat",
                   "kade", "vej", "gade", "gatan", "gata", "gaten", "vägen", "veien", "dreef", "singel", "dijk", "damm",
                   "ufer", "markt", "chaussee", "steeg", "torget", "torv",
                   # Icelandic and Faroese ("Hringbraut 84", "Heygsvegur 17", "Þórunnarstræti 112")
                   "stræti", "braut", "vegur", "gøta", "stígur",
                   # Finnish, Estonian and Latvian compounds and words; Turkish, Hungarian, Czech street words after
                   # the name ("Moda Caddesi No: 118", "Pozsonyi út 38").
                   "katu", "tie", "kuja", "tänav", "maantee", "iela", "caddesi", "cad.", "sokak", "sokağı", "sk.",
                   "bulvarı", "utca", "út", "körút", "tér", "třída")
_PARTICLE = r"(?:de|del|la|las|los|le|les|du|des|di|da|do|dos|das|della|dei|delle|van|von|der|den|dem|het|y|e|d'|l')"
_STREET_WORD = r"[A-ZÀ-ÖØ-ÞĀ-žА-ЯЁІЇЄҐΑ-Ω][\w'’.-]+"  # Latin capitals, with Polish, Czech, Turkish ...; Cyrillic, Greek
# A house number, not a count ("Via Facebook 2 people", "Am Ende 3 times").
_HOUSE_NUMBER = (r",?\s+(?:(?i:nr|no|nº|n\.º)[.:]?\s*|(?i:bldg|building|edificio|edif|immeuble|imm)\.?\s+)?"
                 r"\d{1,4}[a-z]?\b"
                 r"(?!\s*(?:%|x\b|times|people|persons|of\b|years?|yrs|days?|weeks?|months?|hours?|mins?|minutes|"
                 r"episodes?|seasons?|points?|stars?|lads|kids|more|out of))")
ADDRESS_STREET_FIRST = re.compile(
    r"(?-i:\b(?:Calle|Carrer|Rue|Via|Viale|Piazza|Piazzale|Corso|Vicolo|Avenida|Avda\.?|Av\.|Rua|Rúa|"
    r"Travessa|Largo|Praça|Praca|Alameda|Estrada|Rambla|Passeig|Avinguda|Ronda|Camino|Carrera|Plaza|Paseo|Ulica|Aleja|"
    r"Plac|Strada|Calea|Laan|Avenue|Boulevard|Chaussée|Chemin|Allée|Place|Jalan|Jl\.|Am|An der|An den|Auf der|Auf dem|"
    r"Zum|Zur|Unter den|Hinter der|ul\.|al\.|os\.|ulica|aleja|calle|rua|via|rue|avenida|"
    # ... and of more languages: Peru, Romania, Indonesia, Malaysia, Thailand, Israel, Iran, East Africa, Greece,
    # the Cyrillic alphabets, Czechia, Albania.
    r"Pasaje|Jirón|Jr\.|Carretera|Callejón|Bulevardul|Aleea|Șoseaua|Soseaua|Jln\.?|Gang|Gg\.|Lorong|Persiaran|"
    r"Lebuh|Soi|Thanon|Rehov|Rechov|Sderot|Khiaban|Mtaa|Odos|Οδός|Οδ\.|ул\.|улица|вул\.|вулиця|проспект|пр-т|"
    r"пер\.|переулок|бул\.|náměstí|nám\.|Rruga)\s+"
    rf"(?:{_PARTICLE}\s*)*{_STREET_WORD}(?:\s+(?:{_PARTICLE}\s+)*{_STREET_WORD}){{0,3}})" + _HOUSE_NUMBER
)
# Street words of other languages written after the name, in either case ("Pozsonyi út 38", "Moda Caddesi No: 118").
_AFTER_NAME = r"caddesi|cad\.|sokak|sokağı|sk\.|bulvarı|utca|út|körút|tér|tänav|maantee|iela|třída"
# A one-word street name by its ending, or such a word alone after a capitalised one ("Berliner Straße 12").
ADDRESS_COMPOUND = re.compile(
    rf"(?-i:(?:[A-ZÀ-ÖØ-ÞĀ-ž][\w'’-]+\s+(?=(?i:straße|strasse|str\.|weg|allee|platz|gasse|ufer|damm|markt|"
    rf"{_AFTER_NAME})\s))?"
    rf"\b(?:(?=[A-ZÀ-ÖØ-ÞĀ-ž])|(?<=\w )(?=(?i:{_AFTER_NAME})))"
    rf"[\w'’-]*?(?i:{'|'.join(re.escape(x) for x in STREET_SUFFIXES).replace('str|', r'str[.]|')})"
    r"(?:-(?i:zuid|noord|oost|west|nord|süd|ost))?)" + _HOUSE_NUMBER  # a quarter after it: "Ringweg-Zuid 18"
)
# Number-first French addresses: "12 rue des Tanneurs", "1705 rue de la Visitation", "8 bis avenue Foch",
# "12 Av. de la Liberté".
ADDRESS_FRENCH = re.compile(
    r"(?=\d)(?-i:\b\d{1,5}(?:\s?(?:bis|ter))?,?\s+(?:[Rr]ue|[Aa]venue|[Aa]v\.|[Bb]oulevard|[Bb]d|[Pp]lace|[Cc]hemin|"
    r"[Aa]llée|[Ii]mpasse|[Qq]uai|[Cc]ours|[Rr]oute)\s+(?:(?:de la|de l'|de l’|des|du|de|d'|d’)\s*)?[A-ZÀ-Ý][\w'’-]*"
    r"(?:\s+(?:de|du|des|la|le)?\s*[A-ZÀ-Ý][\w'’-]*){0,2})"
)
_NUMBER_ABBREVIATIONS = frozenset("no nr".split())
# Street endings short enough to end other words: the street needs a name of four letters or more before them
# ("Hämeentie", not "Bestie").
_SHORT_SUFFIXES = ("tie", "kuja", "iela")
# Street words written in lower case after a capitalised name ("Pozsonyi út 38", "Moda caddesi 5").
_STREET_WORDS_AFTER = frozenset("caddesi cad sokak sokağı sk bulvarı utca út körút tér tänav maantee iela "
                                "třída".split())
_QUARTERS = frozenset("zuid noord oost west nord süd ost".split())  # after a street's name: "Ringweg-Zuid 18"


def _without_quarter(word: str) -> str:
    """A street's name without the quarter after it: "ringweg-zuid" -> "ringweg"."""
    head, _, tail = word.rpartition("-")
    return head if head and tail in _QUARTERS else word


_NOT_STREETS = ("brigade", "renegade")  # English words with a street ending ("-gade")
_FRENCH_STREET_WORDS = frozenset("rue avenue av boulevard bd place chemin allée impasse quai cours route".split())
# A house number and one word that ends like a street ("88 Kingsway", "9 Ashgrove"), after an address word or
# before a comma and a capital or a flat: alone, "3 Hollywood films" would count.
ADDRESS_ONE_WORD = re.compile(
    r"(?-i:\b\d{1,5}[A-Za-z]?,?\s+[A-Z][a-z]{2,}(?:way|gate|grove|field|fields|wood|side|hill|hills|dale|croft|brook|"
    r"ridge|green|park|mead|bank|view|court|row|wynd|lea|moor|holme|hurst|combe))\b"
)
_ONE_WORD_CONTEXT_AFTER = re.compile(r"\s*(?:,\s*(?:[A-Z]|(?:unit|apt|flat|suite)\b)|$|\n)", _I)
_ADDRESS_CUE_BEFORE = re.compile(r"\b(?:address(?:\s+is)?|addy(?:\s+is)?|at|live[sd]?\s+(?:at|on)|living\s+at)"
                                 r"\s*:?\s*$", _I)
# A rural address, no house number: capitalised names after an address word ("address: Knockmore, Ballina"), or
# after "live at", "the farm at" when a county, a third part or a postcode follows ("the farm at Coolnagree,
# Co. Clare"; "we live at Castlebar, Mayo" names a town only).
RURAL_ADDRESS = re.compile(
    r"\b(?:(?P<cue>address(?:\s+is)?|addy(?:\s+is)?)|live[sd]?\s+at|living\s+at|(?:house|home|farm|cottage)\s+"
    r"(?:is\s+)?at)\s*:?\s+"
    r"(?P<addr>(?-i:[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:\s+(?:na|an|de|la|the|of|[A-ZÀ-Ý][a-zà-ÿ'’-]+))*"
    r"(?P<more>,\s*(?P<county>Co\.?\s+|County\s+)?[A-ZÀ-Ý][a-zà-ÿ'’-]+(?:\s+[A-ZÀ-Ý][a-zà-ÿ'’-]+)*){1,3}))"
    r"(?P<code>,?\s*(?-i:[A-Z]\d[\dW]|[A-Z]{1,2}\d))?",
    _I,
)
_RURAL_WORDS = frozenset("address addy live lives lived living house home farm cottage".split())
# A post-office box in several languages ("P.O. Box 4417", "Postfach 12 34", "Caixa Postal 88").
# Also France's and West Africa's "BP 1142" (boîte postale, with an office number before it: "01 BP 2417"),
# Southern Africa's "Private Bag A412", and box numbers with a letter ("P.O. Box N-7432").
# ("BP" only before a town: "my BP 140 over 90" is blood pressure.)
PO_BOX = re.compile(r"\b(?:(?:P\.?\s?O\.?\s?Box|Post\s?box|Postfach|Apartado(?: de correos)?|Caixa Postal|Casilla|"
                    r"Boîte postale|Private\s+Bag)\s*(?:No\.?\s*)?(?:[A-Z]{1,2}-?)?\d{1,6}(?: \d{2,3})?\b"
                    r"|(?-i:(?:\d\d\s)?B\.?P\.?\s*\d{1,6}(?: \d{3})?(?=,?\s+(?:\d{5}\s+)?[A-ZÀ-Ý]['’]?[A-Za-zà-ÿ])))",
                    _I)
# Kenya's "P.O. Box 4417-00100": the box, a dash and the postal code.
_PO_BOX_CODE = re.compile(r"-(\d{5})\b(?![.,-]\d)")
_PO_BOX_WORDS = frozenset("p po box postbox postfach apartado caixa casilla boîte bp private".split())
# Indian and Nigerian plot addresses: "Plot 42, Road No. 12, Banjara Hills".
ADDRESS_PLOT = re.compile(
    r"(?=[PHD])(?-i:\b(?:Plot|House|H\.\s?No\.?|Door\s?No\.?)\s*(?:No\.?\s*)?\d+[A-Z]?(?:[,\s]+(?:Road|Street|Lane|"
    r"Sector|Block)\s+No\.?\s*\d+[A-Z]?)?(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})?)"
)
# Before a postcode on the same line: a house number and capitalised words, a town perhaps ("22 Ard na Gréine, ",
# "4 Bóthar na Trá, Salthill, ").
ADDRESS_BEFORE_CODE = re.compile(
    r"(\b\d{1,5}[A-Za-z]?,?\s+(?:[A-ZÀ-Ý][\w'’-]*)(?:\s+(?:[A-ZÀ-Ý][\w'’-]*|na|an|de|la|del|des|du|van|der|da|do|dos|"
    r"das|y)){0,3}(?:,\s*[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)?)?),\s*$"
)
_ADDRESS_STOP = {"the", "a", "an", "of", "in", "on", "at", "to", "my", "and", "or", "for", "from", "with", "down", "up",
                 "by", "more", "other", "old", "new", "this", "that", "these", "those", "last", "next", "first",
                 "minutes", "mins", "hours", "days", "weeks", "months", "years", "miles", "times", "people", "steps"}

# -- ages -------------------------------------------------------------------------
AGE_UNIT = re.compile(r"(?=\d)(?<![\w.])(?P<age>\d{1,3}(?:\s*|-)(?:years?|yrs?|months?|weeks?)(?:\s*|-)old|"
                      r"\d{1,3}\s*(?:yo|y/o|y\.o\.?)(?![\w/]))", _I)
# "(34F)", "[f29]", "34M": bracketed forms in any case, bare ones in capitals only. Bracketed, the letter may also
# be another language's for "woman" or "man": Dutch "(27V)" (vrouw), Serbian and Croatian "[31Ž]" (žena), French
# "(36H)" (homme).
AGE_GENDER = re.compile(
    r"[(\[]\s*(?:(?P<a>\d{2})\s?[/,]?\s?(?:[MFmfVŽžH]|NB|nb)|(?:[MFmfVŽž]|NB|nb)\s?[/,]?\s?(?P<b>\d{2}))\s*[)\],]"
)
AGE_GENDER_BARE = re.compile(
    r"(?=\d)(?:(?<!\w)(?P<a>\d{2})(?:M|F|NB)(?!\w)"
    r"|(?:^|(?<=\bi'm )|(?<=\bim )|(?<=\bme )|(?<=\bi am ))(?P<b>\d{2})[fm](?!\w))"
)
AGE_GENDER_LETTER_FIRST = re.compile(r"[MF](?<!\w[MF])(?P<a>\d{2})(?!\w)")
# "21 looks good on u": the birthday wish.
AGE_LOOKS_GOOD = re.compile(r"(?=\d)(?<![\w.])(?P<age>\d{2})\s+(?:looks|suits)\s+"
                            r"(?:good|great|amazing|gorgeous)\s+on\b", _I)
AGE_CUE = re.compile(
    r"\b(?:i'?m|i am|im|he'?s|she'?s|they'?re|he is|she is|they are|you'?re|u r|ur|we'?re|we are|turned|turning|turn|"
    r"turns|aged|age|ages|at the age of|at age|age of)\s*:?\s+"
    r"(?:(?:about|around|nearly|almost|only|just|over|barely|roughly|now|already|both|all|still|literally|like|"
    r"basically|actually|technically)\s+)?"
    r"(?P<age>\d{1,3})(?![\w:.,]\d|\d|[:%'’′\"])",
    _I,
)
# "she was 19.", "Dad is 63", "since we were 11": a number closing the clause.
_COPULA_TAIL = (r"\s+(?:(?:like|only|just|literally|about|around|barely)\s+)?(?P<age>\d{1,2})(?![.,]\d)"
                r"(?=\s*(?:[.,;!?)]|$|\s+(?:and|now|this|next|when|but|so|too|already|"
                r"yrs|years|in|last|today|tomorrow|lol|and|with|&)\b))")
AGE_COPULA = re.compile(r"\b(?:is|was|were|are|be|been)" + _COPULA_TAIL, _I)
AGE_COPULA_S = re.compile(r"['’]s" + _COPULA_TAIL, _I)
# "Ayşe (28)", "Jasur (28, dasturchi)": a bracketed age after a capitalised name; also after the word for "I" or
# a son or daughter in a few languages ("ik (31)", "onze dochter (5)").
AGE_AFTER_NAME = re.compile(r" \((?P<age>\d{1,2})(?:\)|,\s)")
# (After "I", only an adult's age: "I (2) went" is a list.)
_PERSON_WORD_BEFORE = re.compile(
    r"(?<!\w)(?:(?P<self>i|me|ik|mij|ich|je|moi|yo|eu|io|jag|jeg)|daughter|son|dochter|zoon|tochter|sohn|fille|"
    r"fils|hija|hijo|filha|filho|figlia|figlio|dotter|datter|sønn|søn)$",
    _I,
)
# (Capitals only: the block Ā-ž mixes capitals and small letters, so it is left out: "ćwiczenia (12)" is no name.)
_CAPITALISED_BEFORE = re.compile(r"\b(?-i:[A-ZÀ-ÖØ-ÞА-ЯЁΑ-Ω])[^\W\d_]+$")
_NOT_AGE_AFTER = re.compile(
    r"\s*(?:am|pm|a\.m|p\.m|minutes?|mins?|hours?|hrs?|h\b|days?|weeks?|wks?|months?|%|ft|foot|feet|cm|kg|kgs|lbs?|"
    r"pounds|stone|st\b|miles?|km|k\b|x\b|times|o'?clock|quid|bucks|dollars|euros|percent|mg|ml|points?|pts|"
    r"sessions?|steps|shifts?|calls?|texts?|messages|drinks?|pages?|kids|children|people|of\b|out of|/|hrs)",
    _I,
)


_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_NUMBER_WORD = (rf"(?:(?:{_TENS})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|"
                r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
NUMBER_WORDS = frozenset(f"{_TENS.replace('|', ' ')} ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
                         f"eighteen nineteen".split()) | frozenset(
    f"{tens}-{unit}" for tens in _TENS.split("|") for unit in "one two three four five six seven eight nine".split())
# "she's fourteen now", "I turned forty", "he is seventy-two.": an age written in words.
_SMALL_NUMBER_WORD = "two|three|four|five|six|seven|eight|nine"
# An age in apposition right after a person's name: "Matteo Ferrante, thirty-four, stood", "Hiwot, 31.", "Noor, 6,
# asked" (the name found by the name rules; see toolkit.anonymize.detect).
AGE_AFTER_PERSON = re.compile(
    rf",[ \t]*(?P<age>[1-9]\d?|{_NUMBER_WORD}|{_SMALL_NUMBER_WORD})(?=[ \t]*(?:,(?![ \t]*\d)|;|\)|!|$|"
    # (not an ordinal day or floor: "Zürich, 2. Oktober", "3. Stock", "Mánadagur, 3. mars")
    r"\.(?!\d|[ \t]*(?:jan|feb|m[aäe]r|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|stock|etage|h[æa]dd|sal)\w*)))", _I)
_AGE_WORD_TAIL = (r"(?=\s*(?:[.,;!?)]|$|\n|\s(?:now|and|this|next|today|but|so|when|in|with|going|years|i|he|she|we|on|"
                  r"last|yesterday|tomorrow|"
                  r"they|my|his|her|our|their)\b))")
AGE_IN_WORDS = re.compile(
    r"(?=[ihstwyab])\b(?:i'?m|i am|im|he'?s|she'?s|they'?re|we'?re|you'?re|he is|she is|turned|turning|turns|turn|"
    r"aged|is|"
    r"was|were|be|been)\s+"
    r"(?:(?:about|around|nearly|almost|only|just|now)\s+)?"
    rf"(?P<age>{_NUMBER_WORD}(?:\s+years?\s+old)?)\b" + _AGE_WORD_TAIL,
    _I,
)
# "she's seven", "he turned six", "I was nine": ages under ten in words only after a person and "is", "was" or
# "turned".
AGE_SMALL_IN_WORDS = re.compile(
    r"(?=[ihstwyabdg])\b(?:i'?m|i am|im|he'?s|she'?s|they'?re|we'?re|you'?re|he is|she is|they are|turned|turning|"
    r"turns|aged|(?:i|he|she|you|we|they) (?:was|were)|who (?:is|was|'s)|(?:boy|girl|son|daughter|baby) is)\s+"
    rf"(?:(?:only|just|nearly|almost|now)\s+)?(?P<age>(?:{_SMALL_NUMBER_WORD})(?:\s+years?\s+old)?)\b" + _AGE_WORD_TAIL,
    _I,
)
# "a forty-year-old woman", "my six year old", "at sixteen I left".
AGE_WORDS_YEAR_OLD = re.compile(rf"(?=[tefsn])\b(?P<age>(?:{_NUMBER_WORD}|{_SMALL_NUMBER_WORD})[- ]years?[- ]old)\b",
                                _I)
AGE_WORDS_OPENING = re.compile(
    rf"\b(?:at|by|since|from|until|till)\s+(?:age\s+)?(?P<age>{_NUMBER_WORD}),?\s+"
    r"(?=(?:i|i'd|he|she|we|they|my|u|you)\b)",
    _I,
)
SMALL_NUMBER_WORDS = frozenset(_SMALL_NUMBER_WORD.split("|"))
# "I am Małgorzata, 37 years, from Poland": an age after a self-introduction.
AGE_AFTER_INTRODUCTION = re.compile(
    r"\b(?:i am|i'm|im|name is|name's|this is)\s+[A-ZÀ-Ý][\w'’-]+(?:\s+[A-ZÀ-Ý][\w'’-]+)?(?:\s+\([^()\n]{1,30}\))?,"
    r"\s*(?P<age>\d{1,2})\b"
    r"(?:\s*(?:years(?:\s+old)?|yrs|yo|y\.o\.))?(?!\s*(?:%|am|pm|minutes|hours|days|weeks|months))",
    _I,
)
# "a weird thing at 42.", "friends at 40": "at" and a number closing the sentence or line.
AGE_AT_END = re.compile(r"\bat\s+(?P<age>[1-9]\d)(?=\s*(?:[.!?]*\)|[.!?]+(?:\s|$)|\n|$))", _I)
_NOT_AGE_BEFORE_AT = re.compile(
    r"\b(?:meet|meeting|see|seeing|leave|leaving|arrive|arriving|back|home|bed|start|starts|starting|until|till|"
    r"open|opens|close|closes|closed|ends|finish|finishes|wake|woke|up|out|there|here|gate|platform|number|no|room|"
    r"page|level|speed|score|stood|rated|priced|sold|bought|sits|stuck|capped|set|peaked|you|u|me|us|them|him|her|"
    r"call|ring|text|pick|picked|collect|due|done|ready|booked|train|bus|flight|class|lesson|appointment|session|"
    r"shift|work|school|lunch|dinner|breakfast|tonight|tomorrow|today|tmrw|morning|evening|night)\b",
    _I,
)
_CLAUSE_BREAK = re.compile(r"[,;.!?()\n]")


def _clause_start(text: str, end: int, span: int) -> int:
    """Where the clause holding *end* starts, looking back *span* characters at most: a "me" before the comma
    of "calls me Lupita, even at 47." is no object of "at 47"."""
    start = max(0, end - span)
    last = start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        last = m.end()
    return last


# "happy birthday OISÍN 🎂🎂 17 and ...": a number soon after a birthday wish.
AGE_AFTER_BIRTHDAY = re.compile(
    r"(?=h)\b(?:happy\s+(?:birthday|bday|b-day)|hbd)\b[^\n\d]{0,40}?(?<![\d:£$€])(?P<age>[1-9]\d)\b"
    r"(?![:.,]\d|\s*(?:am|pm|th|st|nd|rd|%|x\b|quid|pounds|dollars|euros|minutes|mins|hours|days))",
    _I,
)
# "my son, 12, hates it", "my sister (15)", "and my son, 19.": a relation and an age between commas or brackets
# or closing the sentence.
AGE_AFTER_RELATION = re.compile(
    r"\b(?:son|daughter|kid|boy|girl|brother|sister|husband|wife|partner|mum|mom|mother|dad|father|niece|nephew|"
    r"cousin|friend|bf|gf|boyfriend|girlfriend|grandson|granddaughter|grandma|grandad|nan|stepson|stepdaughter|"
    r"stepdad|stepmum|stepmom|twin|twins|baby|toddler|ex)\s*[,(]\s*(?P<age>\d{1,2})(?:\s*[,)]|(?=\s*(?:[.;!?]|$)))",
    _I,
)
# "Polish guy (30) in the Netherlands", "mom in Toronto here (39)", "our kids (7 and 10)": a bracketed age a few
# words after a person noun, in the same clause; "a man of 41".
_PERSON_NOUNS = (r"son|daughter|kid|kids|children|boy|boys|girl|girls|brother|sister|husband|wife|partner|mum|mom|"
                 r"mother|dad|father|niece|nephew|cousin|friend|bf|gf|boyfriend|girlfriend|grandson|granddaughter|"
                 r"grandma|grandad|stepson|stepdaughter|stepdad|stepmum|stepmom|twins|baby|toddler|guy|man|woman|"
                 r"lady|dude|lad|lass|bloke|chap|gal|mama|papa|sons|daughters|teen|teenager")
BRACKETED_AGES = re.compile(r"\((?P<age>\d{1,2})(?:\s*(?:and|&|,)\s*(?P<age2>\d{1,2}))?\)")
_PERSON_BEFORE_BRACKET = re.compile(rf"\b(?:{_PERSON_NOUNS})\b(?:[ \t]+[^\W\d_][\w'’-]*){{0,3}}[ \t]*$", _I)
AGE_PERSON_OF = re.compile(r"of\s+(?P<age>[1-9]\d)\b(?![.,:]\d|\s*%)", _I)
_PERSON_NOUN_BEFORE_OF = re.compile(rf"\b(?:a|an|the)\s+(?:{_PERSON_NOUNS})\s+$", _I)
_PERSON_NOUN_WORDS = frozenset(_PERSON_NOUNS.split("|"))
# "at 23 i moved", "by 30 I'd": an age opening a clause about the person.
AGE_OPENING_CLAUSE = re.compile(
    r"\b(?:at|by|since|from|until|till)\s+(?:age\s+)?(?P<age>\d{1,2}),?\s+(?=(?:i|i'd|i'd|he|she|we|they|my|u|you)\b)",
    _I,
)
# "im 14 nearly 15": a second age after the first.
AGE_NEXT = re.compile(r"\s*,?\s*(?:nearly|almost|going on|turning|soon|soon to be)\s+(?P<age>\d{1,2})\b(?![:.]\d)", _I)


def _trim_url(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    while end > start and text[end - 1] in ")]}" and text.count("(", start, end) < text.count(")", start, end):
        end -= 1
    return end


# Cue words, by the lower-case word that must occur for a cue-led pattern to be tried.
_ID_CUE_WORDS = frozenset("""account acct acc a c sort routing iban card credit debit bank passport licence license
driving driver driver's nhs national insurance ni ssn social security sin aadhaar aadhar pan tax tfn medicare medicaid
member membership customer patient case reference ref policy student employee staff badge payroll id identity dni nie
nif bsn personnummer hospital claim mrn health transfer pps ppsn ird chi nin bvn cpf curp pesel nric hkid voter
rg kimlik ohip steuer-id steuernummer permit visa krankenkasse ramq cnic iqama nuban tin registration enrolment
enrollment matric matriculation sss cccd cmnd kra nhi versichertennummer cédula cedula cni cnp nik ktp nic nid cpr
fødselsnummer fodselsnummer henkilötunnus henkilotunnus hetu rodné rodne amka afm taj egn oib jmbg cuil cuit rut dui
rfc mykad ic codice tessera niss ahv avs svnr sozialversicherungsnummer tckn umid philhealth nida huduma emirates
pasaporte passaporto reisepass paszport passeport passaporte carnet dpi ine nss zehut инн снилс паспорт
""".split())
_LAST_DIGITS_WORDS = frozenset("ending ends last".split())
_BIRTH_WORDS = frozenset("born dob birth birthday bday birthdate b'day nac nacimiento nascimento geboren geb "
                         "geburtsdatum né née ne nee naissance nato nata doğum geboortedatum urodzony urodzona "
                         "nací naci nació nacio nacida nacido nasci nasceu nascida nascido nascita född født "
                         "fødd fødselsdato födelsedatum urodzenia urodził urodziła urodziłam urodziłem urodzil "
                         "urodzila narozen narozena narozený narodil narodila narození született születési szül "
                         "syntynyt syntyi syntymäaika doğdum doğdu lahir ipinanganak sinh родился родилась "
                         "рождения народився народилася народження născut născută nașterii γεννήθηκα γεννήθηκε "
                         "γέννησης الميلاد مواليد ولدت تولد נולדתי נולד נולדה".split())
_POSTCODE_WORDS = frozenset("zip zipcode post postcode postal pin pincode eircode cep plz posta code código codigo "
                            "kodi zona indeks pc "
                            "cod postnummer postinumero irányítószám irányitószám irsz psč psc kod почтовый индекс "
                            "ταχυδρομικός τ kode poskod codice postleitzahl کد מיקוד 邮编 郵遞區號 郵便番号 우편번호 "
                            "รหัสไปรษณีย์".split())
_AGE_CUE_WORDS = frozenset("""i'm im i’m he's hes he’s she's shes she’s they're theyre they’re you're youre you’re
ur r am is are we're we’re were turned turning turn turns aged age ages""".split())
_COPULA_STARTS = frozenset("is was were are be been".split())
_AGE_UNIT_HINT = re.compile(r"\d[\s-]*[yYmMwW]")
# Words an AGE_CUE match can begin with ("i am", "he is", "at the age of").
_AGE_CUE_STARTS = _AGE_CUE_WORDS | frozenset("i he she they you u we at".split())
# A flat, unit or building before a street address ("Flat 11, Marlowe House, 52 ...", "B-204, 18 ...", "no. 12 ...")
# and a flat, floor or direction after it (", Apt 1203", ", 2º izq", " E", "-bis").
_UNIT_BEFORE_ADDRESS = re.compile(
    r"(?:\b(?:flat|apt\.?|apartment|unit|suite|no\.?|#)\s*\d+[A-Za-z]?(?:/(?=\d))?|\b[A-Z]-?\d{2,4})"
    r"(?:,\s*(?-i:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?))?(?:,\s*|\s+|(?<=/))$|\b(?:flat|apt\.?|unit|suite|no\.?)\s+$",
    _I,
)
_UNIT_AFTER_ADDRESS = re.compile(
    r"(?:-(?:bis|ter)\b|(?-i:\s(?:[NS][EW]|[NSEW])\b))?(?:,?\s*(?:flat|apt\.?|apto\.?|app\.|apartment|unit|suite|ste)\s*\d+[A-Za-z]?"
    r"|,\s*\d+º\s*(?:izq(?:uierda)?|dcha|derecha|dto|esq)?\.?|,\s*\d+(?:st|nd|rd|th)\s+floor)?",
    _I,
)
_LETTER_DASH_BEFORE = re.compile(r"(?<![\w-])[A-Z]-")
# Areas numbered after their name ("Lekki Phase 1", "Sector 15-A", "Block 4"), closing an address.
_NUMBERED_AREA_END = re.compile(r"\b(?:phase|sector|block|stage|zone)$", _I)
_AREA_NUMBER = re.compile(r"\s+\d{1,3}(?:-?[A-Z])?\b")
_UNIT_BEFORE = re.compile(r"\b(?:flat|apt\.?|apartment|unit|suite|ste|room|no\.?|#)\s*$", _I)
_STREET_WORDS_ALL = frozenset(STREET_TYPES) | frozenset("flat apt apartment unit suite".split())
_UNIT_WORDS = frozenset("flat apt apartment unit suite ste room no".split())
# How far after an ID cue word its number may start ("national insurance number is QQ 12 ...").
_ID_REACH = 60
_NUMBER = re.compile(r"\d+")
_HANDLE_WORDS = frozenset(HANDLE_PLATFORMS) | frozenset("gamer user cash".split())
_POSSESSIVE_WORDS = frozenset("my her his their the ur your".split())
_PLATFORM_WORDS = frozenset("insta instagram ig snap snapchat tiktok twitter discord twitch threads "
                            "bluesky reddit".split())
# Words of a handle cue, never its value ("xbox gamertag is").
_HANDLE_CUE_WORDS = _HANDLE_WORDS | frozenset("gamertag tag handle username name id account acc is".split())
_ACCOUNT_WORDS = frozenset("account profile page".split())
_APP_WORDS = frozenset("app site platform server".split())
_PLATFORM_OR_APP_WORDS = _PLATFORM_WORDS | _APP_WORDS
_DOMAIN_END = re.compile(rf"\.(?:{'|'.join(SAFE_TLDS.split())})$", _I)
_STREET_FIRST_WORDS = frozenset(word.lower() for word in STREET_FIRST)
_STREET_FIRST_COMMON = frozenset("am an auf zum zur unter hinter place avenue via plaza".split())
# How far a street-first word may be from its house number ("Laan van Nieuw Oost-Indië 44").
_STREET_REACH = 48
_AT_SIGN = re.compile("@")
_HEX_COLON = re.compile(r"[0-9A-Fa-f]:[0-9A-Fa-f:]")
_STATE_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z]{2,3},?\s+$")
# Postcodes hold a digit then a capital ("2AB", "1A1"), or in lower case a digit then two letters that
# are not an ordinal or a time ("ls6 2pq", not "2nd" or "9pm"); an Eircode starts "D08 ".
_DIGIT_CAPITAL = re.compile(r"\d[A-Z]")
_LOWER_INWARD_CODE = re.compile(r"\d(?!nd|rd|th|st|am|pm)[a-z]{2}\b")
_EIRCODE_HINT = re.compile(r"[AC-FHKNPRTV-Y]\d[\dW] ")
_DOT_LETTER = re.compile(r"\.[A-Za-z]")
_DIGITS_IN_A_ROW = re.compile(r"\d(?:[ /-]?\d){3}")


class Clues:
    """Cheap facts about a text that say which finders can match at all.

    Examples
    --------
    >>> clues = Clues("Call me on 07700 900123")
    >>> clues.digits, "call" in clues.words
    (11, True)
    """

    __slots__ = ("text", "lower", "parts", "lowered", "words", "digits", "_starts", "_numbers", "_lengths",
                 "_last_words", "_windows")

    def __init__(self, text: str, parts: list[str] | None = None):
        self.text = text
        self.lower = text.lower()
        self.parts = split_words(text) if parts is None else parts
        self.lowered = list(map(str.lower, self.parts[1::2]))
        self.words = frozenset(self.lowered)
        # ASCII digits are single bytes in UTF-8 and no other character holds those bytes; one C-level pass, not ten.
        encoded = text.encode("utf-8", "surrogatepass")
        self.digits = len(encoded) - len(encoded.translate(None, b"0123456789"))
        self._starts: list[int] | None = None
        self._numbers: list[int] | None = None
        self._lengths: list[int] = []
        self._last_words: list[int] | None = None
        self._windows: dict[int, list[int]] = {}

    def any_word(self, words: frozenset[str]) -> bool:
        return not self.words.isdisjoint(words)

    def numbers(self) -> list[int]:
        """Start offsets of the runs of digits, where digit-led patterns can begin."""
        if self._numbers is None:
            spans = [m.span() for m in _NUMBER.finditer(self.text)]
            self._numbers = [start for start, _ in spans]
            self._lengths = [end - start for start, end in spans]
        return self._numbers

    def number_lengths(self) -> list[int]:
        """How many digits each run of :meth:`numbers` has."""
        self.numbers()
        return self._lengths

    def before_numbers(self, offsets: tuple[int, ...], letter=str.isupper) -> list[int]:
        """Offsets *k* characters before each run of digits that has a *letter* right before it, for
        letter-led codes ("GB82 ...", "LS6 2AB", "ls6 2pq")."""
        text = self.text
        return sorted({p - k for p in self.numbers() if p and letter(text[p - 1]) for k in offsets if p >= k})

    def numbers_where(self, lengths: tuple[int, ...] = (), after: str = "") -> list[int]:
        """Starts of the runs of digits of one of these *lengths* and followed by one of the *after* characters.

        A cheap test before an anchored pattern is tried: a card group has four
        digits and a space or dash after it, an IP address octet a dot.
        """
        text, found = self.text, []
        for p, length in zip(self.numbers(), self.number_lengths()):
            if (not lengths or length in lengths) and (not after or text[p + length : p + length + 1] in after):
                found.append(p)
        return found

    def capital_before_number(self) -> bool:
        """Whether a capital letter comes right before a run of digits ("Y7K3", "A58291"): a code that switches
        between capitals and digits has one."""
        text = self.text
        return any(text[p - 1].isupper() for p in self.numbers() if p)

    def number_starts(self, openers: str = "") -> list[int]:
        """Where a digit-led match may start: each run of digits, moved back over any of *openers* ("+(")."""
        starts = []
        for p in self.numbers():
            while p > 0 and self.text[p - 1] in openers:
                if self.text[p] == "+" and self.text[p - 1] == "(":
                    break  # "(+44 7700 900123)": the number starts at its "+", inside the bracket
                p -= 1
            starts.append(p)
        return starts

    def starts(self) -> list[int]:
        """Start offsets of the words."""
        if self._starts is None:
            self._starts = list(accumulate(map(len, self.parts)))[0::2]
        return self._starts

    def words_before_numbers(self, words: frozenset[str], span: int = 3) -> list[int]:
        """Offsets of the given words among the *span* words right before a run of digits ("she's 34")."""
        if self.words.isdisjoint(words):
            return []
        window = self._windows.get(span)
        if window is None:  # asked for by several finders with the same span: the word indices are kept
            window = self._windows[span] = sorted({j for k in self.last_words()
                                                   for j in range(max(0, k - span + 1), k + 1)})
        starts, lowered = self.starts(), self.lowered
        return [starts[j] for j in window if lowered[j] in words]

    def last_words(self) -> list[int]:
        """Index of the last word starting before each run of digits (-1 for none); asked for by several finders."""
        if self._last_words is None:
            starts = self.starts()
            self._last_words = [bisect_left(starts, p) - 1 for p in self.numbers()]
        return self._last_words

    def positions(self, words: frozenset[str], reach: int | None = None) -> list[int]:
        """Start offsets of the given lower-case words, in text order: where a cue-led pattern can begin.

        With *reach*, only those with a digit less than *reach* characters after them.
        """
        if self.words.isdisjoint(words):
            return []
        starts, lowered, found = self.starts(), self.lowered, []
        for word in words & self.words:
            k = -1
            with suppress(ValueError):
                while True:
                    k = lowered.index(word, k + 1)
                    found.append(starts[k])
        found.sort()
        if reach is None or not found:
            return found
        numbers = self.numbers()
        return [p for p in found if (k := bisect_left(numbers, p)) < len(numbers) and numbers[k] - p < reach]


def _is_letter_or_space(ch: str) -> bool:
    return ch == " " or ch.isalpha()


def _around(text: str, hint: re.Pattern) -> Iterator[tuple[int, int]]:
    """The whitespace-delimited stretches of *text* that hold a match of *hint* (an "@", a ".com")."""
    end = 0
    for m in hint.finditer(text):
        if m.start() < end:
            continue
        start = max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start()), -1) + 1
        end = min((p for p in (text.find(" ", m.end()), text.find("\n", m.end())) if p >= 0), default=len(text))
        yield start, end


def _matches_at(regex: re.Pattern, text: str, positions: list[int], search: bool = False) -> Iterator[re.Match]:
    """Non-overlapping matches of *regex* anchored at the given offsets (a cue word's start).

    With *search*, a match may lie anywhere in the 32 characters from an offset.
    """
    last = -1
    for pos in positions:
        if pos < last:
            continue
        m = regex.search(text, pos, pos + 32) if search else regex.match(text, pos)
        if m is not None and search and m.start() < last:
            continue
        if m is not None:
            last = m.end()
            yield m


def find_emails(text: str, clues: Clues | None = None) -> Iterator[Entity]:
    clues = clues or Clues(text)
    if "@" in text:
        for lo, hi in _around(text, _AT_SIGN):
            for m in EMAIL.finditer(text, lo, hi):
                yield Entity(m.start(), m.end(), "EMAIL", m.group())
    if "dot" in clues.lower and ("at" in clues.words or "[at]" in clues.lower or "(at)" in clues.lower):
        for m in OBFUSCATED_EMAIL.finditer(text):
            yield Entity(m.start(), m.end(), "EMAIL", m.group())


def find_urls(text: str, clues: Clues | None = None) -> Iterator[Entity]:
    clues = clues or Clues(text)
    regexes = []
    if "://" in text:
        regexes.append(URL_SCHEME)
    if "www." in clues.lower:
        regexes.append(URL_WWW)
    matches = [m for regex in regexes for m in regex.finditer(text)]
    if "." in text:  # bare domains: only around a dot followed by a letter
        matches.extend(m for lo, hi in _around(text, _DOT_LETTER) for m in URL_BARE.finditer(text, lo, hi))
        matches.extend(m for lo, hi in _around(text, _DOT_LETTER) for m in URL_BARE_COUNTRY.finditer(text, lo, hi))
    for m in matches:
        end = _trim_url(text, m.start(), m.end())
        if end - m.start() >= 4:
            yield Entity(m.start(), end, "URL", text[m.start() : end])


def _user_names_with_digits(text: str, clues: Clues) -> Iterator[re.Match]:
    """HANDLE_DIGITS matches, looked for only at the words that run into a number ("Kismacska77")."""
    for p, length in zip(clues.numbers(), clues.number_lengths()):
        if 2 <= length <= 4 and p >= 4 and text[p - 1].isalpha():
            start = p - 1
            while start > 0 and p - start < 32 and text[start - 1].isalpha():
                start -= 1
            m = HANDLE_DIGITS.match(text, start)
            if m is not None and m.end() == p + length:
                yield m


def find_handles(text: str, is_word=lambda w: False, clues: Clues | None = None) -> Iterator[Entity]:
    clues = clues or Clues(text)
    if "@" in text:
        for m in HANDLE_AT.finditer(text):
            # "@op" is forum speak for the original poster
            if not _TIME_HANDLE.match(m.group()) and m.group().lower() != "@op" and not _AT_VERB.match(m.group()):
                yield Entity(m.start(), m.end(), "HANDLE", m.group())
    if "u/" in text:
        for m in HANDLE_REDDIT.finditer(text):
            yield Entity(m.start(), m.end(), "HANDLE", m.group())
    if "_" in text:
        for m in HANDLE_UNDERSCORE.finditer(text):
            yield Entity(m.start(), m.end(), "HANDLE", m.group())
    for m in _user_names_with_digits(text, clues):
        letters = m.group("letters")
        if not is_word(letters.lower()) and not _plain_word(letters) and letters.lower() not in _PRODUCT_WORDS:
            yield Entity(m.start(), m.end(), "HANDLE", m.group())
    authors = []
    if ":" in text:  # tried at each line start only
        lines = [0] + [m.end() for m in _NEWLINE.finditer(text)] if "\n" in text else [0]
        for m in _matches_at(SPEAKER_CAMEL_HANDLE, text, lines):
            yield Entity(m.start("handle"), m.end("handle"), "HANDLE", m.group("handle"))
        if "---" in text:
            lines = sorted(lines + [m.start() for m in _RULE.finditer(text)])
        if any(mark in text for mark in _MIDLINE_BOARD_MARKS):  # a board's marks may stand mid-line
            lines = sorted(set(lines) | {m.start() for m in _BOARD_MARK_AT.finditer(text)})
        openers = [p for p in lines if (colon := text.find(":", p, p + 64)) >= 0
                   and _WROTE_STEM.search(text, p, colon + 1)]
        if openers:
            authors += _matches_at(FORUM_OPENER, text, openers)
    if "by" in clues.words and clues.any_word(_BYLINE_WORDS):
        authors += _matches_at(FORUM_BYLINE, text, clues.positions(_BYLINE_WORDS))
    named = set()
    for m in authors:
        group = "handle" if m.re is not FORUM_OPENER or m.group("handle") else "marked"
        handle = m.group(group).rstrip(".-")
        if _plain_first_name(handle) or handle.isdigit():
            continue
        shaped = _user_name_shaped(handle, is_word)
        # English "X wrote:" openers are handles as before; the other languages' openers and reply marks only
        # when the author looks like a user name ("tamara.p", "Kismacska77", not "Мама написала:").
        if m.re is not FORUM_OPENER or (m.group("verb") and m.group("verb") in _ENGLISH_WROTE
                                        and not m.group("mark")) or shaped \
                or (m.group("mark2") or "").rstrip(":：") in _BOARD_MARKS:
            yield Entity(m.start(group), m.start(group) + len(handle), "HANDLE", handle)
            if shaped:
                named.add(handle)
    if named:  # the author named again in the thread: "Hvala tamara.p", "Kismacska77 köszönöm"
        again = re.compile(r"(?<![\w.@])(?:" + "|".join(map(re.escape, sorted(named, key=len, reverse=True)))
                           + r")(?![\w@]|\.\w)")
        for m in again.finditer(text):
            yield Entity(m.start(), m.end(), "HANDLE", m.group())
    starts = _HANDLE_WORDS | (_POSSESSIVE_WORDS if "@" in text else frozenset())
    for m in _matches_at(HANDLE_CUE, text, clues.positions(starts)):
        handle = m.group("handle").rstrip(".")
        bare = handle.lstrip("@")
        plain_word = bare.isalpha() and (bare.islower() or bare.istitle()) and is_word(bare.lower())
        if not plain_word and not bare.isdigit() and bare.lower() not in _HANDLE_CUE_WORDS:
            yield Entity(m.start("handle"), m.start("handle") + len(handle), "HANDLE", handle)
    for m in _matches_at(HANDLE_AFTER_ACCOUNT, text, clues.positions(_ACCOUNT_WORDS)):
        handle = m.group("handle")
        if sum(ch.isalpha() for ch in handle) >= 3 and not _DOMAIN_END.search(handle):
            yield Entity(m.start("handle"), m.end("handle"), "HANDLE", handle)
    platforms = clues.positions(_PLATFORM_OR_APP_WORDS)
    if not platforms or ("on" not in clues.words and "in" not in clues.words):
        return
    for m in (m for p in platforms for m in HANDLE_BEFORE_PLATFORM.finditer(text, max(0, p - 56), p + 12)):
        handle = m.group("handle")
        # "3.2 on the app", "v2.0 on the app" are versions: a handle has three letters at least
        if not handle.replace(".", "").isdigit() and sum(ch.isalpha() for ch in handle) >= 3:
            yield Entity(m.start("handle"), m.end("handle"), "HANDLE", handle)


_OTHER_SCRIPT_ADDRESS_HINT = re.compile(r"[号號،]|丁目")
_SHAPES_BEFORE_ADDRESS_LINES = frozenset({"ADDRESS", "POSTCODE", "DOB", "AGE", "PHONE", "ID_NUMBER"})


def _user_name_shaped(handle: str, is_word) -> bool:
    """A user name rather than a word or a name: digits, a dot or underscore, a capital inside
    ("IvanaST"), or eight lower-case letters or more that make no word ("lamaisondesel")."""
    return (any(ch.isdigit() or ch in "._" for ch in handle)
            or (handle.isascii() and any(ch.isupper() for ch in handle[1:]) and not handle.isupper())
            or (handle.isascii() and handle.isalpha() and handle.islower() and len(handle) >= 8
                and not is_word(handle)))


def _name_or_word(key: str) -> bool:
    """Whether the lower-case *key* is a listed first name or an English word: "Katie 14", "Daniela 25" and
    "Bestie 2" end like a street ("-tie", "-iela") but are none."""
    from .names import gazetteer, is_word  # the name lists load on first use

    return "F" in gazetteer().get(fold(key), "") or is_word(key)


def _plain_word(token: str) -> bool:
    """Whether the capitalised *token* is an English word and no first name: "Room (12)", "Part (2)"."""
    from .names import gazetteer, is_word  # the name lists load on first use

    key = fold(token)
    return is_word(key) and "F" not in gazetteer().get(key, "")


def _plain_first_name(token: str) -> bool:
    """Whether *token* is a known first name in plain letters ("Sarah", "jake"), not a user name."""
    if not token.isalpha() or not (token.islower() or token.istitle()):
        return False
    from .names import gazetteer  # the name lists load on first use

    return "F" in gazetteer().get(fold(token), "")


def find_ips(text: str, clues: Clues | None = None) -> Iterator[Entity]:
    clues = clues or Clues(text)
    if clues.digits >= 4 and "." in text:
        for m in _matches_at(IPV4, text, clues.numbers_where((1, 2, 3), after=".")):
            yield Entity(m.start(), m.end(), "IP_ADDRESS", m.group())
    if text.count(":") < 2 or not _HEX_COLON.search(text):
        return
    for m in IPV6_CANDIDATE.finditer(text):
        value = m.group()
        if value.count(":") < 2 or _TIME_LIKE.match(value):
            continue
        try:
            ipaddress.IPv6Address(value)
        except ValueError:
            continue
        yield Entity(m.start(), m.end(), "IP_ADDRESS", value)


def find_id_numbers(text: str, clues: Clues | None = None) -> Iterator[Entity]:
    clues = clues or Clues(text)
    if clues.digits >= 3 and clues.capital_before_number():
        for m in mixed_codes(text, clues.numbers()):
            yield Entity(m.start(), m.end(), "ID_NUMBER", m.group())
    if clues.digits < 4 or not _DIGITS_IN_A_ROW.search(text):
        return
    found = []
    if clues.digits >= 6:  # "GB82 WEST ...", "QQ 12 34 56 C": two letters, maybe a space, then digits
        found += _matches_at(IBAN, text, clues.before_numbers((2,)))
        found += _matches_at(NI_NUMBER, text, clues.before_numbers((2, 3), letter=_is_letter_or_space))
    if clues.digits >= 15:
        found += _matches_at(CARD, text, clues.numbers_where((4,), after=" -"))
    if clues.digits >= 9 and "-" in text:
        found += _matches_at(SSN, text, clues.numbers_where((3,), after="-"))
    if clues.digits >= 7 or (clues.digits >= 4 and _PAN_HINT.search(text)):
        for m in NATIONAL_ID.finditer(text):
            value = m.group()
            if len(value) == 11 and value.isdigit() and _PHONE_ONLY_CUE.search(text, max(0, m.start() - 40), m.start()):
                continue
            found.append(m)
    for m in found:
        yield Entity(m.start(), m.end(), "ID_NUMBER", m.group())
    if clues.any_word(_ID_CUE_WORDS):
        for cue in _matches_at(ID_CUE, text, clues.positions(_ID_CUE_WORDS, reach=_ID_REACH)):
            value = ID_VALUE.match(text, cue.end())
            token = value.group() if value else ""
            digits = sum(ch.isdigit() for ch in token)
            # A sort code looks like a date ("20-45-77"); its cue says otherwise.
            date_like = DATE_LIKE.match(token) and not cue.group().lower().startswith("sort")
            if digits >= 4 and len(token) >= 5 and not date_like:
                yield Entity(value.start(), value.end(), "ID_NUMBER", token)
            elif announces_value(cue.group()):  # "CHI number for the referral, 0703461592"
                later = later_value(text, cue.end())
                if later is not None:
                    yield Entity(later.start(), later.end(), "ID_NUMBER", later.group())
    if "nhs" in clues.words:  # "his NHS number ... It is 401 023 2137": the number may follow in the next sentence
        for cue in clues.positions(frozenset({"nhs"}), reach=_ID_REACH + 40):
            for m in NHS_NUMBER.finditer(text, cue, cue + _ID_REACH + 60):
                yield Entity(m.start(), m.end(), "ID_NUMBER", m.group())
    if clues.any_word(_LAST_DIGITS_WORDS):
        for m in _matches_at(LAST_DIGITS, text, clues.positions(_LAST_DIGITS_WORDS, reach=40)):
            yield Entity(m.start(1), m.end(1), "ID_NUMBER", m.group(1))


def find_phones(text: str, clues: Clues | None = None) -> Iterator[Entity]:
    clues = clues or Clues(text)
    if clues.digits < 7:
        return
    for m in _matches_at(PHONE_CANDIDATE, text, clues.number_starts("+(")):
        start, end = m.start(), m.end()
        value = text[start:end]
        # A bracket that opens or closes outside the number is not part of it.
        if value.count("(") < value.count(")") and value.endswith(")"):
            end -= 1
        if value.startswith("(") and ")" not in value:
            start += 1
        value = text[start:end].strip()
        end = start + len(value)
        digits = sum(ch.isdigit() for ch in value)
        if not 7 <= digits <= 15 or DATE_LIKE.match(value) or _TIME_LIKE.match(value) or _CEP.fullmatch(value) \
                or _SPACED_DATE.fullmatch(value):
            continue
        if _NOT_PHONE_SHAPE.match(value) and not _PHONE_ONLY_CUE.search(text, max(0, start - 40), start):
            continue
        if _ZIP4.fullmatch(value) and _US_STATE_BEFORE.search(text, max(0, start - 5), start):
            continue  # "Los Angeles, CA 90006-3402": a ZIP+4 code after its state
        if (_MONEY_BEFORE.search(text[max(0, start - 2) : start])
                or _POSTCODE_BEFORE.search(text, max(0, start - 14), start)):
            continue
        cue = PHONE_CUE.search(text[max(0, start - 40) : start])
        groups = _NON_DIGITS.split(value.strip("+()"))
        leading = value[0] in "+(0"
        grouped = len([g for g in groups if g]) >= 2 and all(len(g) <= 5 for g in groups if g)
        if (leading or grouped or cue or digits >= 10) and not (value[0] not in "+(0" and is_amount(text, start, end)):
            id_shaped = _ID_SHAPE.fullmatch(value) or (digits >= 12 and value[0] not in "+(" and not
                                                       value.startswith("00")) \
                or (value.isdigit() and value[0] not in "0" and not cue)
            if id_shaped and not _PHONE_WORD.search(text, max(0, start - 40), start):
                yield Entity(start, end, "ID_NUMBER", value)  # "950817-4829", "402-2847391-6", "44.287.093"
            else:
                yield Entity(start, end, "PHONE", value)


# "date of birth" and "dob" announce a value, which may follow in the next sentence ("... wrong. It's 14 March").
_ANNOUNCING_BIRTH_CUE = re.compile(r"date of birth|dob|d\.o\.b|fecha de nac(?:imiento|\.)?|data de nascimento|"
                                   r"geburtsdatum|date de naissance|doğum tarihi|geboortedatum", _I)
_DATE_BEFORE_CUE = re.compile(r"\W{0,3}(?:my |her |his |their )?(?:birthday|bday|dob|date of birth)\b", _I)
_DATE_BEFORE_CUE_WORDS = frozenset("birthday bday dob date my her his their".split())


# A sentence ends at a stop, but not at the dot of a day number before a month ("17. März 1990").
_DOB_STOP = re.compile(rf"(?:[!?\n]|\.(?!(?<=\b\d\.)\s+{_ANY_MONTH}|(?<=\b\d\d\.)\s+{_ANY_MONTH}))(?:\s|$)", _I)


def find_dobs(text: str, clues: Clues | None = None) -> Iterator[Entity]:
    clues = clues or Clues(text)
    if not clues.any_word(_BIRTH_WORDS) and "b-day" not in clues.lower and "d.o.b" not in clues.lower \
            and "出生" not in text and "生年月日" not in text and "생년월일" not in text:
        return
    for cue in BIRTH_CUE.finditer(text):
        window_end = min(len(text), cue.end() + BIRTH_WINDOW)
        stop = _DOB_STOP.search(text[cue.end() : window_end])
        sentence_end = cue.end() + stop.start() + 1 if stop else window_end
        dates = list(DATE.finditer(text, cue.end(), sentence_end))
        if not dates and not cue.group()[:1].isascii():  # "出生日期：1990年3月2日", "生年月日 1990年3月2日"
            dates = list(CJK_DATE.finditer(text, cue.end(), window_end))[:1]
        if not dates and cue.group().lower().startswith(("born", "dob", "date of")):  # "born the third of May"
            dates = list(SPOKEN_DATE.finditer(text, cue.end(), min(len(text), sentence_end + 40)))
        if not dates and _ANNOUNCING_BIRTH_CUE.fullmatch(cue.group()):
            dates = list(DATE.finditer(text, sentence_end, window_end))[:1]
        for m in dates:
            yield Entity(m.start(), m.end(), "DOB", m.group())
    # "12/04/1988 (my birthday)": a date right before a birth cue.
    for cue in clues.positions(_DATE_BEFORE_CUE_WORDS):
        for m in DATE.finditer(text, max(0, cue - 32), cue):
            if _DATE_BEFORE_CUE.match(text, m.end()):
                yield Entity(m.start(), m.end(), "DOB", m.group())


# The one postcode of a whole small territory: "STHL 1ZZ" (Saint Helena), "FIQQ 1ZZ", "TKCA 1ZZ", "GX11 1AA".
TERRITORY_POSTCODE = re.compile(r"(?<![\w-])(?:[A-Z]{4} ?1ZZ|GX11 ?1AA)(?![\w-])")
# Five digits closing a clause right after a listed place and a comma: "à Pirae, 98716", "Matoury, 97351.".
_PLACE_BEFORE_CODE = re.compile(r"([^\W\d_][\w'’-]*),?[ \t]+\Z")
_CODE_CLOSES_CLAUSE = re.compile(r"(?![.,:/-]\d)[ \t]*(?:[,.;)\n]|$)")


def _codes_after_places(text: str, clues: Clues) -> Iterator[Entity]:
    """The runs of five digits that close a clause right after a listed, capitalised place."""
    for p in clues.numbers_where((5,)):
        place = _PLACE_BEFORE_CODE.search(text, max(0, p - 40), p)
        if place is not None and place.group(1)[:1].isupper() and _CODE_CLOSES_CLAUSE.match(text, p + 5) \
                and fold(place.group(1)) in place_words():
            yield Entity(p, p + 5, "POSTCODE", text[p : p + 5])


def find_postcodes(text: str, clues: Clues | None = None) -> Iterator[Entity]:
    clues = clues or Clues(text)
    found = []
    if "1ZZ" in text or "1AA" in text:
        found += TERRITORY_POSTCODE.finditer(text)
    if clues.digits >= 5:
        yield from _codes_after_places(text, clues)
    # The outward code's digit comes one or two letters in: "LS6 2AB", "ls6 2pq", "M5G 2C3", "D08 XY12".
    if _DIGIT_CAPITAL.search(text):
        found += _matches_at(UK_POSTCODE, text, clues.before_numbers((1, 2)))
        found += _matches_at(CANADA_POSTCODE, text, clues.before_numbers((1,)))
    if _LOWER_INWARD_CODE.search(text):
        found += _matches_at(UK_POSTCODE_LOWER, text, clues.before_numbers((1, 2), letter=str.islower))
    if _EIRCODE_HINT.search(text):
        found += _matches_at(EIRCODE, text, clues.before_numbers((1,)))
    if clues.digits >= 4:  # a state code sits just before a code of four or five digits: "OH 43214", "VIC, 3065"
        for p, length in zip(clues.numbers(), clues.number_lengths()):
            if length in (4, 5) and _STATE_BEFORE.search(text, max(0, p - 6), p):
                regex = US_ZIP_AFTER_STATE if length == 5 else AU_POSTCODE_AFTER_STATE
                found += _matches_at(regex, text, [max(0, p - 6)], search=True)
    if clues.any_word(_POSTCODE_WORDS) or _UNSPACED_POSTCODE_CUE.search(text):
        found += _matches_at(POSTCODE_CUE, text, clues.positions(_POSTCODE_WORDS)) if clues.any_word(
            _POSTCODE_WORDS) else list(POSTCODE_CUE.finditer(text))
        if clues.digits >= 5:
            for cue in POSTCODE_CUE_WORD.finditer(text):
                stop = _SENTENCE_STOP.search(text, cue.end(), cue.end() + 48)
                later = LATER_POSTCODE.search(text, cue.end(), stop.start() if stop else cue.end() + 48)
                if later is not None:
                    yield Entity(later.start(), later.end(), "POSTCODE", later.group())
                    other = _OTHER_CODE.match(text, later.end())
                    if other is not None:
                        yield Entity(other.start(1), other.end(1), "POSTCODE", other.group(1))
    if "〒" in text or clues.digits >= 7 and "-" in text and _REGION_DASH.search(text):
        for m in MARKED_POSTCODE.finditer(text):
            yield Entity(m.start() + (m.group()[0] == " "), m.end(), "POSTCODE", m.group().strip())
    if clues.digits >= 8 and "-" in text:  # Brazil's CEP, "01310-100": no phone is written five-dash-three
        for m in _matches_at(_CEP_CODE, text, clues.numbers_where((5,), after="-")):
            yield Entity(m.start(), m.end(), "POSTCODE", m.group())
    if clues.digits >= 4 and ("," in text or "\n" in text):
        for m in CODE_IN_ADDRESS_LINE.finditer(text):
            group = "code" if m.group("code") else "before"
            yield Entity(m.start(group), m.end(group), "POSTCODE", m.group(group))
        for m, group in _short_codes_in_address_lines(text, clues):
            line_start = text.rfind("\n", 0, m.start()) + 1
            code = m.group(group)
            if group == "bare":
                if _TWO_PLACE_PARTS_BEFORE.search(text, max(line_start, m.start() - 60), m.start() + 1) \
                        and code[:2] not in ("19", "20"):
                    yield Entity(m.start(group), m.end(group), "POSTCODE", code)
                continue
            town = m.group("town") or m.group("town2")
            if (_HOUSE_NUMBER_BEFORE.search(text, max(line_start, m.start() - 80), m.start() + 1)
                    and not _plain_word(town.split("-")[0])  # "3 kids, 2 dogs, Room 101"
                    and town != town.upper()  # "16 GB, RTX 3060"
                    and not (code.isdigit() and len(code) == 4 and code[:2] in ("19", "20"))):  # not a year
                yield Entity(m.start(group), m.end(group), "POSTCODE", code)
    for m in found:
        if "code" in m.re.groupindex:
            code = m.group("code").strip()
            if any(ch.isdigit() for ch in code):
                yield Entity(m.start("code"), m.start("code") + len(code), "POSTCODE", code)
        else:
            yield Entity(m.start(), m.end(), "POSTCODE", m.group())


def find_addresses(text: str, is_word=lambda w: False, clues: Clues | None = None) -> Iterator[Entity]:
    clues = clues or Clues(text)
    found = []
    if clues.any_word(_STREET_WORDS_ALL):
        # An address starts at a flat or unit word or at a house number.
        starts = sorted(clues.positions(_UNIT_WORDS) + [m.start() for m in _NUMBER.finditer(text)])
        for m in _matches_at(ADDRESS, text, starts):
            words = m.group("name").split()
            lowered = [w.lower().strip(".,") for w in words]
            # "12 The Crescent" is an address; "3 of the days" is not.
            if any(w in _ADDRESS_STOP for w in lowered[1:]) or (lowered[0] in _ADDRESS_STOP and words[0] != "The"):
                continue
            # Lower-case street names only with an unambiguous street type
            # ("14 elm st"), so "5 min walk" or "3 long days" never count.
            if (not words[0][0].isupper() or m.group("type").islower()) and \
                    m.group("type").lower() not in _LOWER_CASE_STREET_TYPES:
                continue  # "1016 DV. green door"
            end = m.end()
            if m.group("town") and m.group("town").lower() in _ADDRESS_STOP:
                end = m.start("town") - 1
            found.append((m.start(), text[m.start() : end].rstrip(", ")))
    street_words = clues.words & _STREET_FIRST_WORDS
    if street_words & _STREET_FIRST_COMMON:  # "am", "an", "via" count only when written "Am ", "An ", "Via "
        street_words = {w for w in street_words if w not in _STREET_FIRST_COMMON or w.capitalize() + " " in text}
    if street_words:
        found.extend((m.start(), m.group()) for m in _matches_at(
            ADDRESS_STREET_FIRST, text, clues.positions(frozenset(street_words), reach=_STREET_REACH)))
    parts, lowered = clues.parts, clues.lowered  # a street's name is capitalised: test the ending of those only
    # The word before the number, or before its "No" ("Moda Caddesi No: 118").
    last = [k - 1 if k > 0 and lowered[k] in _NUMBER_ABBREVIATIONS else k for k in clues.last_words()]
    compounds = [k for k in last if k >= 0 and (
        (_without_quarter(lowered[k]).endswith(STREET_SUFFIXES) and parts[2 * k + 1][0].isupper()
         and not _name_or_word(lowered[k])
         and not (lowered[k].endswith(_SHORT_SUFFIXES) and len(lowered[k]) < 8))
        or (k > 0 and lowered[k] in _STREET_WORDS_AFTER and parts[2 * k - 1][0].isupper()))]
    if compounds:
        starts = clues.starts()
        anchors = sorted({starts[j] for k in compounds for j in (k - 1, k) if j >= 0})
        found.extend((m.start(), m.group()) for m in _matches_at(ADDRESS_COMPOUND, text, anchors)
                     if not m.group().lower().startswith(_NOT_STREETS))
    if clues.any_word(_FRENCH_STREET_WORDS):
        found.extend((m.start(), m.group()) for m in ADDRESS_FRENCH.finditer(text))
    one_word = [p for p, n in zip(clues.numbers(), clues.number_lengths()) if text[p + n + 1 : p + n + 2].isupper()]
    for m in _matches_at(ADDRESS_ONE_WORD, text, one_word):
        if _ONE_WORD_CONTEXT_AFTER.match(text, m.end()) or _ADDRESS_CUE_BEFORE.search(text, max(0, m.start() - 20),
                                                                                     m.start()):
            found.append((m.start(), m.group()))
    if clues.any_word(_PO_BOX_WORDS):
        for m in PO_BOX.finditer(text):
            found.append((m.start(), m.group()))
            code = _PO_BOX_CODE.match(text, m.end())
            if code is not None:
                yield Entity(code.start(1), code.end(1), "POSTCODE", code.group(1))
    if clues.digits >= 3 and "-" in text:
        if "-ro" in text or "-gil" in text or "-daero" in text:
            found.extend((m.start(), m.group()) for m in ADDRESS_KOREA.finditer(text))
        # a romanised place name with its suffix ("Koenji-kita", "Chuo-ku"), not "3-1-2 Saturday"
        found.extend((m.start(), m.group()) for m in _matches_at(ADDRESS_JAPAN, text, clues.numbers_where((1, 2), "-"))
                     if "-" in m.group("place"))
    if clues.any_word(_VIETNAM_STREET_WORDS):
        found.extend((m.start(), m.group()) for m in ADDRESS_VIETNAM.finditer(text))
    if "plot" in clues.words or "house" in clues.words or "door" in clues.words:
        found.extend((m.start(), m.group()) for m in ADDRESS_PLOT.finditer(text))
    spans = []
    for start, value in found:
        end = start + len(value)
        unit = _UNIT_BEFORE_ADDRESS.search(text, max(0, start - 48), start)
        if unit is not None:
            start = unit.start()
        if start >= 2 and _LETTER_DASH_BEFORE.match(text, start - 2, start):
            start -= 2  # "B-204, 18 Hill Road": a block letter before the flat number
        if _NUMBERED_AREA_END.search(text, max(0, end - 10), end):
            more = _AREA_NUMBER.match(text, end)
            if more is not None:
                end = more.end()  # "Lekki Phase 1", "Sector 15-A"
        more = _UNIT_AFTER_ADDRESS.match(text, end)
        if more is not None:
            end = more.end()
        spans.append((start, end))
        code = CODE_AFTER_ADDRESS.match(text, end) or CODE_NEAR_ADDRESS.match(text, end)
        if code and not _UNIT_BEFORE.search(text, max(0, code.start("code") - 12), code.start("code")):
            yield Entity(code.start("code"), code.end("code"), "POSTCODE", code.group("code"))
    # Readings of one address that overlap ("Plot 9, Admiralty Way" and "9, Admiralty Way, Lekki Phase 1") are
    # one address: their union, so that no part of either is left.
    spans.sort()
    k = 0
    while k < len(spans):
        start, end = spans[k]
        while k + 1 < len(spans) and spans[k + 1][0] < end:
            k += 1
            end = max(end, spans[k][1])
        yield Entity(start, end, "ADDRESS", text[start:end])
        k += 1


def find_rural_addresses(text: str, clues: Clues | None = None) -> Iterator[Entity]:
    """Addresses without a house number after "address" or "live at" ("the farm at Coolnagree, Co. Clare")."""
    clues = clues or Clues(text)
    if "," in text and clues.any_word(_RURAL_WORDS):
        for m in _matches_at(RURAL_ADDRESS, text, clues.positions(_RURAL_WORDS)):
            parts = m.group("addr").count(",") + 1
            if m.group("cue") or m.group("county") or m.group("code") or parts >= 3:
                yield Entity(m.start("addr"), m.end("addr"), "ADDRESS", m.group("addr"))


def addresses_before_codes(text: str, codes: list[Entity]) -> Iterator[Entity]:
    """A house number and capitalised words right before a postcode on its line ("22 Ard na Gréine, V94 K2E7")."""
    for code in codes:
        line_start = text.rfind("\n", 0, code.start) + 1
        m = ADDRESS_BEFORE_CODE.search(text, max(line_start, code.start - 70), code.start)
        if m is not None:
            yield Entity(m.start(), m.start() + len(m.group(1)), "ADDRESS", m.group(1))


def find_ages(text: str, clues: Clues | None = None) -> Iterator[Entity]:
    clues = clues or Clues(text)
    if _AGE_UNIT_HINT.search(text):
        for m in _matches_at(AGE_UNIT, text, clues.numbers_where((1, 2, 3), after=" -yYmMwW")):
            yield Entity(m.start("age"), m.end("age"), "AGE", m.group("age"))
    matches = list(_matches_at(AGE_GENDER_BARE, text, clues.numbers_where((2,), after="MFNfm")))
    for p in clues.numbers_where((2,)):  # "M28 here", not "the M25" (a road)
        if p and text[p - 1] in "MF":
            m = AGE_GENDER_LETTER_FIRST.match(text, p - 1)
            if m is not None and not _ROAD_BEFORE.search(text, max(0, m.start() - 8), m.start()):
                matches.append(m)
    if "(" in text or "[" in text:
        matches.extend(AGE_GENDER.finditer(text))
    for m in matches:
        group = next(g for g in "abc" if g in m.re.groupindex and m.group(g))
        if 13 <= int(m.group(group)) <= 99:
            yield Entity(m.start(group), m.end(group), "AGE", m.group(group))
    if " (" in text:
        for m in AGE_AFTER_NAME.finditer(text):
            before = _CAPITALISED_BEFORE.search(text, max(0, m.start() - 30), m.start())
            person = _PERSON_WORD_BEFORE.search(text, max(0, m.start() - 10), m.start()) if not before else None
            if (before and not _plain_word(before.group())) \
                    or (person is not None and (not person.group("self") or int(m.group("age")) >= 13)):
                yield Entity(m.start("age"), m.end("age"), "AGE", m.group("age"))
    if "good" in clues.words or "great" in clues.words or "suits" in clues.words:
        for m in _matches_at(AGE_LOOKS_GOOD, text, clues.numbers_where((2,), after=" ")):
            yield Entity(m.start("age"), m.end("age"), "AGE", m.group("age"))
    copulas = list(_matches_at(AGE_COPULA, text, clues.words_before_numbers(_COPULA_STARTS, span=2)))
    if "'s" in text or "’s" in text:  # "Dad's 63": looked for just before each number of one or two digits
        for p in clues.numbers_where((1, 2)):
            m = AGE_COPULA_S.search(text, max(0, p - 6), p + 40)
            if m is not None and m.start("age") == p:
                copulas.append(m)
    if copulas:
        for m in copulas:
            if m.group().lower().startswith("be") and _DURATION_AFTER.match(text, m.end("age")) or \
                    _NOT_AGE_SUBJECT.search(text, max(0, m.start() - 30), m.start("age")):
                continue  # "it's been 3 yrs", "it'll be 30.", "the rent was 90."
            if not _THING_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                yield Entity(m.start("age"), m.end("age"), "AGE", m.group("age"))
    if clues.any_word(_AGE_CUE_WORDS):
        for m in _matches_at(AGE_CUE, text, clues.words_before_numbers(_AGE_CUE_STARTS, span=5)):
            value = int(m.group("age"))
            if value > 120 or _NOT_AGE_AFTER.match(text, m.end("age")):
                continue
            yield Entity(m.start("age"), m.end("age"), "AGE", m.group("age"))
            after = AGE_NEXT.match(text, m.end("age"))
            if after is not None:
                yield Entity(after.start("age"), after.end("age"), "AGE", after.group("age"))
    yield from _more_ages(text, clues)
    if clues.digits:
        yield from ages_in_other_languages(text, clues.numbers_where((1, 2, 3)))
        yield from ages_in_context(text, clues.numbers_where((1, 2, 3)), clues.lower)
        yield from ages_by_listed_words(text)


def _more_ages(text: str, clues: Clues) -> Iterator[Entity]:
    """Ages in words, after a self-introduction, after "at" closing a sentence, after a birthday wish."""
    found = []
    lower = clues.lower
    if " ans" in lower or "años" in lower or " anos" in lower or " anni" in lower:
        found += ages_in_words_abroad(text)
    if "mit " in lower:
        found += ages_with_mit(text)
    if "歲" in text or "岁" in text:
        found += ages_in_chinese_numerals(text)
    if clues.any_word(NUMBER_WORDS):
        found += (m for m in AGE_IN_WORDS.finditer(text)
                  if not _NOT_AGE_SUBJECT.search(text, max(0, m.start() - 30), m.start("age")))
        found += (m for m in _matches_at(AGE_WORDS_OPENING, text, clues.positions(_CLAUSE_AGE_WORDS))
                  if m.group("age").lower() not in _TEN_TO_TWELVE)  # "at ten I went to bed" is a time
    for p in clues.positions(SMALL_NUMBER_WORDS):  # the cue is a few words before: look just there
        m = AGE_SMALL_IN_WORDS.search(text, max(0, p - 28), p + 40)
        if m is not None and m.start("age") == p:
            found.append(m)
    if "year-old" in clues.lower or "old" in clues.words and ("year" in clues.words or "years" in clues.words):
        found += AGE_WORDS_YEAR_OLD.finditer(text)
    if not clues.digits:
        return [m if isinstance(m, Entity) else Entity(m.start("age"), m.end("age"), "AGE", m.group("age"))
                for m in found]
    found += _ages_beside_numbers(text, clues)
    if "," in text and clues.any_word(_INTRODUCTION_WORDS):
        found += _matches_at(AGE_AFTER_INTRODUCTION, text, clues.words_before_numbers(_INTRODUCTION_WORDS, span=5))
    if "at" in clues.words:
        found += (m for m in _matches_at(AGE_AT_END, text, clues.words_before_numbers(frozenset({"at"}), span=1))
                  if int(m.group("age")) >= 16
                  and not _NOT_AGE_BEFORE_AT.search(text, _clause_start(text, m.start(), 24), m.start()))
    if clues.any_word(_BIRTHDAY_WISH_WORDS):
        found += AGE_AFTER_BIRTHDAY.finditer(text)
    if "," in text or "(" in text:
        found += _matches_at(AGE_AFTER_RELATION, text, clues.words_before_numbers(_RELATION_AGE_WORDS, span=1))
    if "(" in text and clues.any_word(_PERSON_NOUN_WORDS):
        for m in BRACKETED_AGES.finditer(text):
            if not _PERSON_BEFORE_BRACKET.search(text, max(0, m.start() - 48), m.start()):
                continue
            found.append(m)
            if m.group("age2"):
                found.append(Entity(m.start("age2"), m.end("age2"), "AGE", m.group("age2")))
    if "of" in clues.words and clues.any_word(_PERSON_NOUN_WORDS):
        found += (m for m in _matches_at(AGE_PERSON_OF, text, clues.words_before_numbers(frozenset({"of"}), span=1))
                  if _PERSON_NOUN_BEFORE_OF.search(text, max(0, m.start() - 24), m.start()))
    if clues.any_word(_CLAUSE_AGE_WORDS):
        found += (m for m in _matches_at(AGE_OPENING_CLAUSE, text,
                                         clues.words_before_numbers(_CLAUSE_AGE_WORDS, span=2))
                  if int(m.group("age")) >= 13)  # "at 9, she left" is more often a time
    return [m if isinstance(m, Entity) else Entity(m.start("age"), m.end("age"), "AGE", m.group("age"))
            for m in found]


_INTRODUCTION_WORDS = frozenset("i'm im i name name's this".split())
_THING_BEFORE = re.compile(r"(?:score|price|it|that|this|number|total|rate|temperature|level|result|rank|there)\s*$",
                           _I)
_DURATION_AFTER = re.compile(r"\s*(?:years?|yrs?|months?|weeks?|days?)\b", _I)
_ROAD_BEFORE = re.compile(r"\b(?:the|on|off|via|onto|take|took|up|down|along|from|to)\s+$", _I)
_TEN_TO_TWELVE = frozenset("ten eleven twelve".split())
# A subject that makes "is 30" a time, an amount or a score, not an age ("it'll be 30", "the rent was 90").
_NOT_AGE_SUBJECT = re.compile(
    r"\b(?:score|price|it|that|this|number|total|rate|temperature|temp|level|result|rank|there|cost|bill|rent|which|"
    r"what|time|count|answer|size|fee|weight|distance|its)(?:['’](?:ll|d|s))?"
    r"(?:\s+(?:will|would|could|might|should|must|can|may|has|have|had|not|never|always|still|probably|only|just|"
    r"already|now))*\s+(?:is|was|were|are|be|been)(?:\s+(?:about|around|nearly|almost|only|just|now))?\s*$",
    _I,
)
# Two forms of a bare age beside a number, looked for around runs of one or two digits only:
# "Pádraig, 52, farmer" or "a lad named Kofi, maybe 19," (a capitalised word, a comma, a hedge perhaps, and the
# number closing a phrase), and "38 years, nurse" or "I'm new here, 38 years." (years without "old", opening a
# sentence or closing a self-introduction).
_APPOSITION_BEFORE = re.compile(
    r"(?:(?-i:\b(?P<word>[A-ZÀ-ÖØ-ÞĀ-ž][a-zà-ÿĀ-ž'’-]+))|\b(?:me|myself)),\s+(?:(?:maybe|about|around|probably|approx\.?|roughly|nearly|almost|"
    r"only|just|aged?)\s+)?$",
    _I,
)
_APPOSITION_AFTER = re.compile(r"(?:\s*(?:yo|y/o|yrs|years(?: old)?))?\s*(?:,(?!\d)|\.(?:\s|$)|\)|;|$|\s+and\b)", _I)
_NOT_APPOSITION_WORDS = MONTHS | DAYS | frozenset("""chapter page room flat apt unit no level platform
gate route exit junction week day year grade stage step part section act scene verse psalm season episode
number lane road street avenue""".split())
_SENTENCE_START_BEFORE = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")
_YEARS_AFTER = re.compile(r"\s+(?:years?|yrs)(?:\s+old)?(?=\s*(?:[.;!]|,(?!\s*(?:and|but|so|of|ago|later|on|then)\b)"
                          r"|$))", _I)
_SELF_INTRODUCTION = re.compile(r"\b(?:i am|i'm|im|my name is|name's)\b[^.!?\n]{0,60},\s*$", _I)
# "Seventy-eight. 78 and still driving": an age opening a sentence before "and still", "and already".
_AND_STILL_AFTER = re.compile(r"\s+and\s+(?:still|already|counting|going strong|never|not)\b", _I)


def _ages_beside_numbers(text: str, clues: Clues) -> list[Entity]:
    found = []
    for p in clues.numbers_where((1, 2)):
        end = p + 2 if p + 1 < len(text) and text[p + 1].isdigit() else p + 1
        after = text[end : end + 2]  # each form goes on with a comma, a stop, a bracket, " y(ears)" or " a(nd)"
        if after and (after[0] not in ",.;) " or after[0] == " " and after[1:] not in ("y", "Y", "a", "A", "")):
            continue
        if p and text[p - 1] in "£$€.:/-#" or end < len(text) and text[end] in ".:/-%" and \
                text[end + 1 : end + 2].isdigit():
            continue
        age = int(text[p:end])
        if age < 13:
            continue
        before = text[max(0, p - 40) : p]
        if ", " in before and _APPOSITION_AFTER.match(text, end):
            m = _APPOSITION_BEFORE.search(before)
            if m and (m.group("word") or "").lower() not in _NOT_APPOSITION_WORDS:
                found.append(Entity(p, end, "AGE", text[p:end]))
                continue
        if _YEARS_AFTER.match(text, end):
            if _SENTENCE_START_BEFORE.search(before) or _SELF_INTRODUCTION.search(before):
                found.append(Entity(p, end, "AGE", text[p:end]))
        elif _AND_STILL_AFTER.match(text, end) and _SENTENCE_START_BEFORE.search(before):
            found.append(Entity(p, end, "AGE", text[p:end]))
    return found
_BIRTHDAY_WISH_WORDS = frozenset("birthday bday b-day hbd".split())
_RELATION_AGE_WORDS = frozenset("""son daughter kid boy girl brother sister husband wife partner mum mom mother
dad father niece nephew cousin friend bf gf boyfriend girlfriend grandson granddaughter grandma grandad nan stepson
stepdaughter stepdad stepmum stepmom twin twins baby toddler ex""".split())
_CLAUSE_AGE_WORDS = frozenset("at by since from until till".split())


# A number read out in words, seven digits or more ("nine one four two six eight three five seven", "four five
# nine, one two eight, three three six"): a phone number after a phone word, otherwise an ID number.
_DIGIT_WORD = r"(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)"
SPOKEN_NUMBER = re.compile(
    rf"\b{_DIGIT_WORD}(?:(?:[ \t]*,[ \t]*|[ \t-]+)(?:(?:double|triple)[ \t]+)?{_DIGIT_WORD}){{6,}}\b", _I)
_DIGIT_WORDS = frozenset("zero oh one two three four five six seven eight nine".split())


def find_spoken_numbers(text: str, clues: Clues | None = None) -> Iterator[Entity]:
    """Numbers of seven digits or more written out in words.

    Examples
    --------
    >>> [(e.type, e.text) for e in find_spoken_numbers("her number is two one five, eight eight six, four zero three")]
    [('PHONE', 'two one five, eight eight six, four zero three')]
    """
    clues = clues or Clues(text)
    if clues.words.isdisjoint(_DIGIT_WORDS) or len(clues.words & _DIGIT_WORDS) < 3:
        return
    for m in SPOKEN_NUMBER.finditer(text):
        before = text[max(0, m.start() - 40) : m.start()]
        kind = "PHONE" if PHONE_CUE.search(before) and not ID_CUE.search(before) else "ID_NUMBER"
        yield Entity(m.start(), m.end(), kind, m.group())


def find_patterns(text: str, is_word=lambda w: False, parts: list[str] | None = None) -> list[Entity]:
    """Every pattern candidate in *text*, overlapping ones included.

    *parts* is ``split_words(text)`` when the caller has it already.

    Examples
    --------
    >>> [(e.type, e.text) for e in find_patterns("mail a.b@example.org or call 07700 900123")]
    [('EMAIL', 'a.b@example.org'), ('PHONE', '07700 900123')]
    """
    clues = Clues(text, parts)
    found: list[Entity] = []
    found.extend(find_emails(text, clues))
    found.extend(find_urls(text, clues))
    if clues.digits:
        for finder in (find_ips, find_id_numbers, find_phones, find_dobs, find_postcodes, find_ages):
            found.extend(finder(text, clues))
        found.extend(find_addresses(text, is_word, clues))
        if _OTHER_SCRIPT_ADDRESS_HINT.search(text):
            found.extend(addresses_in_other_scripts(text))
        if "," in text:
            found.extend(find_rural_addresses(text, clues))
        if ("," in text or "،" in text or "，" in text) and max(clues.number_lengths(), default=0) >= 3:
            # Only where the rules above found no address, code, date, age, phone or ID: theirs know the words
            # and bounds better, and an address would outrank a date or an age inside it.
            spans = covered_spans(e for e in found if e.type in _SHAPES_BEFORE_ADDRESS_LINES)
            found.extend(e for e in find_address_lines(text) if not spans.overlaps(e.start, e.end))
        codes = [e for e in found if e.type == "POSTCODE"]
        if codes:
            found.extend(addresses_before_codes(text, codes))
    else:
        if ":" in text:
            found.extend(find_ips(text, clues))
        found.extend(_more_ages(text, clues))
        if "," in text:
            found.extend(find_rural_addresses(text, clues))
        if clues.any_word(_BIRTH_WORDS):  # a birth date read out in words
            found.extend(find_dobs(text, clues))
    found.extend(find_handles(text, is_word, clues))
    found.extend(find_spoken_numbers(text, clues))
    return found
