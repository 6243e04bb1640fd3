"""The package root: the public API by name, loaded lazily, and no module named like an API function."""

import importlib
import pkgutil
import subprocess
import sys
import types

import toolkit


def test_every_exported_name_resolves():
    for name in toolkit.__all__:
        assert getattr(toolkit, name) is not None, name
    assert set(toolkit.__all__) <= set(dir(toolkit))


def test_a_submodule_import_gives_the_module_and_leaves_the_function():
    module = importlib.import_module("toolkit.classification")
    assert isinstance(module, types.ModuleType)
    assert toolkit.classify is module.classify and callable(toolkit.classify)
    import toolkit.evaluation as evaluation  # the form issue #19 asks for

    assert isinstance(evaluation, types.ModuleType) and toolkit.evaluate is evaluation.evaluate


def test_no_module_is_named_like_an_api_function():
    modules = {info.name for info in pkgutil.iter_modules(toolkit.__path__)}
    assert modules.isdisjoint(name for name in toolkit.__all__ if callable(getattr(toolkit, name)))


def test_unknown_names_raise_attribute_error():
    try:
        toolkit.classify_everything  # noqa: B018
    except AttributeError as exc:
        assert "classify_everything" in str(exc)
    else:
        raise AssertionError("toolkit.classify_everything should not exist")


def test_importing_the_package_loads_no_scikit_learn():
    code = "import sys, toolkit; print('sklearn' in sys.modules, 'pandas' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]
