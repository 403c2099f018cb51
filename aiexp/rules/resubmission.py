"""Rules: resubmission."""

from __future__ import annotations
