"""Rules: markets."""

from __future__ import annotations
