"""Rules: export_control."""

from __future__ import annotations
