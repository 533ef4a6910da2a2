"""The Reports place (issue #17): attendance, volunteer hours, partner groups and shift fill
rates over a range of days, as a chart above a table, saved as PDF or CSV."""
