"""What could not be found stays written down, and what was found is not silently lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from complaint_helper.boards import STATES, Directory
from complaint_helper.boards.gaps import GAP_FACTS, GAPS_FILE, main, render_gaps

# How many boards have each fact today (2026-12-04). A fact may only be removed on purpose (the
# board's own page no longer shows it): then lower the floor in the same commit and say why.
KNOWN_AT_LEAST = {
    "complaint_url": 157,
    "phone": 100,
    "license_lookup_url": 17,
    "mailing_address": 60,
}


def test_the_gaps_file_lists_every_unknown_fact_the_data_has(directory: Directory) -> None:
    assert GAPS_FILE.read_text(encoding="utf-8") == render_gaps(directory), (
        "boards/GAPS.md is out of date: run python -m complaint_helper.boards.gaps"
    )


def test_every_board_missing_a_fact_is_named_under_that_fact(directory: Directory) -> None:
    text = render_gaps(directory)
    sections = text.split("\n## ")[1:]
    assert len(sections) == len(GAP_FACTS)
    for fact, section in zip(GAP_FACTS, sections, strict=True):
        named = {name.strip() for line in section.splitlines() if line.startswith("- ")
                 for name in line.split(": ", 1)[1].split(",")}  # fmt: skip
        missing = {board.id for state in STATES for board in directory.boards_in(state)
                   if not getattr(board, fact)}  # fmt: skip
        assert named == missing


def test_check_mode_reports_a_stale_file_and_changes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "GAPS.md"
    stale.write_text("# old\n", encoding="utf-8")
    assert main(["--check", "--file", str(stale)]) == 1
    assert "does not match the data" in capsys.readouterr().out
    assert stale.read_text(encoding="utf-8") == "# old\n"
    assert main(["--file", str(stale)]) == 0
    assert main(["--check", "--file", str(stale)]) == 0


def test_facts_found_are_not_lost(directory: Directory) -> None:
    records = [board for state in STATES for board in directory.boards_in(state)]
    for fact, floor in KNOWN_AT_LEAST.items():
        known = sum(1 for board in records if getattr(board, fact))
        assert known >= floor, f"{fact}: known for {known} boards, was {floor}"
