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
# # Corpus figures you can publish: prevalence with valid intervals from a small labelled sample
#
# **For researchers** who want to report *how often* each barrier shows up in a corpus, overall and per group.
#
# The share of texts a classifier flags is a **raw classifier count**. It is only as right as the model is on
# *your* texts, and on a corpus unlike its training data it can be far off (on real counselling questions the
# shipped model flags self-doubt several times as often as annotators find it). This notebook walks the path
# that gives a number you can publish:
#
# 1. classify the whole corpus;
# 2. draw a **simple random sample** of it and have a person label it (here we take the labels from the gold
#    columns of the bundled corpus, which stands in for that person);
# 3. combine both with **prediction-powered inference** (PPI++): the model's predictions on every text, corrected
#    by its errors on the labelled sample. The estimate is unbiased whatever the model's errors, and its interval
#    is narrower than the labelled sample alone would give whenever the model is informative;
# 4. compare raw, labelled-only and corrected shares, overall and per group.
#
# It runs offline on the bundled synthetic corpus (`datasets/barriers/test.csv`, fictional texts the model was
# not trained on) in well under a minute. The same steps on the command line: `barriers classify`,
# `barriers annotate sample --strategy random`, `barriers prevalence`. Method and simulations:
# `docs/prevalence.md`.
#
# Run it with `make notebooks`, or open it in Jupyter from the `notebooks/` folder.
#
# *A research aid, not a diagnostic tool: labels are a model's statistical guesses about what a text expresses.*

# %% tags=["parameters"]
CORPUS = "../datasets/barriers/test.csv"
MODEL = None  # a model directory written by `barriers train`; None = the shipped default model
SAMPLE_SIZE = 200  # texts a person labels
GROUP_COLUMN = "register"  # column to estimate per group
SEED = 0

# %%
import toolkit
from toolkit import plots
from toolkit.annotate.sampling import sample_for_annotation
from toolkit.io import read_all

model = toolkit.load_model(MODEL)
labels = list(model.taxonomy_.ids)
names = plots.label_names(labels)  # tables show these names instead of the label ids
corpus = read_all(CORPUS)
print(f"{len(corpus):,} texts; groups: {', '.join(sorted(corpus[GROUP_COLUMN].unique()))}")

# %% [markdown]
# ## 1. Classify the whole corpus
#
# The classifier sees only the ids, the group column and the texts: the gold labels stay hidden, as they
# would be in a corpus of your own.

# %%
predictions = toolkit.classify(corpus[["id", GROUP_COLUMN, "text"]], model, id_column="id")
predictions[["id", GROUP_COLUMN, "labels", *[f"{label}_score" for label in labels]]].head(5).round(3)

# %% [markdown]
# ## 2. Draw a random sample and label it
#
# `sample_for_annotation(..., strategy="random")` (or `barriers annotate sample --strategy random`) writes a sheet
# of randomly chosen texts with empty label columns and their ids. **The sample must be random**: texts picked
# because the model was unsure of them (the `uncertainty` strategy, good for training) would not represent the
# corpus, and `estimate_prevalence` refuses such a sheet. Here the gold columns fill in the labels.

# %%
sheet = sample_for_annotation(corpus, model, n=SAMPLE_SIZE, strategy="random", id_column="id", seed=SEED)
gold = corpus.set_index("id")
for label in labels:
    sheet[label] = gold.loc[sheet["id"], label].astype(int).to_numpy()
sheet[["id", *labels, "sampled_by"]].head(5)

# %% [markdown]
# ## 3. Estimate prevalence, overall
#
# Per barrier: the **raw share** the model flags; the **labelled share** of the sample alone with its Wilson
# interval; the **prediction-powered estimate** with its interval; and `labelled_needed`, how many labelled texts
# the labelled share alone would need for an interval as narrow (`gain` = that number divided by the sample size).
# The labelled texts are taken out of the unlabelled part by their ids.

# %%
overall = toolkit.estimate_prevalence(predictions, sheet)
overall[["label", "texts", "labelled", "raw_share", "labelled_share", "labelled_low", "labelled_high", "estimate",
         "low", "high", "labelled_needed", "gain"]].replace({"label": names})

# %% [markdown]
# The bundled corpus is fully labelled, so here (and only here) we can see the true shares. A 95 % interval
# misses the truth in about one of twenty cases by design.

# %%
truth = corpus[labels].astype(int).mean().rename("share").rename_axis("label").reset_index()
fig = plots.prevalence_estimates(overall, truth=truth)

# %% [markdown]
# ## 4. Per group
#
# The same per group. Each group's estimate rests on the labelled texts that fall into it, so small groups get
# wide intervals; a group with fewer than 30 labelled texts gets a note instead of an interval (label more texts
# from it, or merge groups).

# %%
by_group = toolkit.estimate_prevalence(predictions, sheet, by=GROUP_COLUMN)
truth_by_group = (corpus.groupby(GROUP_COLUMN)[labels].agg(lambda v: v.astype(int).mean()).reset_index()
                  .melt(id_vars=GROUP_COLUMN, var_name="label", value_name="share"))
fig = plots.prevalence_estimates(by_group, by=GROUP_COLUMN, truth=truth_by_group,
                                 title=f"Raw share flagged vs corrected prevalence by {GROUP_COLUMN} (95% intervals)")

# %%
notes = by_group.loc[by_group["note"].fillna("") != "", [GROUP_COLUMN, "note"]].drop_duplicates()
for group, note in notes.itertuples(index=False):
    print(f"{GROUP_COLUMN} {group}: {note}")
by_group[[GROUP_COLUMN, "label", "labelled", "raw_share", "estimate", "low", "high", "gain"]].replace({"label": names})

# %% [markdown]
# ## 5. Which number to trust
#
# - **Raw share flagged** (`raw_share`, and the shares of `barriers classify` and `barriers summarize`): what the
#   model says. Fine for exploring and for comparing groups *the model handles equally well*; never a prevalence to
#   publish, because its error is the model's error on your texts, which nothing here measures.
# - **Labelled share** (`labelled_share`, Wilson interval): honest, needs no model, but wide: a sample of 200 gives
#   roughly ± 5 points for a barrier in a fifth of the texts.
# - **Prediction-powered estimate** (`estimate`, `low`, `high`): the one to publish. It is as honest as the
#   labelled share (the labelled sample corrects the model's bias) and narrower when the model is informative;
#   when the model is poor on your texts, it falls back to about the labelled share and says so with a `gain` near 1.
#   It needs a *random* sample from the *same* corpus, labelled by the codebook.
# - **Label-free corrections** (`barriers prevalence` without `--labelled`): each rests on an assumption named in
#   its column (calibrated scores, stable error rates, a pure shift in label shares) that nothing checks on your
#   corpus. Use them to plan, not to publish.
# - **Rare barriers and small groups**: with fewer than about ten expected positives in the sample, intervals are
#   wide and rest mostly on the labelled texts; the toolkit's Wilson-type interval keeps its coverage there, where
#   the usual normal interval does not (the simulations in `docs/prevalence.md`).

# %% [markdown]
# ## Summary
#
# How the prediction-powered intervals did here, where the true shares are known.

# %%
checks = overall.set_index("label").join(truth.set_index("label"))
covered = int(((checks["low"] <= checks["share"]) & (checks["share"] <= checks["high"])).sum())
narrower = int(((overall["high"] - overall["low"]) < (overall["labelled_high"] - overall["labelled_low"])).sum())
print(f"the prediction-powered interval covers the true share for {covered} of {len(labels)} barriers; "
      f"it is narrower than the labelled-only interval for {narrower}")
