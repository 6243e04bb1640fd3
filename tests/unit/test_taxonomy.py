from pathlib import Path

import pytest

from toolkit.errors import TaxonomyError
from toolkit.taxonomy import load_taxonomy, taxonomy_from_dict

CODEBOOK_IDS = ("fear_of_rejection", "past_experiences", "self_doubt", "cultural_influences")


def label(**overrides):
    return {"id": "a", "name": "A", "definition": "something", **overrides}


def test_default_taxonomy_encodes_the_codebook_labels_in_order(taxonomy):
    assert taxonomy.ids == CODEBOOK_IDS
    for lab in taxonomy.labels:
        assert lab.definition and lab.include and lab.exclude and len(lab.cues) >= 20 and lab.strategies


def test_codebook_file_names_the_same_ids():
    codebook = Path(__file__).resolve().parents[3] / "shared" / "codebook.md"
    if not codebook.exists():
        pytest.skip("shared/codebook.md is not beside this checkout")
    text = codebook.read_text()
    positions = [text.index(f"`{label_id}`") for label_id in CODEBOOK_IDS]
    assert positions == sorted(positions)


def test_unknown_label_key_is_named_with_the_file(tmp_path):
    path = tmp_path / "tax.toml"
    path.write_text('[[labels]]\nid = "a"\nname = "A"\ndefinition = "d"\ncolour = "red"\n')
    with pytest.raises(TaxonomyError) as err:
        load_taxonomy(path)
    assert str(err.value).startswith(f"taxonomy file '{path}', label 1 has unknown key 'colour'; allowed keys are:")


def test_unknown_top_level_key_is_rejected():
    with pytest.raises(TaxonomyError, match="unknown key 'lables'"):
        taxonomy_from_dict({"lables": []}, source="x.toml")


def test_duplicate_ids_are_rejected():
    with pytest.raises(TaxonomyError, match="repeats the id 'a'"):
        taxonomy_from_dict({"labels": [label(), label()]})


@pytest.mark.parametrize("bad_id", ["Fear", "1abc", "labels", "warning", "fear_score", "has-dash"])
def test_bad_ids_are_rejected(bad_id):
    with pytest.raises(TaxonomyError, match=f"has id '{bad_id}'"):
        taxonomy_from_dict({"labels": [label(id=bad_id)]})


def test_missing_definition_is_rejected():
    raw = label()
    del raw["definition"]
    with pytest.raises(TaxonomyError, match="missing the required text key 'definition'"):
        taxonomy_from_dict({"labels": [raw]})


def test_cues_must_be_a_list_of_strings():
    with pytest.raises(TaxonomyError, match="key 'cues' must be a list of strings"):
        taxonomy_from_dict({"labels": [label(cues="judge me")]})


def test_missing_and_invalid_files(tmp_path):
    with pytest.raises(TaxonomyError, match="does not exist"):
        load_taxonomy(tmp_path / "nope.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[[labels]\n")
    with pytest.raises(TaxonomyError, match="is not valid TOML"):
        load_taxonomy(broken)


def test_fingerprint_follows_ids_and_definitions_not_cues():
    base = taxonomy_from_dict({"labels": [label()]})
    assert taxonomy_from_dict({"labels": [label(cues=["x"])]}).fingerprint == base.fingerprint
    assert taxonomy_from_dict({"labels": [label(definition="other")]}).fingerprint != base.fingerprint
    assert taxonomy_from_dict({"labels": [label(id="b")]}).fingerprint != base.fingerprint
