"""A model type from another package (an entry point) works end to end: train, classify, evaluate, explain."""

from __future__ import annotations

import importlib
import json
import re
import sys

import numpy as np
import pandas as pd
import pytest

from tests.conftest import REPO
from toolkit.models import MODEL_TYPES, load_model, make_model, model_types, registry

MODULE = "barrier_plugin_demo"


def plugin_source() -> str:
    """The example module of docs/extending.md, so the walkthrough is what gets tested."""
    text = (REPO / "docs" / "extending.md").read_text(encoding="utf-8")
    match = re.search(r"<!-- plugin-module[^>]*-->\s*```python\n(.*?)```", text, re.S)
    assert match, "docs/extending.md lost its plug-in example block"
    return match.group(1)


@pytest.fixture()
def plugin(tmp_path, monkeypatch):
    """Install the example as a distribution with an entry point (on sys.path, as pip would), then remove it."""
    site = tmp_path / "site"
    site.mkdir()
    (site / f"{MODULE}.py").write_text(plugin_source(), encoding="utf-8")
    info = site / "barrier_plugin_demo-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: barrier-plugin-demo\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[{registry.ENTRY_POINT_GROUP}]\nword_weights = {MODULE}:WordWeightModel\n",
                                           encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    registry.load_plugins(reload=True)
    yield MODEL_TYPES["word_weights"]
    MODEL_TYPES.pop("word_weights", None)
    sys.modules.pop(MODULE, None)


def test_entry_point_registers_the_model_type(plugin):
    assert model_types()["word_weights"] is plugin
    model = make_model("word_weights", n_buckets=64)
    assert model.get_params()["n_buckets"] == 64 and model.supports("term_contributions")
    with pytest.raises(Exception, match="n_buckets=1 is not allowed for a word_weights model: n_buckets must be a "
                                        "whole number from 2 to 1,048,576, got 1"):
        make_model("word_weights", n_buckets=1)


def test_plugin_model_trains_classifies_evaluates_and_explains(plugin, run, tmp_path, tiny_csv, tiny_frame):
    model_dir = tmp_path / "model"
    result = run("train", tiny_csv, "--model-type", "word_weights", "--param", "n_buckets=512", "-o", model_dir)
    assert result.exit_code == 0, result.output
    card = json.loads((model_dir / "model.json").read_text())
    assert card["model_type"] == "word_weights" and card["hyperparameters"] == {"n_buckets": 512, "smoothing": 1.0}
    assert card["thresholds_tuned_on"] == "out-of-fold train"

    out = tmp_path / "scores.csv"
    result = run("classify", tiny_csv, "--model", model_dir, "-o", out, "--keep-columns", "id,text", "-q")
    assert result.exit_code == 0, result.output
    scores = pd.read_csv(out)
    model = load_model(model_dir)
    assert type(model).__name__ == "WordWeightModel"
    labels = list(model.taxonomy_.ids)
    np.testing.assert_array_equal(scores[labels].to_numpy(), model.predict(tiny_frame["text"].tolist()))

    result = run("evaluate", tiny_csv, "--model", model_dir, "--bootstrap", "0")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("tiny.csv: 22 rows, model word_weights-")

    result = run("explain", "--model", model_dir, "--json", "my family never talked about feelings")
    assert result.exit_code == 0, result.output
    explanation = json.loads(result.stdout)
    assert explanation["model"]["type"] == "word_weights"
    terms = {term["term"] for label in explanation["labels"] for term in label.get("terms", [])}
    assert {"family", "feelings"} <= terms


def test_a_broken_plugin_is_skipped_not_fatal(tmp_path, monkeypatch):
    site = tmp_path / "site"
    info = site / "broken_plugin-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[{registry.ENTRY_POINT_GROUP}]\nbroken = no_such_module_here:Model\n",
                                           encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    registry.load_plugins(reload=True)
    assert "broken" not in model_types() and "linear" in model_types()
