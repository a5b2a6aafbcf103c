"""Accounts and sessions. Browsers get the session as a cookie, API clients as a bearer token."""

import logging

from fastapi import APIRouter, HTTPException, Response, status
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app import password_reset
from app.dependencies import (
    SESSION_COOKIE,
    CurrentUser,
    JobsDep,
    SessionDep,
    SettingsDep,
    rate_limited,
)
from app.email import messages
from app.models import User
from app.schemas.auth import (
    LoginRequest,
    PasswordChangeRequest,
    PasswordResetConfirm,
    PasswordResetRequest,
    RegisterRequest,
    SessionOut,
    UserOut,
)
from app.security import create_session_token, hash_password, password_needs_rehash, verify_password
from app.settings import Settings

router = APIRouter(prefix="/api/auth", tags=["auth"])
log = logging.getLogger(__name__)


def _start_session(response: Response, user: User, settings: Settings) -> SessionOut:
    token = create_session_token(
        user.id, user.session_version, settings.session_secret, settings.session_max_age_seconds
    )
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=settings.session_max_age_seconds,
        path="/",
        secure=True,
        httponly=True,
        samesite="lax",
    )
    return SessionOut(access_token=token, user=UserOut.model_validate(user))


@router.post("/register", status_code=status.HTTP_201_CREATED)
def register(
    body: RegisterRequest, response: Response, session: SessionDep, settings: SettingsDep
) -> SessionOut:
    user = User(
        email=body.email, display_name=body.display_name, password_hash=hash_password(body.password)
    )
    session.add(user)
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(
            status.HTTP_409_CONFLICT, "An account with this email already exists"
        ) from None
    return _start_session(response, user, settings)


@router.post(
    "/login",
    dependencies=[rate_limited("login", lambda settings: settings.login_rate_limit)],
    responses={
        401: {"description": "Wrong email or password"},
        429: {"description": "Rate limited"},
    },
)
def login(
    body: LoginRequest, response: Response, session: SessionDep, settings: SettingsDep
) -> SessionOut:
    user = session.scalars(select(User).where(User.email == body.email)).first()
    if not verify_password(user.password_hash if user else None, body.password) or user is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "Wrong email or password")
    if password_needs_rehash(user.password_hash):
        user.password_hash = hash_password(body.password)
        session.commit()
    return _start_session(response, user, settings)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True, samesite="lax")


@router.get("/me", responses={401: {"description": "Not signed in"}})
def me(user: CurrentUser) -> UserOut:
    return UserOut.model_validate(user)


@router.post("/password", status_code=status.HTTP_204_NO_CONTENT)
def change_password(
    body: PasswordChangeRequest,
    response: Response,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
) -> None:
    """Other sessions end; this one continues with a fresh cookie."""
    if not verify_password(user.password_hash, body.current_password):
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "The current password is wrong")
    user.password_hash = hash_password(body.new_password)
    user.session_version += 1
    session.commit()
    _start_session(response, user, settings)


@router.post(
    "/password-reset/request",
    status_code=status.HTTP_202_ACCEPTED,
    dependencies=[
        rate_limited("password-reset", lambda settings: settings.password_reset_rate_limit)
    ],
)
def request_password_reset(
    body: PasswordResetRequest, session: SessionDep, settings: SettingsDep, jobs: JobsDep
) -> None:
    """Always 202, whether or not the address has an account."""
    user = session.scalars(select(User).where(User.email == body.email)).first()
    if user is None:
        return
    token = password_reset.issue_token(session, user, settings.password_reset_max_age_seconds)
    link = f"https://{settings.app_domain}/reset-password?token={token}"
    message = messages.password_reset(
        user.email, link, valid_minutes=settings.password_reset_max_age_seconds // 60
    )
    try:
        jobs.send_email(message)
    except Exception:
        # The answer must not reveal that the address exists; the log says what failed.
        log.exception("password reset email to user %s failed", user.id)


@router.post("/password-reset/confirm", status_code=status.HTTP_204_NO_CONTENT)
def confirm_password_reset(body: PasswordResetConfirm, session: SessionDep) -> None:
    if not password_reset.redeem_token(session, body.token, body.new_password):
        raise HTTPException(
            status.HTTP_400_BAD_REQUEST, "This reset link is invalid, used or expired"
        )
