"""The sentence splitter on the project's boundary test set (tests/data/sentence_boundaries.jsonl).

The floors are the boundary F1 measured by benchmarks/sentence_split.py (docs/text.md) minus 0.02, so a
change to toolkit.text.split_sentences that loses boundaries or adds false ones fails here.
"""


import pytest

from toolkit.text import split_sentences

from ..conftest import load_benchmark

MEASURED_F1 = {"chat": 0.447, "journal": 1.000, "forum": 1.000, "all": 0.827}


@pytest.fixture(scope="module")
def bench():
    return load_benchmark("sentence_split")


@pytest.fixture(scope="module")
def scores(bench):
    return bench.score(bench.load_cases(), split_sentences)


def test_the_set_has_300_boundaries_in_three_registers(bench):
    cases = bench.load_cases()
    per_register = {r: sum(len(c["sentences"]) - 1 for c in cases if c["register"] == r) for r in bench.REGISTERS}
    assert sum(per_register.values()) >= 300
    assert all(count >= 80 for count in per_register.values()), per_register
    for case in cases:
        assert all(s == s.strip() and s for s in case["sentences"]), case["id"]


@pytest.mark.parametrize("register", sorted(MEASURED_F1))
def test_boundary_f1_does_not_drop(scores, register):
    assert scores[register]["f1"] >= MEASURED_F1[register] - 0.02, scores[register]


def test_boundary_scoring_counts_hits_misses_and_false_splits(bench):
    case = {"id": "x", "register": "chat", "text": "a b. c d. e", "sentences": ["a b.", "c d.", "e"]}
    exact = bench.score([case], lambda text: ["a b.", "c d.", "e"])["chat"]
    assert (exact["precision"], exact["recall"], exact["f1"]) == (1.0, 1.0, 1.0)
    wrong = bench.score([case], lambda text: ["a", "b. c d. e"])["chat"]
    assert (wrong["precision"], wrong["recall"], wrong["f1"]) == (0.0, 0.0, 0.0)
    one = bench.score([case], lambda text: ["a b.", "c d. e"])["chat"]
    assert (one["precision"], one["recall"], round(one["f1"], 3)) == (1.0, 0.5, 0.667)


def test_a_splitter_that_rewrites_the_text_is_refused(bench):
    case = {"id": "x", "register": "chat", "text": "a b. c", "sentences": ["a b.", "c"]}
    with pytest.raises(ValueError, match="not found"):
        bench.score([case], lambda text: ["A B.", "c"])
