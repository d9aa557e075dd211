"""The letters beyond the board complaint (issue #17), each read back from its real PDF.

Each letter is offered only when it applies (Sam: no employer letter; Maya: a records request to
her practice; Jordan: a police summary only where the state's law file says it is a crime there);
each holds the facts it should and its legal sentences with their sources; "not legal advice" is
said once per document; the redacted variants pass the same adversarial checks as the board
draft's (tests/documents/test_redaction.py); hostile text prints literally.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaint_helper.boards.law import law_for
from complaint_helper.documents.docx import render_docx
from complaint_helper.documents.downloads import DOWNLOAD_BY_KIND, build_download, offered
from complaint_helper.documents.exhibits import SentFile
from complaint_helper.documents.letters.employer import (
    build_employer_complaint,
    employer_complaint_applies,
)
from complaint_helper.documents.letters.lawyer import build_lawyer_summary, lawyer_summary_applies
from complaint_helper.documents.letters.new_therapist import (
    build_new_therapist_note,
    new_therapist_note_applies,
)
from complaint_helper.documents.letters.police import (
    PHYSICAL_CONDUCT,
    build_police_summary,
    crime_in_state,
    police_summary_applies,
)
from complaint_helper.documents.letters.records import (
    build_records_request,
    records_request_applies,
)
from complaint_helper.documents.letters.right_of_access import RIGHT_OF_ACCESS
from complaint_helper.documents.model import Document, Variant, block_text
from complaint_helper.documents.pdf import render_complaint_pdf
from complaint_helper.i18n import PSEUDO_CLOSE, PSEUDO_LANGUAGE, PSEUDO_OPEN, use_language
from complaint_helper.interview.model import Answers, EvidenceFile
from tests.documents.conftest import (
    HOSTILE,
    HOSTILE_FRAGMENTS,
    docx_paragraphs,
    hostile_answers,
    pdf_text,
    squash,
)
from tests.documents.test_redaction import assert_no_secret, fill, pdftotext
from tests.stories import STORIES, make_jordan, make_maya, make_priya, make_sam

TODAY = date(2026, 12, 4)
# A state whose law file records the crime, the civil action and the later therapist's duty.
CRIME_STATE = "WI"


def words(document: Document) -> str:
    """The document as pypdf reads its real PDF, whitespace collapsed."""
    return " ".join(pdf_text(render_complaint_pdf(document)).split())


def in_state(answers: Answers, state: str) -> Answers:
    answers.set("therapy", "state", state)
    return answers


# -- each letter only when it applies ----------------------------------------------------------


def test_sam_gets_no_employer_letter_and_jordan_and_priya_do() -> None:
    assert not employer_complaint_applies(make_sam())
    assert not employer_complaint_applies(make_maya())  # a private practice: no employer
    assert employer_complaint_applies(make_jordan())  # an online therapy platform
    assert employer_complaint_applies(make_priya(words=50))  # a clinic


def test_maya_gets_a_records_request_addressed_to_her_practice() -> None:
    maya = make_maya()
    assert records_request_applies(maya)
    text = words(build_records_request(maya, today=TODAY))
    assert "The records office, Whitcombe Psychological Services" in text
    assert "100 Example Street, Suite 2" in text
    assert "Maya Delgado-Reyes" in text  # she files under her own name
    # It asks for records only: nothing about what happened reaches the practice.
    for private in ("sexual contact", "kissed", "anxiety", "214 text messages"):
        assert private not in text.lower()
    assert not records_request_applies(Answers())


def test_jordan_gets_a_police_summary_only_if_texas_law_makes_it_a_crime() -> None:
    jordan = make_jordan()
    texas = law_for("TX")
    conduct = set(jordan.choices("what-happened", "conduct"))
    expected = texas.is_crime is True and bool(conduct & PHYSICAL_CONDUCT)
    assert police_summary_applies(jordan) is expected
    # In a state whose law file records the crime: offered for sexual contact, not for comments.
    assert law_for(CRIME_STATE).is_crime is True
    assert not police_summary_applies(in_state(make_jordan(), CRIME_STATE))
    assert police_summary_applies(in_state(make_maya(), CRIME_STATE))
    unconfirmed = [code for code in ("CA", "NY") if law_for(code).is_crime is not True]
    for code in unconfirmed:
        assert not police_summary_applies(in_state(make_maya(), code))
        assert crime_in_state(in_state(make_maya(), code)) is None
    with pytest.raises(ValueError):
        build_police_summary(in_state(make_maya(), unconfirmed[0]), "board", today=TODAY)


def test_nothing_said_yet_offers_no_summary_or_note() -> None:
    empty = in_state(Answers(), CRIME_STATE)
    for applies in (lawyer_summary_applies, new_therapist_note_applies, police_summary_applies):
        assert not applies(empty)
    for make in (make_maya, make_sam, make_jordan):
        assert lawyer_summary_applies(make()) and new_therapist_note_applies(make())


# -- what each letter says -------------------------------------------------------------------


def test_the_records_request_states_each_right_with_may_and_its_hhs_source() -> None:
    text = words(build_records_request(make_maya(), today=TODAY))
    for sentence in (
        "I am making this request under the HIPAA right of access (45 CFR 164.524(a)(1)), which "
        "may give me the right to a copy",
        "I understand I may ask for the form and format I choose where you can readily produce "
        "it (45 CFR 164.524(c)(2))",
        "I understand you may charge only a reasonable, cost-based fee for the copy "
        "(45 CFR 164.524(c)(4))",
        "I understand you may take 30 days to respond (45 CFR 164.524(b)(2))",
        "psychotherapy notes kept separately from the rest of my record may not be part of this "
        "right (45 CFR 164.524(a)(1)(i))",
    ):
        assert sentence in text
    squashed = squash(text)
    for fact in RIGHT_OF_ACCESS.values():
        assert fact.source.url.startswith("https://www.hhs.gov/hipaa/")
        assert squash(fact.source.url) in squashed
        assert fact.source.checked_on == date(2026, 12, 4)
    assert "(checked 4 December 2026)" in text
    assert text.count("not legal advice") == 1


def test_the_employer_complaint_names_the_place_the_professional_and_what_happened() -> None:
    text = words(build_employer_complaint(make_jordan(), "board", today=TODAY))
    assert "the online therapy platform" in text
    assert "Dr. Casey Example, DO" in text
    assert "Jordan Example" in text
    assert "The professional made comments about my body or my looks." in text
    assert "you may be able to act to protect other clients" in text
    # Jordan is still seeing them: the person's own page says so, first things first.
    assert "You are still seeing this professional." in text
    assert text.count("not legal advice") == 1


def _maya_with_a_sent_file() -> tuple[Answers, dict[str, SentFile]]:
    maya = in_state(make_maya(), CRIME_STATE)
    maya.evidence[0].files = [
        EvidenceFile("a" * 32, "chat-with-him.png", "image/png", 10, "1" * 64)
    ]
    sent = {"a" * 32: SentFile("Exhibit 01.png", "9f" * 32, 2_048, "cleaned")}
    return maya, sent


def test_the_lawyer_summary_holds_the_facts_evidence_fingerprints_people_and_civil_law() -> None:
    maya, sent = _maya_with_a_sent_file()
    text = words(build_lawyer_summary(maya, "board", today=TODAY, sent=sent))
    squashed = squash(text)
    for fact in (
        "Dr. Alan Whitcombe, PhD",
        "PSY 99999",
        "Started March 2021",
        "14 June 2022 He kisses me in session",
        "On 14 June 2022 he kissed me at the end of a session.",
        "Exhibit 1",
        "214 text messages from him (screenshots)",
        "Lucía Delgado-Reyes",
        "Information about reporting to the police",
    ):
        assert squash(fact) in squashed, fact
    assert "9f" * 32 in squashed  # the fingerprint of the copy actually sent
    civil = law_for(CRIME_STATE).civil
    assert civil is not None
    assert squash(civil.statute) in squashed
    assert squash(civil.source.url) in squashed
    assert f"The {law_for(CRIME_STATE).state_name} law below may be relevant." in text
    assert text.count("not legal advice") == 1


def test_the_police_summary_reads_who_what_when_where_with_the_statute_and_its_source() -> None:
    maya, sent = _maya_with_a_sent_file()
    text = words(build_police_summary(maya, "board", today=TODAY, sent=sent))
    crime = law_for(CRIME_STATE).crime
    assert crime is not None
    order = [text.index(heading) for heading in ("Who", "What happened", "When and where")]
    assert order == sorted(order)
    assert text.index("When and where") < text.index("Evidence")
    assert f"This may be a crime in Wisconsin under {crime.statute}." in text
    assert squash(crime.source.url) in squash(text)
    assert "Maya Delgado-Reyes" in text and "Dr. Alan Whitcombe, PhD" in text
    assert "around August 2022 Sexual contact His office" in text
    assert text.count("not legal advice") == 1


def test_the_note_for_a_new_therapist_gives_the_brochure_duty_where_the_law_file_has_it() -> None:
    maya = make_maya()
    maya.set("what-you-want", "from_therapy_now", "Help with sleeping, and trusting people again.")
    text = words(build_new_therapist_note(maya, today=TODAY))
    duty = law_for("CA").later_therapist
    assert duty is not None and "728" in duty.statute
    assert "Help with sleeping, and trusting people again." in text
    assert "The professional engaged in sexual contact with me." in text
    assert squash(duty.duty) in squash(text)
    assert squash(duty.source.url) in squash(text)
    assert "the law may say what a therapist should do" in text
    assert text.count("not legal advice") == 1
    # No such duty recorded for New York: nothing is claimed.
    if law_for("NY").later_therapist is None:
        assert "What the law may ask of you" not in words(
            build_new_therapist_note(make_sam(), today=TODAY)
        )


# -- redacted variants and hostile text ------------------------------------------------------

BUILDERS: dict[str, Callable[[Answers, Variant], Document]] = {
    "employer": lambda a, v: build_employer_complaint(a, v, today=TODAY),
    "lawyer": lambda a, v: build_lawyer_summary(a, v, today=TODAY),
    "police": lambda a, v: build_police_summary(in_state(a, CRIME_STATE), v, today=TODAY),
}
# The police summary has a board copy and an advocate copy; the others all three variants.
REDACTED = [
    ("employer", "advocate"),
    ("employer", "anonymous"),
    ("lawyer", "advocate"),
    ("lawyer", "anonymous"),
    ("police", "advocate"),
]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
@pytest.mark.parametrize(("letter", "variant"), REDACTED)
def test_no_name_or_contact_typed_anywhere_reaches_a_redacted_letter(
    letter: str, variant: Variant, tmp_path_factory: pytest.TempPathFactory
) -> None:
    build = BUILDERS[letter]

    @settings(
        max_examples=3,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(st.data(), st.sampled_from(["maya", "jordan", "priya"]))
    def check(data: st.DataObject, story: str) -> None:
        make = STORIES[story]
        answers = fill(make(words=200) if story == "priya" else make(), data.draw)
        answers.set("therapy", "setting", "clinic")
        answers.set("what-happened", "conduct", ["sexual_contact"])
        document = build(answers, variant)
        assert_no_secret(document.plain_text(), f"{letter} model")
        text = pdftotext(render_complaint_pdf(document), tmp_path_factory.mktemp("pdf"))
        assert_no_secret(text, f"{letter} pdftotext output")

    check()


@pytest.mark.parametrize(
    "build",
    [
        lambda a: build_records_request(a, today=TODAY),
        lambda a: build_employer_complaint(a, "board", today=TODAY),
        lambda a: build_lawyer_summary(a, "board", today=TODAY),
        lambda a: build_police_summary(in_state(a, CRIME_STATE), "board", today=TODAY),
        lambda a: build_new_therapist_note(a, today=TODAY),
    ],
    ids=["records", "employer", "lawyer", "police", "new-therapist"],
)
def test_hostile_text_prints_literally_in_every_letter(
    build: Callable[[Answers], Document],
) -> None:
    answers = hostile_answers()
    answers.set("therapy", "setting", "hospital")
    answers.set("what-you-want", "from_therapy_now", HOSTILE)
    # Typed text is a value put into a sentence, never a sentence: no format directive acts.
    answers.set("professional", "name", f"{HOSTILE} %(who)s %s {{0}} %%")
    text = squash(pdf_text(render_complaint_pdf(build(answers))))
    for fragment in (
        '<a href="file:///etc/passwd">link</a>',
        "<b>bold?</b>",
        "&amp; &lt;b&gt;",
        "%(who)s %s {0} %%",
    ):
        assert squash(fragment) in text


def test_letters_build_for_every_story_with_almost_nothing_answered() -> None:
    for make in (make_priya, make_sam):
        answers = make(words=100) if make is make_priya else make()
        for document in (
            build_records_request(answers, today=TODAY),
            build_lawyer_summary(answers, "anonymous", today=TODAY),
            build_new_therapist_note(answers, today=TODAY),
        ):
            assert render_complaint_pdf(document).startswith(b"%PDF-")


def test_every_word_the_letters_add_goes_through_gettext() -> None:
    """In the test pseudo-language every translated string is wrapped in ⟦…⟧: each section
    title and every line of the person's own page must be."""
    maya = in_state(make_maya(), CRIME_STATE)
    maya.set("therapy", "setting", "clinic")
    with use_language(PSEUDO_LANGUAGE):
        documents = [
            build_records_request(maya, today=TODAY),
            build_employer_complaint(maya, "advocate", today=TODAY),
            build_lawyer_summary(maya, "anonymous", today=TODAY),
            build_police_summary(maya, "board", today=TODAY),
            build_new_therapist_note(maya, today=TODAY),
        ]
    for document in documents:
        assert document.running_header.startswith(PSEUDO_OPEN)
        for section in document.sections:
            assert section.title.startswith(PSEUDO_OPEN), section.title
        own_page = document.sections[-1]
        for block in own_page.blocks:
            for line in block_text(block):
                assert line.startswith(PSEUDO_OPEN) and line.endswith(PSEUDO_CLOSE), line


def test_the_spanish_catalog_translates_the_letters() -> None:
    with use_language("es"):
        document = build_records_request(make_maya(), today=TODAY)
    text = document.plain_text()
    assert "Solicitud de mi expediente" in text
    assert "Entiendo que pueden tardar 30 días en responder (45 CFR 164.524(b)(2))." in text
    assert "Whitcombe Psychological Services" in text  # what the person typed, untouched
    assert document.language == "es"


# -- on the documents page, and as Word --------------------------------------------------------

LETTER_KINDS = (
    "records-request",
    "employer-complaint",
    "lawyer-summary",
    "police-summary",
    "new-therapist-note",
)


def offered_kinds(answers: Answers) -> list[str]:
    return [download.kind for download in offered(answers)]


def test_the_documents_page_offers_each_letter_only_when_it_applies() -> None:
    sam, maya, jordan = (
        offered_kinds(make_sam()),
        offered_kinds(make_maya()),
        offered_kinds(make_jordan()),
    )
    assert "employer-complaint" not in sam and "employer-complaint" not in maya
    assert "records-request" in maya and "employer-complaint" in jordan
    assert ("police-summary" in jordan) is police_summary_applies(make_jordan())
    assert ("police-summary" in maya) is (law_for("CA").is_crime is True)
    assert "police-summary" in offered_kinds(in_state(make_maya(), CRIME_STATE))
    # In the order a person is likely to need them: the complaint first, their answers last.
    assert maya[0] == "board" and maya[-1] == "your-answers"
    assert maya.index("records-request") < maya.index("lawyer-summary")
    for kind in LETTER_KINDS:
        assert DOWNLOAD_BY_KIND[kind].word


def _every_letter_version(answers: Answers) -> Iterator[tuple[str, Variant]]:
    for kind in LETTER_KINDS:
        download = DOWNLOAD_BY_KIND[kind]
        assert download.applies(answers), kind
        for version in download.versions:
            yield kind, version.variant


def test_every_letter_in_word_holds_the_words_of_its_pdf_and_prints_hostile_text_literally() -> (
    None
):
    answers = in_state(hostile_answers(), CRIME_STATE)
    answers.set("therapy", "setting", "school")
    for kind, variant in _every_letter_version(answers):
        document = build_download(kind, answers, TODAY, variant=variant)
        word = squash(" ".join(docx_paragraphs(render_docx(document))))
        pdf = squash(pdf_text(render_complaint_pdf(document)))
        for section in document.sections:
            assert squash(section.title) in word and squash(section.title) in pdf
        for fragment in HOSTILE_FRAGMENTS:
            assert squash(fragment) in word, (kind, variant, fragment)


@settings(
    max_examples=2,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_no_name_or_contact_reaches_a_redacted_letter_in_word(data: st.DataObject) -> None:
    answers = in_state(fill(make_maya(), data.draw), CRIME_STATE)
    answers.set("therapy", "setting", "clinic")
    for kind, variant in _every_letter_version(answers):
        if variant == "board":
            continue
        document = build_download(kind, answers, TODAY, variant=variant)
        assert_no_secret(" ".join(docx_paragraphs(render_docx(document))), f"{kind} {variant}")


def test_a_letter_in_english_says_when_the_persons_own_words_are_in_spanish() -> None:
    maya = in_state(make_maya(), CRIME_STATE)
    maya.set("therapy", "setting", "clinic")
    for kind in ("employer-complaint", "lawyer-summary", "police-summary", "new-therapist-note"):
        english = build_download(kind, maya, TODAY, case_language="es", letter_language="en")
        assert english.language == "en"
        assert "My statement is in Spanish, my first language." in english.plain_text(), kind
        same = build_download(kind, maya, TODAY, case_language="en", letter_language="en")
        assert "my first language" not in same.plain_text(), kind
