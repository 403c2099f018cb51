"""Rules: anchor."""

from __future__ import annotations
