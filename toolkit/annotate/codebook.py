"""The codebook beside an annotation sheet: the taxonomy's definitions as Markdown."""

from __future__ import annotations

from ..taxonomy import Taxonomy, load_taxonomy

SHEET_INSTRUCTIONS = """\
How to fill in the sheet: read each text and code every label on its own.
Write 1 in a label's column when the text shows it and 0 (or nothing) when
it does not. A row with no mark at all counts as not labelled yet, so for a
text with no barrier write 0 in at least one column. Columns starting with
`suggested_` hold the model's guesses; hide them if you want to label blind.
Use the `notes` column for doubts: they help adjudication."""

# The decision rules of the default taxonomy's labels, for the cases where the definitions alone leave
# annotators disagreeing. A custom taxonomy brings its own rules (or none).
DECISION_RULES = (
    "Code what a text expresses about anyone in it: the writer, a partner, a friend, or people in general.",
    "A barrier that is negated or told as overcome is not coded: \"I'm not worried he'd judge me\", "
    "\"I used to hide my feelings, but not any more\".",
    "A question or a hypothetical that voices a barrier is coded: \"what if she thinks I'm ridiculous?\" "
    "is `fear_of_rejection`.",
    "Things that happened in a family (a parent who mocked crying) are `past_experiences`; a family's "
    "norms and unspoken rules (nobody at home talked about feelings) are `cultural_influences`. A text "
    "can carry both.",
    "Fearing to be a burden is `self_doubt`; fearing that the partner will get irritated and withdraw is "
    "`fear_of_rejection`.",
    "Sarcasm and slang are coded by what they mean, not by the words they use.",
    "A label needs evidence in the text: when in doubt, leave it off.",
)

FILE_FORMAT = """\
A labelled file has a `text` column and one 0/1 column per label id, in the
order of the labels above. Optional columns: `id`, `source`, `register`
(journal, chat, forum, article), `notes`, and `evidence` (the span of the
text that carries each positive label)."""


def codebook_markdown(taxonomy: Taxonomy, *, instructions: str = SHEET_INSTRUCTIONS,
                      rules: tuple[str, ...] | None = None, file_format: str | None = None) -> str:
    """The label definitions with their include and exclude notes, for annotators.

    Parameters
    ----------
    taxonomy : Taxonomy
        The labels to describe, in column order.
    instructions : str
        A paragraph placed before the labels ("" leaves it out).
    rules : tuple of str, optional
        Decision rules listed after the labels; ``None`` gives :data:`DECISION_RULES` for the default
        taxonomy and none for any other (the rules speak of the default labels).
    file_format : str, optional
        A closing section on the labelled-file format.

    Examples
    --------
    >>> text = codebook_markdown(load_taxonomy())
    >>> text.splitlines()[0]
    '# Codebook: barriers-to-openness (version 1.0)'
    >>> "## `self_doubt`: Self-doubt" in text, "## Decision rules" in text
    (True, True)
    """
    if rules is None:
        rules = DECISION_RULES if taxonomy.fingerprint == load_taxonomy().fingerprint else ()
    lines = [f"# Codebook: {taxonomy.name} (version {taxonomy.version})", ""]
    if taxonomy.description:
        lines += [taxonomy.description, ""]
    if instructions:
        lines += [instructions, ""]
    lines += ["Labels, in the order of the sheet's columns: " + ", ".join(f"`{i}`" for i in taxonomy.ids) + ".", ""]
    for label in taxonomy.labels:
        lines += [f"## `{label.id}`: {label.name}", "", " ".join(label.definition.split()), ""]
        for title, notes in (("Counts", label.include), ("Does not count", label.exclude)):
            if notes:
                lines += [f"{title}:", ""] + [f"- {note}" for note in notes] + [""]
    if rules:
        lines += ["## Decision rules", ""] + [f"{n}. {rule}" for n, rule in enumerate(rules, 1)] + [""]
    if file_format:
        lines += ["## Files", "", file_format, ""]
    return "\n".join(lines).rstrip() + "\n"


__all__ = ["DECISION_RULES", "FILE_FORMAT", "SHEET_INSTRUCTIONS", "codebook_markdown"]
