"""Import and export dialogs of the desktop app (issue 5): the import wizard, one export
dialog per kind of file, the import history with Undo, and the export log.

The work itself is done by ``rallyorg.services.imports`` and ``rallyorg.services.exports``;
these dialogs choose files and options, run the services in the background and say what
happened to every row.
"""
