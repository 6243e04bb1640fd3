"""benchmarks/model_speed.py: the end-to-end speed script runs and reports every model."""

import json

from tests.conftest import load_benchmark


def test_model_speed_reports_each_model(tmp_path, monkeypatch, capsys):
    speed = load_benchmark("model_speed")
    corpus = tmp_path / "texts.csv"
    corpus.write_text(
        "id,text\n" + "".join(f"{i},what if she laughs at me when I tell her number {i}\n" for i in range(300))
    )
    monkeypatch.setattr(speed, "make_corpus", lambda size: corpus)
    out = tmp_path / "speed.json"
    assert (
        speed.main(["--models", "default,fast", "--size", "300", "--repeats", "1", "--predict", "--json", str(out)])
        == 0
    )
    figures = json.loads(out.read_text())
    assert set(figures["models"]) == {"default", "fast"}
    for model in figures["models"].values():
        assert model["texts"] == 300 and len(model["runs"]) == 1
        assert model["texts_per_s"] > 0 and model["predict_texts_per_cpu_s"] > 0
    assert "fast: best " in capsys.readouterr().out
