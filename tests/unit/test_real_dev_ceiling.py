"""scripts/real_dev_ceiling.py: skips without the real files; ceilings bound shipped figures; folds pool per file."""

import numpy as np
import pandas as pd
import pytest

from ..conftest import REPO, load_script

LABELS = ["fear_of_rejection", "past_experiences", "self_doubt", "cultural_influences"]


@pytest.fixture(scope="module")
def ceiling():
    return load_script("real_dev_ceiling")


def _real(n_per_file=40, seed=0):
    rng = np.random.default_rng(seed)
    rows = []
    for name in ("counsel_chat_170", "real_dev_274"):
        for i in range(n_per_file):
            labels = (rng.random(4) < [0.3, 0.3, 0.3, 0.0]).astype(int)
            rows.append({"text": f"{name} text {i}", "file": name, **dict(zip(LABELS, labels))})
    return pd.DataFrame(rows)


def test_skips_cleanly_without_the_real_files(ceiling, tmp_path, capsys):
    assert ceiling.main(["--eval-dir", str(tmp_path / "absent")]) == 0
    assert capsys.readouterr().out == (f"skipped: {tmp_path / 'absent'} not found "
                                       "(the real dev files live outside the repository)\n")


def test_encoder_without_crossfit_is_refused(ceiling, tmp_path, capsys):
    for name in ("counsel_chat_170", "real_dev_274"):
        _real(2).assign(id=1).to_csv(tmp_path / f"{name}.csv", index=False)
    with pytest.raises(SystemExit) as stop:
        ceiling.main(["--eval-dir", str(tmp_path), "--encoder", "static"])
    assert stop.value.code == 2
    assert "--encoder adds cross-fitting variants; give --crossfit too" in capsys.readouterr().err


def test_threshold_ceiling_is_at_least_the_shipped_figure(ceiling, monkeypatch):
    real = _real()
    texts = pd.read_csv(REPO / "datasets" / "barriers" / "test.csv").head(len(real))
    real["text"] = texts["text"].to_numpy()
    rows = ceiling.threshold_ceiling("fast", real)
    assert [r["file"] for r in rows] == ["counsel_chat_170", "real_dev_274"]
    for row in rows:
        assert row["micro_f1_ceiling"] >= row["micro_f1_shipped"]
        assert row["average_precision"]["cultural_influences"] is None  # no positive in the file


class _Oracle:
    """Scores a text by its gold labels (plus noise on a share of texts): the folds must pool it back per file."""

    def __init__(self, real, noisy):
        self.gold = dict(zip(real["text"], real[LABELS].to_numpy()))
        self.noisy = noisy
        self.seen = []

    def fit_score(self, texts, y, test_texts):
        assert not set(texts) & set(test_texts)  # a text is never scored by a model that trained on it
        self.seen.append(len(texts))
        scores = np.array([self.gold[t] for t in test_texts], dtype=float)
        return scores if not self.noisy else scores * 0.3 + 0.7 * np.random.default_rng(len(texts)).random(scores.shape)


def test_crossfit_scores_every_text_once_per_seed_without_training_on_it(ceiling):
    real = _real()
    perfect = ceiling.crossfit(_Oracle(real, noisy=False), real, seeds=2)
    assert set(perfect) == {"counsel_chat_170", "real_dev_274"}
    for figures in perfect.values():
        assert figures["micro3"] == figures["micro3_ceiling"] == 1.0
        assert figures["average_precision"] == {"fear_of_rejection": 1.0, "past_experiences": 1.0, "self_doubt": 1.0}
    learner = _Oracle(real, noisy=True)
    noisy = ceiling.crossfit(learner, real, seeds=1)
    assert len(learner.seen) == 5 * (4 + 1)  # 5 outer folds, each with 4 inner fits and one fit on all four folds
    for figures in noisy.values():  # overlapping scores: neither the held-out figure nor the ceiling is perfect
        assert 0.0 < figures["micro3"] < 1.0 and 0.0 < figures["micro3_ceiling"] < 1.0
