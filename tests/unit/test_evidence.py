import re

import numpy as np
import pandas as pd
import pytest

from toolkit.errors import InputError
from toolkit.evidence import check_evidence, format_evidence, locate, parse_evidence
from toolkit.labelled import validate_labelled
from toolkit.taxonomy import load_taxonomy

TEXT = "We met in May. I worry he'd think I'm weak if I cried."


def frame(evidence, fear=1):
    return pd.DataFrame({"text": [TEXT], "fear_of_rejection": [fear], "past_experiences": [0], "self_doubt": [0],
                         "cultural_influences": [0], "evidence": [evidence]})


def test_round_trip_and_locate():
    span = locate(TEXT, "I worry he'd think I'm weak")
    assert TEXT[span[0]:span[1]] == "I worry he'd think I'm weak"
    assert parse_evidence(format_evidence({"fear_of_rejection": [span]})) == {"fear_of_rejection": [span]}
    assert parse_evidence("") is None and parse_evidence(float("nan")) is None


@pytest.mark.parametrize("cell, message", [
    ("{not json", "evidence cell is not JSON"),
    ("[1, 2]", "must be a JSON object"),
    ('{"fear_of_rejection": [[1]]}', "[start, end] integer pairs"),
    ('{"fear_of_rejection": "15-20"}', "list of [start, end] pairs"),
])
def test_malformed_cells_are_clear_errors(cell, message):
    with pytest.raises(InputError, match=re.escape(message)):
        parse_evidence(cell)


def test_locate_refuses_a_fragment_not_in_the_text():
    with pytest.raises(InputError, match="does not occur in the text"):
        locate(TEXT, "he would laugh")


@pytest.mark.parametrize(
    "cell, problems",
    [
        (
            '{"fear_of_rejection": [[15, 400]]}',
            ["span outside the text", "'fear_of_rejection' is 1 but has no evidence span"],
        ),
        ('{"self_doubt": [[0, 5]], "fear_of_rejection": [[15, 54]]}', ["evidence given for 'self_doubt', which is 0"]),
        ("{}", ["'fear_of_rejection' is 1 but has no evidence span"]),
        ('{"shame": [[0, 5]], "fear_of_rejection": [[15, 54]]}', ["evidence names 'shame', which is not a label"]),
    ],
)
def test_check_evidence_finds_each_problem(cell, problems):
    taxonomy = load_taxonomy()
    data = frame(cell)
    check = check_evidence(data, data[list(taxonomy.ids)].to_numpy(), taxonomy)
    assert len(check.problems) == len(problems)
    assert all(found.startswith(expected) for found, expected in zip(check.problems, problems))
    assert check.coverage == (0.0 if "no evidence span" in problems[-1] else 1.0)


def test_valid_and_unannotated_rows_pass_and_count_towards_coverage():
    taxonomy = load_taxonomy()
    data = pd.concat([frame('{"fear_of_rejection": [[15, 54]]}'), frame(""), frame("{}", fear=0)], ignore_index=True)
    check = check_evidence(data, data[list(taxonomy.ids)].to_numpy(), taxonomy)
    assert check.problems == []
    assert (check.positive_labels, check.labels_with_spans, check.annotated_rows) == (2, 1, 2)
    assert check.coverage == 0.5


def test_validate_labelled_reports_evidence_problems():
    report = validate_labelled(frame("{}"), load_taxonomy())
    assert not report.ok and any("no evidence span" in p for p in report.problems)
    assert validate_labelled(frame('{"fear_of_rejection": [[15, 54]]}'), load_taxonomy()).ok


def test_shipped_splits_have_valid_evidence():
    taxonomy = load_taxonomy()
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "datasets" / "barriers"
    for name in ("train", "dev", "test"):
        data = pd.read_csv(root / f"{name}.csv", keep_default_na=False)
        if "evidence" not in data.columns:
            pytest.skip("splits built before evidence spans")
        check = check_evidence(data, data[list(taxonomy.ids)].to_numpy(np.int8), taxonomy)
        assert check.problems == [], name
