"""The `complaint-helper` command: `serve` (the default) and `boards` (the board directory for
advocates).

Bad arguments print one plain line and exit with code 2; nothing here ever shows a traceback.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType
from typing import TYPE_CHECKING, NoReturn, TextIO

from complaint_helper.boards import command as boards_command
from complaint_helper.opener import BrowserOpener
from complaint_helper.settings import SettingsError, load_settings

if TYPE_CHECKING:
    from complaint_helper.web.security import LaunchToken


class PlainArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one plain line (and exit code 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def build_parser() -> PlainArgumentParser:
    parser = PlainArgumentParser(
        prog="complaint-helper",
        description="A private, local assistant for preparing a complaint to a licensing board "
        "about a therapist. Runs only on this computer.",
    )
    commands = parser.add_subparsers(dest="command", parser_class=PlainArgumentParser)
    serve = commands.add_parser("serve", help="start the app in your browser (the default)")
    add_serve_arguments(serve)
    boards = commands.add_parser(
        "boards",
        help="show the licensing board(s) for a state and profession, or the coverage (--list)",
    )
    boards_command.configure_parser(boards)
    return parser


def port_number(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port must be between 0 and 65535, not {port}")
    return port


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--port", type=port_number, default=None, help="port on 127.0.0.1 (default: any free port)"
    )
    parser.add_argument(
        "--data-dir", default=None, help="where cases are kept (env: COMPLAINT_HELPER_DATA_DIR)"
    )
    parser.add_argument("--no-browser", action="store_true", help="don't open the browser")


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    out = out or sys.stdout
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help")):
        args_list = ["serve", *args_list]
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command == "boards":
        return boards_command.run(args, out)
    return serve(args, out)


def serve(args: argparse.Namespace, out: TextIO) -> int:
    from complaint_helper import create_app
    from complaint_helper.server import HOST, bind_socket, build_server
    from complaint_helper.vault import VaultError, disable_core_dumps

    try:
        sock = bind_socket(args.port or 0)
    except OSError as error:
        print(f"complaint-helper: cannot use port {args.port}: {error.strerror}", file=sys.stderr)
        return 2
    port = sock.getsockname()[1]
    try:
        settings = load_settings(
            data_dir=args.data_dir, port=port, open_browser=not args.no_browser
        )
    except SettingsError as error:
        print(f"complaint-helper: {error}", file=sys.stderr)
        return 2
    disable_core_dumps()
    try:
        app = create_app(settings)
    except VaultError as error:
        print(f"complaint-helper: {error.user_message}", file=sys.stderr)
        return 2
    token = app.extensions["complaint_helper.launch"].peek()
    url = f"http://{HOST}:{port}/launch?token={token}"
    server = build_server(app, sock, settings)
    print(
        f"complaint-helper is running. Open this link in your browser: {url}", file=out, flush=True
    )
    print("Press Ctrl-C to stop. Your cases lock when it stops.", file=out, flush=True)
    opener = BrowserOpener()
    if settings.open_browser:
        open_in_background(opener, app.extensions["complaint_helper.launch"], url)

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        app.extensions["complaint_helper.sessions"].lock_all()
        app.extensions["complaint_helper.vault"].close()
        server.close()
        opener.close()
        print("complaint-helper stopped. Your cases are locked.", file=out, flush=True)
    return 0


def open_in_background(opener: BrowserOpener, launch: LaunchToken, url: str) -> None:
    """Open the browser at `url` (through a redirect page, never in argv) without holding up the
    server; the page is removed once its link has been used."""

    def run() -> None:
        page = opener.open(url)
        if page is not None:
            launch.used.wait()
            opener.discard(page)

    threading.Thread(target=run, name="open-browser", daemon=True).start()
