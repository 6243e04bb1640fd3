"""-o never destroys what it was not asked to create: devices, pipes, links and directories (toolkit/outputs.py)."""

import io
import json
import os
import stat
import threading

import pandas as pd
import pytest

from tests.conftest import REPO

JOURNAL = REPO / "datasets" / "barriers" / "samples" / "journal.csv"
TEST_SPLIT = REPO / "datasets" / "barriers" / "test.csv"
HEADER = "entry_id,client_id,date,text"
ROWS = len(pd.read_csv(JOURNAL))


def snapshot(path):
    """What must not change: type, inode, mode, size and modification time of *path* (the link itself)."""
    info = os.lstat(path)
    return (stat.S_IFMT(info.st_mode), info.st_ino, stat.S_IMODE(info.st_mode), info.st_size, info.st_mtime_ns)


def tree(directory):
    return sorted(p.name for p in directory.iterdir())


def test_dev_null_stays_a_device(run):
    before = snapshot("/dev/null")
    result = run("classify", JOURNAL, "-o", "/dev/null", "--output-format", "csv", "-q", "-j", 1)
    assert result.exit_code == 0, result.output
    after = snapshot("/dev/null")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert after[:3] == before[:3]


def read_fifo_in_background(path):
    received = {}

    def reader():
        with open(path, "rb") as fh:
            received["data"] = fh.read()

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread, received


@pytest.mark.parametrize("args", [("classify", JOURNAL, "-q", "-j", 1, "--output-format", "csv"),
                                  ("anonymize", JOURNAL, "-q", "--output-format", "csv")])
def test_fifo_is_written_to_not_replaced(run, tmp_path, args):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    before = snapshot(fifo)
    thread, received = read_fifo_in_background(fifo)
    result = run(*args, "-o", fifo)
    thread.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert snapshot(fifo)[:3] == before[:3]
    lines = received["data"].decode().splitlines()
    assert lines[0].startswith(HEADER) and len(pd.read_csv(io.BytesIO(received["data"]))) == ROWS
    assert tree(tmp_path) == ["pipe"]


def test_evaluate_json_to_fifo(run, tmp_path):
    fifo = tmp_path / "metrics"
    os.mkfifo(fifo)
    thread, received = read_fifo_in_background(fifo)
    result = run("evaluate", TEST_SPLIT, "--bootstrap", 0, "--json", fifo)
    thread.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert "macro_f1" in json.loads(received["data"])["overall"]
    assert tree(tmp_path) == ["metrics"]


def test_symlink_to_file_writes_the_target_and_keeps_link_and_mode(run, tmp_path):
    target = tmp_path / "real.csv"
    target.write_text("old\n")
    os.chmod(target, 0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    link_before = snapshot(link)
    result = run("classify", JOURNAL, "-o", link, "-q", "-j", 1)
    assert result.exit_code == 0, result.output
    assert snapshot(link) == link_before  # the link itself is untouched
    assert os.readlink(link) == str(target)
    assert target.read_text().startswith(HEADER) and len(pd.read_csv(target)) == ROWS
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o640
    assert tree(tmp_path) == ["link.csv", "link.csv.meta.json", "real.csv"]


def test_symlink_into_another_directory_is_replaced_there(run, tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "work").mkdir()
    target = tmp_path / "data" / "metrics.json"
    target.write_text("{}\n")
    (tmp_path / "work" / "m.json").symlink_to(target)
    result = run("evaluate", TEST_SPLIT, "--bootstrap", 0, "--json", tmp_path / "work" / "m.json")
    assert result.exit_code == 0, result.output
    assert "overall" in json.loads(target.read_text())
    assert tree(tmp_path / "data") == ["metrics.json"]
    assert (tmp_path / "work" / "m.json").is_symlink()


def test_dangling_symlink_is_an_error(run, tmp_path):
    link = tmp_path / "out.csv"
    link.symlink_to(tmp_path / "missing" / "gone.csv")
    before = snapshot(link)
    result = run("classify", JOURNAL, "-o", link, "-q", "-j", 1)
    assert result.exit_code == 2
    assert (f"Error: output '{link}' is a symbolic link to '{tmp_path / 'missing' / 'gone.csv'}', which does not "
            "exist; create the file it points to, or pass another path") in result.output
    assert snapshot(link) == before
    assert tree(tmp_path) == ["out.csv"]


@pytest.mark.parametrize("args", [("classify", JOURNAL, "-q", "-j", 1, "--output-format", "csv", "-o"),
                                  ("evaluate", TEST_SPLIT, "--bootstrap", 0, "--json")])
def test_directory_is_an_error(run, tmp_path, args):
    out = tmp_path / "results"
    out.mkdir()
    (out / "keep.txt").write_text("mine\n")
    before = snapshot(out)
    result = run(*args, out)
    assert result.exit_code == 2
    # classify names the rule; evaluate's option is a click.Path(dir_okay=False), which says it first
    assert f"'{out}' is a directory" in result.output
    assert snapshot(out)[:3] == before[:3]
    assert tree(out) == ["keep.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write to a read-only directory")
def test_read_only_directory_is_an_error(run, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        result = run("classify", JOURNAL, "-o", locked / "out.csv", "-q", "-j", 1)
        assert result.exit_code == 2
        assert f"the directory '{locked}' is not writable" in result.output
        assert tree(locked) == []
    finally:
        os.chmod(locked, 0o700)


def test_read_only_directory_as_root_leaves_only_the_output(run, tmp_path):
    # Root writes anyway; what matters is that nothing but the asked path appears.
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o500)
    try:
        result = run("classify", JOURNAL, "-o", locked / "out.csv", "-q", "-j", 1)
        assert tree(locked) == (["out.csv", "out.csv.meta.json"] if result.exit_code == 0 else [])
    finally:
        os.chmod(locked, 0o700)


def test_dash_is_stdout_for_reports(run, tmp_path):
    result = run("evaluate", TEST_SPLIT, "--bootstrap", 0, "--json", "-")
    assert result.exit_code == 0
    assert "overall" in json.loads(result.stdout)
    assert "macro" in result.stderr  # the readable report moved to stderr
    assert not (tmp_path / "-").exists() and not os.path.exists("-")


def test_two_reports_on_stdout_are_refused(run):
    result = run("evaluate", TEST_SPLIT, "--bootstrap", 0, "--json", "-", "--markdown", "-")
    assert result.exit_code == 2
    assert (
        "only one output can go to stdout ('-'), got --json and --markdown; write the others to files" in result.output
    )


def test_mapping_is_never_stdout_or_a_pipe(run, tmp_path):
    result = run("anonymize", JOURNAL, "-o", tmp_path / "anon.csv", "--mapping", "-", "-q")
    assert result.exit_code == 2
    assert "Error: --mapping file cannot go to stdout ('-'); pass a file path" in result.output
    fifo = tmp_path / "key.csv"
    os.mkfifo(fifo)
    result = run("anonymize", JOURNAL, "-o", tmp_path / "anon.csv", "--mapping", fifo, "-q")
    assert result.exit_code == 2
    assert "is not a regular file (a device, pipe or socket)" in result.output
    assert tree(tmp_path) == ["key.csv"]


def test_mapping_through_a_link_is_owner_only(run, tmp_path):
    target = tmp_path / "key.json"
    target.write_text("[]\n")
    os.chmod(target, 0o644)
    (tmp_path / "link.json").symlink_to(target)
    result = run("anonymize", JOURNAL, "-o", tmp_path / "anon.csv", "--mapping", tmp_path / "link.json", "-q")
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(target).st_mode) == 0o600
    assert (tmp_path / "link.json").is_symlink()


def test_train_output_refuses_stdout_and_files(run, tmp_path):
    train = REPO / "datasets" / "barriers" / "train.csv"
    result = run("train", train, "-o", "-", "--model-type", "lexicon")
    assert result.exit_code == 2
    assert "Error: model directory cannot be stdout ('-'); pass a directory path" in result.output
    link = tmp_path / "model"
    link.symlink_to(tmp_path / "nowhere")
    result = run("train", train, "-o", link, "--model-type", "lexicon")
    assert result.exit_code == 2
    assert "is a symbolic link to" in result.output
    assert tree(tmp_path) == ["model"]


def test_resume_refuses_a_pipe(run, tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    result = run("classify", JOURNAL, "-o", fifo, "-q", "-j", 1, "--resume")
    assert result.exit_code == 2
    assert f"--resume needs a regular output file, and '{fifo}' is a device, pipe or socket" in result.output
    assert tree(tmp_path) == ["pipe.csv"]


def test_parquet_streams_into_a_fifo(run, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    thread, received = read_fifo_in_background(fifo)
    result = run("classify", JOURNAL, "-o", fifo, "--output-format", "parquet", "-q", "-j", 1)
    thread.join(timeout=60)
    assert result.exit_code == 0, result.output
    assert len(pd.read_parquet(io.BytesIO(received["data"]))) == ROWS
    assert tree(tmp_path) == ["pipe"]
