"""Documentation notices (``notices:`` in fixtures/reference.yaml): loaded and checked once, shown on the topic
page and on the topic's sections in their file, with no query added."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from studynotes import notices

EOS_PAGE = "https://docs.aws.amazon.com/xray/latest/devguide/xray-daemon-eos.html"
TEXTS = {"ja": "X-Ray SDK と X-Ray デーモンは 2026年2月25日からメンテナンスモード",
         "ko": "X-Ray SDK와 X-Ray 데몬은 2026년 2월 25일부터 유지 관리 모드",
         "en": "The X-Ray SDKs and the X-Ray daemon have been in maintenance mode"}


def notice(**changes):
    return {"topics": ["x-ray"], "url": EOS_PAGE, "title": "End of support", "checked": datetime.date(2026, 11, 27),
            "text": {"ja": "ja", "ko": "ko", "en": "en"}, **changes}


def test_the_reference_says_the_x_ray_sdks_and_daemon_reach_their_end_of_support():
    [found] = notices.for_topics(["x-ray"], "en")
    assert found["url"] == EOS_PAGE and "February 25, 2027" in found["text"] and "OpenTelemetry" in found["text"]
    assert notices.for_topics(["lambda"], "en") == []


def test_a_notice_is_said_in_the_interface_language_or_else_in_english():
    [parsed] = notices.parse_notices({"notices": [notice()]}, {"x-ray"})
    assert parsed.shown("ko")["text"] == "ko" and parsed.shown("ko")["lang"] == "ko"
    assert parsed.shown("fr") == {"text": "en", "lang": "en", "url": EOS_PAGE, "title": "End of support",
                                  "checked": datetime.date(2026, 11, 27)}


def test_the_x_ray_notice_is_to_be_reviewed_at_the_end_of_support_it_announces():
    [xray] = notices.load_notices()
    assert xray.review_by == datetime.date(2027, 2, 25)
    assert not xray.review_due(datetime.date(2027, 2, 25)) and xray.review_due(datetime.date(2027, 2, 26))


def test_a_commands_summary_says_when_each_notice_was_checked_and_warns_when_stale_or_due_a_review():
    fresh, old, due, reviewed = notices.parse_notices({"notices": [
        notice(), notice(topics=["lambda"], checked=datetime.date(2026, 5, 1)),
        notice(review_by=datetime.date(2027, 2, 25)),
        notice(checked=datetime.date(2027, 2, 26), review_by=datetime.date(2027, 2, 25))]}, {"x-ray", "lambda"})
    lines, warnings = notices.ages([fresh, old, due, reviewed], datetime.date(2027, 3, 1))
    assert lines[0] == ("Documentation notice on x-ray (End of support) last checked: 2026-11-27 (94 days ago)")
    assert lines[2].endswith("(94 days ago); review by 2027-02-25")
    assert warnings == [
        f"WARNING: the documentation notice on lambda (End of support) was checked 304 days ago: read {EOS_PAGE} "
        "again and update its 'checked' in fixtures/reference.yaml.",
        "WARNING: the documentation notice on x-ray (End of support) should be reviewed since 2027-02-25: read "
        f"{EOS_PAGE} again, update its text and 'checked' (or remove it) in fixtures/reference.yaml."]


@pytest.mark.parametrize("changes, message", [
    ({"topics": ["x-ray", "xray-daemon"]}, "reference notice 1: unknown topic 'xray-daemon' (not a slug in "
                                           "fixtures/glossary.yaml)"),
    ({"topics": []}, "reference notice 1: no topics"),
    ({"url": ""}, "reference notice 1 (x-ray): no url"),
    ({"url": "docs.aws.amazon.com/xray/"}, "reference notice 1 (x-ray): no url"),
    ({"text": {"ja": "ja", "en": "en"}}, "reference notice 1 (x-ray): no text in ko"),
    ({"checked": "last week"}, "reference notice 1 (x-ray): no checked date"),
    ({"review_by": "end of support"}, "reference notice 1 (x-ray): review_by is no date"),
])
def test_a_notice_naming_an_unknown_topic_or_lacking_what_it_needs_is_refused(changes, message):
    with pytest.raises(ValueError) as refused:
        notices.parse_notices({"notices": [notice(**changes)]}, {"x-ray"})
    assert str(refused.value).startswith(message)


def test_manage_py_check_says_which_notice_is_broken(tmp_path, monkeypatch):
    broken = tmp_path / "reference.yaml"
    broken.write_text("notices:\n  - {topics: [x-rey], url: https://docs.aws.amazon.com/x.html, checked: 2026-11-27,"
                      " text: {ja: a, ko: b, en: c}}\n", encoding="utf-8")
    monkeypatch.setattr(notices, "NOTICES_PATH", broken)
    with pytest.raises(SystemCheckError, match="unknown topic 'x-rey'"):
        call_command("check")


def test_manage_py_check_says_the_reference_file_is_no_yaml(tmp_path, monkeypatch):
    broken = tmp_path / "reference.yaml"
    broken.write_text("notices:\n  - {topics: [x-ray], url: [\n", encoding="utf-8")
    monkeypatch.setattr(notices, "NOTICES_PATH", broken)
    with pytest.raises(SystemCheckError, match="studynotes.E001"):
        call_command("check")


@pytest.mark.parametrize("language", ["ja", "ko", "en"])
def test_the_topic_page_starts_with_the_notice_linked_to_its_page(client, make, language, settings,
                                                                   django_assert_num_queries):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # the view's own
    topic = make.topic(slug="x-ray", name="AWS X-Ray", domain="observability")
    make.section(topics=[topic], heading="X-Ray デーモン")
    # as without a notice (test_views_topic): topic, aliases, sections, corrections, related topics, questions
    with django_assert_num_queries(6):
        html = client.get("/topics/x-ray/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    header = html.split('class="note-section"')[0]
    label = {"ja": "AWS ドキュメントより", "ko": "AWS 문서 안내", "en": "From the AWS documentation"}[language]
    assert f'<aside class="doc-notice" role="note" aria-label="{label}">' in header
    assert f'<p class="doc-notice-text" lang="{language}">{TEXTS[language]}' in header
    assert f'<a href="{EOS_PAGE}" rel="noopener noreferrer external" lang="en">' in header
    assert html.count('class="doc-notice"') == 1  # not again on each section


def test_a_topic_without_a_notice_shows_none(client, make):
    make.section(topics=[make.topic(slug="lambda")])
    assert "doc-notice" not in client.get("/topics/lambda/").content.decode()


@pytest.mark.parametrize("language", ["ja", "ko", "en"])
def test_a_files_sections_on_the_topic_show_the_notice_once_per_run_of_them(client, make, language,
                                                                             django_assert_num_queries):
    xray, other = make.topic(slug="x-ray"), make.topic(slug="cloudwatch")
    note_file = make.note_file()
    sections = [make.section(note_file, heading=heading, topics=topics, order=order) for order, (heading, topics)
                in enumerate([("X-Ray", [xray]), ("デーモン", [xray, other]), ("CloudWatch", [other]),
                              ("X-Ray SDK", [xray])])]
    client.get(f"/files/{note_file.pk}/")
    # as without a notice (test_views_file): the file, its sections, their topics, their corrections
    with django_assert_num_queries(4):
        html = client.get(f"/files/{note_file.pk}/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    shown = [part.split("</section>")[0] for part in html.split('<section class="file-section"')[1:]]
    assert ['class="doc-notice"' in part for part in shown] == [True, False, False, True]
    assert f'<p class="doc-notice-text" lang="{language}">{TEXTS[language]}' in shown[0]
    assert f'href="{EOS_PAGE}"' in shown[3] and f'id="s{sections[3].pk}"' in shown[3]
