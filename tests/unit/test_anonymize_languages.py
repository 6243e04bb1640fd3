"""Round four of issue #20: other languages' common words are no names, and ages written in other languages."""

import pytest

from toolkit.anonymize import detect_in_groups, find_entities
from toolkit.anonymize.ages_abroad import ages_in_other_languages
from toolkit.anonymize.common_words import common_words, languages_of


def people(text):
    return [e.text for e in find_entities(text) if e.type == "PERSON"]


def ages(text):
    return [e.text for e in find_entities(text) if e.type == "AGE"]


def test_every_list_is_a_language_with_a_header_and_no_names_of_the_examples():
    from pathlib import Path

    import toolkit.anonymize

    folder = Path(toolkit.anonymize.__file__).parent / "data" / "common_words"
    for path in folder.glob("*.txt"):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# ") and any("not copied from any list" in line for line in lines[:4]), path.name
        assert 200 <= sum(1 for line in lines if line and not line.startswith("#")) <= 520, path.name
    words = common_words()
    assert len({code for codes in words.values() for code in codes}) >= 60
    assert "es" in languages_of("pero") and "fr" in languages_of("elle") and "id" in languages_of("udah")
    for name in ("umut", "indah", "soledad", "grace", "maria", "priya"):
        assert name not in words, name


@pytest.mark.parametrize("text, word", [
    ("ok pero no sé si decirle, Tu crees que me escucha?", "Tu"),
    ("Elle a dit que ça va, mais je ne sais pas", "Elle"),
    ("mi see him by di bus stop inna town, yuh know", "di"),
    ("aku udah bilang ke mama, tapi dia gak mau dengar", "udah"),
])
def test_a_common_word_beside_its_language_is_no_name(text, word):
    assert not any(word in name for name in people(text))


def test_a_name_repeated_in_an_english_text_is_no_evidence_of_its_own_language():
    assert people("Elle was late again and Elle blamed the bus, typical Elle") == ["Elle", "Elle", "Elle"]


@pytest.mark.parametrize("text, name", [
    ("Elle texted me at midnight again", "Elle"),  # no other French word: a name
    ("ok pero no sé, Pero said he would call", "Pero"),  # an English person verb after it
    ("ella es muy buena, they call her Tu", "Tu"),  # named
])
def test_the_same_word_is_still_a_name_where_the_text_says_so(text, name):
    assert name in people(text)


def test_a_speaker_name_the_group_knows_stays_a_name_in_the_other_language():
    rows = ["putri: aku takut bilang ke mama", "bayu: gak apa2, putri pasti bisa, kita semua di sini"]
    found = detect_in_groups(rows, ["g", "g"])
    assert [e.text for e in found[1] if e.type == "PERSON"] == ["bayu", "putri"]


@pytest.mark.parametrize("text, age", [
    ("annem 58 yaşında ama hala çalışıyor", "58"),
    ("Ma fille a 16 ans et ne me parle plus", "16"),
    ("Tengo 23 años y nunca lo dije", "23"),
    ("ela tem 84 anos, não é parva", "84"),
    ("30 éves vagyok és félek", "30"),
    ("hän on 31-vuotias", "31"),
    ("sie ist 30 Jahre alt", "30"),
    ("我今年5岁", "5"),
    ("umurnya 27 tahun", "27"),
    ("mi hermano cumplió 40 ayer", "40"),
])
def test_an_age_written_in_another_language(text, age):
    assert ages(text) == [age]


@pytest.mark.parametrize("text, age", [
    ("Linda tiene 30 años", "30"),  # "da" ends the name: no duration word before the number
    ("Aisha a 16 ans", "16"),
    ("Jasper ha 30 anni", "30"),
    ("¿Tienes 23 años?", "23"),
    ("(edad: 30)", "30"),
    ("58\u00a0yaşında", "58"),
])
def test_an_age_after_a_name_ending_like_a_duration_word_or_after_punctuation(text, age):
    assert [e.text for e in ages_in_other_languages(text)] == [age]


@pytest.mark.parametrize("text", [
    "ETA 30 mins",
    "we took a 30 year mortgage",
    "das ist 5 Jahre her",
    "hace 3 años que no la veo",
    "depuis 16 ans je me tais",
    "il y a 3 ans",
    "wir sind seit 5 Jahren zusammen",
    "il a 16 messages non lus",
    "udah 2 tahun pacaran",
])
def test_a_duration_or_a_count_in_another_language_is_no_age(text):
    assert list(ages_in_other_languages(text)) == [] and ages(text) == []


@pytest.mark.parametrize("text, dob", [
    ("She turned thirty-one (born 17 augusti 1995).", "17 augusti 1995"),
    ("nací el 3 de marzo de 1990 en Lima", "3 de marzo de 1990"),
    ("je suis née le 12 mai 1988 à Lyon", "12 mai 1988"),
    ("Geburtsdatum: 17. März 1990", "17. März 1990"),
    ("urodziłam się 5 maja 1992", "5 maja 1992"),
    ("Я родился 12 марта 1985 года", "12 марта 1985"),
    ("dia lahir 12 Agustus 1993", "12 Agustus 1993"),
    ("出生日期：1990年3月2日", "1990年3月2日"),
    ("我出生于1990年3月2日。", "1990年3月2日"),
    ("生年月日 1990年3月2日", "1990年3月2日"),
])
def test_a_date_of_birth_written_in_another_language(text, dob):
    assert [e.text for e in find_entities(text) if e.type == "DOB"] == [dob]


@pytest.mark.parametrize("text, dobs", [
    ("el 3 de marzo de 1990 empezó todo", []),
    ("born in 1990. On 3 May we moved", ["1990"]),
    ("She was born at 7. On 12 March 2019 I moved to Leeds", []),
    ("the NATO summit on 11 July 2023 in Vilnius", []),
])
def test_a_date_without_a_birth_cue_before_it_in_its_sentence_is_no_birth_date(text, dobs):
    assert [e.text for e in find_entities(text) if e.type == "DOB"] == dobs


@pytest.mark.parametrize("text, number", [
    ("NIK 3404071208970003, papa fotoin", "3404071208970003"),
    ("CNP 1880609125837, adresa veche", "1880609125837"),
    ("read my IC number out loud, 920417-14-5382, in front", "920417-14-5382"),
    ("el formulario pedía CUIL (27-44287093-5), dirección", "27-44287093-5"),
    ("it says teudat zehut 318472065 and", "318472065"),
    ("my CPR is 120489-3317", "120489-3317"),
    ("ИНН 7707083893 указан", "7707083893"),
])
def test_an_id_number_after_the_name_another_country_gives_it(text, number):
    assert [e.text for e in find_entities(text) if e.type == "ID_NUMBER"] == [number]


@pytest.mark.parametrize("text, address", [
    ("still Moda Caddesi No: 118, mavi kapı", "Moda Caddesi No: 118"),
    ("she lives at Moda caddesi 5 now", "Moda caddesi 5"),
    ("1137 Budapest, Pozsonyi út 38. II/5", "Pozsonyi út 38"),
    ("vienes pa acá, Pasaje Los Quillayes 1432, Maipú", "Pasaje Los Quillayes 1432"),
    ("is it still вул. Городоцька, 87, кв. 14?", "вул. Городоцька, 87"),
    ("asun Hämeenkatu 12 B 5, Tampere", "Hämeenkatu 12"),
    ("Bağdat Cad. 45, Kadıköy", "Bağdat Cad. 45"),
])
def test_a_street_address_in_the_order_and_words_of_another_language(text, address):
    assert [e.text for e in find_entities(text) if e.type == "ADDRESS"] == [address]


@pytest.mark.parametrize("text", ["the way 38 people came", "Soi and I met 3 times", "we drove 12 km on the tie",
                                  "Katie 14 was there", "Daniela 25 told me", "my Bestie 2 doors down",
                                  "Lewandowski 41 goals"])
def test_street_words_of_other_languages_need_a_name_and_a_number(text):
    assert [e for e in find_entities(text) if e.type == "ADDRESS"] == []


@pytest.mark.parametrize("text, code", [
    ("kargo formunda posta kodu 34710 yaz", "34710"),
    ("mi código postal es 28013, calle", "28013"),
    ("kode pos 55281 ya", "55281"),
    ("Postleitzahl: 80331 München", "80331"),
])
def test_a_postcode_after_another_language_s_word_for_it(text, code):
    assert [e.text for e in find_entities(text) if e.type == "POSTCODE"] == [code]


@pytest.mark.parametrize("text", ["I need the promo code for that upscale spa, booking 483920",
                                  "I changed my zip code in zone 2. We paid 120000 for the house"])
def test_a_cue_inside_another_word_or_in_an_earlier_sentence_makes_no_postcode(text):
    assert [e for e in find_entities(text) if e.type == "POSTCODE"] == []


@pytest.mark.parametrize("text, name", [
    ("ksiusha: Надія delete that from the group", "Надія"),
    ("Оксана's sofa is yours", "Оксана"),
    ("I told Оксана about it", "Оксана"),
    ("Вчера Оксана сказала что не придёт", "Оксана"),  # not "Вчера Оксана": "вчера" is "yesterday"
    ("Hoy Marta me dijo que no viene", "Marta"),
])
def test_a_name_in_cyrillic_and_no_ordinary_word_joined_to_a_name(text, name):
    assert people(text)[-1:] == [name] and " " not in people(text)[-1]


@pytest.mark.parametrize("text, found", [
    ("Rikke, du er 37. du må godt", ["37"]),
    ("Jeg var 19, han var 27, and every time", ["19", "27"]),
    ("mä oon 30 ja tää on mun eka", ["30"]),
    ("Мне 29, моему парню 32.", ["29"]),
    ("ana 3omre 27 w ma 7ada", ["27"]),
    ("klokka er 5.", []),  # a time: an age of a copula needs 13 or more
    ("det var 3 af os", []),
])
def test_an_age_after_another_language_s_copula_closing_its_clause(text, found):
    assert [e.text for e in ages_in_other_languages(text)] == found
