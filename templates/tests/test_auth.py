import logging
import re
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from argon2.profiles import RFC_9106_LOW_MEMORY
from fastapi.testclient import TestClient
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app import security
from app.models import PasswordResetToken, User
from app.security import create_session_token, read_session_token, verify_password
from app.settings import Settings
from tests.helpers import PASSWORD, ClientFactory, register


def test_register_signs_in_with_a_secure_cookie(client: TestClient) -> None:
    response = client.post(
        "/api/auth/register",
        json={"email": "Ada@Example.com", "password": PASSWORD, "display_name": " Ada "},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["user"]["email"] == "ada@example.com"
    assert body["user"]["display_name"] == "Ada"
    assert set(body["user"]) == {"id", "email", "display_name", "created_at"}
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"session={body['access_token']};")
    for attribute in ("HttpOnly", "Secure", "SameSite=lax", "Path=/"):
        assert attribute.lower() in cookie.lower()
    assert client.get("/api/auth/me").json()["email"] == "ada@example.com"


def test_emails_are_unique_case_insensitively(make_client: ClientFactory) -> None:
    register(make_client(), "grace@example.com")
    response = make_client().post(
        "/api/auth/register",
        json={"email": "GRACE@example.com", "password": PASSWORD, "display_name": "G"},
    )
    assert response.status_code == 409


def test_bad_fields_are_422_with_field_errors_and_no_echo(client: TestClient) -> None:
    response = client.post(
        "/api/auth/register",
        json={"email": "not-an-email", "password": "tiny1", "display_name": ""},
    )
    assert response.status_code == 422
    errors = response.json()["detail"]
    assert {tuple(error["loc"]) for error in errors} == {
        ("body", "email"),
        ("body", "password"),
        ("body", "display_name"),
    }
    assert all(set(error) == {"loc", "msg", "type"} for error in errors)
    assert "tiny1" not in response.text


def test_malformed_json_is_422(client: TestClient) -> None:
    response = client.post(
        "/api/auth/login", content=b'{"email": ', headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"


def test_oversized_bodies_are_refused(client: TestClient) -> None:
    response = client.post(
        "/api/auth/login",
        content=b'{"email": "' + b"a" * 100_000 + b'"}',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413


def test_login_with_cookie_or_bearer(make_client: ClientFactory) -> None:
    register(make_client(), "lin@example.com")
    client = make_client()
    wrong = client.post("/api/auth/login", json={"email": "lin@example.com", "password": "nope"})
    assert wrong.status_code == 401
    unknown = client.post("/api/auth/login", json={"email": "who@example.com", "password": "nope"})
    assert unknown.status_code == 401
    assert client.get("/api/auth/me").status_code == 401
    response = client.post(
        "/api/auth/login", json={"email": "LIN@example.com", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert client.get("/api/auth/me").status_code == 200
    token = response.json()["access_token"]
    api_client = make_client()
    me = api_client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["email"] == "lin@example.com"


def test_invalid_tokens_are_401(client: TestClient, settings: Settings) -> None:
    expired = create_session_token(1, 1, settings.session_secret, max_age=-10)
    forged = create_session_token(1, 1, "another-secret-that-is-long-enough!!", max_age=60)
    for token in (expired, forged, "not-a-jwt"):
        response = client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
    assert read_session_token("not-a-jwt", settings.session_secret) is None


def test_logout_clears_the_cookie(user_client: TestClient) -> None:
    response = user_client.post("/api/auth/logout")
    assert response.status_code == 204
    assert 'session=""' in response.headers["set-cookie"]
    assert user_client.get("/api/auth/me").status_code == 401


def test_password_change_ends_other_sessions(make_client: ClientFactory) -> None:
    client = make_client()
    register(client, "pat@example.com")
    old_token = client.cookies["session"]
    wrong = client.post(
        "/api/auth/password", json={"current_password": "wrong", "new_password": "new password 1"}
    )
    assert wrong.status_code == 400
    changed = client.post(
        "/api/auth/password", json={"current_password": PASSWORD, "new_password": "new password 1"}
    )
    assert changed.status_code == 204
    assert client.get("/api/auth/me").status_code == 200
    other = make_client()
    assert (
        other.get("/api/auth/me", headers={"Authorization": f"Bearer {old_token}"}).status_code
        == 401
    )
    login = other.post(
        "/api/auth/login", json={"email": "pat@example.com", "password": "new password 1"}
    )
    assert login.status_code == 200


def emails(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Texts of the emails the console provider logged."""
    return [str(r.__dict__["email_text"]) for r in caplog.records if r.name == "app.email.console"]


def reset_link(caplog: pytest.LogCaptureFixture) -> str:
    texts = emails(caplog)
    match = re.search(r"https://testserver/reset-password\?token=(\S+)", "\n".join(texts))
    assert match is not None, "no reset email was logged"
    return match.group(1)


def test_password_reset_by_emailed_single_use_token(
    make_client: ClientFactory, caplog: pytest.LogCaptureFixture
) -> None:
    register(make_client(), "rose@example.com")
    client = make_client()
    caplog.set_level(logging.INFO, logger="app.email.console")
    assert (
        client.post(
            "/api/auth/password-reset/request", json={"email": "nobody@example.com"}
        ).status_code
        == 202
    )
    assert emails(caplog) == []
    assert (
        client.post(
            "/api/auth/password-reset/request", json={"email": "Rose@example.com"}
        ).status_code
        == 202
    )
    token = reset_link(caplog)

    confirm = {"token": token, "new_password": "brand new password"}
    assert client.post("/api/auth/password-reset/confirm", json=confirm).status_code == 204
    assert client.post("/api/auth/password-reset/confirm", json=confirm).status_code == 400
    login = client.post(
        "/api/auth/login", json={"email": "rose@example.com", "password": "brand new password"}
    )
    assert login.status_code == 200


def test_a_newer_or_expired_reset_token_replaces_the_old_one(
    make_client: ClientFactory, caplog: pytest.LogCaptureFixture, db_session: Session
) -> None:
    register(make_client(), "ivy@example.com")
    client = make_client()
    caplog.set_level(logging.INFO, logger="app.email.console")
    client.post("/api/auth/password-reset/request", json={"email": "ivy@example.com"})
    first = reset_link(caplog)
    caplog.clear()
    client.post("/api/auth/password-reset/request", json={"email": "ivy@example.com"})
    second = reset_link(caplog)
    confirm = client.post(
        "/api/auth/password-reset/confirm", json={"token": first, "new_password": "x" * 10}
    )
    assert confirm.status_code == 400

    db_session.execute(
        update(PasswordResetToken).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    confirm = client.post(
        "/api/auth/password-reset/confirm", json={"token": second, "new_password": "x" * 10}
    )
    assert confirm.status_code == 400
    user = db_session.scalars(select(User).where(User.email == "ivy@example.com")).one()
    assert verify_password(user.password_hash, PASSWORD)


def test_login_is_rate_limited_per_client_ip(
    make_client: ClientFactory, settings: Settings
) -> None:
    client = make_client()
    attempt = {"email": "brute@example.com", "password": "guess"}
    for _ in range(settings.login_rate_limit):
        assert client.post("/api/auth/login", json=attempt).status_code == 401
    limited = client.post("/api/auth/login", json=attempt)
    assert limited.status_code == 429
    assert 0 < int(limited.headers["retry-after"]) <= settings.rate_limit_window_seconds
    assert make_client().post("/api/auth/login", json=attempt).status_code == 401


def test_password_reset_requests_are_rate_limited(
    make_client: ClientFactory, settings: Settings
) -> None:
    client = make_client()
    for _ in range(settings.password_reset_rate_limit):
        response = client.post("/api/auth/password-reset/request", json={"email": "a@example.com"})
        assert response.status_code == 202
    limited = client.post("/api/auth/password-reset/request", json={"email": "a@example.com"})
    assert limited.status_code == 429


def test_forwarded_for_from_a_trusted_proxy_sets_the_client(
    make_client: ClientFactory, settings: Settings
) -> None:
    proxy = TestClient(make_client().app, base_url="https://testserver", client=("10.9.8.7", 4000))
    attempt = {"email": "brute@example.com", "password": "guess"}
    for _ in range(settings.login_rate_limit):
        proxy.post("/api/auth/login", json=attempt, headers={"X-Forwarded-For": "192.0.2.10"})
    limited = proxy.post("/api/auth/login", json=attempt, headers={"X-Forwarded-For": "192.0.2.10"})
    assert limited.status_code == 429
    other = proxy.post("/api/auth/login", json=attempt, headers={"X-Forwarded-For": "192.0.2.11"})
    assert other.status_code == 401


def test_production_hashing_is_argon2id_with_rfc_9106_parameters() -> None:
    production = security.PasswordHashing(PasswordHasher())
    parameters = production.hasher
    assert (parameters.time_cost, parameters.memory_cost, parameters.parallelism) == (
        RFC_9106_LOW_MEMORY.time_cost,
        RFC_9106_LOW_MEMORY.memory_cost,
        RFC_9106_LOW_MEMORY.parallelism,
    )
    assert production.dummy_hash.startswith("$argon2id$")


def test_login_upgrades_hashes_made_with_other_parameters(
    make_client: ClientFactory, db_session: Session
) -> None:
    register(make_client(), "old@example.com")
    user = db_session.scalars(select(User).where(User.email == "old@example.com")).one()
    user.password_hash = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash(PASSWORD)
    db_session.commit()
    login = make_client().post(
        "/api/auth/login", json={"email": "old@example.com", "password": PASSWORD}
    )
    assert login.status_code == 200
    db_session.refresh(user)
    assert not security.password_needs_rehash(user.password_hash)
    assert verify_password(user.password_hash, PASSWORD)
