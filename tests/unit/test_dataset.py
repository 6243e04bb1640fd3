"""The labelled corpus: format, size and mix minimums, duplicates and leakage (issue 3)."""

import json
import re
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from toolkit.labelled import near_duplicates, validate_labelled

from ..conftest import DATASET

SPLITS = ("train", "dev", "test")
HARD_NEGATIVE_TAGS = {"keyword_trap", "negation", "resolved", "happy_disclosure", "distress_only", "closed_no_reason",
                      "history_only", "skill_doubt", "fear_other", "conflict_only", "open_already", "supporter_cues"}
CHALLENGE_TAGS = HARD_NEGATIVE_TAGS | {"sarcasm", "long_offtopic", "third_person", "hypothetical", "slang", "implicit",
                                      "buried", "two_speaker", "minimal", "prototype"}
# The build groups texts that share a sentence, except stock phrases found in more texts than this.
STOCK_PHRASE_TEXTS = 3
DECISION_FILES = ("adjudications.jsonl", "adjudications_2.jsonl", "audit.jsonl")
REGISTERS = {"journal", "chat", "forum", "long"}


@pytest.fixture(scope="module")
def splits():
    return {name: pd.read_csv(DATASET / f"{name}.csv", dtype=str, keep_default_na=False) for name in SPLITS}


@pytest.fixture(scope="module")
def corpus(splits, taxonomy):
    frame = pd.concat([f.assign(split=name) for name, f in splits.items()], ignore_index=True)
    for label in taxonomy.ids:
        frame[label] = frame[label].astype(int)
    return frame


@pytest.mark.parametrize("name", SPLITS)
def test_each_split_passes_validation(splits, taxonomy, name):
    report = validate_labelled(splits[name], taxonomy, source=name)
    assert report.problems == []
    assert list(splits[name].columns[:6]) == ["id", "text", *taxonomy.ids]
    assert {"register", "source", "challenge"} <= set(splits[name].columns)


def test_size_and_label_minimums(corpus, taxonomy):
    y = corpus[list(taxonomy.ids)].to_numpy()
    assert len(corpus) >= 4000
    assert (y.sum(axis=0) >= 600).all(), dict(zip(taxonomy.ids, y.sum(axis=0)))
    none = y.sum(axis=1) == 0
    assert none.sum() >= 1200
    tags = corpus["challenge"].str.split(";")
    hard = none & tags.map(lambda t: bool(HARD_NEGATIVE_TAGS & set(t))).to_numpy()
    assert hard.sum() >= 400
    multi = y.sum(axis=1) >= 2
    assert multi.sum() >= 600
    for a, b in combinations(range(len(taxonomy.ids)), 2):
        assert (y[:, a] & y[:, b]).sum() >= 50, (taxonomy.ids[a], taxonomy.ids[b])


def test_register_mix_and_perspective(corpus):
    shares = corpus["register"].value_counts(normalize=True)
    assert set(shares.index) == REGISTERS
    # The realistic slices are long questions and chat, as real corpora are; no register falls below a tenth.
    assert (shares >= 0.10).all(), shares.to_dict()
    assert (corpus["perspective"].isin(["third", "general"])).mean() >= 0.05
    long_words = corpus.loc[corpus["register"] == "long", "text"].str.split().str.len()
    assert long_words.between(35, 300).mean() >= 0.95
    assert long_words.between(80, 300).mean() >= 0.75


def test_challenge_tags_use_the_documented_vocabulary(corpus):
    used = {tag for tags in corpus["challenge"] for tag in tags.split(";") if tag}
    assert used <= CHALLENGE_TAGS
    assert used >= {"negation", "resolved", "sarcasm", "keyword_trap", "long_offtopic", "third_person"}


def test_split_proportions_and_label_balance(splits, corpus, taxonomy):
    sizes = np.array([len(splits[name]) for name in SPLITS]) / len(corpus)
    np.testing.assert_allclose(sizes, [0.70, 0.15, 0.15], atol=0.02)
    for label in taxonomy.ids:
        shares = corpus.groupby("split")[label].mean()
        assert shares.max() - shares.min() < 0.03, (label, shares.to_dict())


def test_ids_are_unique_across_splits(corpus):
    assert corpus["id"].is_unique


def test_no_near_duplicates_anywhere(corpus):
    assert near_duplicates(corpus["text"].tolist(), threshold=0.8) == []


def test_no_sentence_is_shared_across_splits(corpus):
    holders = {}
    for text, split in zip(corpus["text"], corpus["split"]):
        for sentence in set(re.split(r"(?<=[.!?])\s+|\n+", text)):
            key = re.sub(r"\W+", " ", sentence.lower()).strip()
            if len(key.split()) >= 5:
                holders.setdefault(key, []).append(split)
    for key, splits in holders.items():
        if len(splits) <= STOCK_PHRASE_TEXTS:
            assert len(set(splits)) == 1, f"sentence in two splits: {key!r}"
    stock = sum(len(splits) > STOCK_PHRASE_TEXTS for splits in holders.values())
    assert stock < 0.002 * len(holders), f"{stock} stock phrases"


def test_second_annotation_pass_agreement():
    agreement = json.loads((DATASET.parent / "annotation" / "agreement.json").read_text())
    assert agreement["compared"] >= 400
    assert len(agreement["registers"]) == 4
    for label, stats in agreement["per_label"].items():
        assert stats["cohen_kappa"] >= 0.75, label


def test_label_decisions_are_in_the_split_files(corpus, taxonomy):
    final = corpus.set_index("id")
    last = {}
    for name in DECISION_FILES:  # applied in this order: a later decision wins
        for line in (DATASET.parent / "annotation" / name).read_text().splitlines():
            decision = json.loads(line)
            last[decision["id"]] = decision
    assert len(last) >= 150
    for text_id, decision in last.items():
        assert [int(final.loc[text_id, label]) for label in taxonomy.ids] == [decision[label] for label in taxonomy.ids]


def test_second_pass_over_the_realistic_slices_covers_every_text(corpus):
    agreement = json.loads((DATASET.parent / "annotation" / "agreement_2.json").read_text())
    realistic = corpus["id"].str.match(r"(natural_|long_[456]-)")
    labelled = {
        json.loads(line)["id"]
        for line in (DATASET.parent / "annotation" / "second_pass_2.jsonl").read_text().splitlines()
    }
    assert set(corpus.loc[realistic, "id"]) <= labelled
    assert agreement["compared"] == len(labelled)
    for label, stats in agreement["per_label"].items():
        assert stats["cohen_kappa"] >= 0.75, label


def test_samples_have_the_documented_columns():
    journal = pd.read_csv(DATASET / "samples" / "journal.csv")
    chat = pd.read_csv(DATASET / "samples" / "chat.csv")
    assert {"client_id", "date", "text"} <= set(journal.columns)
    assert {"conversation_id", "speaker", "timestamp", "text"} <= set(chat.columns)
    assert journal["client_id"].nunique() >= 3 and chat["conversation_id"].nunique() >= 5
    assert pd.to_datetime(journal["date"]).notna().all()


def test_datasheet_states_the_current_split_sizes(splits):
    datasheet = (DATASET / "DATASHEET.md").read_text()
    sizes = {name: f"{len(frame):,}" for name, frame in splits.items()}
    total = f"{sum(len(frame) for frame in splits.values()):,}"
    assert f"{total} (train {sizes['train']}, dev {sizes['dev']}, test {sizes['test']})" in datasheet
