import numpy as np
import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.evidence import format_evidence
from toolkit.models import load_model, make_model
from toolkit.models.sentence_linear import carries, sentence_targets
from toolkit.taxonomy import taxonomy_from_dict
from toolkit.training import train

TAX = taxonomy_from_dict({"labels": [{"id": "fear", "name": "Fear", "definition": "d"},
                                     {"id": "past", "name": "Past", "definition": "d"}]})


def test_only_the_sentence_with_the_evidence_is_positive():
    texts = ["We moved in May. The kids love it. What if she laughs at me when I tell her?", "Lunch. Nap."]
    y = np.array([[1, 0], [0, 0]])
    start = texts[0].index("What if")
    units, owners, targets, weights = sentence_targets(
        texts, y, [{"fear": [(start, len(texts[0]))]}, {}], ["fear", "past"]
    )
    assert units[2].startswith("What if") and owners.tolist() == [0, 0, 0, 1, 1]
    assert targets[:, 0].tolist() == [0, 0, 1, 0, 0] and targets[:, 1].sum() == 0
    assert (weights == 1).all()


def test_a_positive_label_without_spans_is_left_out_of_that_labels_training():
    texts = ["One thing. Another thing.", "Single sentence with fear"]
    units, owners, targets, weights = sentence_targets(
        texts, np.array([[1, 0], [1, 0]]), [None, None], ["fear", "past"]
    )
    assert weights[:, 0].tolist() == [0.0, 0.0, 1.0]   # unannotated multi-sentence text: out; one sentence: in
    assert targets[:, 0].tolist() == [0, 0, 1]
    assert weights[:, 1].tolist() == [1.0, 1.0, 1.0]


def test_overlap_rule():
    assert carries((0, 20), [(10, 40)]) and not carries((0, 20), [(19, 60)]) and not carries((0, 5), [(6, 9)])


def corpus(n=24):
    texts, y, evidence = [], [], []
    for i in range(n):
        calm = f"We went to the market on day {i}."
        if i % 3 == 0:
            text = f"{calm} What if he laughs at me when I tell him?"
            y.append([1, 0])
            evidence.append({"fear": [(len(calm) + 1, len(text))]})
        elif i % 3 == 1:
            text = f"{calm} My ex read my diary out loud so I never write anything down."
            y.append([0, 1])
            evidence.append({"past": [(len(calm) + 1, len(text))]})
        else:
            text = f"{calm} The weather was nice and we bought apples."
            y.append([0, 0])
            evidence.append({})
        texts.append(text)
    return texts, np.array(y), evidence


def test_fit_predict_save_and_load(tmp_path):
    texts, y, evidence = corpus()
    model = make_model("sentence_linear", taxonomy=TAX, C=4.0).fit(
        texts, y, evidence=evidence, dev_texts=texts, dev_y=y
    )
    probe = ["Nice day at the park. What if he laughs at me when I tell him?", "Nice day at the park."]
    assert model.predict(probe).tolist() == [[1, 0], [0, 0]]
    sentences = model.sentence_scores(probe[0])
    assert [s for s, *_ in sentences] == ["Nice day at the park.", "What if he laughs at me when I tell him?"]
    assert sentences[1][3][0] > sentences[0][3][0]
    model.save(tmp_path / "m")
    loaded = load_model(tmp_path / "m")
    np.testing.assert_allclose(loaded.predict_proba(probe), model.predict_proba(probe))
    assert loaded.get_params()["aggregation"] == "max"


def test_train_reads_the_evidence_column(tmp_path):
    texts, y, evidence = corpus()
    frame = pd.DataFrame({"text": texts, "fear": y[:, 0], "past": y[:, 1],
                          "evidence": [format_evidence(e) for e in evidence]})
    with_spans = train(frame, dev=frame.drop(columns="evidence"), model_type="sentence_linear", taxonomy=TAX)
    without = train(frame.drop(columns="evidence"), dev=frame.drop(columns="evidence"), model_type="sentence_linear",
                    taxonomy=TAX)
    probe = ["We went to the market on day 99. What if he laughs at me when I tell him?"]
    # With spans the calm sentence is a negative, so the barrier sentence alone carries the score.
    assert with_spans.sentence_scores(probe[0])[0][3][0] < without.sentence_scores(probe[0])[0][3][0]


def test_unknown_aggregation_names_the_parameter():
    texts, y, evidence = corpus(6)
    with pytest.raises(InputError, match="aggregation must be one of max, noisy_or, mean_max, got mean"):
        make_model("sentence_linear", taxonomy=TAX, aggregation="mean").fit(texts, y, evidence=evidence)


def test_evidence_must_match_the_texts():
    texts, y, evidence = corpus(6)
    with pytest.raises(InputError, match="one entry"):
        make_model("sentence_linear", taxonomy=TAX).fit(texts, y, evidence=evidence[:2])


def test_a_label_with_no_positive_sentence_is_a_clear_error():
    texts, y, evidence = corpus(12)
    no_spans = [None if spans and "fear" in spans else spans for spans in evidence]
    with pytest.raises(
        InputError, match="sentence_linear cannot learn 'fear': its training sentences are all negative"
    ):
        make_model("sentence_linear", taxonomy=TAX).fit(texts, y, evidence=no_spans, dev_texts=texts, dev_y=y)


def test_without_evidence_it_trains_and_scores_whole_texts_like_linear(tmp_path):
    texts, y, _ = corpus(24)
    sentence = make_model("sentence_linear", taxonomy=TAX).fit(texts, y, dev_texts=texts, dev_y=y)
    linear = make_model("linear", taxonomy=TAX).fit(texts, y, dev_texts=texts, dev_y=y)
    assert sentence.sentence_level_ is False
    np.testing.assert_allclose(sentence.predict_proba(texts), linear.predict_proba(texts))
    sentence.save(tmp_path / "m")
    assert load_model(tmp_path / "m").sentence_level_ is False


def test_train_refuses_a_broken_evidence_column():
    texts, y, evidence = corpus(12)
    frame = pd.DataFrame({"text": texts, "fear": y[:, 0], "past": y[:, 1],
                          "evidence": [format_evidence(e) for e in evidence]})
    frame.loc[0, "evidence"] = '{"fear": [[0, 9999]]}'
    with pytest.raises(InputError, match="the evidence column of '<DataFrame>' has problems .span outside the text"):
        train(frame, model_type="sentence_linear", taxonomy=TAX)


@pytest.mark.parametrize("aggregation", ["noisy_or", "mean_max"])
def test_other_aggregations_and_thresholds_from_out_of_fold_scores(aggregation):
    texts, y, evidence = corpus(30)
    model = make_model("sentence_linear", taxonomy=TAX, aggregation=aggregation).fit(texts, y, evidence=evidence)
    assert model.card_["thresholds_tuned_on"] == "out-of-fold train"
    probe = ["Nice day at the park. What if he laughs at me when I tell him?", "Nice day at the park. Lovely."]
    assert model.predict(probe).tolist() == [[1, 0], [0, 0]]


def test_cross_validation_gives_each_fold_the_evidence_of_its_training_rows(monkeypatch):
    from toolkit.compare import cross_validate
    from toolkit.labelled import LabelledData
    from toolkit.models.sentence_linear import SentenceLinearModel

    texts, y, evidence = corpus(120)
    frame = pd.DataFrame({"text": texts, "fear": y[:, 0], "past": y[:, 1],
                          "evidence": [format_evidence(e) for e in evidence]})
    expected = {text: {"fear": spans.get("fear", []), "past": spans.get("past", [])}
                for text, spans in zip(texts, evidence)}
    seen = []
    original_fit = SentenceLinearModel.fit

    def recording_fit(self, fit_texts, fit_y, **kwargs):
        seen.append((list(fit_texts), kwargs.get("evidence")))
        return original_fit(self, fit_texts, fit_y, **kwargs)

    monkeypatch.setattr(SentenceLinearModel, "fit", recording_fit)
    cross_validate(LabelledData(frame=frame, texts=texts, y=y, taxonomy=TAX, source="spans.csv"), "sentence_linear",
                   folds=3, taxonomy=TAX)
    assert len(seen) == 3
    for fit_texts, fold_evidence in seen:
        assert fold_evidence == [expected[text] for text in fit_texts]
    seen.clear()
    cross_validate(LabelledData(frame=frame.drop(columns="evidence"), texts=texts, y=y, taxonomy=TAX,
                                source="plain.csv"), "sentence_linear", folds=3, taxonomy=TAX)
    assert [fold_evidence for _, fold_evidence in seen] == [None, None, None]


@pytest.mark.parametrize("model_type, params", [
    ("sentence_linear", {"aggregation": "max"}),
    ("ensemble", {"members": "linear,sentence_linear:aggregation=max"}),
])
def test_out_of_fold_tuning_passes_the_evidence_it_was_fitted_with(monkeypatch, model_type, params):
    from toolkit.models.sentence_linear import SentenceLinearModel

    texts, y, evidence = corpus(30)
    seen = []
    original = SentenceLinearModel._out_of_fold_scores

    def recording(self, fold_texts, fold_y, sample_weight=None, evidence=None):
        seen.append(evidence)
        return original(self, fold_texts, fold_y, sample_weight, evidence=evidence)

    monkeypatch.setattr(SentenceLinearModel, "_out_of_fold_scores", recording)
    model = make_model(model_type, taxonomy=TAX, **params).fit(texts, y, evidence=evidence)
    assert model.card_["thresholds_tuned_on"] == "out-of-fold train"
    assert seen == [evidence]
