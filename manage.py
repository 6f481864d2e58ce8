#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studynotes.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(sys.argv)
        sys.stdout.flush()
    except BrokenPipeError:  # `manage.py export_questions | head`: the reader had enough; no traceback
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # the exit's flush must not fail again
        sys.exit(1)
    except ImproperlyConfigured as exc:  # DJANGO_ENV=production without SECRET_KEY: what to set, not a traceback
        if "--traceback" in sys.argv:
            raise
        sys.stderr.write(f"CommandError: {exc}\n")
        sys.exit(1)
