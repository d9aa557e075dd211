"""Take the README's screenshots: the real server and Debian's Chromium, with the fictional story
of Maya (shared/stories.md) saved into a throw-away case. Run with `make screenshots`.

Nothing here is a test; the pictures are looked at by a person before they are committed.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from complaint_helper.interview import repository  # noqa: E402
from complaint_helper.settings import Settings  # noqa: E402
from complaint_helper.vault import KDF_FLOOR, Vault  # noqa: E402
from complaint_helper.web.app_state import state_of  # noqa: E402
from complaint_helper.web.session import SESSION_COOKIE  # noqa: E402
from tests.conftest import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    PASSPHRASE,
    by_page_id,
    open_case_for,
    serving,
)
from tests.stories import make_maya  # noqa: E402

IMAGES = ROOT / "docs" / "images"
# (file name, path, what must be on the page before the picture is taken)
PAGES = [
    ("welcome.png", "/", "Prepare a complaint"),
    ("what-happened.png", "/case/interview/what-happened", "What happened"),
    ("timeline.png", "/case/interview/timeline", "Timeline"),
    ("check-answers.png", "/case/interview/check-answers", "Check your answers"),
    ("boards.png", "/case/boards", "Board of Psychology"),
]


def main() -> int:
    with (
        tempfile.TemporaryDirectory() as data_dir,
        serving(Settings(data_dir=Path(data_dir), open_browser=False, kdf=KDF_FLOOR)) as server,
    ):
        vault: Vault = state_of(server.app).vault
        case = vault.create_case("Maya (fictional)", PASSPHRASE)
        repository.save_answers(case, make_maya())
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1000, "height": 900})
            page.goto(server.url)
            session_id = next(
                c["value"] for c in page.context.cookies() if c["name"] == SESSION_COOKIE
            )
            open_case_for(server.app, session_id, case)
            for name, path, expected in PAGES:
                page.goto(by_page_id(server.app, server.base + path))
                if expected not in page.inner_text("main"):
                    print(f"{path}: expected {expected!r} on the page", file=sys.stderr)
                    return 1
                page.screenshot(path=str(IMAGES / name), full_page=False)
                print(f"wrote docs/images/{name}")
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
