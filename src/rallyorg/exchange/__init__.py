"""Files in and out: CSV import (encodings, dialects, column mapping, row checks) and the
CSV / vCard / iCalendar / PDF roster exports.

Plain functions over plain data: no database session and no Qt here. The transactions
around them live in ``rallyorg.services.imports`` and ``rallyorg.services.exports``.
"""
