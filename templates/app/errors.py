"""Error responses: FastAPI's shapes, minus anything that echoes secrets or internals."""

import logging

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from redis.exceptions import RedisError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError

log = logging.getLogger(__name__)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # The submitted value ("input") is left out: it may be a password.
        errors = [
            {"loc": error["loc"], "msg": error["msg"], "type": error["type"]}
            for error in exc.errors()
        ]
        return JSONResponse(status_code=422, content=jsonable_encoder({"detail": errors}))

    @app.exception_handler(OperationalError)
    @app.exception_handler(PoolTimeoutError)
    @app.exception_handler(RedisError)
    async def dependency_unavailable(_request: Request, exc: Exception) -> JSONResponse:
        log.error("backing service unavailable: %s", type(exc).__name__, exc_info=exc)
        return JSONResponse(status_code=503, content={"detail": "Service temporarily unavailable"})
