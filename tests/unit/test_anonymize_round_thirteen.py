"""Round thirteen of issue #20: how ages are stated and asked in many languages.

Each positive case fails on round twelve's code; the negative cases are the readings each rule must not make.
"""

import pytest

from toolkit.anonymize import find_entities
from toolkit.anonymize.ages_in_context import age_clause_goes_on, subject_ends_at


def ages(text):
    return [e.text for e in find_entities(text) if e.type == "AGE"]


@pytest.mark.parametrize("text, age", [
    # a subject and its copula (data/age_subjects.tsv), then a number closing its clause
    ("nou ja. ik ben 38 en ik ben bang van een feestje", "38"),
    ("Bua, i bin 61 und sog da oans", "61"),
    ("Мне 29, моему парню Диме 32.", "29"),
    ("静静:我今年30。你呢", "30"),
    ("rhea: hala. ako 24 pa 😌", "24"),
    # a question of data/age_questions.tsv, answered on the next line
    ("garazi: eta zenbat urte ditu?\nane: 91! eta oraindik bizikletan", "91"),
    ("hira: w Sanad? kam 3omrah?\nnajla: 31. mohandes fi Misrata", "31"),
    ("quant'anni havi?\nmelina: 36. e ancora mi scantu", "36"),
    # the years word that also says durations, after a subject, a Romance "have" or "turn", or a person and "of"
    ("Hej. Jag är 26 år och har aldrig sagt det", "26"),
    ("avec Anghjulina, qui a maintenant 6 ans et qui m'appelle", "6"),
    ("Mamma ha compiuto 74 anni. Le ho promesso le foto", "74"),
    ("Xa o sabía. Teño 67 anos, non son parvo.", "67"),
    ("Hola a tothom. Sóc una dona de 38 anys, visc a Gràcia", "38"),
    # a name, then the age in brackets
    ("Sa petite Anghjulina (5 ans, déjà plus courageuse que moi)", "5"),
])
def test_round_thirteen_finds_the_age(text, age):
    assert age in ages(text)


@pytest.mark.parametrize("text", [
    "Ich komme am 12. Mai zurück.",  # "am" is no subject: a date
    "Hon sa att jag är 45 minuter sen.",  # a subject that does not open its clause, and a unit after
    "Ik ben 5 jaar met hem samen.",  # a duration: the clause goes on with "met"
    "ik ben 15 jaar met hem getrouwd",
    "ho 5 anni di esperienza",
    "elle a 5 ans de retard sur le programme",  # "have" and years, but the clause goes on with "de"
    "on a 3 ans de retard",  # "de" is no "and" after an age
    "ik ben 380 en tel verder",  # no age of three digits after a subject
])
def test_round_thirteen_leaves_other_numbers(text):
    assert ages(text) == []


def test_a_subject_must_end_right_before_the_number_as_whole_words():
    text = "hmm. jag är 26"
    assert subject_ends_at(text, text.index("26"), clause_start=True)
    assert not subject_ends_at("hmm. xjag är 26", 12, clause_start=True)


def test_the_clause_of_an_age_ends_or_goes_on_with_and():
    assert age_clause_goes_on("26 år och sen", len("26 år"))
    assert age_clause_goes_on("26 år.", len("26 år"))
    assert not age_clause_goes_on("3 ans de retard", len("3 ans"))


@pytest.mark.parametrize("text, code", [
    ("put it an then STHL 1ZZ. everybody on this island is", "STHL 1ZZ"),  # a whole territory's one postcode
    ("Fitzroy Road, Stanley, Falkland Islands FIQQ 1ZZ, and my mobile", "FIQQ 1ZZ"),
    ("le rendez-vous est à Pirae, 98716, j'ai dû chercher", "98716"),  # five digits after a listed place
])
def test_round_thirteen_finds_the_postcode(text, code):
    assert ("POSTCODE", code) in [(e.type, e.text) for e in find_entities(text)]


@pytest.mark.parametrize("text", ["We paid in Tokyo, 50000 yen for it", "the Hilton, 12345.", "STHL1ZZA is a token"])
def test_round_thirteen_leaves_other_codes(text):
    assert not [e for e in find_entities(text) if e.type == "POSTCODE"]


# After round thirteen's read (post-read mends; their figures are on the now-read parts).
@pytest.mark.parametrize("text, handle", [
    ("ئايدىڭ_كېچە يازدى: ئەسسالامۇ ئەلەيكۇم", "ئايدىڭ_كېچە"),  # Uyghur "wrote"
    ("ㄴ 감귤아재: 게메, 우리 딸도 왔수다", "감귤아재"),  # a Korean board's reply line
    ("글 잘 봤어요. ㄴ 바다댁: 저도요", "바다댁"),  # ... after the previous reply on its line
    ("[고민] 제목 작성자: 바다소녀 안녕하세요", "바다소녀"),  # "author:" on a Korean board
])
def test_board_authors_in_more_conventions_are_handles(text, handle):
    assert ("HANDLE", handle) in [(e.type, e.text) for e in find_entities(text)]


def test_a_kin_word_before_wrote_in_another_language_stays_no_handle():
    assert not [e for e in find_entities("Мама написала: привет") if e.type == "HANDLE"]
