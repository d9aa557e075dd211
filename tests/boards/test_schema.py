"""The board data format: shipped files load; each rule of the format rejects a broken record."""

from __future__ import annotations

import dataclasses
import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from complaint_helper.boards import PROFESSION_LABELS, PROFESSIONS, STATES, Board, BoardDataError
from complaint_helper.boards.add_fact import STATES_FOLDER
from complaint_helper.boards.add_fact import main as add_fact_main
from complaint_helper.boards.directory import Directory, directory_from_files, read_state_files
from complaint_helper.boards.schema import (
    BOARD_FACTS,
    BOARD_KEYS,
    FACTS,
    FILE_KEYS,
    OPTIONAL_FACTS,
    REQUIREMENT_FACTS,
    parse_state_document,
)

Document = dict[str, Any]


def test_states_are_the_fifty_states_and_dc() -> None:
    assert len(STATES) == 51
    assert STATES["DC"] == "District of Columbia"
    assert all(len(code) == 2 and code.isupper() for code in STATES)


def test_every_profession_has_a_plain_label() -> None:
    assert set(PROFESSION_LABELS) == set(PROFESSIONS)


def test_every_shipped_state_file_loads_and_validates() -> None:
    files = read_state_files()
    assert files, "no state files shipped"
    for name, text in files:
        boards = parse_state_document(json.loads(text), name)
        assert boards, f"{name} holds no boards"


def test_shipped_files_keep_the_documented_key_order() -> None:
    for name, text in read_state_files():
        document = json.loads(text)
        assert tuple(document) == FILE_KEYS, name
        for record in document["boards"]:
            assert tuple(record) == BOARD_KEYS, f"{name} {record['id']}"


def test_the_valid_example_parses(make_document: Callable[[], Document]) -> None:
    (board,) = parse_state_document(make_document(), "wy.json")
    assert board.id == "wy-example"
    assert board.covers() == ["Licensed Professional Counselor (LPC)"]
    assert board.source_for("mailing_address") is not None
    assert board.source_for("phone") is None
    assert "phone" in board.unknown_facts()
    name_source = board.source_for("name")
    assert name_source is not None and name_source.checked_on == date(2026, 11, 22)


def _break(document: Document, path: str, value: Any) -> Document:
    """Set (or delete, for value=...) the field at a dotted path inside the first board."""
    target: Any = document["boards"][0]
    *parents, last = path.split(".")
    for key in parents:
        target = target[key]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return document


BROKEN_RECORDS = [
    ("unknown board field", "homepage", "https://example.wy.gov", "unknown field"),
    ("missing field", "email", ..., "missing field"),
    ("name of wrong type", "name", 42, "'name'"),
    ("empty name", "name", "  ", "'name'"),
    ("phone of wrong type", "phone", 3075550100, "'phone'"),
    ("online_filing as text", "online_filing", "yes", "'online_filing'"),
    ("unsourced fact", "sources.mailing_address", ..., "no entry in 'sources'"),
    (
        "source for a null fact",
        "sources.phone",
        {"url": "https://example.wy.gov/a", "checked_on": "2026-11-22"},
        "fact is null",
    ),
    ("plain http complaint page", "complaint_url", "http://example.wy.gov/complaints", "https"),
    (
        "complaint page off the official domain",
        "complaint_url",
        "https://example-lawfirm.com/complaints",
        "not one of official_domains",
    ),
    (
        "look-alike domain",
        "complaint_url",
        "https://notexample.wy.gov.evil.com/c",
        "not one of official_domains",
    ),
    (
        "http source",
        "sources.name",
        {"url": "http://example.wy.gov/about", "checked_on": "2026-11-22"},
        "https",
    ),
    (
        "source off the official domain",
        "sources.name",
        {"url": "https://directory.example.org/wy", "checked_on": "2026-11-22"},
        "not one of official_domains",
    ),
    ("checked_on not a date", "sources.name.checked_on", "November 2026", "YYYY-MM-DD"),
    ("checked_on impossible date", "sources.name.checked_on", "2026-02-30", "not a real date"),
    ("source with extra key", "sources.name.note", "seen", "checked_on"),
    (
        "unknown source fact",
        "sources.homepage",
        {"url": "https://example.wy.gov/a", "checked_on": "2026-11-22"},
        "unknown fact",
    ),
    ("bad profession key", "professions", {"therapist": ["Therapist"]}, "unknown profession"),
    ("empty title list", "professions", {"counselor": []}, "license titles"),
    ("degrees on a counseling board", "degrees", ["md"], "physician"),
    (
        "anonymous without the board's words",
        "anonymous_complaints",
        False,
        "anonymous_complaints_words",
    ),
    ("domain with a scheme", "official_domains", ["https://example.wy.gov"], "bare"),
    ("no official domains", "official_domains", [], "non-empty"),
    ("id for another state", "id", "mt-example", "'id'"),
    ("id with spaces", "id", "wy example", "'id'"),
]


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [case[1:] for case in BROKEN_RECORDS],
    ids=[case[0] for case in BROKEN_RECORDS],
)
def test_validator_rejects_each_broken_rule(
    make_document: Callable[[], Document], path: str, value: Any, message: str
) -> None:
    document = _break(make_document(), path, value)
    with pytest.raises(BoardDataError, match=message) as caught:
        parse_state_document(document, "wy.json")
    assert "wy.json" in str(caught.value)


def test_error_names_file_board_and_field(make_document: Callable[[], Document]) -> None:
    document = _break(make_document(), "sources.complaint_url", ...)
    with pytest.raises(BoardDataError) as caught:
        parse_state_document(document, "wy.json")
    message = str(caught.value)
    assert "wy.json" in message
    assert "wy-example" in message
    assert "complaint_url" in message


def test_degrees_accepted_on_physician_board(make_document: Callable[[], Document]) -> None:
    document = make_document()
    document["boards"][0]["professions"] = {"psychiatrist": ["Physician (DO)"]}
    document["boards"][0]["degrees"] = ["do"]
    (board,) = parse_state_document(document, "wy.json")
    assert board.degrees == ("do",)


def test_unknown_degree_rejected(make_document: Callable[[], Document]) -> None:
    document = make_document()
    document["boards"][0]["professions"] = {"psychiatrist": ["Physician"]}
    document["boards"][0]["degrees"] = ["dds"]
    with pytest.raises(BoardDataError, match="degrees"):
        parse_state_document(document, "wy.json")


def test_bad_state_code_rejected(make_document: Callable[[], Document]) -> None:
    document = make_document()
    document["state"] = "XX"
    with pytest.raises(BoardDataError, match="not a US state code"):
        parse_state_document(document, "xx.json")


def test_state_must_match_file_name(make_document: Callable[[], Document]) -> None:
    with pytest.raises(BoardDataError, match=r"wy\.json"):
        parse_state_document(make_document(), "mt.json")


def test_state_name_must_match(make_document: Callable[[], Document]) -> None:
    document = make_document()
    document["state_name"] = "Wyomin"
    with pytest.raises(BoardDataError, match="state_name"):
        parse_state_document(document, "wy.json")


def test_unknown_file_field_rejected(make_document: Callable[[], Document]) -> None:
    document = make_document()
    document["updated"] = "2026-11-22"
    with pytest.raises(BoardDataError, match="unknown field"):
        parse_state_document(document, "wy.json")


def test_duplicate_id_in_one_file_rejected(make_document: Callable[[], Document]) -> None:
    document = make_document()
    document["boards"].append(document["boards"][0])
    with pytest.raises(BoardDataError, match="duplicate id"):
        parse_state_document(document, "wy.json")


def test_duplicate_id_across_files_rejected(make_document: Callable[[], Document]) -> None:
    first = parse_state_document(make_document(), "wy.json")
    second = parse_state_document(make_document(), "wy.json")
    with pytest.raises(BoardDataError, match="duplicate id"):
        Directory([*first, *second])


def test_invalid_json_is_reported_with_file_name() -> None:
    with pytest.raises(BoardDataError, match=r"wy\.json: not valid JSON"):
        directory_from_files([("wy.json", "{not json")])


def test_every_fact_name_is_a_board_field() -> None:
    assert set(FACTS) <= set(BOARD_KEYS)


def test_board_fields_are_the_fact_table_in_its_order() -> None:
    names = [field.name for field in dataclasses.fields(Board)]
    start = names.index(FACTS[0])
    facts = [name for name in names[start:] if name not in ("degrees", "official_domains")]
    assert tuple(facts[: len(FACTS)]) == FACTS
    assert set(names) - set(FACTS) == {
        "id",
        "state",
        "state_name",
        "degrees",
        "official_domains",
        "sources",
        "notes",
    }


def test_to_json_and_the_page_facts_come_from_the_fact_table(directory: Directory) -> None:
    board = directory.board("ca-psychology")
    shown = board.to_json()
    for fact in BOARD_FACTS:
        assert fact.name in shown
        assert fact.label and (fact.required or fact.name in OPTIONAL_FACTS)
    assert [fact.name for fact in REQUIREMENT_FACTS] == [
        "requires_own_form",
        "requires_records_release",
        "requires_notarization",
    ]
    assert board.describe("requires_records_release") == "Yes"
    assert board.describe("time_limit") == ""


def test_add_fact_writes_the_new_fact_as_null_to_every_board(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "states"
    shutil.copytree(STATES_FOLDER, folder)
    before = {path.name: json.loads(path.read_text("utf-8")) for path in folder.glob("*.json")}
    assert len(before) == 51

    assert add_fact_main(["accepts_text_messages", "--folder", str(folder)]) == 0
    assert "51 state files" in capsys.readouterr().out
    for path in sorted(folder.glob("*.json")):
        text = path.read_text("utf-8")
        after = json.loads(text)
        assert text == json.dumps(after, indent=2, ensure_ascii=False) + "\n"  # kept format
        for old, new in zip(before[path.name]["boards"], after["boards"], strict=True):
            keys = list(new)
            assert new["accepts_text_messages"] is None, (path.name, new["id"])
            assert keys[keys.index(FACTS[-1]) + 1] == "accepts_text_messages"
            assert {key: value for key, value in new.items() if key in old} == old
        # The parser rejects the file until the table knows the new fact: nothing slips in.
        with pytest.raises(BoardDataError, match=r"unknown field.*accepts_text_messages"):
            parse_state_document(after, path.name)


def test_add_fact_refuses_a_fact_that_exists_and_changes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "states"
    shutil.copytree(STATES_FOLDER, folder)
    before = {path.name: path.read_bytes() for path in folder.glob("*.json")}
    with pytest.raises(SystemExit):
        add_fact_main(["phone", "--folder", str(folder)])
    assert {path.name: path.read_bytes() for path in folder.glob("*.json")} == before
