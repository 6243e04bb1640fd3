import json

from toolkit.models import default_model_path, load_model
from toolkit.persist import ARRAYS_NAME, CARD_NAME


def test_model_info_prints_the_card_readably(run, tiny_model_dir):
    result = run("model", "info", tiny_model_dir)
    assert result.exit_code == 0
    card = json.loads((tiny_model_dir / CARD_NAME).read_text())
    lines = result.stdout.splitlines()
    assert lines[0] == f"model:            {tiny_model_dir}"
    assert f"model id:         {load_model(tiny_model_dir).model_id}" in lines
    assert "labels:           fear_of_rejection, past_experiences, self_doubt, cultural_influences" in lines
    assert f"thresholds:       tuned on {card['thresholds_tuned_on']}" in lines
    for label, value in card["thresholds"].items():
        assert [label, str(value)] in [line.split() for line in lines]
    assert f"file:             arrays.npz sha256 {card['files'][ARRAYS_NAME][:16]}... verified" in lines


def test_model_info_json_is_the_raw_card(run, tiny_model_dir):
    result = run("model", "info", tiny_model_dir, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == json.loads((tiny_model_dir / CARD_NAME).read_text())


def test_model_info_defaults_to_the_shipped_model(run):
    result = run("model", "info")
    assert result.exit_code == 0
    card = json.loads((default_model_path() / "model.json").read_text(encoding="utf-8"))
    assert "default_model" in result.stdout.splitlines()[0]
    assert f"type:             {card['model_type']} " in result.stdout and card["model_id"] in result.stdout


def test_model_info_shows_the_card_of_a_tampered_model_and_fails(run, tiny_model_dir, tmp_path):
    bad = tmp_path / "m"
    bad.mkdir()
    (bad / CARD_NAME).write_bytes((tiny_model_dir / CARD_NAME).read_bytes())
    (bad / ARRAYS_NAME).write_bytes((tiny_model_dir / ARRAYS_NAME).read_bytes()[:-10])
    result = run("model", "info", bad)
    assert result.exit_code == 2
    assert "arrays.npz sha256" in result.stdout and "not verified" in result.stdout
    assert result.stderr == (f"Error: model file '{bad / ARRAYS_NAME}' does not match the checksum in model.json "
                             "(truncated or modified); retrain the model or restore the file\n")


def test_model_info_of_a_directory_that_is_not_a_model(run, tmp_path):
    result = run("model", "info", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (f"Error: '{tmp_path}' is not a model directory: it has no model.json; "
                             "pass a directory written by 'barriers train'\n")
    assert result.stdout == ""
