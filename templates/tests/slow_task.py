"""A task only the warm-shutdown test sends: it is still running when that test's worker
is told to stop. The worker loads this module with `--include`; the app never does."""

import logging
import time

from app.settings import APP_NAME
from app.worker.celery_app import celery_app

log = logging.getLogger(__name__)


@celery_app.task(name=f"{APP_NAME}.tests.slow_echo")
def slow_echo(marker: str, seconds: float) -> str:
    log.info("slow task started %s", marker)
    time.sleep(seconds)
    return marker
