"""Question generation timing: the five seed notes, then 75 / 150 / 300 synthetic note files.

    .venv/bin/python bench/generation.py            # pure generation (no database)
    .venv/bin/python bench/generation.py --repeat 5

Synthetic files are the seeds with every heading, term and number suffixed by the file
index, so each file brings its own sections, concepts and claims (nothing is deduplicated
away) while keeping the seeds' shape. Prints, per corpus: files, sections, claims,
questions, rejections and the median time of ``--repeat`` runs, then the time per file so
that linear growth can be read off. Target: the seeds well under 2 s.
"""

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "studynotes.settings")

import django  # noqa: E402

django.setup()

from quiz.generation.pipeline import generate  # noqa: E402
from quiz.generation.sources import sections_from_text  # noqa: E402

SEEDS = sorted((ROOT / "fixtures" / "notes").glob("*.txt"))


def synthetic(count):
    """``count`` note files made from the seeds, each with its own headings and term names."""
    texts = [seed.read_text(encoding="utf-8") for seed in SEEDS]
    files = []
    for index in range(count):
        text = texts[index % len(texts)]
        text = re.sub(r"^(#+\s*)(.*)$", lambda m: f"{m.group(1)}{m.group(2)} s{index}", text, flags=re.M)
        text = re.sub(r"^(\s*[-*]\s+)([^:：\n]{1,40})([:：])", lambda m: f"{m.group(1)}{m.group(2)} v{index}{m.group(3)}",
                      text, flags=re.M)
        files.append((f"synthetic_{index:03d}.md", text))
    return files


def sections_of(files):
    sections = []
    for name, text in files:
        sections.extend(sections_from_text(name, text, first_id=len(sections) + 1))
    return sections


def measure(label, files, repeat):
    started = time.perf_counter()
    sections = sections_of(files)
    parse = time.perf_counter() - started
    timings, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = generate(sections)
        timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    print(f"{label:<16} files={len(files):>4} sections={len(sections):>6} claims={result.claims:>6} "
          f"questions={len(result.questions):>5} rejected={sum(result.rejections.values()):>5} "
          f"parse={parse * 1000:8.1f} ms  generate median={median * 1000:8.1f} ms "
          f"({median * 1000 / len(files):6.2f} ms/file, {median * 1e6 / max(result.claims, 1):6.1f} µs/claim)")
    return median


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    generate(sections_of([(p.name, p.read_text(encoding="utf-8")) for p in SEEDS]))  # load lexicon/reference
    seeds = measure("seeds", [(p.name, p.read_text(encoding="utf-8")) for p in SEEDS], args.repeat)
    figures = {}
    for count in (75, 150, 300):
        figures[count] = measure(f"synthetic {count}", synthetic(count), args.repeat)
    print(f"seeds: {seeds:.3f} s (target well under 2 s): {'OK' if seeds < 1.0 else 'TOO SLOW'}")
    ratio = figures[300] / figures[75]
    print(f"300 files / 75 files time ratio: {ratio:.2f} (linear growth is about 4.0)")


if __name__ == "__main__":
    main()
