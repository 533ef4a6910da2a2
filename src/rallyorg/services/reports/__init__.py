"""Reports (issue #17): attendance per event, volunteer hours, partner-group participation and
shift fill rates over a range of days, as plain rows (``rallyorg.domain.reports``) counted in
SQL. ``exchange.report_files`` writes them as PDF (with a chart) or CSV."""

from __future__ import annotations

from rallyorg.db import Database
from rallyorg.domain.reports import DateRange, ReportData, ReportKind
from rallyorg.services.reports.days import event_count, event_days
from rallyorg.services.reports.figures import attendance, hours, partners, shifts

__all__ = ["attendance", "event_count", "event_days", "hours", "partners", "report", "shifts"]


def report(
    db: Database, kind: ReportKind, dates: DateRange, *, language: str = "en", campaign: str | None = None
) -> ReportData:
    """One report's figures over ``dates`` (of the ``campaign`` tag's events only, when given);
    titles and roles in ``language``."""
    start, end = dates.start, dates.end
    if kind == ReportKind.ATTENDANCE:
        return attendance(db, start, end, language=language, campaign=campaign)
    if kind == ReportKind.HOURS:
        return hours(db, start, end, campaign=campaign)
    if kind == ReportKind.PARTNERS:
        return partners(db, start, end, campaign=campaign)
    return shifts(db, start, end, language=language, campaign=campaign)
