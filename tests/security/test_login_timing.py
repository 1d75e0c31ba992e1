"""A made-up user name costs the same password hash check as a real one, so the time a
login takes does not tell which names exist.

Timing itself is not measured (shared machines are noisy): a spy counts the calls to the
real hash check and records which hashing method each used.
"""

import pytest
import werkzeug.security
from sqlalchemy import select

from collector.auth import passwords
from collector.auth.models import Role, User
from collector.extensions import db


@pytest.fixture
def hash_checks(monkeypatch) -> list[str]:
    """The stored hashes the login checked, in order; the real check still runs."""
    seen: list[str] = []

    def spy(stored: str, password: str) -> bool:
        seen.append(stored)
        return werkzeug.security.check_password_hash(stored, password)

    monkeypatch.setattr(passwords, "check_password_hash", spy)
    return seen


def hashing_method(stored: str) -> str:
    return stored.split("$", 1)[0]


def test_unknown_user_name_costs_one_hash_check_like_a_real_one(
    app, client, auth, make_user, hash_checks
):
    make_user("anna")
    auth.login("anna", "wrong password")
    auth.login("nobody-by-this-name", "wrong password")

    assert len(hash_checks) == 2
    assert hashing_method(hash_checks[1]) == hashing_method(hash_checks[0])
    assert hashing_method(hash_checks[1]).startswith(app.config["PASSWORD_HASH_METHOD"])


def test_switched_off_account_costs_a_hash_check_and_is_refused(
    app, client, auth, make_user, hash_checks
):
    make_user("vera", Role.INTERVIEWER)
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "vera")).active = False
        db.session.commit()

    response = auth.login("vera")

    assert response.status_code == 401
    assert len(hash_checks) == 1
