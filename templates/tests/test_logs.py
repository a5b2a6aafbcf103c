import json
import logging
import sys

import pytest
from fastapi.testclient import TestClient

from app.logs import JsonFormatter, configure_logging, request_id_var


def test_records_are_one_json_object_with_the_request_id() -> None:
    record = logging.LogRecord("app.test", logging.INFO, __file__, 1, "hello %s", ("world",), None)
    record.user_id = 7
    token = request_id_var.set("req-1")
    try:
        line = JsonFormatter().format(record)
    finally:
        request_id_var.reset(token)
    entry = json.loads(line)
    assert entry["message"] == "hello world"
    assert entry["level"] == "INFO"
    assert entry["request_id"] == "req-1"
    assert entry["user_id"] == 7


def test_exceptions_are_kept_in_one_line() -> None:
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "app.test", logging.ERROR, __file__, 1, "failed", None, sys.exc_info()
        )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    assert "ValueError: boom" in json.loads(line)["exception"]


def test_configure_logging_installs_one_json_handler() -> None:
    configure_logging("INFO")
    configure_logging("INFO")
    root = logging.getLogger()
    json_handlers = [h for h in root.handlers if isinstance(h.formatter, JsonFormatter)]
    assert len(json_handlers) == 1


def test_access_log_has_request_id_and_client_ip(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="app.access")
    response = client.get("/api/notes")
    record = next(r for r in caplog.records if r.name == "app.access")
    assert record.__dict__["status"] == 401
    assert record.__dict__["client_ip"].startswith("198.18.")
    assert response.headers["x-request-id"]
