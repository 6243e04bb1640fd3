import pytest
from click.testing import CliRunner

from toolkit.cli import cli


@pytest.fixture()
def run():
    def invoke(*args, input=None):
        return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture()
def interrupt_after_first_chunk(monkeypatch):
    """Make `barriers classify` stop with Ctrl-C after writing its first chunk; undo with monkeypatch.undo()."""
    import importlib

    engine = importlib.import_module("toolkit.engine")  # what the run layer's local engine calls
    real = engine.classify_chunks

    def stop_after_one(*args, **kwargs):
        for number, chunk in enumerate(real(*args, **kwargs)):
            if number == 1:
                raise KeyboardInterrupt
            yield chunk

    monkeypatch.setattr(engine, "classify_chunks", stop_after_one)
    return monkeypatch
