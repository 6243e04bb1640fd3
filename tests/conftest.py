from __future__ import annotations

import importlib.util
import json
import os
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, settings

import toolkit
from toolkit.taxonomy import load_taxonomy

# Property-based tests (tests/fuzz): a small, fixed set of examples in `make test` (profile "ci", the
# same examples on every run, so CI never flakes on a new one), a long random search in `make fuzz`.
settings.register_profile("ci", max_examples=50, deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("fuzz", max_examples=1_500, deadline=None, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parents[1]
DATASET = REPO / "datasets" / "barriers"

# A few hand-written texts per label, enough for fast model tests.
TINY = [
    ("If I tell him I cried all week he'll think I'm pathetic", 1, 0, 0, 0),
    ("what if she laughs when I say it out loud", 1, 0, 0, 0),
    ("I'm scared they'll see me as weak and pull away", 1, 0, 0, 0),
    ("terrified he'd leave if he knew how anxious I get", 1, 0, 0, 0),
    ("My ex used everything I told her against me", 0, 1, 0, 0),
    ("growing up, crying got me sent to my room", 0, 1, 0, 0),
    ("after he cheated I stopped telling anyone anything", 0, 1, 0, 0),
    ("my last boyfriend mocked me whenever I was sad", 0, 1, 0, 0),
    ("her problems are so much bigger, I shouldn't complain", 0, 0, 1, 0),
    ("who would even want to hear this, it's stupid", 0, 0, 1, 0),
    ("I'm probably overreacting, it's not a big deal", 0, 0, 1, 0),
    ("I'd only be a burden if I brought it up", 0, 0, 1, 0),
    ("in my family you just didn't talk about feelings", 0, 0, 0, 1),
    ("guys are supposed to handle stuff alone, that's how I was raised", 0, 0, 0, 1),
    ("where I'm from therapy is for crazy people", 0, 0, 0, 1),
    ("we don't air dirty laundry, my mother always said", 0, 0, 0, 1),
    ("we went to the beach and had ice cream", 0, 0, 0, 0),
    ("my paper got rejected by the journal again", 0, 0, 0, 0),
    ("I doubt I'll pass the driving test on friday", 0, 0, 0, 0),
    ("told her about my panic attacks and she was lovely", 0, 0, 0, 0),
    ("we celebrated Diwali with his whole family", 0, 0, 0, 0),
    ("the bus was late so I walked home", 0, 0, 0, 0),
]


@pytest.fixture(scope="session")
def taxonomy():
    return load_taxonomy()


@pytest.fixture(scope="session")
def tiny_frame(taxonomy) -> pd.DataFrame:
    frame = pd.DataFrame(TINY, columns=["text", *taxonomy.ids])
    frame.insert(0, "id", [f"t{i}" for i in range(len(frame))])
    return frame


@pytest.fixture()
def tiny_csv(tmp_path, tiny_frame) -> Path:
    path = tmp_path / "tiny.csv"
    tiny_frame.to_csv(path, index=False)
    return path


@pytest.fixture(scope="session")
def tiny_model(tiny_frame, taxonomy):
    return toolkit.train(tiny_frame, dev=tiny_frame, taxonomy=taxonomy)


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory, tiny_model) -> Path:
    path = tmp_path_factory.mktemp("models") / "tiny"
    tiny_model.save(path)
    return path


@pytest.fixture(scope="session")
def default_model():
    return toolkit.load_model()


def copy_model(src: Path, dst: Path) -> Path:
    """A copy of a model directory, to damage in a test."""
    from toolkit.persist import ARRAYS_NAME, CARD_NAME

    dst.mkdir()
    for name in (CARD_NAME, ARRAYS_NAME):
        (dst / name).write_bytes((src / name).read_bytes())
    return dst


@contextmanager
def edited_card(model_dir: Path):
    """Yield a model directory's card as a dict; write it back on leaving the block."""
    from toolkit.persist import CARD_NAME

    card = json.loads((model_dir / CARD_NAME).read_text())
    yield card
    (model_dir / CARD_NAME).write_text(json.dumps(card))


def reseal(model_dir: Path) -> None:
    """Record the current arrays file's checksum in the card, as an attacker who edits both would."""
    from toolkit.persist import ARRAYS_NAME, sha256_file

    with edited_card(model_dir) as card:
        card["files"][ARRAYS_NAME] = sha256_file(model_dir / ARRAYS_NAME)


def as_matrix(frame: pd.DataFrame, ids) -> np.ndarray:
    return frame[list(ids)].to_numpy()


def load_script(name: str, folder: str = "scripts"):
    """The script <folder>/<name>.py as a module (scripts and benchmarks are files, not a package)."""
    spec = importlib.util.spec_from_file_location(name, REPO / folder / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_benchmark(name: str):
    """The script benchmarks/<name>.py as a module."""
    return load_script(name, "benchmarks")


def write_tiny_corpus(path: Path, repeat: int) -> Path:
    """An id,text CSV of the TINY texts repeated *repeat* times (unlabelled input for classify runs)."""
    texts = [t[0] for t in TINY] * repeat
    pd.DataFrame({"id": range(len(texts)), "text": texts}).to_csv(path, index=False)
    return path
