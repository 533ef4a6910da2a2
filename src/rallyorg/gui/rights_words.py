"""What a login on a shared server is told about its rights, above the places."""

from __future__ import annotations

from rallyorg.domain.enums import ServerRole
from rallyorg.i18n import _
from rallyorg.services.session_rights import SessionRights


def rights_banner(rights: SessionRights) -> str:
    """ "" for a login that may do everything (a laptop's file, an organizer, an admin)."""
    if rights.read_only:
        return _(
            "Read only: you are signed in as {login}, a viewer. You can look at the rallies and "
            "print their flyers; the coalition's organizers make the changes."
        ).format(login=rights.login)
    if rights.role == ServerRole.PARTNER:
        return _(
            "You are signed in as {login} for your partner group: you see and edit your group's "
            "volunteers, contacts and sign-ups. The coalition's organizers plan the rallies."
        ).format(login=rights.login)
    return ""
