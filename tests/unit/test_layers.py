"""Data flows one way: a module never imports a module of a higher layer."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "toolkit"
# Lower number = lower layer. A module imports only modules of a strictly lower layer, so two modules that
# share a layer never import each other; the one exception is a subpackage (models, anonymize, cli), whose
# modules form one layer and import each other freely. The annotate package is no such unit: its modules sit
# at the layers of what they use, and its __init__ imports none of them.
LAYERS = {
    "_version": 0, "errors": 0, "annotate.agreement": 0, "progress": 0,
    # metrics: numpy only (F1, calibration error, sigmoid) for models and evaluation
    "logs": 0.5, "metrics": 0.5, "figures": 0.7,
    "taxonomy": 1, "outputs": 1,
    "annotate.codebook": 1.5, "layouts": 1.5, "ids": 1.5,
    "transcripts": 1.8,
    "io": 2, "provenance": 2,
    "resume": 2.5,
    "text": 3, "language": 3,
    "anonymize": 3.5,
    "annotation_formats": 3.6, "evidence": 3.6,
    "labelled": 4,
    "annotate.sheets": 5, "persist": 5,
    "models": 6,
    "classification": 7, "training": 7, "adaptation": 7, "annotate.sampling": 7,
    "engine": 7.5, "dask_engine": 7.6,
    "run": 7.8,
    "evaluation": 8, "highlight": 8, "summary": 8, "corpus": 8,
    "compare": 8.5, "explanation": 8.5, "prevalence": 8.5, "annotate.curve": 8.5,
    "report": 9, "plots": 9,
    "cli": 10,
    "__main__": 11,
}
SUBPACKAGES = {"models", "anonymize", "cli"}


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
    assert violations(own, toolkit_imports(path)) == []


def violations(own: str, targets) -> list[str]:
    """The imports of module *own* that break the layering, as readable lines."""
    found = []
    for target in sorted(targets):
        same_package = own.split(".")[0] in SUBPACKAGES and target.split(".")[0] == own.split(".")[0]
        if not same_package and layer_of(target) >= layer_of(own):
            found.append(f"{own} (layer {layer_of(own)}) imports {target} (layer {layer_of(target)})")
    return found


def test_the_rule_catches_sideways_and_upward_imports():
    assert violations("annotate.sheets", ["persist"]) == ["annotate.sheets (layer 5) imports persist (layer 5)"]
    assert violations("labelled", ["models"]) == ["labelled (layer 4) imports models (layer 6)"]
    assert violations("models.linear", ["models.base", "text"]) == []
    assert violations("annotate.curve", ["annotate.sampling"]) == []


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_private_names_imported_from_other_modules(path):
    """A leading underscore means "this module's business": other modules use public names only."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("toolkit")):
            private = [
                alias.name
                for alias in node.names
                if alias.name.startswith("_") and not alias.name.startswith("__") and alias.name != "_version"
            ]
            assert not private, f"{path.relative_to(PACKAGE)} imports private {', '.join(private)} from {node.module}"
