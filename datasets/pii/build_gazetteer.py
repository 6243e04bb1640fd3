"""Build the anonymiser's name gazetteer and word list (maintainer-time only).

Writes two compact files that ship inside the package:

- ``toolkit/anonymize/data/names.tsv.gz``: one folded name per line (lower case,
  accents removed) with flags: ``F`` first name, ``L`` last name, ``W`` also a
  lower-case English word ("will", "hope", "mark"), so it needs context.
  Source: the person-name lists of the Faker package (MIT licence), all locales
  written in Latin script, plus the romanised Chinese and Japanese lists.
- ``toolkit/anonymize/data/dictionary.txt.gz``: every lower-case word of the
  SCOWL list (plus the corpus words below), to tell an unknown name from a
  rarer English word ("returning", "facilitator").
- ``toolkit/anonymize/data/proper.txt.gz``: every capitalised SCOWL entry
  (places, brands, peoples, holidays, figures of history and myth) whose
  folded form is not a Faker first name: a capitalised word found here is
  probably not a person ("Bradford", "Alzheimer", "Hanoi"), while one found
  nowhere (not a word, not a name, not here) probably is ("Oyelaran").
- ``toolkit/anonymize/data/words.txt``: lower-case English words that occur in
  the project's own corpus (``datasets/raw``), kept only when the SCOWL word
  list (``/usr/share/dict/american-english``) also has them, so lower-case
  names written in chats do not count as words. The anonymiser uses it to tell
  an unknown name ("my friend tash") from an ordinary word ("my friend said").

Faker and the word list are needed here only, never at run time::

    python -m pip install faker==40.54.0
    apt-get install wamerican wbritish
    python datasets/pii/build_gazetteer.py

The output is deterministic for a given Faker version and word list.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import pkgutil
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
OUT = REPO / "toolkit" / "anonymize" / "data"
RAW = REPO / "datasets" / "raw"
DICTIONARY = Path("/usr/share/dict/american-english")
# British spellings and words ("colour", "pyjamas", "kerb", "payslip"): the users write British English too.
BRITISH = Path("/usr/share/dict/british-english")

LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F]+(?:[-'][A-Za-z\u00C0-\u024F]+)*$")
WORD = re.compile(r"(?<![A-Za-z])[a-z]+(?:'[a-z]+)?(?![A-Za-z])")
# Attribute names that hold name lists in Faker's person providers.
FIRST_ATTRS = ("first_names", "first_names_female", "first_names_male", "first_names_nonbinary", "first_names_unisex",
               "first_romanized_names", "first_romanized_names_female", "first_romanized_names_male")
LAST_ATTRS = ("last_names", "last_names_female", "last_names_male", "male_last_names", "female_last_names",
              "unisex_last_names", "last_romanized_names", "last_names_without_suffix")
MIN_WORD_COUNT = 2
# Chat words absent from SCOWL (lol, tbh, flatmate) count as words when this
# many corpus texts use them in lower case and Faker does not list them as names.
MIN_SLANG_TEXTS = 4
# Decided by reading the corpus: Faker lists these as names, but the corpus
# uses them in lower case as ordinary words.
EXTRA_WORDS = ("arvo boba de desi dev en english feely gaman hoover kya lah loos muslim na nan sunday "
               "telly theres til uni unis ya").split()
# A lower-case token above the slang threshold that is a name all the same.
NOT_WORDS = {"iman"}


def fold(name: str) -> str:
    """Lower-case and strip accents: 'José' -> 'jose', 'Łukasz' stays 'łukasz'."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _names_from(value) -> list[str]:
    if isinstance(value, dict):  # weighted lists are OrderedDicts name -> weight
        value = list(value)
    if not isinstance(value, (list, tuple)):
        return []
    out = []
    for item in value:
        if isinstance(item, tuple):  # ja_JP: (kanji, kana, romaji)
            item = item[-1]
        if isinstance(item, str):
            out.append(item)
    return out


def faker_names() -> tuple[dict[str, set[str]], str]:
    try:
        import faker
        import faker.providers.person as person
    except ImportError:
        sys.exit("this script needs Faker at maintainer time: python -m pip install faker==40.54.0")
    flags: dict[str, set[str]] = {}
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attrs, flag in ((FIRST_ATTRS, "F"), (LAST_ATTRS, "L")):
            for attr in attrs:
                for raw in _names_from(getattr(provider, attr, None)):
                    for part in raw.replace("-", " ").split() if raw.isupper() else [raw]:
                        if LATIN_NAME.match(part):
                            key = fold(part)
                            if len(key) >= 2:
                                flags.setdefault(key, set()).add(flag)
        for attr in ("first_name_pairs",):
            for raw in _names_from(getattr(provider, attr, None)):
                if LATIN_NAME.match(raw):
                    flags.setdefault(fold(raw), set()).add("F")
    return flags, faker.VERSION


def corpus_words() -> Counter:
    """How many corpus texts use each word in lower case (a capitalised one may be a name)."""
    texts: Counter = Counter()
    for part in sorted(RAW.glob("*/part-*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            if line.strip():
                text = json.loads(line)["text"].replace("\u2019", "'")
                texts.update(set(WORD.findall(text)))
    return texts


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dictionary", type=Path, default=DICTIONARY)
    parser.add_argument("--british", type=Path, default=BRITISH)
    args = parser.parse_args(argv)
    if not args.dictionary.exists():
        sys.exit(f"word list '{args.dictionary}' not found; install it with: apt-get install wamerican")
    if not args.british.exists():
        sys.exit(f"word list '{args.british}' not found; install it with: apt-get install wbritish")
    entries = args.dictionary.read_text(encoding="utf-8").split() + args.british.read_text(encoding="utf-8").split()
    lower_words = {w for w in entries if w.islower() and "'" not in w}
    flags, version = faker_names()
    for key, kinds in flags.items():
        if key in lower_words:
            kinds.add("W")
    OUT.mkdir(parents=True, exist_ok=True)
    header = (f"# Name gazetteer for toolkit.anonymize, generated by datasets/pii/build_gazetteer.py from Faker "
              f"{version} (MIT licence) person-name lists; W flags from the SCOWL word list. See NOTICE.md.\n"
              "# folded name<TAB>flags (F first name, L last name, W also an English word)\n")
    lines = [f"{key}\t{''.join(sorted(kinds))}" for key, kinds in sorted(flags.items())]
    payload = (header + "\n".join(lines) + "\n").encode("utf-8")
    with open(OUT / "names.tsv.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(payload)
    texts = corpus_words()
    words = {w for w, n in texts.items() if n >= MIN_WORD_COUNT and w in lower_words}
    words |= {w for w, n in texts.items() if n >= MIN_SLANG_TEXTS and w not in flags} | set(EXTRA_WORDS)
    words = sorted(words - NOT_WORDS)
    dictionary = sorted((lower_words | set(words) | set(EXTRA_WORDS)) - NOT_WORDS)
    payload = ("# Lower-case SCOWL words plus the corpus words above; generated by datasets/pii/build_gazetteer.py. "
               "See NOTICE.md.\n" + "\n".join(dictionary) + "\n").encode("utf-8")
    with (
        open(OUT / "dictionary.txt.gz", "wb") as raw,
        gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh,
    ):
        fh.write(payload)
    proper = sorted({fold(w) for w in entries if w[:1].isupper() and "'" not in w}
                    - {k for k, kinds in flags.items() if "F" in kinds})
    payload = ("# Folded capitalised SCOWL entries that are not Faker first names; generated by "
               "datasets/pii/build_gazetteer.py. See NOTICE.md.\n" + "\n".join(proper) + "\n").encode("utf-8")
    with open(OUT / "proper.txt.gz", "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(payload)
    (OUT / "words.txt").write_text(
        "# Lower-case words of the project corpus also in the SCOWL word list; generated by "
        "datasets/pii/build_gazetteer.py. See NOTICE.md.\n" + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} names, {len(words)} words and {len(proper)} proper nouns to {OUT}")


if __name__ == "__main__":
    main()
