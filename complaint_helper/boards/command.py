"""The `complaint-helper boards` command for advocates: routed boards for a case, or the coverage.

`configure_parser` adds the options to a sub-parser the top-level CLI creates; `run` prints to the
given stream. Bad values are caught by argparse `type=` functions (and by `run` for
combinations), so the person sees one plain line and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from complaint_helper.boards.directory import load_directory
from complaint_helper.boards.law import StateLawFacts, law_for
from complaint_helper.boards.routing import Routing, route_to_boards
from complaint_helper.boards.schema import PAGE_FACTS, Board, Source
from complaint_helper.i18n import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    _,
    lazy_gettext,
    pgettext,
    use_language,
)
from complaint_helper.support import avenue_lines
from complaint_helper.vocabulary import (
    DEGREES,
    PROFESSION_BY_KEY,
    PROFESSIONS,
    ROUTABLE_PROFESSIONS,
    STATES,
)

JSON_FIELDS: tuple[str, ...] = (
    "name",
    "covers",
    "mailing_address",
    "phone",
    "complaint_url",
    "website",
    "online_filing",
    "license_lookup_url",
    "anonymous_complaints",
    "time_limit",
    "reason",
    "sources",
)
_UNKNOWN = lazy_gettext("not checked: confirm on the board's website")


def state_code(value: str) -> str:
    code = value.strip().upper()
    if code not in STATES:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a US state code; use two letters such as CA, NY or DC"
        )
    return code


def profession_key(value: str) -> str:
    key = value.strip().lower().replace("-", "_")
    if key not in ROUTABLE_PROFESSIONS:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a profession we know; use one of {', '.join(ROUTABLE_PROFESSIONS)}"
        )
    return key


def degree_key(value: str) -> str:
    key = value.strip().lower()
    if key not in DEGREES:
        raise argparse.ArgumentTypeError(f"{value!r} is not a degree we know; use md or do")
    return key


def configure_parser(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Show the licensing board(s) that take a complaint about a professional, or how much of "
        "the directory has been checked."
    )
    parser.add_argument("--state", type=state_code, help="where the client was during sessions")
    parser.add_argument(
        "--profession",
        type=profession_key,
        help=f"one of {', '.join(ROUTABLE_PROFESSIONS)}",
    )
    parser.add_argument("--degree", type=degree_key, help="for a psychiatrist: md or do")
    parser.add_argument(
        "--telehealth-state",
        type=state_code,
        help="where the professional practised from, if another state",
    )
    parser.add_argument("--json", action="store_true", help="print the boards as JSON")
    parser.add_argument(
        "--list", action="store_true", help="print the coverage matrix (state x profession)"
    )
    parser.add_argument(
        "--lang",
        type=language_code,
        default=DEFAULT_LANGUAGE,
        help=f"the language of the words printed: {', '.join(LANGUAGES)} (default "
        f"{DEFAULT_LANGUAGE}); --json keeps its keys, and the boards' facts stay as published",
    )
    parser.set_defaults(boards_parser=parser)


def language_code(value: str) -> str:
    code = value.strip().lower()
    if code not in LANGUAGES:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a language this tool speaks; use one of {', '.join(LANGUAGES)}"
        )
    return code


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Print what was asked for, its words in the language of `--lang`."""
    with use_language(getattr(args, "lang", DEFAULT_LANGUAGE)):
        return _run(args, out)


def _run(args: argparse.Namespace, out: TextIO) -> int:
    if args.list:
        _print_coverage(out)
        return 0
    if args.state is None or args.profession is None:
        return _usage(args, "give --state and --profession (or --list for the coverage)")
    if args.degree is not None and args.profession != "psychiatrist":
        return _usage(args, "--degree applies only to --profession psychiatrist")
    routing = route_to_boards(args.state, args.profession, args.degree, args.telehealth_state)
    law = law_for(args.state)
    if args.json:
        document = {
            "boards": routing_json(routing),
            "law": law.to_json(),
            "other_avenues": list(avenue_lines(args.state)),
        }
        json.dump(document, out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        _print_routing(routing, args, out)
        _print_law(law, out)
    return 0


def routing_json(routing: Routing) -> list[dict[str, Any]]:
    """The documented JSON shape of the boards: a list, unknown facts as null."""
    boards: list[dict[str, Any]] = []
    for item in routing.boards:
        full = item.to_json()
        boards.append({field: full[field] for field in JSON_FIELDS})
    return boards


_NOT_CONFIRMED = lazy_gettext("could not be confirmed at an official source")


def _print_law(law: StateLawFacts, out: TextIO) -> None:
    """The state's law facts after the boards, each with its source; unknown said plainly. The
    law's own words (statutes, summaries, time limits) stay as read at the source."""
    not_confirmed = str(_NOT_CONFIRMED)
    lines = [_("The law in %(state)s (information, not legal advice):", state=law.state_name)]
    crime = law.crime
    if crime is None:
        lines.append("  " + _("Crime: %(what)s", what=not_confirmed))
    else:
        lines.append(
            "  "
            + (
                _("Crime: yes, %(statute)s", statute=crime.statute)
                if crime.is_crime
                else _("Crime: no, %(statute)s", statute=crime.statute)
            )
        )
        lines.append(f"    {crime.summary}")
        if crime.consent_is_defence is False:
            lines.append("    " + _("Consent is not a defence under this law."))
        if crime.former_clients:
            lines.append("    " + _("Former clients: %(words)s", words=crime.former_clients))
        lines.append("    " + _source(crime.source))
    civil = law.civil
    if civil is None:
        lines.append(
            "  " + _("Civil claim for therapist sexual exploitation: %(what)s", what=not_confirmed)
        )
    else:
        lines.append("  " + _("Civil claim: %(statute)s", statute=civil.statute))
        lines.append(f"    {civil.summary}")
        if civil.former_clients:
            lines.append("    " + _("Former clients: %(words)s", words=civil.former_clients))
        lines.append("    " + _source(civil.source))
    later = law.later_therapist
    if later is not None:
        lines.append("  " + _("A later therapist's duty: %(statute)s", statute=later.statute))
        lines.append(f"    {later.duty}")
        lines.append("    " + _source(later.source))
    if law.limits:
        lines.append("  " + _("Time limits:"))
        for limit in law.limits:
            lines.append(f"    {limit.about}: \u201c{limit.words}\u201d")
            lines.append("      " + _source(limit.source))
    else:
        lines.append(
            "  "
            + _(
                "Time limits: %(what)s; ask the board and a lawyer early",
                what=not_confirmed,
            )
        )
    out.write("\n" + "\n".join(lines) + "\n")


def _source(source: Source) -> str:
    return _("Source: %(source)s", source=_checked(source))


def _checked(source: Source) -> str:
    return _("%(url)s (checked %(day)s)", url=source.url, day=source.checked_on.isoformat())


def _usage(args: argparse.Namespace, message: str) -> int:
    parser = getattr(args, "boards_parser", None)
    if isinstance(parser, argparse.ArgumentParser):
        parser.error(message)  # prints one plain line and exits with status 2
    raise SystemExit(2)


def _print_routing(routing: Routing, args: argparse.Namespace, out: TextIO) -> None:
    label = _PROFESSION_SUMMARIES[args.profession]
    out.write(_("Professional: %(what)s", what=label) + "\n")
    out.write(_("Client during sessions: %(state)s", state=STATES[args.state]) + "\n")
    if args.telehealth_state and args.telehealth_state != args.state:
        out.write(
            _("Professional practised from: %(state)s", state=STATES[args.telehealth_state]) + "\n"
        )
    out.write("\n")
    if not routing.boards:
        out.write(_("No board found that we could check.") + "\n\n")
    for item in routing.boards:
        _print_board(item.board, item.reason, out)
    if routing.explanation:
        out.write(_("Please note: %(note)s", note=routing.explanation) + "\n\n")
    if routing.lookup_urls:
        out.write(_("Look a license up:") + "\n")
        for url in routing.lookup_urls:
            out.write(f"  {url}\n")
        out.write("\n")
    out.write(_("Other places that may help:") + "\n")
    for avenue in avenue_lines(args.state):
        out.write(f"  - {avenue}\n")


# The CLI's "Professional:" line, per profession key (vocabulary.ROUTABLE_PROFESSIONS).
_PROFESSION_SUMMARIES: dict[str, str] = {
    "psychologist": lazy_gettext("Psychologist"),
    "counselor": lazy_gettext("Counselor (LPC, LPCC, LMHC, LCPC or similar)"),
    "social_worker": lazy_gettext("Social worker (LCSW, LICSW or similar)"),
    "mft": lazy_gettext("Marriage and family therapist (LMFT)"),
    "psychiatrist": lazy_gettext("Psychiatrist (a medical doctor, MD or DO)"),
    "psychiatric_nurse": lazy_gettext("Psychiatric nurse practitioner (PMHNP, APRN)"),
    "other": lazy_gettext("another kind of professional"),
    "not_sure": lazy_gettext("not sure of their license"),
}


def _print_board(board: Board, reason: str, out: TextIO) -> None:
    """One board: its name and facts as the board published them, the labels translated."""
    lines = [board.name, "  " + _("Why: %(reason)s", reason=reason)]
    for fact in PAGE_FACTS:
        if board.shows_no(fact.name):
            continue
        value = board.describe(fact.name).replace("\n", ", ")
        lines.append(f"  {fact.label}: {value or _UNKNOWN}")
    lines.append("  " + _("Sources:"))
    for fact_name, source in board.sources.items():
        lines.append(f"    {fact_name}: {_checked(source)}")
    out.write("\n".join(lines) + "\n\n")


def _print_coverage(out: TextIO) -> None:
    rows = load_directory().coverage()
    # Column headings in the current language; each column is as wide as its heading (at least
    # as wide as the English one), so the numbers stay under their words.
    state, count, checked_label, unknown_label = (
        pgettext("coverage column", "State"),
        pgettext("coverage column", "Boards"),
        pgettext("coverage column", "Checked"),
        pgettext("coverage column", "Unknown"),
    )
    widths = (
        max(5, len(state)),
        max(6, len(count)),
        max(7, len(checked_label)),
        max(7, len(unknown_label)),
    )
    professions = " ".join(f"{PROFESSION_BY_KEY[p].short:>5}" for p in PROFESSIONS)
    out.write(
        _("Boards per profession (Phys = psychiatrist boards, MD and DO), and facts checked") + "\n"
    )
    out.write(
        f"{state:<{widths[0]}} {professions}  {count:>{widths[1]}}  "
        f"{checked_label:>{widths[2]}}  {unknown_label:>{widths[3]}}\n"
    )
    for row in rows:
        cells = " ".join(f"{row.boards_per_profession[p]:>5}" for p in PROFESSIONS)
        out.write(
            f"{row.state:<{widths[0]}} {cells}  {row.board_count:>{widths[1]}}  "
            f"{row.checked_facts:>{widths[2]}}  {row.unknown_facts:>{widths[3]}}\n"
        )
    with_data = sum(1 for row in rows if row.board_count)
    boards = sum(row.board_count for row in rows)
    checked = sum(row.checked_facts for row in rows)
    unknown = sum(row.unknown_facts for row in rows)
    out.write(
        "\n"
        + _(
            "%(with_data)s of %(states)s states have checked boards; %(boards)s boards, "
            "%(checked)s facts checked, %(unknown)s unknown.",
            with_data=with_data,
            states=len(rows),
            boards=boards,
            checked=checked,
            unknown=unknown,
        )
        + "\n"
    )
