"""Object storage (S3 API) for attachments: presigned uploads and downloads."""
