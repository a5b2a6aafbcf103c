"""The bucket, through the S3 API. Browsers talk to it only through presigned URLs."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from app.settings import Settings

PRESIGNED_URL_SECONDS = 15 * 60
_CHUNK_BYTES = 1024 * 1024


@dataclass(frozen=True)
class PresignedUpload:
    """Everything a browser needs to send the bytes straight to the bucket."""

    url: str
    method: str = "PUT"
    headers: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)


class ObjectStorage:
    def __init__(self, settings: Settings) -> None:
        config = Config(
            signature_version="s3v4",
            s3={"addressing_style": "path"},
            connect_timeout=5,
            read_timeout=30,
            retries={"max_attempts": 3, "mode": "standard"},
        )
        self.bucket = settings.s3_bucket
        # Server-side calls go to the internal endpoint; URLs for browsers are
        # signed for the public one (signing is offline, nothing is sent there).
        self._internal, self._public = (
            boto3.client(
                "s3",
                endpoint_url=endpoint,
                aws_access_key_id=settings.s3_access_key,
                aws_secret_access_key=settings.s3_secret_key,
                region_name=settings.s3_region,
                config=config,
            )
            for endpoint in (settings.s3_endpoint, settings.s3_presign_endpoint)
        )

    def presign_upload(self, key: str, content_type: str, size: int) -> PresignedUpload:
        """A PUT whose signature covers Content-Type and Content-Length: other bodies are refused."""
        url = self._public.generate_presigned_url(
            "put_object",
            Params={
                "Bucket": self.bucket,
                "Key": key,
                "ContentType": content_type,
                "ContentLength": size,
            },
            ExpiresIn=PRESIGNED_URL_SECONDS,
        )
        return PresignedUpload(url=url, headers={"Content-Type": content_type})

    def presign_download(self, key: str, filename: str) -> str:
        return self._public.generate_presigned_url(
            "get_object",
            Params={
                "Bucket": self.bucket,
                "Key": key,
                "ResponseContentDisposition": _attachment_disposition(filename),
            },
            ExpiresIn=PRESIGNED_URL_SECONDS,
        )

    def object_size(self, key: str) -> int | None:
        """The stored size, or None when nothing was uploaded under that key."""
        try:
            head = self._internal.head_object(Bucket=self.bucket, Key=key)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"404", "NoSuchKey", "NotFound"}:
                return None
            raise
        return head["ContentLength"]

    def read_chunks(self, key: str) -> Iterator[bytes]:
        body = self._internal.get_object(Bucket=self.bucket, Key=key)["Body"]
        try:
            yield from body.iter_chunks(_CHUNK_BYTES)
        finally:
            body.close()

    def delete(self, key: str) -> None:
        self._internal.delete_object(Bucket=self.bucket, Key=key)

    def check(self) -> None:
        """Raise unless the bucket is reachable with these credentials (readiness probe)."""
        self._internal.head_bucket(Bucket=self.bucket)


def _attachment_disposition(filename: str) -> str:
    """RFC 6266 with an ASCII fallback, so any filename is safe in the header."""
    fallback = "".join(
        c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename
    )
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
