"""Support services the app points to: the one definition the pages and the document read.

Each entry carries where it was checked and when. A service is listed only if its own site confirmed
it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SupportService:
    name: str
    what: str
    url: str | None
    phone: str | None
    phone_href: str | None
    source_url: str
    checked_on: date


SUPPORT_SERVICES: tuple[SupportService, ...] = (
    SupportService(
        name="TELL (Therapy Exploitation Link Line)",
        what="Support and resources for people exploited by a therapist or other health worker.",
        # The stored copy of TELL's own site was served over http; no https copy was seen.
        url="http://therapyabuse.org/",
        phone=None,
        phone_href=None,
        source_url="http://therapyabuse.org/about_us.htm",
        checked_on=date(2026, 11, 22),
    ),
    SupportService(
        name="RAINN National Sexual Assault Hotline",
        what="Free, confidential support, day and night, from a local sexual assault service.",
        url="https://rainn.org/get-help/national-sexual-assault-hotline",
        phone="800-656-4673 (800-656-HOPE)",
        phone_href="tel:+18006564673",
        source_url="https://rainn.org/get-help/national-sexual-assault-hotline",
        checked_on=date(2026, 11, 22),
    ),
)
