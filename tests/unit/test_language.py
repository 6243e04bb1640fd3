"""Texts that are not English get a warning and are counted; English texts are not flagged."""

import pandas as pd
import pytest

from tests.conftest import DATASET
from toolkit.classification import ClassifySummary, classify_frame, count_not_english
from toolkit.language import looks_english, not_english

# Written for these tests (not from any corpus).
OTHER = {
    "de": "Ich weiß nicht, wie ich meiner Schwester sagen soll, dass es mir seit Wochen schlecht geht.",
    "es": "Mi padre nunca hablaba de sus sentimientos y ahora yo tampoco sé cómo hacerlo con mi pareja.",
    "fr": "J'ai peur que mes amis se moquent de moi si je leur raconte ce qui s'est passé cet été.",
    "pt": "Tenho vergonha de pedir ajuda porque na minha família isso sempre foi visto como fraqueza.",
}


@pytest.mark.parametrize(("code", "text"), list(OTHER.items()))
def test_other_languages_are_named(code, text):
    assert not looks_english(text)
    assert not_english([text]) == [code]


def test_english_texts_of_the_training_split_are_not_flagged():
    texts = pd.read_csv(DATASET / "train.csv")["text"].tolist()
    flagged = [code for code in not_english(texts) if code is not None]
    assert len(flagged) <= len(texts) // 1000  # at most one in a thousand


def test_short_texts_are_never_flagged():
    assert not_english(["ok", "lol idk", "Danke!", ""]) == [None, None, None, None]


def test_classify_warns_and_counts(default_model):
    frame = pd.DataFrame({"text": ["what if she laughs at me when I tell her", OTHER["de"], "", OTHER["es"] * 3]})
    out, decisions, empty = classify_frame(frame, default_model, max_text_chars=100)
    assert out["warning"].tolist() == ["", "not English: de", "empty text",
                                       "text truncated to 100 characters; not English: es"]
    assert count_not_english(out) == 2
    summary = ClassifySummary(labels=default_model.taxonomy_.ids)
    summary.add(decisions, empty, 1, count_not_english(out))
    assert summary.one_line().endswith("; 1 empty text(s) left unscored; 1 long text(s) truncated (see 'warning'); "
                                       "2 text(s) not in English, scored anyway (see 'warning')")


def test_classify_command_summary_counts_them(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli import cli

    src = tmp_path / "in.csv"
    pd.DataFrame({"id": [1, 2, 3], "text": ["I never tell my mum how I feel about it", OTHER["fr"], OTHER["pt"]]}
                 ).to_csv(src, index=False)
    result = CliRunner().invoke(cli, ["classify", str(src), "-o", str(tmp_path / "out.csv"), "-j", "1"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert "; 2 text(s) not in English, scored anyway (see 'warning')" in result.stderr
    out = pd.read_csv(tmp_path / "out.csv", keep_default_na=False)
    assert out["warning"].tolist() == ["", "not English: fr", "not English: pt"]
