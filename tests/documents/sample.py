"""Write Maya's sample board draft, the README's picture: `python -m tests.documents.sample OUT`.

The picture in docs/images/sample-complaint-page1.png is page 1 of this file:
`pdftoppm -png -r 80 -f 1 -l 1 OUT.pdf docs/images/sample-complaint-page1 -singlefile`.
Uses the shipped board directory and citations through documents.downloads, the way the app
makes the draft, so the sample shows what the app really prints.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from complaint_helper.documents.downloads import build_download, routing_for
from complaint_helper.documents.pdf import render_complaint_pdf
from complaint_helper.interview.model import Answers, EvidenceFile
from tests.stories import make_maya

SAMPLE_DAY = date(2026, 11, 22)


def maya_sample() -> Answers:
    answers = make_maya()
    screenshots = answers.evidence[0]
    screenshots.files = [
        EvidenceFile(
            "0" * 32,
            filename="text-messages-2021-2022.pdf",
            size=4_718_592,
            sha256="9f2c4e7a1b3d5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4",
        )
    ]
    routing = routing_for(answers)
    assert routing is not None  # Maya's state is known
    answers.chosen_boards = [routed.board.id for routed in routing.boards]
    return answers


def sample_pdf() -> bytes:
    return render_complaint_pdf(build_download("board", maya_sample(), SAMPLE_DAY))


if __name__ == "__main__":
    Path(sys.argv[1]).write_bytes(sample_pdf())
