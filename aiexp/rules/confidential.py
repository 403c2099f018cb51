"""Rules: confidential."""

from __future__ import annotations
