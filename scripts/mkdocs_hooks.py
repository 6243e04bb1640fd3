"""MkDocs hooks for the documentation site (mkdocs.yml).

- A line ``<!-- barriers model info -->`` in a page is replaced by what ``barriers model info`` prints
  for the shipped model, so the model card page always shows the card of the model in this checkout.
- The docstrings cross-reference in Sphinx's roles (``:func:`name```), which mkdocstrings leaves as
  text; the role prefix is dropped, so the name shows as code.
"""

from __future__ import annotations

import re

MARKER = "<!-- barriers model info -->"
SPHINX_ROLE = re.compile(r":(?:func|class|data|meth|mod|attr|exc|obj):(?=<code>)")


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    from click.testing import CliRunner

    from toolkit.cli import cli
    from toolkit.models import default_model_path

    result = CliRunner().invoke(cli, ["model", "info"])
    if result.exit_code != 0:
        raise RuntimeError(f"'barriers model info' failed on {page.file.src_uri}: {result.output}")
    # The path as in the repository, not as on the machine that built the site.
    card = result.output.rstrip().replace(str(default_model_path()), "toolkit/data/default_model")
    return markdown.replace(MARKER, f"```text\n{card}\n```")


def on_page_content(html, page, config, files):
    return SPHINX_ROLE.sub("", html)
