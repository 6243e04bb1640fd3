"""Where an output came from: ``OUTPUT.meta.json`` beside every published table.

A figure made from a classified corpus can be traced back to the model that
made it (its id covers everything that changes predictions), the toolkit
version, the exact input (a sha256 over its bytes) and the options, even
after the shipped default model changes. Parquet outputs carry the same
record in their file metadata, under the key ``barriers``.
"""

from __future__ import annotations

import hashlib
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from ._version import __version__
from .errors import InputError
from .outputs import STDIO, output_target, write_output_text

META_SUFFIX = ".meta.json"
PARQUET_KEY = "barriers"


def input_fingerprint(source: str | os.PathLike | list) -> dict:
    """Path, size and sha256 of an input file, a directory (its files in name order) or a list of files.

    stdin cannot be read twice, so it is recorded as ``{"path": "-"}``.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "in.csv"
    >>> _ = path.write_text("text\\nhello\\n")
    >>> input_fingerprint(path)["sha256"][:12], input_fingerprint(path)["bytes"]
    ('f39ec8a67de8', 11)
    """
    if not isinstance(source, (list, tuple)) and str(source) == STDIO:
        return {"path": STDIO, "sha256": None, "bytes": None}
    if isinstance(source, (list, tuple)):
        files, shown = [Path(p) for p in source], [str(p) for p in source]
    elif Path(source).is_dir():
        files, shown = sorted(p for p in Path(source).iterdir() if p.is_file()), str(source)
    else:
        files, shown = [Path(source)], str(source)
    for path in files:
        if not path.exists():
            raise InputError(f"input file '{path}' does not exist; check the path")
    digest, size = hashlib.sha256(), 0
    for path in files:
        if len(files) > 1:
            digest.update(path.name.encode("utf-8") + b"\x00")
        with open(path, "rb") as fh:
            while block := fh.read(1 << 20):
                digest.update(block)
                size += len(block)
    return {"path": shown, "sha256": digest.hexdigest(), "bytes": size}


def provenance(command: str, *, source, options: dict, rows: int, model=None, extra: dict | None = None) -> dict:
    """The record of one run: command, toolkit version, model, input fingerprint, options and rows written."""
    record = {
        "command": command,
        "toolkit_version": __version__,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "model": None if model is None else {"id": model.model_id, "type": model.model_type,
                                             "taxonomy": model.taxonomy_.name},
        "input": source if isinstance(source, dict) else input_fingerprint(source),
        "options": options,
        "rows": rows,
    }
    if extra:
        record.update(extra)
    return record


def meta_path(output: str | os.PathLike) -> Path:
    """``OUTPUT.meta.json`` beside *output* (beside the name given, for a symbolic link)."""
    output = Path(output)
    return output.with_name(output.name + META_SUFFIX)


def wants_sidecar(output: str | os.PathLike) -> bool:
    """Whether *output* is a file that gets a sidecar (not stdout, a device or a pipe)."""
    return str(output) != STDIO and output_target(output).kind == "atomic"


def write_sidecar(output: str | os.PathLike, record: dict) -> Path | None:
    """Write *record* to ``OUTPUT.meta.json`` (atomically, mode 0600); nothing for stdout, devices or pipes."""
    if str(output) == STDIO or output_target(output).kind != "atomic":
        return None
    path = meta_path(output)
    write_output_text(path, json.dumps({"output": str(output), **record}, indent=1, ensure_ascii=False,
                                       default=str) + "\n", what="provenance file")
    return path


def parquet_metadata(record: dict) -> dict[str, str]:
    """*record* as Parquet key-value metadata."""
    return {PARQUET_KEY: json.dumps(record, ensure_ascii=False, default=str)}
