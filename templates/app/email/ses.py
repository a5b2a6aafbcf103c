"""Amazon SES provider, through the SES v2 SendEmail API."""

from typing import TYPE_CHECKING

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from app.email.message import EmailDeliveryError, EmailMessage

if TYPE_CHECKING:
    from mypy_boto3_sesv2.type_defs import BodyTypeDef


class SesSender:
    def __init__(
        self,
        *,
        access_key_id: str,
        secret_access_key: str,
        region: str,
        endpoint_url: str | None,
        sender: str,
    ) -> None:
        self.client = boto3.client(
            "sesv2",
            region_name=region,
            endpoint_url=endpoint_url,
            aws_access_key_id=access_key_id,
            aws_secret_access_key=secret_access_key,
        )
        self.sender = sender

    def send(self, message: EmailMessage) -> None:
        body: BodyTypeDef = {"Text": {"Data": message.text, "Charset": "UTF-8"}}
        if message.html is not None:
            body["Html"] = {"Data": message.html, "Charset": "UTF-8"}
        try:
            self.client.send_email(
                FromEmailAddress=self.sender,
                Destination={"ToAddresses": [message.to]},
                Content={
                    "Simple": {
                        "Subject": {"Data": message.subject, "Charset": "UTF-8"},
                        "Body": body,
                    }
                },
            )
        except (BotoCoreError, ClientError) as error:
            raise EmailDeliveryError(f"SES refused the email: {error}") from error
