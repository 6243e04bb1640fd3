import sys

import pandas as pd
import pytest

import toolkit
from toolkit import corpus, plots
from toolkit.errors import MissingExtraError

from ..conftest import DATASET

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")


@pytest.fixture(scope="module")
def classified(default_model):
    frame = pd.read_csv(DATASET / "dev.csv").head(300)
    return toolkit.classify(frame[["id", "text", "register"]], default_model)


def _texts(fig):
    """Every title, axis label, tick label and legend entry of a figure."""
    found = [fig._suptitle.get_text()] if fig._suptitle else []
    for ax in fig.axes:
        found += [ax.get_title(), ax.get_title(loc="left"), ax.get_xlabel(), ax.get_ylabel()]
        found += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    for legend in _legends(fig):
        found += [legend.get_title().get_text()] + [t.get_text() for t in legend.get_texts()]
    return [t for t in found if t]


def _legends(fig):
    return list(fig.legends) + [ax.get_legend() for ax in fig.axes if ax.get_legend() is not None]


def _check_readable(fig, must_show):
    import matplotlib.pyplot as plt

    shown = " | ".join(_texts(fig))
    for text in must_show:
        assert text in shown, f"'{text}' is not in: {shown}"
    fig.canvas.draw()
    # a legend drawn past the figure's edge is cut off when the figure is saved without bbox_inches="tight"
    for legend in _legends(fig):
        box = legend.get_window_extent()
        assert (box.x0 >= -1 and box.y0 >= -1 and box.x1 <= fig.bbox.x1 + 1 and box.y1 <= fig.bbox.y1 + 1), \
            f"legend {legend.get_title().get_text()!r} reaches outside the figure: {box} vs {fig.bbox}"
    visible = [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"]
    # every panel says what its axes are: an axis label, or named categories as tick labels
    assert all(ax.get_xlabel() or ax.get_ylabel() or any(t.get_text() for t in ax.get_yticklabels()) for ax in visible)
    plt.close(fig)


def test_timeline_grid_and_lines(default_model):
    table = toolkit.summarize(DATASET / "samples" / "journal.csv", default_model, freq="W")
    fig = plots.timeline(table)
    panels = [ax for ax in fig.axes if ax.get_label() != "<colorbar>"]
    assert len(panels) == 4  # one panel per client
    cells = [t.get_text() for t in panels[0].texts]
    c01 = table[(table["client_id"] == "C01") & (table["count"] > 0)]
    assert sorted(cells) == sorted(f"{c}/{e}" for c, e in zip(c01["count"], c01["entries"]))
    _check_readable(fig, ["Share of entries showing each barrier per week", "Week starting", "grey: no entries",
                          "client C01", "Fear of rejection and judgment", "Self-doubt"])
    fig = plots.timeline(table, kind="lines")
    _check_readable(fig, ["Share of entries showing each barrier per week", "Week starting", "Barrier", "Self-doubt"])


def test_cooccurrence_heatmap(classified, taxonomy):
    fig = plots.cooccurrence_heatmap(corpus.cooccurrence(classified, taxonomy.ids, normalize="conditional"))
    _check_readable(fig, ["How often barriers appear together", "Texts showing this barrier…"])
    assert fig.axes[0].texts[0].get_text() == "1.00"


def test_prevalence_bars_with_groups(classified, taxonomy):
    fig = plots.prevalence_bars(corpus.prevalence(classified, taxonomy.ids, by="register"), by="register")
    _check_readable(fig, ["95% interval", "Share of texts", "register", "chat", "forum"])


def test_distinctive_terms_chart(classified, taxonomy):
    fig = plots.distinctive_terms_chart(corpus.distinctive_terms(classified, taxonomy.ids, top=5))
    _check_readable(fig, ["Words most distinctive of each barrier", "Cultural and social influences", "z-score"])


def test_evaluation_plots(default_model):
    report = toolkit.evaluate(pd.read_csv(DATASET / "dev.csv").head(300), default_model, n_bootstrap=50)
    _check_readable(plots.f1_bars(report), ["F1 per barrier", "F1", "precision", "recall"])
    _check_readable(plots.reliability_diagram(report), ["Calibration", "perfect calibration", "Past experiences"])
    _check_readable(
        plots.score_distributions(report), ["barrier present (gold)", "barrier absent (gold)", "Model score"]
    )
    table = pd.DataFrame(
        {
            "model": ["linear", "linear", "lexicon", "lexicon"],
            "label": ["self_doubt", "past_experiences"] * 2,
            "f1": [0.8, 0.9, 0.3, 0.4],
        }
    )
    _check_readable(plots.model_comparison(table), ["by model type", "linear", "lexicon", "Self-doubt"])


def test_missing_matplotlib_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(
        MissingExtraError, match=r"plotting needs the optional package 'matplotlib'.*barrier-toolkit\[notebooks\]"
    ):
        plots.cooccurrence_heatmap(pd.DataFrame([[1]], index=["a"], columns=["a"]))


def test_prevalence_estimates_show_every_interval_whole():
    table = pd.DataFrame({"label": ["self_doubt", "past_experiences"], "raw_share": [0.11, 0.15],
                          "labelled_share": [0.1, 0.175], "labelled_low": [0.08, 0.13], "labelled_high": [0.16, 0.2277],
                          "estimate": [0.15, 0.13], "low": [0.12, 0.1], "high": [0.18, 0.15]})
    fig = plots.prevalence_estimates(table)
    for ax in fig.axes:
        if ax.get_visible():
            assert ax.get_xlim()[0] == 0 and ax.get_xlim()[1] >= 0.2277  # the widest interval is not clipped
            low, high = sorted(ax.get_ylim())
            assert low < -0.18 - 0.05 and high > 0.18 + 0.05  # the offset markers sit inside the panel
    _check_readable(fig, ["Self-doubt", "Share of texts", "prediction-powered (PPI++)"])
