"""One due date as an iCalendar (.ics) file, made only when the person asks for it (no Flask).

The file holds one all-day event on the due day (the earliest day for an approximate date) and
the title the person chose — nothing else from the case: no description, no place, no names.
It is handed to the browser as a download; nothing is sent or synchronised anywhere.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from complaint_helper.i18n import lazy_gettext
from complaint_helper.interview.due_dates import DueDate

# The title when the person leaves it blank, in the case's language (the .ics follows it).
DEFAULT_TITLE = lazy_gettext("Reminder")
TITLE_LIMIT = 200


def _escape(text: str) -> str:
    """RFC 5545 TEXT: backslash, semicolon and comma escaped; line breaks become spaces."""
    text = " ".join(text.split())
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")


def _fold(line: str) -> list[str]:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    out: list[str] = []
    current = ""
    for char in line:
        limit = 75 if not out else 74
        if len((current + char).encode("utf-8")) > limit:
            out.append(current)
            current = char
        else:
            current += char
    out.append(current)
    return [out[0], *(" " + part for part in out[1:])]


def calendar_file(due: DueDate, title: str, *, uid: str, stamp: datetime) -> bytes:
    """The .ics bytes for one all-day event on `due.earliest` titled `title`."""
    day = due.earliest
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//complaint-helper//due date//EN",
        "CALSCALE:GREGORIAN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp.strftime('%Y%m%dT%H%M%SZ')}",
        f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{_escape(title.strip()[:TITLE_LIMIT] or str(DEFAULT_TITLE))}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    folded = [part for line in lines for part in _fold(line)]
    return ("\r\n".join(folded) + "\r\n").encode("utf-8")
