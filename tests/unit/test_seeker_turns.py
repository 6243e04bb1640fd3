"""Speaker-aware reading of two-speaker chats: toolkit.text.seeker_turns and LinearModel(turns="seeker")."""

import numpy as np

from toolkit.models import LinearModel, load_model
from toolkit.text import seeker_turns

CHAT = ("A: we argued again last night\nand it went on for hours\nB: do you feel you can't tell him how you feel?\n"
        "A: no, I told him")


def test_seeker_turns_keeps_the_seekers_lines_and_their_continuations():
    assert seeker_turns(CHAT) == "A: we argued again last night\nand it went on for hours\nA: no, I told him"


def test_texts_that_are_not_two_speaker_chats_are_left_whole():
    for text in ("B: buy milk\nthen call mum", "A: first point\nA: second point", "no speakers at all: just a colon"):
        assert seeker_turns(text) == text
    assert seeker_turns("A: hi\nC: hello") == "A: hi\nC: hello"


def test_linear_model_reads_only_seeker_turns_in_training_and_scoring(tiny_frame, taxonomy, tmp_path):
    texts, y = tiny_frame["text"].tolist(), tiny_frame[list(taxonomy.ids)].to_numpy()
    model = LinearModel(taxonomy=taxonomy, turns="seeker").fit(texts, y, dev_texts=texts, dev_y=y)
    supporter_only = "A: we went to the beach\nB: what if she laughs when you say it out loud?"
    seeker_only = "A: we went to the beach"
    np.testing.assert_array_equal(model.predict_proba([supporter_only]), model.predict_proba([seeker_only]))
    assert model.analyze(supporter_only) == model.analyze(seeker_only)
    model.save(tmp_path / "m")
    again = load_model(tmp_path / "m")
    assert again.turns == "seeker" and again.card_["hyperparameters"]["turns"] == "seeker"
    np.testing.assert_array_equal(again.predict_proba([supporter_only]), model.predict_proba([supporter_only]))


def test_the_default_setting_is_not_written_to_the_card(tiny_model):
    assert tiny_model.turns == "all" and "turns" not in tiny_model.card_["hyperparameters"]


def test_seeker_when_scoring_trains_on_whole_chats_and_scores_the_seekers_turns(tiny_frame, taxonomy):
    chats = [f"A: {text}\nB: what if she laughs at you for it?" for text in tiny_frame["text"]]
    y = tiny_frame[list(taxonomy.ids)].to_numpy()
    whole = LinearModel(taxonomy=taxonomy).fit(chats, y, dev_texts=chats, dev_y=y)
    scoring_only = LinearModel(taxonomy=taxonomy, turns="seeker_when_scoring").fit(chats, y, dev_texts=chats, dev_y=y)
    np.testing.assert_array_equal(scoring_only.coef_, whole.coef_)
    np.testing.assert_allclose(scoring_only._scores([CHAT]), whole._scores([seeker_turns(CHAT)]))
