"""``rallyorg remind``: remind the volunteers of a rally (or one shift) by email, or write the
list for a texting tool (issue 17).

rallyorg remind EVENT_ID [--shift ID] --channel email|sms-csv [--dry-run] [-o FILE]
                [--include-waitlist] [--retry-failed] [--smtp-host H] [--smtp-port P]
                [--smtp-security none|starttls|ssl] [--smtp-user U] [--from ADDRESS]

The mail account comes from Settings unless given here (each option replaces the stored
one); its password from the keyring or ``RALLYORG_SMTP_PASSWORD``, never an option. It
prints whom it sent to, who was left out and why, and who failed and why (names, not
addresses); the exit status is 1 when any message could not be sent. ``--retry-failed``
then sends again to those alone (as the app's "Retry the failed ones").
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from rallyorg.cli.context import CliContext
from rallyorg.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from rallyorg.domain.reminders import ReminderPlan, SmtpSettings

# As domain.reminders.Security, written out so the parser imports nothing heavy.
SMTP_SECURITY = ("none", "starttls", "ssl")
CHANNELS = ("email", "sms-csv")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "remind",
        help=_("remind a rally's volunteers by email, or write a list for a texting tool"),
        description=_(
            "Remind the people signed up or confirmed for a rally's shifts (or one shift), each in "
            "their language, as far as they agreed to be contacted: by email through your own "
            "mail account, or as a CSV file for a texting tool."
        ),
    )
    parser.add_argument("event_id", type=int, metavar="EVENT_ID", help=_("the rally's number"))
    parser.add_argument("--shift", type=int, metavar="ID", help=_("only the people on this shift"))
    parser.add_argument(
        "--channel",
        required=True,
        choices=CHANNELS,
        help=_("email: send through the mail account; sms-csv: write a CSV file for a texting tool"),
    )
    parser.add_argument(
        "--dry-run", action="store_true", help=_("show each message and who is left out; send nothing")
    )
    parser.add_argument("-o", "--output", metavar="FILE", help=_("the CSV file (sms-csv)"))
    parser.add_argument(
        "--include-waitlist",
        action="store_true",
        help=_("also remind the people on the waitlist (with the waitlist's wording)"),
    )
    parser.add_argument(
        "--retry-failed",
        action="store_true",
        help=_("email only the people whose last reminder for this rally could not be sent"),
    )
    parser.add_argument("--smtp-host", metavar="H", help=_("mail server (default: from Settings)"))
    parser.add_argument("--smtp-port", type=int, metavar="P", help=_("mail server port"))
    parser.add_argument("--smtp-security", choices=SMTP_SECURITY, help=_("how the connection is protected"))
    parser.add_argument(
        "--smtp-user",
        metavar="U",
        help=_("login name; the password comes from the keyring or RALLYORG_SMTP_PASSWORD"),
    )
    parser.add_argument(
        "--from", dest="from_address", metavar="ADDRESS", help=_("the address reminders come from")
    )
    parser.set_defaults(handler=run_remind)


def run_remind(args: argparse.Namespace, context: CliContext) -> int:
    from dataclasses import replace

    from rallyorg.domain.reminders import Channel
    from rallyorg.services import reminders

    channel = Channel.EMAIL if args.channel == "email" else Channel.TEXT
    if channel == Channel.TEXT and not args.dry_run and not args.output:
        context.error(_("rallyorg: sms-csv writes a file: give it with -o FILE."))
        return 2
    if channel == Channel.TEXT and args.retry_failed:
        context.error(_("rallyorg: --retry-failed is for email: a texting tool sends the texts."))
        return 2
    plan = reminders.plan_reminders(
        context.db, args.event_id, args.shift, channel=channel, include_waitlist=args.include_waitlist
    )
    if args.retry_failed:
        failed = reminders.failed_last_time(context.db, args.event_id)
        plan = replace(plan, recipients=tuple(r for r in plan.recipients if r.volunteer_id in failed))
    _print_left_out(context, plan)
    if args.dry_run:
        _print_preview(context, plan)
        return 0
    if channel == Channel.TEXT:
        from rallyorg.domain.files import write_atomically

        write_atomically(args.output, reminders.sms_csv(plan))
        reminders.record_handed_over(context.db, plan)
        count = len(plan.recipients)
        context.print(
            ngettext("Wrote {count} message to {file}.", "Wrote {count} messages to {file}.", count).format(
                count=count, file=args.output
            )
        )
        return 0
    if not plan.recipients:
        context.print(_("Nobody to send again to.") if args.retry_failed else _("Nobody to send to."))
        return 0
    smtp = _smtp_settings(args, context)
    password = reminders.smtp_password(smtp) if smtp.user else None
    report = reminders.send_email(context.db, plan, smtp, password)
    for recipient in report.sent:
        context.print(_("Sent to {name}").format(name=recipient.name))
    for failure in report.failed:
        context.print(
            _("Not sent to {name}: {reason}").format(name=failure.recipient.name, reason=failure.error)
        )
    context.print(
        _("{sent} sent, {failed} failed, {left} left out.").format(
            sent=len(report.sent), failed=len(report.failed), left=len(plan.left_out)
        )
    )
    return 0 if report.ok else 1


def _print_left_out(context: CliContext, plan: ReminderPlan) -> None:
    for person in plan.left_out:
        context.print(_("Left out: {name} — {reason}").format(name=person.name, reason=_(person.reason)))


def _print_preview(context: CliContext, plan: ReminderPlan) -> None:
    for recipient in plan.recipients:
        context.print(
            _("Would remind {name} ({language}):").format(name=recipient.name, language=recipient.language)
        )
        if plan.channel.value == "email":
            context.print(f"  {recipient.subject}")
        context.print("\n".join(f"    {line}" for line in recipient.body.splitlines()))
        context.print()
    context.print(
        _("{count} would be reminded, {left} left out; nothing was sent.").format(
            count=len(plan.recipients), left=len(plan.left_out)
        )
    )


def _smtp_settings(args: argparse.Namespace, context: CliContext) -> SmtpSettings:
    """The stored account with each option given here in its place."""
    from rallyorg.domain.errors import ValidationError
    from rallyorg.domain.reminders import DEFAULT_PORTS, Security, SmtpSettings, check_smtp_settings
    from rallyorg.services import reminders

    stored = reminders.get_smtp_settings(context.db)
    host = args.smtp_host or (stored.host if stored else "")
    sender = args.from_address or (stored.from_address if stored else "")
    if not host or not sender:
        raise ValidationError(
            "smtp",
            N_("No mail account is set: give --smtp-host and --from, or set the account in Settings."),
        )
    security = (
        Security(args.smtp_security)
        if args.smtp_security
        else (stored.security if stored else Security.STARTTLS)
    )
    if args.smtp_port:
        port = args.smtp_port
    elif stored is not None and stored.security == security and not args.smtp_host:
        port = stored.port
    else:
        port = DEFAULT_PORTS[security]
    user = args.smtp_user if args.smtp_user is not None else (stored.user if stored else "")
    return check_smtp_settings(SmtpSettings(host, port, security, sender, user))
