"""MkDocs hooks for the documentation site (mkdocs.yml): pages that show the shipped model's card.

A line ``<!-- barriers model info -->`` in a page is replaced by what ``barriers model info`` prints for
the shipped model, so the model card page always shows the card of the model in this checkout.
"""

from __future__ import annotations

MARKER = "<!-- barriers model info -->"


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    from click.testing import CliRunner

    from toolkit.cli import cli

    result = CliRunner().invoke(cli, ["model", "info"])
    if result.exit_code != 0:
        raise RuntimeError(f"'barriers model info' failed on {page.file.src_uri}: {result.output}")
    return markdown.replace(MARKER, f"```text\n{result.output.rstrip()}\n```")
