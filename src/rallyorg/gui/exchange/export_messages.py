"""What the status bar says after an export: how many rows went into which file, and who was
left out (and why); the records that could not be written, or printed in full; and, before a
contacts export, what consent leaves out and the question about people not to be shared."""

from __future__ import annotations

from rallyorg.i18n import _, format_number, ngettext
from rallyorg.services.exports import ContactConsent, ExportKind, ExportResult


def exported_message(result: ExportResult, language: str) -> str:
    n = result.row_count
    if result.kind == ExportKind.CONTACTS:
        text = ngettext("Exported {count} contact to {file}", "Exported {count} contacts to {file}", n)
    elif result.kind == ExportKind.VOLUNTEERS:
        text = ngettext("Exported {count} volunteer to {file}", "Exported {count} volunteers to {file}", n)
    elif result.kind == ExportKind.EVENTS:
        text = ngettext("Exported {count} event to {file}", "Exported {count} events to {file}", n)
    else:
        text = ngettext(
            "Saved the sign-in sheet ({count} person) to {file}",
            "Saved the sign-in sheet ({count} people) to {file}",
            n,
        )
    message = text.format(count=format_number(n, language), file=result.path)
    parts = [
        f"{message}.",
        left_out_text(result, language),
        included_text(result.unshared_included, language),
    ]
    return " ".join(part for part in parts if part)


def included_text(unshared: int, language: str) -> str:
    if not unshared:
        return ""
    return ngettext(
        "Included: {n} who said they may not be shared with other groups.",
        "Included: {n} who said they may not be shared with other groups.",
        unshared,
    ).format(n=format_number(unshared, language))


def consent_text(consent: ContactConsent, shared_only: bool, language: str) -> str:
    """Before a contacts export: who consent leaves out, and why; who is in it only because
    "shared only" is off."""
    dnc, unshared = consent.do_not_contact, consent.not_shared
    lines = []
    if dnc:
        lines.append(
            ngettext(
                "{n} contact is left out: marked “do not contact”.",
                "{n} contacts are left out: marked “do not contact”.",
                dnc,
            ).format(n=format_number(dnc, language))
        )
    if unshared and shared_only:
        lines.append(
            ngettext(
                "{n} contact is left out: did not agree to be shared with other groups.",
                "{n} contacts are left out: did not agree to be shared with other groups.",
                unshared,
            ).format(n=format_number(unshared, language))
        )
    elif unshared:
        lines.append(
            ngettext(
                "{n} contact who did not agree to be shared with other groups is included; "
                "“Only people who agreed…” leaves them out.",
                "{n} contacts who did not agree to be shared with other groups are included; "
                "“Only people who agreed…” leaves them out.",
                unshared,
            ).format(n=format_number(unshared, language))
        )
    return "\n".join(lines) or _("No one is left out for consent.")


def unshared_question(unshared: int, language: str) -> str:
    return ngettext(
        "{n} contact said they may not be shared with other groups. Export them anyway?",
        "{n} contacts said they may not be shared with other groups. Export them anyway?",
        unshared,
    ).format(n=format_number(unshared, language))


def left_out_text(result: ExportResult, language: str) -> str:
    dnc = result.left_out.get("do_not_contact", 0)
    unshared = result.left_out.get("not_shared", 0)
    parts = []
    if dnc:
        parts.append(
            ngettext("{n} marked do not contact", "{n} marked do not contact", dnc).format(
                n=format_number(dnc, language)
            )
        )
    if unshared:
        parts.append(
            ngettext(
                "{n} who did not agree to be shared", "{n} who did not agree to be shared", unshared
            ).format(n=format_number(unshared, language))
        )
    if not parts:
        return ""
    return _("Left out: {who}.").format(who=", ".join(parts))


def problems_text(result: ExportResult) -> str:
    """Each record left out (it could not be written) or written with something missing (a
    name the roster's fonts cannot print), one per line: which, what field, why; "" if none."""
    lines = []
    if result.skipped:
        lines.append(
            ngettext(
                "{count} record could not be written and was left out; the others were written:",
                "{count} records could not be written and were left out; the others were written:",
                len(result.skipped),
            ).format(count=len(result.skipped))
        )
        lines.extend(f"• {problem.translated(_)}" for problem in result.skipped)
    if result.warnings:
        lines.append(_("Written, but not in full:"))
        lines.extend(f"• {problem.translated(_)}" for problem in result.warnings)
    return "\n".join(lines)
