import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.errors import InputError
from toolkit.io import read_all
from toolkit.summary import filter_entries, summarize_classified

from ..conftest import DATASET

SAMPLES = DATASET / "samples"


def _classified():
    """Hand-made classifier output: two clients over two weeks, one label."""
    return pd.DataFrame({
        "entry_id": ["e1", "e2", "e3", "e4", "e5", "e6"],
        "client_id": ["a", "a", "a", "a", "b", "b"],
        "date": ["2026-03-02", "2026-03-04", "2026-03-08", "2026-03-10", "2026-03-03", "2026-03-11"],
        "text": ["one", "two", "three", "four", "five", "six"],
        "fear": [1, 0, 1, 0, 0, 1],
        "fear_score": [0.7, 0.2, 0.9, 0.1, 0.3, 0.6],
    })


def test_summary_numbers_match_a_hand_count():
    table = summarize_classified(_classified(), ["fear"], freq="W")
    assert list(table.columns) == [
        "client_id",
        "period_start",
        "period_end",
        "label",
        "entries",
        "count",
        "share",
        "mean_score",
        "first_seen",
        "last_seen",
        "example_id",
        "example_score",
        "example_text",
    ]
    first = table.iloc[0]
    # client a, week of Monday 2 March: e1, e2, e3 (Sunday 8 March closes the week)
    assert (first["client_id"], str(first["period_start"].date()), str(first["period_end"].date())) == (
        "a",
        "2026-03-02",
        "2026-03-08",
    )
    assert (first["entries"], first["count"], first["share"]) == (3, 2, round(2 / 3, 4))
    assert first["mean_score"] == pytest.approx((0.7 + 0.2 + 0.9) / 3, abs=1e-4)
    assert (str(first["first_seen"].date()), str(first["last_seen"].date())) == ("2026-03-02", "2026-03-08")
    assert (first["example_id"], first["example_score"], first["example_text"]) == ("e3", 0.9, "three")
    second = table.iloc[1]  # client a, second week: nothing found
    assert (second["entries"], second["count"], second["share"]) == (1, 0, 0.0)
    assert pd.isna(second["first_seen"]) and pd.isna(second["example_id"])
    assert table["client_id"].tolist() == ["a", "a", "b", "b"]


def test_chunked_and_whole_summaries_are_equal():
    frame = _classified()
    whole = summarize_classified(frame, ["fear"], freq="W")
    chunked = summarize_classified((frame.iloc[i : i + 2] for i in range(0, len(frame), 2)), ["fear"], freq="W")
    pd.testing.assert_frame_equal(whole, chunked)


def test_summarize_a_file_in_chunks_equals_one_chunk(default_model):
    whole = toolkit.summarize(SAMPLES / "journal.csv", default_model, freq="M")
    chunked = toolkit.summarize(SAMPLES / "journal.csv", default_model, freq="M", batch_size=30)
    pd.testing.assert_frame_equal(whole, chunked)
    classified = toolkit.classify(SAMPLES / "journal.csv", default_model)
    # the counts agree with the classifier's own decisions
    for label in default_model.taxonomy_.ids:
        assert whole.loc[whole["label"] == label, "count"].sum() == classified[label].sum()
    assert whole.loc[whole["label"] == "self_doubt", "entries"].sum() == len(classified)


def test_without_periods_a_group_is_one_row_per_label(default_model):
    table = toolkit.summarize(SAMPLES / "chat.csv", default_model)
    assert list(table.columns[:3]) == ["conversation_id", "speaker", "label"]
    assert "period_start" not in table.columns
    assert len(table) == table[["conversation_id", "speaker"]].drop_duplicates().shape[0] * 4


def test_example_ids_fall_back_to_row_numbers():
    frame = _classified().drop(columns="entry_id")
    table = summarize_classified(frame, ["fear"], by=["client_id"])
    assert table["example_id"].tolist() == ["row 3", "row 6"]


def test_empty_texts_are_not_counted(default_model):
    frame = pd.DataFrame({"client_id": ["a", "a"], "date": ["2026-03-02", "2026-03-03"],
                          "text": ["what if she laughs at me when I tell her", ""]})
    table = toolkit.summarize(frame, default_model)
    assert table["entries"].tolist() == [1, 1, 1, 1]


def test_summary_errors(default_model):
    frame = _classified()
    with pytest.raises(InputError, match=r"period 'fortnight' is not supported; use D \(day\), W"):
        summarize_classified(frame, ["fear"], freq="fortnight")
    with pytest.raises(InputError, match="has no column 'therapist' for --by; available columns: entry_id, client_id"):
        summarize_classified(frame, ["fear"], by=["therapist"])
    bad = frame.assign(date=["2026-03-02", "yesterday", "", "", "", ""])
    with pytest.raises(InputError, match="has the value 'yesterday' in data row 2, which is not a date"):
        summarize_classified(bad, ["fear"], freq="W")
    with pytest.raises(InputError, match="data row 3 of '<DataFrame>' has no date"):
        summarize_classified(bad.assign(date=["2026-03-02", "2026-03-02", "", "", "", ""]), ["fear"], freq="W")
    with pytest.raises(InputError, match="no 'date' or 'timestamp' column to count periods by"):
        summarize_classified(frame.drop(columns="date"), ["fear"], freq="W")
    with pytest.raises(
        InputError, match="has no column 'self_doubt'; summarize_classified needs the output of classify"
    ):
        summarize_classified(frame, ["self_doubt"])


def test_filter_entries_by_label_date_and_score():
    frame = _classified()
    picked = filter_entries(frame, ["fear"], label="fear", start="2026-03-03", min_score=0.65)
    assert picked["entry_id"].tolist() == ["e3"]
    assert filter_entries(frame, ["fear"])["entry_id"].tolist() == ["e3", "e1", "e6"]
    two = frame.assign(calm=[0, 1, 0, 0, 0, 0], calm_score=[0.99, 0.95, 0.1, 0.1, 0.1, 0.1])
    # e1's calm score (0.99) does not count: e1 does not show calm; e2 enters through calm
    picked = filter_entries(two, ["fear", "calm"])
    assert picked["entry_id"].tolist() == ["e2", "e3", "e1", "e6"] and picked["score"].tolist() == [0.95, 0.9, 0.7, 0.6]
    with pytest.raises(InputError, match="label 'nope' is not one of: fear"):
        filter_entries(frame, ["fear"], label="nope")


# -- the transcript reader ---------------------------------------------------------

def test_transcript_sample_reads_as_chat_columns():
    frame = read_all(SAMPLES / "chat_transcript.txt", "transcript")
    assert list(frame.columns) == ["conversation_id", "speaker", "timestamp", "text"]
    assert set(frame["speaker"]) == {"Zoe", "Marcus"}
    assert frame.iloc[0].tolist() == [
        "chat_transcript",
        "Zoe",
        "2026-05-03 21:14",
        "you've been really quiet since we left kemi's",
    ]
    assert len(frame) == 21


def test_transcript_continuations_placeholders_and_plain_lines(tmp_path):
    from toolkit.io import read_transcript

    path = tmp_path / "talk.txt"
    path.write_text("[PERSON_1]: hi there\nsecond line\n\n[PERSON_2]: PS: not a speaker?\nAmy Lee: ok\n")
    frame = next(read_transcript(path, conversation_id="c9"))
    assert frame.values.tolist() == [["c9", "[PERSON_1]", "", "hi there\nsecond line"],
                                     ["c9", "[PERSON_2]", "", "PS: not a speaker?"], ["c9", "Amy Lee", "", "ok"]]
    timed = tmp_path / "timed.txt"
    timed.write_text("[03/05/2026, 21:14] Zoe: so\nPS: this stays with Zoe\n[03/05/2026, 21:15] Sam: ok\n")
    frame = next(read_transcript(timed))
    assert frame["text"].tolist() == ["so\nPS: this stays with Zoe", "ok"]
    assert frame["timestamp"].tolist() == ["03/05/2026, 21:14", "03/05/2026, 21:15"]


def test_transcript_errors(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("hello there\nZoe: hi\n")
    with pytest.raises(
        InputError, match=r"transcript '.*bad.txt' line 1 does not start a message \(it reads 'hello there'\)"
    ):
        read_all(bad, "transcript")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n")
    with pytest.raises(InputError, match="is empty; it needs lines like"):
        read_all(empty, "transcript")


def test_transcript_chunks_keep_multi_line_messages_whole(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("".join(f"[2026-05-0{1 + i % 9} 10:00] P{i % 2}: message {i}\nmore {i}\n" for i in range(25)))
    chunks = list(toolkit.io.read_table(path, "transcript", batch_size=4))
    assert [len(c) for c in chunks] == [4, 4, 4, 4, 4, 4, 1]
    joined = pd.concat(chunks, ignore_index=True)
    assert joined["text"].tolist() == [f"message {i}\nmore {i}" for i in range(25)]
    assert np.all(joined["conversation_id"] == "long")


def test_strategy_notes_are_the_taxonomy_notes(taxonomy):
    from toolkit.summary import strategy_notes

    notes = strategy_notes(taxonomy, ["self_doubt", "cultural_influences"])
    assert notes["note"].tolist() == [*taxonomy["self_doubt"].strategies, *taxonomy["cultural_influences"].strategies]
    assert set(notes["barrier"]) == {"Self-doubt", "Cultural and social influences"}
    assert len(strategy_notes(taxonomy)) == sum(len(label.strategies) for label in taxonomy.labels)
    with pytest.raises(InputError, match="label 'nope' is not one of"):
        strategy_notes(taxonomy, ["nope"])
