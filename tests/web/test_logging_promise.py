"""The logging promise: a failure is logged by type only, never with the person's words.

Fault injection, because no real input is known to make the PDF renderer fail: the renderer is
wrapped so that it fails exactly when the document holds a canary answer, with the canary in the
error's message and in the exception it was raised from (as a real layout error quoting a paragraph
would). Every log record made during the request, its message, arguments and any traceback
formatted from it, must be free of the canary, while the failure itself is still logged.
"""

from __future__ import annotations

import logging
from typing import Any

import pytest

from complaint_helper.documents.downloads import render
from complaint_helper.documents.model import Document
from complaint_helper.interview import repository
from complaint_helper.web import documents as documents_web
from tests.stories import make_maya

CANARY = "Canary-5c1e9b7d-words-only-the-person-typed"


def _everything_in(record: logging.LogRecord) -> str:
    parts = [record.getMessage(), repr(record.args), record.stack_info or ""]
    if record.exc_info:
        parts.append(logging.Formatter().formatException(record.exc_info))
    if record.exc_text:
        parts.append(record.exc_text)
    return "\n".join(parts)


@pytest.mark.parametrize("kind", ["board", "board&variant=anonymous"])
def test_a_failed_document_logs_its_type_and_never_the_canary_answer(
    case_client: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, kind: str
) -> None:
    real_render = render

    def fails_on_the_canary(document: Document, extension: str) -> bytes:
        text = document.plain_text()
        if CANARY not in text:
            return real_render(document, extension)
        line = next(line for line in text.splitlines() if CANARY in line)
        try:
            raise KeyError(line)
        except KeyError as inner:
            raise ValueError(f"could not lay out the paragraph {line!r}") from inner

    monkeypatch.setattr(documents_web, "render", fails_on_the_canary)
    answers = make_maya()
    answers.set("professional", "name", f"Dr {CANARY}")
    answers.set("professional", "practice_name", f"The {CANARY} practice")
    repository.save_answers(case_client.case, answers)

    caplog.set_level(logging.DEBUG)
    response = case_client.get(f"/case/document/download?kind={kind}")

    assert response.status_code == 500
    assert CANARY not in response.get_data(as_text=True)
    records = caplog.records
    assert records, "the failure was not logged"
    for record in records:
        assert CANARY not in _everything_in(record), record.name
        assert record.exc_info is None, record.name
    assert any("ValueError <- KeyError" in record.getMessage() for record in records)
