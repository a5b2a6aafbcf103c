from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import PasswordResetToken, User
from app.password_reset import purge_tokens


def test_purge_removes_only_old_tokens(db_session: Session) -> None:
    user = User(email="purge@example.com", display_name="P", password_hash="x")
    db_session.add(user)
    db_session.flush()
    now = datetime.now(UTC)
    db_session.add_all(
        [
            PasswordResetToken(
                user_id=user.id, token_hash="a" * 64, expires_at=now - timedelta(days=2)
            ),
            PasswordResetToken(
                user_id=user.id,
                token_hash="b" * 64,
                expires_at=now + timedelta(hours=1),
                used_at=now - timedelta(days=2),
            ),
            PasswordResetToken(
                user_id=user.id, token_hash="c" * 64, expires_at=now + timedelta(hours=1)
            ),
        ]
    )
    db_session.commit()
    assert purge_tokens(db_session) == 2
    remaining = db_session.scalar(select(func.count()).select_from(PasswordResetToken))
    assert remaining == 1
