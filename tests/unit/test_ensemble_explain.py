"""What explain asks of an ensemble: sentence scores and term contributions combined as the ensemble combines."""

import numpy as np
import pytest

import toolkit
from toolkit.errors import ModelError
from toolkit.models import make_model

from .test_ensemble_members import MEMBERS, fitted
from .test_linear_gate import CALM, DISTRESS, FEAR, PAST, TAX, distress_corpus

TEXT = f"{CALM[0]} {FEAR} {DISTRESS}"


@pytest.mark.parametrize("combine", ["scores", "calibrated"])
def test_each_sentence_scores_as_the_ensemble_scores_it_alone(combine):
    model = fitted(combine)
    assert model.supports("sentence_scores")
    sentences = model.sentence_scores(TEXT)
    assert [(s, TEXT[a:b]) for s, a, b, _ in sentences] == [(CALM[0], CALM[0]), (FEAR, FEAR), (DISTRESS, DISTRESS)]
    alone = model.decision_scores([CALM[0], FEAR, DISTRESS])
    np.testing.assert_array_equal(np.stack([score for *_, score in sentences]), alone)
    # Not any one member's view: the document member alone scores the distress sentence differently.
    linear_alone = model.members_[0]._scores([DISTRESS])[0]
    assert not np.allclose(sentences[2][3], linear_alone)


def test_term_contributions_are_the_members_weighted_by_the_ensemble():
    model = make_model("ensemble", taxonomy=TAX, members=MEMBERS, weights="3,1")
    texts, y, evidence = distress_corpus()
    model.fit(texts, y, evidence=evidence, dev_texts=texts, dev_y=y)
    assert model.supports("term_contributions")
    combined = model.term_contributions(TEXT)
    for j in range(2):
        first, second = (dict(member.term_contributions(TEXT)[j]) for member in model.members_)
        assert first and second and first != second
        terms = set(first) | set(second)
        expected = {t: 0.75 * first.get(t, 0.0) + 0.25 * second.get(t, 0.0) for t in terms}
        got = dict(combined[j])
        assert set(got) == {t for t, v in expected.items() if v != 0.0}
        for term, value in got.items():
            assert value == pytest.approx(expected[term])
        values = [value for _, value in combined[j]]
        assert values == sorted(values, reverse=True)


def test_term_contributions_need_every_member_to_offer_them():
    texts, y, _ = distress_corpus()
    model = make_model("ensemble", taxonomy=TAX, members="linear:n_features=4096,semantic").fit(
        texts, y, dev_texts=texts, dev_y=y)
    assert model.supports("sentence_scores") and not model.supports("term_contributions")
    with pytest.raises(ModelError, match="members semantic do not"):
        model.term_contributions(TEXT)
    explanation = toolkit.explain(TEXT, model)
    assert explanation.term_method is None and explanation["fear"].terms == []


def test_explain_of_an_ensemble_shows_weighted_terms_where_they_occur():
    model = fitted("scores")
    explanation = toolkit.explain(f"{CALM[1]} {PAST}", model)
    assert explanation.model_type == "ensemble" and "weighted" in explanation.term_method
    past = explanation["past"]
    assert past.positive and past.evidence[0].text == PAST
    top = past.pushed_up[0]
    assert top.spans and all(PAST.lower().find(explanation.text[a:b].lower()) >= 0 for a, b in top.spans)
    assert top.contribution == pytest.approx(dict(model.term_contributions(explanation.text)[1])[top.term])
