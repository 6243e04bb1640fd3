"""The notebooks: paired with their scripts, committed without outputs, and executed so they never rot."""

import ast
import importlib.util
import re
import stat
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
jupytext = pytest.importorskip("jupytext")

NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"
EXPECTED = ["01_explore_client_journal", "02_corpus_analysis", "03_model_evaluation", "04_publishable_prevalence"]
FIGURES = {"01_explore_client_journal": 2, "02_corpus_analysis": 4, "03_model_evaluation": 4,
           "04_publishable_prevalence": 2}
ALLOWED_IMPORTS = {"toolkit", "ipywidgets"}
# Therapists and researchers read the notebooks as a story ending in a summary; their checks live in the test
# suite (tests/unit/test_client_journal.py for 01, tests/notebooks/test_notebook_results.py for the others).
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "export_notebooks.py"


def export_module():
    spec = importlib.util.spec_from_file_location("export_notebooks", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _cells(notebook) -> list[tuple[str, str]]:
    return [(cell.cell_type, cell.source.strip()) for cell in notebook.cells]


def test_every_notebook_has_its_script_and_the_expected_ones_exist():
    notebooks = sorted(p.stem for p in NOTEBOOK_DIR.glob("*.ipynb"))
    scripts = sorted(p.stem for p in NOTEBOOK_DIR.glob("*.py"))
    assert notebooks == scripts
    assert set(EXPECTED) <= set(notebooks)


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_and_script_are_in_sync(name):
    notebook = nbformat.read(NOTEBOOK_DIR / f"{name}.ipynb", as_version=4)
    script = jupytext.read(NOTEBOOK_DIR / f"{name}.py", fmt="py:percent")
    assert _cells(notebook) == _cells(script), f"run: jupytext --sync notebooks/{name}.ipynb"
    assert notebook.metadata["jupytext"]["formats"] == "ipynb,py:percent"
    assert notebook.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_is_committed_without_outputs(name):
    notebook = nbformat.read(NOTEBOOK_DIR / f"{name}.ipynb", as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"clear the outputs of {name}.ipynb"
    assert "widgets" not in notebook.metadata


@pytest.mark.parametrize("name", EXPECTED)
def test_markdown_quotes_no_fixed_counts_of_the_data(name):
    """Counts of rows, entries, texts or clients in prose go stale when the data changes: the code prints them."""
    notebook = nbformat.read(NOTEBOOK_DIR / f"{name}.ipynb", as_version=4)
    prose = " ".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    stale = re.findall(r"\b\d[\d,.]*\s+(?:clients|entries|texts|rows|journal entries|posts)\b"
                       r"|\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve)\s+clients\b", prose, re.I)
    assert not stale, f"{name} quotes {stale} in markdown; print the count from the data instead"


@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_conventions(name):
    notebook = nbformat.read(NOTEBOOK_DIR / f"{name}.ipynb", as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert notebook.cells[0].cell_type == "markdown"  # says who it is for, what it shows, how to run it
    assert "parameters" in code[0].metadata.get("tags", []), "the first code cell holds the parameters"
    assert all(isinstance(node, (ast.Assign, ast.Expr)) for node in ast.parse(code[0].source).body)
    asserts = [node for cell in code for node in ast.walk(ast.parse(cell.source)) if isinstance(node, ast.Assert)]
    assert not asserts, f"{name} is read as a story: move its checks to the test suite"
    assert "summary" in notebook.cells[-2].source.lower() and "print(" in code[-1].source
    imported = set()
    for cell in code:
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                imported.add(node.module.split(".")[0])
    assert imported <= ALLOWED_IMPORTS, f"{name} imports {sorted(imported - ALLOWED_IMPORTS)}; analysis belongs in toolkit"


@pytest.mark.slow
@pytest.mark.notebook
@pytest.mark.parametrize("name", EXPECTED)
def test_notebook_executes_and_ends_with_its_summary(name, executed_notebook):
    """Runs without an error, draws its figures and prints its summary (tests/notebooks/test_notebook_results.py
    checks the figures the summaries give)."""
    executed = executed_notebook(name)
    code = executed.code_cells()
    errors = [out for cell in code for out in cell.outputs if out.output_type == "error"]
    assert not errors
    final = executed.final_text()
    if name == "01_explore_client_journal":
        from toolkit.io import read_all

        entries = len(read_all(NOTEBOOK_DIR.parent / "datasets" / "barriers" / "samples" / "journal.csv"))
        assert f"All clients: {entries} entries" in final and "Privacy:" in final
    else:
        assert final.strip(), f"the summary cell of {name} printed nothing"
    figures = sum(1 for cell in code for out in cell.outputs if "image/png" in out.get("data", {}))
    assert figures == FIGURES[name]


def test_exported_html_is_self_contained_and_owner_only(tmp_path):
    """A notebook with a figure, a widget and nbconvert's CDN scripts becomes one 0600 page that loads nothing."""
    pytest.importorskip("nbconvert")
    module = export_module()
    notebook = nbformat.v4.new_notebook(metadata={"widgets": {"application/vnd.jupyter.widget-state+json": {}}})
    notebook.cells = [nbformat.v4.new_markdown_cell("# Title\n\nSome $x^2$ maths."),
                      nbformat.v4.new_code_cell("controls", outputs=[nbformat.v4.new_output(
                          "display_data", data={module.WIDGET_VIEW: {"model_id": "model-7f3e9a", "version_major": 2,
                                                                     "version_minor": 0},
                                                "text/plain": "interactive(...)"})])]
    page = module.offline_html(notebook)
    assert module.remote_loads(page) == []
    assert "model-7f3e9a" not in page and "work when the notebook is open in Jupyter" in page
    assert module.remote_loads('<script src="https://cdn.example/x.js"></script>')  # the check can fail
    assert module.remote_loads("<style>@import url('https://fonts.example/f.css');</style>")


@pytest.mark.slow
@pytest.mark.notebook
def test_export_script_writes_owner_only_files_and_refuses_missing_notebooks(tmp_path):
    module = export_module()
    dest = tmp_path / "out"
    source = tmp_path / "tiny.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("print(1 + 1)")],
                                            metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                                     "language": "python"}}), source)
    assert module.main(["--to", "html", "--output-dir", str(dest), str(source)]) == 0
    written = dest / "tiny.html"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert module.remote_loads(written.read_text()) == [] and "2" in written.read_text()
    assert module.main(["--to", "html", "--output-dir", str(dest), str(tmp_path / "missing.ipynb")]) == 2


@pytest.mark.slow
@pytest.mark.notebook
def test_journal_notebook_exports_offline(tmp_path):
    module = export_module()
    written = module.export(NOTEBOOK_DIR / "01_explore_client_journal.ipynb", tmp_path, "html")
    page = written.read_text()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert module.remote_loads(page) == [] and "data:image/png;base64" in page
    from toolkit.io import read_all

    clients = set(read_all(NOTEBOOK_DIR.parent / "datasets" / "barriers" / "samples" / "journal.csv")["client_id"])
    assert all(f"Client {client}</h3>" in page for client in clients)  # the static overview of every client
