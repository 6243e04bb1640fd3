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
# # Corpus analysis: how common is each barrier, and how is it put into words?
#
# **For researchers.** This notebook classifies a whole corpus in one batch with the shipped model and
# then asks three questions of it:
#
# 1. **Prevalence**: what share of texts shows each barrier, with a 95 % confidence interval, and how far
#    the model's estimate is from the human annotation (the sample corpus is labelled, so we can check).
# 2. **Distinctive terms**: which words and phrases are typical of texts with each barrier
#    (log-odds ratio with an informative Dirichlet prior, as in Scattertext).
# 3. **Differences by group**: does prevalence differ between registers (chat, journal, forum, long posts)?
#
# It runs offline on the bundled corpus (`datasets/barriers/dev.csv` and `test.csv`, fictional texts the
# model was not trained on) in well under a minute. Change the settings in the next cell to run it on your own
# corpus: any CSV/JSONL/Parquet file with a `text` column works; the group column is optional.
#
# Run it with `make notebooks` (or `make notebooks-html` for an HTML copy), or open it in Jupyter from the
# `notebooks/` folder.
#
# *A research aid, not a diagnostic tool: labels are a model's statistical guesses about what a text expresses.*

# %% tags=["parameters"]
CORPUS_FILES = ["../datasets/barriers/dev.csv", "../datasets/barriers/test.csv"]
MODEL = None  # a model directory written by `barriers train`; None = the shipped default model
GROUP_COLUMN = "register"  # column to compare groups by
TOP_TERMS = 12  # distinctive terms shown per barrier
MIN_TERM_COUNT = 5  # leave out terms seen fewer times in the whole corpus

# %%
import toolkit
from toolkit import corpus, plots
from toolkit.io import read_many

model = toolkit.load_model(MODEL)
labels = list(model.taxonomy_.ids)
names = plots.label_names(labels)  # tables show these names instead of the label ids
names

# %% [markdown]
# ## 1. Classify the corpus
#
# One call classifies every text; the output keeps the columns we ask for and adds, per barrier, a 0/1
# decision and a score between 0 and 1. `barriers classify` does the same from the command line, in chunks, for
# corpora of any size.

# %%
annotated = read_many(CORPUS_FILES)
classified = toolkit.classify(annotated, model, keep_columns=["id", "text", GROUP_COLUMN, "file"])
print(f"{len(classified):,} texts classified with model {model.model_id}")
classified[["id", GROUP_COLUMN, "labels", *[f"{label}_score" for label in labels]]].head(8).round(3)

# %% [markdown]
# ## 2. Prevalence with 95 % confidence intervals
#
# The share of texts showing each barrier, with a Wilson score interval (it behaves well for small shares and
# small groups, where the textbook ± 1.96·SE interval does not). We compare the model's estimate with the
# annotators' labels of the same texts. **The interval covers sampling error only, not the model's
# errors**: when the model over- or under-detects a barrier, its share is biased, which is why the comparison
# matters before reporting model-based prevalence. The model's shares are **raw classifier counts**, not
# prevalence estimates: on a corpus without labels, label a small random sample and correct them with
# `toolkit.estimate_prevalence` (notebook `04_publishable_prevalence`, `docs/prevalence.md`).

# %%
prevalence = corpus.compare_prevalence({"model": classified, "annotators": annotated}, labels)
prevalence.replace({"label": names}).round(3)

# %%
fig = plots.prevalence_bars(prevalence, by="source",
                            title="Share of texts showing each barrier: model vs annotators (95% interval)")

# %% [markdown]
# ## 3. Distinctive terms per barrier
#
# For each barrier we compare the words of texts the model flags with the words of all other texts. The score
# is the z-score of the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn, 2008):
# the whole corpus serves as the prior, so very frequent words need a lot of evidence to stand out and rare words
# are shrunk towards zero. Single stop words ("the", "and") are left out; phrases keep them, because phrases such
# as "if i" or "my ex" carry the meaning.

# %%
terms = corpus.distinctive_terms(classified, labels, top=TOP_TERMS, min_count=MIN_TERM_COUNT)
fig = plots.distinctive_terms_chart(terms)

# %%
terms[["label", "rank", "term", "count_in", "count_out", "z"]].replace({"label": names}).round(2).head(2 * TOP_TERMS)

# %% [markdown]
# ## 4. Differences between groups
#
# The model's share per group (here: register), with intervals (raw classifier counts again: the intervals
# cover the sampling of texts, not the model's errors; `docs/prevalence.md` shows how to correct them), then a
# chi-square test per barrier of whether the share differs between groups, and Cramér's V as the size of the
# difference (0 = none, 1 = the group decides the label). The p-values are not corrected for testing several
# barriers: the cell prints the Bonferroni threshold (0.05 divided by the number of barriers) to compare them with.

# %%
by_group = corpus.prevalence(classified, labels, by=GROUP_COLUMN)
fig = plots.prevalence_bars(by_group, by=GROUP_COLUMN,
                            title=f"Share of texts showing each barrier, by {GROUP_COLUMN} (95% interval)")

# %%
differences = corpus.group_differences(classified, labels, GROUP_COLUMN)
print(f"Bonferroni threshold for {len(labels)} barriers: 0.05 / {len(labels)} = {0.05 / len(labels):.4f}")
differences.replace({"label": names}).round(4)

# %% [markdown]
# ## 5. Which barriers appear together?
#
# Each row reads: of the texts showing this barrier, the share that also shows the column's barrier.

# %%
fig = plots.cooccurrence_heatmap(corpus.cooccurrence(classified, labels, normalize="conditional"),
                                 title="Of the texts with one barrier, the share that also shows another")

# %% [markdown]
# ## Summary
#
# How close the model's shares came to the annotators' on this corpus, and which barriers differ between groups.

# %%
shares = prevalence.pivot(index="label", columns="source", values="share")
gap = (shares["model"] - shares["annotators"]).abs()
differing = differences.loc[differences["p_value"] < 0.05 / len(labels), "label"]
print(f"{len(classified):,} texts classified. The model's share is within {gap.max():.1%} of the annotators' "
      f"for every barrier (the largest gap: {names[gap.idxmax()]}).")
print(f"Barriers whose share differs between {GROUP_COLUMN} groups at the Bonferroni threshold: "
      f"{', '.join(names[label] for label in differing) or 'none'}.")
