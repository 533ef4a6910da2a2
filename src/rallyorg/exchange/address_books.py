"""Partner contacts as the CSV files Google Contacts and Outlook import, under the exact
headers those tools write in their own exports (and so map without asking).

These files carry **no formula guard**. They are made to be imported into an address book,
not opened as spreadsheets: a guard's leading apostrophe would be imported as part of the
name or phone and stay there, in the address book and in every phone bank fed from it. A
file for a spreadsheet is the ``csv`` export (guarded where a spreadsheet would evaluate a
cell) or the ``xlsx`` one (typed text cells, nothing evaluated).

Headers, as Google Contacts ("Google CSV") and Outlook.com export them:

- Google: https://support.google.com/contacts/answer/1069522 (Import contacts: "download a
  CSV template"); the fixed columns of a Google CSV export, in their order.
- Outlook: https://support.microsoft.com/office/4518d70d-8fe9-46ad-94fa-1494247193c7
  ("Create or edit .csv files to import into Outlook", its sample file); the same columns
  Outlook.com exports.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

from rallyorg.domain.names import NameParts
from rallyorg.domain.validation import DEFAULT_PHONE_REGION
from rallyorg.exchange.record_problems import writable

GOOGLE_HEADERS = (
    "First Name", "Middle Name", "Last Name", "Phonetic First Name", "Phonetic Middle Name",
    "Phonetic Last Name", "Name Prefix", "Name Suffix", "Nickname", "File As", "Organization Name",
    "Organization Title", "Organization Department", "Birthday", "Notes", "Photo", "Labels",
    "E-mail 1 - Label", "E-mail 1 - Value", "Phone 1 - Label", "Phone 1 - Value", "Address 1 - Label",
    "Address 1 - Formatted", "Address 1 - Street", "Address 1 - City", "Address 1 - PO Box",
    "Address 1 - Region", "Address 1 - Postal Code", "Address 1 - Country", "Address 1 - Extended Address",
)  # fmt: skip
OUTLOOK_HEADERS = (
    "First Name", "Middle Name", "Last Name", "Title", "Suffix", "Nickname", "Given Yomi", "Surname Yomi",
    "E-mail Address", "E-mail 2 Address", "E-mail 3 Address", "Home Phone", "Home Phone 2", "Business Phone",
    "Business Phone 2", "Mobile Phone", "Car Phone", "Other Phone", "Primary Phone", "Pager", "Business Fax",
    "Home Fax", "Other Fax", "Company Main Phone", "Callback", "Radio Phone", "Telex", "TTY/TDD Phone",
    "IMAddress", "Job Title", "Department", "Company", "Office Location", "Manager's Name",
    "Assistant's Name", "Assistant's Phone", "Company Yomi", "Business Street", "Business City",
    "Business State", "Business Postal Code", "Business Country/Region", "Home Street", "Home City",
    "Home State", "Home Postal Code", "Home Country/Region", "Other Street", "Other City", "Other State",
    "Other Postal Code", "Other Country/Region", "Personal Web Page", "Spouse", "Schools", "Hobby",
    "Location", "Web Page", "Birthday", "Anniversary", "Notes",
)  # fmt: skip
# Google's separator between several labels (and between values of one field) in its CSV.
GOOGLE_LIST_SEPARATOR = " ::: "
# Every contact Google imports this way is one of "My contacts" (not "Other contacts").
GOOGLE_MY_CONTACTS = "* myContacts"


@dataclass(frozen=True)
class AddressEntry:
    """One contact as an address book keeps it; empty fields are left empty."""

    name: NameParts  # prefix (Padre, Rev.), given and family name
    organisation: str  # the partner group
    title: str = ""  # the contact's role in the group
    email: str = ""
    phone: str = ""  # E.164, as rallyorg stores it
    city: str = ""  # the group's city: a work address
    notes: str = ""
    label: str = ""  # a Google label (the partner group), "" for none


def is_mobile(e164: str) -> bool:
    """Whether the number is known to be a mobile one (US numbers cannot be told apart: no)."""
    import phonenumbers  # on use, not on import: the app starts without it

    try:
        number = phonenumbers.parse(e164, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return False
    return bool(phonenumbers.number_type(number) == phonenumbers.PhoneNumberType.MOBILE)


def international_phone(e164: str) -> str:
    """ "+1 203-555-0171", "+55 11 91234-5678": dialable from anywhere, readable by people."""
    import phonenumbers  # see is_mobile

    try:
        number = phonenumbers.parse(e164, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return e164
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def _check(entry: AddressEntry) -> None:
    for field in ("organisation", "title", "email", "phone", "city", "notes", "label"):
        writable(field, getattr(entry, field))
    for part in ("prefix", "given", "family"):
        writable("name", getattr(entry.name, part))


def google_row(entry: AddressEntry) -> list[str]:
    """The entry under ``GOOGLE_HEADERS``."""
    _check(entry)
    cells = dict.fromkeys(GOOGLE_HEADERS, "")
    cells["First Name"] = entry.name.given
    cells["Last Name"] = entry.name.family
    cells["Name Prefix"] = entry.name.prefix
    cells["Organization Name"] = entry.organisation
    cells["Organization Title"] = entry.title
    cells["Notes"] = entry.notes
    # A label holding Google's separator would be cut in two: its colons are kept, spaced out.
    label = entry.label.replace(GOOGLE_LIST_SEPARATOR.strip(), ": : :")
    cells["Labels"] = GOOGLE_LIST_SEPARATOR.join(x for x in (GOOGLE_MY_CONTACTS, label) if x)
    if entry.email:
        cells["E-mail 1 - Label"] = "Work"
        cells["E-mail 1 - Value"] = entry.email
    if entry.phone:
        cells["Phone 1 - Label"] = "Mobile" if is_mobile(entry.phone) else "Work"
        cells["Phone 1 - Value"] = international_phone(entry.phone)
    if entry.city:
        cells["Address 1 - Label"] = "Work"
        cells["Address 1 - Formatted"] = entry.city
        cells["Address 1 - City"] = entry.city
    return list(cells.values())


def outlook_row(entry: AddressEntry) -> list[str]:
    """The entry under ``OUTLOOK_HEADERS``."""
    _check(entry)
    cells = dict.fromkeys(OUTLOOK_HEADERS, "")
    cells["First Name"] = entry.name.given
    cells["Last Name"] = entry.name.family
    cells["Title"] = entry.name.prefix
    cells["Company"] = entry.organisation
    cells["Job Title"] = entry.title
    cells["E-mail Address"] = entry.email
    if entry.phone:
        column = "Mobile Phone" if is_mobile(entry.phone) else "Business Phone"
        cells[column] = international_phone(entry.phone)
    cells["Business City"] = entry.city
    cells["Notes"] = entry.notes
    return list(cells.values())


def address_book_csv(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """The whole file in memory (see ``write_address_book_csv``)."""
    buffer = io.BytesIO()
    write_address_book_csv(buffer, headers, rows)
    return buffer.getvalue()


def write_address_book_csv(file: BinaryIO, headers: Sequence[str], rows: Iterable[Sequence[str]]) -> int:
    """The file, written into ``file`` as the rows come: UTF-8 with a BOM (both tools read
    accents right with it), CRLF line ends, quotes only where CSV needs them, and every value
    exactly as it is — no formula guard. Returns how many rows were written."""
    file.write(codecs.BOM_UTF8)  # as "utf-8-sig" would, but "utf-8" is encoded in C, not Python
    text = io.TextIOWrapper(file, encoding="utf-8", newline="")
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(headers)
        count = 0
        for row in rows:
            writer.writerow(row)
            count += 1
        text.flush()
    finally:
        text.detach()  # the caller's file stays open (and theirs to close)
    return count
