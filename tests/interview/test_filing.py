"""After you send it (interview.filing): places and entries stored as encrypted records, read back
whole, carried by export → delete → import with their scans byte for byte; the entry form reads
approximate dates like the interview, due dates in the future, and a reply period in digits."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from complaint_helper.interview import filing
from complaint_helper.interview.dates import ApproxDate
from complaint_helper.interview.filing import Filing, FilingEntry
from complaint_helper.interview.model import EvidenceFile
from complaint_helper.vault import KDF_FLOOR, Vault
from tests.interview.conftest import PASSPHRASE

TODAY = date(2027, 6, 1)
SCAN = b"%PDF-1.4\n" + bytes(range(256)) * 300


def test_export_delete_import_restores_every_place_entry_and_scan(tmp_path: Path) -> None:
    vault = Vault(tmp_path / "data", KDF_FLOOR)
    case = vault.create_case("Green folder", PASSPHRASE)
    scan = case.add_attachment(
        io.BytesIO(SCAN), filename="letter.pdf", media_type="application/pdf"
    )
    place = Filing(
        "p1", board_id="ca-psychology", sent_on=ApproxDate.exact(2027, 2, 3), sent_how="mail",
        tracking="9400 1000", reference="CA-2027-118", contact_name="J. Rivera",
        contact_phone="555 0100", contact_email="jr@example.org", notes="Sent with 4 exhibits",
    )  # fmt: skip
    other = Filing("p2", place="Clinic ethics office", sent_on=ApproxDate.of_month(2027, 3))
    entry = FilingEntry(
        "e1", "p1", when=ApproxDate.of_month(2027, 4, circa=True), what="Records release asked",
        reply_within=30, reply_unit="days",
        files=[EvidenceFile(scan.attachment_id, "letter.pdf", "application/pdf", scan.size,
                            scan.sha256)],
    )  # fmt: skip
    done = FilingEntry("e2", "p2", reply_by=ApproxDate.exact(2027, 7, 1), due_done=True)
    for place_ in (place, other):
        filing.save_filing(case, place_)
    for entry_ in (entry, done):
        filing.save_entry(case, entry_)
    before = filing.load_history(case)
    assert before.filings == [place, other] and before.entries == [entry, done]

    out = io.BytesIO()
    vault.export_case(case, out)
    case_id = case.case_id
    vault.delete_case(case_id)
    assert case_id not in {c.case_id for c in vault.list_cases()}
    vault.import_case(io.BytesIO(out.getvalue()), PASSPHRASE)
    again = vault.unlock(case_id, PASSPHRASE)
    after = filing.load_history(again)
    assert after.filings == before.filings and after.entries == before.entries
    assert after.damaged == []
    assert b"".join(again.read_attachment(scan.attachment_id)) == SCAN
    # Only the open entry is due; it is worked out from the approximate letter date.
    items = after.due_items({"p1": "Board", "p2": "Clinic"})
    assert [(i.entry_id, i.due.earliest, i.label) for i in items] == [
        ("e1", date(2027, 5, 1), "Board: Records release asked")
    ]
    vault.close()


def test_deleting_a_place_deletes_its_entries() -> None:
    class Store(dict[tuple[str, str], dict[str, object]]):
        def delete(self, kind: str, record_id: str) -> None:
            del self[(kind, record_id)]

    history = filing.FilingHistory(
        filings=[Filing("p1"), Filing("p2")],
        entries=[FilingEntry("e1", "p1"), FilingEntry("e2", "p2")],
    )
    store = Store({(filing.FILING, "p1"): {}, (filing.FILING, "p2"): {},
                   (filing.FILING_ENTRY, "e1"): {}, (filing.FILING_ENTRY, "e2"): {}})  # fmt: skip
    filing.delete_filing(store, history, "p1")  # type: ignore[arg-type]
    assert set(store) == {(filing.FILING, "p2"), (filing.FILING_ENTRY, "e2")}


def test_the_entry_form_takes_approximate_dates_and_a_future_due_date() -> None:
    form = {
        "when-season": ["spring"], "when-year": ["2027"], "when-circa": ["1"],
        "reply_by-day": ["29"], "reply_by-month": ["2"], "reply_by-year": ["2028"],
        "what": ["A letter"],
    }  # fmt: skip
    submission = filing.read_entry_form(form, today=TODAY)
    assert submission.ok, submission.errors
    entry = filing.entry_from("e1", "p1", submission.values, None)
    assert entry.when == ApproxDate.of_season(2027, "spring", circa=True)
    assert entry.due is not None and entry.due.earliest == date(2028, 2, 29)


def test_the_entry_form_explains_what_it_cannot_read() -> None:
    future_letter = filing.read_entry_form({"when-year": ["2031"]}, today=TODAY)
    assert "in the future" in future_letter.errors[0].message
    words = filing.read_entry_form({"reply_within": ["thirty"]}, today=TODAY)
    assert words.errors[0].field_id == "reply_within"
    assert "digits" in words.errors[0].message
    too_many = filing.read_entry_form(
        {"reply_within": ["500"], "reply_unit": ["months"]}, today=TODAY
    )
    assert "from 1 to 120" in too_many.errors[0].message
    both = filing.read_entry_form({"reply_within": ["30"], "reply_by-year": ["2028"]}, today=TODAY)
    assert "not both" in both.errors[0].message or "clear the other" in both.errors[0].message
    no_day = filing.read_entry_form({"reply_by-day": ["30"], "reply_by-month": ["2"],
                                     "reply_by-year": ["2028"]}, today=TODAY)  # fmt: skip
    assert "February 2028 does not have a day 30" in no_day.errors[0].message


def test_the_sweep_after_unlock_keeps_the_scans_of_letters(tmp_path: Path) -> None:
    from complaint_helper.interview import repository

    vault = Vault(tmp_path / "data", KDF_FLOOR)
    case = vault.create_case("Green folder", PASSPHRASE)
    scan = case.add_attachment(io.BytesIO(SCAN), filename="l.pdf", media_type="application/pdf")
    stray = case.add_attachment(io.BytesIO(SCAN), filename="s.pdf", media_type="application/pdf")
    entry = FilingEntry(
        "e1", "p1", files=[EvidenceFile(scan.attachment_id, "l.pdf", "application/pdf")]
    )
    filing.save_filing(case, Filing("p1"))
    filing.save_entry(case, entry)
    scans = filing.listed_attachments(case)
    assert scans == {scan.attachment_id}
    assert repository.sweep_unreferenced_files(case, also_listed=scans) == 1
    assert [a.attachment_id for a in case.attachments()] == [scan.attachment_id]
    assert stray.attachment_id not in {a.attachment_id for a in case.attachments()}
    vault.close()


def test_a_tampered_entry_is_reported_and_keeps_every_scan_from_the_sweep(tmp_path: Path) -> None:
    from complaint_helper.interview import repository
    from tests.vault.rows import envelope_of, set_envelope

    data_dir = tmp_path / "data"
    vault = Vault(data_dir, KDF_FLOOR)
    case = vault.create_case("Green folder", PASSPHRASE)
    scan = case.add_attachment(io.BytesIO(SCAN), filename="l.pdf", media_type="application/pdf")
    filing.save_filing(case, Filing("p1", reference="R-1"))
    filing.save_entry(
        case,
        FilingEntry("e1", "p1", files=[EvidenceFile(scan.attachment_id, "l.pdf", "")]),
    )
    filing.save_entry(case, FilingEntry("e2", "p1", what="Still readable"))
    envelope = bytearray(envelope_of(data_dir, case, filing.FILING_ENTRY, "e1"))
    envelope[-5] ^= 0x01
    set_envelope(data_dir, case, filing.FILING_ENTRY, "e1", bytes(envelope))
    history = filing.load_history(case)
    assert [(d.kind, d.record_id) for d in history.damaged] == [(filing.FILING_ENTRY, "e1")]
    assert [e.what for e in history.entries] == ["Still readable"]
    assert history.filings[0].reference == "R-1"
    # The scan the damaged entry listed cannot be told apart from an orphan: nothing is swept.
    assert filing.listed_attachments(case) is None
    assert [a.attachment_id for a in case.attachments()] == [scan.attachment_id]
    assert repository.load_answers(case).damaged == []  # the interview is not affected
    vault.close()
