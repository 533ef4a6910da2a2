"""The words the activity log's entries are told with, in the command line and the app alike
(both translate them with their own language)."""

from __future__ import annotations

from rallyorg.i18n import N_

ACTIONS = {"created": N_("created"), "changed": N_("changed"), "deleted": N_("deleted")}
RECORDS = {
    "volunteer": N_("volunteer"),
    "partner_group": N_("partner group"),
    "contact": N_("contact"),
    "venue": N_("place"),
    "event": N_("event"),
    "shift": N_("shift"),
    "signup": N_("sign-up"),
    "attendee": N_("attendee"),
    "import": N_("import"),
}
