"""Data flows one way: a module never imports a module of a higher layer."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "toolkit"
# Lower number = lower layer. Modules in one layer may import each other.
LAYERS = {
    "_version": 0, "errors": 0, "logs": 0, "progress": 0,
    "taxonomy": 1, "outputs": 1.5,
    "io": 2, "provenance": 2, "resume": 2.5,
    "text": 3, "language": 3,
    "anonymize": 3.5,  # between text and labelled: imports only errors, io and text
    "annotate.agreement": 0, "annotate.codebook": 1,
    "labelled": 4, "evidence": 4, "annotate.importers": 4,
    "annotate.sheets": 5,
    "persist": 5,
    "models": 6,
    "classify": 7, "train": 7, "adapt": 7, "annotate.sampling": 7, "engine": 7, "dask_engine": 7, "run": 7,
    "evaluate": 8, "compare": 8, "explain": 8, "highlight": 8, "summarize": 8, "prevalence": 8, "corpus": 8, "annotate.curve": 8,
    "report": 9, "plots": 9,
    "cli": 10, "__main__": 10,
    # The annotate package spans layers; its __init__ imports none of its modules.
    "annotate": 0,
}


def layer_of(module: str) -> int:
    """Layer of the longest dotted prefix of *module* that LAYERS names."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in LAYERS:
            return LAYERS[".".join(parts[:end])]
    raise KeyError(f"toolkit.{module} has no layer: add it to LAYERS")


def toolkit_imports(path: Path) -> set[str]:
    package_parts = path.relative_to(PACKAGE).parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package_parts[: len(package_parts) - (node.level - 1)])
            target = ".".join(base + ([node.module] if node.module else []))
            if target:
                found.add(target)
            else:
                found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("toolkit."):
            found.add(node.module.removeprefix("toolkit."))
    return found


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_upward_imports(path):
    if path.name == "__init__.py" and path.parent == PACKAGE:
        pytest.skip("the package root re-exports the public API")
    own = ".".join(path.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
    for target in toolkit_imports(path):
        assert layer_of(target) <= layer_of(own), f"{own} (layer {layer_of(own)}) imports {target} (layer {layer_of(target)})"
