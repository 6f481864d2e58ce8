"""Sections from note text without the database (tests, the benchmark), via the importer's parser."""

from pathlib import Path

from .claims import SectionInput


def sections_from_text(name, text, first_id=None):
    from studynotes.importer import parse_note

    sections = []
    for index, parsed in enumerate(parse_note(text)):
        count = len(parsed.markdown.split("\n")) if parsed.markdown else 1
        sections.append(SectionInput(
            id=None if first_id is None else first_id + index, file=name, heading_path=parsed.heading_path,
            language=parsed.language, markdown=parsed.markdown,
            line_start=max(1, parsed.line_end - count + 1),
        ))
    return sections


def sections_from_paths(paths):
    sections = []
    for path in sorted(Path(p) for p in paths):
        sections.extend(sections_from_text(path.name, path.read_text(encoding="utf-8"), first_id=len(sections) + 1))
    return sections
