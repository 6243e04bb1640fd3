"""Structured logging: named events with counts, timings, paths and ids, never text content.

Modules log through :func:`log_event`, so every record is an event name
plus fields. Texts, labels of individual rows and detected personal data are
never passed as fields: a log may be kept longer and shared wider than the
data it describes. :func:`configure_logging` (what ``barriers -v`` and
``--log-file`` call) writes ``key=value`` lines to stderr and JSON lines to
a file created readable by its owner only.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from datetime import datetime, timezone

ROOT = "toolkit"
_HANDLER_MARK = "_toolkit_handler"

logging.getLogger(ROOT).addHandler(logging.NullHandler())


def log_event(logger: logging.Logger, level: int, event: str, **fields) -> None:
    """Log *event* with *fields* (numbers, ids, paths, type names; never a text or a value found in one).

    Examples
    --------
    >>> log_event(logging.getLogger("toolkit.demo"), logging.INFO, "chunk classified", rows=3)
    """
    if logger.isEnabledFor(level):
        logger.log(level, event, extra={"fields": fields})


def _record_fields(record: logging.LogRecord) -> dict:
    fields = {
        "time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
        "level": record.levelname.lower(),
        "logger": record.name,
        "event": record.getMessage(),
    }
    fields.update(getattr(record, "fields", {}) or {})
    if record.exc_info and record.exc_info[0] is not None:
        # The exception's type only: messages can quote the input.
        fields["error"] = record.exc_info[0].__name__
    return fields


class KeyValueFormatter(logging.Formatter):
    """``time=... level=info logger=toolkit.io event="input opened" format=csv`` on one line.

    Examples
    --------
    >>> record = logging.makeLogRecord({"msg": "model loaded", "levelname": "INFO", "name": "toolkit.models",
    ...                                 "created": 0, "fields": {"model_id": "linear-ab12"}})
    >>> KeyValueFormatter().format(record)
    'time=1970-01-01T00:00:00.000+00:00 level=info logger=toolkit.models event="model loaded" model_id=linear-ab12'
    """

    def format(self, record: logging.LogRecord) -> str:
        pairs = []
        for key, value in _record_fields(record).items():
            if isinstance(value, dict):  # counts per label or type: positives.self_doubt=14
                pairs.extend(f"{key}.{k}={_kv_value(v)}" for k, v in value.items())
            else:
                pairs.append(f"{key}={_kv_value(value)}")
        return " ".join(pairs)


class JsonLinesFormatter(logging.Formatter):
    """One JSON object per record.

    Examples
    --------
    >>> record = logging.makeLogRecord({"msg": "chunk classified", "levelname": "DEBUG",
    ...                                 "name": "toolkit.classification", "created": 0, "fields": {"rows": 2}})
    >>> JsonLinesFormatter().format(record)
    '{"time": "1970-01-01T00:00:00.000+00:00", "level": "debug", "logger": "toolkit.classification", "event": "chunk classified", "rows": 2}'
    """  # noqa: E501

    def format(self, record: logging.LogRecord) -> str:
        return json.dumps(_record_fields(record), ensure_ascii=False, default=str)


def _kv_value(value) -> str:
    if isinstance(value, (list, tuple)):
        value = json.dumps(value, ensure_ascii=False, default=str, separators=(",", ":"))
    text = str(value)
    if text == "" or any(ch.isspace() or ch in '"=' for ch in text):
        return json.dumps(text, ensure_ascii=False)
    return text


def verbosity_level(verbosity: int) -> int:
    """0: warnings only, 1 (``-v``): info, 2 or more (``-vv``): debug.

    Examples
    --------
    >>> [logging.getLevelName(verbosity_level(v)) for v in (0, 1, 2, 3)]
    ['WARNING', 'INFO', 'DEBUG', 'DEBUG']
    """
    return logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG


def configure_logging(verbosity: int = 0, log_file: str | os.PathLike | None = None) -> None:
    """Send the toolkit's log records to stderr (``key=value``) and optionally to a JSON-lines file.

    Stderr gets records only with ``-v`` (info) or ``-vv`` (debug), so the
    commands' own output is unchanged without them. The file is appended
    to, created readable by its owner only, and gets info records even
    without ``-v`` (debug ones with ``-vv``). Calling this again replaces
    the handlers it installed before.
    """
    logger = logging.getLogger(ROOT)
    for handler in [h for h in logger.handlers if getattr(h, _HANDLER_MARK, False)]:
        logger.removeHandler(handler)
        handler.close()
    level = verbosity_level(verbosity)
    handlers: list[logging.Handler] = []
    if verbosity > 0:
        stderr = logging.StreamHandler(sys.stderr)
        stderr.setLevel(level)
        stderr.setFormatter(KeyValueFormatter())
        handlers.append(stderr)
    if log_file is not None:
        os.close(os.open(log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600))
        file_handler = logging.FileHandler(log_file, mode="a", encoding="utf-8")
        file_handler.setLevel(min(level, logging.INFO))
        file_handler.setFormatter(JsonLinesFormatter())
        handlers.append(file_handler)
    for handler in handlers:
        setattr(handler, _HANDLER_MARK, True)
        logger.addHandler(handler)
    logger.setLevel(min((h.level for h in handlers), default=logging.WARNING))
