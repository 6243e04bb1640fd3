"""One person, one pseudonym; two passes over a group; leak rates."""

import pandas as pd
import pytest

from toolkit.anonymize import Anonymizer, anonymize_frame, anonymized_frames, detect_in_groups
from toolkit.anonymize.evaluate import evaluate_detector
from toolkit.anonymize.pseudonyms import PersonIndex, PseudonymTable, related_names, spelling_variant


def placeholders(values):
    table = PseudonymTable()
    return [table.placeholder("PERSON", v) for v in values]


@pytest.mark.parametrize("values, expected", [
    (["Jake Morrison", "Jake"], [1, 1]),                 # first name of a full name
    (["Morrison", "Jake Morrison"], [1, 1]),             # surname, then the full name
    (["Andre", "dre"], [1, 1]),                          # nickname from the table
    (["Jake", "Jakey"], [1, 1]),                         # pet form by rule
    (["Michael", "Micheal"], [1, 1]),                    # two letters swapped
    (["Sarah", "Sara"], [1, 1]),                         # a dropped "h"
    (["Anya", "Anya's", "anyas"], [1, 1, 1]),            # possessives
    (["Danielle", "Dan"], [1, 2]),                       # not a variant: two people
    (["Mark", "Mary"], [1, 2]),                          # two listed names one letter apart
    (["Sam Taylor", "Sam Okafor"], [1, 2]),              # same first name, other surname
])
def test_each_variant_rule(values, expected):
    assert placeholders(values) == [f"[PERSON_{n}]" for n in expected]


def test_two_candidates_are_kept_apart():
    index = PersonIndex()
    index.prime(["sam taylor", "sam okafor", "sam"])
    assert len({index.resolve("sam taylor"), index.resolve("sam okafor"), index.resolve("sam")}) == 3
    index = PersonIndex()
    index.prime(["andre", "andrew", "dre"])  # "dre" fits both
    assert len({index.resolve(k) for k in ("andre", "andrew", "dre")}) == 3


def test_variants_are_compared_with_the_longest_name_only():
    index = PersonIndex()
    index.prime(["danielle", "dani", "dan"])
    assert index.resolve("dani") == index.resolve("danielle") != index.resolve("dan")


def test_relations():
    assert related_names("bex", "rebecca") and related_names("katie", "kate") and related_names("sammy", "sam")
    assert not related_names("dan", "danielle") and not related_names("will", "liam")
    assert spelling_variant("jon", "john") and not spelling_variant("jo", "joe")


def test_a_name_recognised_late_is_replaced_in_earlier_rows_with_two_passes():
    frame = pd.DataFrame(
        {
            "client": ["c1", "c1", "c1"],
            "text": ["hope was quiet today", "dre didnt answer", "My sister Hope and my brother Andre came"],
        }
    )
    texts = anonymize_frame(frame, "text", group_column="client").frame["text"].tolist()
    assert texts == ["[PERSON_1] was quiet today", "[PERSON_2] didnt answer",
                     "My sister [PERSON_1] and my brother [PERSON_2] came"]
    # One pass (a stream read once): only the later row.
    one = Anonymizer(["text"], group_column="client").transform(frame)["text"].tolist()
    assert one == [
        "hope was quiet today",
        "[PERSON_1] didnt answer",
        "My sister [PERSON_2] and my brother [PERSON_1] came",
    ]


def test_two_passes_across_chunk_boundaries_and_groups():
    frame = pd.DataFrame({"client": ["a", "b", "a", "b", "a"],
                          "text": ["ok dre", "hope?", "Andre Baptiste rang", "my friend Hope texted", "Dre's car"]})
    chunks = [frame.iloc[k : k + 2] for k in range(0, len(frame), 2)]
    anonymizer = Anonymizer(["text"], group_column="client", remember_originals=True)
    texts = pd.concat(anonymized_frames(lambda: chunks, anonymizer))["text"].tolist()
    assert texts == ["ok [PERSON_1]", "[PERSON_1]?", "[PERSON_1] rang", "my friend [PERSON_1] texted",
                     "[PERSON_1]'s car"]
    entries = {(e["group"], e["placeholder"]): e["originals"] for e in anonymizer.mapping()}
    assert entries[("a", "[PERSON_1]")] == ["dre", "Andre Baptiste", "Dre"]
    assert entries[("b", "[PERSON_1]")] == ["hope", "Hope"]


def test_detect_in_groups_shares_names_within_a_group_only():
    found = detect_in_groups(["ok dre", "my brother Andre texted", "ok dre"], ["g1", "g1", "g2"])
    assert [[e.text for e in row] for row in found] == [["dre"], ["Andre"], []]


def test_leak_rates_by_text_and_group():
    def record(i, group, text, name):
        start = text.index(name)
        return {"id": str(i), "group": group, "text": text,
                "spans": [{"start": start, "end": start + len(name), "type": "PERSON"}]}

    gold = [record(1, "g1", "Jake texted", "Jake"), record(2, "g1", "saw Jake", "Jake"),
            record(3, "g2", "the qzxv thing", "qzxv"), record(4, "g2", "Maria said", "Maria"),
            record(5, None, "Maria said", "Maria")]
    report = evaluate_detector(gold)
    assert report.leaks == {"texts_leaking": 1, "text_leak_rate": 0.2, "groups": 3, "groups_leaking": 1,
                            "group_leak_rate": 0.3333, "strict_text_leak_rate": 0.2, "strict_group_leak_rate": 0.3333}
    assert "leak rate: 1 of 5 texts (20.00%) and 1 of 3 groups (33.33%)" in report.to_text()
    partial = [{"id": "x", "text": "call 07700 900123", "spans": [{"start": 0, "end": 17, "type": "PHONE"}]}]
    report = evaluate_detector(partial)
    assert report.leaks["text_leak_rate"] == 0.0 and report.leaks["strict_text_leak_rate"] == 1.0


def test_a_speaker_opening_two_rows_of_a_conversation_is_a_name_even_when_a_word():
    texts = ["Autumn: did u see the post", "Niamh: which one", "Autumn: the beach one", "Niamh: ugh",
             "Note: nothing", "Note: still nothing"]
    groups = ["g"] * 4 + ["h"] * 2
    found = detect_in_groups(texts, groups)
    assert [[e.text for e in row if e.type == "PERSON"] for row in found][:4] == [
        ["Autumn"], ["Niamh"], ["Autumn"], ["Niamh"]]
    assert found[4:] == [[], []]  # one prefix only in its group: no conversation


def test_group_speakers_with_two_passes_across_chunks():
    frame = pd.DataFrame({"chat": ["g"] * 4, "text": ["Autumn: did u see", "Niamh: which one",
                                                      "Niamh: the beach?", "Autumn: yes that one"]})
    chunks = [frame.iloc[k : k + 2] for k in range(0, len(frame), 2)]
    anonymizer = Anonymizer(["text"], group_column="chat")
    texts = pd.concat(anonymized_frames(lambda: chunks, anonymizer))["text"].tolist()
    assert all(t.startswith("[PERSON_") for t in texts)
    assert texts[0].split(":")[0] == texts[3].split(":")[0] != texts[1].split(":")[0]


def test_a_speaker_with_digits_counts_as_the_other_voice():
    texts = ["Blossom: gising ka pa?", "rin4ever: oo bakit", "Blossom: wala lang"]
    found = detect_in_groups(texts, ["g"] * 3)
    assert [e.text for e in found[0] if e.type == "PERSON"] == ["Blossom"]
