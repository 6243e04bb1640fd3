"""Given and family names written in other scripts: "رامي", "ნინო", "민수", "陈静", "Оксана".

The name rules of :mod:`toolkit.anonymize.names` start from capital letters,
which most of the world's scripts do not have, and the name gazetteer holds
Latin-script names only. The lists in ``data/script_names/`` were written for
the project, one per script or language, from general knowledge; they leave
out names that are also everyday words of their language. They serve three
kinds of script:

- Cyrillic, Greek and Armenian, which have capitals: their names count as listed first
  names, so the usual rules of case and context apply (:func:`cased_names`).
- Scripts without capitals that separate words by spaces (Arabic, Persian,
  Urdu, Hebrew, Georgian, Armenian, Ge'ez, the Indic scripts, Korean, Thaana,
  Syriac, Tifinagh, traditional Mongolian): a listed word is a name wherever
  it stands, also after an Arabic or Hebrew prefix or two Arabic ones
  ("ورامي", "and Rami"), before a Georgian case ending or postposition
  ("ლევანმა"), a postposition written onto it in Devanagari, Bengali,
  Gurmukhi or Gujarati ("अजयको") or a short Korean particle ("민수가")
  (:func:`spaced_name`).
- Scripts written without spaces (Chinese, Japanese, Thai, Lao, Burmese,
  Khmer; Tibetan, by whole syllables): listed names are looked for inside
  runs of those characters; a Chinese family name joins a given name right
  after it ("陈" + "静") and a Japanese family name stands alone
  (:func:`unspaced_names`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from .entities import Entity
from .tokens import fold

CASED = ("el", "hy", "ru", "sr", "cyrillic_peoples")
UNSPACED = ("zh_family", "zh_given", "zh_minority", "ja_family", "ja_given", "th", "my", "km", "lo", "bo")
# One-letter prefixes fused to the next word: Arabic and Persian "and", "by", "for"; Hebrew "and", "the", "to",
# "in", "from", "that".
_PREFIXES = frozenset("وبلفكוהלבמשכ")
# Case endings and postpositions that Nepali, Marathi, Gujarati, Bengali, Assamese and Punjabi write onto a name
# (Hindi mostly writes them apart: "साहिल को"): by the script's first and last letters.
_FUSED_ENDINGS = (
    ("\u0900", "\u097f", ("को", "ले", "लाई", "सँग", "संग", "का", "की", "के", "ला", "चा", "ची", "चे", "ने", "शी")),
    ("\u0980", "\u09ff", ("কে", "ৰ", "র", "ের", "এর", "দের", "ক")),
    ("\u0a00", "\u0a7f", ("ਨੂੰ", "ਦਾ", "ਦੀ", "ਦੇ", "ਨੇ")),
    ("\u0a80", "\u0aff", ("ને", "ની", "નો", "નું", "ના", "થી", "માં")),
)
# Two of them together: "and to" ("ولهارون", also typed with a tatweel, "ولـهارون"), "and with", "so to".
_DOUBLE_PREFIXES = frozenset({"ول", "وب", "فل", "وك"})
_KOREAN_PARTICLE_SYLLABLES = 2
# Georgian case endings and postpositions after a name, the genitive's "ს" kept before a postposition ("გიორგისთან").
_GEORGIAN_ENDINGS = ("ისთვის", "თვის", "თან", "ით", "ის", "ივით", "მა", "მ", "ს", "ად", "ზე", "ში", "ო", "საც",
                     "სთან", "სგან", "სკენ", "სავით")
# Runs of the scripts written without spaces: Han (with the iteration mark), kana, Thai, Lao, Tibetan, Burmese,
# Khmer.
UNSPACED_RUN = re.compile(r"[\u3005\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0fff"
                          r"\u1000-\u109f\u1780-\u17ff]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


@lru_cache(maxsize=1)
def _names() -> dict[str, frozenset[str]]:
    """List name (file name without ``.txt``) -> its names."""
    folder = resources.files("toolkit.anonymize").joinpath("data/script_names")
    if not folder.is_dir():
        return {}
    return {entry.name[:-4]: frozenset(line.strip() for line in entry.read_text(encoding="utf-8").splitlines()
                                       if line.strip() and not line.startswith("#"))
            for entry in folder.iterdir() if entry.name.endswith(".txt")}


@lru_cache(maxsize=1)
def cased_names() -> frozenset[str]:
    """Folded Cyrillic and Greek given names ("оксана", "νικος")."""
    return frozenset(fold(name) for code in CASED for name in _names().get(code, ()))


def _key(word: str) -> str:
    # Folded, then composed again (folding decomposes Hangul syllables into letters, and a particle is cut off
    # by syllables), without zero-width joiners, which Sinhala names are typed with or without, and without the
    # Arabic tatweel, a stroke that only stretches a word ("ولـهارون").
    return unicodedata.normalize("NFC", fold(word)).replace("\u200d", "").replace("\u200c", "").replace("\u0640", "")


@lru_cache(maxsize=1)
def _spaced() -> frozenset[str]:
    return frozenset(_key(name) for code, names in _names().items()
                     if code not in CASED and code not in UNSPACED for name in names)


def spaced_name(key: str) -> bool:
    """Whether the folded word *key*, of a script without capitals, is a listed name.

    Examples
    --------
    >>> spaced_name("xyz")
    False
    """
    names = _spaced()
    key = _key(key)
    if key in names:
        return True
    if len(key) > 2 and key[0] in _PREFIXES and key[1:] in names:
        return True
    if len(key) > 4 and key[:2] in _DOUBLE_PREFIXES and key[2:] in names:
        return True
    if "\u10d0" <= key[:1] <= "\u10ff":
        # A Georgian case ending after the name ("ლევანმა", "ლევანის", "გიორგიმ", "ლევანთან").
        return any(key.endswith(ending) and key[: -len(ending)] in names for ending in _GEORGIAN_ENDINGS)
    for first, last, endings in _FUSED_ENDINGS:
        if first <= key[:1] <= last:
            # A postposition written onto the name ("साहिलको", "સાહિલને", "রাজুর").
            return any(key.endswith(ending) and len(key) - len(ending) >= 2 and key[: -len(ending)] in names
                       for ending in endings)
    if _HANGUL.match(key):
        # A Korean particle after the name ("민수가", "지은이랑"), or a family name before it ("김민수").
        return any(key[:-k] in names for k in range(1, _KOREAN_PARTICLE_SYLLABLES + 1) if len(key) - k >= 2) \
            or (len(key) >= 3 and key[1:] in names and key[:1] in names)
    return False


@lru_cache(maxsize=1)
def _unspaced() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    lists = _names()
    family = lists.get("zh_family", frozenset())
    given = frozenset().union(*(lists.get(code, ()) for code in ("zh_given", "zh_minority", "ja_given", "th", "my",
                                                                  "km", "lo", "bo")))
    return family, given, lists.get("ja_family", frozenset())


def unspaced_names(text: str) -> list[Entity]:
    """PERSON spans of listed names inside runs of Chinese, Japanese, Thai, Lao, Tibetan, Burmese or Khmer characters.

    Examples
    --------
    >>> unspaced_names("no such script here")
    []
    """
    family, given, ja_family = _unspaced()
    if not (given or ja_family):
        return []
    found = []
    for run in UNSPACED_RUN.finditer(text):
        chars, base = run.group(), run.start()
        i = 0
        while i < len(chars):
            match = _longest_at(chars, i, given, ja_family)
            if match:
                start = i - 1 if i > 0 and chars[i - 1] in family and match in given else i
                found.append(Entity(base + start, base + i + len(match), "PERSON", chars[start : i + len(match)]))
                i += len(match)
            else:
                i += 1
    return found


_LONGEST = 6
# "他叫周浩，", "我叫怡婷。", "名字叫陈菁": a person's name given in Chinese, two or three characters closed by
# punctuation, a space or the end (not "他叫我去吃饭": no pronoun may open the name).
_NAMED_IN_CHINESE = re.compile(
    r"(?:[我你他她]|名字|名叫|就)叫(?:做)?(?P<name>(?![我你他她它们您了得着过醒起什么来去车外饭这那哪谁啥多一不没很太])"
    r"[\u4e00-\u9fff]{2,3})(?=[，。,.！!？?、；;：:\s）)」”\"]|$)"
)


# "阿浩 knows", "阿明's": the familiar 阿 before one character of a given name, standing alone before a space, a
# Latin letter or punctuation; not a kin word or a title (阿媽, 阿姨, 阿Sir) nor the start of a longer word.
_AH_NAME = re.compile(r"(?<![\u4e00-\u9fff])阿(?P<given>(?![媽妈爸姨公婆嬤嫲姐哥弟妹叔伯嬸婶舅爺爷奶嫂仔女囡母娘爹"
                      r"伯叔兄妗嬷太])[\u4e00-\u9fff])(?![\u4e00-\u9fff\u3040-\u30ff])")


def ah_names(text: str) -> list[Entity]:
    """PERSON spans of familiar names made with 阿 ("阿浩", "阿明") standing as words of their own.

    Examples
    --------
    >>> [e.text for e in ah_names("阿浩 knows you're scared; 阿媽 called; 阿拉伯")]
    ['阿浩']
    """
    return [Entity(m.start(), m.end(), "PERSON", m.group()) for m in _AH_NAME.finditer(text)]


# "大城くん", "宮城さん", "真帆ちゃん", "比嘉トミ様": in Japanese, one to four kanji, two to six katakana, or kanji and
# katakana, right before a personal suffix; the suffix stays outside (as "Dr." does). Not the kin and role words
# that take the same suffixes (母さん, 赤ちゃん, 店員さん, 先生, お客様), nor the end of a longer word of kanji.
_JAPANESE_SUFFIXES = ("さん", "さま", "様", "くん", "君", "ちゃん", "先生", "氏", "ちゃま")
_JAPANESE_BEFORE_SUFFIX = re.compile(
    r"(?<![\u4e00-\u9fff\u3005\u30a0-\u30ff])(?P<name>[\u4e00-\u9fff\u3005]{1,4}|[\u30a1-\u30fa\u30fc]{2,6}|"
    r"[\u4e00-\u9fff\u3005]{1,3}[\u30a1-\u30fa\u30fc]{1,3})(?=" + "|".join(_JAPANESE_SUFFIXES) + ")"
)
_JAPANESE_NOT_NAMES = frozenset((
    "母 父 兄 姉 婆 爺 祖母 祖父 叔母 叔父 伯母 伯父 赤 皆 神 王 客 奥 旦那 店員 大家 子供 娘 息子 弟 "
    "妹 孫 嫁 医者 彼氏 彼女 友達 母上 父上 姐 兄貴 坊 嬢 殿 仏 天 新人 社長 部長 課長 店長 会長 先輩 "
    "後輩 看護師 運転手 担当 担任 校長 教頭 刑事 警察 大将 親方 ママ パパ ババ ジジ バァ オバァ "
    "オジィ ニーニー ネーネー アニキ オカン オトン 姫 王子 義母 義父 長男 次男 長女 次女 主人 家族 "
    "両親 親 隣 近所 同僚 上司 部下 彼 相手 本人 先方 業者 営業 大工 猫 犬 赤子 坊主 住職 和尚 巫女 "
    "神主 運転士 駅員 配達員 係 受付 皆様 各位 ワン ニャン"
).split())


def before_japanese_honorific(text: str) -> list[Entity]:
    """PERSON spans of Japanese names before a personal suffix (さん, くん, ちゃん, 様, 先生 and the like).

    Examples
    --------
    >>> [e.text for e in before_japanese_honorific("前の彼、大城くん。宮城さんちのニーニーも来る")]
    ['大城', '宮城']
    >>> before_japanese_honorific("お母さんと店員さんと赤ちゃん")
    []
    """
    found = []
    for m in _JAPANESE_BEFORE_SUFFIX.finditer(text):
        name = m.group("name")
        if name in _JAPANESE_NOT_NAMES or any(name.endswith(word) for word in _JAPANESE_NOT_NAMES if len(word) > 1):
            continue
        found.append(Entity(m.start("name"), m.end("name"), "PERSON", name))
    return found


def named_in_chinese(text: str) -> list[Entity]:
    """PERSON spans of names introduced with 叫 ("is called").

    Examples
    --------
    >>> [e.text for e in named_in_chinese("他说他叫周浩，他离过婚")]
    ['周浩']
    >>> named_in_chinese("他叫我去吃饭")
    []
    """
    return [Entity(m.start("name"), m.end("name"), "PERSON", m.group("name")) for m in _NAMED_IN_CHINESE.finditer(text)]


# "杨老师", "陈医生", "王阿姨": a family name, then a title or address word that follows family names in Chinese;
# the family name alone is the PERSON span, the title stays outside (as "Dr." does).
_TITLES_AFTER_FAMILY = ("老师", "老師", "医生", "醫生", "大夫", "先生", "女士", "小姐", "阿姨", "叔叔", "律师", "律師",
                        "教授", "师傅", "師傅", "经理", "經理", "同学", "同學", "姐姐", "哥哥", "太太")
_FAMILY_BEFORE_TITLE = re.compile("(?:" + "|".join(_TITLES_AFTER_FAMILY) + ")")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Inside a run of Han characters the family name must follow a word that ends before a name (a particle, a verb
# of speaking or giving, a job word): "历史老师" is a history teacher, "咨询师杨老师" a counsellor called Yang.
_BEFORE_A_NAME = frozenset("的跟和给找问是说让请向对把被与同位个师了见到跟也还都就又说")


def family_before_title(text: str) -> list[Entity]:
    """PERSON spans of a listed family name right before a Chinese title ("杨老师", "陈医生"), opening a run of Han
    characters or after a word that ends before a name.

    Examples
    --------
    >>> [e.text for e in family_before_title("咨询师杨老师说可以；历史老师说不行")]
    ['杨']
    """
    family = _unspaced()[0]
    found = []
    for m in _FAMILY_BEFORE_TITLE.finditer(text):
        p = m.start() - 1
        if p >= 0 and text[p] in family and (p == 0 or not _HAN.match(text[p - 1]) or text[p - 1] in _BEFORE_A_NAME):
            found.append(Entity(p, p + 1, "PERSON", text[p]))
    return found


def _longest_at(chars: str, i: int, given: frozenset[str], ja_family: frozenset[str]) -> str:
    if "\u0f00" <= chars[i] <= "\u0fff":
        return _tibetan_at(chars, i, given)
    longest = _LONGEST_LAO if "\u0e80" <= chars[i] <= "\u0eff" else _LONGEST
    for length in range(min(longest, len(chars) - i), 1, -1):
        piece = chars[i : i + length]
        if piece in given or piece in ja_family:
            return piece
    return ""


# Lao names run to a dozen letters and vowel signs; Tibetan ones are read by whole syllables.
_LONGEST_LAO = 14
_TSHEG = "\u0f0b"
# Up to four syllables of letters and vowel signs, each after a tsheg; a shad or a space ends them.
_TIBETAN_SYLLABLES = re.compile(r"[\u0f40-\u0fbc]+(?:\u0f0b[\u0f40-\u0fbc]+){0,3}")


def _tibetan_at(chars: str, i: int, given: frozenset[str]) -> str:
    """The longest listed Tibetan name of whole syllables (joined by the tsheg) that starts a syllable at *i*
    (after a tsheg, a shad or the start of the run)."""
    m = _TIBETAN_SYLLABLES.match(chars, i)
    if m is None or (i > 0 and "\u0f40" <= chars[i - 1] <= "\u0fbc"):  # inside a syllable
        return ""
    syllables = m.group().split(_TSHEG)
    for n in range(len(syllables), 0, -1):
        piece = _TSHEG.join(syllables[:n])
        if piece in given:
            return piece
    return ""


_WHOLE_RUN = re.compile(UNSPACED_RUN.pattern + "$")


def unspaced_known(names: frozenset[str]) -> tuple[str, ...]:
    """The names of *names* written in a script without spaces, of two characters or more (one character is too
    often a word), longest first."""
    return tuple(sorted((n for n in names if len(n) >= 2 and _WHOLE_RUN.match(n)), key=len, reverse=True))


# Characters that make the word before them a place in Chinese and Japanese: prefecture, province, city, town,
# village, ward, county, island, station.
_PLACE_AFTER = frozenset("県省市町村区縣郡島駅")


def known_in_unspaced(text: str, names: tuple[str, ...]) -> list[Entity]:
    """PERSON spans of a group's known names (from :func:`unspaced_known`) inside runs of Chinese, Japanese,
    Thai, Burmese or Khmer characters, with a listed Chinese family name right before one ("林" + "小雨").

    A speaker "静静:" makes "静静" a name of the conversation; the tokenizer cannot find it inside "谢谢静静。".

    Examples
    --------
    >>> [e.text for e in known_in_unspaced("谢谢静静。林小雨你太勇敢了", ("小雨", "静静"))]
    ['静静', '林小雨']
    >>> [e.text for e in known_in_unspaced("宮城ニーニー、宮城県の人", ("宮城",))]
    ['宮城']
    """
    if not names:
        return []
    family = _unspaced()[0]
    found = []
    for run in UNSPACED_RUN.finditer(text):
        chars, base = run.group(), run.start()
        i = 0
        while i < len(chars):
            match = next((n for n in names if chars.startswith(n, i)), "")
            if match and chars[i + len(match) : i + len(match) + 1] in _PLACE_AFTER:
                match = ""  # "宮城県" in a conversation that knows a 宮城: the prefecture, not the person
            if match:
                start = i - 1 if i > 0 and chars[i - 1] in family else i
                found.append(Entity(base + start, base + i + len(match), "PERSON", chars[start : i + len(match)]))
                i += len(match)
            else:
                i += 1
    return found
