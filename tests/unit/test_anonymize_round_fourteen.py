"""Round fourteen of issue #20: ages set beside ages, and ages written as number words.

Each positive case fails on round thirteen's code; the negative cases are the readings each rule must not make.
"""

import pytest

from toolkit.anonymize import find_entities


def ages(text):
    return [e.text for e in find_entities(text) if e.type == "AGE"]


@pytest.mark.parametrize("text, expected", [
    # a second age beside a found one: a comma, who (one to four words), a number closing its clause
    ("Mateo tiene 30 años, yo 26. Su familia es de lejos", ["30", "26"]),
    ("salma: yeye ana miaka 32, mimi 29. hatuko watoto", ["32", "29"]),
    ("Ik was 29, hij 31, en we hebben daar gezeten", ["29", "31"]),
    ("We've been trying for a year. I'm 31, husband 33. Tests are normal", ["31", "33"]),
])
def test_an_age_beside_a_found_age(text, expected):
    assert ages(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Gen, you are 44, not 14, said a voice", ["44"]),      # the age someone does not have
    ("nayra: tienes 24 años, no 15. y mira", ["24"]),
    ("I'm 30, 2 kids and a dog", ["30"]),                   # a count under 13 after the age
    ("She is 25, room 214 on the left", ["25"]),             # a number that does not close its clause
    ("She is 25, room 21 on the left", ["25"]),
])
def test_no_age_beside_an_age_where_the_second_number_is_not_one(text, expected):
    assert ages(text) == expected
