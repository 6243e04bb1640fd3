"""Loading refuses model files that could run code, point outside their directory, are damaged or too new."""

import io
import json
import pickle
import zipfile

import numpy as np
import pytest

from tests.conftest import copy_model, edited_card, reseal
from toolkit.errors import ModelError
from toolkit.models import load_model
from toolkit.persist import ARRAYS_NAME, CARD_NAME


class CreatesMarker:
    """Unpickling this object creates a file: proof that code ran."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_pickle_that_would_run_code_inside_the_arrays_is_never_unpickled(tiny_model_dir, tmp_path):
    marker = tmp_path / "code-ran"
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    with np.load(tiny_model_dir / ARRAYS_NAME) as good:
        arrays = {key: good[key] for key in good.files}
    arrays["thresholds"] = np.array([CreatesMarker(marker)], dtype=object)
    np.savez(bad / ARRAYS_NAME, **arrays)
    reseal(bad)
    pickle.loads(pickle.dumps(CreatesMarker(tmp_path / "control")))  # the payload works when unpickled...
    assert (tmp_path / "control").exists()
    with pytest.raises(ModelError, match="cannot be read safely"):
        load_model(bad)
    assert not marker.exists()  # ...but loading the model never unpickles it


def test_a_raw_pickle_named_like_the_arrays_file_is_refused(tiny_model_dir, tmp_path):
    marker = tmp_path / "code-ran"
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    (bad / ARRAYS_NAME).write_bytes(pickle.dumps(CreatesMarker(marker)))
    reseal(bad)
    with pytest.raises(ModelError, match="cannot be read safely"):
        load_model(bad)
    assert not marker.exists()


def skops_like_file() -> bytes:
    """A zip laid out like a skops file: an object tree in schema.json naming a callable, arrays beside it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "schema.json",
            json.dumps(
                {
                    "__class__": "system",
                    "__module__": "os",
                    "__loader__": "ObjectNode",
                    "content": {"args": ["touch /tmp/owned"]},
                }
            ),
        )
        array = io.BytesIO()
        np.save(array, np.zeros(3))
        archive.writestr("coef.npy", array.getvalue())
    return buffer.getvalue()


def test_a_skops_file_is_not_a_model(tmp_path):
    bad = tmp_path / "m"
    bad.mkdir()
    (bad / "model.skops").write_bytes(skops_like_file())
    with pytest.raises(ModelError, match="is not a model directory: it has no model.json"):
        load_model(bad)


def test_a_skops_file_in_place_of_the_arrays_is_refused(tiny_model_dir, tmp_path):
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    (bad / ARRAYS_NAME).write_bytes(skops_like_file())
    reseal(bad)
    with pytest.raises(ModelError, match="holds 'schema.json', which is not a numeric array"):
        load_model(bad)


def test_a_truncated_arrays_file_with_a_matching_checksum_is_refused(tiny_model_dir, tmp_path):
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    data = (bad / ARRAYS_NAME).read_bytes()
    (bad / ARRAYS_NAME).write_bytes(data[: len(data) * 2 // 3])
    reseal(bad)
    with pytest.raises(ModelError, match="cannot be read safely"):
        load_model(bad)


def test_an_empty_arrays_file_is_refused(tiny_model_dir, tmp_path):
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    (bad / ARRAYS_NAME).write_bytes(b"")
    with pytest.raises(ModelError, match="does not match the checksum"):
        load_model(bad)


@pytest.mark.parametrize("name", ["/etc/passwd", "sub/arrays.npz", "..", "."])
def test_card_naming_a_path_that_is_not_a_plain_file_name_is_refused(tiny_model_dir, tmp_path, name):
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    with edited_card(bad) as card:
        card["files"][name] = "0" * 64
    with pytest.raises(ModelError, match="outside the model directory"):
        load_model(bad)


def test_arrays_file_that_is_a_link_out_of_the_directory_is_refused(tiny_model_dir, tmp_path):
    outside = tmp_path / "elsewhere.npz"
    outside.write_bytes((tiny_model_dir / ARRAYS_NAME).read_bytes())
    bad = tmp_path / "m"
    bad.mkdir()
    (bad / CARD_NAME).write_bytes((tiny_model_dir / CARD_NAME).read_bytes())
    (bad / ARRAYS_NAME).symlink_to(outside)
    with pytest.raises(ModelError, match="names the file 'arrays.npz' outside the model directory"):
        load_model(bad)


def test_model_from_a_newer_toolkit_names_both_versions(tiny_model_dir, tmp_path):
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    with edited_card(bad) as card:
        card.update(format_version=2, toolkit_version="9.1.0")
    with pytest.raises(
        ModelError,
        match=r"uses model format 2, written by toolkit 9\.1\.0; this toolkit \(0\.\d+\.\d+\) "
        r"reads format 1 or older: upgrade barrier-toolkit",
    ):
        load_model(bad)


def test_model_with_hyperparameters_from_a_newer_toolkit_asks_for_an_upgrade(tiny_model_dir, tmp_path):
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    with edited_card(bad) as card:
        card["hyperparameters"]["attention_heads"] = 8
    with pytest.raises(ModelError, match="has hyper-parameters this toolkit does not know .*upgrade barrier-toolkit"):
        load_model(bad)


def test_model_of_an_unknown_type_is_refused(tiny_model_dir, tmp_path):
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    with edited_card(bad) as card:
        card["model_type"] = "quantum_annealer"
    with pytest.raises(
        ModelError, match="has type 'quantum_annealer'; this toolkit knows: .*Upgrade barrier-toolkit or retrain"
    ):
        load_model(bad)


def test_card_with_a_non_text_checksum_is_refused(tiny_model_dir, tmp_path):
    bad = copy_model(tiny_model_dir, tmp_path / "m")
    with edited_card(bad) as card:
        card["files"][ARRAYS_NAME] = None
    with pytest.raises(ModelError, match="does not match the checksum"):
        load_model(bad)
