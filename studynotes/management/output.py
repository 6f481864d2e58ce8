"""Write a command's output file whole or not at all.

``export_topics -o topics.json`` over last night's export must not leave half a file when the disk fills up or the
command is interrupted: the text goes to a temporary file next to the target, which then replaces it in one step.
A target that is not a regular file (``/dev/stdout``, a named pipe) is written as it is: there is nothing to keep,
and it must not be replaced. A symbolic link keeps pointing where it did: the file it names is replaced.
"""

import os
import tempfile

from django.core.management.base import CommandError


def write_file(path, text):
    """Write ``text`` (UTF-8) to ``path`` atomically; a ``CommandError`` naming the path if it cannot be written."""
    path = os.fspath(path)
    temporary = None
    try:
        if os.path.isdir(path):
            raise IsADirectoryError(21, "Is a directory", path)
        if os.path.exists(path) and not os.path.isfile(path):
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
            return
        target = os.path.realpath(path)
        fd, temporary = tempfile.mkstemp(dir=os.path.dirname(target), prefix=".", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # what open(path, "w") would have made, not mkstemp's 0600
        os.replace(temporary, target)
        temporary = None
    except OSError as exc:
        raise CommandError(f"Cannot write {path}: {exc.strerror or exc}") from exc
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass
