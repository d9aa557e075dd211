"""The `complaint-helper` command: `serve` (the default) and `boards` (the board directory for
advocates).

Bad arguments print one plain line and exit with code 2; nothing here ever shows a traceback.
"""

from __future__ import annotations

import argparse
import io
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NoReturn, TextIO

from complaint_helper.boards import command as boards_command
from complaint_helper.instance import (
    ControlServer,
    InstanceError,
    acquire_lock,
    ask,
    make_private_dir,
)
from complaint_helper.opener import BrowserOpener
from complaint_helper.settings import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from complaint_helper.web.security import LaunchToken

# What a second start asks the running app for (complaint_helper.instance carries the request).
NEW_LINK = "link"
OPEN_BROWSER = "open"
OPENED = "opened"


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
    again = commands.add_parser(
        "open", help="open the running app in your browser again, with a fresh one-time link"
    )
    again.add_argument(
        "--data-dir", default=None, help="where cases are kept (env: COMPLAINT_HELPER_DATA_DIR)"
    )
    again.add_argument(
        "--no-browser", action="store_true", help="print the fresh link instead of opening it"
    )
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
        return _quiet_on_closed_pipe(lambda: boards_command.run(args, out), out)
    if args.command == "open":
        return open_again(args, out)
    return serve(args, out)


def _quiet_on_closed_pipe(command: Callable[[], int], out: TextIO) -> int:
    """Run a printing command; when the reader went away (`complaint-helper boards --list | head`),
    stop quietly, as a Unix tool does, instead of a BrokenPipeError traceback.

    The stream's own descriptor is pointed at /dev/null so Python's flush at exit, which would
    raise again, writes nowhere."""
    try:
        result = command()
        out.flush()
    except BrokenPipeError:
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, out.fileno())
            os.close(devnull)
        except (OSError, ValueError, io.UnsupportedOperation):
            pass  # a stream without a descriptor (a test's StringIO) has nothing left to flush
        return 0
    return result


# SIGINT (Ctrl-C) is handled here too, not left to Python's default: a process started from a
# non-interactive shell in the background inherits SIGINT *ignored*, and Python then installs no
# KeyboardInterrupt for it, so "Press Ctrl-C to stop" would do nothing.
STOP_SIGNALS = tuple(
    getattr(signal, name)
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK")
    if hasattr(signal, name)
)


def running_message(url: str, data_dir: Path) -> str:
    """What the console window says while the app runs (the link first, on its own line)."""
    return (
        f"complaint-helper is running. Open this link in your browser: {url}\n"
        f"Your cases are kept, encrypted, in: {data_dir}\n"
        "Keep this window open while you use the app. Closing it (or pressing Ctrl-C) locks every "
        "case and stops the app.\n"
        "To open the app again later, start complaint-helper again (double-click it, or run "
        "`complaint-helper open`): it opens a new window in your browser with a fresh link."
    )


def prepare_data_dir(data_dir: Path) -> str | None:
    """Create the private data folder; a plain sentence if it cannot be used."""
    try:
        make_private_dir(data_dir)
    except OSError as error:
        return f"cannot use the data folder {data_dir}: {error.strerror or error}"
    return None


def serve(args: argparse.Namespace, out: TextIO) -> int:
    try:
        settings = load_settings(
            data_dir=args.data_dir, port=args.port, open_browser=not args.no_browser
        )
    except SettingsError as error:
        print(f"complaint-helper: {error}", file=sys.stderr)
        return 2
    problem = prepare_data_dir(settings.data_dir)
    if problem:
        print(f"complaint-helper: {problem}", file=sys.stderr)
        return 2
    lock = acquire_lock(settings.data_dir)
    if lock is None:
        return reach_running(settings.data_dir, settings.open_browser, out)
    try:
        return run_server(settings, out)
    finally:
        lock.close()


def open_again(args: argparse.Namespace, out: TextIO) -> int:
    """`complaint-helper open`: a fresh link from the running app, without starting one."""
    try:
        settings = load_settings(data_dir=args.data_dir, open_browser=not args.no_browser)
    except SettingsError as error:
        print(f"complaint-helper: {error}", file=sys.stderr)
        return 2
    running = settings.data_dir.is_dir()
    if running:
        lock = acquire_lock(settings.data_dir)
        running = lock is None
        if lock is not None:
            lock.close()
    if not running:
        print(
            "complaint-helper is not running. Start it by double-clicking it, or with "
            "`complaint-helper`.",
            file=sys.stderr,
        )
        return 1
    return reach_running(settings.data_dir, settings.open_browser, out)


def reach_running(data_dir: Path, open_browser: bool, out: TextIO) -> int:
    """The app already runs on this data folder: have it open the browser, or print a fresh link."""
    try:
        if open_browser and ask(data_dir, OPEN_BROWSER) == OPENED:
            print(
                "complaint-helper is already running. It has opened a new window in your browser.",
                file=out,
                flush=True,
            )
            return 0
        url = ask(data_dir, NEW_LINK)
    except InstanceError as error:
        print(f"complaint-helper: {error}", file=sys.stderr)
        return 2
    print(
        f"complaint-helper is already running. Open this link in your browser: {url}\n"
        "The link works once; run `complaint-helper open` again for another.",
        file=out,
        flush=True,
    )
    return 0


def run_server(settings: Settings, out: TextIO) -> int:
    from complaint_helper import create_app
    from complaint_helper.server import HOST, bind_socket, build_server
    from complaint_helper.vault import VaultError, disable_core_dumps
    from complaint_helper.web.app_state import state_of

    try:
        sock = bind_socket(settings.port)
    except OSError as error:
        print(
            f"complaint-helper: cannot use port {settings.port}: {error.strerror}", file=sys.stderr
        )
        return 2
    port = sock.getsockname()[1]
    settings = replace(settings, port=port)
    disable_core_dumps()
    try:
        app = create_app(settings)
    except VaultError as error:
        print(f"complaint-helper: {error.user_message}", file=sys.stderr)
        return 2
    launch: LaunchToken = state_of(app).launch

    def link(token: str) -> str:
        return f"http://{HOST}:{port}/launch?token={token}"

    url = link(launch.peek())
    server = build_server(app, sock, settings)
    opener = BrowserOpener()

    def new_link() -> str:
        return link(launch.renew())

    def open_browser() -> str:
        return OPENED if open_in_background(opener, launch, new_link()).wait(5) else "failed"

    control = ControlServer(settings.data_dir, {NEW_LINK: new_link, OPEN_BROWSER: open_browser})

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    for signum in STOP_SIGNALS:
        signal.signal(signum, stop)
    try:
        control.start()  # before the message: once it says "running", a second start finds it
        print(running_message(url, settings.data_dir), file=out, flush=True)
        if settings.open_browser:
            open_in_background(opener, launch, url)
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        control.close()
        state_of(app).reaper.stop()
        state_of(app).sessions.lock_all()
        state_of(app).vault.close()
        server.close()
        opener.close()
        print("complaint-helper stopped. Your cases are locked.", file=out, flush=True)
    return 0


class BrowserStarted:
    """Whether a browser started, once the launcher has said (`wait` gives up after `seconds`)."""

    def __init__(self) -> None:
        self._done = threading.Event()
        self.started = False

    def set(self, started: bool) -> None:
        self.started = started
        self._done.set()

    def wait(self, seconds: float) -> bool:
        """True if a browser started, or is still starting after `seconds` (some launchers only
        return when the browser closes)."""
        return self.started if self._done.wait(seconds) else True


def open_in_background(opener: BrowserOpener, launch: LaunchToken, url: str) -> BrowserStarted:
    """Open the browser at `url` (through a redirect page, never in argv) without holding up the
    server; the page is removed once its link has been used."""
    result = BrowserStarted()

    def run() -> None:
        page = opener.open(url)
        result.set(page is not None)
        if page is not None:
            launch.used.wait()
            opener.discard(page)

    threading.Thread(target=run, name="open-browser", daemon=True).start()
    return result
