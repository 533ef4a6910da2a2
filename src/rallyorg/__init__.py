"""rallyorg: plan rallies, partner groups, volunteer shifts and bilingual flyers, offline."""

__version__ = "0.1.0"
