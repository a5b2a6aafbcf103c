"""What every provider sends: a plain-text email with an optional HTML part."""

from dataclasses import asdict, dataclass
from typing import Protocol


@dataclass(frozen=True)
class EmailMessage:
    to: str
    subject: str
    text: str
    html: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        """A JSON-safe form, for queueing."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, str | None]) -> "EmailMessage":
        return cls(
            to=str(data["to"]),
            subject=str(data["subject"]),
            text=str(data["text"]),
            html=data.get("html"),
        )


class EmailSender(Protocol):
    def send(self, message: EmailMessage) -> None:
        """Deliver the message or raise EmailDeliveryError."""


class EmailDeliveryError(RuntimeError):
    """The provider refused or could not be reached; the message names which and why."""
