"""Rules: contact."""

from __future__ import annotations
