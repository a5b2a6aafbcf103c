from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, EmailStr, Field, StringConstraints

# argon2 has no length limit of its own; the upper bound only stops absurd payloads.
Password = Annotated[str, Field(min_length=8, max_length=1024)]
DisplayName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
# Stored lower-cased: two spellings of one address are one account.
Email = Annotated[EmailStr, Field(max_length=320), AfterValidator(str.lower)]


class RegisterRequest(BaseModel):
    email: Email
    password: Password
    display_name: DisplayName


class LoginRequest(BaseModel):
    email: Email
    password: Annotated[str, Field(max_length=1024)]


class PasswordChangeRequest(BaseModel):
    current_password: Annotated[str, Field(max_length=1024)]
    new_password: Password


class PasswordResetRequest(BaseModel):
    email: Email


class PasswordResetConfirm(BaseModel):
    token: Annotated[str, Field(min_length=1, max_length=200)]
    new_password: Password


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str
    display_name: str
    created_at: datetime


class SessionOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105  # a scheme name, not a secret
    user: UserOut
