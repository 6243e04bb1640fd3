"""Execute the notebooks and write them as owner-only, self-contained copies
(``make notebooks``, ``make notebooks-html``).

The copies hold client data, so they follow the toolkit's output rules
(:mod:`toolkit.outputs`): each is written to a temporary 0600 file and renamed
into place when complete. An HTML copy loads nothing from the network when it
is opened: nbconvert's template links require.js, MathJax and the widget
manager from CDNs; those tags are dropped (the notebooks need none of them:
figures are inline PNG, tables HTML), interactive controls are replaced by a
note, and the page is checked for any resource still loaded over http(s).

Usage::

    python scripts/export_notebooks.py --to html --output-dir out/notebooks notebooks/*.ipynb
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from toolkit.errors import InputError
from toolkit.outputs import write_output_text

# Notebooks read by people who do not read code (therapists): their HTML copy shows the prose and results only.
READER_NOTEBOOKS = {"01_explore_client_journal"}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_NOTE = ("<p><em>Interactive controls: they work when the notebook is open in Jupyter. This copy shows every "
               "client's overview in the next section instead.</em></p>")
# A tag that makes the browser fetch something: a script, stylesheet, image, frame or font over http(s).
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>", re.I)
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I)
_MATHJAX_CONFIG = re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.I | re.S)
REMOTE_LOAD = re.compile(r"<(?:script|link|img|iframe|source|audio|video|embed)\b[^>]*\b(?:src|href)\s*=\s*[\"']?"
                         r"(?:https?:)?//|@import\s+(?:url\()?[\"']?(?:https?:)?//|url\([\"']?(?:https?:)?//", re.I)


def remote_loads(page: str) -> list[str]:
    """The places in *page* that would load a resource over the network (empty when self-contained)."""
    return [page[max(0, m.start() - 20): m.end() + 60] for m in REMOTE_LOAD.finditer(page)]


def without_widgets(notebook):
    """*notebook* with widget views replaced by a note and the widget state dropped (it needs a CDN script)."""
    notebook.metadata.pop("widgets", None)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                output["data"] = {"text/html": WIDGET_NOTE, "text/plain": "(interactive controls: open in Jupyter)"}
    return notebook


def offline_html(notebook, *, code: bool = True) -> str:
    """An executed *notebook* as one HTML page that loads nothing from the network (without its code if not *code*)."""
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", embed_images=True, exclude_input=not code,
                            exclude_input_prompt=not code, exclude_output_prompt=not code)
    page, _ = exporter.from_notebook_node(without_widgets(notebook))
    page = _MATHJAX_CONFIG.sub("", page)
    page = _REMOTE_SCRIPT.sub("", page)
    page = _REMOTE_LINK.sub("", page)
    left = remote_loads(page)
    if left:
        raise RuntimeError(f"the HTML still loads {len(left)} resource(s) from the network, first: {left[0]!r}; "
                           "drop them in scripts/export_notebooks.py")
    return page


def execute(path: Path, timeout: int = 300):
    """Run the notebook at *path* from its own folder (its data paths are relative to it)."""
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=timeout, kernel_name="python3",
                   resources={"metadata": {"path": str(path.resolve().parent)}}).execute()
    return notebook


def export(path: Path, output_dir: Path, to: str) -> Path:
    """Execute *path* and write it to *output_dir* as ``.html`` or ``.ipynb``, mode 0600; returns the file written."""
    import nbformat

    notebook = execute(path)
    if to == "html":
        dest, text = output_dir / f"{path.stem}.html", offline_html(notebook, code=path.stem not in READER_NOTEBOOKS)
    else:
        dest, text = output_dir / path.name, nbformat.writes(notebook)
    write_output_text(dest, text, what=f"{to} copy of {path.name}", stdout=False, private=True)
    return dest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--to", choices=["html", "notebook"], default="html")
    parser.add_argument("--output-dir", type=Path, required=True)
    args = parser.parse_args(argv)
    missing = [str(p) for p in args.notebooks if not p.is_file()]
    if missing:
        print(f"error: notebook '{missing[0]}' does not exist; pass paths to .ipynb files", file=sys.stderr)
        return 2
    args.output_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    for path in args.notebooks:
        start = time.monotonic()
        try:
            dest = export(path, args.output_dir, args.to)
        except InputError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(f"{path.name}: {time.monotonic() - start:.0f} s -> {dest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
