import json
import os
import stat

import pandas as pd

PII_TEXT = "Jake Morrison texted me from jake.m99@example.com, call 07700 900123"


def write_csv(path, rows):
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def test_anonymize_writes_placeholders_and_counts_only(run, tmp_path):
    src = write_csv(tmp_path / "in.csv", {"client": ["c1", "c1"], "text": [PII_TEXT, "told jake no"]})
    out = tmp_path / "out.csv"
    result = run("anonymize", src, "-o", out, "--by", "client")
    assert result.exit_code == 0
    assert pd.read_csv(out)["text"].tolist() == ["[PERSON_1] texted me from [EMAIL_1], call [PHONE_1]",
                                                 "told [PERSON_1] no"]
    assert "replaced: EMAIL 1, PHONE 1, PERSON 2" in result.stderr
    for value in ("Jake", "jake", "example.com", "07700"):
        assert value not in result.stderr


def test_anonymize_mapping_file(run, tmp_path):
    src = write_csv(tmp_path / "in.csv", {"text": [PII_TEXT]})
    keys = tmp_path / "keys.json"
    result = run("anonymize", src, "-o", tmp_path / "out.jsonl", "--mapping", keys, "--keep", "phone")
    assert result.exit_code == 0
    assert "07700" not in result.stderr and "Jake" not in result.stderr
    entries = json.loads(keys.read_text())
    assert [e["originals"] for e in entries] == [["Jake Morrison"], ["jake.m99@example.com"]]
    assert stat.S_IMODE(os.stat(keys).st_mode) == 0o600
    assert "07700 900123" in (tmp_path / "out.jsonl").read_text()


def test_anonymize_errors_never_show_values(run, tmp_path):
    src = write_csv(tmp_path / "in.csv", {"body": [PII_TEXT]})
    result = run("anonymize", src, "-o", tmp_path / "out.csv")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: input file '{src}' has no column 'text' to anonymise; available columns: body. "
                             "Name the text columns with --text-column/--columns\n")
    assert not (tmp_path / "out.csv").exists()
    result = run("anonymize", src, "-o", tmp_path / "out.csv", "--text-column", "body", "--keep", "NAMES")
    assert result.exit_code == 2
    assert "unknown entity type 'NAMES' for --keep" in result.stderr
    result = run("anonymize", src, "-o", tmp_path / "out.csv", "--text-column", "body", "--by", "who")
    assert result.exit_code == 2 and "no group column 'who'" in result.stderr and "Jake" not in result.stderr


def test_anonymize_usage_errors(run, tmp_path):
    result = run("anonymize")
    assert result.exit_code == 2
    assert "missing INPUT (a file to anonymise) or --evaluate FILE" in result.stderr
    result = run("anonymize", tmp_path / "x.csv", "--evaluate", tmp_path / "gold.jsonl")
    assert "pass either INPUT or --evaluate FILE, not both" in result.stderr


def test_anonymize_evaluate(run, tmp_path):
    gold = tmp_path / "gold.jsonl"
    record = {"id": "x", "split": "dev", "text": "ask Jake on 07700 900123",
              "spans": [{"start": 4, "end": 8, "type": "PERSON"}, {"start": 12, "end": 24, "type": "PHONE"}]}
    gold.write_text(json.dumps(record) + "\n")
    result = run("anonymize", "--evaluate", gold, "--json", tmp_path / "m.json")
    assert result.exit_code == 0
    assert "PERSON" in result.stdout and "redaction recall" in result.stdout
    assert json.loads((tmp_path / "m.json").read_text())["per_type"]["PHONE"]["overlap"]["recall"] == 1.0
    result = run("anonymize", "--evaluate", gold, "--split", "test")
    assert result.exit_code == 2
    assert result.stderr == "Error: no PII gold records in split 'test'; available splits: dev\n"
    missing = run("anonymize", "--evaluate", tmp_path / "none.jsonl")
    assert missing.stderr == (f"Error: PII gold file '{tmp_path / 'none.jsonl'}' does not exist; build it with: "
                              "python datasets/pii/build_pii.py\n")


def test_classify_anonymize_writes_only_anonymised_text(run, tmp_path):
    src = write_csv(tmp_path / "in.csv", {"conv": ["k1", "k1"], "text": [PII_TEXT, "jake what if u think im pathetic"]})
    out = tmp_path / "out.csv"
    result = run("classify", src, "-o", out, "--anonymize", "--by", "conv")
    assert result.exit_code == 0
    written = out.read_text()
    assert "Jake" not in written and "jake" not in written and "07700" not in written
    assert "[PERSON_1] what if u think im pathetic" in written
    assert "Jake" not in result.stderr
    result = run("classify", src, "-o", out, "--by", "conv")
    assert result.exit_code == 2 and "--by goes with --anonymize" in result.stderr


def test_classify_anonymize_with_workers_keeps_group_pseudonyms_across_chunks(run, tmp_path):
    rows = {
        "conv": ["k1", "k2", "k1", "k2", "k1", "k2"],
        "text": [
            "Jake said hi",
            "Maria said hi",
            "i told Maria",
            "Jake again",
            "Jake texted me",
            "what if Maria laughs",
        ],
    }
    src = write_csv(tmp_path / "in.csv", rows)
    one = run("classify", src, "-o", tmp_path / "one.csv", "--anonymize", "--by", "conv", "--jobs", "1",
              "--batch-size", "1", "--keep-columns", "conv,text")
    two = run("classify", src, "-o", tmp_path / "two.csv", "--anonymize", "--by", "conv", "--jobs", "2",
              "--batch-size", "1", "--keep-columns", "conv,text")
    assert one.exit_code == 0 and two.exit_code == 0
    assert (tmp_path / "one.csv").read_bytes() == (tmp_path / "two.csv").read_bytes()
    texts = pd.read_csv(tmp_path / "two.csv")["text"].tolist()
    assert texts[0].startswith("[PERSON_1]") and texts[2] == "i told [PERSON_2]" and texts[4].startswith("[PERSON_1]")
    assert texts[1].startswith("[PERSON_1]") and texts[3] == "[PERSON_2] again"


def test_classify_anonymize_is_refused_with_the_dask_engine(run, tmp_path):
    src = write_csv(tmp_path / "in.csv", {"text": ["Jake said hi"]})
    result = run("classify", src, "-o", tmp_path / "out", "--anonymize", "--engine", "dask")
    assert result.exit_code == 2
    assert ("Error: --anonymize keeps pseudonyms consistent across all rows, which the dask engine cannot do across "
            "partitions; run 'barriers anonymize' first, then classify its output with --engine dask") in result.stderr
    assert not (tmp_path / "out").exists()


GROUPED = {
    "client": ["a", "b", "a", "b", "a", "a"],
    "text": [
        "ugh dre again",
        "hope?",
        "nothing today",
        "my friend Hope texted",
        "my brother Andre Baptiste rang",
        "Dre's car broke down",
    ],
}
GROUPED_EXPECTED = ["ugh [PERSON_1] again", "[PERSON_1]?", "nothing today", "my friend [PERSON_1] texted",
                    "my brother [PERSON_1] rang", "[PERSON_1]'s car broke down"]


def test_anonymize_reads_a_grouped_file_twice_across_chunks(run, tmp_path):
    src = write_csv(tmp_path / "in.csv", GROUPED)
    keys = tmp_path / "keys.json"
    result = run("anonymize", src, "-o", tmp_path / "out.csv", "--by", "client", "--batch-size", "1",
                 "--mapping", keys)
    assert result.exit_code == 0
    assert pd.read_csv(tmp_path / "out.csv")["text"].tolist() == GROUPED_EXPECTED
    entries = {(e["group"], e["placeholder"]): e["originals"] for e in json.loads(keys.read_text())}
    assert entries[("a", "[PERSON_1]")] == ["dre", "Andre Baptiste", "Dre"]


def test_anonymize_from_stdin_is_one_pass(run, tmp_path):
    csv_text = pd.DataFrame(GROUPED).to_csv(index=False)
    result = run("anonymize", "-", "-o", tmp_path / "out.csv", "--by", "client", input=csv_text)
    assert result.exit_code == 0
    texts = pd.read_csv(tmp_path / "out.csv")["text"].tolist()
    assert texts[0] == "ugh dre again" and texts[1] == "hope?"  # names met later reach only later rows
    assert texts[4] == "my brother [PERSON_1] rang" and texts[5] == "[PERSON_1]'s car broke down"


def test_classify_anonymize_two_passes_with_workers_and_small_chunks(run, tmp_path):
    src = write_csv(tmp_path / "in.csv", GROUPED)
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.csv"
        result = run("classify", src, "-o", out, "--anonymize", "--by", "client", "--jobs", jobs,
                     "--batch-size", "2", "--keep-columns", "client,text")
        assert result.exit_code == 0
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert pd.read_csv(tmp_path / "out2.csv")["text"].tolist() == GROUPED_EXPECTED


def test_evaluate_reports_leak_rates_and_takes_a_group_field(run, tmp_path):
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "1", "conv": "k", "text": "ok dre", "spans": [{"start": 3, "end": 6, "type": "PERSON"}]},
        {
            "id": "2",
            "conv": "k",
            "text": "my brother Andre rang",
            "spans": [{"start": 11, "end": 16, "type": "PERSON"}],
        },
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in rows))
    grouped = run("anonymize", "--evaluate", gold, "--by", "conv", "--json", tmp_path / "g.json")
    assert "leak rate: 0 of 2 texts (0.00%) and 0 of 1 groups (0.00%)" in grouped.stdout
    alone = run("anonymize", "--evaluate", gold)
    assert "leak rate: 1 of 2 texts (50.00%) and 1 of 2 groups (50.00%)" in alone.stdout
    assert json.loads((tmp_path / "g.json").read_text())["leaks"]["group_leak_rate"] == 0.0
