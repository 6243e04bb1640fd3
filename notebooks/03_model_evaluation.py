# ---
# jupyter:
#   jupytext:
#     cell_metadata_filter: tags,-all
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.7
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Model evaluation: how good is the model, where does it fail, can its scores be trusted?
#
# **For CI pipelines and researchers.** This notebook reproduces the numbers and plots of `barriers evaluate`
# on the held-out test split, checks the same quality gates CI checks, looks at the errors, at calibration
# (do scores mean what they say?) and compares model types: the shipped linear model against a sentence-embedding
# (semantic) model and the transparent cue-phrase (lexicon) model, untrained and fitted.
#
# It runs offline on the bundled data (`datasets/barriers/`, fictional texts) in under a minute. Settings are in
# the next cell; point `MODEL` at a model directory from `barriers train` to evaluate your own model.
# Run it with `make notebooks` (or `make notebooks-html`), or open it in Jupyter from the `notebooks/` folder.
#
# *The test split is synthetic: figures on real text are lower (see the README). A research aid, not a
# diagnostic tool.*

# %% tags=["parameters"]
GOLD = "../datasets/barriers/test.csv"  # labelled file to evaluate on
TRAIN = "../datasets/barriers/train.csv"  # for fitting the comparison models
DEV = "../datasets/barriers/dev.csv"  # for its thresholds
MODEL = None  # a model directory; None = the shipped default model
GATES = "../quality-gates.toml"  # the gates CI applies (make gate)
BOOTSTRAP = 300  # resamples for the F1 intervals
GROUP_COLUMNS = ["register", "challenge"]

# %%
import toolkit
from toolkit import plots
from toolkit.evaluation import read_gate_file
from toolkit.evaluation import compare_models
from toolkit.models import LexiconModel

model = toolkit.load_model(MODEL)
names = plots.label_names(model.taxonomy_.ids)  # tables show these names instead of the label ids
report = toolkit.evaluate(GOLD, model, group_by=tuple(GROUP_COLUMNS), n_bootstrap=BOOTSTRAP)
print(f"{report.rows} texts, model {report.meta['model_id']}, "
      f"macro-F1 {report.overall['macro_f1']:.3f} "
      f"[{report.intervals['macro_f1'][0]:.3f}, {report.intervals['macro_f1'][1]:.3f}]")

# %% [markdown]
# ## 1. The report's numbers
#
# Per barrier: precision (of the texts the model flags, the share that truly show the barrier), recall (of the
# texts that show it, the share the model finds), F1 (their harmonic mean) with a 95 % bootstrap interval,
# support (texts that show it), ROC-AUC and average precision (how well scores rank texts, whatever the
# threshold). The last rows are the averages over barriers.

# %%
report.to_frame()[["label", "precision", "recall", "f1", "f1_ci_low", "f1_ci_high", "support", "roc_auc",
                   "average_precision"]].replace({"label": names}).round(3)

# %%
fig = plots.f1_bars(report)

# %% [markdown]
# ## 2. Quality gates
#
# The same gates `make gate` applies in CI: an absolute floor for macro-F1 and each barrier's F1, and a maximum
# drop against the stored baseline.

# %%
settings = read_gate_file(GATES)
gates = report.gates(min_macro_f1=settings.get("min_macro_f1"), min_f1=settings.get("min_f1"),
                     baseline=settings.get("baseline"), max_drop=settings.get("max_drop"))
for gate in gates:
    print(gate.describe())

# %% [markdown]
# ## 3. Error analysis
#
# Counts of each kind of decision per barrier (tp: correctly flagged, fp: flagged but not there, fn: missed,
# tn: correctly left off), then the results per register and per challenge tag. Challenge tags mark texts
# written to be hard: negated or resolved barriers (which must *not* be coded), sarcasm, keyword traps
# (barrier words with another meaning), long off-topic texts, third-person accounts.

# %%
report.per_label[["label", "tp", "fp", "fn", "tn"]].replace({"label": names})

# %%
by_register = report.groups["register"]
by_register[["register", "rows", "macro_f1", "micro_f1", "weighted_f1", "subset_accuracy", "hamming_loss"]].round(3)

# %% [markdown]
# F1 of each barrier per register (rows: barriers, columns: registers):

# %%
(by_register.set_index("register")[[f"f1_{label}" for label in report.labels]].T
 .rename(index=lambda column: names[column.removeprefix("f1_")]).rename_axis(index="F1", columns="register").round(3))

# %%
by_challenge = report.groups["challenge"]
by_challenge[["challenge", "rows", "macro_f1", "micro_f1", "subset_accuracy"]].sort_values("micro_f1").round(3)

# %% [markdown]
# The most confident mistakes: texts whose score sat furthest on the wrong side of its label's threshold (the
# model's score and the threshold are shown). Reading them is the
# quickest way to see what the model has not learnt.

# %%
errors = report.errors
print(f"{len(errors)} of {report.rows} texts have at least one wrong label")
errors[["id", "text", "gold", "predicted", "mistake", "score", "threshold"]].head(8)

# %% [markdown]
# Why did the model get the most confident mistake wrong? The explanation shows the sentences and words behind
# each score (hover over the text for the numbers).

# %%
worst = toolkit.explain(errors["text"].iloc[0], model, source={"file": GOLD, "id": errors["id"].iloc[0]})
print("gold:", errors["gold"].iloc[0] or "(none)", "| predicted:", errors["predicted"].iloc[0] or "(none)")
worst

# %% [markdown]
# ## 4. Calibration
#
# A score of 0.8 should mean "8 in 10 such texts show the barrier". The reliability diagram plots, per score
# bin, the share of texts that truly show the barrier against the mean score: points on the diagonal are well
# calibrated, points below it are over-confident. The Brier score (mean squared error of the scores) and the
# expected calibration error (ECE, the average gap to the diagonal) summarise it; lower is better.

# %%
report.per_label[["label", "brier", "ece"]].replace({"label": names}).round(3)

# %%
fig = plots.reliability_diagram(report)

# %%
fig = plots.score_distributions(report)

# %% [markdown]
# ## 5. Comparison of model types
#
# The shipped linear model against two other model types, each trained on the training split with thresholds
# tuned on the dev split and scored on the same test split:
#
# * **semantic**: sentence embeddings (a small distilled MiniLM shipped with the toolkit) with a logistic regression
#   per barrier; it can match meaning without shared words, but its decisions cannot be traced to single words;
# * **lexicon**: counts the taxonomy's cue phrases, skipping negated ones, fitted (a logistic regression on the cue
#   counts) and untrained (one cue hit gives a score of 0.5). A transparent baseline: how much does learning
#   from data add?

# %%
lexicon_untrained = LexiconModel(taxonomy=model.taxonomy_).fit_unsupervised()
lexicon_fitted = toolkit.train(TRAIN, dev=DEV, model_type="lexicon", taxonomy=model.taxonomy_)
semantic = toolkit.train(TRAIN, dev=DEV, model_type="semantic", taxonomy=model.taxonomy_)
reports = {
    "linear (shipped)": report,
    "semantic": toolkit.evaluate(GOLD, semantic, n_bootstrap=BOOTSTRAP),
    "lexicon, fitted": toolkit.evaluate(GOLD, lexicon_fitted, n_bootstrap=BOOTSTRAP),
    "lexicon, untrained": toolkit.evaluate(GOLD, lexicon_untrained, n_bootstrap=BOOTSTRAP),
}
comparison = compare_models(reports)
comparison[comparison["label"] == "(macro)"].drop(columns="label").round(3)

# %%
fig = plots.model_comparison(comparison[comparison["label"] != "(macro)"])

# %% [markdown]
# ## Summary
#
# The figures to quote, and which model type came out ahead.

# %%
macro = comparison[comparison["label"] == "(macro)"].set_index("model")["f1"]
print(f"Macro-F1 {report.overall['macro_f1']:.3f} on {report.rows:,} test texts; "
      f"{sum(gate.passed for gate in gates)} of {len(gates)} quality gates passed; "
      f"mean calibration error (ECE) {report.overall['mean_ece']:.3f}.")
print(f"Best model type by macro-F1: {macro.idxmax()} ({macro.max():.3f}); "
      f"lowest: {macro.idxmin()} ({macro.min():.3f}).")
