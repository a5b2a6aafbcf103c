"""After an upload: check what arrived and record its checksum."""

import hashlib
import logging

from sqlalchemy.orm import Session

from app.models import Attachment, AttachmentStatus
from app.storage.client import ObjectStorage

log = logging.getLogger(__name__)


def process_attachment(session: Session, storage: ObjectStorage, attachment_id: int) -> None:
    """Hash the stored bytes and mark the attachment ready. Safe to run twice."""
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.status != AttachmentStatus.UPLOADED:
        log.info("attachment %s needs no processing", attachment_id)
        return
    digest = hashlib.sha256()
    size = 0
    for chunk in storage.read_chunks(attachment.object_key):
        digest.update(chunk)
        size += len(chunk)
    if size != attachment.size:
        log.warning("attachment %s has %d bytes, %d declared", attachment_id, size, attachment.size)
        return
    attachment.sha256 = digest.hexdigest()
    attachment.status = AttachmentStatus.READY
    session.commit()
