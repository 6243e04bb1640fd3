"""The speed shortcuts change no output: first-pass findings reused by the second pass, cheap pre-checks."""

import pandas as pd
import pytest

from toolkit.anonymize import Anonymizer, anonymized_frames, find_entities
from toolkit.anonymize import anonymizer as anonymizer_module
from toolkit.anonymize.detect import same_findings
from toolkit.anonymize.patterns import Clues

GROUPED = pd.DataFrame({
    "client": ["a", "a", "a", "b", "b", "a", "b"],
    "text": ["hope was quiet today", "ugh dre again, call 07700 900123", "lunch with mo and dre",
             "tiff: are u ok", "Tiffany said she is 34", "my sister Hope and my brother Andre visited",
             "TIFF ur not alone"],
})


def _two_passes(frame: pd.DataFrame) -> list[str]:
    chunks = [frame.iloc[:3], frame.iloc[3:]]  # a chunk boundary inside both groups
    return pd.concat(anonymized_frames(lambda: chunks, Anonymizer(["text"], group_column="client")))["text"].tolist()


def test_reused_first_pass_findings_give_what_detecting_again_gives(monkeypatch):
    reused = _two_passes(GROUPED)
    monkeypatch.setattr(anonymizer_module, "LEARNT_MAX", 0)  # keeps nothing: every text is detected again
    assert reused == _two_passes(GROUPED)
    assert reused[0] == "[PERSON_1] was quiet today"  # named only later in the group


def test_same_findings_asks_again_only_what_the_known_names_decide():
    log: list = []
    found = find_entities("ok dre, see u at 5", known_names=["jake"], log=log)
    assert found == []
    assert same_findings(log, ["jake", "maria"])
    assert not same_findings(log, ["andre"])  # "dre" is Andre's short form: now a name
    assert [e.text for e in find_entities("ok dre, see u at 5", known_names=["andre"])] == ["dre"]


def test_a_text_without_candidates_asks_nothing():
    log: list = []
    find_entities("ok see u at 5", known_names=["jake"], log=log)
    assert log == [] and same_findings(log, ["anyone"])


@pytest.mark.parametrize("text", ["", "no digits", "٣ arabic-indic 3", "a\ud800b 12", "07700 900123 ４"])
def test_ascii_digits_are_counted_in_any_text(text):
    assert Clues(text).digits == sum(ch in "0123456789" for ch in text)
