"""Cached topic pages (studynotes/pagecache.py): served from the shared cache, stale after every notes write."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from studynotes import pagecache
from studynotes.importer import import_file
from studynotes.models import NoteCorrection, Section

pytestmark = pytest.mark.django_db

NOTE = "# Elastic Beanstalk\n\n## Rolling\n\n{body}\n"


def _topic_page(client, slug="elastic-beanstalk", **extra):
    response = client.get(reverse("studynotes:topic", args=[slug]), **extra)
    assert response.status_code == 200
    return response.content.decode()


def _notes_queries(ctx):
    notes_tables = ("studynotes_section", "studynotes_topic", "studynotes_notecorrection")
    return [q["sql"] for q in ctx.captured_queries if any(t in q["sql"] for t in notes_tables)]


def test_a_second_visit_is_served_from_the_cache_without_reading_the_notes(client):
    import_file("eb.md", NOTE.format(body="Rolling deployments keep capacity.").encode())
    first = _topic_page(client)
    with CaptureQueriesContext(connection) as ctx:
        second = _topic_page(client)
    main = second.split("<main")[1]
    assert main == first.split("<main")[1] and "Rolling deployments keep capacity." in main
    assert _notes_queries(ctx) == []
    assert len(ctx.captured_queries) == 1  # the content stamp and the page, in one cache read


def test_re_importing_a_changed_file_changes_the_topic_page_at_once(client, django_capture_on_commit_callbacks):
    import_file("eb.md", NOTE.format(body="Old wording of the note.").encode())
    assert "Old wording" in _topic_page(client)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        import_file("eb.md", NOTE.format(body="New wording of the note.").encode())
    assert callbacks  # the stamp is written again after the commit (caches outside the database)
    html = _topic_page(client)
    assert "New wording" in html and "Old wording" not in html


def test_retiring_a_file_takes_its_sections_off_the_cached_topic_page(client, instructor_client, make):
    result = import_file("eb.md", NOTE.format(body="Soon retired.").encode())
    anonymous = type(client)()
    assert "Soon retired." in _topic_page(anonymous)
    response = instructor_client.post(reverse("instructor:note_retire", args=[result.note_file_id]), {"retired": "1"})
    assert response.status_code == 302
    assert "Soon retired." not in _topic_page(anonymous)


def test_regenerating_questions_shows_new_corrections_on_the_cached_page(client, make):
    from quiz.generation import pipeline

    topic = make.topic(slug="beanstalk")
    section = make.section(topics=[topic], markdown="Immutable updates replace the instances.")
    assert "Correction" not in _topic_page(client, "beanstalk")

    class Result:
        questions, issues = [], []
        corrections = [{"section": section.pk, "key": "k1", "claim": "Immutable updates replace the instances.",
                        "correction": {"en": "They launch new instances in a new group."},
                        "reference_url": "https://docs.aws.amazon.com/", "reference_title": "AWS docs"}]

    pipeline.save(Result())
    assert NoteCorrection.objects.filter(active=True).count() == 1
    assert "They launch new instances in a new group." in _topic_page(client, "beanstalk")


def test_an_admin_edit_of_a_topic_shows_on_the_cached_page(admin_client, client, make):
    topic = make.topic(slug="ecs", name="ECS")
    make.section(topics=[topic])
    assert "<h1>ECS</h1>" in _topic_page(client, "ecs")
    response = admin_client.post(
        reverse("admin:studynotes_topic_change", args=[topic.pk]),
        {"name": "Amazon ECS", "slug": "ecs", "domain": topic.domain, "summary": "",
         "aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "<h1>Amazon ECS</h1>" in _topic_page(client, "ecs")


def test_each_interface_language_has_its_own_cached_page(client, make):
    topic = make.topic(slug="ecs")
    make.section(topics=[topic], language="ja")
    assert "Japanese notes" in _topic_page(client, "ecs", HTTP_ACCEPT_LANGUAGE="en")
    assert "日本語のノート" in _topic_page(client, "ecs", HTTP_ACCEPT_LANGUAGE="ja")
    assert "Japanese notes" in _topic_page(client, "ecs", HTTP_ACCEPT_LANGUAGE="en")


def test_every_visitor_gets_their_own_csrf_token_and_actions_from_a_shared_cached_page(make, learner, other_learner):
    from django.test import Client

    topic = make.topic(slug="ecs")
    make.section(topics=[topic], markdown="共有される本文")
    make.question(topic)
    anonymous = _topic_page(Client(), "ecs")
    assert "Log in to practise this topic" in anonymous and "csrfmiddlewaretoken" not in anonymous.split("<main")[1]
    tokens = []
    for user in (learner, other_learner):
        client = Client()
        client.force_login(user)
        html = _topic_page(client, "ecs")
        assert "共有される本文" in html and "Practise this topic" in html and user.username in html
        main = html.split("<main")[1]
        tokens.append(main.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0])
        assert client.cookies["csrftoken"].value
    assert tokens[0] != tokens[1]


def test_a_lost_stamp_makes_every_cached_page_stale_never_wrong(client, make):
    topic = make.topic(slug="ecs")
    section = make.section(topics=[topic], markdown="First text.")
    assert "First text." in _topic_page(client, "ecs")
    Section.objects.filter(pk=section.pk).update(html="<p>Second text.</p>")  # a write that forgot to bump
    cache.delete(pagecache.STAMP_KEY)  # culled or cleared
    assert "Second text." in _topic_page(client, "ecs")


def test_a_missing_topic_or_page_is_404_and_not_cached(client, make):
    assert client.get("/topics/nothing-here/").status_code == 404
    topic = make.topic(slug="nothing-here")
    make.section(topics=[topic])
    assert client.get("/topics/nothing-here/").status_code == 200
    assert client.get("/topics/nothing-here/?page=2").status_code == 404


def test_cache_keys_hash_arbitrary_text_and_stay_short():
    assert pagecache.key("topic", "ecs", 1, "en") == f"notes:{pagecache.code_version()}:topic:ecs:1:en"
    long_key = pagecache.key("search", "ja", "ロ ーリング" * 50)
    assert long_key.startswith("notes:") and len(long_key) < 100 and long_key.isascii() and " " not in long_key
    assert pagecache.key("search", "ja", "a b") != pagecache.key("search", "ja", "a  b")


def test_the_code_version_changes_with_any_template_or_module(settings, tmp_path):
    for folder in ("templates/studynotes", "studynotes", "quiz/tests"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "templates/studynotes/topic.html").write_text("<h1>{{ title }}</h1>")
    (tmp_path / "studynotes/views.py").write_text("X = 1\n")
    settings.BASE_DIR = tmp_path
    pagecache.code_version.cache_clear()
    try:
        first = pagecache.code_version()
        (tmp_path / "quiz/tests/test_x.py").write_text("changed tests do not matter\n")
        pagecache.code_version.cache_clear()
        assert pagecache.code_version() == first
        (tmp_path / "templates/studynotes/topic.html").write_text("<h2>{{ title }}</h2>")
        pagecache.code_version.cache_clear()
        second = pagecache.code_version()
        (tmp_path / "studynotes/views.py").write_text("X = 2\n")
        pagecache.code_version.cache_clear()
        assert len({first, second, pagecache.code_version()}) == 3
        # the documentation notices are read once per process and shown on topic pages (studynotes.notices)
        third = pagecache.code_version()
        (tmp_path / "fixtures").mkdir()
        (tmp_path / "fixtures/reference.yaml").write_text("notices: []\n")
        pagecache.code_version.cache_clear()
        assert pagecache.code_version() != third
    finally:
        pagecache.code_version.cache_clear()


def test_stored_fragments_are_compressed_and_anything_else_reads_as_a_miss(client, make):
    html = "<p>" + "本文 " * 2000 + "</p>"
    blob = pagecache.pack(("stamp", html))
    assert len(blob) < len(html.encode()) / 5 and pagecache.unpack(blob) == ("stamp", html)
    assert pagecache.unpack(("stamp", html)) is None and pagecache.unpack(b"not zlib") is None
    topic = make.topic(slug="ecs")
    make.section(topics=[topic], markdown="Fresh text.")
    stamp, _ = pagecache.get(pagecache.key("topic", "ecs", 1, "en"))
    cache.set(pagecache.key("topic", "ecs", 1, "en"), (stamp, {"title": "stale, unpacked"}))  # older code's entry
    assert "Fresh text." in _topic_page(client, "ecs", HTTP_ACCEPT_LANGUAGE="en")
