"""Every published output records the model id, toolkit version, input fingerprint and options."""

import hashlib
import json

import pyarrow.parquet as pq
import pytest

from tests.conftest import REPO
from toolkit import __version__
from toolkit.models import load_model

JOURNAL = REPO / "datasets" / "barriers" / "samples" / "journal.csv"


@pytest.mark.parametrize("name", ["out.csv", "out.parquet"])
def test_classify_writes_a_sidecar(run, tmp_path, name, default_model):
    out = tmp_path / name
    result = run("classify", JOURNAL, "-o", out, "-q", "-j", 1, "--max-text-chars", 5000)
    assert result.exit_code == 0, result.output
    meta = json.loads((tmp_path / f"{name}.meta.json").read_text())
    assert meta["output"] == str(out)
    assert meta["command"] == "classify"
    assert meta["toolkit_version"] == __version__
    assert meta["model"]["id"] == default_model.model_id
    assert meta["input"] == {"path": str(JOURNAL), "sha256": hashlib.sha256(JOURNAL.read_bytes()).hexdigest(),
                             "bytes": JOURNAL.stat().st_size}
    assert meta["options"]["max_text_chars"] == 5000
    assert meta["rows"] == 127
    if name.endswith(".parquet"):
        stored = json.loads(pq.ParquetFile(out).metadata.metadata[b"barriers"])
        assert {k: v for k, v in stored.items() if k != "created"} == \
            {k: v for k, v in meta.items() if k not in ("created", "output")}


def test_no_sidecar_for_stdout(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run("classify", JOURNAL, "-q", "-j", 1).exit_code == 0
    assert list(tmp_path.iterdir()) == []


def test_anonymize_and_summarize_write_sidecars(run, tmp_path, tiny_model_dir):
    assert run("anonymize", JOURNAL, "-o", tmp_path / "anon.csv", "-q").exit_code == 0
    meta = json.loads((tmp_path / "anon.csv.meta.json").read_text())
    assert meta["command"] == "anonymize" and meta["model"] is None and meta["rows"] == 127
    assert run("summarize", JOURNAL, "-o", tmp_path / "sum.json", "--model", tiny_model_dir, "-q").exit_code == 0
    meta = json.loads((tmp_path / "sum.json.meta.json").read_text())
    assert meta["model"]["id"] == load_model(tiny_model_dir).model_id
    assert meta["options"]["model"] == str(tiny_model_dir)


def test_models_trained_with_other_params_have_other_ids(run, tmp_path):
    data = REPO / "datasets" / "barriers" / "dev.csv"
    for name, extra in (("a", []), ("b", ["--param", "C=1"])):
        assert run("train", data, "-o", tmp_path / name, "--param", "n_features=4096", *extra).exit_code == 0
    ids = [run("model", "info", tmp_path / n).stdout.split("model id:")[1].split()[0] for n in "ab"]
    assert ids[0] != ids[1]
    assert ids == [load_model(tmp_path / n).model_id for n in "ab"]


def test_evaluation_header_and_checkpoint_show_the_model_id(run, tmp_path, default_model, interrupt_after_first_chunk):
    result = run("evaluate", REPO / "datasets" / "barriers" / "test.csv", "--bootstrap", 0)
    assert f"model {default_model.model_id}" in result.stdout.splitlines()[0]
    run("classify", JOURNAL, "-o", tmp_path / "out.csv", "-q", "-j", 1, "--batch-size", 20, "--resume")
    checkpoint = json.loads((tmp_path / "out.csv.checkpoint.json").read_text())
    assert checkpoint["run"]["model"]["id"] == default_model.model_id
