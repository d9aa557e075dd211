"""The link graph: from the welcome page, by links and forms alone, every page is reached.

With a case open that holds a full story (Maya's, with an attached file and answers kept aside
from a switched-off branch), a crawler follows every link, every GET form and every address a
page names for its scripts (`data-*-url`), from the welcome page only. Then:
- every GET route of the app's URL map is reached (downloads too, though not fetched), except the
  launch and the few pages only a posted form leads to (each named below with the form);
- nothing it follows answers 4xx or 5xx;
- every page offers a way onward or back inside its main content.
A route added later with no link to it fails this test.
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from flask import Flask
from werkzeug.exceptions import MethodNotAllowed, NotFound
from werkzeug.routing import MapAdapter

from complaint_helper.interview import filing, repository
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import Answers, EvidenceFile
from complaint_helper.vault import UnlockedCase
from tests.conftest import BASE_URL as BASE
from tests.conftest import AppClient
from tests.stories import make_maya

# Routes that must be linked but are not followed while crawling: quick exit (it ends the visit)
# and the downloads (the story journeys download every document by clicking and read it back).
NOT_FOLLOWED = {"general.exit_page", "documents.download", "interview.download_file"}
# Routes no link leads to: the one-time launch and the page it opens.
NOT_LINKED = {"general.launch", "general.opening"}
# Pages only a posted form leads to, and the form that does.
AFTER_A_FORM = {
    "cases.import_passphrase": "a case file chosen on cases.import_case",
    "cases.import_confirm": "a case already on this computer, opened on cases.import_passphrase",
}
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7\x35\x81\x84"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@dataclass
class PageLinks(HTMLParser):
    """The addresses a page leads to, and whether its <main> offers any of them."""

    links: list[tuple[str, str]] = field(default_factory=list)  # (method, address)
    onward_in_main: int = 0
    _in_main: int = 0

    def __post_init__(self) -> None:
        super().__init__()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "main":
            self._in_main += 1
        leads: list[tuple[str, str]] = []
        if tag == "a" and found.get("href"):
            leads.append(("GET", found["href"]))
        elif tag in ("link", "script") and (found.get("href") or found.get("src")):
            leads.append(("GET", found.get("href") or found.get("src", "")))
        elif tag == "form":
            leads.append((found.get("method", "get").upper(), found.get("action", "")))
        elif tag == "button" and found.get("formaction"):
            leads.append(("POST", found["formaction"]))
        # Addresses for the page's scripts (idle check, lock beacon, autosave): GET or POST.
        leads += [("ANY", value) for name, value in found.items() if name.endswith("-url")]
        self.links += leads
        if self._in_main and tag in ("a", "form") and leads:
            self.onward_in_main += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self._in_main -= 1


def full_story(case: UnlockedCase) -> Answers:
    """Maya's story, a copy of a file attached, and answers kept aside from a branch that is off."""
    answers = make_maya()
    answers.set("after-therapy", "what_they_said", "Words kept from before I changed my answer.")
    info = case.add_attachment(io.BytesIO(PNG), filename="texts.png", media_type="image/png")
    answers.evidence[0].files.append(
        EvidenceFile(info.attachment_id, info.filename, info.media_type, info.size, info.sha256)
    )
    answers.chosen_boards = []
    repository.save_answers(case, answers)
    # After sending: one place, one letter received with a scan and a due date.
    scan = case.add_attachment(io.BytesIO(PNG), filename="letter.png", media_type="image/png")
    filing.save_filing(case, filing.Filing("place1", reference="R-1"))
    filing.save_entry(
        case,
        filing.FilingEntry(
            "entry1",
            "place1",
            when=ApproxDate.exact(2024, 5, 1),
            reply_within=30,
            files=[EvidenceFile(scan.attachment_id, "letter.png", "image/png", scan.size, "")],
        ),
    )
    return answers


def endpoint_of(adapter: MapAdapter, method: str, path: str) -> str | None:
    for each in ("GET", "POST") if method == "ANY" else (method,):
        try:
            endpoint, _ = adapter.match(path, method=each)
        except (NotFound, MethodNotAllowed):
            continue
        return str(endpoint)
    return None


def crawl(
    app: Flask, client: AppClient, on_page: Callable[[str, str, str], None] | None = None
) -> tuple[set[str], list[str], list[str]]:
    """(endpoints reached, broken links, pages with no way on) from the welcome page.

    `on_page(address, endpoint, html)` is called for every HTML page the crawl reads (the
    pseudo-language test reads each page's words; the axe test lists the pages)."""
    adapter = app.url_map.bind("127.0.0.1")
    reached: set[str] = set()
    broken: list[str] = []
    dead_ends: list[str] = []
    seen: set[str] = set()
    queue: deque[tuple[str, str]] = deque([("/", "the start")])
    while queue:
        address, came_from = queue.popleft()
        if address in seen:
            continue
        seen.add(address)
        response = client.get(address)
        if response.status_code in (301, 302, 303, 307, 308):
            target = urlsplit(urljoin(BASE + address, response.headers["Location"]))
            if target.hostname == "127.0.0.1":
                queue.append((target._replace(scheme="", netloc="").geturl(), address))
            continue
        if response.status_code >= 400:
            broken.append(f"{address} ({response.status_code}), linked from {came_from}")
            continue
        if response.mimetype != "text/html":
            continue
        html = response.get_data(as_text=True)
        page_endpoint = endpoint_of(adapter, "GET", urlsplit(address).path)
        if on_page is not None:
            on_page(address, page_endpoint or "", html)
        page = PageLinks()
        page.feed(html)
        if not page.onward_in_main and page_endpoint != "general.away":
            dead_ends.append(address)
        for method, link in page.links:
            target = urlsplit(urljoin(BASE + address, link))
            if target.scheme != "http" or target.hostname != "127.0.0.1":
                continue  # outside the tool (a board's website), or tel:
            endpoint = endpoint_of(adapter, method, target.path)
            if endpoint is None:
                broken.append(f"{method} {target.path}: no such route, linked from {address}")
                continue
            reached.add(endpoint)
            if endpoint_of(adapter, "GET", target.path) != endpoint:
                continue  # a form's POST, or a script's POST address
            if method == "POST" or endpoint in NOT_FOLLOWED | NOT_LINKED:
                continue
            queue.append((target._replace(scheme="", netloc="", fragment="").geturl(), address))
    return reached, broken, dead_ends


def test_every_page_is_reached_by_links_from_the_welcome_page(
    app: Flask, case_client: AppClient
) -> None:
    case: UnlockedCase = case_client.case  # type: ignore[attr-defined]
    full_story(case)
    reached, broken, dead_ends = crawl(app, case_client)

    assert broken == []
    assert dead_ends == []
    get_routes = {
        rule.endpoint for rule in app.url_map.iter_rules() if "GET" in (rule.methods or set())
    }
    unreached = get_routes - reached - NOT_LINKED - set(AFTER_A_FORM)
    assert unreached == set()
    assert "cases.import_case" in reached  # the form that leads to the import confirmation
    # The crawl never ended the visit: the case is still open at the end.
    assert not case.is_locked
