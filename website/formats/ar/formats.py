"""Arabic date and time formats: Django has no DATETIME_FORMAT for Arabic
and falls back to the English "N j, Y, P"; this is Django's Arabic date
and time joined instead."""

DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y g:i A"
