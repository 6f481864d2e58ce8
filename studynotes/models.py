"""Notes: imported files, their heading-delimited sections and the topics they cover."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    JA = "ja", _("Japanese")
    KO = "ko", _("Korean")
    EN = "en", _("English")


class Domain(models.TextChoices):
    DEPLOYMENT = "deployment", _("Deployment")
    NETWORKING = "networking", _("Networking")
    COMPUTE = "compute", _("Compute")
    MESSAGING = "messaging", _("Messaging")
    OBSERVABILITY = "observability", _("Observability")
    DNS = "dns", _("DNS")
    STORAGE = "storage", _("Storage")
    DATABASE = "database", _("Database")
    SECURITY = "security", _("Security")
    RESILIENCE = "resilience", _("Resilience")
    GENERAL = "general", _("General")


class NoteFileQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired=False)


class NoteFile(models.Model):
    """One imported note file, identified by its original file name."""

    name = models.CharField(max_length=255, unique=True)
    # what learners see for the file: its first heading (its name is often a hash, "004_e9cc76d6e1cfad47.txt")
    title = models.CharField(max_length=200, blank=True, db_default="")  # db_default: the release before
    sha256 = models.CharField(max_length=64)
    encoding = models.CharField(max_length=40)
    byte_size = models.PositiveIntegerField()
    imported_at = models.DateTimeField()
    importer_version = models.CharField(max_length=20)
    retired = models.BooleanField(default=False)
    report = models.JSONField(default=dict, blank=True)

    objects = NoteFileQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("studynotes:file", args=[self.pk])

    @property
    def display_title(self):
        """The file as learners see it: its title, else its name."""
        return self.title or self.name


class SectionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(retired=False, note_file__retired=False)


class Section(models.Model):
    """A heading-delimited piece of a note file."""

    note_file = models.ForeignKey(NoteFile, on_delete=models.PROTECT, related_name="sections")
    heading_path = models.CharField(max_length=1000)
    heading = models.CharField(max_length=500, blank=True)
    level = models.PositiveSmallIntegerField(default=0)
    order = models.PositiveIntegerField()
    language = models.CharField(max_length=2, choices=Language.choices)
    markdown = models.TextField(blank=True)
    html = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="Plain text, for search and excerpts.")
    line_start = models.PositiveIntegerField()
    line_end = models.PositiveIntegerField()
    retired = models.BooleanField(default=False)
    topics = models.ManyToManyField("Topic", through="SectionTopic", related_name="sections")

    objects = SectionQuerySet.as_manager()

    class Meta:
        ordering = ["note_file", "order"]
        constraints = [
            models.UniqueConstraint(fields=["note_file", "heading_path"], name="section_unique_heading_path"),
        ]

    def __str__(self):
        return f"{self.note_file.name} › {self.heading_path}"

    @property
    def display_place(self):
        """Where the section is, as learners name it: its heading path, which starts with the file's title (the
        file's first heading), led by that title when it does not (a later top-level heading, none at all), so
        the file is always named. Reads ``note_file``: select it with the section."""
        title, path = self.note_file.display_title, self.heading_path
        if not path or path == title:
            return title
        return path if path.startswith(f"{title} › ") else f"{title} › {path}"

    @property
    def anchor(self):
        return f"s{self.pk}"

    @property
    def body_line_start(self):
        """First file line of ``markdown`` (the importer stores the body, trimmed, ending on ``line_end``)."""
        count = len(self.markdown.split("\n")) if self.markdown else 1
        return max(1, self.line_end - count + 1)

    @property
    def display_html(self):
        """``html`` as a page shows it: its image placeholders labelled in the interface language (the import
        wrote the note's), like the rest of the page around the note, as are its callouts' type labels, and its
        struck text said to be struck. Safe to render."""
        from django.utils.translation import get_language

        from .rendering import callout_labels, placeholder_labels, struck_labels

        language = (get_language() or "en")[:2]
        html_text = callout_labels(placeholder_labels(self.html, language, self.language), language, self.language)
        return struck_labels(html_text, language, self.language)

    def get_absolute_url(self):
        # Templates ask for it more than once per section (topic page, search): reverse() only once.
        key = (self.note_file_id, self.pk)
        cached = self.__dict__.get("_absolute_url")
        if cached is None or cached[0] != key:
            cached = self.__dict__["_absolute_url"] = (
                key, reverse("studynotes:file", args=[self.note_file_id]) + f"#{self.anchor}"
            )
        return cached[1]


class Topic(models.Model):
    """One concept, whatever language the notes about it are written in."""

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200, help_text="English name")
    names = models.JSONField(default=dict, blank=True,
                             help_text='The name in other interface languages, e.g. {"ja": "…", "ko": "…"} '
                                       "(from the glossary; a service name that stays English has none).")
    domain = models.CharField(max_length=20, choices=Domain.choices, default=Domain.GENERAL)
    summary = models.TextField(blank=True)
    # The home page's card: the section most about this topic and an excerpt from where it says so, chosen
    # when links change (studynotes.cards.refresh_topic_cards); until then the card takes the first section.
    card_section = models.ForeignKey("Section", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                     editable=False)
    card_excerpt = models.TextField(blank=True, editable=False, db_default="")  # db_default: the release before
    # The same among the topic's Japanese and Korean sections only: the card of the interface language's notes
    # (the one above in English, or when the topic has none in either language).
    card_section_ja = models.ForeignKey("Section", null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", editable=False)
    card_excerpt_ja = models.TextField(blank=True, editable=False, db_default="")
    card_section_ko = models.ForeignKey("Section", null=True, blank=True, on_delete=models.SET_NULL,
                                        related_name="+", editable=False)
    card_excerpt_ko = models.TextField(blank=True, editable=False, db_default="")

    class Meta:
        ordering = ["domain", "name"]

    def __str__(self):
        return self.name

    def name_in(self, language):
        """The name in ``language`` ("ja", "ko", "en"), the English name when it has none."""
        return (self.names or {}).get((language or "en")[:2]) or self.name

    @property
    def display_name(self):
        """The name in the active interface language."""
        from django.utils.translation import get_language

        return self.name_in(get_language())

    def get_absolute_url(self):
        # Search results and the topic page link a topic several times: reverse() once per instance.
        cached = self.__dict__.get("_absolute_url")
        if cached is None or cached[0] != self.slug:
            cached = self.__dict__["_absolute_url"] = (self.slug, reverse("studynotes:topic", args=[self.slug]))
        return cached[1]


class TopicAlias(models.Model):
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="aliases")
    text = models.CharField(max_length=200)
    language = models.CharField(max_length=2, choices=Language.choices)
    # False for a misspelling found in notes ("Bule/Green", "Lamdba"): matched, never shown as a name.
    shown = models.BooleanField(default=True)

    class Meta:
        ordering = ["topic", "language", "text"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "text", "language"], name="topicalias_unique"),
        ]

    def __str__(self):
        return f"{self.text} ({self.language})"


class SectionTopic(models.Model):
    class Via(models.TextChoices):
        HEADING = "heading", _("Heading")
        BODY = "body", _("Body mention")

    section = models.ForeignKey(Section, on_delete=models.CASCADE)
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE)
    via = models.CharField(max_length=10, choices=Via.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["section", "topic"], name="sectiontopic_unique"),
        ]


class NoteCorrection(models.Model):
    """A note claim that the curated AWS reference contradicts, shown on its section.

    Written by question generation; studynotes only displays it.
    """

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="corrections")
    key = models.CharField(max_length=64, help_text="Stable hash of what is corrected.")
    claim = models.TextField(help_text="The note's wording, quoted.")
    correction = models.JSONField(default=dict, help_text="{lang: text} of what the documentation says.")
    reference_url = models.URLField(max_length=500)
    reference_title = models.CharField(max_length=300, blank=True)
    # The file lines of the corrected claim, marked on the section ("Corrected below"). Null for a correction
    # written before they were kept, and once an import changes its section: the lines may have moved, and
    # only the next generation knows where the claim is now.
    line_start = models.PositiveIntegerField(null=True, blank=True)
    line_end = models.PositiveIntegerField(null=True, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["section", "id"]
        constraints = [
            models.UniqueConstraint(fields=["section", "key"], name="notecorrection_unique"),
        ]

    def __str__(self):
        return f"Correction on {self.section_id}: {self.claim[:60]}"


class NoteImage(models.Model):
    """A picture imported with notes: stored once per content hash, metadata stripped.

    ``file`` is the cleaned full-size image (original format); ``thumbnails`` maps a width
    ("480", "960") to ``{"path", "width", "height"}`` of a WebP thumbnail made at import.
    """

    sha256 = models.CharField(max_length=64, unique=True)
    name = models.CharField(max_length=255, help_text="File name as uploaded (first upload).")
    format = models.CharField(max_length=10)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    byte_size = models.PositiveIntegerField()
    file = models.CharField(max_length=300, help_text="Storage path of the cleaned full-size image.")
    thumbnails = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)
    sections = models.ManyToManyField(Section, related_name="images", blank=True)

    class Meta:
        ordering = ["name", "id"]

    def __str__(self):
        return self.name

    @property
    def url(self):
        from django.core.files.storage import default_storage

        return default_storage.url(self.file)

    def _thumb(self, width):
        thumbs = self.thumbnails or {}
        return thumbs.get(str(width)) or (thumbs[min(thumbs, key=int)] if thumbs else None)

    def thumb_url(self, width=480):
        from django.core.files.storage import default_storage

        thumb = self._thumb(width)
        return default_storage.url(thumb["path"]) if thumb else self.url

    def display_width(self, width=480):
        thumb = self._thumb(width)
        return thumb["width"] if thumb else self.width

    def display_height(self, width=480):
        thumb = self._thumb(width)
        return thumb["height"] if thumb else self.height

    @property
    def thumb(self):
        """The 480 px thumbnail as {"url", "width", "height"} (for templates: question figures)."""
        return {"url": self.thumb_url(480), "width": self.display_width(480), "height": self.display_height(480)}

    def srcset(self):
        from django.core.files.storage import default_storage

        return ", ".join(
            f"{default_storage.url(t['path'])} {t['width']}w"
            for _, t in sorted((self.thumbnails or {}).items(), key=lambda kv: int(kv[0]))
        )


class RateCounter(models.Model):
    """One fixed-window rate-limit counter (studynotes/ratelimit.py): hits of ``key`` in the window that
    starts at ``window_start`` (seconds since the epoch, a multiple of the period). One row per key,
    counted with a single upsert, in the database every app server shares."""

    key = models.CharField(max_length=255, primary_key=True)
    window_start = models.BigIntegerField()
    hits = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.key}: {self.hits} since {self.window_start}"
