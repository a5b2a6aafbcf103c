"""Development provider: the email is written to the log instead of being sent."""

import logging

from app.email.message import EmailMessage

log = logging.getLogger(__name__)


class ConsoleSender:
    def send(self, message: EmailMessage) -> None:
        log.info(
            "email to %s: %s",
            message.to,
            message.subject,
            extra={
                "email_to": message.to,
                "email_subject": message.subject,
                "email_text": message.text,
            },
        )
