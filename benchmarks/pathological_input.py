"""Peak memory of `barriers classify` on a file that is one huge line, with and without the line limit.

Writes a CSV (and a JSONL file) whose second line is --megabytes MB of text
without a line break, then runs `barriers classify` on it in a fresh process:
once with the default --max-line-chars (it stops with an error) and once with
the limit raised above the line (it reads the line whole). Prints wall time,
exit code and peak RSS of each run.

Then times the anonymiser on adversarial single texts (thousands of names or
entities in one text), where it used to take time quadratic in their number,
and long unspaced words that make a regex fail at their end, where it used to
take time exponential in their length.

Usage: python benchmarks/pathological_input.py [--megabytes 500] [--anonymiser-only]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def write_file(path: Path, megabytes: int, fmt: str) -> None:
    block = "a" * (1 << 20)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("id,text\n1," if fmt == "csv" else '{"id": 1, "text": "')
        for _ in range(megabytes):
            fh.write(block)
        fh.write("\n" if fmt == "csv" else '"}\n')


# Runs the command in a child and prints the child's peak RSS (KiB): the grandchild-per-run keeps each
# figure its own (RUSAGE_CHILDREN reports the largest child a process ever had).
_RUN_ONE = (
    "import resource, subprocess, sys; "
    "done = subprocess.run(sys.argv[1:], capture_output=True, text=True, check=False); "
    "sys.stderr.write(done.stderr); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(done.returncode)"
)


def measure(args: list[str]) -> tuple[float, int, float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _RUN_ONE, sys.executable, "-m", "toolkit", *args],
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    peak_mb = int(done.stdout.strip().splitlines()[-1]) / 1024
    return seconds, done.returncode, peak_mb, (done.stderr.strip().splitlines() or [""])[-1][:110]


def adversarial_texts() -> dict[str, str]:
    from toolkit.anonymize.names import gazetteer

    names = [k.capitalize() for k, flags in gazetteer().items() if "F" in flags and "W" not in flags][:5000]
    return {
        "one name 5,000 times": "Jake " * 5000,
        "5,000 different names": " and ".join("I told " + name for name in names),
        "a 3,000-word capitalised run": "12 " + "Baker " * 3000 + "Street",
        "5,000 IPv6-like pieces": "ab:" * 5000,
        "2,000 x name, e-mail, phone": "Jake jake@example.com 07700 900123 " * 2000,
        # Khmer and Burmese are written without spaces between words, so a sentence is one long "word"
        "a 2,000-letter Khmer run, a digit": "ក" * 2000 + "5",
        "a 2,000-letter Burmese run, a_b": "ကခ" * 1000 + "_a b",
        "a 2,000-letter name + .com": "a" * 2000 + ".com",
    }


def time_anonymiser() -> None:
    from toolkit.anonymize import anonymize_texts

    print(f"\n{'anonymiser on one text of':<34}{'characters':>11}{'seconds':>9}")
    for name, text in adversarial_texts().items():
        started = time.perf_counter()
        anonymize_texts([text])
        print(f"{name:<34}{len(text):>11,}{time.perf_counter() - started:>9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=500)
    parser.add_argument("--skip-unlimited", action="store_true", help="only the run with the default limit")
    parser.add_argument("--anonymiser-only", action="store_true", help="only the adversarial texts")
    options = parser.parse_args()
    if options.anonymiser_only:
        time_anonymiser()
        return
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{'input':<28}{'limit':<22}{'seconds':>8}{'exit':>6}{'peak RSS MB':>13}  message")
        for fmt in ("csv", "jsonl"):
            path = Path(tmp) / f"one_line.{fmt}"
            write_file(path, options.megabytes, fmt)
            runs = [("default (10,000,000)", [])]
            if not options.skip_unlimited:
                runs.append(("raised above the line", ["--max-line-chars", str(2 * options.megabytes << 20)]))
            for label, extra in runs:
                seconds, code, peak, message = measure(["classify", str(path), "-o", str(Path(tmp) / "out.csv"), "-q",
                                                        "-j", "1", *extra])
                print(
                    f"{f'{options.megabytes} MB one-line {fmt}':<28}{label:<22}{seconds:>8.1f}{code:>6}{peak:>13.0f}  "
                    f"{message}"
                )
            path.unlink()
    time_anonymiser()


if __name__ == "__main__":
    main()
