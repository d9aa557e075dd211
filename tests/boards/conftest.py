"""Fixtures for the board directory tests: the shipped directory and a valid record to break."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from complaint_helper.boards import Directory, load_directory


@pytest.fixture(scope="session")
def directory() -> Directory:
    return load_directory()


VALID_DOCUMENT: dict[str, Any] = {
    "state": "WY",
    "state_name": "Wyoming",
    "boards": [
        {
            "id": "wy-example",
            "name": "Example Board of Counseling",
            "professions": {"counselor": ["Licensed Professional Counselor (LPC)"]},
            "degrees": None,
            "official_domains": ["example.wy.gov"],
            "mailing_address": "1 Example Street\nCheyenne, WY 82001",
            "phone": None,
            "email": None,
            "complaint_url": "https://example.wy.gov/complaints",
            "website": None,
            "online_filing": True,
            "license_lookup_url": None,
            "anonymous_complaints": None,
            "anonymous_complaints_words": None,
            "time_limit": None,
            "requires_own_form": None,
            "requires_records_release": None,
            "requires_notarization": None,
            "sources": {
                "name": {"url": "https://example.wy.gov/about", "checked_on": "2026-11-22"},
                "professions": {"url": "https://example.wy.gov/about", "checked_on": "2026-11-22"},
                "mailing_address": {
                    "url": "https://example.wy.gov/complaints",
                    "checked_on": "2026-11-22",
                },
                "complaint_url": {
                    "url": "https://example.wy.gov/complaints",
                    "checked_on": "2026-11-22",
                },
                "online_filing": {
                    "url": "https://www.example.wy.gov/complaints",
                    "checked_on": "2026-11-22",
                },
            },
            "notes": None,
        }
    ],
}


@pytest.fixture
def make_document() -> Callable[[], dict[str, Any]]:
    """A fresh, valid one-board state document that a test may break in one place."""
    return lambda: copy.deepcopy(VALID_DOCUMENT)
