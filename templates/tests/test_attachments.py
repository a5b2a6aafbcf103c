"""Attachments against the real S3-compatible server: presigned upload, completion, download."""

import hashlib
from typing import Any

import httpx2
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from app.models import Attachment, AttachmentStatus
from app.settings import Settings
from app.storage.client import ObjectStorage
from app.storage.processing import process_attachment
from tests.helpers import ClientFactory, register, s3_admin_client

CONTENT = b"%PDF-1.4 pretend this is a document\n"


def new_note(client: TestClient) -> int:
    response = client.post("/api/notes", json={"title": "With files"})
    note_id: int = response.json()["id"]
    return note_id


def reserve(client: TestClient, note_id: int, **overrides: Any) -> httpx2.Response:
    body = {"filename": "report.pdf", "content_type": "application/pdf", "size": len(CONTENT)}
    response: httpx2.Response = client.post(
        f"/api/notes/{note_id}/attachments", json={**body, **overrides}
    )
    return response


def upload(instructions: dict[str, Any], content: bytes) -> httpx2.Response:
    assert instructions["method"] == "PUT"
    return httpx2.put(instructions["url"], content=content, headers=instructions["headers"])


def object_keys(settings: Settings) -> set[str]:
    listing = s3_admin_client(settings).list_objects_v2(Bucket=settings.s3_bucket)
    return {item["Key"] for item in listing.get("Contents", [])}


def test_upload_complete_download_delete(user_client: TestClient, settings: Settings) -> None:
    note_id = new_note(user_client)
    reserved = reserve(user_client, note_id)
    assert reserved.status_code == 201
    attachment = reserved.json()["attachment"]
    assert attachment["status"] == "pending"
    assert attachment["sha256"] is None
    base = f"/api/notes/{note_id}/attachments/{attachment['id']}"

    assert user_client.get(f"{base}/download").status_code == 409
    assert user_client.post(f"{base}/complete").status_code == 409
    assert upload(reserved.json()["upload"], CONTENT).status_code == 200
    keys = object_keys(settings)

    completed = user_client.post(f"{base}/complete")
    assert completed.status_code == 200
    assert completed.json()["status"] == "ready"
    assert completed.json()["sha256"] == hashlib.sha256(CONTENT).hexdigest()
    assert user_client.post(f"{base}/complete").json()["status"] == "ready"
    note = user_client.get(f"/api/notes/{note_id}").json()
    assert [item["id"] for item in note["attachments"]] == [attachment["id"]]

    link = user_client.get(f"{base}/download").json()["url"]
    downloaded = httpx2.get(link)
    assert downloaded.content == CONTENT
    assert 'filename="report.pdf"' in downloaded.headers["content-disposition"]

    assert user_client.delete(base).status_code == 204
    assert user_client.get(f"{base}/download").status_code == 404
    (deleted_key,) = keys - object_keys(settings)
    assert ObjectStorage(settings).object_size(deleted_key) is None


def test_the_storage_server_refuses_other_sizes_and_types(user_client: TestClient) -> None:
    note_id = new_note(user_client)
    instructions = reserve(user_client, note_id).json()["upload"]
    assert upload(instructions, CONTENT + b"more").status_code == 403
    assert upload(instructions, CONTENT[:-1]).status_code == 403
    wrong_type = {**instructions, "headers": {"Content-Type": "text/html"}}
    assert upload(wrong_type, CONTENT).status_code == 403


def test_size_and_type_limits_are_checked_up_front(
    user_client: TestClient, settings: Settings
) -> None:
    note_id = new_note(user_client)
    too_big = reserve(user_client, note_id, size=settings.max_upload_bytes + 1)
    assert too_big.status_code == 413
    assert reserve(user_client, note_id, content_type="application/x-msdownload").status_code == 415
    bad = reserve(user_client, note_id, filename="../etc/passwd", size=0)
    assert bad.status_code == 422
    assert {tuple(error["loc"]) for error in bad.json()["detail"]} == {
        ("body", "filename"),
        ("body", "size"),
    }


def test_someone_elses_attachment_is_404(make_client: ClientFactory) -> None:
    owner, stranger = make_client(), make_client()
    register(owner)
    register(stranger)
    note_id = new_note(owner)
    attachment_id = reserve(owner, note_id).json()["attachment"]["id"]
    base = f"/api/notes/{note_id}/attachments/{attachment_id}"
    assert stranger.get(f"{base}/download").status_code == 404
    assert stranger.post(f"{base}/complete").status_code == 404
    assert stranger.delete(base).status_code == 404
    assert reserve(stranger, note_id).status_code == 404
    other_note = new_note(owner)
    assert (
        owner.get(f"/api/notes/{other_note}/attachments/{attachment_id}/download").status_code
        == 404
    )


def test_deleting_a_note_deletes_its_objects(user_client: TestClient, settings: Settings) -> None:
    note_id = new_note(user_client)
    reserved = reserve(user_client, note_id).json()
    upload(reserved["upload"], CONTENT)
    keys_before = object_keys(settings)
    assert user_client.delete(f"/api/notes/{note_id}").status_code == 204
    assert len(keys_before - object_keys(settings)) == 1


def test_urls_are_signed_for_the_public_endpoint(settings: Settings) -> None:
    public = ObjectStorage(
        settings.model_copy(update={"s3_public_endpoint": "https://files.example.com"})
    )
    upload_url = public.presign_upload("attachments/x", "text/plain", 5).url
    assert upload_url.startswith(f"https://files.example.com/{settings.s3_bucket}/attachments/x?")
    assert "content-length" in upload_url.lower()
    download = public.presign_download("attachments/x", "naïve résumé.txt")
    assert download.startswith(f"https://files.example.com/{settings.s3_bucket}/attachments/x?")


def test_ready_reports_a_missing_bucket(user_client: TestClient, settings: Settings) -> None:
    app = user_client.app
    original = app.state.storage  # type: ignore[attr-defined]
    app.state.storage = ObjectStorage(settings.model_copy(update={"s3_bucket": "no-such-bucket-x"}))  # type: ignore[attr-defined]
    try:
        response = user_client.get("/ready")
    finally:
        app.state.storage = original  # type: ignore[attr-defined]
    assert response.status_code == 503
    assert response.json()["checks"]["storage"] == "error"


def test_processing_leaves_a_short_upload_unfinished(
    user_client: TestClient, db_session: Session, settings: Settings
) -> None:
    note_id = new_note(user_client)
    reserved = reserve(user_client, note_id).json()
    attachment = db_session.get(Attachment, reserved["attachment"]["id"])
    assert attachment is not None
    s3_admin_client(settings).put_object(
        Bucket=settings.s3_bucket, Key=attachment.object_key, Body=CONTENT[:5]
    )
    attachment.status = AttachmentStatus.UPLOADED
    db_session.commit()
    storage = ObjectStorage(settings)
    process_attachment(db_session, storage, attachment.id)
    assert attachment.status == AttachmentStatus.UPLOADED
    assert attachment.sha256 is None
    process_attachment(db_session, storage, 999_999_999)
