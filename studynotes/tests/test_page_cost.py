"""Cheap per-section work on the topic page and search: URLs reversed once, unused columns not loaded."""

from django.urls import reverse

from studynotes.search import search_sections


def test_a_sections_url_is_reversed_once_and_follows_its_file(make, monkeypatch):
    section = make.section()
    calls = []
    real_reverse = reverse

    def counting_reverse(*args, **kwargs):
        calls.append(args)
        return real_reverse(*args, **kwargs)

    monkeypatch.setattr("studynotes.models.reverse", counting_reverse)
    url = section.get_absolute_url()
    assert url == real_reverse("studynotes:file", args=[section.note_file_id]) + f"#s{section.pk}"
    assert section.get_absolute_url() == url and len(calls) == 1
    other = make.section()
    section.note_file_id = other.note_file_id
    assert section.get_absolute_url() == real_reverse("studynotes:file", args=[other.note_file_id]) + f"#s{section.pk}"


def test_the_topic_page_does_not_load_markdown_plain_text_or_import_reports(client, make):
    topic = make.topic()
    section = make.section(topics=[topic], language="ja")
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    assert section.html in response.content.decode()
    [shown] = response.context["ja_sections"]
    assert shown.pk == section.pk
    assert {"markdown", "text"} <= shown.get_deferred_fields()
    assert "report" in shown.note_file.get_deferred_fields()


def test_search_results_do_not_load_the_rendered_html_or_markdown(client, make):
    section = make.section(heading="Elastic Beanstalk", markdown="Rolling deployments keep capacity")
    response = client.get(reverse("studynotes:search"), {"q": "Rolling"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Elastic Beanstalk" in response.content.decode()
    [found] = search_sections("Rolling")
    assert found.pk == section.pk
    assert {"markdown", "html"} <= found.get_deferred_fields()
    assert "report" in found.note_file.get_deferred_fields()


def test_a_topics_url_follows_its_slug_and_search_results_share_one_object_per_topic(make):
    topic = make.topic(slug="elastic-beanstalk")
    first = make.section(heading="Rolling one", markdown="Rolling deploys", topics=[topic])
    second = make.section(heading="Rolling two", markdown="Rolling again", topics=[topic])
    assert topic.get_absolute_url() == reverse("studynotes:topic", args=["elastic-beanstalk"])
    topic.slug = "beanstalk"
    assert topic.get_absolute_url() == reverse("studynotes:topic", args=["beanstalk"])
    found = {section.pk: section for section in search_sections("Rolling")}
    [(one, _)] = found[first.pk].topic_links
    [(two, _)] = found[second.pk].topic_links
    assert one is two and one.pk == topic.pk and one.alias_texts == []
