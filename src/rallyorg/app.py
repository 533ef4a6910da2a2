"""Composition root: read options, set up logging and language, then run a command or the GUI.

What a command needs (SQLAlchemy, the services) is imported once the command line is parsed
and only by the command that runs, so that ``rallyorg --help`` stays quick (see cli/__init__.py);
Qt only when the desktop app starts.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from rallyorg import paths
from rallyorg.cli import build_parser
from rallyorg.cli.context import CliContext
from rallyorg.cli.encryption import use_terminal_prompt
from rallyorg.domain.errors import RallyorgError, os_reason
from rallyorg.i18n import _, best_ui_language, set_ui_language, system_language

log = logging.getLogger("rallyorg")


def setup_logging(verbose: bool = False) -> None:
    """Log to stderr at WARNING (INFO with RALLYORG_DEBUG). Log lines never carry personal data:
    records are referred to by id only."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass  # not a real file (e.g. captured by a test)


def main(argv: Sequence[str] | None = None) -> int:
    # The language first, so that --help and argparse's own messages come out in it.
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--lang")
    known, _rest = early.parse_known_args(argv)
    set_ui_language(best_ui_language(known.lang) if known.lang else system_language())
    parser = build_parser()
    args = parser.parse_args(argv)
    setup_logging(verbose=bool(os.environ.get("RALLYORG_DEBUG")))
    db_url = args.db or paths.default_database_url()
    if args.command is None:
        return start_gui(db_url, args)
    if not hasattr(args, "handler"):
        parser.error(_("choose an action; see --help"))
    # Here, not at the top: --help and the GUI need no SQLAlchemy (~0.2 s to import); every
    # command opens the database, so from here on it is loaded anyway.
    from sqlalchemy import exc as sa_exc

    context = CliContext(db_url=db_url)
    use_terminal_prompt()  # an encrypted database's passphrase, when not in the keyring
    if args.wait is not None:
        context.wait_seconds = max(args.wait, 0.0)
    try:
        return int(args.handler(args, context))
    except RallyorgError as error:
        context.error(f"rallyorg: {error.translated(_)}")
        return 1
    except sa_exc.SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        context.error(_("rallyorg: database error: {reason}").format(reason=reason))
        return 1
    except BrokenPipeError:
        # The reader went away (`rallyorg volunteers list | head`): stop quietly, as other tools do.
        _silence_stdout()
        return 141
    except OSError as error:
        reason = _(os_reason(error, writing=False))
        if error.filename:
            message = _("rallyorg: {file}: {reason}").format(file=error.filename, reason=reason)
        else:
            message = _("rallyorg: {reason}").format(reason=reason)
        context.error(message)
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        context.close()


def start_gui(db_url: str, args: argparse.Namespace) -> int:
    # Imported here so that command-line use never loads Qt.
    from rallyorg.gui.application import run_gui

    given = bool(args.db or os.environ.get(paths.DB_ENV_VAR))  # else the file last opened in the app
    return run_gui(db_url, ui_language_forced=args.lang, db_url_given=given)


def gui_main(argv: Sequence[str] | None = None) -> int:
    """``rallyorg-gui`` ([project.gui-scripts]): the desktop app with the same options as
    ``rallyorg`` without a command, started without a console window on Windows. There,
    pythonw gives the process no stdout or stderr; --help and --version need somewhere to go."""
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (for the whole run)
    args = list(sys.argv[1:] if argv is None else argv)
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--db")
    early.add_argument("--lang")
    _known, rest = early.parse_known_args(args)
    if any(not arg.startswith("-") for arg in rest):
        set_ui_language(system_language())
        print(_("rallyorg-gui only starts the desktop app; run commands with rallyorg."), file=sys.stderr)
        return 2
    return main(args)


if __name__ == "__main__":
    sys.exit(main())
