"""The bottom floor: the domain's plain values and rules, with no database and no Qt.

Vocabularies (enums), errors, the records services return and take (events, shifts, venues,
volunteers), validation, text folding for search, safe file writing and the shipped fonts.
``exchange``, ``flyers`` and ``services`` all stand on it; it imports only ``i18n`` and ``paths``.
"""
