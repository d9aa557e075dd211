"""The shipped board data, read raw: every URL is https on an official domain, every fact dated."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import pytest

from complaint_helper.boards import Directory
from complaint_helper.boards.directory import read_state_files
from complaint_helper.boards.schema import FACTS

RECORDS: list[tuple[str, dict[str, Any]]] = [
    (name, record) for name, text in read_state_files() for record in json.loads(text)["boards"]
]
IDS = [record["id"] for _, record in RECORDS]


def _on_domain(url: str, domains: list[str]) -> bool:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and any(
        host == domain or host.endswith("." + domain) for domain in domains
    )


@pytest.mark.parametrize(("file_name", "record"), RECORDS, ids=IDS)
def test_every_url_is_https_on_an_official_domain(file_name: str, record: dict[str, Any]) -> None:
    domains = record["official_domains"]
    urls = [record[key] for key in ("complaint_url", "license_lookup_url") if record[key]]
    urls += [source["url"] for source in record["sources"].values()]
    for url in urls:
        assert _on_domain(url, domains), f"{file_name} {record['id']}: {url}"


@pytest.mark.parametrize(("file_name", "record"), RECORDS, ids=IDS)
def test_no_fact_without_source_and_date(file_name: str, record: dict[str, Any]) -> None:
    for fact in FACTS:
        if record[fact] is None:
            continue
        source = record["sources"].get(fact)
        assert source, f"{file_name} {record['id']}: {fact} has no source"
        checked = date.fromisoformat(source["checked_on"])
        assert checked <= date.today(), f"{record['id']}: {fact} checked in the future"


@pytest.mark.parametrize(("file_name", "record"), RECORDS, ids=IDS)
def test_name_and_professions_are_always_checked(file_name: str, record: dict[str, Any]) -> None:
    assert {"name", "professions"} <= set(record["sources"]), record["id"]


def test_board_ids_are_unique_across_files(directory: Directory) -> None:
    assert len(IDS) == len(set(IDS))
    assert len(directory.all_boards()) == len(IDS)


def test_coverage_has_a_row_per_state(directory: Directory) -> None:
    rows = directory.coverage()
    assert len(rows) == 51
    for row in rows:
        boards = directory.boards_in(row.state)
        assert row.board_count == len(boards)
        assert row.checked_facts == sum(len(board.checked_facts()) for board in boards)


def test_every_fact_of_a_board_is_checked_or_unknown(directory: Directory) -> None:
    for board in directory.all_boards():
        checked, unknown = set(board.checked_facts()), set(board.unknown_facts())
        assert not checked & unknown, board.id
        not_missing = {fact for fact in FACTS if board.shows_no(fact)}
        assert checked | unknown | not_missing == set(FACTS), board.id
