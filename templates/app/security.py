"""Password hashing (argon2id) and signed session tokens (JWT, HS256)."""

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_ALGORITHM = "HS256"


class PasswordHashing:
    def __init__(self, hasher: PasswordHasher) -> None:
        self.hasher = hasher
        # Verified when the email is unknown, so both cases take the same time.
        self.dummy_hash = hasher.hash(secrets.token_hex(16))


# argon2id with argon2-cffi's default (RFC 9106 low-memory) parameters.
passwords = PasswordHashing(PasswordHasher())


def hash_password(password: str) -> str:
    return passwords.hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        verified = passwords.hasher.verify(password_hash or passwords.dummy_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    return verified and password_hash is not None


def password_needs_rehash(password_hash: str) -> bool:
    return passwords.hasher.check_needs_rehash(password_hash)


def create_session_token(user_id: int, session_version: int, secret: str, max_age: int) -> str:
    now = datetime.now(UTC)
    claims = {
        "sub": str(user_id),
        "ver": session_version,
        "iat": now,
        "exp": now + timedelta(seconds=max_age),
    }
    return jwt.encode(claims, secret, algorithm=_ALGORITHM)


def read_session_token(token: str, secret: str) -> tuple[int, int] | None:
    """The (user id, session version) a valid token carries, or None."""
    try:
        claims = jwt.decode(
            token, secret, algorithms=[_ALGORITHM], options={"require": ["sub", "ver", "exp"]}
        )
        return int(claims["sub"]), int(claims["ver"])
    except (jwt.InvalidTokenError, ValueError, TypeError):
        return None


def new_reset_token() -> tuple[str, str]:
    """A random token for the email link, and the hash that is stored instead of it."""
    token = secrets.token_urlsafe(32)
    return token, hash_reset_token(token)


def hash_reset_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
