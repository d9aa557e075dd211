"""The board directory: every state file shipped in the package, loaded, validated and indexed.

Files are read with importlib.resources so the directory works the same from a checkout and from an
installed wheel. The parsed data is public and immutable, so load_directory() keeps one copy.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from complaint_helper.boards.schema import (
    FACTS,
    OPTIONAL_FACTS,
    PROFESSIONS,
    STATES,
    Board,
    BoardDataError,
    parse_state_document,
)

_STATE_FILE = re.compile(r"^[a-z]{2}\.json$")


@dataclass(frozen=True)
class CoverageRow:
    """What the directory knows about one state: boards per profession and fact counts."""

    state: str
    state_name: str
    boards_per_profession: dict[str, int]
    board_count: int
    checked_facts: int
    unknown_facts: int


class Directory:
    """All boards, looked up by state or by id. Construction rejects duplicate ids across files."""

    def __init__(self, boards: Iterable[Board]) -> None:
        by_id: dict[str, Board] = {}
        for board in boards:
            if board.id in by_id:
                raise BoardDataError(
                    f"board {board.id}: duplicate id (ids are unique across files)"
                )
            by_id[board.id] = board
        self._by_id = by_id
        self._by_state: dict[str, list[Board]] = {}
        for board in by_id.values():
            self._by_state.setdefault(board.state, []).append(board)

    def boards_in(self, state: str) -> list[Board]:
        return list(self._by_state.get(state.upper(), []))

    def board(self, board_id: str) -> Board:
        try:
            return self._by_id[board_id]
        except KeyError:
            raise KeyError(f"no board with id {board_id!r}") from None

    def all_boards(self) -> list[Board]:
        return list(self._by_id.values())

    def states_with_data(self) -> list[str]:
        return sorted(self._by_state)

    def coverage(self) -> list[CoverageRow]:
        """One row per state (all 51), in alphabetical order of the state code."""
        rows: list[CoverageRow] = []
        for state in sorted(STATES):
            boards = self.boards_in(state)
            rows.append(
                CoverageRow(
                    state=state,
                    state_name=STATES[state],
                    boards_per_profession={
                        profession: sum(1 for board in boards if profession in board.professions)
                        for profession in PROFESSIONS
                    },
                    board_count=len(boards),
                    checked_facts=sum(len(board.checked_facts()) for board in boards),
                    unknown_facts=sum(len(board.unknown_facts()) for board in boards),
                )
            )
        return rows


def read_state_files() -> list[tuple[str, str]]:
    """(file name, text) of every state file shipped in the package, sorted by name."""
    folder = resources.files("complaint_helper.boards").joinpath("data", "states")
    files: list[tuple[str, str]] = []
    for entry in folder.iterdir():
        if not entry.is_file() or not entry.name.endswith(".json"):
            continue
        if not _STATE_FILE.match(entry.name):
            raise BoardDataError(f"{entry.name}: state files are named <xx>.json in lower case")
        files.append((entry.name, entry.read_text(encoding="utf-8")))
    return sorted(files)


def directory_from_files(files: Iterable[tuple[str, str]]) -> Directory:
    """Parse and validate (file name, JSON text) pairs into one Directory."""
    boards: list[Board] = []
    for file_name, text in files:
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise BoardDataError(f"{file_name}: not valid JSON ({error})") from None
        boards.extend(parse_state_document(document, file_name))
    return Directory(boards)


@cache
def load_directory() -> Directory:
    """The directory of every board shipped with the app (parsed once; the data is public)."""
    return directory_from_files(read_state_files())


__all__ = [
    "FACTS",
    "OPTIONAL_FACTS",
    "CoverageRow",
    "Directory",
    "directory_from_files",
    "load_directory",
    "read_state_files",
]
