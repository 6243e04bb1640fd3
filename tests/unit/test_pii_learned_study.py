"""scripts/pii_learned_study.py: the trade-off counts, the candidates' labels, folds by part, the CLI."""

import json

import numpy as np
import pytest

from toolkit.anonymize.anonymizer import detect_in_groups

from ..conftest import load_script


@pytest.fixture(scope="module")
def learned():
    return load_script("pii_learned_study")


def test_dropped_for_loss_matches_brute_force(learned):
    rng = np.random.default_rng(3)
    scores, labels = rng.random(60), (rng.random(60) < 0.6).astype(int)
    for row, k in zip(learned.dropped_for_loss(scores, labels, budgets=(0, 1, 3, 7)), (0, 1, 3, 7)):
        # The most candidates one can drop from the bottom while losing at most k true ones.
        order = np.argsort(scores, kind="stable")
        n = max(m for m in range(len(labels) + 1) if labels[order[:m]].sum() <= k)
        assert row == {"true_lost": k, "false_dropped": int((labels[order[:n]] == 0).sum()), "kept": 60 - n}


def test_recovered_at_counts_the_candidates_at_or_above_each_threshold(learned):
    rows = learned.recovered_at(np.array([0.5, 0.5, 0.2, 0.8]), np.array([1, 0, 1, 0]), thresholds=(0.5, 0.1))
    assert rows == [{"threshold": 0.5, "recovered": 1, "false": 2}, {"threshold": 0.1, "recovered": 2, "false": 2}]


def _record(rid, text, names, group=None):
    spans = [{"type": "PERSON", "start": text.index(n), "end": text.index(n) + len(n)} for n in names]
    return {"id": rid, "part": rid.split("-")[0], "group": group or rid, "split": "dev", "text": text, "spans": spans}


RECORDS = [
    _record("p01-001", "ok so Jake texted me and Mami said hi", ["Jake"]),
    _record("p01-002", "Priya called, then oyelaran wrote back", ["Priya", "oyelaran"]),
    _record("p02-001", "Tomasz and I talked about Warsaw", ["Tomasz"]),
    _record("p02-002", "lunch with Ines on Friday, she is kind", ["Ines"]),
    _record("p03-001", "my sister Aroha is visiting", ["Aroha"]),
    _record("p03-002", "Kemal: hi\nme: hey Kemal", ["Kemal", "Kemal"]),
]


def test_candidates_label_findings_and_uncovered_tokens_by_the_gold(learned):
    found = detect_in_groups([r["text"] for r in RECORDS], [r["group"] for r in RECORDS])
    flt, tag = learned.candidates(RECORDS, found)
    persons = [(r["id"], e) for r, ents in zip(RECORDS, found) for e in ents if e.type == "PERSON"]
    assert len(flt["labels"]) == len(persons)
    gold = {(r["id"], s["start"]) for r in RECORDS for s in r["spans"]}
    assert flt["labels"].tolist() == [int((rid, e.start) in gold) for rid, e in persons]
    assert flt["parts"] == [rid.split("-")[0] for rid, _ in persons]
    # Tokens no detection touches: labelled 1 exactly where a gold name was missed.
    missed = sum(1 for r, ents in zip(RECORDS, found) for s in r["spans"]
                 if not any(e.start < s["end"] and s["start"] < e.end for e in ents))
    assert int(tag["labels"].sum()) == missed
    assert "tok=jake" not in {k for f in tag["features"] for k in f}  # found, so no tagger candidate


def test_main_reports_both_studies_with_folds_by_part(learned, tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    out = tmp_path / "study.json"
    assert learned.main(["--gold", str(gold), "--folds", "5", "--json", str(out)]) == 0
    result = json.loads(out.read_text(encoding="utf-8"))
    assert (result["texts"], result["parts"], result["folds"]) == (6, 3, 3)  # folds capped at the parts
    assert [r["true_lost"] for r in result["filter"]["rows"]][:2] == [0, min(5, result["filter"]["true"])]
    assert capsys.readouterr().out.splitlines()[0] == "6 texts of split 'dev', 3 parts, 3 folds by part"


def test_main_refuses_one_fold(learned, capsys):
    with pytest.raises(SystemExit) as exc:
        learned.main(["--folds", "1"])
    assert exc.value.code == 2
    assert "--folds must be at least 2, got 1" in capsys.readouterr().err
