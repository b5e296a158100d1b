"""Runnable benchmark scripts (never timed unit tests)."""
