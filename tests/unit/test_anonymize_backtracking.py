"""Regexes that could try exponentially many ways to match: a long word in a script whose letters the
word-mark ranges also cover, followed by a character that makes the match fail, once hung the anonymiser."""

import re
import subprocess
import sys
import time

import pytest

from toolkit.anonymize import tokens
from toolkit.anonymize.tokens import MARKS_AFTER_ALPHANUMERICS, WORD_MARKS, characters_outside


def _code_points(body):
    """The characters of a class body of escapes or characters."""
    cls = re.compile(f"[{body}]")
    return {chr(p) for p in range(0x10000) if cls.fullmatch(chr(p))}


@pytest.mark.parametrize(("marks", "letters"), [
    (tokens._MARKS_AFTER_LETTERS, r"[^\W\d_]"),
    (MARKS_AFTER_ALPHANUMERICS, r"[^\W_]"),
])
def test_the_marks_branch_matches_no_character_the_letter_branch_matches(marks, letters):
    letter = re.compile(letters)
    shared = [ch for ch in _code_points(marks) if letter.fullmatch(ch)]
    assert shared == []


@pytest.mark.parametrize(("marks", "letters"), [
    (tokens._MARKS_AFTER_LETTERS, r"[^\W\d_]"),
    (MARKS_AFTER_ALPHANUMERICS, r"[^\W_]"),
])
def test_a_word_takes_the_same_characters_as_with_the_whole_mark_ranges(marks, letters):
    before = re.compile(rf"(?:{letters}|[{WORD_MARKS}])")
    after = re.compile(rf"(?:{letters}|[{marks}])")
    changed = [hex(p) for p in range(0x10000) if bool(before.fullmatch(chr(p))) != bool(after.fullmatch(chr(p)))]
    assert changed == []


def test_characters_outside_keeps_single_characters_and_ranges():
    assert characters_outside("a-ex", "[bc]") == r"\u0061\u0064-\u0065\u0078"


# Each of these took 2**n steps before (n = the letters of the long word): 22 Khmer letters and a digit took
# 0.6 s, 43 took 8 s, 60 would take days. Run in a child process so that a regression fails on the timeout
# instead of hanging the suite.
_LONG_RUNS = [
    "ក" * 60 + "5",          # the word tokenizer: a Khmer run against a digit
    "नमस्कार" * 12 + "@x",   # Devanagari against an at sign
    "ក" * 60 + "_a b",       # user names joined by underscores
    "thebestrelationshipadviceforyou" + ".com",  # the two-letter country domain rule, failing on ".com"
]


def test_long_words_against_a_failing_character_finish_at_once():
    child = ("import sys\nfrom toolkit.anonymize import find_entities\n"
             "for text in sys.argv[1:]:\n    find_entities(text)\nprint('done')")
    done = subprocess.run([sys.executable, "-c", child, *_LONG_RUNS], capture_output=True, text=True, timeout=120,
                          check=False)
    assert (done.returncode, done.stdout.strip()) == (0, "done"), done.stderr[-2000:]


def _module_patterns():
    import importlib
    import pkgutil

    import toolkit.anonymize as package

    found = {}
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"toolkit.anonymize.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found.setdefault(id(value), (f"{info.name}.{name}", value))
    return sorted(found.values(), key=lambda item: item[0])


def test_no_module_pattern_backtracks_on_a_run_of_22_characters():
    # Runs of one character or two alternating ones, followed by each kind of character. A pattern that
    # tries 2**n ways takes about a second at n = 22 (the three found took 0.6-2.6 s); the others take
    # microseconds, so a search over 0.2 s (twice) cannot be noise.
    kinds = ["a", "A", "1", "-", ".", "_", " ", "@", "'", "ក", "ा", "\n", ":", "/", ",", "é"]
    runs = [a * 22 if a == b else (a + b) * 11 for a in kinds for b in kinds]
    texts = [run + tail for run in runs for tail in [*kinds, "!", ""]]
    slow = []
    for name, pattern in _module_patterns():
        for text in texts:
            took = []
            for _ in range(2):
                started = time.perf_counter()
                pattern.search(text)
                took.append(time.perf_counter() - started)
                if took[-1] < 0.2:
                    break
            if min(took) >= 0.2:
                slow.append((name, text))
                break
    assert len(_module_patterns()) > 250
    assert slow == []
