"""Postmark provider: https://postmarkapp.com/developer/api/email-api"""

from typing import Any

import httpx2

from app.email.message import EmailDeliveryError, EmailMessage


class PostmarkSender:
    def __init__(self, *, server_token: str, api_url: str, sender: str) -> None:
        self.server_token = server_token
        self.api_url = api_url.rstrip("/")
        self.sender = sender

    def send(self, message: EmailMessage) -> None:
        payload: dict[str, Any] = {
            "From": self.sender,
            "To": message.to,
            "Subject": message.subject,
            "TextBody": message.text,
            "MessageStream": "outbound",
        }
        if message.html is not None:
            payload["HtmlBody"] = message.html
        try:
            response = httpx2.post(
                f"{self.api_url}/email",
                json=payload,
                headers={
                    "Accept": "application/json",
                    "X-Postmark-Server-Token": self.server_token,
                },
                timeout=10,
            )
        except httpx2.HTTPError as error:
            raise EmailDeliveryError(f"Postmark unreachable: {error}") from error
        if response.status_code != httpx2.codes.OK:
            raise EmailDeliveryError(
                f"Postmark refused the email ({response.status_code}): {response.text}"
            )
