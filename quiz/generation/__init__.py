"""Question generation: from note sections to checked multiple-choice questions.

Pure functions (no database) in ``claims``, ``lexicon``, ``reference``, ``families``,
``scenarios``, ``templates``, ``validator``; ``pipeline`` ties them together and is the
only module that reads and writes rows. See docs/QUESTIONS.md.
"""

GENERATOR_VERSION = "gen-1.2"  # 1.2: statements mean what they say (lexicon satisfied_by/unclear_for), choose-two scenarios
