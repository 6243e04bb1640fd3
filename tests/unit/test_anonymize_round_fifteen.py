"""Round fifteen of issue #20: given names of more scripts and peoples, Georgian postpositions, Arabic double
prefixes.

Each positive case fails on round fourteen's code; the negative cases are the readings the new lists must not make.
"""

import pytest

from toolkit.anonymize import find_entities
from toolkit.anonymize.script_names import spaced_name
from toolkit.anonymize.tokens import split_words


def names(text):
    return [e.text for e in find_entities(text) if e.type == "PERSON"]


@pytest.mark.parametrize("text, expected", [
    # data/script_names/cyrillic_peoples.txt: Kazakh, Buryat, Tatar ... names in Cyrillic, read as listed first names
    ("Айгерим написала мне вчера.", ["Айгерим"]),             # a sentence start needs the list
    ("ну и дашинима молодец", ["дашинима"]),                     # lower case in chat
    # data/script_names/zh_minority.txt: Mongol, Tibetan, Uyghur names in Chinese characters, inside running text
    ("昨天阿依古丽给我打电话了", ["阿依古丽"]),
    ("我跟其其格说了这件事", ["其其格"]),
    ("她说巴特尔明天来", ["巴特尔"]),
    # data/script_names/gu.txt, ml.txt ...: Indic scripts without a list before
    ("આજે નરેશ મને મળ્યો", ["નરેશ"]),
    ("ഇന്നലെ രാമകൃഷ്ണൻ വിളിച്ചു", ["രാമകൃഷ്ണൻ"]),
    # data/script_names/bo.txt and lo.txt: Tibetan names by whole syllables, Lao names inside running text
    ("ང་བསྟན་འཛིན་དང་མཉམ་དུ་ཕྱིན།", ["བསྟན་འཛིན"]),
    ("ມື້ນີ້ສົມພອນໂທມາຫາຂ້ອຍ", ["ສົມພອນ"]),
    # data/script_names/mn_mong.txt: the traditional Mongolian script
    ("ᠪᠢ ᠪᠠᠲᠤᠪᠠᠶᠠᠷ ᠲᠠᠢ ᠶᠠᠷᠢᠯᠴᠠᠪᠠ", ["ᠪᠠᠲᠤᠪᠠᠶᠠᠷ"]),
    # a Georgian name in the genitive before a postposition ("with Giorgi")
    ("ვერ ვუთხარი, რომ გიორგისთან ვიყავი", ["გიორგისთან"]),
    # two Arabic one-letter prefixes ("and to"), also stretched with a tatweel
    ("شكرا ولـهارون كمان", ["ولـهارون"]),
    ("شكرا ولهارون كمان", ["ولهارون"]),
])
def test_names_of_the_new_lists_and_forms(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text", [
    "今天在中央金融街上班",          # a listed name's characters across two words were left out of the list
    "他们在呼和浩特的大学读书",        # a city, not a name
    "مع والدي في البيت",              # "with my father": "وال" + a word is no double prefix of a name
    "ཀབསྟན་འཛིན་དང་",                # a Tibetan name's letters that do not start a syllable
])
def test_no_names_where_the_new_lists_must_not_reach(text):
    assert names(text) == []


def test_mongolian_variation_selectors_stay_inside_the_word():
    word = "ᠪᠠᠲᠤ\u180bᠪᠠᠶᠠᠷ"
    assert split_words(f"ᠪᠢ {word} ᠲᠠᠢ")[1::2] == ["ᠪᠢ", word, "ᠲᠠᠢ"]


def test_a_tatweel_does_not_hide_a_listed_name():
    assert spaced_name("هـارون") and spaced_name("هارون")


@pytest.mark.parametrize("text, expected", [
    # After the read of parts 43-44: a dot after a title that is no abbreviation ends a sentence, so the word after
    # it is not "titled"; a common word of the text's language stays a word ("mi mamá. Le dije", "mama. Ik ben").
    ("Hoy me preguntó por qué nunca le presento a mi mamá. Le dije que mi mamá es complicada.", []),
    ("Ik bel morgen mijn mama. Ik ben zo zenuwachtig, zij weet het nog niet en ik ook niet.", []),
    # an abbreviation dot still takes the name after it
    ("I asked Dr. Le about it.", ["Le"]),
    ("Call Mrs. Le tomorrow.", ["Le"]),
])
def test_a_dot_after_a_title_that_is_no_abbreviation_ends_the_sentence(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize("text, expected", [
    # After the read: kin words of 74 more languages (data/kin_words.tsv) are no names on their own
    ("My Bubbe called again about the wedding.", []),          # Yiddish
    ("deuta said nothing at dinner", []),                        # Assamese
    # a kin word of one language that is a given name elsewhere is marked "name" and stays a name
    ("mawar: Fiza nak ikut?? ok at least ada", ["mawar", "Fiza"]),
])
def test_kin_words_of_more_languages(text, expected):
    assert names(text) == expected


def test_a_tibetan_name_after_a_shad():
    assert names("ཁོང་ཚོ་ཡོང་།བསྟན་འཛིན་དང་མཉམ་དུ་ཕྱིན།") == ["བསྟན་འཛིན"]
