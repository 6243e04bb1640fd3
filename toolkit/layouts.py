"""Column layouts of the two corpus kinds the toolkit reads natively: journals and chats.

A journal has one row per entry of one client; a chat has one row per
message of a conversation. Readers, the transcript parser and the
summaries agree on these names through this module.
"""

from __future__ import annotations

JOURNAL_COLUMNS = ("client_id", "date", "text")
CHAT_COLUMNS = ("conversation_id", "speaker", "timestamp", "text")


def corpus_kind(columns) -> str | None:
    """``"journal"`` or ``"chat"`` when *columns* hold that layout, else None.

    Examples
    --------
    >>> corpus_kind(["entry_id", "client_id", "date", "text"])
    'journal'
    >>> corpus_kind(["conversation_id", "speaker", "timestamp", "text"])
    'chat'
    """
    present = set(map(str, columns))
    if set(CHAT_COLUMNS) <= present:
        return "chat"
    if set(JOURNAL_COLUMNS) <= present:
        return "journal"
    return None
