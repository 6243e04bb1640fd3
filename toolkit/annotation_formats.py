"""Labelled data from annotation tools: Label Studio JSON, doccano JSONL, annotation sheets.

Every reader returns an :class:`AnnotationImport`: a frame in the codebook
format (``text``, one column per label, other fields passed through) whose
label columns are floats, ``nan`` on the rows nobody labelled yet, plus what
was skipped. Records that do not fit raise :class:`InputError` naming the
first offending record.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import InputError
from .io import read_all
from .taxonomy import Taxonomy

ANNOTATION_FORMATS = ("label-studio", "doccano", "sheet")
DOCCANO_LABEL_KEYS = ("label", "labels")
_TRUE = {"1", "1.0", "true", "yes", "x"}
_FALSE = {"0", "0.0", "false", "no", ""}


@dataclass
class AnnotationImport:
    """Rows in the codebook format; label columns hold 0.0, 1.0 or ``nan`` (not labelled)."""

    frame: pd.DataFrame
    taxonomy: Taxonomy
    fmt: str
    source: str
    unlabelled: list[str] = field(default_factory=list)

    @property
    def labelled(self) -> pd.DataFrame:
        """Only the labelled rows, label columns as 0/1 integers."""
        ids = list(self.taxonomy.ids)
        done = self.frame[ids].notna().all(axis=1)
        out = self.frame[done].reset_index(drop=True)
        out[ids] = out[ids].astype(np.int8)
        return out


def detect_annotation_format(path: str | os.PathLike, taxonomy: Taxonomy) -> str | None:
    """``label-studio`` for a ``.json`` file, ``doccano`` for JSONL whose records carry a label list, else None.

    Examples
    --------
    >>> from toolkit.taxonomy import load_taxonomy
    >>> detect_annotation_format("export.json", load_taxonomy())
    'label-studio'
    >>> detect_annotation_format("labelled.csv", load_taxonomy()) is None
    True
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return "label-studio"
    if suffix in (".jsonl", ".ndjson") and Path(path).is_file():
        with open(path, encoding="utf-8-sig", errors="replace") as fh:
            for line in fh:
                if line.strip():
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError:
                        return None
                    return "doccano" if _looks_like_doccano(record, taxonomy) else None
    return None


def _looks_like_doccano(record, taxonomy: Taxonomy) -> bool:
    if not isinstance(record, dict) or any(label in record for label in taxonomy.ids):
        return False
    return any(isinstance(record.get(key), (list, str)) for key in DOCCANO_LABEL_KEYS)


class _LabelNames:
    """Maps what a tool wrote (a label id or display name, any case) to a label index."""

    def __init__(self, taxonomy: Taxonomy):
        self.taxonomy = taxonomy
        self.index = {}
        for j, label in enumerate(taxonomy.labels):
            self.index[label.id.lower()] = j
            self.index[label.name.strip().lower()] = j

    def vector(self, names, where: str) -> np.ndarray:
        row = np.zeros(len(self.taxonomy.ids))
        for name in names:
            j = self.index.get(str(name).strip().lower())
            if j is None:
                raise InputError(
                    f"{where} has the label '{name}', which is not in the taxonomy; expected one of: "
                    f"{', '.join(self.taxonomy.ids)} (or their names). Rename the label in the tool, or pass "
                    "the taxonomy the project used with --taxonomy"
                )
            row[j] = 1.0
        return row


def _frame(records: list[dict], rows: list[np.ndarray], taxonomy: Taxonomy) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(records) if records else pd.DataFrame({"text": []})
    labels = pd.DataFrame(np.array(rows).reshape(len(rows), len(taxonomy.ids)), columns=list(taxonomy.ids))
    keep = [c for c in frame.columns if c not in taxonomy.ids]
    first = [c for c in ("id", "task_id", "doccano_id", "text") if c in keep]
    return pd.concat([frame[first], labels, frame[[c for c in keep if c not in first]]], axis=1)


def read_label_studio(path: str | os.PathLike, taxonomy: Taxonomy, *, text_field: str = "text",
                      annotator: str | None = None, control: str | None = None) -> AnnotationImport:
    """Read a Label Studio JSON export of a text classification project (choices).

    Each task gives one row: its ``data`` fields (the text under
    *text_field*), Label Studio's task id as ``task_id``, and the choices of
    its annotation as label columns. A task
    annotated by several people needs *annotator* (the ``completed_by`` id or
    e-mail) to say whose annotation to take; cancelled annotations are
    ignored; tasks without annotation come back unlabelled. Only results of
    the control *control* (``from_name``) are read when it is given.
    """
    name = str(path)
    where_file = f"Label Studio export '{name}'"
    try:
        tasks = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError(f"input file '{name}' does not exist; check the path") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{where_file} is not valid JSON ({exc}); export the project as JSON "
                         "from Label Studio") from None
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list) or not tasks:
        raise InputError(f"{where_file} holds no tasks; expected a JSON list of tasks with 'data' and 'annotations'")
    names = _LabelNames(taxonomy)
    records, rows, unlabelled = [], [], []
    for position, task in enumerate(tasks, start=1):
        where = f"{where_file}, task {position}" + (f" (id {task['id']})" if isinstance(task, dict) and "id" in task
                                                    else "")
        if not isinstance(task, dict) or not isinstance(task.get("data"), dict):
            raise InputError(f"{where} has no 'data' object; export the project as JSON (not JSON-MIN or CSV) from "
                             "Label Studio")
        data = task["data"]
        if not isinstance(data.get(text_field), str):
            raise InputError(f"{where} has no text field '{text_field}'; its data fields are: "
                             f"{', '.join(map(str, data))}. "
                             "Name the field that holds the texts with --text-column")
        # Label Studio's own task id is kept apart from an "id" the researcher put in the data.
        record = {"task_id": task.get("id"), **{k: v for k, v in data.items() if not isinstance(v, (dict, list))}}
        record["text"] = data[text_field]
        annotations = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
        if annotator is not None:
            annotations = [a for a in annotations if _annotator_of(a) == str(annotator)]
        if not annotations:
            unlabelled.append(str(record.get("id", record["task_id"])))
            records.append(record)
            rows.append(np.full(len(taxonomy.ids), np.nan))
            continue
        if len(annotations) > 1:
            found = sorted({_annotator_of(a) for a in annotations})
            raise InputError(f"{where} has {len(annotations)} annotations (by {', '.join(found)}); choose whose to "
                             "read with --annotator, and import each annotator's labels into a file of its own")
        chosen = []
        for result in annotations[0].get("result") or []:
            if not isinstance(result, dict) or (control is not None and result.get("from_name") != control):
                continue
            if result.get("type") not in (None, "choices"):
                raise InputError(f"{where} has a '{result.get('type')}' result; only classification results (choices) "
                                 "can be imported. Pass --control with the name of the choices control")
            choices = (result.get("value") or {}).get("choices")
            if not isinstance(choices, list):
                raise InputError(f"{where} has a result without a list of choices")
            chosen.extend(choices)
        if annotations[0].get("completed_by") is not None:
            record["annotator"] = _annotator_of(annotations[0])
        records.append(record)
        rows.append(names.vector(chosen, where))
    return AnnotationImport(_frame(records, rows, taxonomy), taxonomy, "label-studio", name, unlabelled)


def _annotator_of(annotation: dict) -> str:
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("id")
    return str(who)


def read_doccano(path: str | os.PathLike, taxonomy: Taxonomy, *, text_field: str = "text") -> AnnotationImport:
    """Read a doccano JSONL export of a text classification project (one annotator per file).

    Each line is a record with the text and its labels as a list under
    ``label`` (or ``labels``); other keys pass through (doccano's own ``id``
    as ``doccano_id``). A record with an empty list is a text with no barrier.
    """
    name = str(path)
    names = _LabelNames(taxonomy)
    records, rows = [], []
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise InputError(f"input file '{name}' does not exist; check the path") from None
    for line_no, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"doccano export '{name}', line {line_no}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where} is not valid JSON ({exc.msg}); export the project as "
                             "JSONL from doccano") from None
        if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
            raise InputError(f"{where} has no text field '{text_field}'; expected records like "
                             '{"text": "...", "label": ["fear_of_rejection"]}')
        key = next((k for k in DOCCANO_LABEL_KEYS if k in record), None)
        if key is None:
            raise InputError(f"{where} has no 'label' list; export a text classification project as JSONL from doccano")
        labels = record[key]
        labels = [labels] if isinstance(labels, str) else labels
        if not isinstance(labels, list) or not all(isinstance(v, str) for v in labels):
            raise InputError(f"{where} has '{key}' = {json.dumps(labels)}; expected a list of label names "
                             "(span labels from a sequence labelling project cannot be imported)")
        passthrough = {("doccano_id" if k == "id" else k): v for k, v in record.items()
                       if k not in (key, text_field) and not isinstance(v, (dict, list))}
        records.append({**passthrough, "text": record[text_field]})
        rows.append(names.vector(labels, where))
    if not records:
        raise InputError(f"doccano export '{name}' has no records")
    return AnnotationImport(_frame(records, rows, taxonomy), taxonomy, "doccano", name)


def sheet_values(cells: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Label cells of a sheet as 1.0, 0.0 or nan (blank), and a mask of cells that are none of these.

    Cells may hold 1/0, true/false, yes/no or x (any case); blank or missing is nan.

    Examples
    --------
    >>> values, bad = sheet_values(pd.DataFrame({"a": ["1", "", "no", "x", "maybe"]}))
    >>> values.ravel().tolist(), bad.ravel().tolist()
    ([1.0, nan, 0.0, 1.0, nan], [False, False, False, False, True])
    """
    cells = cells.astype(object).where(cells.notna(), "").map(lambda v: str(v).strip().lower())
    true, false = cells.isin(_TRUE).to_numpy(dtype=bool), cells.isin(_FALSE).to_numpy(dtype=bool)
    values = np.full(cells.shape, np.nan)
    values[true] = 1.0
    values[false & (cells != "").to_numpy(dtype=bool)] = 0.0
    return values, ~(true | false)


def read_sheet(source: str | os.PathLike | pd.DataFrame, taxonomy: Taxonomy, *, text_column: str = "text",
               fmt: str | None = None, encoding: str = "utf-8") -> AnnotationImport:
    """Read an annotation sheet (as written by ``barriers annotate sample``, or any labelled file).

    In a row where at least one label cell is filled, blank cells count as 0;
    a row whose label cells are all blank is not labelled yet. Cells may
    hold 1/0, true/false, yes/no or x.
    """
    if isinstance(source, pd.DataFrame):
        frame, name = source.reset_index(drop=True), "<DataFrame>"
    else:
        frame, name = read_all(source, fmt, encoding=encoding), str(source)
    where_file = f"annotation sheet '{name}'"
    if text_column not in frame.columns:
        raise InputError(f"{where_file} has no column '{text_column}'; available columns: "
                         f"{', '.join(map(str, frame.columns))}. "
                         "Name the column that holds the texts with --text-column")
    missing = [label for label in taxonomy.ids if label not in frame.columns]
    if missing:
        raise InputError(f"{where_file} has no column '{missing[0]}'; a sheet needs one column per label of the "
                         f"taxonomy: {', '.join(taxonomy.ids)}")
    values, bad = sheet_values(frame[list(taxonomy.ids)])
    if bad.any():
        row, col = (int(v[0]) for v in np.nonzero(bad))
        label = taxonomy.ids[col]
        raise InputError(f"{where_file} column '{label}' has the value '{frame[label].iloc[row]}' in data row "
                         f"{row + 1}; "
                         "write 1 where a label applies and 0 (or nothing) where it does not")
    started = ~np.isnan(values).all(axis=1)
    values[started] = np.nan_to_num(values[started], nan=0.0)
    out = frame.copy()
    if text_column != "text":
        out = out.rename(columns={text_column: "text"})
    out[list(taxonomy.ids)] = values
    id_column = "id" if "id" in out.columns else None
    unlabelled = [str(out[id_column].iloc[i]) if id_column else f"row {i + 1}" for i in np.flatnonzero(~started)]
    return AnnotationImport(out, taxonomy, "sheet", name, unlabelled)


def read_annotations(source: str | os.PathLike | pd.DataFrame, taxonomy: Taxonomy, *, fmt: str | None = None,
                     text_column: str = "text", annotator: str | None = None, control: str | None = None,
                     encoding: str = "utf-8") -> AnnotationImport:
    """Read any supported annotation file; *fmt* is detected when None.

    *fmt* is ``label-studio``, ``doccano``, ``sheet`` or a table format
    (``csv``, ``tsv``, ``jsonl``, ``parquet``) read as a sheet.
    """
    if not isinstance(source, pd.DataFrame):
        if fmt is None:
            fmt = detect_annotation_format(source, taxonomy)
        if fmt == "label-studio":
            return read_label_studio(source, taxonomy, text_field=text_column, annotator=annotator, control=control)
        if fmt == "doccano":
            return read_doccano(source, taxonomy, text_field=text_column)
    if annotator is not None or control is not None:
        raise InputError("--annotator and --control apply to Label Studio exports only")
    return read_sheet(source, taxonomy, text_column=text_column, fmt=None if fmt == "sheet" else fmt, encoding=encoding)


__all__ = ["ANNOTATION_FORMATS", "AnnotationImport", "detect_annotation_format", "read_annotations", "read_doccano",
           "read_label_studio", "read_sheet"]
