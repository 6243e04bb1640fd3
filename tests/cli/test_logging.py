"""-v/--verbose and --log-file: structured records that never hold text content or personal data."""

import json
import logging
import os
import re
import stat

import pandas as pd
import pytest

from tests.conftest import REPO

PII = REPO / "datasets" / "pii" / "pii_eval.jsonl"


@pytest.fixture(scope="module")
def pii_records():
    return [json.loads(line) for line in PII.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture()
def pii_csv(tmp_path, pii_records):
    path = tmp_path / "pii.csv"
    pd.DataFrame({"id": [r["id"] for r in pii_records], "text": [r["text"] for r in pii_records]}).to_csv(
        path, index=False
    )
    return path


@pytest.fixture(autouse=True)
def reset_logging():
    yield
    from toolkit.logs import configure_logging

    configure_logging(0, None)


def secrets(records) -> set[str]:
    """Every personal-data value of the evaluation set that could not appear in a log by chance."""
    return {
        span["text"]
        for r in records
        for span in r["spans"]
        if len(span["text"]) >= 4 and re.search(r"[A-Za-z]", span["text"])
    }


def leaked(log: str, records) -> list[str]:
    # Whole words only: a name such as "Vale" is inside "prevalence", which a log may say.
    found = [value for value in secrets(records) if re.search(rf"(?<!\w){re.escape(value)}(?!\w)", log)]
    found += [r["text"][:30] for r in records if r["text"][:30] in log]
    return found


@pytest.mark.parametrize("command", [["classify"], ["classify", "--anonymize"], ["anonymize"]], ids=" ".join)
def test_verbose_logs_hold_no_personal_data(run, pii_csv, pii_records, tmp_path, command):
    log_file = tmp_path / "run.log"
    result = run("-vv", "--log-file", log_file, *command, pii_csv, "-o", tmp_path / "out.csv", "--batch-size", 100)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in log_file.read_text(encoding="utf-8").splitlines()]
    events = [r["event"] for r in records]
    assert events[0] == "command started" and "output written" in events
    assert events.count("chunk read") == -(-len(pii_records) // 100)  # debug records are there, one per chunk
    assert all({"time", "level", "logger", "event"} <= set(r) for r in records)
    assert len(secrets(pii_records)) > 300
    assert leaked(log_file.read_text(encoding="utf-8"), pii_records) == []
    assert leaked(result.stderr, pii_records) == []
    assert "level=debug logger=toolkit.io event=\"chunk read\" rows=100" in result.stderr


def test_without_verbose_stderr_has_no_log_lines_and_the_file_gets_info(run, pii_csv, tmp_path):
    log_file = tmp_path / "run.log"
    result = run("--log-file", log_file, "classify", pii_csv, "-o", tmp_path / "out.csv", "-q")
    assert result.exit_code == 0
    assert result.stderr == ""
    levels = {json.loads(line)["level"] for line in log_file.read_text().splitlines()}
    assert levels == {"info"}
    assert stat.S_IMODE(os.stat(log_file).st_mode) == 0o600


def test_a_failed_command_logs_the_error_type_but_not_its_message(run, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("Jake Morrison wrote this line without a speaker\n")
    log_file = tmp_path / "run.log"
    result = run("-v", "--log-file", log_file, "summarize", bad, "--format", "transcript")
    assert result.exit_code == 2
    assert "Jake Morrison" in result.stderr.splitlines()[-1]  # the message itself still shows the line to fix
    log = log_file.read_text()
    failed = [json.loads(line) for line in log.splitlines() if '"command failed"' in line]
    assert failed and failed[0]["error"] == "InputError" and failed[0]["exit_code"] == 2
    assert "Jake" not in log


def test_key_value_lines_flatten_counts():
    from toolkit.logs import KeyValueFormatter

    record = logging.makeLogRecord({"msg": "chunk classified", "levelname": "DEBUG", "name": "toolkit.classification",
                                    "created": 0, "fields": {"positives": {"a": 1, "b": 2}, "path": "my file.csv"}})
    assert KeyValueFormatter().format(record).endswith(
        'event="chunk classified" positives.a=1 positives.b=2 path="my file.csv"')
