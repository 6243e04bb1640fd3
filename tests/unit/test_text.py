from toolkit.text import mark_negation, normalize, split_sentences, tokenize


def test_negation_scope_ends_at_punctuation_and_contrast():
    tokens = tokenize(normalize("I'm not afraid he'll judge me, but she might"))
    assert mark_negation(tokens) == ["i'm", "not", "NEG_afraid", "NEG_he'll", "NEG_judge", "NEG_me", "but", "she",
                                     "might"]


def test_negation_scope_is_bounded_without_punctuation():
    marked = mark_negation("dont think he would ever really care about it at all".split(), window=3)
    assert marked[:5] == ["dont", "NEG_think", "NEG_he", "NEG_would", "ever"]


def test_contractions_negate():
    assert mark_negation(["can't", "tell", "him"]) == ["can't", "NEG_tell", "NEG_him"]


def test_placeholders_become_their_type():
    assert tokenize(normalize("Told [PERSON_12] and [EMAIL_1]")) == ["told", "<person>", "and", "<email>"]


def test_normalize_unifies_apostrophes_and_removes_zero_width():
    assert normalize("Don\u2019t\u200b  GO") == "don't go"


def test_sentences_split_on_newlines_and_keep_abbreviations():
    assert split_sentences("Mr. Khan said no. Then I left!\nlol ok") == ["Mr. Khan said no.", "Then I left!", "lol ok"]


def test_sentence_split_of_empty_text():
    assert split_sentences("   ") == []


def test_token_spans_match_the_tokenizer_on_the_corpus_and_point_into_the_text():
    import pandas as pd

    from toolkit.text import token_spans

    from ..conftest import DATASET

    texts = pd.read_csv(DATASET / "dev.csv")["text"].tolist()
    texts += ["“Don’t”\u200b tell [PERSON_3]… ok?!", "ÉCOLE  Straße\n\nfine 😭", ""]
    for text in texts:
        spans = token_spans(text)
        assert [token for token, _, _ in spans] == tokenize(normalize(text))
        for token, start, end in spans:
            assert 0 <= start < end <= len(text)
            if token[0] != "<":
                assert token in normalize(text[start:end])


def test_sentence_spans_point_at_each_sentence():
    from toolkit.text import sentence_spans

    text = "  First one.  Second?\n third line "
    assert [(s, text[a:b]) for s, a, b in sentence_spans(text)] == [
        ("First one.", "First one."), ("Second?", "Second?"), ("third line", "third line")]


def test_sentences_split_lowercase_chat_but_not_initials_or_ellipses():
    assert split_sentences("ok so i told him about my dad. he just laughed. whatever im probably overreacting") == [
        "ok so i told him about my dad.", "he just laughed.", "whatever im probably overreacting"]
    assert split_sentences("wait what? no way") == ["wait what?", "no way"]
    assert split_sentences("idk... maybe tomorrow") == ["idk... maybe tomorrow"]
    assert split_sentences("Ask J. R. Smith. he knows") == ["Ask J. R. Smith.", "he knows"]


def test_sentence_ends_after_units_capital_letters_and_dotted_abbreviations():
    assert split_sentences("I waited 20 mins. Then he left.") == ["I waited 20 mins.", "Then he left."]
    assert split_sentences("waited 20 mins. then he left") == ["waited 20 mins. then he left"]
    assert split_sentences("We went with plan B. It worked.") == ["We went with plan B.", "It worked."]
    assert split_sentences("She moved to the U.S. and loved it. Then back.") == [
        "She moved to the U.S. and loved it.", "Then back."]
    assert split_sentences("Ask J. K. Rowling. ok") == ["Ask J. K. Rowling.", "ok"]


def test_sentence_ends_after_an_emoji_and_not_after_months_or_street_names_before_a_number_or_word():
    assert split_sentences("lol same 😂 anyway did u finish") == ["lol same 😂", "anyway did u finish"]
    assert split_sentences("haha ok 👍") == ["haha ok 👍"]
    assert split_sentences("Feb. 3rd. Snow.") == ["Feb. 3rd.", "Snow."]
    assert split_sentences("at Smith & Co. on Hill Rd. It was fine") == ["at Smith & Co. on Hill Rd.", "It was fine"]
    assert split_sentences("We met in Feb. It was cold.") == ["We met in Feb.", "It was cold."]
