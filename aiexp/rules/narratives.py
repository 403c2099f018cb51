"""Rules: narratives."""

from __future__ import annotations
