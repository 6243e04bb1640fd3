"""The codebook beside an annotation sheet: the taxonomy's definitions as Markdown."""

from __future__ import annotations

from ..taxonomy import Taxonomy

SHEET_INSTRUCTIONS = """\
How to fill in the sheet: read each text and code every label on its own.
Write 1 in a label's column when the text shows it and 0 (or nothing) when
it does not. A row with no mark at all counts as not labelled yet, so for a
text with no barrier write 0 in at least one column. Columns starting with
`suggested_` hold the model's guesses; hide them if you want to label blind.
Use the `notes` column for doubts: they help adjudication."""


def codebook_markdown(taxonomy: Taxonomy, *, instructions: str = SHEET_INSTRUCTIONS) -> str:
    """The label definitions with their include and exclude notes, for annotators.

    Examples
    --------
    >>> from toolkit.taxonomy import load_taxonomy
    >>> text = codebook_markdown(load_taxonomy())
    >>> text.splitlines()[0]
    '# Codebook: barriers-to-openness (version 1.0)'
    >>> "## `self_doubt`: Self-doubt" in text
    True
    """
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
    return "\n".join(lines).rstrip() + "\n"


__all__ = ["SHEET_INSTRUCTIONS", "codebook_markdown"]
