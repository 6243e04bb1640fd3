import json

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.errors import InputError
from toolkit.explanation import text_from_file
from toolkit.models import BarrierModel, LexiconModel
from toolkit.text import split_sentences, token_spans

from ..conftest import DATASET

JOURNAL = DATASET / "samples" / "journal.csv"


@pytest.fixture(scope="module")
def lexicon(taxonomy):
    return LexiconModel(taxonomy=taxonomy).fit_unsupervised()


@pytest.fixture(scope="module")
def linear_model():
    """A shipped linear model (``fast``): the tests of linear contributions are about the linear type."""
    return toolkit.load_model("fast")


@pytest.fixture(scope="module")
def journal_texts():
    return pd.read_csv(JOURNAL)["text"].tolist()


def _logit(p):
    return np.log(p / (1 - p))


@pytest.mark.parametrize("model_name", ["default", "lexicon"])
def test_removing_the_top_evidence_sentence_lowers_the_score(request, model_name, journal_texts):
    model = request.getfixturevalue("default_model" if model_name == "default" else "lexicon")
    checked = 0
    for text in journal_texts[:70]:
        explanation = toolkit.explain(text, model)
        if len(explanation.labels[0].sentences) < 2:
            continue
        for j, item in enumerate(explanation.labels):
            if not item.positive:
                continue
            top = item.evidence[0]
            without = text[: top.start] + text[top.end :]
            assert model.predict_proba([without])[0, j] < item.score, (item.label, top.text)
            checked += 1
    assert checked >= 8  # enough flagged entries for this to mean something


def test_sentence_evidence_is_sorted_and_scored_on_its_own(default_model, journal_texts):
    text = journal_texts[3]
    explanation = toolkit.explain(text, default_model)
    sentences = split_sentences(text)
    for j, item in enumerate(explanation.labels):
        assert sorted(s.text for s in item.sentences) == sorted(sentences)
        assert [s.score for s in item.sentences] == sorted((s.score for s in item.sentences), reverse=True)
        own = default_model.predict_proba([s.text for s in item.sentences])[:, j]
        np.testing.assert_allclose([s.score for s in item.sentences], own)
        for s in item.sentences:
            assert text[s.start : s.end] == s.text


def test_linear_contributions_add_up_to_the_logit(linear_model, journal_texts):
    # Contributions are on the model's own logit, before Platt calibration (a monotonic map).
    assert linear_model.model_type == "linear"
    for text in journal_texts[:20]:
        scores = linear_model._scores([text])[0]
        for j, terms in enumerate(linear_model.term_contributions(text)):
            total = sum(value for _, value in terms) + linear_model.intercept_[j]
            assert total == pytest.approx(_logit(scores[j]), abs=1e-8)


def test_linear_contributions_name_the_model_features(linear_model):
    text = "I'm not afraid he'll judge me, but what if she laughs"
    features = set(linear_model.analyze(text))
    for terms in linear_model.term_contributions(text):
        assert {term for term, _ in terms} <= features
        assert [v for _, v in terms] == sorted((v for _, v in terms), reverse=True)


def test_lexicon_contributions_follow_the_cue_hits(taxonomy, lexicon, tiny_frame):
    text = "what if he judges me, what if she laughs at me"
    for hits, terms in zip(lexicon.cue_hits(text), lexicon.term_contributions(text)):
        assert sum(v for _, v in terms) == pytest.approx(len(hits) * np.log(2))
    fitted = LexiconModel(taxonomy=taxonomy).fit(tiny_frame["text"], tiny_frame[list(taxonomy.ids)].to_numpy())
    for j, terms in enumerate(fitted.term_contributions(text)):
        hits = len(fitted.cue_hits(text)[j])
        assert sum(v for _, v in terms) == pytest.approx(fitted.slope_[j] * np.log1p(hits))


def test_term_spans_point_at_the_words_of_the_term(default_model):
    text = "Honestly? I'm SCARED he'll think I'm weak. I'm not afraid he'll judge me though."
    explanation = toolkit.explain(text, default_model)
    located = 0
    for item in explanation.labels:
        for term in item.terms:
            for start, end in term.spans:
                words = [t for t, _, _ in token_spans(text[start:end]) if t not in ".,;:"]
                assert len(words) == len(term.term.split(" "))
                located += 1
    assert located > 20


def test_negated_terms_are_located_inside_the_negation(default_model):
    text = "He would never judge me. He will judge the cake contest."
    explanation = toolkit.explain(text, default_model)
    terms = {t.term: t for t in explanation["fear_of_rejection"].terms}
    assert terms["NEG_judg"].spans == ((text.index("judge"), text.index("judge") + 5),)
    assert terms["NEG_judg"].negated and not terms["judg"].negated
    assert terms["judg"].spans == ((text.rindex("judge"), text.rindex("judge") + 5),)


def test_surface_shows_the_words_as_written(default_model):
    explanation = toolkit.explain("In my FAMILY we never talked about feelings", default_model)
    surfaces = {t.term: t.surface for t in explanation["cultural_influences"].terms}
    assert surfaces["my famili"] == "my FAMILY"


class _SentenceOnlyModel(BarrierModel):
    """A stand-in for an embedding model: scores, but no term contributions."""

    model_type = "stand-in"

    def __init__(self, inner):
        super().__init__(inner.taxonomy_)
        self.inner = inner
        self.taxonomy_ = inner.taxonomy_
        self.thresholds_ = inner.thresholds_
        self.card_ = inner.card_

    def _scores(self, texts):
        return self.inner.predict_proba(texts)


def test_models_without_term_contributions_get_sentence_evidence(default_model):
    model = _SentenceOnlyModel(default_model)
    explanation = toolkit.explain("We had pasta. What if he thinks less of me once he knows?", model)
    item = explanation["fear_of_rejection"]
    assert item.positive and item.terms == [] and explanation.term_method is None
    assert item.evidence[0].text == "What if he thinks less of me once he knows?"
    assert "sentence evidence only" in explanation.to_text()
    assert "Pushed up by" not in explanation.to_html()


def test_empty_text_is_refused(default_model):
    with pytest.raises(InputError, match="there is no text to explain"):
        toolkit.explain("   ", default_model)


def test_to_dict_is_json_with_spans_inside_the_text(default_model, journal_texts):
    text = journal_texts[1]
    data = json.loads(toolkit.explain(text, default_model, source={"file": "j.csv", "row": 2}).to_json())
    assert data["source"] == {"file": "j.csv", "row": 2}
    assert [label["label"] for label in data["labels"]] == list(default_model.taxonomy_.ids)
    for label in data["labels"]:
        assert 0 <= label["score"] <= 1 and isinstance(label["decision"], bool)
        for term in label["terms"]:
            for start, end in term["spans"]:
                assert 0 <= start < end <= len(text)
    assert "psycho-education" in data["strategy_notice"]


def test_html_has_legend_colours_hover_scores_and_escapes_the_text(default_model):
    explanation = toolkit.explain("<b>what if</b> he laughs at me when I tell him", default_model)
    page = explanation._repr_html_()
    assert "<b>what if</b>" not in page and "&lt;b&gt;what if&lt;/b&gt;" in page
    for item in explanation.labels:
        assert item.name in page
    assert "#0072B2" in page and "title=\"this sentence scores" in page
    assert "pushes fear_of_rejection up" in page
    assert explanation.to_html().startswith("<!DOCTYPE html>") and not page.startswith("<!DOCTYPE")


def test_strategies_are_shown_for_found_barriers_as_psycho_education(default_model, taxonomy):
    explanation = toolkit.explain("in my family we never talked about feelings", default_model)
    text = explanation.to_text()
    assert "general psycho-education" in text.lower() and "not advice for a specific person" in text
    assert taxonomy["cultural_influences"].strategies[0] in text
    assert taxonomy["fear_of_rejection"].strategies[0] not in text


def test_text_view_colours_only_when_asked(default_model):
    explanation = toolkit.explain("what if he laughs at me when I tell him", default_model)
    assert "\x1b[" not in explanation.to_text()
    assert "\x1b[1;4;" in explanation.to_text(color=True)


def test_text_from_file_by_row_and_by_id():
    text, source = text_from_file(JOURNAL, row=4)
    assert text.startswith("Tomasz asked last night") and source == {"file": str(JOURNAL), "row": 4}
    text_by_id, source = text_from_file(JOURNAL, id="J004")
    assert text_by_id == text and source["id_column"] == "entry_id" and source["row"] == 4


def test_text_from_file_errors():
    with pytest.raises(InputError, match=r"has 127 rows, so there is no row 500; pick a row from 1 to 127"):
        text_from_file(JOURNAL, row=500)
    with pytest.raises(
        InputError, match=r"the id 'C01' matches 30 rows .* \(column client_id; rows 1, 2, 3, 4, 5, \.\.\.\)"
    ):
        text_from_file(JOURNAL, id="C01")
    with pytest.raises(InputError, match=r"no row of .* has the id 'J999' \(looked in column entry_id, client_id\)"):
        text_from_file(JOURNAL, id="J999")
    with pytest.raises(InputError, match="pass either a row number"):
        text_from_file(JOURNAL)


def test_semantic_models_get_real_sentence_evidence(taxonomy, tiny_frame):
    from toolkit.models import SemanticModel

    y = tiny_frame[list(taxonomy.ids)].to_numpy()
    model = SemanticModel(taxonomy=taxonomy).fit(tiny_frame["text"], y, dev_texts=tiny_frame["text"], dev_y=y)
    text = "We went to the beach. My ex used everything I told her against me."
    explanation = toolkit.explain(text, model)
    assert explanation.term_method is None and all(item.terms == [] for item in explanation.labels)
    item = explanation["past_experiences"]
    assert item.sentences[0].text == "My ex used everything I told her against me."
    top = item.sentences[0]
    assert model.predict_proba([text[: top.start] + text[top.end :]])[0, 1] < item.score


def test_explain_all_renders_one_block_and_checks_sources(default_model):
    from toolkit.explanation import explain_all

    shown = explain_all(["what if she laughs at me", "my ex read my diary"], default_model,
                        sources=[{"id": "a"}, {"id": "b"}])
    assert [e.source["id"] for e in shown] == ["a", "b"]
    assert shown._repr_html_().count("hover over the text for scores") == 2
    with pytest.raises(InputError, match="got 2 texts but 1 sources"):
        explain_all(["x", "y"], default_model, sources=[{}])
