"""Model directories that load without executing code.

A model directory holds ``model.json`` (the model card: taxonomy, training
data fingerprint, library versions, hyper-parameters, thresholds, metrics and
the sha256 of every other file) and ``arrays.npz`` (numeric arrays only,
loaded with ``allow_pickle=False``). Nothing is unpickled, so a crafted model
file cannot run code; checksums catch truncated or altered files.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import platform
import shutil
import tempfile
import zipfile
import zlib
from pathlib import Path

import numpy as np

from ._version import __version__
from .errors import ModelError
from .outputs import output_directory

CARD_NAME = "model.json"
ARRAYS_NAME = "arrays.npz"
FORMAT_VERSION = 1


def library_versions() -> dict[str, str]:
    import nltk
    import pandas
    import scipy
    import sklearn

    return {
        "toolkit": __version__,
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "pandas": pandas.__version__,
        "nltk": nltk.__version__,
    }


def model_identity(card: dict, arrays: dict[str, np.ndarray]) -> str:
    """``TYPE-HASH``: a digest of everything that changes a model's predictions.

    The model type, taxonomy and training-data fingerprints, hyper-parameters
    and calibration method from the card, and every array (weights,
    thresholds, calibration parameters: names, types, shapes and bytes). Two
    models share an id only when they score every text the same way; the
    creation time and the metrics do not count.

    Examples
    --------
    >>> card = {"model_type": "lexicon", "hyperparameters": {"negation_lookback": 3}}
    >>> a = model_identity(card, {"thresholds": np.array([0.5])})
    >>> (a == model_identity(card, {"thresholds": np.array([0.5])}),
    ...  a == model_identity(card, {"thresholds": np.array([0.4])}))
    (True, False)
    """
    basis = {
        "model_type": card.get("model_type"),
        "taxonomy": (card.get("taxonomy") or {}).get("fingerprint"),
        "training_data": (card.get("training_data") or {}).get("fingerprint"),
        "hyperparameters": card.get("hyperparameters"),
        "calibration": card.get("calibration"),
    }
    digest = hashlib.sha256(json.dumps(basis, sort_keys=True, default=str).encode("utf-8"))
    for name in sorted(arrays):
        array = np.ascontiguousarray(arrays[name])
        digest.update(f"\x1e{name}\x1f{array.dtype.str}\x1f{array.shape}\x1f".encode())
        digest.update(array.tobytes())
    return f"{card.get('model_type', '?')}-{digest.hexdigest()[:12]}"


def sha256_file(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def save_model_dir(path: str | os.PathLike, card: dict, arrays: dict[str, np.ndarray],
                   files: dict[str, bytes] | None = None) -> Path:
    """Write a model directory atomically: build it beside *path*, then swap it in.

    *files* (name -> bytes) are written beside the arrays, checksummed in the
    card like them, and count in the model id as byte arrays.
    """
    files = files or {}
    for name in files:
        if Path(name).name != name or name in (CARD_NAME, ARRAYS_NAME) or name.startswith("."):
            raise ModelError(f"model file name '{name}' is not allowed; use a plain file name")
    # "-", a file or a dangling link is refused; a link to a directory stands for that directory.
    path = output_directory(path, what="model directory")
    for name, array in arrays.items():
        if np.asarray(array).dtype == object:
            raise ModelError(f"array '{name}' has dtype object, which cannot be stored safely")
    path.parent.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".partial"))
    try:
        np.savez_compressed(build / ARRAYS_NAME, **{k: np.asarray(v) for k, v in arrays.items()})
        card = dict(card)
        card["format_version"] = FORMAT_VERSION
        card["files"] = {ARRAYS_NAME: sha256_file(build / ARRAYS_NAME)}
        for name, data in files.items():
            (build / name).write_bytes(data)
            card["files"][name] = sha256_file(build / name)
        card["model_id"] = model_identity(card,
                                          {**arrays,
                                           **{name: np.frombuffer(data, dtype=np.uint8)
                                              for name, data in files.items()}})
        (build / CARD_NAME).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        os.chmod(build, 0o755)  # noqa: S103 - a model holds weights, not texts, and is shared like a package
        if path.exists():
            if not (path / CARD_NAME).is_file() and any(path.iterdir()):
                raise ModelError(
                    f"output directory '{path}' exists and is not a model directory; "
                    "choose a new path or an empty directory"
                )
            old = path.with_name(f".{path.name}.old")
            shutil.rmtree(old, ignore_errors=True)
            os.replace(path, old)
            os.replace(build, path)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(build, path)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    return path


def arrays_to_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """Numeric arrays as uncompressed ``.npz`` bytes (to ship a model to worker processes)."""
    for name, array in arrays.items():
        if np.asarray(array).dtype == object:
            raise ModelError(f"array '{name}' has dtype object, which cannot be stored safely")
    buffer = io.BytesIO()
    np.savez(buffer, **{k: np.asarray(v) for k, v in arrays.items()})
    return buffer.getvalue()


def arrays_from_bytes(data: bytes) -> dict[str, np.ndarray]:
    """The arrays of :func:`arrays_to_bytes`, loaded without unpickling anything."""
    return _load_arrays(io.BytesIO(data), "model arrays sent to this worker")


def read_card(path: str | os.PathLike) -> dict:
    """Read and check ``model.json`` of a model directory (no arrays)."""
    path = Path(path)
    card_path = path / CARD_NAME
    if not path.is_dir():
        raise ModelError(f"model directory '{path}' does not exist; pass a directory written by 'barriers train'")
    if not card_path.is_file():
        raise ModelError(f"'{path}' is not a model directory: it has no {CARD_NAME}; pass a directory written by "
                         "'barriers train'")
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelError(f"model card '{card_path}' is corrupt ({exc}); retrain the model or "
                         "restore the file") from None
    if not isinstance(card, dict):
        raise ModelError(f"model card '{card_path}' is corrupt: expected a JSON object")
    version = card.get("format_version")
    if not isinstance(version, int):
        raise ModelError(f"model card '{card_path}' has no format_version; it was not written by this toolkit")
    if version > FORMAT_VERSION:
        raise ModelError(
            f"model '{path}' uses model format {version}, written by toolkit {card.get('toolkit_version', '?')}; "
            f"this toolkit ({__version__}) reads format {FORMAT_VERSION} or older: upgrade barrier-toolkit"
        )
    return card


def verify_files(path: str | os.PathLike, card: dict) -> list[str]:
    """Check every file the card lists against its sha256; return their names.

    Raises :class:`ModelError` for a file outside the directory (a ``..``
    path, an absolute path or a symbolic link leading out), a missing file or
    a checksum mismatch.
    """
    path = Path(path)
    files = card.get("files")
    if not isinstance(files, dict) or ARRAYS_NAME not in files:
        raise ModelError(f"model card in '{path}' lists no {ARRAYS_NAME}; retrain the model")
    root = path.resolve()
    for name, expected in files.items():
        target = (path / name).resolve()
        if Path(name).name != name or target.parent != root:
            raise ModelError(f"model card in '{path}' names the file '{name}' outside the model directory; refusing to "
                             "load it")
        if not target.is_file():
            raise ModelError(f"model directory '{path}' is missing '{name}'; retrain the model or restore the file")
        if not isinstance(expected, str) or sha256_file(target) != expected:
            raise ModelError(
                f"model file '{path / name}' does not match the checksum in {CARD_NAME} "
                "(truncated or modified); retrain the model or restore the file"
            )
    return list(files)


def load_model_dir(path: str | os.PathLike) -> tuple[dict, dict[str, np.ndarray]]:
    """Load a model directory's card and arrays, verifying every checksum."""
    path = Path(path)
    card = read_card(path)
    verify_files(path, card)
    return card, _load_arrays(path / ARRAYS_NAME, f"model arrays in '{path}'")


def _load_arrays(source, what: str) -> dict[str, np.ndarray]:
    """Every ``.npy`` member of an ``.npz`` file, unpickling nothing; anything else in the archive is refused."""
    try:
        with np.load(source, allow_pickle=False) as npz:
            if not isinstance(npz, np.lib.npyio.NpzFile):
                raise ValueError("not an .npz archive of arrays")
            others = [name for name in npz.zip.namelist() if not name.endswith(".npy")]
            if others:
                raise ModelError(f"{what} holds '{others[0]}', which is not a numeric array; refusing to load it. "
                                 "Retrain the model")
            arrays = {key: npz[key] for key in npz.files}
    except (ValueError, OSError, EOFError, zipfile.BadZipFile, zlib.error) as exc:
        raise ModelError(f"{what} cannot be read safely ({exc}); retrain the model") from None
    return arrays
