"""Celery worker and beat: `celery -A app.worker worker` / `celery -A app.worker beat`."""

from app.worker.celery_app import celery_app

__all__ = ["celery_app"]
