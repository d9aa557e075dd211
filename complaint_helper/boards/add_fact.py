"""Add a new board fact to every state file, as null (unknown), ready for people to check.

    python -m complaint_helper.boards.add_fact NEW_FACT [--after EXISTING_FACT] [--folder DIR]

A fact is never guessed: the script writes `null` for every board, with no source, which is what
the data format says about a fact nobody has checked. Then add the fact's row to `BOARD_FACTS`
(and its typed field to `Board`) in boards/schema.py, in the same place; the parser, the boards
page, "How to file" and the CLI all read that row. Files are written in the format they are kept
in (two-space JSON, UTF-8, one newline at the end), so a review shows only the added lines.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from complaint_helper.boards.schema import BOARD_KEYS, FACTS

STATES_FOLDER = Path(__file__).resolve().parent / "data" / "states"
_FACT_NAME = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")


def with_fact(record: dict[str, Any], fact: str, after: str) -> dict[str, Any]:
    """The board record with `fact: null` placed right after the key `after`."""
    if fact in record:
        raise ValueError(f"board {record.get('id')!r} already has a field {fact!r}")
    if after not in record:
        raise ValueError(f"board {record.get('id')!r} has no field {after!r} to add it after")
    added: dict[str, Any] = {}
    for key, value in record.items():
        added[key] = value
        if key == after:
            added[fact] = None
    return added


def add_fact(fact: str, after: str = FACTS[-1], folder: Path = STATES_FOLDER) -> list[Path]:
    """Write `fact: null` into every board of every state file in `folder`; the files changed."""
    if not _FACT_NAME.match(fact):
        raise ValueError(f"{fact!r} is not a fact name: use lower_case_with_underscores")
    if fact in BOARD_KEYS:
        raise ValueError(f"{fact!r} is already a board field")
    if after not in FACTS:
        raise ValueError(f"--after must name a fact ({', '.join(FACTS)}), not {after!r}")
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise ValueError(f"no state files in {folder}")
    documents = []
    for path in paths:  # check every file before writing any, so a failure changes nothing
        document = json.loads(path.read_text(encoding="utf-8"))
        document["boards"] = [with_fact(record, fact, after) for record in document["boards"]]
        documents.append((path, document))
    for path, document in documents:
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("fact", help="the new fact's name, lower_case_with_underscores")
    parser.add_argument("--after", default=FACTS[-1], help="the fact it follows in each record")
    parser.add_argument("--folder", type=Path, default=STATES_FOLDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        paths = add_fact(args.fact, args.after, args.folder)
    except ValueError as error:
        parser.error(str(error))
    print(
        f"Added {args.fact!r} as null to every board in {len(paths)} state files.\n"
        f"Next: add BoardFact({args.fact!r}, ...) to BOARD_FACTS in boards/schema.py right after "
        f"{args.after!r}, and its typed field to Board."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
