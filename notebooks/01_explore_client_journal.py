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
# **For therapists.** Run this notebook from top to bottom (in Jupyter: *Run → Run All Cells*); there is no code
# to edit. It reads a journal export (one row per entry: `entry_id`, `client_id`, `date`, `text`), makes sure it
# holds no personal data, finds the barriers to opening up in each entry, and shows them:
#
# 1. a **privacy check** that refuses a journal still holding names, e-mail addresses, phone numbers and the like,
#    then anonymises it (names become `[PERSON_1]`, the same person keeps the same placeholder within a client);
# 2. **choose a client, a period and a barrier** with the controls in section 2: the overview, the matching entries
#    and the conversation starters follow your choice;
# 3. **every client at a glance**: the same overview for each client over the whole journal, and barriers per week
#    (this part needs no controls, so it also reads in an exported HTML copy);
# 4. which barriers **appear together**;
# 5. the **evidence** for a few entries: the sentences and words behind each score;
# 6. **conversation starters**: general psycho-education notes for the barriers found, in full;
# 7. a **summary** in plain sentences.
#
# It runs offline on the bundled fictional sample journal (`datasets/barriers/samples/journal.csv`) in well under a
# minute; the counts below are computed from it. To use your own export, a colleague sets `JOURNAL` in the next cell
# once. Run it with `make notebooks` (or `make notebooks-html` for an HTML copy), or open it in Jupyter from the
# `notebooks/` folder.
#
# **Please read:** this is a research aid, not a diagnostic tool. The labels are a model's statistical guesses
# about what a text expresses, trained on fictional texts; they can be wrong and say nothing certain about a
# person. Keep the outputs as protected as the journal itself: `make notebooks-html` writes them readable by you
# alone.

# %% tags=["parameters"]
JOURNAL = "../datasets/barriers/samples/journal.csv"  # CSV/JSONL with entry_id, client_id, date, text
MODEL = None  # a model directory written by `barriers train`; None = the shipped default model
PERIOD = "W"  # W = weeks (Monday to Sunday), M = months
EVIDENCE_ENTRIES = 3  # how many entries to show the evidence for

# %%
import ipywidgets as widgets

import toolkit
from toolkit import corpus, plots
from toolkit.anonymize import anonymize_frame, require_anonymised
from toolkit.errors import InputError
from toolkit.explanation import explain_all
from toolkit.io import read_all
from toolkit.summary import client_overviews, journal_overview, summarize_classified

model = toolkit.load_model(MODEL)
labels = list(model.taxonomy_.ids)
names = plots.label_names(labels)
period_name = {"W": "week", "M": "month"}.get(PERIOD, "period")

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
    print("No personal data detected: the journal is used as it is.")
except InputError as refusal:
    refused = True
    print("Refused:", refusal)

# %% [markdown]
# When it is refused, the toolkit anonymises it (rule-based and offline: nothing leaves this machine), keeping
# pseudonyms consistent within each client, so "[PERSON_2]" is the same person in every entry of one client's
# journal. Only the counts are shown; the mapping from placeholders back to names is not kept here. Then the check
# runs again: the analysis below only starts on an anonymised journal.

# %%
replaced = {}
if refused:
    anonymised = anonymize_frame(journal, "text", group_column="client_id")
    replaced = dict(anonymised.counts)
    print("replaced:", ", ".join(f"{count} {kind}" for kind, count in replaced.items()))
    journal = anonymised.frame
require_anonymised(journal["text"])
classified = toolkit.classify(journal, model)
clients = sorted(classified["client_id"].astype(str).unique())
dates = sorted(classified["date"].unique())
print(f"{len(classified)} entries from {len(clients)} clients ({', '.join(clients)}), {dates[0]} to {dates[-1]}, "
      f"classified with model {model.model_id}.")

# %% [markdown]
# ## 2. Choose a client, a period and a barrier
#
# Pick a client, move the ends of the date range and choose a barrier (or "any barrier"): below the controls you
# see that client's entries in the period, how many show each barrier, the strongest matching entries in full and
# the conversation starters for the barrier. Counts are the entries the model flags (raw classifier counts), not
# checked rates. The controls work in Jupyter; in an exported HTML copy they do not, and section 3 shows every
# client instead.

# %%
choose_client = widgets.Dropdown(options=[("all clients", None)] + [(f"client {c}", c) for c in clients],
                                 value=clients[0], description="Client")
choose_dates = widgets.SelectionRangeSlider(options=dates, index=(0, len(dates) - 1), description="Dates",
                                            layout={"width": "640px"})
choose_barrier = widgets.Dropdown(options=[("any barrier", None)] + [(names[label], label) for label in labels],
                                  description="Barrier")


def show_overview(client, period, barrier):
    return journal_overview(classified, labels, model.taxonomy_, client=client, start=period[0], end=period[1],
                            label=barrier)


widgets.interactive(show_overview, client=choose_client, period=choose_dates, barrier=choose_barrier)

# %% [markdown]
# ## 3. Every client at a glance
#
# For each client over the whole journal: the entries showing each barrier, when it was first and last seen, and the
# strongest entries in full. The conversation starters for the barriers found follow in section 6.

# %%
overviews = client_overviews(classified, labels, model.taxonomy_, notes=False)
overviews

# %% [markdown]
# Barriers per week (or month) for each client: the share of that period's entries showing each barrier. The
# darker, the larger the share, and each shaded cell says how many of the period's entries show the barrier
# ("1/2": one of two). With one or two entries a week, a single entry decides a cell, so read patterns over several
# weeks rather than single cells. To report how common a barrier is in a corpus, correct the raw counts with a small
# labelled random sample (`docs/prevalence.md`).

# %%
weekly = summarize_classified(classified, labels, freq=PERIOD)
fig = plots.timeline(weekly, period_name=period_name)

# %% [markdown]
# ## 4. Which barriers appear together?
#
# Counts of entries showing both barriers (the diagonal: entries showing that barrier at all).

# %%
fig = plots.cooccurrence_heatmap(corpus.cooccurrence(classified, labels),
                                 title="Entries showing two barriers together (all clients)")

# %% [markdown]
# ## 5. The evidence behind the scores
#
# For the entries with the strongest barriers: the text tinted by the sentences that carry each barrier, then per
# barrier the words that pushed its score up (underlined in its colour) or down (dotted grey). Hover over the
# text to see the scores. The sentence evidence is real: removing the tinted sentence lowers the barrier's score.

# %%
strongest = journal_overview(classified, labels, model.taxonomy_, max_entries=EVIDENCE_ENTRIES).entries
rows = classified.set_index("entry_id").loc[strongest["entry_id"]]
explained = explain_all(rows["text"], model,
                        sources=[{"file": "journal", "id_column": "entry_id", "id": entry} for entry in rows.index])
explained

# %% [markdown]
# ## 6. Conversation starters
#
# All clients together, with the notes the project wrote from the codebook's sources for every barrier found, in
# full.

# %%
everyone = journal_overview(classified, labels, model.taxonomy_, max_entries=0)
everyone

# %% [markdown]
# ## 7. Summary

# %%
print("Privacy:", "the raw journal held personal data; it was anonymised before analysis ("
      + ", ".join(f"{count} {kind}" for kind, count in replaced.items()) + ")." if refused
      else "no personal data was detected in the journal.")
print()
print(everyone.summary())
print()
print(overviews.summary())
print()
print("These are the entries a model flags, not a diagnosis; read the entries themselves before drawing conclusions.")
