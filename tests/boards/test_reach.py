"""Board facts a person can act on: a way into every board, and the audit's stale facts fixed."""

from __future__ import annotations

from pathlib import Path

from complaint_helper.boards import STATES, Directory

# Boards for which no page of the board's own site was in the stored copies (README says so).
NO_PAGE_FOUND = {
    "ia-behavioral-health", "ky-psychology", "ma-medicine", "mo-psychology",
    "ms-social-work-mft", "nm-nursing", "nm-psychology", "nm-social-work", "nv-osteopathic",
    "nv-psychology", "nv-social-work", "wv-osteopathic",
}  # fmt: skip


def _records(directory: Directory) -> list:  # type: ignore[type-arg]
    return [board for state in STATES for board in directory.boards_in(state)]


def test_every_board_without_a_complaint_page_shows_a_page_of_its_own_site(
    directory: Directory,
) -> None:
    missing = {board.id for board in _records(directory) if board.start_url is None}
    assert missing == NO_PAGE_FOUND
    readme = Path(__file__).resolve().parents[2] / "complaint_helper" / "boards" / "README.md"
    text = " ".join(readme.read_text(encoding="utf-8").split())
    for board_id in sorted(NO_PAGE_FOUND):
        assert board_id in text
    for board in _records(directory):
        if board.website:
            assert board.source_for("website") is not None
            assert board.start_url == (board.complaint_url or board.website)


def test_illinois_shows_the_departments_own_site(directory: Directory) -> None:
    for board in directory.boards_in("IL"):
        assert board.website == "https://idfpr.illinois.gov/dpr/dprswe.html"


def test_the_audits_stale_facts_are_fixed(directory: Directory) -> None:
    washington = directory.board("wa-nursing-commission")
    assert "WABON" in washington.name and washington.online_filing is True
    assert washington.complaint_url == (
        "https://nursing.wa.gov/discipline-and-complaints/file-complaint"
    )
    mft = directory.board("nc-mft")
    assert mft.online_filing is True and "file-a-complaint" in (mft.complaint_url or "")
    for board in directory.boards_in("MI"):
        assert "43590" not in (board.complaint_url or "")
        assert all("43590" not in source.url for source in board.sources.values())
    texas = directory.board("tx-medical")
    assert texas.phone is not None and "201-9353" not in texas.phone
    assert "Suite 402" in (directory.board("ms-counseling").mailing_address or "")
    hawaii = directory.board("hi-rico")
    assert hawaii.anonymous_complaints is None
    assert "A signature is needed" in (hawaii.notes or "")
    assert "sexual misconduct" in (directory.board("az-psychology").notes or "")
