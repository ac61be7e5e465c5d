"""Reads a polity CSV export with Python's csv module and prints its rows as JSON.

Usage: read_csv.py PATH [--excel]

With --excel the file must start with a UTF-8 byte-order mark (read as utf-8-sig);
without it, it must not. Output: a list of {column: value} objects.
"""

import csv
import json
import sys


def main() -> None:
    path = sys.argv[1]
    excel = "--excel" in sys.argv[2:]
    with open(path, "rb") as f:
        has_bom = f.read(3) == b"\xef\xbb\xbf"
    if has_bom != excel:
        raise SystemExit(f"{path}: byte-order mark present: {has_bom}, expected: {excel}")
    with open(path, encoding="utf-8-sig" if excel else "utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    json.dump(rows, sys.stdout)


if __name__ == "__main__":
    main()
