"""Interrupted and failed classify runs: no partial output file, and --resume finishes with identical output.

The runs here are real processes that get SIGKILL or SIGINT half-way, as a
crash, an out-of-memory kill or Ctrl-C would do.
"""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses POSIX signals and /proc")
ROWS = 8_000
BATCH = 200
WORDS = ("what if he thinks less of me my ex read my diary we went to the beach I am probably overreacting "
         "in my family you just did not talk about feelings she laughed").split()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    rng = random.Random(7)
    path = tmp_path_factory.mktemp("corpus") / "corpus.csv"
    lines = ["id,text"] + [f"{i},{' '.join(rng.choice(WORDS) for _ in range(rng.randint(3, 40)))}" for i in range(ROWS)]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.fixture(scope="module")
def expected(corpus, tmp_path_factory):
    """The output of an uninterrupted run."""
    out = tmp_path_factory.mktemp("expected") / "out.csv"
    subprocess.run(command(corpus, out, jobs=1), check=True, capture_output=True)
    return out.read_bytes()


def command(corpus, out, *extra, jobs=2):
    return [sys.executable, "-m", "toolkit", "classify", str(corpus), "-o", str(out), "-q", "--batch-size", str(BATCH),
            "--jobs", str(jobs), *extra]


def wait_for(condition, process, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        assert process.poll() is None, "the run finished before it could be interrupted"
        time.sleep(0.005)
    raise AssertionError("timed out")


def rows_done(checkpoint: Path) -> int:
    try:
        return json.loads(checkpoint.read_text())["rows_done"]
    except (OSError, ValueError):
        return 0


def wait_for_exit(pids: list[int], timeout: float = 10.0) -> None:
    """Workers of a killed run end on their own (they watch their parent)."""
    deadline = time.monotonic() + timeout
    while any(Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid) for pid in pids):
        if time.monotonic() > deadline:
            for pid in pids:  # do not leave them behind, but fail
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            raise AssertionError(f"worker processes {pids} outlived the killed run")
        time.sleep(0.05)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().lower()
    except OSError:
        return "zombie"


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


@pytest.mark.parametrize("sig", [signal.SIGKILL, pytest.param(signal.SIGINT, marks=pytest.mark.slow)],
                         ids=["SIGKILL", "SIGINT"])
def test_a_run_stopped_half_way_resumes_to_the_same_output(corpus, expected, tmp_path, sig):
    out = tmp_path / "out.csv"
    checkpoint = tmp_path / "out.csv.checkpoint.json"
    run = subprocess.Popen(command(corpus, out, "--resume"), stderr=subprocess.PIPE, text=True)
    wait_for(lambda: rows_done(checkpoint) >= 5 * BATCH and len(children(run.pid)) == 2, run)
    workers = children(run.pid)
    run.send_signal(sig)
    run.wait(timeout=60)
    if sig == signal.SIGKILL:
        wait_for_exit(workers)
    stderr = run.communicate(timeout=60)[1]
    done = rows_done(checkpoint)
    assert 5 * BATCH <= done < ROWS
    assert not out.exists()
    # A kill can land while the checkpoint is being rewritten: that write's hidden temporary file stays until
    # the run is resumed (which removes it, checked below).
    stray = [name for name in leftovers(tmp_path) if name.startswith(".out.csv.checkpoint.json.")]
    assert [name for name in leftovers(tmp_path) if name not in stray] == ["out.csv.checkpoint.json", "out.csv.partial"]
    assert sig == signal.SIGKILL or not stray
    if sig == signal.SIGINT:
        assert run.returncode == 130
        assert stderr == (f"Interrupted; {done:,} rows are saved in {out}.partial ({checkpoint}): "
                          "run the same command again to continue.\n")
    else:
        assert run.returncode == -signal.SIGKILL
    resumed = subprocess.run(command(corpus, out, "--resume"), capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert out.read_bytes() == expected
    assert leftovers(tmp_path) == ["out.csv", "out.csv.meta.json"]


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_an_interrupted_run_without_resume_leaves_no_output_file(corpus, tmp_path, how):
    out = tmp_path / "out.csv"
    run = subprocess.Popen(command(corpus, out), stderr=subprocess.PIPE, text=True, start_new_session=True)
    # The hidden temporary file grows as chunks complete; interrupt once some are written.
    wait_for(lambda: any(p.stat().st_size > 0 for p in tmp_path.glob(".out.csv.*.partial")), run)
    if how == "ctrl-c":
        os.killpg(run.pid, signal.SIGINT)  # a terminal sends it to every process of the group, workers too
    else:
        run.send_signal(signal.SIGTERM)  # kill, or a cancelled batch job
    stderr = run.communicate(timeout=60)[1]
    assert run.returncode == 130
    assert stderr == "Interrupted; no output file was written.\n"
    assert leftovers(tmp_path) == []


def children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def test_a_killed_worker_stops_the_run_without_output(corpus, tmp_path):
    out = tmp_path / "out.csv"
    run = subprocess.Popen(command(corpus, out, jobs=2), stderr=subprocess.PIPE, text=True)
    wait_for(lambda: len(children(run.pid)) >= 2, run)
    os.kill(children(run.pid)[0], signal.SIGKILL)
    stderr = run.communicate(timeout=60)[1]
    assert run.returncode == 2, stderr
    assert stderr == ("Error: a worker process stopped unexpectedly (out of memory, or killed); no output was written. "
                      "Try fewer --jobs or a smaller --batch-size\n")
    assert leftovers(tmp_path) == []
