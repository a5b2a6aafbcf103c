"""Single-use password reset tokens: issue, redeem, purge."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from app.models import PasswordResetToken, User
from app.security import hash_password, hash_reset_token, new_reset_token

# Used and expired tokens are kept this long (to answer "already used"), then purged.
RETENTION = timedelta(days=1)


def issue_token(session: Session, user: User, max_age_seconds: int) -> str:
    """A new token for `user`; any older unused one stops working."""
    now = datetime.now(UTC)
    session.execute(
        update(PasswordResetToken)
        .where(PasswordResetToken.user_id == user.id, PasswordResetToken.used_at.is_(None))
        .values(used_at=now)
    )
    token, token_hash = new_reset_token()
    session.add(
        PasswordResetToken(
            user_id=user.id,
            token_hash=token_hash,
            expires_at=now + timedelta(seconds=max_age_seconds),
        )
    )
    session.commit()
    return token


def redeem_token(session: Session, token: str, new_password: str) -> bool:
    """Set the new password if the token is valid, unused and unexpired; sign out everywhere."""
    now = datetime.now(UTC)
    reset = session.scalars(
        select(PasswordResetToken)
        .where(PasswordResetToken.token_hash == hash_reset_token(token))
        .with_for_update()
    ).first()
    if reset is None or reset.used_at is not None or reset.expires_at <= now:
        return False
    reset.used_at = now
    reset.user.password_hash = hash_password(new_password)
    reset.user.session_version += 1
    session.commit()
    return True


def purge_tokens(session: Session) -> int:
    """Delete tokens that expired or were used more than RETENTION ago; returns how many."""
    cutoff = datetime.now(UTC) - RETENTION
    purged = session.scalars(
        delete(PasswordResetToken)
        .where(or_(PasswordResetToken.expires_at < cutoff, PasswordResetToken.used_at < cutoff))
        .returning(PasswordResetToken.id)
    ).all()
    session.commit()
    return len(purged)
