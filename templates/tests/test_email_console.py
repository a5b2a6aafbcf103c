import logging

import pytest

from app.email import EmailMessage, create_sender
from app.email.console import ConsoleSender
from app.settings import Settings


def test_console_provider_logs_the_message(
    caplog: pytest.LogCaptureFixture, settings: Settings
) -> None:
    caplog.set_level(logging.INFO, logger="app.email.console")
    sender = create_sender(settings.model_copy(update={"email_provider": "console"}))
    assert isinstance(sender, ConsoleSender)
    sender.send(EmailMessage(to="a@example.com", subject="Hi", text="Hello"))
    record = caplog.records[-1]
    assert record.__dict__["email_to"] == "a@example.com"
    assert record.__dict__["email_text"] == "Hello"


def test_messages_survive_the_queue_format() -> None:
    message = EmailMessage(to="a@example.com", subject="s", text="t", html="<p>t</p>")
    assert EmailMessage.from_dict(message.to_dict()) == message
