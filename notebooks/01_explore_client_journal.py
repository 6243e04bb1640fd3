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
# # Exploring a client journal: which barriers show up, for whom, when, and in which words?
#
# **For therapists.** This notebook reads a journal export (one row per entry: `client_id`, `date`, `text`),
# makes sure it holds no personal data, finds the barriers to opening up in each entry, and shows them:
#
# 1. a **privacy check** that refuses a journal still holding names, e-mail addresses, phone numbers and the like,
#    then anonymises it (names become `[PERSON_1]`, the same person keeps the same placeholder within a client);
# 2. **barriers per week** for each client;
# 3. which barriers **appear together**;
# 4. the **evidence** for a few entries: the sentences and words behind each score;
# 5. an **interactive filter** by barrier, date and score;
# 6. **conversation starters**: general psycho-education notes for the barriers found.
#
# It runs offline on the bundled fictional sample (`datasets/barriers/samples/journal.csv`, four clients, 127
# entries) in well under a minute. To use your own export, change `JOURNAL` in the next cell.
# Run it with `make notebooks` (or `make notebooks-html`), or open it in Jupyter from the `notebooks/` folder.
#
# **Please read:** this is a research aid, not a diagnostic tool. The labels are a model's statistical guesses
# about what a text expresses, trained on fictional texts; they can be wrong and say nothing certain about a
# person. Keep the outputs as protected as the journal itself.

# %% tags=["parameters"]
JOURNAL = "../datasets/barriers/samples/journal.csv"  # CSV/JSONL with client_id, date, text
MODEL = None  # a model directory written by `barriers train`; None = the shipped default model
PERIOD = "W"  # W = weeks (Monday to Sunday), M = months
EVIDENCE_ENTRIES = 3  # how many entries to show the evidence for
FILTER_MIN_SCORE = 0.5  # starting value of the score filter

# %%
import ipywidgets as widgets

import toolkit
from toolkit import corpus, plots
from toolkit.anonymize import anonymize_frame, require_anonymised
from toolkit.errors import InputError
from toolkit.explain import explain_all
from toolkit.io import read_all
from toolkit.summarize import filter_entries, strategy_notes, summarize_classified
from toolkit.taxonomy import STRATEGY_NOTICE

model = toolkit.load_model(MODEL)
labels = list(model.taxonomy_.ids)
names = plots.label_names(labels)

# %% [markdown]
# ## 1. Privacy check
#
# The toolkit refuses to analyse texts that still contain detectable personal data. The raw sample journal
# does (it mentions partners, friends and an e-mail address by name), so the check stops it, naming the rows and
# the kinds of data but never the data itself:

# %%
journal = read_all(JOURNAL)
try:
    require_anonymised(journal["text"])
    refused = False
except InputError as refusal:
    refused = True
    print("Refused:", refusal)

# %% [markdown]
# We anonymise it with the toolkit (rule-based and offline: nothing leaves this machine), keeping pseudonyms
# consistent within each client, so "[PERSON_2]" is the same person in every entry of one client's journal. Only
# the counts are shown; the mapping from placeholders back to names is not kept here. Then the check runs
# again and must pass.

# %%
if refused:
    anonymised = anonymize_frame(journal, "text", group_column="client_id")
    print("replaced:", ", ".join(f"{count} {kind}" for kind, count in anonymised.counts.items()))
    journal = anonymised.frame
require_anonymised(journal["text"])
journal.head(3)

# %% [markdown]
# ## 2. Barriers per week
#
# Each entry is classified: per barrier a score between 0 and 1 and a yes/no decision. Below, for each client
# and week, the share of that week's entries showing each barrier: the darker, the larger the share, and each
# shaded cell says how many of the week's entries show the barrier ("1/2": one of two). With one or two entries a
# week, a single entry decides a cell, so read patterns over several weeks rather than single cells. These
# are the entries the model flags (raw classifier counts), not checked rates: to report how common a barrier is
# in a corpus, correct them with a small labelled random sample (`docs/prevalence.md`).

# %%
classified = toolkit.classify(journal, model)
weekly = summarize_classified(classified, labels, freq=PERIOD)
fig = plots.timeline(weekly, period_name={"W": "week", "M": "month"}.get(PERIOD, "period"))

# %% [markdown]
# The same per client over the whole journal: how many entries show each barrier, when it was first and last
# seen, and the entry where it is strongest.

# %%
overall = summarize_classified(classified, labels)
overall[overall["count"] > 0][["client_id", "label", "entries", "count", "share", "first_seen", "last_seen",
                               "example_id", "example_score"]].round({"share": 3, "example_score": 3})

# %% [markdown]
# ## 3. Which barriers appear together?
#
# Counts of entries showing both barriers (the diagonal: entries showing that barrier at all).

# %%
fig = plots.cooccurrence_heatmap(corpus.cooccurrence(classified, labels),
                                 title="Entries showing two barriers together (all clients)")

# %% [markdown]
# ## 4. The evidence behind the scores
#
# For the entries with the strongest barriers: the text tinted by the sentences that carry each barrier, then per
# barrier the words that pushed its score up (underlined in its colour) or down (dotted grey). Hover over the
# text to see the scores. The sentence evidence is real: removing the tinted sentence lowers the barrier's score.

# %%
strongest = filter_entries(classified, labels).head(EVIDENCE_ENTRIES)
explained = explain_all(strongest["text"], model,
                        sources=[{"file": "journal", "id_column": "entry_id", "id": entry, "row": int(row) + 1}
                                 for entry, row in zip(strongest["entry_id"], strongest.index)])
explained

# %% [markdown]
# ## 5. Find entries: filter by barrier, date and score
#
# Move the controls to list the matching entries, strongest first; `score` is the score of the chosen barrier
# (with "any barrier": the strongest barrier the entry shows). In a static copy of this notebook the controls do
# not work; the table below them shows the starting filter.

# %%
dates = sorted(classified["date"].unique())
columns = ["entry_id", "client_id", "date", "labels", "score", "text"]


def show_entries(barrier, period, min_score):
    return filter_entries(classified, labels, label=barrier, start=period[0], end=period[1],
                          min_score=min_score)[columns].round(2)


controls = widgets.interactive(
    show_entries,
    barrier=widgets.Dropdown(options=[("any barrier", None)] + [(names[label], label) for label in labels],
                             description="Barrier"),
    period=widgets.SelectionRangeSlider(options=dates, index=(0, len(dates) - 1), description="Dates",
                                        layout={"width": "600px"}),
    min_score=widgets.FloatSlider(value=FILTER_MIN_SCORE, min=0, max=1, step=0.05, description="Min score"),
)
controls

# %%
starting_filter = show_entries(None, (dates[0], dates[-1]), FILTER_MIN_SCORE)
starting_filter.head(10)

# %% [markdown]
# ## 6. Conversation starters
#
# For the barriers found in this journal, the notes the project wrote from the codebook's sources.

# %%
print(STRATEGY_NOTICE)
found = [label for label in labels if classified[label].sum() > 0]
strategy_notes(model.taxonomy_, found)[["barrier", "note"]]

# %% [markdown]
# ## Checks
#
# The key results; the test suite runs this notebook, so these checks keep it working.

# %%
assert refused, "the raw sample journal holds personal data and must be refused"
require_anonymised(classified["text"])
assert len(classified) == len(journal) and set(weekly["client_id"]) == set(journal["client_id"])
assert weekly["share"].between(0, 1).all() and (weekly["count"] <= weekly["entries"]).all()
assert len(found) == len(labels), found  # every barrier shows up somewhere in the sample
for explanation in explained:
    assert explanation.positive_labels
    label = explanation.positive_labels[0]
    top = explanation[label].evidence[0]
    without = explanation.text[: top.start] + explanation.text[top.end :]
    assert model.predict_proba([without])[0, labels.index(label)] < explanation[label].score
assert len(starting_filter) and (starting_filter["score"] >= FILTER_MIN_SCORE).all()
print("all checks passed")
