"""The `boards` command: text and JSON output, the coverage matrix, and plain errors with exit 2."""

from __future__ import annotations

import argparse
import io
import json
from pathlib import Path
from typing import Any

import pytest

from complaint_helper.boards.command import JSON_FIELDS, configure_parser, run
from complaint_helper.boards.directory import load_directory
from complaint_helper.boards.schema import PROFESSIONS, STATES


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="complaint-helper boards")
    configure_parser(parser)
    return parser


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = run(_parser().parse_args(list(argv)), out)
    return status, out.getvalue()


def _check_board_shape(board: dict[str, Any]) -> None:
    """The JSON shape documented in design.md; unknown facts are null, never missing."""
    assert tuple(board) == JSON_FIELDS
    assert isinstance(board["name"], str) and board["name"]
    assert isinstance(board["covers"], list) and all(isinstance(t, str) for t in board["covers"])
    for key in ("mailing_address", "phone", "complaint_url", "license_lookup_url", "time_limit"):
        assert board[key] is None or isinstance(board[key], str), key
    for key in ("online_filing", "anonymous_complaints"):
        assert board[key] is None or isinstance(board[key], bool), key
    assert isinstance(board["reason"], str) and board["reason"]
    assert isinstance(board["sources"], dict)
    for fact, source in board["sources"].items():
        assert set(source) == {"url", "checked_on"}, fact
        assert source["url"].startswith("https://")
    for key in ("mailing_address", "phone", "complaint_url", "online_filing"):
        if board[key] is not None:
            assert key in board["sources"], key


def test_json_output_has_the_documented_shape() -> None:
    status, text = _run(
        "--state",
        "TX",
        "--profession",
        "psychiatrist",
        "--degree",
        "do",
        "--telehealth-state",
        "OK",
        "--json",
    )
    assert status == 0
    boards = json.loads(text)["boards"]
    assert [board["name"] for board in boards] == [
        "Texas Medical Board",
        "Oklahoma State Board of Osteopathic Examiners",
    ]
    for board in boards:
        _check_board_shape(board)


@pytest.mark.parametrize("state", ["CA", "NY", "TX", "OK", "OH"])
def test_json_shape_for_every_board_of_a_state(state: str) -> None:
    status, text = _run("--state", state, "--profession", "not_sure", "--json")
    assert status == 0
    for board in json.loads(text)["boards"]:
        _check_board_shape(board)


def test_no_board_json_is_an_empty_list() -> None:
    status, text = _run("--state", "OK", "--profession", "counselor", "--json")
    assert status == 0
    assert json.loads(text)["boards"] == []


def test_text_output_shows_reason_sources_and_unknowns() -> None:
    status, text = _run("--state", "CA", "--profession", "psychologist")
    assert status == 0
    assert "California Board of Psychology" in text
    assert "You were in California during sessions" in text
    assert "https://www.psychology.ca.gov/consumers/filecomplaint.shtml" in text
    assert "confirm on the board's website" in text
    assert "checked 2026-11-22" in text
    assert "TELL" in text


def test_text_output_explains_a_no_board_outcome() -> None:
    status, text = _run("--state", "OK", "--profession", "counselor")
    assert status == 0
    assert "No board found" in text
    assert "Please note:" in text


def test_list_prints_a_row_per_state_and_totals() -> None:
    status, text = _run("--list")
    assert status == 0
    rows = [line for line in text.splitlines() if line[:2].isupper() and line[2:3] == " "]
    assert len(rows) == 51
    assert "facts checked" in text and "unknown" in text


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--state", "ZZ", "--profession", "psychologist"], "is not a US state code"),
        (["--state", "CA", "--profession", "therapist"], "is not a profession we know"),
        (["--state", "CA", "--profession", "psychiatrist", "--degree", "phd"], "md or do"),
        (
            ["--state", "CA", "--profession", "psychiatrist", "--telehealth-state", "Texas"],
            "is not a US state code",
        ),
    ],
)
def test_bad_values_exit_2_with_a_plain_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        _parser().parse_args(argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--state", "CA"], "give --state and --profession"),
        (["--state", "CA", "--profession", "counselor", "--degree", "md"], "only to"),
    ],
)
def test_incomplete_requests_exit_2_with_a_plain_line(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        _run(*argv)
    assert caught.value.code == 2
    assert message in capsys.readouterr().err


def test_boards_package_does_not_import_flask() -> None:
    """Lower layers know nothing of the web layer (design.md)."""
    import pathlib

    package = pathlib.Path(__file__).parents[2] / "complaint_helper" / "boards"
    for module in package.glob("*.py"):
        text = module.read_text(encoding="utf-8")
        assert "import flask" not in text and "from flask" not in text, module.name
        assert "complaint_helper.web" not in text, module.name


@pytest.mark.parametrize(
    "argv",
    [
        ["--state", "ZZ", "--profession", "psychologist"],
        ["--state", "CA", "--profession", "therapist"],
        ["--state", "CA"],
    ],
)
def test_with_the_top_level_parser_an_error_is_one_plain_line(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Wired under the CLI's PlainArgumentParser, every bad request prints exactly one line."""
    from complaint_helper.cli import PlainArgumentParser

    parser = PlainArgumentParser(prog="complaint-helper boards")
    configure_parser(parser)
    out = io.StringIO()
    with pytest.raises(SystemExit) as caught:
        run(parser.parse_args(argv), out)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert out.getvalue() == ""


def test_readmes_state_the_coverage_the_data_has() -> None:
    """The front door must stay true: both READMEs quote today's board counts."""
    rows = load_directory().coverage()
    boards = sum(row.board_count for row in rows)
    checked = sum(row.checked_facts for row in rows)
    unknown = sum(row.unknown_facts for row in rows)
    pairs = sum(1 for row in rows for count in row.boards_per_profession.values() if count)
    root = Path(__file__).resolve().parents[2]
    for readme in (root / "README.md", root / "complaint_helper" / "boards" / "README.md"):
        text = " ".join(readme.read_text(encoding="utf-8").split())
        assert f"{boards} board records, {checked:,} facts checked and {unknown:,} unknown" in text
        assert f"{pairs} of the {len(rows) * len(PROFESSIONS)} state–profession pairs" in text
        assert _reach_sentence() in text


def _reach_sentence() -> str:
    """How many boards a person can reach, as both READMEs must say it."""
    directory = load_directory()
    records = [board for state in STATES for board in directory.boards_in(state)]

    def known(fact: str) -> int:
        return sum(1 for board in records if getattr(board, fact))

    return (
        f"The complaint page is known for {known('complaint_url')} of the {len(records)} boards, "
        f"and a way in (the complaint page or a checked page of the board's own website) for "
        f"{known('start_url')}; phone for {known('phone')}, mailing address for "
        f"{known('mailing_address')}, license look-up for {known('license_lookup_url')}."
    )


def test_text_output_prints_the_states_law_after_the_boards() -> None:
    status, text = _run("--state", "WI", "--profession", "counselor")
    assert status == 0
    law = text.index("The law in Wisconsin (information, not legal advice):")
    assert text.index("Other places that may help:") < law
    assert "Crime: yes, Wisconsin Statutes 940.22(2)" in text[law:]
    assert "Consent is not a defence under this law." in text[law:]
    assert "Civil claim: Wisconsin Statutes 895.441" in text[law:]
    assert "Source: https://docs.legis.wisconsin.gov/" in text[law:]


def test_text_output_says_plainly_what_could_not_be_confirmed() -> None:
    status, text = _run("--state", "CA", "--profession", "psychologist")
    assert status == 0
    assert "Crime: could not be confirmed at an official source" in text
    assert "without consent" not in text


def test_json_carries_the_law_with_its_sources() -> None:
    status, text = _run("--state", "TX", "--profession", "counselor", "--json")
    assert status == 0
    document = json.loads(text)
    law = document["law"]
    assert law["state"] == "TX"
    assert law["crime"] is None
    (limit,) = law["limits"]
    assert limit["board_id"] == "tx-bhec" and limit["years"] == 7
    assert limit["source"]["url"].startswith("https://bhec.texas.gov/")
    wisconsin = json.loads(_run("--state", "WI", "--profession", "counselor", "--json")[1])
    assert wisconsin["law"]["crime"]["is_crime"] is True
    assert wisconsin["law"]["crime"]["source"]["checked_on"] == "2026-12-04"
    assert any("940.22(2)" in line for line in wisconsin["other_avenues"])


def test_lang_es_prints_the_human_text_in_spanish_and_board_facts_as_published() -> None:
    status, text = _run("--state", "CA", "--profession", "psychologist", "--lang", "es")
    assert status == 0
    for spanish in (
        "Profesional: Psicólogo o psicóloga",
        "Dónde estaba la persona durante las sesiones: California",
        "Por qué: Usted estaba en California durante las sesiones.",
        "recibe las quejas sobre",
        "Fuentes:",
        "(revisado el 2026-11-22)",
        "Otros lugares que pueden ayudar:",
        "La ley en California (información, no asesoría legal):",
        "988 Suicide & Crisis Lifeline (línea de ayuda en crisis",
    ):
        assert spanish in text, spanish
    for english in ("Why:", "Sources:", "You were in", "Other places that may help", "checked"):
        assert english not in text, english
    # The board's own facts stay as the board published them.
    assert "California Board of Psychology" in text
    assert "https://www.psychology.ca.gov/consumers/filecomplaint.shtml" in text


def test_lang_es_json_keeps_its_keys_and_says_the_reasons_in_spanish() -> None:
    _, english = _run("--state", "CA", "--profession", "psychologist", "--json")
    status, spanish = _run(
        "--state", "CA", "--profession", "psychologist", "--json", "--lang", "es"
    )
    assert status == 0
    english_document, spanish_document = json.loads(english), json.loads(spanish)
    assert spanish_document.keys() == english_document.keys()
    for board_en, board_es in zip(
        english_document["boards"], spanish_document["boards"], strict=True
    ):
        assert tuple(board_es) == JSON_FIELDS
        assert {k: v for k, v in board_es.items() if k != "reason"} == {
            k: v for k, v in board_en.items() if k != "reason"
        }
        assert board_es["reason"].startswith("Usted estaba en California")
    assert spanish_document["law"] == english_document["law"]
    assert spanish_document["other_avenues"][0].startswith("La clínica, el consultorio")


def test_an_unknown_lang_is_one_plain_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        _parser().parse_args(["--state", "CA", "--profession", "psychologist", "--lang", "fr"])
    assert raised.value.code == 2
    assert "'fr' is not a language this tool speaks; use one of en, es" in capsys.readouterr().err


def test_list_in_spanish_keeps_its_columns_under_their_headings() -> None:
    status, text = _run("--list", "--lang", "es")
    assert status == 0
    lines = text.splitlines()
    header = next(line for line in lines if line.startswith("Estado"))
    rows = [line for line in lines if line[:2].isupper() and line[2:3] == " "]
    assert len(rows) == 51
    for row in rows:
        assert len(row) == len(header), row  # right-aligned under the longer Spanish headings
    assert "estados tienen juntas revisadas" in text and "Unknown" not in text
