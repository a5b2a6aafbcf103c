"""Per-request context: request id, client IP, one access log line, no stack trace to clients."""

import json
import logging
import re
import time
import uuid
from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.client_ip import client_ip
from app.logs import request_id_var

access_log = logging.getLogger("app.access")
error_log = logging.getLogger("app.error")

# A caller-supplied id is kept only when it cannot inject anything into logs.
_SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_INTERNAL_ERROR = json.dumps({"detail": "Internal server error"}).encode()


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, trusted_proxies: Sequence[IPv4Network | IPv6Network]) -> None:
        self.app = app
        self.trusted_proxies = trusted_proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        incoming_id = ""
        forwarded_for: list[str] = []
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                incoming_id = value.decode("latin-1")
            elif name == b"x-forwarded-for":
                forwarded_for.append(value.decode("latin-1"))
        request_id = incoming_id if _SAFE_REQUEST_ID.fullmatch(incoming_id) else uuid.uuid4().hex
        peer = scope["client"][0] if scope.get("client") else None
        ip = client_ip(peer, ",".join(forwarded_for) or None, self.trusted_proxies)
        scope.setdefault("state", {})["client_ip"] = ip
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_request_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_request_id)
        except Exception:
            error_log.exception("unhandled error", extra={"path": scope["path"]})
            if not response_started:
                await send_with_request_id(
                    {
                        "type": "http.response.start",
                        "status": 500,
                        "headers": [(b"content-type", b"application/json")],
                    }
                )
                await send_with_request_id({"type": "http.response.body", "body": _INTERNAL_ERROR})
        finally:
            # Health probes arrive every few seconds; they only show at DEBUG.
            level = logging.DEBUG if scope["path"] == "/health" else logging.INFO
            access_log.log(
                level,
                "%s %s %s",
                scope["method"],
                scope["path"],
                status,
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                    "client_ip": ip,
                },
            )
            request_id_var.reset(token)
