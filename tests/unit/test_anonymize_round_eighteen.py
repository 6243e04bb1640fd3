"""Round eighteen of issue #20: ages stated with the person in the dative (Russian, Ukrainian, Belarusian), ages
set off by commas with the word for years, and the Spanish, Portuguese and Catalan "with N years".

Each positive case fails on round seventeen's code; the negative cases are the readings the rules must not make.
"""

import pytest

from toolkit.anonymize import find_entities


def found(text, kind):
    return [e.text for e in find_entities(text) if e.type == kind]


@pytest.mark.parametrize("text, expected", [
    ("мне было 23, он три года ждал", ["23"]),
    ("Ей будет 32. Я боюсь не подарка", ["32"]),
    ("у меня есть сын, ему 7, живёт у мамы", ["7"]),
    ("Сыну сейчас 11, зовёт его по имени", ["11"]),
    ("мені було 19 і я не знала", ["19"]),
])
def test_an_age_with_the_person_in_the_dative(text, expected):
    assert found(text, "AGE") == expected


@pytest.mark.parametrize("text", [
    "мне было 5 минут до дома",   # a duration: a word other than "years" follows
    "дай мне 5 минут",
    "ему 500 рублей дал",
])
def test_no_dative_age_before_another_unit(text):
    assert found(text, "AGE") == []


@pytest.mark.parametrize("text, expected", [
    ("c'est sa grand-mère, 84 ans, elle fait le meilleur pain", ["84"]),
    ("(a minha mãe, 78 anos, radar sempre ligado)", ["78"]),
    ("La iaia, de 92 anys, només ha dit que sí", ["92"]),
    ("the boy from the temple, 29 years, very good family", ["29"]),
    ("yo con 22 años quixi dir a Bilbao", ["22"]),
    ("con sus 22 años y su cara de policía", ["22"]),
    ("com 17 anos fui embora de casa", ["17"]),
    ("quan jo tenia amb 7 anys vaig", ["7"]),
])
def test_an_age_set_off_by_commas_or_with_years(text, expected):
    assert found(text, "AGE") == expected


@pytest.mark.parametrize("text", [
    "con 5 años de experiencia en ventas",   # "with 5 years of experience"
    "a 5 ans de la retraite, il part",        # "5 years from retirement"
    "we waited for 10 years, then left",      # no comma before the number
])
def test_no_age_where_the_years_are_a_span(text):
    assert found(text, "AGE") == []


@pytest.mark.parametrize("text, expected", [
    ("かな: 前の彼、大城くん。二年付き合ってた", ["大城"]),
    ("宮城さんちのニーニーも来るって", ["宮城"]),
    ("ゆき: 蒼くん写真撮るの？", ["蒼"]),
    ("宛名は比嘉トミ様でお願い", ["比嘉トミ"]),
])
def test_a_japanese_name_before_a_personal_suffix(text, expected):
    assert found(text, "PERSON") == expected


@pytest.mark.parametrize("text", [
    "お母さんと店員さんと赤ちゃんが来た",   # kin and role words take the same suffixes
    "皆さん、お客様、先生によろしく",
    "社長さんに言われたの",
])
def test_no_japanese_name_in_kin_and_role_words(text):
    assert found(text, "PERSON") == []


def test_a_known_japanese_name_before_a_place_suffix_is_the_place():
    from toolkit.anonymize.script_names import known_in_unspaced

    assert [e.text for e in known_in_unspaced("宮城ニーニー、宮城県の人だと思ってる", ("宮城",))] == ["宮城"]
