"""The one way London Listens writes dates and times (en-GB): "2 December 2026", "14:05",
"2 December 2026, 14:05". Django's own en-GB formats ("2 Dec 2026, 2:05 p.m.") would otherwise
win over settings whenever a date is shown without a format (settings.FORMAT_MODULE_PATH).
In templates: `{{ value|date }}`, `{{ value|time }}`, `{{ value|date:"DATETIME_FORMAT" }}`.
"""

DATE_FORMAT = "j F Y"
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j F Y, H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "j F Y, H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
# What forms accept stays Django's en-GB list (dd/mm/yyyy and the browser's yyyy-mm-dd).
