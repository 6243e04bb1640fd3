"""The local engine: order, bounded chunks, --jobs, worker errors."""

import random

import numpy as np
import pandas as pd
import pytest

import toolkit
from toolkit.classification import ClassifySummary
from toolkit.engine import IN_FLIGHT_PER_JOB, EncodedRows, available_cores, check_jobs, classify_chunks
from toolkit.errors import InputError, MissingExtraError

from ..conftest import TINY


def shuffled_length_frames(n_chunks=12, seed=0):
    """Chunks whose sizes shrink, so later chunks finish before earlier ones in a pool."""
    rng = random.Random(seed)
    texts = [t[0] for t in TINY]
    frames, row = [], 0
    for chunk in range(n_chunks):
        size = max(1, 400 - 35 * chunk)
        rows = []
        for _ in range(size):
            words = " ".join(rng.choice(texts) for _ in range(rng.randint(1, 12)))
            rows.append((f"r{row}", words))
            row += 1
        frames.append(pd.DataFrame(rows, columns=["id", "text"]))
    return frames


def run(frames, model, **kwargs):
    return pd.concat(list(classify_chunks(frames, model, **kwargs)), ignore_index=True)


@pytest.mark.parametrize("executor", ["process", "thread"])
def test_two_jobs_keep_input_order_and_results(tiny_model, executor):
    frames = shuffled_length_frames()
    serial = run(frames, tiny_model, jobs=1)
    parallel = run(frames, tiny_model, jobs=2, executor=executor)
    assert parallel["id"].tolist() == [f"r{i}" for i in range(len(serial))]
    pd.testing.assert_frame_equal(parallel, serial)


def test_encoded_chunks_are_the_csv_of_the_frames(tiny_model):
    frames = shuffled_length_frames(4)
    encoded = list(classify_chunks(frames, tiny_model, jobs=2, encode_as="csv"))
    plain = list(classify_chunks(frames, tiny_model, jobs=1))
    assert all(isinstance(chunk, EncodedRows) for chunk in encoded)
    assert [e.body for e in encoded] == [p.to_csv(header=False, index=False) for p in plain]
    assert encoded[0].header == plain[0].head(0).to_csv(index=False)


def test_summary_and_progress_match_a_serial_run(tiny_model):
    frames = shuffled_length_frames(6)
    totals = []
    for jobs in (1, 2):
        summary, seen = ClassifySummary(labels=tiny_model.taxonomy_.ids), []
        run(frames, tiny_model, jobs=jobs, summary=summary, progress=seen.append)
        totals.append((summary.rows, summary.empty_texts, summary.positives, seen))
    assert totals[0] == totals[1]
    assert totals[0][0] == sum(len(f) for f in frames)


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_chunks_in_flight_are_bounded(tiny_model, jobs):
    frames = shuffled_length_frames(20)
    state = {"read": 0, "written": 0, "most": 0}

    def reader():
        for frame in frames:
            state["read"] += 1
            state["most"] = max(state["most"], state["read"] - state["written"])
            yield frame

    for _ in classify_chunks(reader(), tiny_model, jobs=jobs):
        state["written"] += 1
    assert state["written"] == len(frames)
    assert state["most"] <= max(IN_FLIGHT_PER_JOB * jobs, 2)


def test_a_single_chunk_never_starts_a_pool(tiny_model, monkeypatch):
    import toolkit.engine as engine

    monkeypatch.setattr(engine, "_make_pool", lambda *a, **k: pytest.fail("started a pool for one chunk"))
    out = run([pd.DataFrame({"text": ["what if she laughs at me"]})], tiny_model, jobs=4)
    assert out["fear_of_rejection"].tolist() == [1]


@pytest.mark.parametrize("executor", ["process", "thread"])
def test_an_error_in_a_worker_is_raised_unchanged(tiny_model, executor):
    frames = (
        [pd.DataFrame({"text": ["a"] * 5})] * 3 + [pd.DataFrame({"body": ["b"]})] + [pd.DataFrame({"text": ["c"]})] * 3
    )
    chunks = classify_chunks(frames, tiny_model, jobs=2, executor=executor, source="in.csv")
    with pytest.raises(InputError, match="^input file 'in.csv' has no column 'text'; available columns: body"):
        list(chunks)


def test_missing_extra_error_survives_the_trip_from_a_worker():
    import pickle

    error = pickle.loads(pickle.dumps(MissingExtraError("distributed", "dask", "--engine dask")))
    assert str(error) == ("--engine dask needs the optional package 'distributed', which is not installed; "
                          "install it with: pip install 'barrier-toolkit[dask]'")


@pytest.mark.parametrize("jobs", [0, -2, 1.5, True, "2"])
def test_bad_jobs_are_refused(jobs):
    with pytest.raises(InputError) as error:
        check_jobs(jobs)
    assert (
        str(error.value) == f"--jobs must be a whole number of at least 1, got {jobs!r}; leave it out to use all cores"
    )


def test_default_jobs_is_every_available_core():
    assert check_jobs(None) == available_cores() >= 1


def test_default_model_in_workers_scores_like_in_process(default_model):
    texts = pd.read_csv(toolkit.__path__[0] + "/../datasets/barriers/dev.csv")["text"].tolist()[:300]
    frames = [pd.DataFrame({"text": texts[i : i + 50]}) for i in range(0, 300, 50)]
    parallel = run(frames, default_model, jobs=2)
    np.testing.assert_array_equal(
        parallel["fear_of_rejection_score"], np.round(default_model.predict_proba(texts)[:, 0], 6)
    )


def _die(frame):
    import os

    os._exit(3)


def test_a_dead_worker_gives_a_clear_error(tiny_model, monkeypatch):
    import toolkit.engine as engine
    from toolkit.errors import ToolkitError

    monkeypatch.setattr(engine, "_classify_in_worker", _die)  # forked workers inherit the patch
    with pytest.raises(ToolkitError, match="^a worker process stopped unexpectedly \\(out of memory, or killed\\); "
                                           "no output was written. Try fewer --jobs or a smaller --batch-size$"):
        list(classify_chunks(shuffled_length_frames(4), tiny_model, jobs=2))


def test_feature_columns_name_the_columns_of_transform():
    linear = toolkit.load_model("fast")
    text = "I'm not sure he'd understand, he never does"
    row = linear.transform([text])
    columns = linear.feature_columns(linear.analyze(text))
    assert set(row.indices) == set(columns.tolist())
