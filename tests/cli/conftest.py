import pytest
from click.testing import CliRunner

from toolkit.cli import cli


@pytest.fixture()
def run():
    def invoke(*args, input=None):
        return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke
