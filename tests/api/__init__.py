"""Tests of the HTTP adapter, mirroring ``api/``."""
