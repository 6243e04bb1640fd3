"""Tab completion of options without importing the commands.

Completing ``barriers classify --<TAB>`` needs only the names, kinds and choices of the command's
options, but the command's module imports scikit-learn and pandas (about 2 s). So the option table of
every command is kept in ``completion_table.json`` beside this module, and while the shell asks for
completions (Click's ``resilient_parsing``) :class:`~toolkit.cli.group.LazyGroup` answers with stand-in
commands built from it. ``tests/cli/test_completion.py`` fails when the table no longer matches the
commands; ``python -m toolkit.cli.completion`` writes it again.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

TABLE_PATH = Path(__file__).with_name("completion_table.json")


_DEFAULTS = {"kind": "option", "secondary_opts": [], "nargs": 1, "multiple": False, "type": "text", "flag": False,
             "count": False, "hidden": False, "help": "", "file_okay": True, "dir_okay": True}


def _describe_type(kind: click.ParamType) -> dict:
    if isinstance(kind, click.Choice):
        return {"type": "choice", "choices": [str(c) for c in kind.choices]}
    if isinstance(kind, click.Path):
        return {"type": "path", "file_okay": kind.file_okay, "dir_okay": kind.dir_okay}
    return {"type": "text"}


def describe(command: click.Command) -> dict:
    """What completion needs of *command*: its summary, parameters and (for a group) subcommands."""
    params = []
    for param in command.params:
        entry = {"kind": param.param_type_name, "name": param.name, "opts": list(param.opts),
                 "secondary_opts": list(param.secondary_opts), "nargs": param.nargs, "multiple": param.multiple,
                 **_describe_type(param.type)}
        if isinstance(param, click.Option):
            entry.update(flag=param.is_flag, count=param.count, hidden=param.hidden, help=param.help or "")
        # Only what differs from the usual keeps the table small; stand_in() fills the rest back in.
        params.append({key: value for key, value in entry.items() if _DEFAULTS.get(key, object()) != value})
    out = {"help": command.get_short_help_str(limit=200), "params": params}
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        out["commands"] = {name: describe(command.get_command(ctx, name)) for name in command.list_commands(ctx)}
    return out


def build_table(group: click.Group) -> dict:
    """The table of every command of *group*, importing each (what the JSON file holds)."""
    ctx = click.Context(group)
    return {name: describe(group.get_command(ctx, name)) for name in group.list_commands(ctx)}


def _type(entry: dict) -> click.ParamType:
    if entry["type"] == "choice":
        return click.Choice(entry["choices"])
    if entry["type"] == "path":
        return click.Path(file_okay=entry["file_okay"], dir_okay=entry["dir_okay"])
    return click.STRING


def stand_in(name: str, entry: dict) -> click.Command:
    """A command that parses and completes like the real one and does nothing else."""
    params = []
    for param in ({**_DEFAULTS, **described} for described in entry["params"]):
        common = {"nargs": param["nargs"], "type": _type(param)}
        if param["kind"] == "argument":
            params.append(click.Argument([param["name"]], required=False, **common))
        elif param["flag"] or param["count"]:
            opts = list(param["opts"])
            if param["secondary_opts"]:  # --x/--no-x
                opts[-1] = "/".join([opts[-1], *param["secondary_opts"]])
            decls = [*opts, param["name"]]
            params.append(click.Option(decls, is_flag=param["flag"], count=param["count"], hidden=param["hidden"],
                                       help=param["help"]))
        else:
            params.append(click.Option([*param["opts"], param["name"]], multiple=param["multiple"],
                                       hidden=param["hidden"], help=param["help"], **common))
    if "commands" in entry:
        return click.Group(name, commands={sub: stand_in(sub, e) for sub, e in entry["commands"].items()},
                           params=params, help=entry["help"])
    return click.Command(name, params=params, help=entry["help"])


_table: dict | None = None


def stand_in_for(name: str) -> click.Command | None:
    """The stand-in of command *name*, or None when the table does not know it (then it is imported)."""
    global _table
    if _table is None:
        try:
            _table = json.loads(TABLE_PATH.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            _table = {}  # completion then imports the command, slower but right
    return stand_in(name, _table[name]) if name in _table else None


def main() -> None:
    from . import cli

    table = build_table(cli)
    # One command per line: small, and a change to one command is a one-line diff.
    lines = [f"{json.dumps(name)}: {json.dumps(entry, ensure_ascii=False)}" for name, entry in table.items()]
    TABLE_PATH.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    print(f"wrote {TABLE_PATH}")


if __name__ == "__main__":
    main()
