"""The SES provider against a local stand-in for the SES v2 SendEmail API
(POST /v2/email/outbound-emails) that checks the JSON body and recomputes the
AWS Signature Version 4 with the shared secret, as SES does."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from app.email import EmailDeliveryError, EmailMessage, create_sender
from app.email.ses import SesSender
from app.settings import Settings

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
REGION = "eu-west-1"


def signature_is_valid(method: str, url: str, headers: dict[str, str], body: bytes) -> bool:
    """Recompute the SigV4 signature over the headers the client says it signed."""
    authorization = headers.get("authorization", "")
    if not authorization.startswith("AWS4-HMAC-SHA256 "):
        return False
    fields = dict(part.strip().split("=", 1) for part in authorization[17:].split(","))
    signed_headers = fields["SignedHeaders"].split(";")
    credential = fields["Credential"].split("/")
    if credential[0] != ACCESS_KEY or credential[2:] != [REGION, "ses", "aws4_request"]:
        return False
    request = AWSRequest(
        method=method, url=url, data=body, headers={name: headers[name] for name in signed_headers}
    )
    request.context["timestamp"] = headers["x-amz-date"]
    signer = SigV4Auth(Credentials(ACCESS_KEY, SECRET_KEY), "ses", REGION)
    canonical = signer.canonical_request(request)
    expected = signer.signature(signer.string_to_sign(request, canonical), request)
    return bool(expected == fields["Signature"])


class SesStandIn(BaseHTTPRequestHandler):
    received: list[dict[str, Any]]

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        headers = {name.lower(): value for name, value in self.headers.items()}
        url = f"http://{headers['host']}{self.path}"
        if not signature_is_valid("POST", url, headers, body):
            self.reply(
                403,
                {"message": "The request signature we calculated does not match"},
                "SignatureDoesNotMatchException",
            )
            return
        payload = json.loads(body)
        simple = payload.get("Content", {}).get("Simple", {})
        valid = (
            self.path == "/v2/email/outbound-emails"
            and isinstance(payload.get("FromEmailAddress"), str)
            and payload.get("Destination", {}).get("ToAddresses")
            and "Data" in simple.get("Subject", {})
            and ("Text" in simple.get("Body", {}) or "Html" in simple.get("Body", {}))
        )
        if not valid:
            self.reply(400, {"message": "Invalid SendEmail request"}, "BadRequestException")
            return
        self.received.append(payload)
        self.reply(200, {"MessageId": "0100018f-example"})

    def reply(self, status: int, body: dict[str, Any], error_type: str | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if error_type:
            self.send_header("x-amzn-ErrorType", error_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def ses() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    received: list[dict[str, Any]] = []
    handler = type("Handler", (SesStandIn,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", received
    server.shutdown()
    server.server_close()


def sender_for(settings: Settings, url: str, secret: str = SECRET_KEY) -> SesSender:
    sender = create_sender(
        settings.model_copy(
            update={
                "email_provider": "ses",
                "email_api_key": ACCESS_KEY,
                "email_api_secret": secret,
                "email_region": REGION,
                "email_api_url": url,
                "email_from": "no-reply@example.com",
            }
        )
    )
    assert isinstance(sender, SesSender)
    return sender


def test_sends_a_signed_send_email_request(
    ses: tuple[str, list[dict[str, Any]]], settings: Settings
) -> None:
    url, received = ses
    sender_for(settings, url).send(
        EmailMessage(to="ada@example.com", subject="Hi", text="Plain", html="<p>Rich</p>")
    )
    (payload,) = received
    assert payload["FromEmailAddress"] == "no-reply@example.com"
    assert payload["Destination"] == {"ToAddresses": ["ada@example.com"]}
    simple = payload["Content"]["Simple"]
    assert simple["Subject"] == {"Data": "Hi", "Charset": "UTF-8"}
    assert simple["Body"]["Text"]["Data"] == "Plain"
    assert simple["Body"]["Html"]["Data"] == "<p>Rich</p>"


def test_a_wrong_secret_fails_the_signature_check(
    ses: tuple[str, list[dict[str, Any]]], settings: Settings
) -> None:
    url, received = ses
    with pytest.raises(EmailDeliveryError, match="SignatureDoesNotMatch"):
        sender_for(settings, url, secret="not-the-secret").send(
            EmailMessage(to="a@example.com", subject="s", text="t")
        )
    assert received == []
