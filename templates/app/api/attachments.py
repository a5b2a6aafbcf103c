"""Files attached to notes. The bytes go straight between the browser and the bucket."""

import uuid
from typing import Any

from fastapi import APIRouter, HTTPException, status
from sqlalchemy.orm import Session

from app.api.notes import owned_note
from app.dependencies import CurrentUser, JobsDep, SessionDep, SettingsDep, StorageDep
from app.models import Attachment, AttachmentStatus, User
from app.schemas.attachments import (
    AttachmentCreate,
    AttachmentOut,
    AttachmentUpload,
    DownloadLink,
    UploadInstructions,
)

router = APIRouter(prefix="/api/notes/{note_id}/attachments", tags=["attachments"])

NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"description": "No such note or attachment of yours"}
}


def owned_attachment(session: Session, user: User, note_id: int, attachment_id: int) -> Attachment:
    note = owned_note(session, user, note_id)
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.note_id != note.id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Attachment not found")
    return attachment


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={
        **NOT_FOUND,
        413: {"description": "Too large"},
        415: {"description": "Type not allowed"},
    },
)
def create_attachment(
    note_id: int,
    body: AttachmentCreate,
    user: CurrentUser,
    session: SessionDep,
    settings: SettingsDep,
    storage: StorageDep,
) -> AttachmentUpload:
    """Reserve an attachment and get a presigned request that uploads its bytes."""
    note = owned_note(session, user, note_id)
    if body.size > settings.max_upload_bytes:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"Files are limited to {settings.max_upload_bytes} bytes",
        )
    if body.content_type not in settings.allowed_upload_types:
        raise HTTPException(
            status.HTTP_415_UNSUPPORTED_MEDIA_TYPE,
            f"Allowed types: {', '.join(settings.allowed_upload_types)}",
        )
    attachment = Attachment(
        note_id=note.id,
        object_key=f"attachments/{uuid.uuid4()}",
        filename=body.filename,
        content_type=body.content_type,
        size=body.size,
        status=AttachmentStatus.PENDING,
    )
    session.add(attachment)
    session.commit()
    upload = storage.presign_upload(attachment.object_key, attachment.content_type, attachment.size)
    return AttachmentUpload(
        attachment=AttachmentOut.model_validate(attachment),
        upload=UploadInstructions(
            method="PUT", url=upload.url, headers=upload.headers, fields=upload.fields
        ),
    )


@router.post(
    "/{attachment_id}/complete", responses={**NOT_FOUND, 409: {"description": "Not uploaded"}}
)
def complete_upload(
    note_id: int,
    attachment_id: int,
    user: CurrentUser,
    session: SessionDep,
    storage: StorageDep,
    jobs: JobsDep,
) -> AttachmentOut:
    """Confirm the upload; processing (checksum) runs on the worker, or inline without one."""
    attachment = owned_attachment(session, user, note_id, attachment_id)
    if attachment.status == AttachmentStatus.PENDING:
        stored_size = storage.object_size(attachment.object_key)
        if stored_size != attachment.size:
            raise HTTPException(
                status.HTTP_409_CONFLICT, "The file has not been uploaded with its declared size"
            )
        attachment.status = AttachmentStatus.UPLOADED
        session.commit()
        jobs.process_attachment(session, attachment.id)
        session.refresh(attachment)
    return AttachmentOut.model_validate(attachment)


@router.get(
    "/{attachment_id}/download", responses={**NOT_FOUND, 409: {"description": "Not uploaded"}}
)
def download_attachment(
    note_id: int, attachment_id: int, user: CurrentUser, session: SessionDep, storage: StorageDep
) -> DownloadLink:
    attachment = owned_attachment(session, user, note_id, attachment_id)
    if attachment.status == AttachmentStatus.PENDING:
        raise HTTPException(status.HTTP_409_CONFLICT, "The file has not been uploaded yet")
    return DownloadLink(url=storage.presign_download(attachment.object_key, attachment.filename))


@router.delete("/{attachment_id}", status_code=status.HTTP_204_NO_CONTENT, responses=NOT_FOUND)
def delete_attachment(
    note_id: int, attachment_id: int, user: CurrentUser, session: SessionDep, storage: StorageDep
) -> None:
    attachment = owned_attachment(session, user, note_id, attachment_id)
    session.delete(attachment)
    session.commit()
    storage.delete(attachment.object_key)
