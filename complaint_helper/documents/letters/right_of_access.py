"""The HIPAA right of access (45 CFR 164.524): each fact a records request states, with its source.

The one place these facts live. Each was read on the U.S. Department of Health and Human Services'
own pages (hhs.gov, its HIPAA FAQs) on the day in `checked_on`; where the stored copy of the page
was HHS's own web archive rather than the live page, `read_at` names the archived copy that was
read. The letter cites `source.url`, the hhs.gov page itself.

Left out, because no hhs.gov or eCFR copy could be read to confirm it (never guessed): the one
extension of 30 more days that 45 CFR 164.524(b)(2) is commonly said to allow. Add it here, with
its source, once it has been read at hhs.gov or ecfr.gov.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from complaint_helper.boards import Source

FactKey = Literal["right", "thirty_days", "form_and_format", "fee", "psychotherapy_notes", "why"]

CHECKED_ON: Final = date(2026, 12, 4)
_FAQ = "https://www.hhs.gov/hipaa/for-professionals/faq/"
_ARCHIVE = "https://public3.pagefreezer.com"  # HHS's own web archive of hhs.gov


@dataclass(frozen=True)
class AccessFact:
    """One fact of the right of access: the rule it comes from and the page that says it."""

    key: FactKey
    rule: str
    # What the page says, in short (for people checking this file; the letters word it themselves).
    says: str
    source: Source
    read_at: str  # the copy that was read: the page itself, or HHS's archived copy of it


_2042 = "2042/what-personal-health-information-do-individuals/index.html"
_ARCHIVED_2042 = (
    f"{_ARCHIVE}/content/HHS.gov/17-08-2021T06:42/https:/www.hhs.gov/hipaa/for-professionals/faq/"
    + _2042
)

RIGHT_OF_ACCESS: Final[dict[FactKey, AccessFact]] = {
    fact.key: fact
    for fact in (
        AccessFact(
            "right",
            "45 CFR 164.524(a)(1)",
            "With limited exceptions, individuals have the right to access, upon request, the "
            "health information about them in the designated record sets of their health care "
            "providers: medical records, billing and payment records, clinical case notes.",
            Source(_FAQ + _2042, CHECKED_ON),
            _ARCHIVED_2042,
        ),
        AccessFact(
            "psychotherapy_notes",
            "45 CFR 164.524(a)(1)(i)",
            "The right covers notes such as clinical case notes, but not psychotherapy notes.",
            Source(_FAQ + _2042, CHECKED_ON),
            _ARCHIVED_2042,
        ),
        AccessFact(
            "thirty_days",
            "45 CFR 164.524(b)(2)",
            "HIPAA gives covered entities 30 days to respond to individuals' requests for access; "
            "30 days is the outer limit.",
            Source(
                _FAQ + "2052/why-does-hipaa-give-covered-entities-30-days/index.html", CHECKED_ON
            ),
            f"{_ARCHIVE}:443/content/HHS.gov/17-08-2021T06:42/https://www.hhs.gov/hipaa/"
            "for-professionals/faq/2052/why-does-hipaa-give-covered-entities-30-days/index.html",
        ),
        AccessFact(
            "form_and_format",
            "45 CFR 164.524(c)(2)",
            "The covered entity must provide access in the form and format requested by the "
            "individual, if it is readily producible in that form and format, or else in a "
            "readable form agreed with the individual.",
            Source(
                _FAQ + "2054/under-the-hipaa-privacy-rule-do-individuals/index.html", CHECKED_ON
            ),
            f"{_ARCHIVE}:443/content/HHS.gov/31-12-2020T08:51/https://www.hhs.gov/hipaa/"
            "for-professionals/faq/2054/under-the-hipaa-privacy-rule-do-individuals/index.html",
        ),
        AccessFact(
            "fee",
            "45 CFR 164.524(c)(4)",
            "A covered entity may charge a reasonable, cost-based fee for a copy, covering only "
            "certain labor, supply and postage costs, and must be prepared to say the "
            "approximate fee in advance.",
            Source(
                _FAQ + "2029/how-can-covered-entities-calculate-the-limited-fee/index.html",
                CHECKED_ON,
            ),
            _FAQ + "2029/how-can-covered-entities-calculate-the-limited-fee/index.html",
        ),
        AccessFact(
            "why",
            "45 CFR 164.524",
            "Individuals are not required to state their purpose for requesting access.",
            Source(
                _FAQ + "2058/does-an-individual-have-a-right-under-hipaa/index.html", CHECKED_ON
            ),
            f"{_ARCHIVE}/content/HHS.gov/17-08-2021T06:42/https:/www.hhs.gov/hipaa/"
            "for-professionals/faq/2058/does-an-individual-have-a-right-under-hipaa/"
            "index.html?language=en",
        ),
    )
}
