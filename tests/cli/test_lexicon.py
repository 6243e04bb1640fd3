import numpy as np
import pytest

import toolkit
from toolkit.models import LexiconModel, load_model
from toolkit.taxonomy import taxonomy_from_dict


@pytest.fixture(scope="module")
def custom_taxonomy():
    return taxonomy_from_dict(
        {
            "name": "loneliness",
            "labels": [
                {
                    "id": "loneliness",
                    "name": "Loneliness",
                    "definition": "feeling alone",
                    "cues": ["alone", "no one to talk*", "isolat*"],
                },
                {"id": "anger", "name": "Anger", "definition": "anger", "cues": ["furious", "so angry"]},
            ],
        }
    )


def test_works_on_day_one_for_a_custom_taxonomy(custom_taxonomy):
    model = LexiconModel(taxonomy=custom_taxonomy).fit_unsupervised()
    scores = model.predict_proba(["I feel so isolated and alone", "I'm furious", "lovely day"])
    np.testing.assert_allclose(scores, [[0.75, 0.0], [0.0, 0.5], [0.0, 0.0]])
    assert model.predict(["no one to talk to tonight"]).tolist() == [[1, 0]]


def test_negated_cues_do_not_count(custom_taxonomy):
    model = LexiconModel(taxonomy=custom_taxonomy).fit_unsupervised()
    assert model.cue_hits("I'm not alone anymore, never so angry") == [[], []]
    assert model.cue_hits("not that it matters, but I'm alone") == [[("alone", 7, 8)], []]


def test_longest_cue_wins_and_matches_do_not_overlap(taxonomy):
    model = LexiconModel(taxonomy=taxonomy).fit_unsupervised()
    hits = model.cue_hits("growing up in my family we never talked about feelings")
    assert [cue for cue, _, _ in hits[3]] == ["in my family", "never talked about feelings"]
    assert [cue for cue, _, _ in hits[1]] == ["growing up"]


def test_fitted_lexicon_round_trips_with_its_cues(tiny_frame, taxonomy, tmp_path):
    model = toolkit.train(tiny_frame, dev=tiny_frame, model_type="lexicon", taxonomy=taxonomy)
    model.save(tmp_path / "lex")
    loaded = load_model(tmp_path / "lex")
    assert loaded.model_type == "lexicon"
    texts = tiny_frame["text"].tolist()
    np.testing.assert_array_equal(loaded.predict_proba(texts), model.predict_proba(texts))


def test_cli_trains_a_lexicon_model(run, tiny_csv, tmp_path):
    result = run("train", tiny_csv, "--model-type", "lexicon", "-o", tmp_path / "lex")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote lexicon model to {tmp_path / 'lex'}")
