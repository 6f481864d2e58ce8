import json

from django.core.management.base import BaseCommand

from studynotes.management.database import database_errors
from studynotes.management.output import write_file
from studynotes.models import Section, SectionTopic, Topic

EXPORT_FORMAT = "kumo-study/topics"
EXPORT_VERSION = 2  # 2: a misspelling the glossary lists is under "misspellings", no longer under "aliases"


def _aliases(topic, shown):
    return [
        {"text": a.text, "language": a.language}
        for a in sorted(topic.aliases.all(), key=lambda a: (a.language, a.text))
        if a.shown == shown
    ]


def export_topics():
    """Every topic with its aliases and active sections, as plain data (see docs/IMPORT.md)."""
    topics = list(Topic.objects.prefetch_related("aliases").order_by("slug"))
    links = (
        SectionTopic.objects.filter(section__retired=False, section__note_file__retired=False)
        .select_related("section__note_file")
        .order_by("section__note_file__name", "section__order", "section__id")
    )
    by_topic = {}
    for link in links:
        section: Section = link.section
        by_topic.setdefault(link.topic_id, []).append({
            "file": section.note_file.name,
            "heading_path": section.heading_path,
            "heading": section.heading,
            "language": section.language,
            "line_start": section.line_start,
            "line_end": section.line_end,
            "via": link.via,
            "markdown": section.markdown,
        })
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "topics": [
            {
                "slug": topic.slug,
                "name": topic.name,
                "names": topic.names or {},
                "domain": topic.domain,
                "aliases": _aliases(topic, shown=True),
                "misspellings": _aliases(topic, shown=False),  # matched in the notes, never shown as a name
                "sections": by_topic.get(topic.pk, []),
            }
            for topic in topics
        ],
    }


class Command(BaseCommand):
    help = (
        "Write every topic with its aliases, the glossary's misspellings apart, and sections (file, heading "
        "path, language, line span, Markdown) as JSON. The format is stable and documented in docs/IMPORT.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", default="json", choices=["json"], help="Output format (json).")
        parser.add_argument("--output", "-o", metavar="FILE", help="Write to this file instead of standard output.")

    def handle(self, *args, format, output, **options):
        with database_errors():
            data = export_topics()
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        if output:
            write_file(output, text)  # whole or not at all: a failed write leaves the previous file as it was
            self.stdout.write(f"Wrote {output}")
        else:
            self.stdout.write(text, ending="")
