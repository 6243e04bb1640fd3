"""One grammar across commands, derived from Click so that a new command cannot drift from it.

The option table of every command (lazily loaded ones included) is walked, and each rule below names
the commands it exempts and why; the behaviour behind the rules is checked with CliRunner further down.
"""

import re

import click
import pytest

from toolkit.annotation_formats import ANNOTATION_FORMATS
from toolkit.io import INPUT_FORMATS, OUTPUT_FORMATS

from .test_help import all_commands

COMMANDS = {" ".join(path): command for path, command in all_commands() if not isinstance(command, click.Group)}

# Grouping is spelled --by on these (the list); anywhere else it must be --by too (see test below).
GROUPING = {"classify", "anonymize", "summarize", "evaluate", "data stats", "prevalence"}

# Paths that may not be '-', with the reason. Everything else that names a file reads stdin or writes stdout.
NO_DASH = {
    ("annotate sample", "output"): "writes two files, the sheet and its codebook beside it",
    ("anonymize", "mapping_path"): "holds the original personal data: a file with owner-only permissions, never a pipe",
    ("anonymize", "gold_path"): "a labelled PII benchmark file, read by path (toolkit.anonymize.evaluate.load_gold)",
    ("evaluate", "gates_path"): "a small TOML settings file, not data",
    ("evaluate", "baseline"): "an earlier evaluation's JSON, not data",
}
# Options of every command that name settings or a model directory, not data.
NO_DASH_ANYWHERE = {
    "taxonomy_path": "a taxonomy TOML file: settings, not data",
    "model_path": "a model directory (several files)",
}
# Commands whose --id-column has nothing to allow: a repeated id is an error whatever the option says.
IDS_ALWAYS_UNIQUE = {
    "explain": "looks one id up; an id on several rows is already an error naming the rows",
    "prevalence": "matches the labelled sample to the predictions by id, which needs each id once",
}
# Old names kept, hidden, for one release.
RENAMED = {("evaluate", "--group-by"), ("classify", "--group-column"), ("anonymize", "--group-column")}


def options(command):
    return [p for p in command.params if isinstance(p, click.Option)]


def option(command, name):
    return next((p for p in options(command) if name in p.opts), None)


def option_table():
    """Every (command, option) pair: names, hidden, multiple, count, flag, path settings."""
    rows = []
    for name, command in COMMANDS.items():
        for param in command.params:
            path = param.type if isinstance(param.type, click.Path) else None
            rows.append({"command": name, "param": param.name, "opts": tuple(param.opts) + tuple(param.secondary_opts),
                         "hidden": getattr(param, "hidden", False), "multiple": getattr(param, "multiple", False),
                         "argument": isinstance(param, click.Argument), "path": path})
    return rows


def test_the_walk_finds_every_command():
    assert {"classify", "anonymize", "summarize", "evaluate", "compare", "explain", "prevalence", "train",
            "data stats", "data validate", "model info", "annotate sample", "annotate import", "annotate agreement",
            "annotate merge", "annotate curve"} <= set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_takes_quiet_and_verbose(name):
    quiet, verbose = option(COMMANDS[name], "-q"), option(COMMANDS[name], "-v")
    assert quiet is not None and quiet.opts == ["-q", "--quiet"] and quiet.is_flag, name
    assert verbose is not None and verbose.opts == ["-v", "--verbose"] and verbose.count, name


def test_grouping_is_spelled_by_and_takes_several_columns():
    for name in GROUPING:
        by = option(COMMANDS[name], "--by")
        assert by is not None and by.multiple and not by.hidden, name
    for row in option_table():
        visible = [o for o in row["opts"] if o.startswith("--")]
        if any(re.search(r"group|--by\b", o) for o in visible) and not row["hidden"]:
            assert visible == ["--by"], f"{row['command']}: grouping option {visible} should be --by"


def test_old_names_are_hidden_and_nothing_else_is():
    hidden = {(row["command"], row["opts"][0]) for row in option_table() if row["hidden"]}
    assert hidden == RENAMED


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_dash_means_stdin_or_stdout_for_every_file_path(name):
    for param in COMMANDS[name].params:
        path = param.type if isinstance(param.type, click.Path) else None
        if path is None or not path.file_okay or (name, param.name) in NO_DASH or param.name in NO_DASH_ANYWHERE:
            continue  # a directory (model, output parts) is never a pipe
        assert path.allow_dash, f"{name} {param.opts[0]}: pass allow_dash=True, or exempt it in NO_DASH with a reason"


def test_exemptions_name_real_options():
    for name, param_name in NO_DASH:
        assert any(p.name == param_name for p in COMMANDS[name].params), (name, param_name)
    for name in IDS_ALWAYS_UNIQUE:
        assert option(COMMANDS[name], "--id-column") is not None, name


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_format_names_the_input_and_output_format_the_output(name):
    fmt, out = option(COMMANDS[name], "--format"), option(COMMANDS[name], "--output-format")
    if fmt is not None:
        assert set(fmt.type.choices) <= {*INPUT_FORMATS, *ANNOTATION_FORMATS}, name
    if out is not None:
        assert set(out.type.choices) <= {*OUTPUT_FORMATS, "json"}, name
    if out is None:
        writes_table = option(COMMANDS[name], "-o")
        assert writes_table is None or not any(o.startswith("--output-") and o != "--output-parts"
                                               for p in options(COMMANDS[name]) for o in p.opts), name


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_an_id_column_comes_with_allow_duplicate_ids(name):
    if option(COMMANDS[name], "--id-column") is None or name in IDS_ALWAYS_UNIQUE:
        return
    allow = option(COMMANDS[name], "--allow-duplicate-ids")
    assert allow is not None and allow.is_flag, f"{name}: --id-column without --allow-duplicate-ids"


def test_a_short_option_means_the_same_everywhere():
    meaning = {}
    for row in option_table():
        short = [o for o in row["opts"] if re.fullmatch(r"-[a-zA-Z]", o)]
        long = [o for o in row["opts"] if o.startswith("--")]
        for flag in short:
            meaning.setdefault(flag, set()).add(long[0] if long else row["param"])
    assert {flag: names for flag, names in meaning.items() if len(names) > 1} == {}


def test_option_names_are_lowercase_kebab_case():
    for row in option_table():
        for name in row["opts"]:
            if name.startswith("--"):
                assert re.fullmatch(r"--[a-z0-9]+(-[a-z0-9]+)*", name), (row["command"], name)


# -- the behaviour behind the rules ------------------------------------------------------------------------

JOURNAL = "datasets/barriers/samples/journal.csv"
LABELS = ("fear_of_rejection", "past_experiences", "self_doubt", "cultural_influences")


def gold_csv(path, ids=("a", "b", "c"), register=("chat", "journal", "chat")):
    rows = ["id,text,register," + ",".join(LABELS)]
    texts = ("what if he laughs at me", "we had pizza", "i always mess things up")
    for i, text, reg in zip(ids, texts, register):
        rows.append(f"{i},{text},{reg},{int('laughs' in text)},0,{int('mess' in text)},0")
    path.write_text("\n".join(rows) + "\n")
    return path


def test_an_old_grouping_name_warns_and_works(run, tmp_path):
    gold = gold_csv(tmp_path / "gold.csv")
    new = run("evaluate", gold, "--by", "register", "--bootstrap", "0")
    old = run("evaluate", gold, "--group-by", "register", "--bootstrap", "0")
    assert new.exit_code == old.exit_code == 0
    assert old.stderr == "Warning: --group-by is now --by; the old name goes in the next release.\n"
    assert old.stdout == new.stdout and "by register:" in new.stdout


def test_an_old_and_a_new_name_together_are_an_error(run, tmp_path):
    gold = gold_csv(tmp_path / "gold.csv")
    result = run("evaluate", gold, "--by", "register", "--group-by", "register")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: --group-by is the old name of --by; pass --by only\n")


def test_by_takes_repeated_or_comma_separated_columns(run):
    repeated = run("data", "stats", "datasets/barriers/train.csv", "--by", "register", "--by", "source")
    joined = run("data", "stats", "datasets/barriers/train.csv", "--by", "register,source")
    assert repeated.exit_code == 0 and repeated.stdout == joined.stdout and "source" in joined.stdout


def test_by_with_one_grouping_column_says_so(run, tmp_path):
    result = run("anonymize", JOURNAL, "-o", tmp_path / "out.csv", "--by", "client_id,date")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: Invalid value for --by: expected one column, got 2 (client_id, date); "
                                  "pass a single column\n")
    assert not (tmp_path / "out.csv").exists()


def test_anonymize_group_column_is_now_by(run, tmp_path):
    old = run("anonymize", JOURNAL, "-o", tmp_path / "old.csv", "--group-column", "client_id", "-q")
    new = run("anonymize", JOURNAL, "-o", tmp_path / "new.csv", "--by", "client_id", "-q")
    assert old.exit_code == new.exit_code == 0
    assert old.stderr == "Warning: --group-column is now --by; the old name goes in the next release.\n"
    assert new.stderr == ""
    assert (tmp_path / "old.csv").read_text() == (tmp_path / "new.csv").read_text()


def test_verbose_after_the_command_logs_as_before_it(run, tmp_path):
    after = run("data", "stats", "datasets/barriers/dev.csv", "-v")
    before = run("-v", "data", "stats", "datasets/barriers/dev.csv")
    quiet = run("data", "stats", "datasets/barriers/dev.csv")
    assert after.exit_code == before.exit_code == 0
    assert "level=info" in after.stderr and "level=info" in before.stderr and "level=info" not in quiet.stderr


def test_quiet_leaves_out_notes_but_not_errors(run, tmp_path):
    model = tmp_path / "model"
    result = run("train", "datasets/barriers/train.csv", "-o", model, "--model-type", "lexicon", "-q")
    assert result.exit_code == 0 and result.stdout == result.stderr == ""
    missing = run("train", tmp_path / "missing.csv", "-o", tmp_path / "other", "-q")
    assert missing.exit_code == 2 and missing.stderr.startswith("Error: ") and missing.stdout == ""


def test_dash_reads_stdin(run, tmp_path):
    gold = gold_csv(tmp_path / "gold.csv")
    from_file = run("evaluate", gold, "--bootstrap", "0")
    from_stdin = run("evaluate", "-", "--bootstrap", "0", input=gold.read_text())
    assert from_stdin.exit_code == 0
    assert from_stdin.stdout.splitlines()[1:] == from_file.stdout.splitlines()[1:]
    assert from_stdin.stdout.startswith("-: 3 rows")


def test_two_inputs_from_stdin_are_an_error(run):
    result = run("evaluate", "-", "--predictions", "-", input="id,text\n")
    assert result.exit_code == 2
    assert result.stderr.endswith("Error: only one input can come from stdin ('-'), got GOLD and --predictions; "
                                  "read the others from files\n")


def test_prevalence_table_on_stdout_moves_the_report_to_stderr(run, tmp_path):
    predictions = tmp_path / "pred.csv"
    assert run("classify", JOURNAL, "-o", predictions, "-q").exit_code == 0
    result = run("prevalence", predictions, "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("label,") and "no labelled sample" in result.stderr


def test_an_unknown_output_extension_names_output_format(run, tmp_path):
    result = run("classify", JOURNAL, "-o", tmp_path / "out.xlsx")
    assert result.exit_code == 2
    assert result.stderr.endswith("or pass --output-format\n")


def test_repeated_ids_are_an_error_unless_allowed(run, tmp_path):
    data = tmp_path / "in.csv"
    data.write_text("id,text\na,what if he laughs at me\nb,we had pizza\na,i always mess things up\n")
    result = run("classify", data, "--id-column", "id", "-o", tmp_path / "out.csv")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: '{data}' repeats id 'a' in column 'id' (rows 1 and 3); ids must be unique, "
                             "or pass --allow-duplicate-ids\n")
    assert not (tmp_path / "out.csv").exists()
    allowed = run("classify", data, "--id-column", "id", "--allow-duplicate-ids", "-o", tmp_path / "out.csv", "-q")
    assert allowed.exit_code == 0 and len((tmp_path / "out.csv").read_text().splitlines()) == 4


def test_empty_ids_are_an_error_unless_allowed(run, tmp_path):
    gold = gold_csv(tmp_path / "gold.csv", ids=("a", "", "c"))
    result = run("evaluate", gold, "--id-column", "id", "--bootstrap", "0")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: '{gold}' has an empty id in column 'id' (row 2, 1 empty in this chunk); "
                             "give every row an id, or pass --allow-duplicate-ids\n")
    assert run("evaluate", gold, "--id-column", "id", "--bootstrap", "0", "--allow-duplicate-ids").exit_code == 0


def test_annotate_sample_checks_ids(run, tmp_path):
    data = tmp_path / "in.csv"
    data.write_text("id,text\na,what if he laughs at me\na,we had pizza\n")
    result = run("annotate", "sample", data, "--id-column", "id", "-n", "1", "-o", tmp_path / "sheet.csv")
    assert result.exit_code == 2 and "repeats id 'a'" in result.stderr
    ok = run("annotate", "sample", data, "--id-column", "id", "-n", "1", "-o", tmp_path / "sheet.csv",
             "--allow-duplicate-ids", "-q")
    assert ok.exit_code == 0 and ok.stdout == ""


def test_data_validate_reports_empty_ids(run, tmp_path):
    gold = gold_csv(tmp_path / "gold.csv", ids=("a", " ", "c"))
    result = run("data", "validate", gold, "-q")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == "Error: 1 empty id(s) in column 'id' (first at row 2)\n"
    assert run("data", "validate", gold, "-q", "--allow-duplicate-ids").exit_code == 0


def test_metric_columns_are_named_alike_in_evaluate_and_compare(run, tmp_path):
    import io
    import json

    import pandas as pd

    from toolkit.models import default_model_path

    gold = gold_csv(tmp_path / "gold.csv")
    compared = run("compare", gold, "--models", default_model_path(), "-o", "-", "-q")
    evaluated = run("evaluate", gold, "--by", "register", "--json", "-", "--bootstrap", "0", "-q")
    assert compared.exit_code == evaluated.exit_code == 0
    compare_columns = set(pd.read_csv(io.StringIO(compared.stdout)).columns)
    group_columns = set(json.loads(evaluated.stdout)["groups"]["register"][0])
    metrics = {"macro_f1", "micro_f1", *(f"f1_{label}" for label in LABELS)}
    assert metrics <= compare_columns and metrics <= group_columns
    assert {c for c in compare_columns if "f1" in c} - {"macro_f1_std"} == metrics
