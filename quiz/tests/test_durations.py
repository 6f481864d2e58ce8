"""A duration as people write it in each interface language, the one helper every page uses for a time."""

from datetime import timedelta

import pytest
from django.utils import translation

from quiz.durations import duration_text

@pytest.mark.parametrize("language, seconds, shown", [
    ("en", 17, "17 s"), ("en", 12 * 60 + 5, "12 min 5 s"), ("en", 3600 + 2 * 60 + 59, "1 h 2 min"),
    ("en", 0, "0 s"), ("en", 60, "1 min"), ("en", 2 * 3600, "2 h"), ("en", 25 * 3600 + 7, "25 h"),
    ("ja", 17, "17 秒"), ("ja", 12 * 60 + 5, "12 分 5 秒"), ("ja", 3600 + 2 * 60, "1 時間 2 分"),
    ("ko", 17, "17초"), ("ko", 12 * 60 + 5, "12분 5초"), ("ko", 3600 + 2 * 60, "1시간 2분"),
])
def test_a_duration_reads_as_people_write_it(language, seconds, shown):
    with translation.override(language):
        assert duration_text(timedelta(seconds=seconds)) == shown


def test_a_clock_is_cut_and_a_mean_is_rounded():
    with translation.override("en"):
        assert duration_text(timedelta(minutes=59, seconds=59, microseconds=900000)) == "59 min 59 s"
        assert duration_text(74.6) == "1 min 15 s"
        assert duration_text(130, unit="min") == "2 h 10 min"
        assert duration_text(None) == ""
