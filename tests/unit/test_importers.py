"""Label Studio, doccano and sheet imports, and load_labelled reading them directly."""

import json

import numpy as np
import pandas as pd
import pytest

from toolkit.annotation_formats import read_annotations, read_doccano, read_label_studio, read_sheet
from toolkit.errors import InputError
from toolkit.labelled import load_labelled


def ls_task(task_id, text, choices, *, annotator=1, cancelled=False, extra=None):
    annotation = {
        "id": task_id * 10,
        "completed_by": annotator,
        "was_cancelled": cancelled,
        "result": [{"from_name": "barriers", "to_name": "text", "type": "choices", "value": {"choices": choices}}],
    }
    return {"id": task_id, "data": {"text": text, **(extra or {})}, "annotations": [annotation]}


@pytest.fixture()
def ls_export(tmp_path):
    tasks = [
        ls_task(1, "what if he laughs at me", ["fear_of_rejection"], extra={"id": "a1"}),
        ls_task(
            2, "my ex read my diary aloud", ["Past experiences", "Fear of rejection and judgment"], extra={"id": "a2"}
        ),
        {"id": 3, "data": {"text": "we had pizza", "id": "a3"}, "annotations": []},
        ls_task(4, "nice weather", [], extra={"id": "a4"}),
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(tasks))
    return path


def test_label_studio_export_reads_ids_names_and_unlabelled_tasks(ls_export, taxonomy):
    imported = read_label_studio(ls_export, taxonomy)
    assert imported.frame["id"].tolist() == ["a1", "a2", "a3", "a4"]
    assert imported.frame["task_id"].tolist() == [1, 2, 3, 4]
    assert imported.unlabelled == ["a3"]
    labelled = imported.labelled
    assert labelled["id"].tolist() == ["a1", "a2", "a4"]
    assert labelled[list(taxonomy.ids)].to_numpy().tolist() == [[1, 0, 0, 0], [1, 1, 0, 0], [0, 0, 0, 0]]


def test_load_labelled_detects_a_label_studio_export(ls_export, taxonomy):
    data = load_labelled(ls_export, taxonomy)
    assert data.texts == ["what if he laughs at me", "my ex read my diary aloud", "nice weather"]
    assert data.y.sum(axis=0).tolist() == [2, 1, 0, 0]


def test_label_studio_unknown_label_names_the_task(tmp_path, taxonomy):
    path = tmp_path / "export.json"
    path.write_text(json.dumps([ls_task(1, "a", ["fear_of_rejection"]), ls_task(7, "b", ["jealousy"])]))
    with pytest.raises(InputError) as error:
        read_label_studio(path, taxonomy)
    assert str(error.value) == (
        f"Label Studio export '{path}', task 2 (id 7) has the label 'jealousy', which is not in the taxonomy; expected "
        "one of: fear_of_rejection, past_experiences, self_doubt, cultural_influences (or their names). Rename the "
        "label in the tool, or pass the taxonomy the project used with --taxonomy")


def test_label_studio_several_annotators_need_a_choice(tmp_path, taxonomy):
    task = ls_task(1, "what if she judges me", ["fear_of_rejection"], annotator=11)
    task["annotations"].append({"completed_by": 12, "result": [{"type": "choices", "value": {"choices": []}}]})
    task["annotations"].append({"completed_by": 13, "was_cancelled": True, "result": []})
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task]))
    with pytest.raises(
        InputError, match=r"task 1 \(id 1\) has 2 annotations \(by 11, 12\); choose whose to read with --annotator"
    ):
        read_label_studio(path, taxonomy)
    assert read_label_studio(path, taxonomy, annotator="11").labelled["fear_of_rejection"].tolist() == [1]
    assert read_label_studio(path, taxonomy, annotator="12").labelled["fear_of_rejection"].tolist() == [0]


def test_label_studio_rejects_span_results_and_missing_text(tmp_path, taxonomy):
    task = ls_task(1, "x", [])
    task["annotations"][0]["result"] = [{"type": "labels", "value": {"start": 0, "end": 1, "labels": ["x"]}}]
    path = tmp_path / "export.json"
    path.write_text(json.dumps([task]))
    with pytest.raises(InputError, match="has a 'labels' result; only classification results"):
        read_label_studio(path, taxonomy)
    path.write_text(json.dumps([{"id": 5, "data": {"body": "x"}, "annotations": []}]))
    with pytest.raises(InputError, match=r"task 1 \(id 5\) has no text field 'text'; its data fields are: body"):
        read_label_studio(path, taxonomy)
    assert read_label_studio(path, taxonomy, text_field="body").frame["text"].tolist() == ["x"]


def test_doccano_export(tmp_path, taxonomy):
    path = tmp_path / "doccano.jsonl"
    records = [
        {"id": 1, "text": "growing up crying got me sent to my room", "label": ["past_experiences"], "Comments": []},
        {"id": 2, "text": "lunch was fine", "label": []},
        {"id": 3, "text": "who'd want to hear this", "label": ["Self-doubt"], "client": "c7"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    imported = read_doccano(path, taxonomy)
    assert imported.frame["doccano_id"].tolist() == [1, 2, 3]
    assert imported.frame[list(taxonomy.ids)].to_numpy().tolist() == [[0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 1, 0]]
    assert imported.frame["client"].tolist()[2] == "c7"
    assert load_labelled(path, taxonomy).y.tolist() == [[0, 1, 0, 0], [0, 0, 0, 0], [0, 0, 1, 0]]


def test_doccano_errors_name_the_line(tmp_path, taxonomy):
    path = tmp_path / "doccano.jsonl"
    path.write_text('{"text": "a", "label": []}\n\n{"text": "b", "label": [[0, 1, "fear_of_rejection"]]}\n')
    with pytest.raises(InputError) as error:
        read_doccano(path, taxonomy)
    assert str(error.value) == (
        f"doccano export '{path}', line 3 has 'label' = [[0, 1, \"fear_of_rejection\"]]; expected a "
        "list of label names (span labels from a sequence labelling project cannot be imported)"
    )
    path.write_text('{"text": "a", "label": []}\n{"text": "b", "label": ["shyness"]}\n')
    with pytest.raises(InputError, match=f"doccano export '{path}', line 2 has the label 'shyness'"):
        read_doccano(path, taxonomy)


def test_plain_jsonl_with_label_columns_is_not_taken_for_doccano(tmp_path, taxonomy, tiny_frame):
    path = tmp_path / "labelled.jsonl"
    tiny_frame.to_json(path, orient="records", lines=True)
    assert load_labelled(path, taxonomy).y.tolist() == tiny_frame[list(taxonomy.ids)].to_numpy().tolist()


def test_sheet_blank_cells_count_as_zero_once_a_row_is_started(taxonomy):
    sheet = pd.DataFrame({"id": ["a", "b", "c"], "text": ["x", "y", "z"], "fear_of_rejection": ["1", None, None],
                          "past_experiences": [None, "0", None], "self_doubt": ["x", None, None],
                          "cultural_influences": [None, None, None]})
    imported = read_sheet(sheet, taxonomy)
    assert imported.unlabelled == ["c"]
    assert np.isnan(imported.frame.loc[2, list(taxonomy.ids)].to_numpy(dtype=float)).all()
    assert imported.labelled[list(taxonomy.ids)].to_numpy().tolist() == [[1, 0, 1, 0], [0, 0, 0, 0]]


def test_sheet_rejects_other_values(tmp_path, taxonomy):
    path = tmp_path / "sheet.csv"
    pd.DataFrame({"text": ["x", "y"], "fear_of_rejection": ["1", "maybe"], "past_experiences": ["", ""],
                  "self_doubt": ["", ""], "cultural_influences": ["", ""]}).to_csv(path, index=False)
    with pytest.raises(InputError) as error:
        read_annotations(path, taxonomy)
    assert str(error.value) == (
        f"annotation sheet '{path}' column 'fear_of_rejection' has the value 'maybe' in data row 2; "
        "write 1 where a label applies and 0 (or nothing) where it does not"
    )


def test_load_labelled_points_a_sheet_with_blanks_to_the_sheet_format(tmp_path, taxonomy):
    path = tmp_path / "sheet.csv"
    pd.DataFrame({"text": ["x", "y"], "fear_of_rejection": ["1", ""], "past_experiences": ["0", "1"],
                  "self_doubt": ["0", ""], "cultural_influences": ["0", ""]}).to_csv(path, index=False)
    with pytest.raises(InputError) as error:
        load_labelled(path, taxonomy)
    assert str(error.value).endswith(
        "label columns must hold only 0 or 1 (an annotation sheet with blank cells is read "
        "with --format sheet, or converted with 'barriers annotate import')"
    )
    assert load_labelled(path, taxonomy, fmt="sheet").y.tolist() == [[1, 0, 0, 0], [0, 1, 0, 0]]
