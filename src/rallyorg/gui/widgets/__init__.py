"""Small reusable widgets: status chips, staffing bars, forms with inline errors, empty states."""
