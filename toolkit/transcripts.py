"""Parsing plain-text chat transcripts into rows of the chat layout.

One message per ``[timestamp] Name: message`` or ``Name: message`` line;
other lines continue the message before them. Opening the file (encoding,
line-length limit, stdin) is the reader's job in :mod:`toolkit.io`; this
module only turns lines into rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import pandas as pd

from .errors import InputError
from .layouts import CHAT_COLUMNS

# "[2026-05-03 21:14] Name: message" or "Name: message"; a speaker may be a pseudonym like [PERSON_1].
MESSAGE_LINE = re.compile(
    r"^\s*(?:\[(?!(?:[A-Z][A-Z_]*_\d+)\])(?P<timestamp>[^\]]*\d[^\]]*)\]\s*)?"
    r"(?P<speaker>\[[A-Z][A-Z_]*_\d+\]|[^\s:\[\]][^:\[\]]{0,39}?)\s*:(?:\s+(?P<text>.*))?$"
)


def parse_transcript(lines: Iterable[str], conversation_id: str, *, name: str = "transcript",
                     batch_size: int = 20_000) -> Iterator[pd.DataFrame]:
    r"""Yield the messages in *lines* as chunks of at most *batch_size* rows with the chat columns.

    When the first message has a timestamp, only timestamped lines start a
    new message, so a line such as "PS: ..." inside a message stays part of
    it. Blank lines are skipped. *name* is used in error messages.

    Examples
    --------
    >>> lines = ["[2026-05-03 21:14] Zoe: you ok?", "[2026-05-03 21:15] Sam: fine", "really"]
    >>> next(parse_transcript(lines, "k07")).values.tolist()
    [['k07', 'Zoe', '2026-05-03 21:14', 'you ok?'], ['k07', 'Sam', '2026-05-03 21:15', 'fine\nreally']]
    """
    rows: list[list[str]] = []
    current: list[str] | None = None
    timestamped: bool | None = None
    seen_any = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        seen_any = True
        match = MESSAGE_LINE.match(line)
        if match and (not timestamped or match.group("timestamp")):
            if timestamped is None:
                timestamped = match.group("timestamp") is not None
            if current is not None:
                rows.append(current)
                if len(rows) >= batch_size:
                    yield pd.DataFrame(rows, columns=list(CHAT_COLUMNS))
                    rows = []
            current = [conversation_id, match.group("speaker").strip(), (match.group("timestamp") or "").strip(),
                       (match.group("text") or "").strip()]
        elif current is None:
            shown = line.strip()[:60]
            raise InputError(
                f"transcript '{name}' line {number} does not start a message (it reads '{shown}'); "
                "expected lines like '[2026-05-03 21:14] Name: message' or 'Name: message'"
            )
        else:
            current[3] = (current[3] + "\n" + line.strip()).strip()
    if not seen_any:
        raise InputError(f"transcript '{name}' is empty; it needs lines like '[2026-05-03 21:14] Name: message'")
    if current is not None:
        rows.append(current)
    if rows:
        yield pd.DataFrame(rows, columns=list(CHAT_COLUMNS))
