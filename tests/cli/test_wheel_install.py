"""The README's commands, run from a wheel installed into a fresh virtual environment.

The wheel is built from this checkout (setuptools from the registry, as any build), installed with the
``dask`` extra into a new venv (dependencies from the registry, as a user gets them), and every
``barriers`` line of the README's bash blocks runs in a scratch directory that holds the repository's
``datasets/`` (with a sample of the training split) and the stand-in files the examples name
(``corpus.csv``, ``notes.txt``, ...), made from the project's own data. Nothing of the checkout is
importable there, so a file the package forgot to ship fails the command that needs it. Slow (it installs
scientific Python): ``make test-slow``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import venv
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"

pytestmark = pytest.mark.slow

# Lines that need what a test cannot have: a running Dask scheduler at the README's example address,
# and a shared file system.
NEEDS_A_CLUSTER = ("--scheduler tcp://", "'/shared/")
TRAINING_SAMPLE = 800


def readme_commands(text: str) -> list[str]:
    """The shell lines of the README's bash blocks that run ``barriers``, continuation lines joined."""
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = strip_comment(line)
            if re.search(r"(^|\| )barriers ", line) and not line.startswith("#"):
                commands.append(" ".join(line.split()))
    return commands


def strip_comment(line: str) -> str:
    """*line* without a trailing ``# comment`` (a ``#`` inside quotes stays)."""
    for match in re.finditer(r"\s#", line):
        before = line[: match.start()]
        if before.count("'") % 2 == 0 and before.count('"') % 2 == 0:
            return before.strip()
    return line.strip()


def test_readme_commands_are_found():
    commands = readme_commands(README.read_text(encoding="utf-8"))
    verbs = {c.split("barriers ", 1)[1].split()[0] for c in commands}
    assert {"classify", "train", "evaluate", "anonymize", "explain", "summarize", "annotate", "prevalence",
            "compare", "data", "model"} <= verbs
    assert "barriers train --base default labelled.csv -o models/adapted" in commands
    assert "barriers model info --json" in commands


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with the wheel built from this checkout; returns its bin directory."""
    root = tmp_path_factory.mktemp("wheel")
    # Build from a copy, so the build leaves nothing (build/, *.egg-info) in the checkout.
    source = root / "src"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(".git", ".venv*", "out", "site", "build", "dist",
                                                                "*.egg-info", "__pycache__", ".hypothesis"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(source), "-w", str(root / "dist")],
                   check=True, cwd=root)
    wheel = next((root / "dist").glob("barrier_toolkit-*.whl"))
    venv.create(root / "venv", with_pip=True)
    bin_dir = root / "venv" / "bin"
    subprocess.run([bin_dir / "python", "-m", "pip", "install", "-q", f"{wheel}[dask]"], check=True, cwd=root)
    return bin_dir


def _run(bin_dir: Path, command: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "PYTHONPATH": ""}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(["bash", "-c", f"set -euo pipefail; {command}"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=1800)


def make_workspace(work: Path, bin_dir: Path) -> None:
    """The files the README's examples name, made from the repository's data."""
    # The repository's datasets, but a sample of the training split: the README trains and cross-validates
    # four model types on it, which takes a quarter of an hour on the full split and tests nothing more.
    # (`train --base default` reads the copy inside the package, whole.)
    for entry in (REPO / "datasets").iterdir():
        if entry.name != "barriers":
            (work / "datasets" / entry.name).parent.mkdir(exist_ok=True)
            (work / "datasets" / entry.name).symlink_to(entry)
    for entry in (REPO / "datasets" / "barriers").iterdir():
        target = work / "datasets" / "barriers" / entry.name
        target.parent.mkdir(exist_ok=True)
        if entry.name != "train.csv":
            target.symlink_to(entry)
    train = pd.read_csv(REPO / "datasets/barriers/train.csv", dtype=str, keep_default_na=False)
    train.sample(TRAINING_SAMPLE, random_state=0).sort_index().to_csv(work / "datasets/barriers/train.csv", index=False)
    shutil.copy(REPO / "quality-gates.toml", work)
    (work / "quality").symlink_to(REPO / "quality")  # the gates' baseline
    for folder in ("out", "models", "corpus"):
        (work / folder).mkdir()
    test = pd.read_csv(REPO / "datasets/barriers/test.csv", dtype=str, keep_default_na=False).head(300)
    test.to_csv(work / "test.csv", index=False)
    test.to_csv(work / "gold.csv", index=False)
    corpus = test[["id", "text", "register"]].assign(community=test["register"])
    corpus.to_csv(work / "corpus.csv", index=False)
    corpus.to_csv(work / "huge_corpus.csv", index=False)  # the --model fast example (a small stand-in)
    test.tail(100).to_csv(work / "more.csv", index=False)  # compare's second --eval-file
    corpus.iloc[:150].to_csv(work / "corpus/part-1.csv", index=False)
    corpus.iloc[150:].to_csv(work / "corpus/part-2.csv", index=False)
    journal = pd.read_csv(REPO / "datasets/barriers/samples/journal.csv", dtype=str, keep_default_na=False)
    with open(work / "corpus.jsonl", "w", encoding="utf-8") as fh:
        for row in journal.itertuples():
            fh.write(json.dumps({"post_id": row.entry_id, "body": row.text}) + "\n")
    (work / "notes.txt").write_text("\n".join(" ".join(t.split()) for t in journal["text"].head(20)) + "\n")
    shutil.copy(REPO / "datasets/barriers/samples/chat.csv", work / "chat.csv")
    train.sample(300, random_state=1).to_csv(work / "my_labels.csv", index=False)
    shutil.copy(REPO / "toolkit/data/taxonomy.toml", work / "my_taxonomy.toml")
    shutil.copy(REPO / "datasets/shift/heldout.csv", work / "heldout.csv")
    shutil.copy(REPO / "datasets/shift/annotations/ana.json", work / "label_studio_export.json")
    shipped = _run(bin_dir, "python -c 'from toolkit.models import default_model_path; print(default_model_path())'",
                   work).stdout.strip()
    shutil.copytree(shipped, work / "models/base")
    for name, export in (("ana", "ana.json"), ("ben", "ben.jsonl")):
        done = _run(bin_dir, f"barriers annotate import datasets/shift/annotations/{export} -o {name}.csv", work)
        assert done.returncode == 0, done.stderr


def after(command: str, work: Path) -> None:
    """What a person does between two of the README's commands."""
    if "--disagreements to_adjudicate.csv" in command:  # an adjudicator fills in the disagreements
        shutil.copy(REPO / "datasets/shift/annotations/adjudicated.csv", work / "to_adjudicate.csv")
    if "-o sample.csv" in command:  # a person labels the random sample (here: from the gold labels)
        gold = pd.read_csv(work / "gold.csv", dtype=str, keep_default_na=False).set_index("id")
        sample = pd.read_csv(work / "sample.csv", dtype=str, keep_default_na=False)
        labels = [c for c in gold.columns if c in sample.columns and c not in ("text", "register", "community")
                  and set(gold[c]) <= {"0", "1"}]
        sample[labels] = gold.loc[sample["id"], labels].to_numpy()
        sample.to_csv(work / "sample.csv", index=False)


def test_readme_commands_run_from_a_wheel_install(installed, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    make_workspace(work, installed)
    commands = [c for c in readme_commands(README.read_text(encoding="utf-8"))
                if not any(marker in c for marker in NEEDS_A_CLUSTER)]
    # In README order; a command whose input a later example writes (models/mine) runs once more at the end.
    pending, failures, timings = [], [], []
    for attempt in (1, 2):
        for command in commands if attempt == 1 else pending:
            start = time.perf_counter()
            done = _run(installed, command, work)
            timings.append((time.perf_counter() - start, command))
            if done.returncode == 0:
                after(command, work)
            elif attempt == 1:
                pending.append(command)
            else:
                failures.append(f"{command}\n  exit {done.returncode}: {done.stderr.strip()[-600:]}")
    slowest = "\n".join(f"{s:6.1f} s  {c}" for s, c in sorted(timings, reverse=True)[:5])
    print(f"{len(commands)} README commands ({len(pending)} run again after a later one wrote their input); "
          f"slowest:\n{slowest}")
    assert not failures, "README commands failed from the wheel install:\n" + "\n".join(failures)
    labelled = pd.read_csv(work / "out/journal_labelled.csv")
    assert {"fear_of_rejection", "fear_of_rejection_score", "labels"} <= set(labelled.columns)
    card = json.loads((work / "models/adapted/model.json").read_text())
    assert card["training_data"]["parts"][0]["source"] == "train.csv"  # the split shipped in the package
