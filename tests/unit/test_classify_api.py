import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.classification import output_columns
from toolkit.errors import InputError


def test_classify_texts_returns_a_frame_and_prints_nothing(tiny_model, capsys, taxonomy):
    result = toolkit.classify(["what if she laughs at me", "we went to the beach"], tiny_model)
    assert list(result.columns) == ["text", *output_columns(taxonomy)]
    assert result.loc[0, "fear_of_rejection"] == 1
    assert result.loc[1, "labels"] == ""
    assert capsys.readouterr() == ("", "")


def test_decisions_follow_thresholds(tiny_model, tiny_frame, taxonomy):
    result = toolkit.classify(tiny_frame, tiny_model, keep_columns=["id", "text"])
    scores = result[[f"{label}_score" for label in taxonomy.ids]].to_numpy()
    decisions = result[list(taxonomy.ids)].to_numpy()
    np.testing.assert_array_equal(decisions, (scores >= tiny_model.thresholds_).astype(int))
    assert all(0 <= s <= 1 for s in scores.ravel())
    for labels, row in zip(result["labels"], decisions):
        assert (labels.split(";") if labels else []) == [t for t, d in zip(taxonomy.ids, row) if d]


def test_empty_texts_are_kept_with_a_warning(tiny_model):
    frame = pd.DataFrame({"text": ["what if she laughs at me", "", None, "   "], "n": [1, 2, 3, 4]})
    result = toolkit.classify(frame, tiny_model)
    assert result["n"].tolist() == [1, 2, 3, 4]
    assert result["warning"].tolist() == ["", "empty text", "empty text", "empty text"]
    assert result.loc[1:, "fear_of_rejection"].tolist() == [0, 0, 0]
    assert result.loc[1:, "fear_of_rejection_score"].isna().all()


def test_id_column_moves_to_front_and_columns_keep_order(tiny_model):
    frame = pd.DataFrame({"b": ["x"], "text": ["hello"], "key": ["k1"]})
    result = toolkit.classify(frame, tiny_model, id_column="key")
    assert list(result.columns[:3]) == ["key", "b", "text"]


def test_clashing_columns_are_refused(tiny_model, tiny_frame):
    with pytest.raises(InputError, match="already has column\\(s\\) fear_of_rejection, past_experiences"):
        toolkit.classify(tiny_frame, tiny_model)


def test_missing_text_column_lists_columns(tiny_model):
    with pytest.raises(InputError, match="has no column 'text'; available columns: body, id. Name the column"):
        toolkit.classify(pd.DataFrame({"body": ["x"], "id": [1]}), tiny_model)


def test_default_model_loads_and_classifies(default_model):
    result = toolkit.classify(["In my family you just didn't talk about feelings, ever."])
    assert result.loc[0, "cultural_influences"] == 1
    assert default_model.taxonomy_.ids == toolkit.load_taxonomy().ids


def test_classify_a_file_path(tmp_path, tiny_model):
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "what if she laughs at me", "id": 1}\n')
    assert toolkit.classify(str(path), tiny_model)["id"].tolist() == [1]
