"""One benchmark measurement, run by run.py in a fresh process: prints one JSON line.

Usage: python benchmarks/measure.py KIND CORPUS.csv [JOBS]

Imports happen before the clock starts (their time is reported apart as
``import_seconds``); model loading, reading and writing are inside it.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

CHUNK = 20_000
REPO = Path(__file__).resolve().parents[1]


def read_csv(path, jobs):
    import pandas as pd

    start = time.perf_counter()
    rows = len(pd.read_csv(path))
    return rows, time.perf_counter() - start, {}


def sklearn_loop(path, jobs):
    """The floor: scikit-learn's own TF-IDF word 1-2-grams + one-vs-rest LR, predict_proba in chunks."""
    import pandas as pd
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline

    import toolkit

    ids = list(toolkit.load_taxonomy().ids)
    train = pd.read_csv(REPO / "datasets" / "barriers" / "train.csv")
    pipeline = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                             OneVsRestClassifier(LogisticRegression(C=16, solver="liblinear")))
    pipeline.fit(train["text"], train[ids].to_numpy())
    texts = pd.read_csv(path)["text"].tolist()
    start = time.perf_counter()
    for i in range(0, len(texts), CHUNK):
        pipeline.predict_proba(texts[i : i + CHUNK])
    return len(texts), time.perf_counter() - start, {}


def toolkit_predict_proba(path, jobs):
    """The toolkit's default model alone on the same rows (no reading or writing in the timing)."""
    import pandas as pd

    import toolkit

    texts = pd.read_csv(path)["text"].tolist()
    start = time.perf_counter()
    model = toolkit.load_model()
    for i in range(0, len(texts), CHUNK):
        model.predict_proba(texts[i : i + CHUNK])
    return len(texts), time.perf_counter() - start, {}


def classify_cli(path, jobs, model_dir=None):
    from click.testing import CliRunner

    from toolkit.cli import cli

    with tempfile.TemporaryDirectory(dir=Path(path).parent) as tmp:
        out = Path(tmp) / "out.csv"
        args = ["classify", str(path), "-o", str(out), "-q"] + (["--jobs", str(jobs)] if jobs else [])
        args += ["--model", str(model_dir)] if model_dir else []
        start = time.perf_counter()
        result = CliRunner().invoke(cli, args, catch_exceptions=False)
        seconds = time.perf_counter() - start
        assert result.exit_code == 0, result.output
        with open(out, encoding="utf-8") as fh:
            rows = sum(1 for _ in fh) - 1
    return rows, seconds, {}


def classify_threads(path, jobs):
    """The local engine with threads instead of processes (the same work as classify_cli)."""
    import toolkit
    from toolkit.engine import classify_chunks, write_chunk
    from toolkit.io import TableWriter, read_table

    with tempfile.TemporaryDirectory(dir=Path(path).parent) as tmp:
        start = time.perf_counter()
        model = toolkit.load_model()
        with TableWriter(Path(tmp) / "out.csv") as writer:
            for chunk in classify_chunks(read_table(path), model, jobs=jobs, encode_as="csv", executor="thread"):
                write_chunk(writer, chunk)
        seconds = time.perf_counter() - start
        with open(Path(tmp) / "out.csv", encoding="utf-8") as fh:
            rows = sum(1 for _ in fh) - 1
    return rows, seconds, {}


def model_type(path, jobs, kind):
    """`barriers classify` end to end with another registered model type (trained first, outside the timing)."""
    import toolkit
    from toolkit.models import LexiconModel

    with tempfile.TemporaryDirectory() as tmp:
        if kind == "lexicon":
            model = LexiconModel().fit_unsupervised()
        else:
            data = REPO / "datasets" / "barriers"
            model = toolkit.train(data / "train.csv", dev=data / "dev.csv", model_type=kind)
        model.save(Path(tmp) / "model")
        return classify_cli(path, jobs, model_dir=Path(tmp) / "model")


def dask_engine(path, jobs):
    import logging

    import distributed

    import toolkit
    from toolkit.dask_engine import classify_with_dask

    start = time.perf_counter()
    cluster = distributed.LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                                       silence_logs=logging.CRITICAL)
    client = distributed.Client(cluster)
    client.run(lambda: __import__("toolkit.dask_engine"))  # workers import the toolkit before the clock starts
    startup = time.perf_counter() - start
    try:
        with tempfile.TemporaryDirectory(dir=Path(path).parent) as tmp:
            start = time.perf_counter()
            summary = classify_with_dask(str(path), None, toolkit.load_model(), output_parts=str(Path(tmp) / "out"),
                                         scheduler=cluster.scheduler_address)
            seconds = time.perf_counter() - start
    finally:
        client.close()
        cluster.close()
    return summary.rows, seconds, {"cluster_start_seconds": round(startup, 2)}


def empath(path, jobs, limit=10_000):
    import pandas as pd
    from empath import Empath

    texts = pd.read_csv(path)["text"].tolist()[:limit]
    lexicon = Empath()
    start = time.perf_counter()
    for text in texts:
        lexicon.analyze(text, normalize=True)
    return len(texts), time.perf_counter() - start, {}


KINDS = {
    "read_csv": read_csv,
    "sklearn_loop": sklearn_loop,
    "toolkit_predict_proba": toolkit_predict_proba,
    "classify": classify_cli,
    "classify_threads": classify_threads,
    "dask": dask_engine,
    "empath": empath,
}


def main() -> None:
    kind, path = sys.argv[1], sys.argv[2]
    jobs = int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] != "0" else None
    extra_arg = sys.argv[4] if len(sys.argv) > 4 else None
    started = time.perf_counter()
    # Import what every measurement needs before the clock starts.
    import pandas  # noqa: F401

    import toolkit.cli  # noqa: F401

    import_seconds = time.perf_counter() - started
    if kind.startswith("model:"):
        rows, seconds, extra = model_type(path, jobs, kind.split(":", 1)[1])
    elif kind == "empath":
        rows, seconds, extra = empath(path, jobs, int(extra_arg or 10_000))
    else:
        rows, seconds, extra = KINDS[kind](path, jobs)
    print(json.dumps({"rows": rows, "seconds": seconds, "import_seconds": round(import_seconds, 2), **extra}))


if __name__ == "__main__":
    main()
