import json
import re

import pandas as pd


def test_train_writes_a_model_directory(run, tmp_path, tiny_csv):
    out = tmp_path / "model"
    result = run("train", tiny_csv, "--dev", tiny_csv, "-o", out, "--param", "C=2")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"wrote linear model to {out} (trained on 22 rows)\ndev macro-F1 ")
    card = json.loads((out / "model.json").read_text())
    assert card["hyperparameters"]["C"] == 2
    assert card["dev_data"]["rows"] == 22
    assert run("classify", tiny_csv, "--model", out, "--keep-columns", "id", "-q").exit_code == 0


def test_train_reports_a_missing_label_column(run, tmp_path):
    src = tmp_path / "bad.csv"
    pd.DataFrame({"text": ["a", "b"], "fear_of_rejection": [0, 1]}).to_csv(src, index=False)
    result = run("train", src, "-o", tmp_path / "m")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: labelled file '{src}' has no column 'past_experiences' (missing: past_experiences, self_doubt, "
        "cultural_influences); its columns are: text, fear_of_rejection. A labelled file needs one 0/1 column "
        "per label of the taxonomy: fear_of_rejection, past_experiences, self_doubt, cultural_influences\n"
    )
    assert not (tmp_path / "m").exists()


def test_train_rejects_bad_param(run, tmp_path, tiny_csv):
    result = run("train", tiny_csv, "-o", tmp_path / "m", "--param", "nonsense")
    assert result.exit_code == 2
    assert "Invalid value for --param: expected KEY=VALUE, got 'nonsense'" in result.stderr


def test_train_rejects_non_binary_labels(run, tmp_path, tiny_frame):
    frame = tiny_frame.copy()
    frame.loc[3, "self_doubt"] = 2
    src = tmp_path / "bad.csv"
    frame.to_csv(src, index=False)
    result = run("train", src, "-o", tmp_path / "m")
    assert result.stderr == (f"Error: labelled file '{src}' column 'self_doubt' has the value '2' in data row 4; "
                             "label columns must hold only 0 or 1\n")


def test_data_validate_passes_a_clean_file(run, tiny_csv):
    result = run("data", "validate", tiny_csv)
    assert result.exit_code == 0
    assert "22 rows, 6 with no label" in result.stdout
    assert result.stdout.rstrip().endswith("OK: the file follows the codebook format")


def test_data_validate_lists_every_problem(run, tmp_path, tiny_frame):
    frame = tiny_frame.copy()
    frame.loc[1, "id"] = "t0"
    frame.loc[2, "text"] = ""
    frame.loc[4, "text"] = frame.loc[5, "text"] + "!"
    src = tmp_path / "bad.csv"
    frame.to_csv(src, index=False)
    result = run("data", "validate", src)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "Error: 1 empty text(s), first in data rows [3]",
        "Error: 1 duplicate id(s) in column 'id': t0",
        "Error: 1 near-duplicate pair(s) (character 5-gram Jaccard >= 0.8): rows 5 and 6 (0.97)",
    ]


def test_data_stats(run, tiny_csv):
    result = run("data", "stats", tiny_csv)
    assert result.exit_code == 0
    assert "labels:" in result.stdout and "length_words:" in result.stdout
    assert re.search(r"\(none\)\s+6\s+0\.273", result.stdout)


def test_train_weight_rules_are_recorded_and_checked(tmp_path):
    import json

    from click.testing import CliRunner

    from toolkit.cli import cli

    rows = ["text,fear_of_rejection,past_experiences,self_doubt,cultural_influences,source"]
    for i in range(12):
        rows.append(f"what if he laughs at me {i},1,0,0,0,a")
        rows.append(f"my ex read my diary {i},0,1,0,0,b")
        rows.append(f"who would even care {i},0,0,1,0,b")
        rows.append(f"my family never talks about feelings {i},0,0,0,1,a")
        rows.append(f"we had pasta on day {i},0,0,0,0,b")
    data = tmp_path / "d.csv"
    data.write_text("\n".join(rows) + "\n")
    runner = CliRunner()
    result = runner.invoke(cli, ["train", str(data), "-o", str(tmp_path / "m"), "--weight", "source=b:3"])
    assert result.exit_code == 0, result.output
    card = json.loads((tmp_path / "m" / "model.json").read_text())
    assert card["training_data"]["weights"] == ["source=b:3"]
    bad = runner.invoke(cli, ["train", str(data), "-o", str(tmp_path / "n"), "--weight", "source=zzz:3"])
    assert bad.exit_code == 2
    assert "weight rule 'source=zzz:3' matches no row of" in bad.output
    bad = runner.invoke(cli, ["train", str(data), "-o", str(tmp_path / "n"), "--weight", "register=a:2"])
    assert "names column 'register', which" in bad.output
    bad = runner.invoke(cli, ["train", str(data), "-o", str(tmp_path / "n"), "--weight", "source=a"])
    assert "is not COLUMN=PATTERN:WEIGHT with a positive WEIGHT" in bad.output
    assert not (tmp_path / "n").exists()


def test_data_validate_reports_evidence_coverage_and_problems(tmp_path):
    from click.testing import CliRunner

    from toolkit.cli import cli

    header = "text,fear_of_rejection,past_experiences,self_doubt,cultural_influences,evidence\n"
    good = tmp_path / "good.csv"
    good.write_text(header + '"what if he laughs at me",1,0,0,0,"{""fear_of_rejection"": [[0, 23]]}"\n'
                    '"we had pasta",0,0,0,0,{}\n')
    result = CliRunner().invoke(cli, ["data", "validate", str(good)])
    assert result.exit_code == 0, result.output
    assert "evidence spans: 1 of 1 positive labels (100.0%); 2 of 2 rows annotated" in result.output
    bad = tmp_path / "bad.csv"
    bad.write_text(header + '"what if he laughs at me",1,0,0,0,"{""fear_of_rejection"": [[0, 99]]}"\n'
                   '"we had pasta",0,0,0,0,"{not json"\n')
    result = CliRunner().invoke(cli, ["data", "validate", str(bad)])
    assert result.exit_code == 1
    assert "Error: span outside the text or empty for 'fear_of_rejection'" in result.output
    assert "Error: evidence cell is not JSON" in result.output
