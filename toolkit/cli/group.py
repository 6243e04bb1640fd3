"""The command group of the ``barriers`` command line, kept light: it imports no command module.

:class:`ToolkitGroup` turns toolkit errors into one-line messages. :class:`LazyGroup` registers commands
by the module that defines them and imports that module only when the command is run (or its own help
is asked for), so ``barriers --help`` and tab completion answer without loading scikit-learn or pandas
(completing options uses the option table of :mod:`toolkit.cli.completion`).
"""

from __future__ import annotations

import logging
from importlib import import_module

import click

from ..errors import ToolkitError
from ..logs import log_event

_log = logging.getLogger("toolkit.cli")

INTERRUPTED_EXIT_CODE = 130
INTERNAL_ERROR_EXIT_CODE = 3
BUG_NOTE = "this is a bug in barrier-toolkit, not a problem with your input"


class ToolkitCommandError(click.ClickException):
    """A :class:`ToolkitError` shown as a one-line ``Error: ...`` with its exit code."""

    def __init__(self, error: ToolkitError):
        super().__init__(str(error))
        self.exit_code = error.exit_code


class InternalError(click.ClickException):
    """An unexpected exception, shown as one line that says it is a bug (exit code 3)."""

    exit_code = INTERNAL_ERROR_EXIT_CODE

    def __init__(self, exc: Exception):
        super().__init__(f"unexpected {type(exc).__name__} ({exc}); {BUG_NOTE}: please report it with the "
                         "command you ran and barrier-toolkit's version (barriers --version)")


class ToolkitGroup(click.Group):
    """A Click group that turns toolkit errors into one-line messages, never tracebacks."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ToolkitError as exc:
            # The type only: messages may quote the input, and logs never hold text content.
            log_event(_log, logging.ERROR, "command failed", error=type(exc).__name__, exit_code=exc.exit_code)
            raise ToolkitCommandError(exc) from None
        except KeyboardInterrupt:
            log_event(_log, logging.WARNING, "command interrupted", exit_code=INTERRUPTED_EXIT_CODE)
            click.echo("Interrupted; no output file was written.", err=True)
            ctx.exit(INTERRUPTED_EXIT_CODE)
        except OSError as exc:
            if isinstance(exc, (BrokenPipeError,)):
                ctx.exit(1)
            where = f": '{exc.filename}'" if getattr(exc, "filename", None) else ""
            raise click.ClickException(f"{exc.strerror or exc}{where}") from None
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:
            # Bad input is reported as a ToolkitError by the code that finds it; anything else is a bug,
            # said as such in one line rather than a traceback (the test that walks every command checks
            # that no bad input ends here).
            log_event(_log, logging.ERROR, "command failed", error=type(exc).__name__,
                      exit_code=INTERNAL_ERROR_EXIT_CODE)
            raise InternalError(exc) from None



class LazyGroup(ToolkitGroup):
    """A :class:`ToolkitGroup` whose commands are imported from their modules on first use.

    Parameters
    ----------
    lazy_commands : dict
        Command name to ``(module, attribute, summary)``: *module* relative to this package,
        *attribute* the Click command in it, *summary* the first paragraph of its docstring (what
        ``--help`` and completion show; a test checks that it matches the command).
    """

    def __init__(self, *args, lazy_commands: dict[str, tuple[str, str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy_commands = dict(lazy_commands or {})

    def list_commands(self, ctx):
        return sorted({*self.commands, *self.lazy_commands})

    def get_command(self, ctx, name):
        if ctx.resilient_parsing and name not in self.commands and name in self.lazy_commands:
            # The shell is asking for completions: answer from the option table, importing nothing heavy.
            from .completion import stand_in_for

            if (command := stand_in_for(name)) is not None:
                return command
        if name not in self.commands and name in self.lazy_commands:
            module, attribute, _ = self.lazy_commands[name]
            self.add_command(getattr(import_module(module, __package__), attribute), name)
        return self.commands.get(name)

    def _summary(self, name: str) -> click.Command | None:
        """The loaded command, or a stand-in carrying its summary, without importing anything."""
        if name in self.commands:
            return self.commands[name]
        if name in self.lazy_commands:
            return click.Command(name, help=self.lazy_commands[name][2])
        return None

    def format_commands(self, ctx, formatter):
        commands = [(name, cmd) for name in self.list_commands(ctx)
                    if (cmd := self._summary(name)) is not None and not cmd.hidden]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section("Commands"):
                formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in commands])

    def shell_complete(self, ctx, incomplete):
        from click.shell_completion import CompletionItem

        results = [CompletionItem(name, help=cmd.get_short_help_str())
                   for name in self.list_commands(ctx)
                   if name.startswith(incomplete) and (cmd := self._summary(name)) is not None and not cmd.hidden]
        results.extend(click.Command.shell_complete(self, ctx, incomplete))
        return results
