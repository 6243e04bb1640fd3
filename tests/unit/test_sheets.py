"""Comparing and merging annotators' files."""

import krippendorff
import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import cohen_kappa_score

from toolkit.annotate.sheets import compare_annotators, merge_annotations
from toolkit.errors import InputError

from ..conftest import REPO

LABELS = ["fear_of_rejection", "past_experiences", "self_doubt", "cultural_influences"]


def sheet(ids, rows, texts=None):
    frame = pd.DataFrame(rows, columns=LABELS, dtype=object)
    frame.insert(0, "text", texts or [f"text {i}" for i in ids])
    frame.insert(0, "id", ids)
    return frame


@pytest.fixture()
def two():
    a = sheet([1, 2, 3, 4, 5, 6], [[1, 0, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0], [1, 0, 0, 1]])
    b = sheet([1, 2, 3, 4, 5, 6], [[1, 0, 0, 0], [0, 0, 0, 1], [0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0], [1, 0, 0, 1]])
    return a, b


def test_two_annotators_per_label_statistics(two, taxonomy):
    a, b = two
    report = compare_annotators([a, b], taxonomy, names=["ana", "ben"])
    table = report.per_label.set_index("label")
    for label in LABELS:
        expected = cohen_kappa_score(a[label].astype(int), b[label].astype(int))
        assert table.loc[label, "cohen_kappa"] == pytest.approx(expected)
        data = np.array([a[label].astype(float), b[label].astype(float)])
        assert table.loc[label, "krippendorff_alpha"] == pytest.approx(
            krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    assert table.loc["past_experiences", "percent_agreement"] == pytest.approx(5 / 6)
    assert table["disagreeing_items"].tolist() == [1, 1, 1, 1]
    assert table["positives:ana"].tolist() == [2, 2, 1, 1]
    assert report.overall["items_all_agree"] == pytest.approx(round(4 / 6, 4))


def test_disagreement_confusion_and_file(two, taxonomy):
    report = compare_annotators(list(two), taxonomy, names=["ana", "ben"])
    confusion = report.confusion
    # Item 2: ana past_experiences, ben cultural_influences; item 4: ana self_doubt, ben fear_of_rejection.
    assert confusion.loc["past_experiences", "cultural_influences"] == 1
    assert confusion.loc["self_doubt", "fear_of_rejection"] == 1
    assert int(confusion.to_numpy().sum()) == 2
    dis = report.disagreements
    assert dis["id"].tolist() == ["2", "4"]
    assert dis["disagree_on"].tolist() == ["past_experiences;cultural_influences", "fear_of_rejection;self_doubt"]
    assert dis["labels:ana"].tolist() == ["past_experiences", "self_doubt"]
    assert dis[LABELS].isna().all().all()


def test_three_annotators_with_a_missing_rating(two, taxonomy):
    a, b = two
    c = a.copy()
    c.loc[0, LABELS] = [None] * 4  # c did not label item 1
    report = compare_annotators([a, b, c], taxonomy, names=["a", "b", "c"])
    assert np.isnan(report.per_label["cohen_kappa"]).all()
    assert len(report.pairwise) == 3
    fear = np.array([a["fear_of_rejection"], b["fear_of_rejection"], c["fear_of_rejection"]], dtype=float)
    assert report.per_label.loc[0, "krippendorff_alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=fear, level_of_measurement="nominal"))
    assert report.per_label.loc[0, "items"] == 6


def test_items_are_matched_on_id_in_any_order(two, taxonomy):
    a, b = two
    shuffled = b.iloc[::-1].reset_index(drop=True)
    assert compare_annotators([a, shuffled], taxonomy).per_label.equals(compare_annotators([a, b], taxonomy).per_label)


def test_no_shared_items_is_an_error(two, taxonomy):
    a, b = two
    b = b.assign(id=[f"x{i}" for i in range(6)])
    with pytest.raises(InputError, match="no item was labelled by two annotators when matching on 'id'"):
        compare_annotators([a, b], taxonomy)


def test_merge_with_adjudication(two, taxonomy):
    a, b = two
    report = compare_annotators([a, b], taxonomy)
    decisions = report.disagreements.copy()
    decisions[LABELS] = [[0, 1, 0, 1], [0, 0, 1, 0]]
    with pytest.raises(InputError, match="2 item\\(s\\) have disagreeing labels and no decision, first '2'"):
        merge_annotations([a, b], taxonomy)
    merged = merge_annotations([a, b], taxonomy, adjudicated=decisions)
    assert merged["resolution"].tolist() == ["agreed", "adjudicated", "agreed", "adjudicated", "agreed", "agreed"]
    assert merged.loc[1, LABELS].tolist() == [0, 1, 0, 1]
    assert merged.loc[3, LABELS].tolist() == [0, 0, 1, 0]


def test_merge_majority_and_single_ratings(two, taxonomy):
    a, b = two
    c = a.copy()
    extra = sheet([7], [[0, 0, 1, 0]])
    merged = merge_annotations([a, b, pd.concat([c, extra], ignore_index=True)], taxonomy, majority=True)
    assert merged["resolution"].tolist() == ["agreed", "majority", "agreed", "majority", "agreed", "agreed", "single"]
    assert merged.loc[1, LABELS].tolist() == [0, 1, 0, 0]
    assert merged.loc[6, LABELS].tolist() == [0, 0, 1, 0]


def test_bundled_shift_annotations_merge_to_the_training_split(taxonomy):
    shift = REPO / "datasets" / "shift"
    merged = merge_annotations([shift / "annotations" / "ana.json", shift / "annotations" / "ben.jsonl"], taxonomy,
                               adjudicated=shift / "annotations" / "adjudicated.csv")
    train = pd.read_csv(shift / "train.csv")
    assert merged["text"].tolist() == train["text"].tolist()
    assert (merged[LABELS].to_numpy() == train[LABELS].to_numpy()).all()
