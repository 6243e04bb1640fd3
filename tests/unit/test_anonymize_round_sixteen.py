"""Round sixteen of issue #20: an age said again, Malay and Indonesian "already" before an age, postpositions
written onto names in Indic scripts.

Each positive case fails on round fifteen's code; the negative cases are the readings the rules must not make.
"""

import pytest

from toolkit.anonymize import find_entities


def found(text, kind):
    return [e.text for e in find_entities(text) if e.type == kind]


@pytest.mark.parametrize("text, expected", [
    # a found age of two digits said again within 80 characters, standing alone
    ('then ask Jonah how old he is. he said 29. she said "29 and no house?"', ["29", "29"]),
    ("grann Anita, she's 91\nfabi: 91?? then go quick", ["91", "91"]),
    # Malay and Indonesian "already" and an age closing its clause
    ("Dadong sudah 81 dan tiap hari dia bilang begitu", ["81"]),
    ("tapi tama belum tau. tama sudah 63, keras kepala.", ["63"]),
])
def test_ages_said_again_and_after_already(text, expected):
    assert found(text, "AGE") == expected


@pytest.mark.parametrize("text, expected", [
    ("I'm 30. It took 30 years but I'm getting there.", ["30"]),   # the same number as a span of years
    ("she is 25 and the bus was 25 minutes late, 2025 was long", ["25"]),  # a unit after it: not said again
    ("sudah 20 kali aku bilang", []),                                # "already 20 times"
    ("sudah 15 menit aku tunggu", []),                               # "already 15 minutes"
])
def test_no_age_where_the_number_is_not_one(text, expected):
    assert found(text, "AGE") == expected


@pytest.mark.parametrize("text, expected", [
    # a listed name with a postposition written onto it: Nepali, Gujarati, Bengali
    ("मैले अजयको घर देखें", ["अजयको"]),
    ("हामी अजयलाई भेट्यौं", ["अजयलाई"]),
    ("મેં સુરેશને કહ્યું", ["સુરેશને"]),
])
def test_names_with_a_postposition_in_indic_scripts(text, expected):
    assert found(text, "PERSON") == expected


@pytest.mark.parametrize("text, expected", [
    # words joined by underscores are a user name in any script (ASCII ones were read before)
    ("Go raibh maith agat, bradán_feasa. Update: I told Mam.", ["bradán_feasa"]),
    ("Хвала, tündérke_szabadka ❤️ Рекла сам мами.", ["tündérke_szabadka"]),
    ("Спасибо всем, особенно гагра_мама и asta_murr.", ["гагра_мама", "asta_murr"]),
    ("شكرا يا حواء_الجنينة كمان", ["حواء_الجنينة"]),
    ("my file is called data_2021.csv, it broke", []),     # a file name, not a user
])
def test_user_names_joined_by_underscores_in_any_script(text, expected):
    assert found(text, "HANDLE") == expected
