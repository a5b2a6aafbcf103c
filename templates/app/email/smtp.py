"""SMTP provider (any relay: a mail server, or a provider's SMTP endpoint)."""

import smtplib
import ssl
from email.message import EmailMessage as MimeMessage

from app.email.message import EmailDeliveryError, EmailMessage


class SmtpSender:
    def __init__(
        self,
        *,
        host: str,
        port: int,
        username: str,
        password: str,
        starttls: bool,
        sender: str,
        tls_context: ssl.SSLContext | None = None,
    ) -> None:
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.starttls = starttls
        self.sender = sender
        # smtplib's own STARTTLS context checks no certificate, so anyone on the path could
        # read the password; this one verifies the server against the system's CAs.
        self.tls_context = tls_context or ssl.create_default_context()

    def send(self, message: EmailMessage) -> None:
        mime = MimeMessage()
        mime["From"] = self.sender
        mime["To"] = message.to
        mime["Subject"] = message.subject
        mime.set_content(message.text)
        if message.html is not None:
            mime.add_alternative(message.html, subtype="html")
        try:
            with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
                if self.starttls:
                    smtp.starttls(context=self.tls_context)
                if self.username:
                    smtp.login(self.username, self.password)
                smtp.send_message(mime)
        except (smtplib.SMTPException, OSError) as error:
            raise EmailDeliveryError(f"SMTP {self.host}:{self.port}: {error}") from error
