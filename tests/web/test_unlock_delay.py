"""A growing wait after wrong passphrases, per case: refused at once while it lasts (nothing
sleeps), said plainly, cleared by the right passphrase, and another case is not held up."""

from __future__ import annotations

import re

from flask import Flask

from complaint_helper.vault import Vault
from complaint_helper.web.app_state import state_of
from complaint_helper.web.session import UnlockThrottle
from tests.conftest import PASSPHRASE, AppClient

WRONG = "not the passphrase at all"


def throttle_of(app: Flask) -> UnlockThrottle:
    return state_of(app).unlock_throttle


def wait_in(page: str) -> int:
    found = re.search(r"please wait (\d+) seconds? before trying again", page)
    assert found, "no wait is mentioned"
    return int(found.group(1))


def test_wrong_passphrases_make_the_next_attempt_wait_longer_and_longer(
    app: Flask, client: AppClient
) -> None:
    vault: Vault = state_of(app).vault
    case = vault.create_case("Blue notebook", PASSPHRASE)
    case.lock()
    other = vault.create_case("Other", PASSPHRASE)
    other.lock()
    url = f"/cases/{case.case_id}/unlock"
    throttle = throttle_of(app)

    for _ in range(UnlockThrottle.FREE_ATTEMPTS - 1):
        response = client.submit(url, {"passphrase": WRONG})
        assert response.status_code == 400
        assert "please wait" not in response.get_data(as_text=True)

    waits = []
    for _ in range(3):
        response = client.submit(url, {"passphrase": WRONG})
        assert response.status_code == 400
        waits.append(wait_in(response.get_data(as_text=True)))
        # While the wait lasts even the right passphrase is not tried: refused at once.
        refused = client.submit(url, {"passphrase": PASSPHRASE})
        assert refused.status_code == 429
        assert wait_in(refused.get_data(as_text=True)) <= waits[-1]
        assert "Blue notebook" in refused.get_data(as_text=True)
        throttle.rewind(case.case_id, UnlockThrottle.LONGEST_WAIT_SECONDS)
    assert waits[0] >= UnlockThrottle.FIRST_WAIT_SECONDS
    assert waits[0] < waits[1] < waits[2]

    # Another case is not held up by this one's wait.
    other_url = f"/cases/{other.case_id}/unlock"
    assert client.submit(other_url, {"passphrase": PASSPHRASE}).status_code == 303
    # The right passphrase, once the wait is over, opens the case and clears the count.
    assert client.submit(url, {"passphrase": PASSPHRASE}).status_code == 303
    assert throttle.wait_seconds(case.case_id) == 0
    client.submit("/lock")
    response = client.submit(url, {"passphrase": WRONG})
    assert "please wait" not in response.get_data(as_text=True)


def test_the_wait_is_said_in_minutes_when_it_is_long(app: Flask, client: AppClient) -> None:
    vault: Vault = state_of(app).vault
    case = vault.create_case("Blue notebook", PASSPHRASE)
    case.lock()
    throttle = throttle_of(app)
    for _ in range(UnlockThrottle.FREE_ATTEMPTS + 6):
        throttle.failed(case.case_id)
    response = client.submit(f"/cases/{case.case_id}/unlock", {"passphrase": PASSPHRASE})
    assert response.status_code == 429
    assert "please wait about 5 minutes before trying again" in response.get_data(as_text=True)
