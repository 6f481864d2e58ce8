"""Korean short dates as Korean readers write them (2026. 12. 1.), as the dashboard's chart axis already does.

Django's own are ISO-like but unpadded (2026-12-1), which read as a typo beside a padded ISO date. Only the
formats below change; everything else falls back to Django's Korean formats."""

SHORT_DATE_FORMAT = "Y. n. j."
SHORT_DATETIME_FORMAT = "Y. n. j. H:i"
