"""Hypothesis strategies for the texts and tables real users feed the toolkit.

Texts mix arbitrary Unicode with the pieces that break text code in practice:
right-to-left scripts, combining marks, zero-width characters, emoji
sequences, NUL and other control characters, every kind of line break, and
fragments that look like personal data or like the anonymiser's placeholders.
"""

from __future__ import annotations

from hypothesis import strategies as st

TRICKY_PIECES = [
    "\u05e9\u05dc\u05d5\u05dd",  # Hebrew
    "\u0645\u0631\u062d\u0628\u0627 \u0628\u0643",  # Arabic
    "\u202eevil\u202c",  # right-to-left override
    "e\u0301\u0301\u0301",  # stacked combining marks
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad",  # zero-width and soft hyphen
    "\U0001f469\u200d\u2764\ufe0f\u200d\U0001f468",  # ZWJ emoji sequence
    "\U0001f1ec\U0001f1e7",  # flag
    "\U0001f44d\U0001f3fd",  # skin tone
    "\U0001f62d\U0001f62d",
    "\x00", "\x01", "\x1b[31m", "\x7f",
    "\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\t", "\x0b", "\x0c",
    '"', "'", ",", ";", "\\", '""', "\u201c", "\u2019",
    "\ufb01", "\u2160", "\u00b2", "\uff21",  # NFKC changes these (ligature, Roman numeral, superscript, full width)
    "\u0130", "\u00df", "\u03a3",  # case mappings that change length
    "[PERSON_1]", "[EMAIL_2]", "[", "]", "_1]",
    "Jake", "Maria", "Dr. Okafor", "Mr", "jake@example.com", "07700 900123", "+44 7700 900123",
    "@dyl_99", "https://example.org/a?b=c", "www.x.co.uk", "192.168.0.1", "SW1A 1AA", "born 14 March 1940",
    "I'm 34", "passport 533801297", "12 Baker Street",
    '."', "!)", "?']", " Then", " A", "Dr.", " e.g.", "\n\n",
    "what if he thinks less of me", "NOT", "not", "but", "don't", "!", "?", ".", "...", " ", "  ",
]

_any_char = st.characters(exclude_categories=("Cs",))  # lone surrogates cannot be written as UTF-8


def texts(max_pieces: int = 12) -> st.SearchStrategy[str]:
    """Strings of tricky pieces and arbitrary Unicode runs."""
    piece = st.one_of(st.sampled_from(TRICKY_PIECES), st.text(_any_char, max_size=8))
    return st.lists(piece, max_size=max_pieces).map("".join)


def cell_texts() -> st.SearchStrategy[str]:
    """Texts for table cells: like :func:`texts`, shorter."""
    return texts(max_pieces=6)


def column_names() -> st.SearchStrategy[str]:
    """Non-empty header names (pandas would invent a name for an empty one)."""
    return st.one_of(
        st.sampled_from(["id", "text", "note", "text.1", "Unnamed: 0", " text", "1", "a,b", 'say "hi"', "\u05e9"]),
        st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=6),
    ).filter(lambda name: name.strip() != "")
