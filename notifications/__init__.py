"""Notifications: a Django app that knows no platform app; platform apps call its service."""
