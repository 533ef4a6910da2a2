"""Issue 17's "Remind volunteers…" window: who gets which message and who is left out, sent
by email in the background (results per person, retry), or written out for a texting tool
or WhatsApp; the organizer's email account and the editable messages."""
