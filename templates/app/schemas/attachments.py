from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

# Path separators and control characters never reach object keys or headers.
Filename = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=255, pattern=r"^[^/\\\x00-\x1f]+$"
    ),
]
ContentType = Annotated[
    str, StringConstraints(strip_whitespace=True, to_lower=True, min_length=3, max_length=100)
]


class AttachmentCreate(BaseModel):
    filename: Filename
    content_type: ContentType
    size: Annotated[int, Field(gt=0)]


class AttachmentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    filename: str
    content_type: str
    size: int
    status: Literal["pending", "uploaded", "ready"]
    sha256: str | None
    created_at: datetime


class UploadInstructions(BaseModel):
    method: Literal["PUT", "POST"]
    url: str
    headers: dict[str, str]
    fields: dict[str, str]


class AttachmentUpload(BaseModel):
    attachment: AttachmentOut
    upload: UploadInstructions


class DownloadLink(BaseModel):
    url: str
