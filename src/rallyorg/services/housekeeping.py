"""What every start does before work begins on a database file: the hidden copies a killed
backup, restore or conversion left are removed (backup.remove_leftovers), and the backups a
killed ``db encrypt`` left readable beside an encrypted database are encrypted."""

from __future__ import annotations

from rallyorg.db import Database
from rallyorg.db.sqlite_files import database_passphrase
from rallyorg.services import backup, encryption
from rallyorg.services.database_files import database_file


def tidy(db: Database) -> int:
    """Clean up after killed work on ``db``; how many files or folders were dealt with."""
    done = backup.remove_leftovers(db)
    file, passphrase = database_file(db), database_passphrase(db)
    if file is not None and passphrase is not None:
        done += encryption.encrypt_plain_copies(file, passphrase)
    return done
