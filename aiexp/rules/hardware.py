"""Rules: hardware."""

from __future__ import annotations
