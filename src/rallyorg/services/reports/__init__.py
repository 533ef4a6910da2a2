"""Reports (issue #17): attendance per event, volunteer hours, partner-group participation and
shift fill rates over a range of days, as plain rows (``rallyorg.domain.reports``) counted in
SQL. ``exchange.report_files`` writes them as PDF (with a chart) or CSV."""

from __future__ import annotations

from rallyorg.services.reports.days import event_count, event_days
from rallyorg.services.reports.figures import attendance, hours, partners, shifts

__all__ = ["attendance", "event_count", "event_days", "hours", "partners", "shifts"]
