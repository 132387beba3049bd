"""Lotse: volunteer matching and coordination for a city's refugee social service."""

from .celery_app import app as celery_app

__all__ = ("celery_app",)
