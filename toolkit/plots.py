"""Matplotlib figures for notebooks: timelines, co-occurrence, prevalence, distinctive terms, evaluation.

Each function takes the frames or reports the library returns and gives back
a :class:`matplotlib.figure.Figure` with a title, axis labels and a legend in
plain words. matplotlib is imported only when a plot is drawn; it comes with
the ``notebooks`` extra.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import MissingExtraError
from .highlight import label_colours
from .taxonomy import Taxonomy, load_taxonomy


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingExtraError("matplotlib", "notebooks", "plotting") from None
    return plt


def label_names(labels: Sequence[str], taxonomy: Taxonomy | None = None) -> dict[str, str]:
    """Display names of *labels*: from *taxonomy*, else the shipped one, else the ids themselves.

    Examples
    --------
    >>> label_names(["self_doubt", "other"])
    {'self_doubt': 'Self-doubt', 'other': 'other'}
    """
    taxonomy = taxonomy or load_taxonomy()
    known = {label.id: label.name for label in taxonomy.labels}
    return {label: known.get(label, label) for label in labels}


def _ordered_labels(values: pd.Series, labels: Sequence[str] | None) -> list[str]:
    present = list(dict.fromkeys(values))
    return [label for label in labels if label in present] if labels is not None else present


def timeline(summary: pd.DataFrame, *, value: str = "share", kind: str = "grid", labels: Sequence[str] | None = None,
             taxonomy: Taxonomy | None = None, period_name: str = "week"):
    """One panel per group: *value* (share of entries, or mean_score) of each label per period.

    *summary* is the output of :func:`toolkit.summarize` with a ``freq``.
    ``kind="grid"`` draws a barrier-by-period grid per group, shaded by
    *value* and labelled "count/entries", with periods without entries left
    blank (readable for sparse journals); ``kind="lines"`` draws a line per
    barrier.
    """
    plt = _pyplot()
    if "period_start" not in summary.columns:
        raise ValueError("the summary has no periods; call summarize(..., freq='W') first")
    if kind not in ("grid", "lines"):
        raise ValueError(f"kind must be 'grid' or 'lines', not '{kind}'")
    keys = [c for c in summary.columns[: list(summary.columns).index("period_start")]]
    groups = list(summary.groupby(keys, sort=True)) if keys else [((), summary)]
    labels = _ordered_labels(summary["label"], labels)
    names, colours = label_names(labels, taxonomy), label_colours(labels)
    what = {"share": "Share of entries showing each barrier",
            "mean_score": "Mean score of each barrier"}.get(value, value)
    periods = sorted(summary["period_start"].unique())
    rows = len(groups)
    height = (0.42 * len(labels) + 0.9) if kind == "grid" else 2.6
    fig, axes = plt.subplots(rows, 1, figsize=(11, height * rows + 1.2), sharex=True, squeeze=False,
                             layout="constrained" if kind == "grid" else None)
    cmap = plt.get_cmap("Oranges").with_extremes(bad="#d9d9d9")
    image = None
    for ax, (key, part) in zip(axes[:, 0], groups):
        key = key if isinstance(key, tuple) else (key,)
        ax.set_title(", ".join(f"{k.removesuffix('_id').replace('_', ' ')} {v}" for k, v in zip(keys, key))
                     or "all entries", loc="left", fontsize=10, fontweight="bold")
        if kind == "lines":
            for label in labels:
                series = part[part["label"] == label].sort_values("period_start")
                ax.plot(series["period_start"], series[value], marker="o", color=colours[label], label=names[label])
            ax.set_ylim(-0.03, 1.03)
            ax.set_ylabel("share" if value == "share" else value.replace("_", " "))
            ax.grid(alpha=0.3)
            continue
        grid = part.pivot_table(index="label", columns="period_start", values=value, aggfunc="first")
        grid = grid.reindex(index=labels, columns=periods)
        counts = part.pivot_table(index="label", columns="period_start", values=["count", "entries"], aggfunc="first")
        image = ax.imshow(grid.to_numpy(dtype=float), aspect="auto", cmap=cmap, vmin=0, vmax=1,
                          extent=(-0.5, len(periods) - 0.5, len(labels) - 0.5, -0.5))
        for (label, period), count in counts["count"].stack().items():
            if count > 0:
                i, j = labels.index(label), periods.index(period)
                shade = grid.loc[label, period]
                ax.text(j, i, f"{int(count)}/{int(counts['entries'].loc[label, period])}", ha="center", va="center",
                        fontsize=7, color="white" if shade > 0.6 else "black")
        ax.set_yticks(range(len(labels)), labels=[names[label] for label in labels], fontsize=9)
        ax.set_xticks(np.arange(len(periods)) - 0.5, minor=True)
        ax.set_yticks(np.arange(len(labels)) - 0.5, minor=True)
        ax.grid(which="minor", color="#dddddd", linewidth=0.6)
        ax.tick_params(which="minor", length=0)
    if kind == "grid":
        ticks = [pd.Timestamp(p).strftime("%d %b") for p in periods]
        step = max(1, len(periods) // 20)
        axes[-1, 0].set_xticks(range(0, len(periods), step), labels=ticks[::step], rotation=45, ha="right")
        axes[-1, 0].set_xlabel(f"{period_name.capitalize()} starting (in a cell: entries showing the barrier / entries "
                               f"that {period_name}; grey: no entries)")
        fig.suptitle(f"{what} per {period_name}", fontweight="bold")
        fig.colorbar(image, ax=axes[:, 0].tolist(), label="share of entries" if value == "share" else value,
                     shrink=min(1.0, 3.0 / rows))
        return fig
    axes[-1, 0].set_xlabel(f"{period_name.capitalize()} starting")
    axes[0, 0].legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title="Barrier", frameon=False)
    fig.suptitle(f"{what} per {period_name}", fontweight="bold")
    fig.autofmt_xdate()
    fig.tight_layout()
    return fig


def cooccurrence_heatmap(matrix: pd.DataFrame, *, taxonomy: Taxonomy | None = None,
                         title: str = "How often barriers appear together"):
    """Heatmap of a :func:`toolkit.corpus.cooccurrence` matrix, each cell annotated with its value."""
    plt = _pyplot()
    names = label_names(list(matrix.index), taxonomy)
    values = matrix.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(7.5, 6))
    image = ax.imshow(values, cmap="Blues", vmin=0)
    ticks = [names[label] for label in matrix.index]
    ax.set_xticks(range(len(ticks)), labels=[names[c] for c in matrix.columns], rotation=30, ha="right")
    ax.set_yticks(range(len(ticks)), labels=ticks)
    peak = np.nanmax(values) if values.size else 1
    integer = np.allclose(values[~np.isnan(values)], np.round(values[~np.isnan(values)]))
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            text = "–" if np.isnan(values[i, j]) else (f"{values[i, j]:.0f}" if integer else f"{values[i, j]:.2f}")
            ax.text(j, i, text, ha="center", va="center", color="white" if values[i, j] > 0.6 * peak else "black")
    ax.set_xlabel("…also shows this barrier")
    ax.set_ylabel("Texts showing this barrier…")
    fig.colorbar(image, ax=ax, label="texts" if integer else "share of the row's texts")
    ax.set_title(title, fontweight="bold", pad=14)
    fig.tight_layout()
    return fig


def prevalence_bars(table: pd.DataFrame, *, by: str | None = None, taxonomy: Taxonomy | None = None,
                    title: str = "Share of texts showing each barrier (95% interval)"):
    """Bars of :func:`toolkit.corpus.prevalence` with their Wilson intervals, grouped by *by* when given."""
    plt = _pyplot()
    labels = _ordered_labels(table["label"], None)
    names = label_names(labels, taxonomy)
    groups = sorted(table[by].astype(str).unique()) if by else [None]
    fig, ax = plt.subplots(figsize=(10, 1.2 + 0.5 * len(labels) * max(len(groups), 1)))
    height = 0.8 / len(groups)
    cmap = plt.get_cmap("tab10")
    for g, group in enumerate(groups):
        part = table if group is None else table[table[by].astype(str) == group]
        part = part.set_index("label").reindex(labels)
        y = np.arange(len(labels)) + g * height
        errors = np.vstack([part["share"] - part["ci_low"], part["ci_high"] - part["share"]])
        colour = cmap(g % 10) if group is not None else [label_colours(labels)[label] for label in labels]
        ax.barh(y, part["share"], height=height * 0.9, xerr=errors, capsize=3, color=colour,
                label=str(group) if group is not None else None)
    ax.set_yticks(np.arange(len(labels)) + height * (len(groups) - 1) / 2, labels=[names[label] for label in labels])
    ax.invert_yaxis()
    ax.set_xlabel("Share of texts (error bars: 95% Wilson interval)")
    ax.set_ylabel("Barrier")
    # room on the right for the legend, inside the axes
    ax.set_xlim(0, min(1.0, float(table["ci_high"].max()) * (1.4 if by else 1.15) + 0.02))
    if by:
        ax.legend(title=by, loc="best", framealpha=0.95)
    ax.set_title(title, fontweight="bold")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    return fig


def prevalence_estimates(table: pd.DataFrame, *, by: str | None = None, truth: pd.DataFrame | None = None,
                         taxonomy: Taxonomy | None = None,
                         title: str = "Raw share flagged vs corrected prevalence (95% intervals)"):
    """Raw share, labelled-only and prediction-powered estimates of :func:`toolkit.estimate_prevalence`.

    One panel per label; rows are the groups of *by* (or one row overall).
    The raw share is a cross (it has no valid interval), the labelled-only and
    prediction-powered estimates are points with their intervals. *truth*, a
    frame with ``label`` (and *by*) and ``share``, adds the known share as a
    bar where it is known (a labelled benchmark corpus).
    """
    plt = _pyplot()
    labels = _ordered_labels(table["label"], None)
    names = label_names(labels, taxonomy)
    groups = sorted(table[by].astype(str).unique()) if by else ["all texts"]
    columns = min(2, len(labels))
    rows = int(np.ceil(len(labels) / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(11, 1.0 + rows * (1.0 + 0.55 * len(groups))), squeeze=False,
                             sharex=True)
    styles = (("labelled_share", "labelled_low", "labelled_high", "labelled sample alone (Wilson)", "tab:grey", -0.18),
              ("estimate", "low", "high", "prediction-powered (PPI++)", "tab:blue", 0.0))
    for ax, label in zip(axes.ravel(), labels):
        part = table[table["label"] == label]
        if by:
            part = part.assign(_group=part[by].astype(str)).set_index("_group").reindex(groups)
        else:
            part = part.assign(_group="all texts").set_index("_group")
        y = np.arange(len(groups))
        for value, low, high, name, colour, offset in styles:
            errors = np.vstack([part[value] - part[low], part[high] - part[value]])
            ax.errorbar(part[value], y + offset, xerr=np.nan_to_num(errors, nan=0.0), fmt="o", color=colour,
                        capsize=3, label=name)
        ax.scatter(part["raw_share"], y + 0.18, marker="x", color="tab:red", label="raw share flagged (no interval)")
        if truth is not None:
            known = truth[truth["label"] == label]
            if by:
                known = known.assign(_group=known[by].astype(str)).set_index("_group").reindex(groups)
            ax.scatter(known["share"], y, marker="|", s=300, color="black", label="true share (known here)")
        ax.set_yticks(y, labels=groups)
        ax.set_ylim(len(groups) - 0.5, -0.5)  # top to bottom, with room for the offset markers
        ax.set_title(names[label], loc="left", fontsize=10)
        ax.grid(axis="x", alpha=0.3)
    # only once every panel is drawn: the axes share x, and an earlier call would freeze the right end too soon
    axes[0, 0].set_xlim(0, None)
    for ax in axes.ravel()[len(labels):]:
        ax.set_visible(False)
    for ax in axes[-1]:
        ax.set_xlabel("Share of texts")
    handles, names_ = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, names_, loc="lower center", ncol=len(names_), frameon=False, bbox_to_anchor=(0.5, -0.02))
    fig.suptitle(title, fontweight="bold")
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    return fig


def distinctive_terms_chart(terms: pd.DataFrame, *, taxonomy: Taxonomy | None = None, top: int = 10,
                            title: str = "Words most distinctive of each barrier (log-odds z-score)"):
    """One panel per label: the top terms of :func:`toolkit.corpus.distinctive_terms` by z-score."""
    plt = _pyplot()
    labels = _ordered_labels(terms["label"], None)
    names, colours = label_names(labels, taxonomy), label_colours(labels)
    columns = min(2, len(labels))
    rows = int(np.ceil(len(labels) / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(11, 3.4 * rows + 0.6), squeeze=False)
    for ax, label in zip(axes.ravel(), labels):
        part = terms[terms["label"] == label].head(top)
        ax.barh(part["term"], part["z"], color=colours[label])
        ax.invert_yaxis()
        ax.set_title(names[label], loc="left", fontsize=10)
        ax.set_xlabel("z-score (higher = more typical of texts with this barrier)")
        ax.grid(axis="x", alpha=0.3)
    for ax in axes.ravel()[len(labels) :]:
        ax.set_visible(False)
    fig.suptitle(title, fontweight="bold")
    fig.tight_layout()
    return fig


def f1_bars(report, *, taxonomy: Taxonomy | None = None, title: str = "F1 per barrier (95% bootstrap interval)"):
    """Per-label precision, recall and F1 of an evaluation report, with F1 intervals when it has them."""
    plt = _pyplot()
    frame = report.per_label.set_index("label")
    labels = list(frame.index)
    names = label_names(labels, taxonomy)
    x = np.arange(len(labels))
    fig, ax = plt.subplots(figsize=(10, 4.5))
    for k, (metric, colour) in enumerate((("precision", "#999999"), ("recall", "#56B4E9"), ("f1", "#0072B2"))):
        kwargs = {}
        if metric == "f1" and "f1_ci_low" in frame.columns:
            kwargs = {"yerr": np.vstack([frame["f1"] - frame["f1_ci_low"], frame["f1_ci_high"] - frame["f1"]]),
                      "capsize": 4}
        ax.bar(x + (k - 1) * 0.27, frame[metric], width=0.25, color=colour,
               label=metric.upper() if metric == "f1" else metric, **kwargs)
    ax.set_xticks(x, labels=[names[label] for label in labels], rotation=10)
    ax.set_ylim(0, 1.16)  # a band above 1 keeps the legend off the bars
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.set_ylabel("Score (0-1, higher is better)")
    ax.set_xlabel("Barrier")
    ax.legend(loc="upper center", ncol=3, framealpha=0.95)
    ax.grid(axis="y", alpha=0.3)
    ax.set_title(title, fontweight="bold")
    fig.tight_layout()
    return fig


def reliability_diagram(report, *, taxonomy: Taxonomy | None = None,
                        title: str = "Calibration: do scores match how often the barrier is really there?"):
    """Observed positive rate against mean score per score bin, one line per label, with the diagonal."""
    plt = _pyplot()
    labels = list(report.calibration_curves)
    names, colours = label_names(labels, taxonomy), label_colours(labels)
    fig, ax = plt.subplots(figsize=(7, 7.5))
    ax.plot([0, 1], [0, 1], linestyle="--", color="#999999", label="perfect calibration")
    for label in labels:
        curve = report.calibration_curves[label]
        ax.plot([b["mean_score"] for b in curve], [b["observed_rate"] for b in curve], marker="o",
                color=colours[label], label=names[label])
    ticks = np.linspace(0, 1, 6)
    ax.set_xticks(ticks, labels=[f"{t:.1f}" for t in ticks])
    ax.set_yticks(ticks, labels=[f"{t:.0%}" for t in ticks])
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    ax.set_xlabel("Mean model score in the bin")
    ax.set_ylabel("Share of texts that truly show the barrier")
    # below the axes, inside the figure: the curves can run anywhere in the square
    handles, names_ = ax.get_legend_handles_labels()
    fig.legend(handles, names_, loc="lower center", ncol=2, frameon=False)
    ax.grid(alpha=0.3)
    ax.set_title(title, fontweight="bold", fontsize=11)
    fig.tight_layout(rect=(0, 0.05 + 0.04 * ((len(labels) + 2) // 2), 1, 1))
    return fig


def score_distributions(report, *, taxonomy: Taxonomy | None = None, bins: int = 20,
                        title: str = "Scores of texts with and without each barrier"):
    """Per label, histograms of scores for gold positives and gold negatives, with the threshold when known."""
    plt = _pyplot()
    labels = list(report.score_samples)
    names = label_names(labels, taxonomy)
    fig, axes = plt.subplots(1, len(labels), figsize=(3.2 * len(labels) + 1, 3.6), sharey=True, squeeze=False)
    edges = np.linspace(0, 1, bins + 1)
    for ax, label in zip(axes[0], labels):
        samples = report.score_samples[label]
        ax.hist(samples["negative"], bins=edges, color="#999999", alpha=0.7, density=True,
                label="barrier absent (gold)")
        ax.hist(samples["positive"], bins=edges, color="#D55E00", alpha=0.6, density=True,
                label="barrier present (gold)")
        ax.set_title(names[label], fontsize=10)
        ax.set_xlabel("Model score")
    axes[0, 0].set_ylabel("Density")
    axes[0, -1].legend(loc="upper right", fontsize=8)
    fig.suptitle(title, fontweight="bold")
    fig.tight_layout()
    return fig


def model_comparison(table: pd.DataFrame, *, taxonomy: Taxonomy | None = None, metric: str = "f1",
                     title: str = "F1 per barrier, by model type"):
    """Grouped bars of *metric* per label for several models: *table* has columns model, label and *metric*."""
    plt = _pyplot()
    models = list(dict.fromkeys(table["model"]))
    labels = list(dict.fromkeys(table["label"]))
    names = label_names(labels, taxonomy)
    width = 0.8 / len(models)
    cmap = plt.get_cmap("tab10")
    fig, ax = plt.subplots(figsize=(10, 4.5))
    for m, model in enumerate(models):
        part = table[table["model"] == model].set_index("label").reindex(labels)
        ax.bar(np.arange(len(labels)) + (m - (len(models) - 1) / 2) * width, part[metric], width=width * 0.95,
               color=cmap(m % 10), label=model)
    ax.set_xticks(np.arange(len(labels)), labels=[names.get(label, label) for label in labels], rotation=10)
    ax.set_ylim(0, 1.16)  # a band above 1 keeps the legend off the bars
    ax.set_yticks(np.linspace(0, 1, 6))
    ax.set_ylabel(f"{metric.upper() if metric == 'f1' else metric} (0-1, higher is better)")
    ax.set_xlabel("Barrier")
    ax.legend(title="Model", loc="upper center", ncol=min(len(models), 4), framealpha=0.95)
    ax.grid(axis="y", alpha=0.3)
    ax.set_title(title, fontweight="bold")
    fig.tight_layout()
    return fig
