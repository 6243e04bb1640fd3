"""The client-journal notebook's logic (notebooks/01_explore_client_journal): its checks live here, not in
the notebook."""

from html import escape
from pathlib import Path

import pandas as pd
import pytest

import toolkit
from toolkit.anonymize import anonymize_frame, require_anonymised
from toolkit.errors import InputError
from toolkit.explanation import explain_all
from toolkit.io import read_all
from toolkit.summary import client_overviews, journal_overview, summarize_classified
from toolkit.taxonomy import STRATEGY_NOTICE

JOURNAL = Path(__file__).resolve().parents[2] / "datasets" / "barriers" / "samples" / "journal.csv"


@pytest.fixture(scope="module")
def journal():
    raw = read_all(JOURNAL)
    model = toolkit.load_model()
    anonymised = anonymize_frame(raw, "text", group_column="client_id")
    return raw, anonymised, model, toolkit.classify(anonymised.frame, model)


def test_the_raw_sample_is_refused_and_the_anonymised_one_passes(journal):
    raw, anonymised, _, classified = journal
    with pytest.raises(InputError):
        require_anonymised(raw["text"])
    require_anonymised(anonymised.frame["text"])
    require_anonymised(classified["text"])
    assert sum(anonymised.counts.values()) > 0
    assert len(classified) == len(raw)


def test_weekly_summary_covers_every_client_with_valid_shares(journal):
    raw, _, model, classified = journal
    weekly = summarize_classified(classified, list(model.taxonomy_.ids), freq="W")
    assert set(weekly["client_id"]) == set(raw["client_id"])
    assert weekly["share"].between(0, 1).all() and (weekly["count"] <= weekly["entries"]).all()


def test_every_barrier_shows_up_somewhere_in_the_sample(journal):
    _, _, model, classified = journal
    labels = list(model.taxonomy_.ids)
    overview = journal_overview(classified, labels, model.taxonomy_)
    assert (overview.barriers["count"] > 0).all(), overview.barriers
    assert overview.entry_count == len(classified)
    # the notes of every barrier found, each whole (no "..." truncation as in a pandas table)
    html = overview._repr_html_()
    for note in overview.notes["note"]:
        assert escape(note) in html
    assert set(overview.notes["label"]) == set(labels) and escape(STRATEGY_NOTICE) in html


def test_the_evidence_sentence_carries_the_score(journal):
    _, _, model, classified = journal
    labels = list(model.taxonomy_.ids)
    strongest = journal_overview(classified, labels, model.taxonomy_, max_entries=3).entries
    explained = explain_all(strongest["text"], model)
    assert len(explained) == 3
    for explanation in explained:
        label = explanation.positive_labels[0]
        top = explanation[label].evidence[0]
        without = explanation.text[: top.start] + explanation.text[top.end:]
        assert model.predict_proba([without])[0, labels.index(label)] < explanation[label].score


def test_a_client_period_and_barrier_choose_the_entries(journal):
    _, _, model, classified = journal
    labels = list(model.taxonomy_.ids)
    client = sorted(classified["client_id"].unique())[1]
    dates = sorted(classified.loc[classified["client_id"] == client, "date"])
    start, end = dates[len(dates) // 4], dates[-1]
    label = labels[0]
    overview = journal_overview(classified, labels, model.taxonomy_, client=client, start=start, end=end,
                                label=label, max_entries=100)
    mine = classified[(classified["client_id"] == client) & (classified["date"] >= start)]
    assert overview.entry_count == len(mine)
    assert set(overview.entries["entry_id"]) == set(mine.loc[mine[label] == 1, "entry_id"])
    assert overview.entries["score"].is_monotonic_decreasing
    assert list(overview.notes["label"].unique()) == [label]
    counts = overview.barriers.set_index("label")["count"]
    assert counts.to_dict() == {item: int(mine[item].sum()) for item in labels}
    assert f"Client {client}: {len(mine)} entries" in overview.summary()


def test_static_overviews_cover_every_client(journal):
    _, _, model, classified = journal
    overviews = client_overviews(classified, list(model.taxonomy_.ids), model.taxonomy_)
    assert [o.client for o in overviews] == sorted(classified["client_id"].unique())
    assert sum(o.entry_count for o in overviews) == len(classified)
    assert all(f"Client {o.client}</h3>" in overviews._repr_html_() for o in overviews)


def test_an_empty_period_and_unknown_choices():
    rows = pd.DataFrame({"entry_id": ["e1"], "client_id": ["a"], "date": ["2026-03-02"], "text": ["x"],
                         "self_doubt": [1], "self_doubt_score": [0.9]})
    from toolkit.taxonomy import load_taxonomy

    empty = journal_overview(rows, ["self_doubt"], load_taxonomy(), start="2027-01-01")
    assert empty.entry_count == 0 and "No entries in this period." in empty.summary()
    assert "<table>" not in empty._repr_html_()
    with pytest.raises(InputError, match="client 'b' is not in the journal; choose one of: a"):
        journal_overview(rows, ["self_doubt"], load_taxonomy(), client="b")
    with pytest.raises(InputError, match="label 'nope'"):
        journal_overview(rows, ["self_doubt"], load_taxonomy(), label="nope")
