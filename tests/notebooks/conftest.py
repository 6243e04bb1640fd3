"""Each notebook runs once per test session; tests read its outputs and the values it computed.

The notebooks hold no checks of their own (people read them as a story). After a notebook's last
cell, one extra cell, added to the in-memory copy only, prints the values named in ``VALUES`` as
JSON; the tests in ``test_notebook_results.py`` assert on them and on the notebook's printed output.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

NOTEBOOK_DIR = Path(__file__).resolve().parents[2] / "notebooks"
VALUES_MARK = "notebook-values: "

# Per notebook: value name -> a Python expression evaluated in the notebook's kernel after its last cell.
# Tables come as lists of row dicts; the tests rebuild them with pandas.
VALUES = {
    "02_corpus_analysis": {
        "classified": "len(classified)",
        "annotated": "len(annotated)",
        "labels": "labels",
        "prevalence": "prevalence[['label', 'source', 'share', 'ci_low', 'ci_high']].to_dict('records')",
        "terms": "terms[['label', 'rank', 'term']].to_dict('records')",
        "differences": "differences[['label', 'p_value']].to_dict('records')",
    },
    "03_model_evaluation": {
        "gates": "[[gate.passed, gate.describe()] for gate in gates]",
        "overall": "{key: report.overall[key] for key in ('macro_f1', 'subset_accuracy', 'mean_ece')}",
        "macro_f1_interval": "list(report.intervals['macro_f1'])",
        "rows": "report.rows",
        "errors": "len(errors)",
        "comparison": "comparison[['model', 'label', 'f1']].to_dict('records')",
    },
    "04_publishable_prevalence": {
        "sample_size": "SAMPLE_SIZE",
        "texts": "len(corpus)",
        "labels": "labels",
        "sampled_by": "sheet['sampled_by'].tolist()",
        "overall": "overall[['label', 'texts', 'labelled', 'estimate', 'low', 'high', 'labelled_low', "
                   "'labelled_high']].to_dict('records')",
        "truth": "truth.to_dict('records')",
        "by_group": "by_group[['label', 'labelled']].to_dict('records')",
    },
}


@dataclass
class ExecutedNotebook:
    """A notebook after execution (its own cells only, with outputs) and the values its tests read."""

    notebook: object = field(repr=False)  # a failing assertion would print every cell
    values: dict = field(repr=False)

    def code_cells(self) -> list:
        return [cell for cell in self.notebook.cells if cell.cell_type == "code"]

    def final_text(self) -> str:
        """What the notebook's last cell printed."""
        return "".join(out.get("text", "") for out in self.code_cells()[-1].outputs)


def _values_cell_source(expressions: dict[str, str]) -> str:
    pairs = ", ".join(f"{name!r}: {expression}" for name, expression in expressions.items())
    # numpy scalars become Python numbers; anything else unknown fails the cell, and so the test.
    return (f"import json as _json\nprint({VALUES_MARK!r} + _json.dumps({{{pairs}}}, "
            "default=lambda value: value.item()))")


def execute_notebook(name: str) -> ExecutedNotebook:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    notebook = nbformat.read(NOTEBOOK_DIR / f"{name}.ipynb", as_version=4)
    expressions = VALUES.get(name)
    if expressions:
        notebook.cells.append(nbformat.v4.new_code_cell(_values_cell_source(expressions)))
    nbclient.NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK_DIR)}}).execute()
    values = {}
    if expressions:
        printed = "".join(out.get("text", "") for out in notebook.cells.pop().outputs)
        line = next(line for line in printed.splitlines() if line.startswith(VALUES_MARK))
        values = json.loads(line.removeprefix(VALUES_MARK))
    return ExecutedNotebook(notebook=notebook, values=values)


@pytest.fixture(scope="session")
def executed_notebook():
    """``executed_notebook(name)``: the notebook run once per session, then served from memory."""
    done: dict[str, ExecutedNotebook] = {}

    def get(name: str) -> ExecutedNotebook:
        if name not in done:
            done[name] = execute_notebook(name)
        return done[name]

    return get
