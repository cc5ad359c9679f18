"""English date and time formats: Django's, with the time of day written
"11:00 PM" rather than "11 p.m.", whose full stop doubled the one of a
sentence ending with a date ("Voting closes on Dec. 5, 2026, 11 p.m..")."""

DATE_FORMAT = "N j, Y"
TIME_FORMAT = "g:i A"
DATETIME_FORMAT = "N j, Y, g:i A"
SHORT_DATETIME_FORMAT = "m/d/Y g:i A"
