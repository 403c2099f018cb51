"""Rules: ownership."""

from __future__ import annotations
