"""The single point of contact (II)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from aiexp.findings import Finding
from aiexp.rules.context import RuleContext
from aiexp.rules.registry import check

EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[A-Za-z]{2,}$")


@check("contact.missing")
def contact_missing(ctx: RuleContext) -> Iterator[Finding]:
    """II: "The anchor member is the lead entity for the consortium, will be responsible for
    submitting the proposal, and will be the single point of contact for the Program." A contact
    needs a name and a way to reach them; the notice asks for no telephone number."""
    info = ctx.consortium.info
    for key, what in (("contact_name", "name"), ("contact_email", "email")):
        value = getattr(info, key)
        if not (value or "").strip():
            yield ctx.finding(
                "contact.missing",
                f"the contact's {what} is missing",
                ctx.field(key),
                f"fill in {key} on the Consortium sheet",
            )
    email = (info.contact_email or "").strip()
    if email and not EMAIL.match(email):
        yield ctx.finding(
            "contact.missing",
            f"contact_email {email!r} is not an email address",
            ctx.field("contact_email"),
            "write the contact's email address, such as name@example.com",
        )
