"""The notebooks: paired with their scripts, committed without outputs, and executed so they never rot."""

import ast
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
jupytext = pytest.importorskip("jupytext")

NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"
EXPECTED = ["01_explore_client_journal", "02_corpus_analysis", "03_model_evaluation", "04_publishable_prevalence"]
FIGURES = {"01_explore_client_journal": 2, "02_corpus_analysis": 4, "03_model_evaluation": 4,
           "04_publishable_prevalence": 2}
ALLOWED_IMPORTS = {"toolkit", "ipywidgets"}


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
def test_notebook_conventions(name):
    notebook = nbformat.read(NOTEBOOK_DIR / f"{name}.ipynb", as_version=4)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert notebook.cells[0].cell_type == "markdown"  # says who it is for, what it shows, how to run it
    assert "parameters" in code[0].metadata.get("tags", []), "the first code cell holds the parameters"
    assert all(isinstance(node, (ast.Assign, ast.Expr)) for node in ast.parse(code[0].source).body)
    assert code[-1].source.lstrip().startswith("assert") and "all checks passed" in code[-1].source
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
def test_notebook_executes_and_its_checks_pass(name):
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOK_DIR / f"{name}.ipynb", as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK_DIR)}}).execute()
    errors = [out for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs
              if out.output_type == "error"]
    assert not errors
    final = "".join(out.get("text", "") for out in notebook.cells[-1].outputs)
    assert "all checks passed" in final
    figures = sum(1 for cell in notebook.cells if cell.cell_type == "code" for out in cell.outputs
                  if "image/png" in out.get("data", {}))
    assert figures == FIGURES[name]
