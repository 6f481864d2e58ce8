"""Search precision: short Latin terms match at word starts, a misspelling names no broader topic, spacing."""

import pytest

from studynotes.search import highlight, matching_topics, search_sections, topic_index


def _live(client, q):
    return client.get("/search/", {"q": q}, headers={"HX-Request": "true"}).content.decode()


@pytest.fixture
def words(make):
    from studynotes.models import Section

    eb = make.topic(slug="elastic-beanstalk", name="Elastic Beanstalk", aliases=[("EB", "en")])
    sections = {
        "eb": make.section(heading="EBのデプロイ方法", markdown="All at once", topics=[eb]),
        "camel": make.section(heading="ElasticBeanstalk", markdown="AmazonS3 と AmazonRoute53 を使う"),
        "web": make.section(heading="構成", markdown="Web アプリケーションを DEBUG モードで動かす"),
        "records": make.section(heading="Records", markdown="words and standards"),
    }
    # the factory numbers heading paths ("Records 530"): a number there would match "53" by chance
    for section in sections.values():
        Section.objects.filter(pk=section.pk).update(heading_path=section.heading)
    return sections


@pytest.mark.django_db
@pytest.mark.parametrize("q, keys", [
    ("EB", ["eb"]),  # not inside "Web", "DEBUG" or "ElasticBeanstalk"
    ("ｅｂ", ["eb"]),
    ("RDS", []),  # not inside "Records", "words" or "standards"
    ("Bea", ["camel"]),  # a word being typed, from a capital after a small letter
    ("S3", ["camel"]),
    ("53", ["camel"]),  # a digit after a letter
    ("Web", ["web"]),
    ("ebug", ["web"]),  # four characters or more: anywhere, as before
    ("デプロイ EB", ["eb"]),
])
def test_a_short_latin_term_matches_at_the_start_of_a_word(client, words, q, keys):
    assert search_sections(q) == [words[key] for key in keys]
    page = client.get("/search/", {"q": q}).content.decode()
    live = _live(client, q)
    for key, section in words.items():
        assert (section.get_absolute_url() in page) == (key in keys)
        if key not in keys:  # (live results search the headings only for two characters or fewer)
            assert section.get_absolute_url() not in live


def test_a_short_latin_term_is_highlighted_where_it_matched_only():
    assert highlight("Web と EB、.ebextensions", ["eb"]) == "Web と <mark>EB</mark>、.<mark>eb</mark>extensions"
    assert highlight("AmazonS3 DEBUG", ["s3", "bug"]) == "Amazon<mark>S3</mark> DEBUG"


@pytest.mark.django_db
def test_a_short_term_with_a_sign_matches_at_the_start_of_a_word_too(client, make):
    # "B/G" (blue/green) listed the load balancing topic, named "… (ALB/NLB/GWLB/CLB)"
    elb = make.topic(slug="elb", name="Elastic Load Balancing (ALB/NLB/GWLB/CLB)")
    inside = make.section(heading="ELB", markdown="NLB/GWLB の違い", topics=[elb])
    ab = make.section(heading="배포", markdown="Blue-green, A/B 배포")
    cpp = make.section(heading="SDK", markdown="C++ の SDK")  # a sign the regular expression escapes
    assert matching_topics(["B/G"]) == [] and search_sections("B/G") == []
    assert search_sections("a/b") == [ab] and search_sections("c++") == [cpp]
    assert highlight("NLB/GWLB と A/B", ["b/g", "a/b"]) == "NLB/GWLB と <mark>A/B</mark>"
    for html in (client.get("/search/", {"q": "B/G"}).content.decode(), _live(client, "B/G")):
        assert "/topics/elb/" not in html and inside.get_absolute_url() not in html


@pytest.mark.django_db
def test_a_short_latin_term_finds_topics_whose_name_has_a_word_starting_with_it(make):
    make.section(topics=[make.topic(slug="redundancy", name="Redundancy and high availability")])
    lambda_ = make.topic(slug="lambda", name="AWS Lambda")
    make.section(topics=[lambda_])
    assert matching_topics(["La"]) == [lambda_]
    assert matching_topics(["Lambda"]) == [lambda_]


@pytest.fixture
def cloudwatch(make):
    from studynotes.models import TopicAlias

    topic = make.topic(slug="cloudwatch", name="Amazon CloudWatch",
                       aliases=[("CloudWatch", "en"), ("CloudWatch Logs", "en")])
    for typo in ("Cloudwatch", "CloudwatchLogs"):
        TopicAlias.objects.create(topic=topic, text=typo, language="en", shown=False)
    return {
        "typo": make.section(heading="基本", markdown="ロギング：CloudwatchLogsに書き込み", topics=[topic]),
        "right": make.section(language="ko", heading="Handler", markdown="CloudWatch Logs 로그 그룹", topics=[topic]),
        "alarm": make.section(heading="実行可能な操作", markdown="CloudWatchのアラーム", topics=[topic]),
        "metrics": make.section(heading="モニタリング", markdown="Amazon CloudWatch メトリクス", topics=[topic]),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("q", ["CloudwatchLogs", "cloudwatchlogs", "CloudWatch Logs"])
def test_a_misspelt_part_of_a_topic_finds_that_part_not_every_section_on_the_topic(client, cloudwatch, q):
    assert set(search_sections(q, index=topic_index())) == {cloudwatch["typo"], cloudwatch["right"]}
    for html in (client.get("/search/", {"q": q}).content.decode(), _live(client, q)):
        assert cloudwatch["right"].get_absolute_url() in html and cloudwatch["typo"].get_absolute_url() in html
        assert cloudwatch["alarm"].get_absolute_url() not in html
        assert cloudwatch["metrics"].get_absolute_url() not in html


@pytest.mark.django_db
def test_the_topic_itself_still_finds_every_section_on_it(cloudwatch):
    assert len(search_sections("Cloudwatch", index=topic_index())) == 4


@pytest.mark.django_db
@pytest.mark.parametrize("q, written", [("로드밸런서", "로드 밸런서"), ("로드 밸런서", "로드밸런서"),
                                        ('"Auto Scaling"', "AutoScaling")])
def test_a_topics_alias_finds_the_same_alias_spaced_otherwise(client, make, q, written):
    topic = make.topic(slug="t", name="Topic", aliases=[("로드 밸런서", "ko"), ("로드밸런서", "ko"),
                                                        ("Auto Scaling", "en"), ("AutoScaling", "en")])
    section = make.section(language="ko", markdown=f"{written}가 있어서", topics=[topic])
    assert search_sections(q, index=topic_index()) == [section]
    html = client.get("/search/", {"q": q}).content.decode()
    assert f"<mark>{written}</mark>" in html


@pytest.mark.django_db
@pytest.mark.parametrize("q, written", [("롤링배포", "롤링 배포"), ("xray", "X-Ray"), ("blue/green", "Blue-green"),
                                        ("BlueGreen", "Blue Green")])
def test_a_topics_name_or_alias_finds_it_written_with_other_spaces_or_signs(client, make, q, written):
    # "롤링배포" found nothing though the topic's Korean name is "롤링 배포", nor "xray" the notes' "X-Ray"
    topic = make.topic(slug="t", name="Topic", names={"ko": "롤링 배포"},
                       aliases=[("X-Ray", "en"), ("Blue-Green", "en"), ("Blue Green", "en"), ("Red-Black", "en")])
    section = make.section(language="ko", markdown=f"{written}는 이렇게 한다", topics=[topic])
    other = make.section(language="ko", markdown="Red-Black 도 있다", topics=[topic])  # another alias: not found
    assert search_sections(q, index=topic_index()) == [section]
    for html in (client.get("/search/", {"q": q}).content.decode(), _live(client, q)):
        assert f"<mark>{written}</mark>" in html and other.get_absolute_url() not in html


def test_words_apart_that_find_nothing_are_searched_together_when_they_spell_a_topics_name(client, make):
    # "블루 그린": no note has both words apart, the notes write "블루그린": it was "Nothing matches"
    topic = make.topic(slug="t", name="Topic", names={"ko": "블루그린"})
    joined = make.section(language="ko", markdown="블루그린 배포는 두 환경을 쓴다", topics=[topic])
    other = make.section(language="ko", markdown="롤링 배포", topics=[topic])
    for html in (client.get("/search/", {"q": "블루 그린"}).content.decode(), _live(client, "블루 그린")):
        assert joined.get_absolute_url() in html and other.get_absolute_url() not in html
        assert "<mark>블루그린</mark>" in html


def test_words_that_spell_a_topics_name_find_what_the_name_finds(client, make, django_assert_num_queries):
    # "blue green" found the sections with both words, not the notes' misspelt "Bule/Green" that "ブルーグリーン"
    # and "bluegreen" find (glossary.yaml lists it as the topic's hidden alias)
    from studynotes.models import TopicAlias

    topic = make.topic(slug="bg", name="Blue/Green deployment",
                       aliases=[("Blue/Green", "en"), ("BlueGreen", "en")])
    TopicAlias.objects.create(topic=topic, text="Bule/Green", language="en", shown=False)
    both = make.section(heading="Blue green", markdown="二つの環境", topics=[topic])
    misspelt = make.section(heading="Bule/Green", markdown="切り替える", topics=[topic])
    assert search_sections("blue green", index=topic_index()) == [both]  # the words apart
    with django_assert_num_queries(5):  # as many as the words apart: no second search
        html = client.get("/search/", {"q": "blue green"}).content.decode()
    for html in (html, _live(client, "blue green")):
        assert both.get_absolute_url() in html and misspelt.get_absolute_url() in html
        assert "<mark>Bule/Green</mark>" in html


@pytest.mark.django_db
def test_search_as_you_type_builds_a_short_terms_word_start_regex_once_not_per_topic_name(make, monkeypatch):
    # matching_topics runs on every keystroke over every topic: building (and looking up) the regex for each
    # name made a short term 14 times slower than a long one on the fixture notes' 36 topics
    from studynotes import search

    for n in range(30):
        topic = make.topic(slug=f"topic-{n}", name=f"Topic {n}", aliases=[(f"T{n} alias", "en")])
        make.section(heading=f"Topic {n}", markdown="text", topics=[topic])
    index = topic_index()
    assert len(index.topics) == 30
    built = []
    real = search.word_start_regex
    monkeypatch.setattr(search, "word_start_regex", lambda term: built.append(term) or real(term))

    matching_topics(["qz"], index=index)
    matching_topics(["qz"], index=index)

    assert len(built) <= 1
