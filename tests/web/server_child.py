"""Child process for the streaming-upload tests: the real server, built as the CLI builds it, in a
process of its own so its memory and its open files can be watched from the test.

Usage: python -m tests.web.server_child DATA_DIR [--stop-before-item-save]
Prints one JSON line {"url": launch URL, "pid": …} once it serves, then serves until killed.
The KDF is the vault's floor (as in every test); everything else is what a person runs.

--stop-before-item-save: crash injection for the orphan test. When an evidence item is about to
be saved after its files were stored, print "stored" and wait for ever (the test then SIGKILLs
the process), so the kill lands exactly between storing an upload and saving its item.
"""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path
from typing import Any

from complaint_helper import create_app
from complaint_helper.interview import repository
from complaint_helper.server import HOST, bind_socket, build_server
from complaint_helper.settings import Settings
from complaint_helper.vault import KDF_FLOOR, disable_core_dumps
from complaint_helper.web.app_state import state_of


def stop_before_item_save() -> None:
    save_item = repository.save_item

    def stopping(store: Any, answers: Any, item: Any) -> None:
        if getattr(item, "files", None):
            print("stored", flush=True)
            threading.Event().wait()
        save_item(store, answers, item)

    repository.save_item = stopping


def main() -> None:
    data_dir = Path(sys.argv[1])
    if "--stop-before-item-save" in sys.argv[2:]:
        stop_before_item_save()
    sock = bind_socket(0)
    port = sock.getsockname()[1]
    settings = Settings(data_dir=data_dir, port=port, open_browser=False, kdf=KDF_FLOOR)
    disable_core_dumps()
    app = create_app(settings)
    token = state_of(app).launch.peek()
    server = build_server(app, sock, settings)
    url = f"http://{HOST}:{port}/launch?token={token}"
    print(json.dumps({"url": url, "port": port}), flush=True)
    server.run()


if __name__ == "__main__":
    main()
