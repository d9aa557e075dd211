"""The complaint model: every part, every variant, every story, and what missing answers become."""

from __future__ import annotations

from typing import Any

import pytest

from complaint_helper.boards import citations_for, route_to_boards
from complaint_helper.documents import cleaning
from complaint_helper.documents.complaint import CONDUCT_SENTENCES, DECLARATION, build_complaint
from complaint_helper.documents.exhibits import SentFile
from complaint_helper.documents.filing_guide import build_filing_guide
from complaint_helper.documents.model import VARIANTS, KeyValues, Notice, Paragraph, Table
from complaint_helper.documents.redaction import BLANK, MY_NAME, PERSON_ROLES, WITHHELD
from complaint_helper.interview import steps
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.model import Answers, EvidenceFile
from tests.documents.conftest import TODAY, make_board, make_citations
from tests.stories import STORIES, make_maya, make_priya, make_sam

PART_KEYS = ("cover-letter-1", "statement", "standards", "exhibits", "signature")


def build(
    answers: Answers, variant: str = "board", boards: Any = None, citations: Any = None
) -> Any:
    return build_complaint(
        answers,
        [make_board()] if boards is None else boards,
        variant,  # type: ignore[arg-type]
        today=TODAY,
        citations=make_citations() if citations is None else citations,
    )


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("story", sorted(STORIES))
def test_every_story_gives_all_five_parts_in_every_variant(story: str, variant: str) -> None:
    document = build(STORIES[story](), variant)
    assert tuple(section.key for section in document.sections) == PART_KEYS
    assert all(section.blocks for section in document.sections)


def test_skipped_therapy_dates_read_not_known_never_i_dont_remember() -> None:
    """Skipping is not saying "I don't remember": the draft must not put words in the mouth."""
    answers = Answers()
    answers.set("therapy", "status", "ended")
    text = build(answers).plain_text()
    assert "Started: Not known" in text
    assert "Ended: Not known" in text
    assert "I don't remember" not in text


def test_priya_almost_empty_story_is_complete_and_dignified() -> None:
    text = build(make_priya()).plain_text()
    for wording in (
        "A counseling clinic",
        "License number: Not known",
        "The account in my own words, below, describes what happened.",
        "I ask the board to investigate",
        str(DECLARATION),
    ):
        assert wording in text
    for leak in ("None", "[]", "{}", "not_sure", "ApproxDate"):
        assert leak not in text


def test_a_fully_empty_case_still_builds_every_part() -> None:
    document = build(Answers(), boards=[], citations=())
    # Without a checked standard, the standards part is left out rather than left empty.
    assert [section.key for section in document.sections] == [
        key for key in PART_KEYS if key != "standards"
    ]
    text = document.plain_text()
    assert "Confirm which licensing board handles this professional" in text
    assert "None" not in text


def test_every_conduct_choice_has_a_plain_sentence() -> None:
    keys = {choice.key for choice in steps.CONDUCT_CHOICES}
    assert keys == set(CONDUCT_SENTENCES)


def test_conduct_summary_uses_a_sentence_for_each_ticked_box() -> None:
    text = build(make_maya()).plain_text()
    for key in make_maya().choices("what-happened", "conduct"):
        assert str(CONDUCT_SENTENCES[key]) in text


def test_account_goes_in_unedited() -> None:
    answers = make_maya()
    account = answers.text("your-account", "account")
    statement = build(answers).section("statement")
    own = [b.text for b in statement.blocks if isinstance(b, Paragraph) and b.style == "own_words"]
    assert "\n\n".join(own[: account.count("\n\n") + 1]) == account


def test_unknown_address_shows_confirm_line_with_the_complaint_page() -> None:
    board = make_board(mailing_address=None)
    letter = build(make_maya(), boards=[board]).section("cover-letter-1")
    notices = [block.text for block in letter.blocks if isinstance(block, Notice)]
    assert notices == [f"Confirm the address at {board.complaint_url} before you send this letter."]


def test_unknown_address_without_any_page_still_asks_to_confirm() -> None:
    board = make_board(mailing_address=None, complaint_url=None, license_lookup_url=None)
    letter = build(make_maya(), boards=[board]).section("cover-letter-1")
    notices = [block.text for block in letter.blocks if isinstance(block, Notice)]
    assert notices and "Confirm the board's complaint address" in notices[0]


def test_subject_names_the_professional_and_license_number() -> None:
    text = build(make_maya()).section("cover-letter-1")
    subjects = [b.text for b in text.blocks if isinstance(b, Paragraph) and b.style == "heading"]
    assert (
        "Subject: Complaint about Dr. Alan Whitcombe, PhD, a psychologist, license number "
        "PSY 99999" in subjects
    )


def test_two_boards_give_one_cover_letter_each_naming_the_other() -> None:
    texas = make_board(id="tx-medical", state="TX", state_name="Texas", name="Texas Medical Board")
    oklahoma = make_board(
        id="ok-osteo",
        state="OK",
        state_name="Oklahoma",
        name="Oklahoma State Board of Osteopathic Examiners",
    )
    document = build(make_sam(), boards=[texas, oklahoma])
    letters = [s for s in document.sections if s.key.startswith("cover-letter")]
    assert [s.key for s in letters] == ["cover-letter-1", "cover-letter-2"]
    first, second = (
        "\n".join(b.text for b in s.blocks if isinstance(b, Paragraph)) for s in letters
    )
    assert "To the Texas Medical Board:" in first
    assert "also sending this complaint to the Oklahoma State Board" in first
    assert "To the Oklahoma State Board of Osteopathic Examiners:" in second
    assert "also sending this complaint to the Texas Medical Board" in second
    guide = build_filing_guide(
        make_sam(), [texas, oklahoma], "board", today=TODAY, citations=make_citations()
    )
    assert "one cover letter for each board" in guide.plain_text()


def test_advocate_copy_withholds_the_complainant_and_people_everywhere() -> None:
    answers = make_maya()
    # The person's own words mention them too: the redaction must reach free text.
    answers.set("your-account", "account", "My name is Maya Delgado-Reyes. Lucía knows.")
    text = build(answers, "advocate").plain_text()
    for secret in (
        "Maya",
        "Delgado",
        "Reyes",
        "Lucía",
        "maya.example@example.org",
        "(916) 555-0100",
        "1 Sample Lane",
    ):
        assert secret not in text
    assert f"Name: {WITHHELD}" in text
    # Redaction by roles: each person is named by who they are, never blanked to a bare mark.
    assert f"My name is {MY_NAME}. [{PERSON_ROLES['told_at_time']}] knows." in text
    assert "Dr. Alan Whitcombe" in text  # the professional is not withheld


def test_anonymous_draft_leaves_complainant_blocks_blank() -> None:
    text = build(make_maya(), "anonymous").plain_text()
    assert f"Name: {BLANK}" in text
    assert "Maya" not in text
    assert "maya.example@example.org" not in text


def test_choosing_to_add_details_later_gives_blanks_in_the_board_draft() -> None:
    answers = make_maya()
    answers.set("about-you", "identity", "later")
    text = build(answers, "board").plain_text()
    assert f"Name: {BLANK}" in text
    assert "maya.example@example.org" not in text


def test_standards_say_may_be_relevant_and_keep_unchecked_rules_out_of_the_draft() -> None:
    """An unchecked summary must never reach a board; it goes to the person's guide instead."""
    for variant in VARIANTS:
        text = build(make_maya(), variant).plain_text()
        assert "may be relevant" in text
        assert "not drawing a legal conclusion" in text
        assert "Opinion 9.1.1" in text and "code-medical-ethics.ama-assn.org" in text
        assert "Standard 10.05" not in text
        assert "Not yet checked" not in text and "not checked" not in text.lower()
        for conclusion in ("violated", "broke the law", "is guilty"):
            assert conclusion not in text
    guide = build_filing_guide(
        make_maya(), [make_board()], "board", today=TODAY, citations=make_citations()
    ).plain_text()
    assert "you may want to look at" in guide.lower()
    assert "Standard 10.05" in guide and "Not yet checked against the original text" in guide
    assert "Opinion 9.1.1" not in guide


def test_board_requirements_appear_before_signing() -> None:
    board = make_board(requires_own_form=True, requires_notarization=True)
    text = build(make_maya(), boards=[board]).plain_text()
    assert "asks for complaints on its own form" in text
    assert "signed release of your treatment records" in text
    assert "signed in front of a notary" in text


def test_how_to_file_never_promises_and_says_file_and_ask() -> None:
    board = make_board(time_limit="Five years after services end.")
    guide = build_filing_guide(
        make_maya(), [board], "board", today=TODAY, citations=make_citations()
    )
    text = guide.plain_text()
    assert [section.key for section in guide.sections] == [
        "how-to-file",
        "other-avenues",
        "standards-to-look-at",
    ]
    assert "no one can promise an outcome" in text
    assert "you can still file and ask the board" in text
    assert "too late" not in text
    assert '"Five years after services end."' in text
    assert "copies of your evidence, never the originals" in text.lower()
    assert "professional is usually told" in text
    assert "TELL" in text
    for promise in ("will be investigated", "will lose", "guarantee"):
        assert promise not in text


def guide_text(answers: Answers, board: Any) -> str:
    return build_filing_guide(
        answers, [board], "board", today=TODAY, citations=make_citations()
    ).plain_text()


def test_how_to_file_flags_unknown_board_facts_with_the_page_to_check() -> None:
    board = make_board(mailing_address=None, online_filing=None)
    text = guide_text(make_maya(), board)
    assert (
        "Confirm on the board's website: the complaint mailing address, whether you can "
        "file online" in text
    )
    assert f"Start at {board.complaint_url}" in text


def test_how_to_file_names_the_source_and_check_date_of_board_facts() -> None:
    text = guide_text(make_maya(), make_board())
    assert (
        "https://www.psychology.ca.gov/consumers/filecomplaint.shtml (checked 22 November "
        "2026)" in text
    )


def test_timeline_table_lists_every_event_in_time_order() -> None:
    statement = build(make_maya()).section("statement")
    (table,) = [block for block in statement.blocks if isinstance(block, Table)]
    assert [row[1] for row in table.rows] == [e.what for e in make_maya().sorted_timeline()]


def test_exhibit_index_numbers_items_and_gives_the_sent_copy_name_hash_and_size() -> None:
    answers = make_maya()
    item = answers.evidence[0]
    item.files = [
        EvidenceFile(
            "a" * 32,
            filename="dana-texts.png",
            media_type="image/png",
            size=123_456,
            sha256="ab" * 32,
        )
    ]
    sent = {"a" * 32: SentFile("Exhibit 01.png", "ef" * 32, 120_000, cleaning.CLEANED)}
    exhibits = build_complaint(
        answers, [make_board()], "board", today=TODAY, citations=make_citations(), sent=sent
    ).section("exhibits")
    blocks = [block for block in exhibits.blocks if isinstance(block, KeyValues)]
    assert [block.title for block in blocks] == ["Exhibit 1", "Exhibit 2", "Exhibit 3", "Exhibit 4"]
    rows = dict(blocks[0].rows)
    assert rows["SHA-256"] == "ef" * 32  # the copy actually sent, not the original
    assert rows["Size"] == "117.2 KB (120,000 bytes)"
    assert rows["File"] == "Exhibit 01.png"
    assert dict(blocks[1].rows)["File"] == "No file attached in the app"
    # Without the sent copies read, the index names the copy and gives no fingerprint.
    unread = build(answers).section("exhibits")
    first = dict(next(b for b in unread.blocks if isinstance(b, KeyValues)).rows)
    assert first["File"] == "Exhibit 01.png" and "SHA-256" not in first
    assert "dana" not in build(answers).plain_text()


def test_exhibit_index_gives_every_file_of_an_item_and_says_which_are_left_out() -> None:
    answers = make_maya()
    answers.evidence[0].files = [
        EvidenceFile(
            "a" * 32, filename="one.png", media_type="image/png", size=2_048, sha256="ab" * 32
        ),
        EvidenceFile(
            "b" * 32, filename="call.mp4", media_type="video/mp4", size=4_096, sha256="cd" * 32
        ),
    ]
    sent = {
        "a" * 32: SentFile("Exhibit 01-1.png", "ab" * 32, 2_048, cleaning.CLEANED),
        "b" * 32: SentFile("Exhibit 01-2.mp4", "", None, cleaning.NOT_CLEANABLE),
    }
    exhibits = build_complaint(
        answers, [make_board()], "board", today=TODAY, citations=make_citations(), sent=sent
    ).section("exhibits")
    first = next(b for b in exhibits.blocks if isinstance(b, KeyValues))
    values = [value for _, value in first.rows]
    assert "Exhibit 01-1.png" in values and "ab" * 32 in values
    assert "Exhibit 01-2.mp4 (a video)" in values
    assert ("Not sent", cleaning.NOT_CLEANABLE) in first.rows
    assert "cd" * 32 not in values


def test_relationship_after_therapy_states_the_gap_plainly() -> None:
    text = build(make_sam()).plain_text()
    assert "The professional ended the therapy before the relationship began." in text
    assert "The therapy ended June 2020." in text
    assert "The relationship began August 2020." in text
    assert "We can't be friends while I'm your therapist." in text


def test_unknown_variant_is_refused() -> None:
    with pytest.raises(ValueError, match="variant"):
        build(make_maya(), "public")


def test_shipped_directory_gives_maya_a_letter_to_the_board_of_psychology() -> None:
    routing = route_to_boards("CA", "psychologist")
    boards = [routed.board for routed in routing.boards]
    citations = citations_for("psychologist", "CA")
    document = build(make_maya(), boards=boards, citations=citations)
    text = document.plain_text()
    (board,) = boards
    assert f"To the {board.name}:" in text
    if board.mailing_address is None:
        assert f"Confirm the address at {board.complaint_url}" in text
    else:
        assert board.mailing_address in text
    assert ("may be relevant" in text) == any(citation.verified for citation in citations)


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_switched_off_branch_never_reaches_any_variant(variant: str) -> None:
    """Answers about the relationship after therapy stay stored when the tick is removed, but the
    draft must not send them to a board as if they were still current."""
    answers = make_sam()
    answers.values["after-therapy"]["what_they_said"] = "Zephyrine words"
    with_branch = build(answers, variant).plain_text()
    assert "Zephyrine" in with_branch
    answers.values["what-happened"]["conduct"] = ["own_intimate_life"]
    for document in (
        build(answers, variant),
        build_filing_guide(
            answers,
            [make_board()],
            variant,  # type: ignore[arg-type]
            today=TODAY,
            citations=make_citations(),
        ),
    ):
        text = document.plain_text()
        assert "Zephyrine" not in text
        assert "The relationship began" not in text
        assert "ended the therapy before the relationship" not in text


@pytest.mark.parametrize("variant", VARIANTS)
def test_an_end_date_is_not_printed_for_therapy_that_is_still_going_on(variant: str) -> None:
    answers = Answers()
    answers.set("therapy", "ended", ApproxDate.of_year(1987))
    answers.set("therapy", "status", "ended")
    assert "1987" in build(answers, variant).plain_text()
    answers.set("therapy", "status", "ongoing")
    text = build(answers, variant).plain_text()
    assert "1987" not in text


def test_an_advocate_helping_is_said_in_one_sentence_and_only_when_given() -> None:
    answers = make_maya()
    assert "help of an advocate" not in build(answers).plain_text()
    answers.set("about-you", "advocate", "yes")
    assert "I prepared this complaint with the help of an advocate." in build(answers).plain_text()
    answers.set("about-you", "advocate_organisation", "Sacramento Rape Crisis Center")
    text = build(answers).plain_text()
    assert (
        text.count(
            "I prepared this complaint with the help of an advocate from Sacramento "
            "Rape Crisis Center."
        )
        == 1
    )
    assert "I ask the board to investigate" in text  # still the person's own letter


def test_an_undated_exhibit_reads_not_known_never_i_dont_remember() -> None:
    text = build(make_maya()).section("exhibits")
    rows = [dict(b.rows) for b in text.blocks if isinstance(b, KeyValues)]
    assert rows[1]["Date"] == "Not known"  # Maya's bank statements have no date
