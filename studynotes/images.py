"""Pictures that come with notes: verified, cleaned, thumbnailed once, stored by content hash.

- ``store_image(name, data) -> NoteImage``: Pillow verifies the bytes are a PNG, JPEG, GIF or
  WebP image under the size and pixel limits, applies EXIF orientation, re-encodes without
  metadata (EXIF, GPS, text chunks), and makes WebP thumbnails (480 and 960 px wide) once.
  The same bytes uploaded twice are stored once (``note-images/<sha[:2]>/<sha>...``).
- ``read_zip(data) -> [(name, bytes)]``: the note and image files of an archive; refuses
  ``../`` paths, absolute paths, links, encrypted entries, absurd compression ratios and
  archives over the limits, before anything is written.
- ``ImageResolver``: resolves an image link in a note by path (relative to the note), then
  by file name, against this upload's images and those stored before.
Every refusal is a ``NoteImportError`` with a one-line reason.
"""

import hashlib
import io
import os
import posixpath
import stat
import warnings
import zipfile
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .models import NoteImage
from .rendering import ResolvedImage
from .sizes import file_size, grouped, size_and_limit

IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
ALLOWED_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
IMAGE_MAX_BYTES = getattr(settings, "NOTE_IMAGE_MAX_BYTES", 10 * 1024 * 1024)
IMAGE_MAX_PIXELS = getattr(settings, "NOTE_IMAGE_MAX_PIXELS", 40_000_000)
THUMBNAIL_WIDTHS = (480, 960)
IMAGE_MAX_SIDE = 16383  # the most a WebP thumbnail can have (a 10×17,000 strip is under the pixel limit)
ZIP_MAX_BYTES = getattr(settings, "NOTE_ZIP_MAX_BYTES", 50 * 1024 * 1024)
ZIP_MAX_UNCOMPRESSED = getattr(settings, "NOTE_ZIP_MAX_UNCOMPRESSED", 200 * 1024 * 1024)
ZIP_MAX_ENTRIES = 2000
ZIP_MAX_RATIO = 100
STORAGE_DIR = "note-images"


def _error(reason):
    from .importer import NoteImportError

    return NoteImportError(reason)


# --- checking and cleaning --------------------------------------------------------------


def _bomb_refused():
    """Pillow's refusal, whose own limit (twice ``Image.MAX_IMAGE_PIXELS``) is over ours unless set otherwise."""
    limit = min(IMAGE_MAX_PIXELS, 2 * Image.MAX_IMAGE_PIXELS)
    return _("decompression bomb refused: more than %(limit)s pixels") % {"limit": grouped(limit)}


def _open_verified(data):
    """A loaded, verified PIL image, or NoteImportError with the reason."""
    if not data:
        raise _error(_("empty image file"))
    if len(data) > IMAGE_MAX_BYTES:
        raise _error(_("image is too large: %(size)s, the limit is %(limit)s")
                     % size_and_limit(len(data), IMAGE_MAX_BYTES))
    try:
        with warnings.catch_warnings():  # Pillow warns past its own limit; ours refuses below with the figures
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
    except UnidentifiedImageError:
        raise _error(_("not an image (Pillow cannot identify it)"))
    except Image.DecompressionBombError:
        raise _error(_bomb_refused())
    except (OSError, ValueError, SyntaxError) as exc:
        raise _error(_("not a valid image (%(error)s)") % {"error": type(exc).__name__})
    if probe.format not in ALLOWED_FORMATS:
        raise _error(_("image format %(format)s is not allowed (PNG, JPEG, GIF or WebP only)")
                     % {"format": probe.format or "?"})
    width, height = probe.size
    if width < 1 or height < 1:
        raise _error(_("image has no pixels"))
    if width * height > IMAGE_MAX_PIXELS:
        raise _error(_("decompression bomb refused: %(width)s×%(height)s = %(pixels)s pixels, the limit is "
                       "%(limit)s pixels")
                     % {"width": grouped(width), "height": grouped(height), "pixels": grouped(width * height),
                        "limit": grouped(IMAGE_MAX_PIXELS)})
    if max(width, height) > IMAGE_MAX_SIDE:
        raise _error(_("image is %(width)s×%(height)s pixels: a side may be at most %(limit)s pixels")
                     % {"width": grouped(width), "height": grouped(height), "limit": grouped(IMAGE_MAX_SIDE)})
    try:
        probe.verify()
        image = Image.open(io.BytesIO(data))
        image.load()
    except Image.DecompressionBombError:
        raise _error(_bomb_refused())
    except (OSError, ValueError, SyntaxError, EOFError, IndexError, TypeError) as exc:
        raise _error(_("damaged or truncated image (%(error)s)") % {"error": type(exc).__name__})
    return image


def _clean(image):
    """The image upright, in a mode its format can save, with no metadata attached."""
    fmt = image.format
    try:
        upright = ImageOps.exif_transpose(image)
    except Exception:  # noqa: BLE001 - broken EXIF: keep the pixels as they are
        upright = image
    if upright.mode not in ("RGB", "RGBA", "L", "LA", "P"):
        upright = upright.convert("RGBA" if "A" in upright.getbands() else "RGB")
    if fmt == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    clean = Image.new(upright.mode, upright.size)
    if upright.mode == "P":
        clean.putpalette(upright.getpalette())
        if "transparency" in upright.info:
            clean.info["transparency"] = upright.info["transparency"]
    clean.paste(upright)
    return clean, fmt


def _encode(image, fmt):
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(buffer, "JPEG", quality=88, optimize=True)
    elif fmt == "PNG":
        image.save(buffer, "PNG", optimize=True)
    elif fmt == "GIF":
        image.save(buffer, "GIF")
    else:
        image.save(buffer, "WEBP", quality=85)
    return buffer.getvalue()


def _thumbnail(image, width):
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if image.mode in ("LA", "P") else "RGB")
    if image.width > width:
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=80, method=4)
    return buffer.getvalue(), image.width, image.height


def _save_once(path, content):
    if not default_storage.exists(path):
        saved = default_storage.save(path, ContentFile(content))
        return saved
    return path


def store_image(name, data):
    """Store one uploaded picture (deduplicated by content) and return its NoteImage."""
    data = bytes(data)
    sha = hashlib.sha256(data).hexdigest()
    base_name = posixpath.basename(str(name).replace("\\", "/"))[:255] or "image"
    existing = NoteImage.objects.filter(sha256=sha).first()
    if existing is not None:
        return existing
    image = _open_verified(data)
    clean, fmt = _clean(image)
    ext = ALLOWED_FORMATS[fmt]
    prefix = f"{STORAGE_DIR}/{sha[:2]}/{sha}"
    file_path = _save_once(f"{prefix}.{ext}", _encode(clean, fmt))
    thumbs = {}
    for width in THUMBNAIL_WIDTHS:
        content, w, h = _thumbnail(clean, width)
        thumbs[str(width)] = {"path": _save_once(f"{prefix}-{width}.webp", content), "width": w, "height": h}
    try:
        with transaction.atomic():
            return NoteImage.objects.create(
                sha256=sha, name=base_name, format=fmt.lower(), width=clean.width, height=clean.height,
                byte_size=len(data), file=file_path, thumbnails=thumbs,
            )
    except IntegrityError:  # stored concurrently by someone else
        return NoteImage.objects.get(sha256=sha)


# --- zip archives -----------------------------------------------------------------------


def _is_link(info):
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def _entry_name(info):
    """The entry's name; Windows zip tools write Japanese/Korean names in CP932/CP949 without
    the UTF-8 flag, which zipfile then reads as CP437."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        raw = info.filename.encode("cp437")
    except UnicodeEncodeError:
        return info.filename
    for encoding in ("utf-8", "cp932", "cp949"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def read_zip(data):
    """[(path inside the archive, bytes)] of the notes and images in a zip, all or nothing.

    An entry over its own size limit (note or image) is not read: its bytes are replaced by
    the NoteImportError that refuses it, so the caller reports it and imports the rest.
    """
    from .importer import NOTE_EXTENSIONS

    data = bytes(data)
    if len(data) > ZIP_MAX_BYTES:
        raise _error(_("archive is too large: %(size)s, the limit is %(limit)s")
                     % size_and_limit(len(data), ZIP_MAX_BYTES))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _error(_("not a valid zip archive"))
    if len(infos) > ZIP_MAX_ENTRIES:
        raise _error(_("archive has too many entries (%(n)s, the limit is %(limit)s)")
                     % {"n": grouped(len(infos)), "limit": grouped(ZIP_MAX_ENTRIES)})
    wanted = []
    total = 0
    for info in infos:
        raw = _entry_name(info)
        path = raw.replace("\\", "/")
        parts = path.split("/")
        if path.startswith("/") or (len(path) > 1 and path[1] == ":") or ".." in parts:
            raise _error(_("archive entry escapes the archive: %(name)s") % {"name": raw[:100]})
        if _is_link(info):
            raise _error(_("archive contains a link: %(name)s") % {"name": raw[:100]})
        if info.is_dir():
            continue
        if info.flag_bits & 0x1:
            raise _error(_("archive entry is encrypted: %(name)s") % {"name": raw[:100]})
        total += info.file_size
        if total > ZIP_MAX_UNCOMPRESSED:
            raise _error(_("archive unpacks to more than %(limit)s")
                         % {"limit": file_size(ZIP_MAX_UNCOMPRESSED)})
        if info.file_size > 1024 * 1024 and info.file_size > ZIP_MAX_RATIO * max(info.compress_size, 1):
            raise _error(_("zip bomb refused: %(name)s expands %(ratio)d×")
                         % {"name": raw[:100], "ratio": info.file_size // max(info.compress_size, 1)})
        name = "/".join(p for p in parts if p not in ("", "."))
        if not name or any(p.startswith(".") or p == "__MACOSX" for p in name.split("/")):
            continue
        suffix = os.path.splitext(name)[1].lower()
        if suffix in NOTE_EXTENSIONS or suffix in IMAGE_EXTENSIONS:
            wanted.append((info, name))
    entries = []
    for info, name in wanted:
        is_image = os.path.splitext(name)[1].lower() in IMAGE_EXTENSIONS
        type_limit = IMAGE_MAX_BYTES if is_image else settings.NOTE_MAX_BYTES
        if info.file_size > type_limit:  # not read: refused on its own, the rest still imports
            entries.append((name, _error(
                _("file is too large: %(size)s, the limit is %(limit)s")
                % size_and_limit(info.file_size, type_limit)
            )))
            continue
        limit = info.file_size
        try:
            with archive.open(info) as fh:
                content = fh.read(limit + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise _error(_("archive entry cannot be read: %(name)s (%(error)s)")
                         % {"name": name[:100], "error": type(exc).__name__})
        if len(content) > limit:
            raise _error(_("archive entry is larger than it claims: %(name)s") % {"name": name[:100]})
        entries.append((name, content))
    return entries


# --- resolving links --------------------------------------------------------------------


def _link_path(src):
    """Normalised path of an image link: URL path, Windows path or relative path."""
    src = (src or "").strip().strip("<>")
    lowered = src.lower()
    if lowered.startswith(("http://", "https://", "//", "file:")):
        src = urlsplit(src).path
    else:
        src = src.split("?", 1)[0].split("#", 1)[0]
    src = unquote(src).replace("\\", "/")
    if len(src) > 1 and src[1] == ":":
        src = src[2:]
    return src


def _to_resolved(image):
    return ResolvedImage(
        url=image.url, thumb_url=image.thumb_url(480), width=image.display_width(480),
        height=image.display_height(480), name=image.name, srcset=image.srcset(), id=image.pk,
    )


class ImageResolver:
    """Resolve a note's image links against uploaded images: by path, then by file name."""

    def __init__(self, stored=()):
        self.by_path = {}
        self.by_name = {}
        for name, image in stored:
            path = posixpath.normpath(str(name).replace("\\", "/")).lstrip("/").lower()
            self.by_path.setdefault(path, image)
            self.by_name.setdefault(posixpath.basename(path), image)
        self._known = None

    def _stored_before(self):
        if self._known is None:
            self._known = {}
            for image in NoteImage.objects.order_by("-id"):
                self._known.setdefault(image.name.lower(), image)
        return self._known

    def find(self, src, note_name=""):
        path = _link_path(src)
        if not path:
            return None
        folder = posixpath.dirname(str(note_name).replace("\\", "/"))
        normal = posixpath.normpath(path).lstrip("/").lower()
        joined = posixpath.normpath(posixpath.join(folder, path)).lstrip("/").lower() if folder else normal
        for candidate in (joined, normal):
            if candidate in self.by_path:
                return self.by_path[candidate]
        base = posixpath.basename(normal)
        if not base:
            return None
        return self.by_name.get(base) or self._stored_before().get(base)

    def for_note(self, note_name):
        def resolve(src):
            image = self.find(src, note_name)
            return _to_resolved(image) if image is not None else None

        return resolve


def figures_for(sections):
    """{section id: [NoteImage, ...]} for some sections (or ids), in one query.

    For question figures: a question shows the pictures of the section it came from, e.g.
    ``{% include "studynotes/_figure.html" with image=figure %}`` for each of them.
    """
    ids = [getattr(s, "pk", s) for s in sections]
    through = NoteImage.sections.through
    figures = {}
    rows = through.objects.filter(section_id__in=ids).select_related("noteimage").order_by("section_id", "id")
    for row in rows:
        figures.setdefault(row.section_id, []).append(row.noteimage)
    return figures
