"""Structured identifiers (issue #20, second round): each general mechanism with invented examples."""

import pytest

from toolkit.anonymize import find_entities
from toolkit.anonymize.id_formats import code_like, later_value, mixed_codes


def found(text):
    return [(e.type, text[e.start : e.end]) for e in find_entities(text)]


def types_of(text):
    return {e.type for e in find_entities(text)}


@pytest.mark.parametrize("text, value", [
    # the value some words after a cue that names an identifier
    ("the dentist asked for my health card number at the desk, 7730 412 905 it was", "7730 412 905"),
    ("they needed his passport again. I read out 448120937 twice", "448120937"),
    ("my membership no. changed: it's now on the app, MX-4471-2290", "MX-4471-2290"),
    ("the bank wanted the account number\nOla: its 2049385716 at Access", "2049385716"),
    # letters and digits switching through the token, with or without a cue
    ("the new permit is finally here. R8D20KQ7 is on it", "R8D20KQ7"),
    ("ok the code on the card is 7HT2-KW9-PL40", "7HT2-KW9-PL40"),
    # one or two capitals before seven to nine digits
    ("found his old passport, LK5530198, in the drawer", "LK5530198"),
    ("insurance card says T902248715 under my name", "T902248715"),
    # a capital letter block before digit groups, after a cue
    ("her health card number is ZOLA 7712 0398", "ZOLA 7712 0398"),
])
def test_id_numbers_in_general_forms(text, value):
    assert ("ID_NUMBER", value) in found(text)


@pytest.mark.parametrize("text", [
    "we met at 1503 17 Ave, the cafe",          # "at" is no part of a number after "card"
    "the thank-you card went to 88 Leaf Road, Leeds",
    "the case was from the 2019-2020 season",
    "my card number is long, call me on 07700 900555 and I'll read it",
    "a new RTX4090 and COVID-19 again",
    "the form was DD-214 i think",
])
def test_no_id_number_in_ordinary_numbers(text):
    assert "ID_NUMBER" not in types_of(text)


def test_later_value_stops_at_a_phone_or_address_word():
    assert later_value("number below. text me first: 07700 900555", 6) is None
    assert later_value("number is on the letter, address 14 Oak Rd, 40021", 6) is None
    assert later_value("number is on the letter: 40021958", 6).group() == "40021958"


def test_code_like_needs_enough_digits_and_is_no_postcode():
    assert code_like("0703461592") and code_like("QP7-4411-K")
    assert not code_like("T2T 0E6") and not code_like("AB T2T 0E6") and not code_like("CA 90033")
    assert not code_like("2021-2022") and not code_like("DD-214")
    assert [m.group() for m in mixed_codes("A1B2C3D4E5 but not B12 or MP3 or X5")] == ["A1B2C3D4E5"]


@pytest.mark.parametrize("text, code", [
    ("she moved to 4700-321 Braga last spring", "4700-321"),
    ("the parcel went to 31-155 Kraków", "31-155"),
    ("address line: Rua Nova 3, 4700-321 Braga", "4700-321"),
    ("we stayed near 8001 Zürich for a week", "8001"),
])
def test_postcodes_with_dashes_and_four_digit_codes_before_a_town(text, code):
    assert ("POSTCODE", code) in found(text)


@pytest.mark.parametrize("text", [
    "invoice 2024-0193 is still unpaid",
    "the code 2750-142 again",
    "8000 Instagram followers overnight",
    "we got 3000 Instagram followers",
    "in 2019 Lisbon was cheap",
])
def test_no_phone_or_postcode_in_invoice_numbers_counts_or_years(text):
    assert not types_of(text) & {"PHONE", "POSTCODE"}


def test_a_phone_word_still_makes_a_phone_of_those_shapes():
    assert ("PHONE", "2750-142") in found("call 2750-142 after six")


@pytest.mark.parametrize("text, age", [
    ("the new neighbour, Ottilie, 71, waved at me", "71"),            # a name, a comma, the age
    ("a boy called Emeka, maybe 15, sat alone", "15"),                # with a hedge
    ("Hi all. 36 years, bus driver, two kids.", "36"),                # years without "old" opening a sentence
    ("Hello, I am new here from Kenya, 29 years. I need advice", "29"),  # closing a self-introduction
    ("Nan is in the home now. 88 and still sharp as anything", "88"),  # "and still" after a sentence start
    ("He would have been 61 this week.", "61"),                       # "been" as the copula
    ("she'll be 30 next month", "30"),
    ("I was nine and scared of the dark", "nine"),                    # small ages in words after a person
    ("he's six now", "six"),
    ("my sister was nineteen when she left", "nineteen"),
    ("a thirty-two-year-old man", "thirty-two-year-old"),
    ("a sixty-year-old woman", "sixty-year-old"),
    ("at fifteen I stopped eating lunch", "fifteen"),
    ("I began therapy, yes, even at 40.)", "40"),                     # "at" and an age before a bracket
    ("it's just me, 44, and my daughter, 12.", "44"),                 # "me" before the comma
    ("it's just me, 44, and my daughter, 12.", "12"),                 # a relation and an age closing the sentence
])
def test_ages_in_more_forms(text, age):
    assert ("AGE", age) in found(text)


@pytest.mark.parametrize("text", [
    "it'll be 30 by the time we arrive.",
    "the bill was 45.",
    "temperature was 37.8 today",
    "I'm 5'9 and skinny",
    "stuck on the M62 again",
    "it's been 4 yrs since then",
    "Married. 20 years, and still arguing about the bins",
    "Page 3, 17 and 18.",
    "at ten I went to bed",
    "it was seven when she rang",
])
def test_no_age_in_times_amounts_heights_roads_or_durations(text):
    assert "AGE" not in types_of(text)


@pytest.mark.parametrize("text, address", [
    # street-first words of several languages, with particles
    ("the office is on Avinguda de la Llum 214, second floor", "Avinguda de la Llum 214"),
    ("send it to ul. Piękna 31 please", "ul. Piękna 31"),
    ("we rented at ul. Stara Łąka 12 for a year", "ul. Stara Łąka 12"),  # capitals beyond Latin-1
    ("we met at Praça do Comércio 7 by the river", "Praça do Comércio 7"),
    ("her flat is Laan van Oostwijk 18, near the park", "Laan van Oostwijk 18"),
    ("the practice moved to Am Lindenhof 6", "Am Lindenhof 6"),
    # one-word street names by their ending, hyphenated or after a capitalised word
    ("my cousin lives at Hans-Sachs-Straße 9 now", "Hans-Sachs-Straße 9"),
    ("the clinic, Oudegracht 221, is shut", "Oudegracht 221"),
    ("it was Berliner Straße 40 all along", "Berliner Straße 40"),
    ("Amagertorv 3 was lovely", "Amagertorv 3"),
    # number first: a numbered street, a one-word street, a French street in capitals
    ("drop it at 2210 14 Ave NW tonight", "2210 14 Ave NW"),
    ("my address is 17 Oakfield, Carlow", "17 Oakfield"),
    ("it's 905 Riverside, unit 4", "905 Riverside, unit 4"),
    ("chez moi: 3 Rue du Moulin", "3 Rue du Moulin"),
    # rural addresses given as where someone lives
    ("the cottage at Derrylea, Ballyconneely, H91 X2W4, is empty", "Derrylea, Ballyconneely"),
    ("we live at Moneygall, Co. Offaly since May", "Moneygall, Co. Offaly"),
    ("address: Knockanure, Listowel", "Knockanure, Listowel"),
])
def test_addresses_in_more_forms(text, address):
    assert any(kind == "ADDRESS" and address in value for kind, value in found(text))


@pytest.mark.parametrize("text", [
    "Via Instagram 3 people asked",
    "Am I 25 and still confused?",
    "we went to 3 Hollywood premieres",
    "the Brigade 4 lads were loud",
    "we live at Limerick, Ireland now",
    "the party at Christmas, Aldi, was mad",
    "he ran 5 Park runs",
])
def test_no_address_in_counts_questions_or_towns(text):
    assert "ADDRESS" not in types_of(text)


@pytest.mark.parametrize("text, handle", [
    ("he made another one, grey.wolf_03, on the same app", "grey.wolf_03"),   # before an app, not a named platform
    ("there's a fake account, lena.bakes.22, using my photos", "lena.bakes.22"),  # after an account word
    ("my gamertag SilentRook88 if u want to play", "SilentRook88"),          # no "is" after gamertag
    ("her username on the old forum was pebble_moon", "pebble_moon"),        # a place between cue and "was"
    ("xbox gamertag is Krov3n", "Krov3n"),
])
def test_handles_in_more_forms(text, handle):
    assert ("HANDLE", handle) in found(text)


@pytest.mark.parametrize("text", [
    "stop @ing me in every group chat",
    "update to 3.2 on the app first",
    "the page, example.com, is down",
    "my account was hacked again",
    "xbox gamertag is",
])
def test_no_handle_in_verbs_versions_or_domains(text):
    assert "HANDLE" not in types_of(text)


@pytest.mark.parametrize("text, kind, value", [
    ("write to P.O. Box 2290, Kumasi", "ADDRESS", "P.O. Box 2290"),
    ("Postfach 4410 is the old one", "ADDRESS", "Postfach 4410"),
    ("her digital address is AK-039-5521", "POSTCODE", "AK-039-5521"),
    ("〒 530-0001 Osaka", "POSTCODE", "530-0001"),
    ("the twins are 7 months old today", "AGE", "7 months old"),
])
def test_po_boxes_marked_postcodes_and_ages_in_months(text, kind, value):
    assert (kind, value) in found(text)


def test_blood_pressure_is_no_po_box():
    assert "ADDRESS" not in types_of("my BP 140 over 90 again")


def test_age_at_sentence_end_looks_only_in_its_own_clause():
    # "me" before the comma belongs to "calls me", not to "at 52": the age stays an age.
    text = "which is why my aunts call me Rosita, even at 52. Anyway"
    assert [text[e.start:e.end] for e in find_entities(text) if e.type == "AGE"] == ["52"]
    assert [e.type for e in find_entities("can you pick me up at 18.")] == []


def test_international_phone_inside_brackets_keeps_its_country_code():
    text = "her old number (+44 7700 900372) still rings"
    assert [text[e.start:e.end] for e in find_entities(text) if e.type == "PHONE"] == ["+44 7700 900372"]


def test_handle_with_a_hyphen_inside():
    text = "pls send it to @tomasz-k ty"
    assert [text[e.start:e.end] for e in find_entities(text) if e.type == "HANDLE"] == ["@tomasz-k"]
    text = "ask @tomasz - he knows"
    assert [text[e.start:e.end] for e in find_entities(text) if e.type == "HANDLE"] == ["@tomasz"]


@pytest.mark.parametrize("text, address", [
    ("Office is at Plot 12, Marina Close, Ikoyi Phase 2, Lagos 101233.", "Plot 12, Marina Close, Ikoyi Phase 2"),
    ("address: House No. 77, Sector 21-C, Chandigarh 160022", "House No. 77, Sector 21-C"),
    ("new address: C-118, 4 Link Road, Andheri East, Mumbai 400069", "C-118, 4 Link Road, Andheri East"),
    ("We moved to 31 rue des Lilas, app. 6, Québec, G1K 2B3 in June", "31 rue des Lilas, app. 6"),
])
def test_whole_addresses_with_blocks_phases_and_units(text, address):
    assert address in [text[e.start:e.end] for e in find_entities(text) if e.type == "ADDRESS"]


def test_id_value_keeps_one_capital_between_digit_groups():
    text = "the pension office wants my insurance number, 12 040271 K 093, again"
    assert [text[e.start:e.end] for e in find_entities(text) if e.type == "ID_NUMBER"] == ["12 040271 K 093"]


def _typed(text, kind):
    return [text[e.start:e.end] for e in find_entities(text) if e.type == kind]


@pytest.mark.parametrize("text, value", [
    ("he checked my card and it said 41207-5583104-3, wrong again", "41207-5583104-3"),  # CNIC 5-7-1
    ("pls send ur SSS ko, mine is 07-3318842-6", "07-3318842-6"),  # SSS 2-7-1
    ("she copied it from the form: 851103-1637208 and laughed", "851103-1637208"),  # Korean RRN
    ("Lwazi: 9106245083087 dont share", "9106245083087"),  # South African ID, a birth date first
    ("the queue for GHA-330918472-5 took all day", "GHA-330918472-5"),  # Ghana card
    ("the bank has P051734982K on file", "P051734982K"),  # KRA PIN
])
def test_national_id_formats_without_a_cue(text, value):
    assert _typed(text, "ID_NUMBER") == [value]
    assert _typed(text, "PHONE") == []


@pytest.mark.parametrize("text, value", [
    ("my tax file number got leaked once, 318 724 905 I think", "318 724 905"),
    ("I read my SIN out over the phone at work, 527 104 386, so awkward", "527 104 386"),
    ("Renewed my CCCD today, the number is 031195007724", "031195007724"),
    ("his Versichertennummer is M 317 540 268", "M 317 540 268"),
    ("and nhi QRT5106 for the clinic", "QRT5106"),
])
def test_ids_after_cues_for_more_national_documents(text, value):
    assert _typed(text, "ID_NUMBER") == [value]
    assert _typed(text, "PHONE") == []


def test_zip_plus_four_after_a_state_is_no_phone():
    text = "send it to 88 Oak Hollow Rd, Tulsa, OK 74105-2218 please"
    assert _typed(text, "POSTCODE") == ["74105-2218"]
    assert _typed(text, "PHONE") == []


def test_code_after_the_japanese_postal_mark_is_no_later_id():
    text = "my visa is tied to the job, our flat in Naka-ku (〒730-0011) is in my name"
    assert _typed(text, "ID_NUMBER") == []


@pytest.mark.parametrize("text, handle", [
    ("mossyledger wrote: same here, the first year is the worst", "mossyledger"),
    ("Posted by NorthSeaKettle\n\nI'm new here and not sure how this works", "NorthSeaKettle"),
    ("u/quiet_lighthouse_keeper commented: bring copies of everything", "u/quiet_lighthouse_keeper"),
    ("NorthSeaKettle: thanks all, I asked him tonight", "NorthSeaKettle"),
    ("tam.in.leeds wrote: it gets easier", "tam.in.leeds"),
])
def test_forum_authors_are_handles(text, handle):
    assert _typed(text, "HANDLE") == [handle]
    assert _typed(text, "PERSON") == []


def test_a_first_name_opening_a_quote_is_left_a_person():
    text = "Sarah wrote: call me when you land"
    assert _typed(text, "HANDLE") == []


@pytest.mark.parametrize("text, ages", [
    ("Scottish lad in Berlin here (27), first post", ["27"]),
    ("Our girls (4 and 9) fight all day", ["4", "9"]),
    ("A woman of 58 should not need permission", ["58"]),
    ("My nephew turned nine on Sunday and cried", ["nine"]),
    ("Hi all, I am Korean-Canadian (gyopo), 44, living in Leeds", ["44"]),
    ("i'm literally 16 and she treats me like a baby", ["16"]),
    ("she moved out when he was like 8. no one told me", ["8"]),
])
def test_ages_after_person_nouns_in_words_and_with_fillers(text, ages):
    assert _typed(text, "AGE") == ages


@pytest.mark.parametrize("text", [
    "the shop (24) on the corner", "we were like 5 minutes late", "a cheque of 40 pounds", "my hours (12) this week",
])
def test_no_age_in_bracketed_numbers_without_a_person(text):
    assert _typed(text, "AGE") == []


@pytest.mark.parametrize("text, address", [
    ("we moved to 4-11-2 Nishi-ogikubo, Suginami-ku last spring", "4-11-2 Nishi-ogikubo, Suginami-ku"),
    ("the flat at 1-5-30 Hirano-machi, Chuo-ku is tiny", "1-5-30 Hirano-machi, Chuo-ku"),
    ("new place: Dongil-ro 88-gil 12, second floor", "Dongil-ro 88-gil 12"),
    ("we rent at số 14 hẻm 102 Lê Văn Sỹ, Phú Nhuận now", "số 14 hẻm 102 Lê Văn Sỹ, Phú Nhuận"),
    ("or just 9 Kauri Tce, whatever the landlord writes", "9 Kauri Tce"),
])
def test_addresses_in_japanese_korean_and_vietnamese_orders(text, address):
    assert _typed(text, "ADDRESS") == [address]
    assert _typed(text, "PERSON") == []


def test_korean_postcode_after_a_road_address():
    text = "moved to Dongil-ro 88-gil 12, 01784. the landlord wants my number"
    assert _typed(text, "POSTCODE") == ["01784"]


@pytest.mark.parametrize("text", ["the score went 3-1-2 Saturday", "won 2-1 Arsenal away"])
def test_no_japanese_address_in_scores(text):
    assert _typed(text, "ADDRESS") == []


@pytest.mark.parametrize("text, code", [
    ("we rent a tiny place in Karori (6012) since May", "6012"),
    ("my office is in Kondapur, 500 084. so far", "500 084"),
])
def test_postcodes_in_brackets_after_a_place_and_indian_codes_with_a_space(text, code):
    assert _typed(text, "POSTCODE") == [code]


@pytest.mark.parametrize("text", ["we watched Titanic (1997) again", "I was in Year (2024) group",
                                  "in Will (2345) words"])
def test_no_postcode_for_years_or_names_in_brackets(text):
    assert _typed(text, "POSTCODE") == []


@pytest.mark.parametrize("text, kind, value", [
    ("voice memo: my passport number is seven seven two oh one four eight three nine ok",
     "ID_NUMBER", "seven seven two oh one four eight three nine"),
    ("ring me on oh seven seven, double four one, six three two nine when ur free",
     "PHONE", "oh seven seven, double four one, six three two nine"),
])
def test_numbers_read_out_in_words(text, kind, value):
    assert _typed(text, kind) == [value]


def test_counted_words_are_no_spoken_number():
    text = "one two three four, we counted, five six and then we ran"
    assert _typed(text, "ID_NUMBER") == [] and _typed(text, "PHONE") == []


@pytest.mark.parametrize("text, value", [
    ("nombre: Lucía Ferrer\nfecha de nac. 03/11/1991\nfirma", "03/11/1991"),
    ("Antrag ausgefüllt, geboren 14.02.1987 in Kassel", "14.02.1987"),
    ("data de nascimento: 22/08/1979, ok?", "22/08/1979"),
])
def test_birth_cues_in_other_languages(text, value):
    assert _typed(text, "DOB") == [value]


@pytest.mark.parametrize("text, code", [
    ("write to P.O. Box 2291-00200 Nairobi for the forms", "00200"),
    ("home is 7 Elm Grove, Chapel Allerton, ls74hd if it asks", "ls74hd"),
])
def test_po_box_dash_code_and_unspaced_lower_case_uk_postcode_after_an_address(text, code):
    assert _typed(text, "POSTCODE") == [code]


@pytest.mark.parametrize("text, codes", [
    ("the bank still has my zip code wrong, it's 60614 not 60641, again", ["60614", "60641"]),
    ("my old PIN code is on the lease, the 400 706 one", ["400 706"]),
])
def test_postcodes_a_few_words_after_their_cue(text, codes):
    assert _typed(text, "POSTCODE") == codes


def test_no_later_postcode_in_a_phone_number_or_the_next_sentence():
    text = "my zip code changed. call 415 555 0134 or 20931 later"
    assert _typed(text, "POSTCODE") == []


@pytest.mark.parametrize("text, value", [
    ("this is Agnes speaking, born the ninth of October nineteen fifty two, and",
     "the ninth of October nineteen fifty two"),
    ("he was born on April the twenty-second, two thousand and seven in Derry",
     "April the twenty-second, two thousand and seven"),
])
def test_birth_dates_read_out_in_words(text, value):
    assert _typed(text, "DOB") == [value]
