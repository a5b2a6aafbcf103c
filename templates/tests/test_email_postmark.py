"""The Postmark provider against a local stand-in that checks Postmark's documented format
(https://postmarkapp.com/developer/api/email-api): POST /email, the server token in the
X-Postmark-Server-Token header, JSON with From, To, Subject and TextBody/HtmlBody."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from app.email import EmailDeliveryError, EmailMessage, create_sender
from app.email.postmark import PostmarkSender
from app.settings import Settings

TOKEN = "server-token-123"


class PostmarkStandIn(BaseHTTPRequestHandler):
    received: list[dict[str, Any]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers["X-Postmark-Server-Token"] != TOKEN:
            self.reply(401, {"ErrorCode": 10, "Message": "Bad or missing Server API token."})
            return
        payload = json.loads(body)
        valid = (
            self.path == "/email"
            and self.headers["Accept"] == "application/json"
            and self.headers["Content-Type"].startswith("application/json")
            and all(isinstance(payload.get(key), str) for key in ("From", "To", "Subject"))
            and ("TextBody" in payload or "HtmlBody" in payload)
        )
        if not valid:
            self.reply(422, {"ErrorCode": 300, "Message": "Invalid email request"})
            return
        self.received.append(payload)
        self.reply(
            200,
            {
                "To": payload["To"],
                "SubmittedAt": "2026-01-01T00:00:00Z",
                "MessageID": "b7bc2f4a-e38e-4336-af7d-e6c392c2f817",
                "ErrorCode": 0,
                "Message": "OK",
            },
        )

    def reply(self, status: int, body: dict[str, Any]) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def postmark() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    received: list[dict[str, Any]] = []
    handler = type("Handler", (PostmarkStandIn,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


def sender_for(settings: Settings, api_url: str, token: str = TOKEN) -> PostmarkSender:
    sender = create_sender(
        settings.model_copy(
            update={
                "email_provider": "postmark",
                "email_api_key": token,
                "email_api_url": api_url,
                "email_from": "no-reply@example.com",
            }
        )
    )
    assert isinstance(sender, PostmarkSender)
    return sender


def test_sends_the_documented_request(
    postmark: tuple[str, list[dict[str, Any]]], settings: Settings
) -> None:
    url, received = postmark
    sender_for(settings, url).send(
        EmailMessage(to="ada@example.com", subject="Hi", text="Plain", html="<p>Rich</p>")
    )
    assert received == [
        {
            "From": "no-reply@example.com",
            "To": "ada@example.com",
            "Subject": "Hi",
            "TextBody": "Plain",
            "HtmlBody": "<p>Rich</p>",
            "MessageStream": "outbound",
        }
    ]


def test_refusals_raise_with_postmarks_message(
    postmark: tuple[str, list[dict[str, Any]]], settings: Settings
) -> None:
    url, _ = postmark
    with pytest.raises(EmailDeliveryError, match=r"401.*Bad or missing Server API token"):
        sender_for(settings, url, token="wrong").send(
            EmailMessage(to="a@example.com", subject="s", text="t")
        )


def test_unreachable_api_raises(settings: Settings) -> None:
    with pytest.raises(EmailDeliveryError, match="unreachable"):
        sender_for(settings, "http://127.0.0.1:1").send(
            EmailMessage(to="a@example.com", subject="s", text="t")
        )
