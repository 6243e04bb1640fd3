"""Comparing and merging several annotators' labels of the same texts.

:func:`compare_annotators` lines up annotation files (sheets, Label Studio or
doccano exports) item by item and measures agreement per label;
:func:`merge_annotations` turns them, with an adjudication file for the
disagreements, into one labelled file.
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..annotation_formats import AnnotationImport, read_annotations
from ..errors import InputError
from ..taxonomy import Taxonomy
from .agreement import cohen_kappa, fleiss_kappa, krippendorff_alpha, percent_agreement

NONE = "(none)"
NOT_RATED = ""


@dataclass
class AnnotatedItems:
    """Ratings of several annotators lined up: ``ratings[annotator, item, label]``, ``nan`` = not rated."""

    annotators: list[str]
    key: str
    keys: list[str]
    texts: list[str]
    ratings: np.ndarray
    labels: tuple[str, ...]

    def label_sets(self, annotator: int, item: int) -> str:
        row = self.ratings[annotator, item]
        if np.isnan(row).all():
            return NOT_RATED
        return ";".join(label for label, v in zip(self.labels, row) if v == 1) or NONE


@dataclass
class AgreementReport:
    """Agreement per label and overall, the confusion of disagreements and the items to adjudicate."""

    items: AnnotatedItems
    per_label: pd.DataFrame
    overall: dict
    pairwise: pd.DataFrame
    confusion: pd.DataFrame
    disagreements: pd.DataFrame


def _key_values(frame: pd.DataFrame, key: str, name: str) -> list[str]:
    if key == "text":
        values = [" ".join(str(t).split()) for t in frame["text"]]
    else:
        values = frame[key].astype(str).tolist()
    seen = set()
    for value in values:
        if value in seen:
            raise InputError(f"annotation file '{name}' has the {key} '{value[:60]}' twice; items must be unique to be "
                             "matched across "
                             f"annotators{'' if key == 'text' else ' (or match on the text with --key text)'}")
        seen.add(value)
    return values


def line_up(imports: list[AnnotationImport], names: list[str] | None = None, key: str | None = None) -> AnnotatedItems:
    """Match the rows of several annotation files on *key* (``id`` when all have it, else the text)."""
    if len(imports) < 2:
        raise InputError(f"agreement needs at least two annotation files, got {len(imports)}")
    taxonomy = imports[0].taxonomy
    names = list(names) if names else _default_names([imp.source for imp in imports])
    if len(set(names)) != len(names):
        raise InputError(f"annotator names must differ; got {', '.join(names)}")
    if key is None:
        key = "id" if all("id" in imp.frame.columns for imp in imports) else "text"
    for imp in imports:
        if key not in imp.frame.columns:
            raise InputError(f"annotation file '{imp.source}' has no column '{key}' to match items on; "
                             f"its columns are: {', '.join(map(str, imp.frame.columns))}. Pass --key text to match on "
                             "the text")
    keyed = [(_key_values(imp.frame, key, imp.source), imp) for imp in imports]
    order: dict[str, str] = {}
    for values, imp in keyed:
        for value, text in zip(values, imp.frame["text"]):
            order.setdefault(value, str(text))
    keys = list(order)
    position = {k: i for i, k in enumerate(keys)}
    ratings = np.full((len(imports), len(keys), len(taxonomy.ids)), np.nan)
    for a, (values, imp) in enumerate(keyed):
        ratings[a, [position[v] for v in values]] = imp.frame[list(taxonomy.ids)].to_numpy(dtype=float)
    shared = (~np.isnan(ratings[:, :, 0])).sum(axis=0) >= 2
    if not shared.any():
        raise InputError(f"no item was labelled by two annotators when matching on '{key}'; check that the files "
                         "label the same texts (or match on the text with --key text)")
    return AnnotatedItems(names, key, keys, list(order.values()), ratings, taxonomy.ids)


def _spread(r: np.ndarray, axis: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Lowest and highest rating along *axis*, ignoring ``nan`` (inf / -inf where nothing was rated)."""
    missing = np.isnan(r)
    return np.where(missing, np.inf, r).min(axis=axis), np.where(missing, -np.inf, r).max(axis=axis)


def _default_names(sources: list[str]) -> list[str]:
    stems = [Path(s).stem for s in sources]
    return stems if len(set(stems)) == len(stems) else [f"{stem}#{i + 1}" for i, stem in enumerate(stems)]


def disagreement_confusion(items: AnnotatedItems) -> pd.DataFrame:
    """Counts of what one annotator labelled (rows) where another labelled something else (columns).

    For each pair of annotators (the earlier file first) and each item both
    rated differently, every label only the first gave is counted against
    every label only the second gave; ``(none)`` stands for "nothing".
    """
    index = [*items.labels, NONE]
    matrix = pd.DataFrame(0, index=index, columns=index)
    for a, b in itertools.combinations(range(len(items.annotators)), 2):
        for i in range(len(items.keys)):
            ra, rb = items.ratings[a, i], items.ratings[b, i]
            if np.isnan(ra).all() or np.isnan(rb).all() or (ra == rb).all():
                continue
            only_a = [lab for lab, x, y in zip(items.labels, ra, rb) if x == 1 and y == 0] or [NONE]
            only_b = [lab for lab, x, y in zip(items.labels, ra, rb) if y == 1 and x == 0] or [NONE]
            for x, y in itertools.product(only_a, only_b):
                matrix.loc[x, y] += 1
    return matrix.rename_axis(index="only first", columns="only second")


def _per_label(items: AnnotatedItems) -> pd.DataFrame:
    rows = []
    n = len(items.annotators)
    for j, label in enumerate(items.labels):
        r = items.ratings[:, :, j]
        rated = ~np.isnan(r)
        complete = rated.all(axis=0)
        counts = np.stack([(r[:, complete] == 0).sum(axis=0), (r[:, complete] == 1).sum(axis=0)], axis=1)
        row = {
            "label": label,
            "items": int((rated.sum(axis=0) >= 2).sum()),
            "percent_agreement": percent_agreement(r),
            "cohen_kappa": cohen_kappa(r[0], r[1]) if n == 2 else float("nan"),
            "fleiss_kappa": fleiss_kappa(counts) if complete.any() else float("nan"),
            "krippendorff_alpha": krippendorff_alpha(r),
            "disagreeing_items": int((np.subtract(*_spread(r)[::-1]) > 0).sum()),
        }
        for a, name in enumerate(items.annotators):
            row[f"positives:{name}"] = int(np.nansum(r[a]))
        rows.append(row)
    return pd.DataFrame(rows)


def _pairwise(items: AnnotatedItems) -> pd.DataFrame:
    rows = []
    for a, b in itertools.combinations(range(len(items.annotators)), 2):
        row = {"first": items.annotators[a], "second": items.annotators[b]}
        for j, label in enumerate(items.labels):
            row[label] = cohen_kappa(items.ratings[a, :, j], items.ratings[b, :, j])
        rows.append(row)
    return pd.DataFrame(rows)


def _disagreements(items: AnnotatedItems) -> pd.DataFrame:
    low, high = _spread(items.ratings)
    differs = high > low
    rows = []
    for i in np.flatnonzero(differs.any(axis=1)):
        row = {items.key: items.keys[i], "text": items.texts[i]}
        row.update({label: None for label in items.labels})
        row["disagree_on"] = ";".join(label for label, d in zip(items.labels, differs[i]) if d)
        for a, name in enumerate(items.annotators):
            row[f"labels:{name}"] = items.label_sets(a, i)
        rows.append(row)
    columns = [*([items.key] if items.key != "text" else []), "text", *items.labels, "disagree_on",
               *(f"labels:{name}" for name in items.annotators)]
    return pd.DataFrame(rows, columns=columns)


def compare_annotators(sources: list[str | os.PathLike | pd.DataFrame], taxonomy: Taxonomy, *,
                       names: list[str] | None = None, key: str | None = None, text_column: str = "text",
                       fmt: str | None = None) -> AgreementReport:
    """Agreement of several annotators' files on the items they share.

    Per label: percent agreement, Cohen's kappa (two annotators; pairwise
    table for more), Fleiss' kappa (items every annotator rated),
    Krippendorff's alpha (nominal; every item with two or more ratings).
    ``overall`` holds their means over labels and the share of items on
    which the annotators agree on every label.

    Examples
    --------
    >>> import pandas as pd
    >>> from toolkit.taxonomy import load_taxonomy
    >>> tax = load_taxonomy()
    >>> a = pd.DataFrame({"id": [1, 2, 3], "text": ["x", "y", "z"], "fear_of_rejection": [1, 0, 1],
    ...                   "past_experiences": [0, 0, 0], "self_doubt": [0, 1, 0], "cultural_influences": [0, 0, 0]})
    >>> b = a.assign(fear_of_rejection=[1, 0, 0])
    >>> report = compare_annotators([a, b], tax, names=["ana", "ben"])
    >>> report.overall["items_all_agree"], report.disagreements["disagree_on"].tolist()
    (0.6667, ['fear_of_rejection'])
    """
    imports = [read_annotations(s, taxonomy, fmt=fmt, text_column=text_column) for s in sources]
    if names is None and any(isinstance(s, pd.DataFrame) for s in sources):
        names = [f"annotator_{i + 1}" for i in range(len(sources))]
    items = line_up(imports, names, key)
    per_label = _per_label(items)
    rated = ~np.isnan(items.ratings[:, :, 0])
    shared = rated.sum(axis=0) >= 2
    low, high = _spread(items.ratings)
    agree = (high == low).all(axis=1)
    overall = {
        "annotators": len(items.annotators),
        "items": len(items.keys),
        "items_shared": int(shared.sum()),
        "items_all_agree": round(float(agree[shared].mean()), 4),
        "matched_on": items.key,
    }
    for stat in ("percent_agreement", "cohen_kappa", "fleiss_kappa", "krippendorff_alpha"):
        values = per_label[stat].to_numpy(dtype=float)
        overall[f"mean_{stat}"] = round(float(np.nanmean(values)), 4) if not np.isnan(values).all() else None
    return AgreementReport(items, per_label, overall, _pairwise(items), disagreement_confusion(items),
                           _disagreements(items))


def merge_annotations(sources: list[str | os.PathLike | pd.DataFrame], taxonomy: Taxonomy, *,
                      adjudicated: str | os.PathLike | pd.DataFrame | None = None, majority: bool = False,
                      key: str | None = None, text_column: str = "text", fmt: str | None = None) -> pd.DataFrame:
    """One labelled frame from several annotators' files.

    An item takes the labels its annotators agree on; a disagreement takes
    the adjudicated labels (a disagreements file with its label columns
    filled in) or, with *majority*, each label's strict majority. Items only
    one annotator rated keep that rating. The ``resolution`` column says
    which rule applied. Unresolved disagreements raise :class:`InputError`.
    """
    imports = [read_annotations(s, taxonomy, fmt=fmt, text_column=text_column) for s in sources]
    names = [f"annotator_{i + 1}" for i in range(len(imports))]
    items = line_up(imports, names, key)
    r = items.ratings
    count = (~np.isnan(r[:, :, 0])).sum(axis=0)
    low, high = _spread(r)
    agreed = (high == low).all(axis=1)
    positives, rated = np.nansum(r, axis=0), (~np.isnan(r)).sum(axis=0)
    labels = np.where(agreed[:, None], high, np.nan)
    resolution = np.where(count >= 2, "agreed", "single").astype(object)
    resolution[count == 0] = "unlabelled"
    if adjudicated is not None:
        decisions = read_annotations(adjudicated, taxonomy, text_column=text_column)
        if items.key not in decisions.frame.columns:
            raise InputError(f"adjudication file '{decisions.source}' has no column '{items.key}' to match items on; "
                             "write it with 'barriers annotate agreement --disagreements FILE'")
        decided = dict(zip(_key_values(decisions.frame, items.key, decisions.source),
                           decisions.frame[list(taxonomy.ids)].to_numpy(dtype=float)))
        for i, k in enumerate(items.keys):
            if not agreed[i] and k in decided and not np.isnan(decided[k]).any():
                labels[i], resolution[i] = decided[k], "adjudicated"
    if majority:
        open_items = np.isnan(labels).any(axis=1) & (count >= 2)
        majority_labels = (positives * 2 > rated).astype(float)
        tied = (positives * 2 == rated).any(axis=1)
        for i in np.flatnonzero(open_items & ~tied):
            labels[i], resolution[i] = majority_labels[i], "majority"
    unresolved = [items.keys[i] for i in np.flatnonzero(np.isnan(labels).any(axis=1) & (count >= 2))]
    if unresolved:
        raise InputError(
            f"{len(unresolved)} item(s) have disagreeing labels and no decision, first '{unresolved[0][:60]}'; write "
            "them with 'barriers annotate agreement ... --disagreements FILE', fill in its label columns and pass it "
            "with --adjudicated FILE (or pass --majority for three or more annotators)"
        )
    keep = count > 0
    out = pd.DataFrame({"text": np.array(items.texts, dtype=object)[keep]})
    if items.key != "text":
        out.insert(0, items.key, np.array(items.keys, dtype=object)[keep])
    for j, label in enumerate(taxonomy.ids):
        out[label] = labels[keep, j].astype(np.int8)
    out["annotations"] = count[keep]
    out["resolution"] = resolution[keep]
    return out


__all__ = ["AgreementReport", "AnnotatedItems", "compare_annotators", "disagreement_confusion", "line_up",
           "merge_annotations"]
