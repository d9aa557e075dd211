"""What the documents page says about each letter: its title, one sentence, and its versions'
labels (lazy strings in the `letters` domain, text in the language current where they are shown).

The kind table (documents/downloads.py) holds one row per letter and reads its words from here,
so the letters' words stay in one catalog.
"""

from __future__ import annotations

from typing import Final

from complaint_helper.i18n import lazy_gettext

RECORDS_TITLE: Final = lazy_gettext("Request for your records")
RECORDS_DESCRIPTION: Final = lazy_gettext(
    "A letter asking the practice, clinic or hospital for a copy of your records; it says "
    "nothing about what happened."
)
EMPLOYER_TITLE: Final = lazy_gettext("Complaint to the employer")
EMPLOYER_DESCRIPTION: Final = lazy_gettext(
    "A letter to the clinic, agency, hospital, school or platform the professional worked "
    "through, asking them to look into what happened."
)
LAWYER_TITLE: Final = lazy_gettext("Summary for a lawyer")
LAWYER_DESCRIPTION: Final = lazy_gettext(
    "The facts, dates, evidence and people in one place, with the law of your state where it "
    "is known, to take to a lawyer you choose."
)
POLICE_TITLE: Final = lazy_gettext("Summary for the police")
POLICE_DESCRIPTION: Final = lazy_gettext(
    "What happened in the order an officer reads it, with the law that may make it a crime in "
    "your state."
)
NEW_THERAPIST_TITLE: Final = lazy_gettext("Note for a new therapist")
NEW_THERAPIST_DESCRIPTION: Final = lazy_gettext(
    "A short note you can give a new therapist, if you want to: what happened, in brief, and "
    "what you would like from therapy now."
)

# The versions of a letter that has them (the employer letter, the lawyer and police summaries).
WITH_DETAILS_LABEL: Final = lazy_gettext("With your details")
WITH_DETAILS_HINT: Final = lazy_gettext("With your name and contact details as you gave them.")
# Not "Advocate copy": that is the board draft's own version, and the page names each once.
ADVOCATE_LABEL: Final = lazy_gettext("Review copy")
ADVOCATE_HINT: Final = lazy_gettext(
    "To show an advocate before you send it: names and contact details are withheld, and every "
    "page says it is not for sending."
)
ANONYMOUS_LABEL: Final = lazy_gettext("Without your name")
ANONYMOUS_HINT: Final = lazy_gettext(
    "Blank lines where your name and contact details would go, to fill in by hand or leave blank."
)
