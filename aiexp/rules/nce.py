"""Rules: nce."""

from __future__ import annotations
