"""Every command, fed a broken input of each kind, ends in a one-line error: never a traceback, never a bug report."""

import click
import pytest

from toolkit.cli import cli
from toolkit.cli.common import BUG_NOTE

# Broken inputs, each written to a file named so that the format is taken from its extension.
BROKEN = {
    "missing": None,
    "empty": ("in.csv", b""),
    "header-only": ("in.csv", b"id,text,fear_of_rejection,past_experiences,self_doubt,cultural_influences\n"),
    "not-utf8": ("in.csv", b"id,text\n1,caf\xe9 \xff\n"),
    "unclosed-quote": ("in.csv", b'id,text\n1,"never closed\n'),
    "bad-jsonl": ("in.jsonl", b'{"text": "fine"}\n{"text": \n'),
    "jsonl-array": ("in.jsonl", b'["a", "b"]\n'),
    "no-text-column": ("in.csv", b"id,body\n1,hello there\n"),
    "unknown-extension": ("in.xlsx", b"PK\x03\x04"),
    "directory": "dir",
}


# Not broken for these commands: a header-only table is a table of 0 rows (tests/cli/test_empty_tables.py).
VALID = {("classify", "header-only"), ("anonymize", "header-only")}


def command_paths(group=cli, prefix=()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            yield from command_paths(command, (*prefix, name))
        else:
            yield (*prefix, name)


def arguments(command, path, tmp_path):
    """The command line that feeds *path* to *command*, with a valid rest."""
    out = tmp_path / "out" / "result.csv"
    return {
        ("classify",): [path, "-o", out, "-j", 1],
        ("anonymize",): [path, "-o", out],
        ("summarize",): [path, "-o", out],
        ("evaluate",): [path, "--bootstrap", 0],
        ("compare",): [path, "--model-types", "lexicon", "--folds", 2],
        ("train",): [path, "-o", tmp_path / "out" / "model", "--model-type", "lexicon"],
        ("explain",): [path, "--row", 1],
        ("data", "validate"): [path],
        ("data", "stats"): [path],
        ("annotate", "sample"): [path, "-n", 2, "-o", out],
        ("annotate", "import"): [path, "-o", out],
        ("annotate", "agreement"): [path, path],
        ("annotate", "merge"): [path, path, "-o", out],
        ("annotate", "curve"): [path, "--sizes", 10, "--repeats", 1, "--folds", 2, "--reference", "none"],
        ("model", "info"): [path],
        ("prevalence",): [path, "-o", out],
    }.get(command)


def make_input(kind, tmp_path):
    spec = BROKEN[kind]
    if spec is None:
        return tmp_path / "missing.csv"
    if spec == "dir":
        (tmp_path / "corpus").mkdir()
        (tmp_path / "corpus" / "notes.md").write_text("not a text file the readers take\n")
        return tmp_path / "corpus"
    name, content = spec
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_every_command_has_a_case(tmp_path):
    missing = [" ".join(c) for c in command_paths() if arguments(c, "x", tmp_path) is None]
    assert not missing, f"add a broken-input case for: {', '.join(missing)}"


@pytest.mark.parametrize("kind", list(BROKEN))
@pytest.mark.parametrize("command", list(command_paths()), ids=" ".join)
def test_broken_input_is_a_clear_error(run, tmp_path, command, kind):
    if (" ".join(command), kind) in VALID:
        pytest.skip("a valid input for this command")
    args = arguments(command, make_input(kind, tmp_path), tmp_path)
    if args is None:
        pytest.fail(f"add a broken-input case for {' '.join(command)}")
    (tmp_path / "out").mkdir()
    result = run(*command, *args)
    assert result.exit_code in (1, 2), result.output
    assert "Traceback" not in result.output
    assert BUG_NOTE not in result.output, result.output
    assert "Error:" in result.stderr
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize(("command", "param"), [
    (("train",), "n_features=0"), (("train",), "C=0"), (("train",), "weights=1"),
    (("compare",), "linear:ngram_max=0"), (("annotate", "curve"), "n_features=-5"),
])
def test_bad_params_are_refused_before_training(run, tmp_path, command, param):
    from tests.conftest import REPO

    data = REPO / "datasets" / "barriers" / "dev.csv"
    extra = {"train": ["-o", tmp_path / "model"], "compare": ["--model-types", "linear"],
             "curve": ["--sizes", 50, "--repeats", 1, "--reference", "none"]}[command[-1]]
    result = run(*command, data, *extra, "--param", param)
    assert result.exit_code == 2, result.output
    assert "Error: --param " in result.stderr
    assert BUG_NOTE not in result.output
    assert not (tmp_path / "model").exists()


def test_param_error_names_parameter_range_and_value(run, tmp_path):
    from tests.conftest import REPO

    result = run("train", REPO / "datasets" / "barriers" / "dev.csv", "-o", tmp_path / "m", "--param", "n_features=0")
    assert result.stderr == ("Error: --param n_features=0 is not allowed for a linear model: n_features must be a "
                             "whole number from 1 to 67,108,864, got 0\n")
    result = run("train", REPO / "datasets" / "barriers" / "dev.csv", "-o", tmp_path / "m", "--model-type", "semantic",
                 "--param", "aggregation=median")
    assert result.stderr == ("Error: --param aggregation=median is not allowed for a semantic model: aggregation must "
                             "be one of document, max, noisy_or, mean_max, got median\n")


def test_an_unexpected_exception_is_one_line_saying_it_is_a_bug(run, tmp_path, monkeypatch):
    import importlib

    command = importlib.import_module("toolkit.run")  # where barriers classify loads its model
    from tests.conftest import REPO

    def broken(*args, **kwargs):
        raise RuntimeError("something inside went wrong")

    monkeypatch.setattr(command, "load_model", broken)
    result = run("classify", REPO / "datasets" / "barriers" / "samples" / "journal.csv", "-o", tmp_path / "o.csv")
    assert result.exit_code == 3
    assert result.stderr == (f"Error: unexpected RuntimeError (something inside went wrong); {BUG_NOTE}: please report "
                             "it with the command you ran and barrier-toolkit's version (barriers --version)\n")
