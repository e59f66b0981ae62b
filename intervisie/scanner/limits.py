"""Limits shared by the scanner's command and the live room's case form."""

MAX_CASE_CHARS = 10_000
