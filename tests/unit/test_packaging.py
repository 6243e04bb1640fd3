"""What the package ships: its licence metadata and the training split that train --base default needs."""

import json
import sys

import pytest

from tests.conftest import REPO
from toolkit.adaptation import BUNDLED_BASE_DATA, read_bundled_base_data
from toolkit.labelled import load_labelled
from toolkit.models import default_model_path
from toolkit.taxonomy import load_taxonomy

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


@pytest.fixture(scope="module")
def pyproject():
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def test_licence_is_an_spdx_expression_with_its_files(pyproject):
    project = pyproject["project"]
    assert isinstance(project["license"], str) and project["license"].startswith("MIT")
    assert project["license-files"] and all((REPO / name).is_file() for name in project["license-files"])
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
    requires = " ".join(pyproject["build-system"]["requires"])
    assert "setuptools>=77" in requires  # the first setuptools that reads license-files


def test_bundled_training_split_is_the_split_in_datasets():
    module = _script("package_training_split")
    assert module.TARGET == BUNDLED_BASE_DATA
    assert module.is_current(), "toolkit/data/base_training is stale: run python scripts/package_training_split.py"


def test_bundled_training_split_is_what_the_shipped_model_was_trained_on():
    taxonomy = load_taxonomy()
    bundled = load_labelled(read_bundled_base_data(), taxonomy)
    card = json.loads((default_model_path() / "model.json").read_text(encoding="utf-8"))
    assert bundled.fingerprint == card["training_data"]["fingerprint"]
    assert len(bundled.texts) == card["training_data"]["rows"]


def test_package_data_ships_the_bundled_files(pyproject):
    from fnmatch import fnmatch

    patterns = pyproject["tool"]["setuptools"]["package-data"]["toolkit"]
    package = REPO / "toolkit"
    for path in [BUNDLED_BASE_DATA, *(default_model_path().iterdir()), package / "data" / "taxonomy.toml"]:
        relative = path.relative_to(package).as_posix()
        assert any(fnmatch(relative, pattern) for pattern in patterns), f"{relative} is not in the package data"


def _script(name: str):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
