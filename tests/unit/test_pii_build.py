"""datasets/pii/build_pii.py: splits, the group rule, refusals, and a committed pii_eval.jsonl that matches
its raw parts."""

import importlib.util
import json

import pytest

from ..conftest import REPO

PII = REPO / "datasets" / "pii"


@pytest.fixture(scope="module")
def build_pii():
    spec = importlib.util.spec_from_file_location("build_pii", PII / "build_pii.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_part(folder, part, rows):
    folder.mkdir(exist_ok=True)
    (folder / f"part-{part}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_old_rows_are_their_own_group_and_new_rows_keep_theirs(build_pii, tmp_path):
    write_part(tmp_path, "04", [{"id": "p04-001", "register": "chat", "text": "hi <<PERSON:jo>>"}])
    write_part(
        tmp_path,
        "09",
        [
            {"id": "p09-001", "register": "chat", "group": "g09-02", "text": "<<PERSON:dre>> u up"},
            {"id": "p09-002", "register": "chat", "group": "g09-02", "text": "<<PERSON:Andre>>!!!"},
        ],
    )
    records = build_pii.build(tmp_path)
    assert [(r["id"], r["split"], r["group"]) for r in records] == [
        ("p04-001", "test", "p04-001"), ("p09-001", "dev", "g09-02"), ("p09-002", "dev", "g09-02")]


@pytest.mark.parametrize("part, row, message", [
    ("12", {"id": "p12-001", "register": "chat", "text": "hi"}, "no 'group'"),
    ("12", {"id": "p12-001", "register": "chat", "group": "g11-01", "text": "hi"}, "should look like g12-01"),
    ("99", {"id": "p99-001", "register": "chat", "group": "g99-01", "text": "hi"}, "part 99 has no split"),
])
def test_bad_groups_and_unmapped_parts_are_refused(build_pii, tmp_path, part, row, message):
    write_part(tmp_path, part, [row])
    with pytest.raises(SystemExit, match=message):
        build_pii.build(tmp_path)


def test_committed_file_is_the_build_of_the_raw_parts(build_pii):
    committed = [json.loads(line) for line in (PII / "pii_eval.jsonl").read_text(encoding="utf-8").splitlines()]
    assert committed == build_pii.build(), "pii_eval.jsonl is stale: run python datasets/pii/build_pii.py"
    for record in committed:
        for span in record["spans"]:
            assert record["text"][span["start"]:span["end"]] == span["text"]


def test_groups_of_the_grouped_parts_hold_several_texts(build_pii):
    sizes = {}
    for record in build_pii.build():
        if int(record["part"]) >= build_pii.FIRST_GROUPED_PART:
            sizes[record["group"]] = sizes.get(record["group"], 0) + 1
    assert sizes and min(sizes.values()) >= 3
