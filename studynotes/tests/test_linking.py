"""Topic linking: glossary sync, alias matching rules, heading-first links, seed coverage."""

from pathlib import Path

import pytest
from django.utils import translation

from studynotes.importer import import_file, import_paths
from studynotes.linking import TopicMatcher, link_topics, load_glossary, sync_glossary
from studynotes.models import Section, SectionTopic, Topic, TopicAlias


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted in English, whatever another test left active on this thread."""
    with translation.override("en"):
        yield


SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "notes"
REAL_SPELLINGS = {
    "blue-green-deployment": ["Blue/Green", "Blue-Green", "Bule/Green", "Red/Black", "ブルーグリーン", "블루그린"],
    "canary-deployment": ["canary", "カナリア", "카나리아", "Traffic splitting", "トラフィック分割"],
    "big-bang-deployment": ["빅뱅 배포", "All at once", "一度にすべて"],
    "rolling-deployment": ["ローリング", "롤링"],
    "lambda": ["Lambda", "Lamdba"],
    "elastic-beanstalk": ["ElasticBeanstalk"],
    "elb": ["ALB", "NLB", "GWLB", "CLB"],
    "x-ray": ["X-Ray"],
    "msk": ["MSK"],
    "route-53": ["Route 53", "Route53"],
    "route-53-failover": ["アクティブ/パッシブ"],
    "ecs": ["ECS"],
    "sqs": ["SQS"],
    "kinesis": ["Kinesis"],
    "dynamodb": ["DynamoDB"],
    "s3": ["S3"],
    "api-gateway": ["API Gateway"],
    "sam": ["SAM"],
    "cloudformation": ["CloudFormation"],
    "ebextensions": [".ebextensions"],
    "rpo-rto": ["RPO", "RTO"],
}


@pytest.fixture
def matcher():
    glossary = load_glossary()
    entries = [(text, g.slug) for g in glossary for text, _ in g.aliases] + [(g.name, g.slug) for g in glossary]
    contexts = {(text, g.slug): rule for g in glossary for text, rule in g.context.items()}
    return TopicMatcher(entries, contexts)


@pytest.mark.parametrize("slug, spellings", REAL_SPELLINGS.items())
def test_the_glossary_lists_the_real_spellings_of_each_concept(slug, spellings):
    aliases = {text for g in load_glossary() if g.slug == slug for text, _ in g.aliases}
    assert set(spellings) <= aliases


def test_every_glossary_topic_has_english_japanese_and_korean_alias_lists():
    for topic in load_glossary():
        assert any(language == "en" for _, language in topic.aliases), topic.slug


@pytest.mark.parametrize(
    "text, expected",
    [
        ("LambdaLayer で共通化", ["lambda"]),
        ("(AmazonRoute53)を利用した切替", ["route-53"]),
        ("アクティブ/パッシブ (フェイルオーバー): Route 53 が返す", ["route-53-failover", "route-53"]),
        ("All at once (一度にすべて): 同時にデプロイ", ["big-bang-deployment", "eb-deployment-policies"]),
        ("Traffic splitting (トラフィック分割)", ["canary-deployment", "eb-deployment-policies"]),
        ("ElasticBeanstalk › EBのデプロイ方法", ["elastic-beanstalk", "eb-deployment-policies"]),
        ("Blue-green, Red-black, A/B 배포", ["blue-green-deployment"]),
        ("카나리아(canary) 배포", ["canary-deployment"]),
        ("SAMPLE text about controlling", []),
        ("XS3 is not S3", ["s3"]),
        ("an sqs queue in lower case", []),
        ("X-Rayデーモン", ["x-ray"]),
    ],
)
def test_aliases_match_whole_words_camel_case_joins_and_cjk_substrings(matcher, text, expected):
    assert matcher.find(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("CodeDeployのデプロイ方法", ["codedeploy"]),  # a generic "how to deploy" is not EB's policies
        ("WEBのデプロイ方法", []),  # nor is "EB" inside a word
        ("ELB の Connection Draining", ["elb"]),
        ("EC2 スポットインスタンスの料金", ["ec2"]),
        ("EC2 스팟 인스턴스 요금", ["ec2"]),
        ("RDS Multi-AZ のフェイルオーバー", ["rds", "redundancy"]),
        ("Aurora failover", ["rds"]),
        ("S3 Transfer Acceleration", ["s3"]),
    ],
)
def test_a_word_shared_with_another_concept_does_not_pull_a_section_into_a_specific_topic(matcher, text, expected):
    assert matcher.find(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Rolling back the release", []),
        ("then roll back, or rolling-back by hand", []),
        ("Rolling (ローリング): 既存インスタンスを利用", ["rolling-deployment"]),
        ("フローリングの床", []),
        ("ローリングデプロイ", ["rolling-deployment"]),
        ("ELB のターゲットは draining 状態になる", ["elb"]),
        ("Google Cloud のバックエンドのドレイン", []),
        ("NEG のコネクションドレイン", []),
        ("コンテナインスタンスを DRAINING に設定すると", ["ecs-spot-draining"]),
        ("Amazon ECS のスポットインスタンスのドレイン", ["ecs", "ec2", "ecs-spot-draining"]),
        ("Immutable infrastructure: servers are replaced", []),
        ("イミュータブルインフラストラクチャ、イミュータブル・インフラ、イミュータブルなインフラ", []),
        ("이뮤터블 인프라", []),
        ("Immutable (イミュータブル): 既存インスタンスを更新せず", ["eb-deployment-policies"]),
        ("更新方法は「Immutable」方式で実施", ["eb-deployment-policies"]),
    ],
)
def test_context_rules_keep_a_word_of_another_concept_off_a_topic(matcher, text, expected):
    assert matcher.find(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("컨트롤링 비용을 줄인다", []),  # "controlling", not 롤링
        ("스크롤링과 패트롤링", []),
        ("컨트롤링 배포", []),  # nor 롤링 배포
        ("텔레키네시스", []),
        ("유한상태 머신", []),  # a finite-state machine is not Step Functions' 상태 머신
        ("롤링은 일부씩 교체하고, 실패하면 롤링으로 되돌린다", ["rolling-deployment"]),  # particles follow freely
        ("롤링업데이트", ["rolling-deployment"]),
        ("블루그린배포", ["blue-green-deployment"]),
        ("EB의 롤링 배포(롤링)", ["elastic-beanstalk", "rolling-deployment"]),
        ("AWS람다 함수", ["lambda"]),  # a Latin word before is another word
        ("비공개키와 프라이빗 키", ["key-pairs"]),
        ("ECS 스팟드레이닝", ["ecs", "ecs-spot-draining"]),
        ("フローリングの床", []),
        ("NEG のコネクションドレイン", []),
        ("ローリングで更新、ブルーグリーンデプロイメント", ["rolling-deployment", "blue-green-deployment"]),
        ("AWSラムダ", ["lambda"]),
        ("ECS スポットドレイン：中断通知", ["ecs", "ecs-spot-draining"]),
        ("GCE のスポットドレイン", []),
    ],
)
def test_a_katakana_or_hangul_alias_is_not_the_end_of_a_longer_word_of_its_script(matcher, text, expected):
    assert matcher.find(text) == expected


@pytest.mark.django_db
def test_link_topics_drops_a_link_the_end_of_a_longer_korean_word_made():
    import_file("n.md", "# 메모\n컨트롤링 비용과 롤링 배포\n# 기타\n컨트롤링 비용\n".encode())
    rolling = Topic.objects.get(slug="rolling-deployment")
    other = Section.objects.get(heading="기타")
    SectionTopic.objects.get_or_create(section=other, topic=rolling, via="body")  # what the substring rule linked
    assert link_topics() == {"created": 0, "deleted": 1, "updated": 0}
    assert list(rolling.sections.values_list("heading", flat=True)) == ["메모"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("EC21台（AutoScalingでMaxとMinが１に設定）", ["ec2", "auto-scaling"]),
        ("EC2１台", ["ec2"]),
        ("EC2 3대", ["ec2"]),
        ("EC22개", ["ec2"]),
        ("EC21 is no instance type", []),
        ("###バッチタイプ", ["eb-deployment-policies"]),
    ],
)
def test_a_count_after_an_alias_ending_in_a_digit_and_the_batch_type_link(matcher, text, expected):
    assert matcher.find(text) == expected


def test_a_context_rule_for_a_word_that_is_not_an_alias_of_its_topic_is_rejected(tmp_path):
    bad = tmp_path / "g.yaml"
    bad.write_text("topics:\n  - {slug: x, name: X, domain: general, aliases: {en: [xx]},\n"
                   "     context: [{aliases: [yy], not_before: [z]}]}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="'yy', which is not an alias of 'x'"):
        load_glossary(bad)


@pytest.mark.django_db
def test_imported_notes_are_linked_with_the_glossarys_context_rules():
    import_file("n.md", "# デプロイ\nRolling back the release\n# GCP\nバックエンドのドレイン\n".encode())
    assert not SectionTopic.objects.exists()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ＥＣ２インスタンス", ["ec2"]),
        ("ｽﾎﾟｯﾄｲﾝｽﾀﾝｽ", ["ec2"]),
        ("Ｓ３バケット", ["s3"]),
        ("キューに帰りVisibkityTimeoutが過ぎれば", ["sqs"]),
    ],
)
def test_full_width_letters_half_width_katakana_and_the_notes_typos_resolve(matcher, text, expected):
    assert matcher.find(text) == expected


def test_the_longest_alias_wins_where_two_overlap(matcher):
    assert matcher.find("Rolling with additional batch") == ["eb-deployment-policies"]


@pytest.mark.django_db
def test_sync_glossary_creates_topics_once_and_then_changes_nothing(django_assert_num_queries):
    first = sync_glossary()
    assert first["created"] == len(load_glossary())
    count = TopicAlias.objects.count()
    with django_assert_num_queries(4):  # SAVEPOINT, topics, aliases, RELEASE
        assert sync_glossary() == {"created": 0, "updated": 0, "aliases_created": 0}
    assert TopicAlias.objects.count() == count


@pytest.mark.django_db
def test_sync_glossary_never_deletes_topics_added_by_hand(make):
    hand = make.topic(slug="hand-made")
    sync_glossary()
    assert Topic.objects.filter(pk=hand.pk).exists()


@pytest.mark.django_db
def test_a_heading_link_wins_over_a_body_mention_and_ancestors_count_as_heading():
    import_file("n.md", "# Lambda\n## 基本\nSQS から呼び出す\n".encode())
    section = Section.objects.get(heading="基本")
    via = dict(SectionTopic.objects.filter(section=section).values_list("topic__slug", "via"))
    assert via == {"lambda": "heading", "sqs": "body"}


@pytest.mark.django_db
def test_retired_sections_lose_their_topic_links():
    import_file("n.md", b"# Lambda\nx\n# S3\ny\n")
    import_file("n.md", b"# Lambda\nx\n")
    assert not SectionTopic.objects.filter(section__retired=True).exists()


@pytest.mark.django_db
def test_link_topics_can_be_rerun_and_picks_up_new_aliases():
    import_file("n.md", "# 雑記\nヌーボー構成について\n".encode())
    topic = Topic.objects.create(slug="nouveau", name="Nouveau")
    TopicAlias.objects.create(topic=topic, text="ヌーボー", language="ja")
    assert link_topics()["created"] == 1
    assert link_topics() == {"created": 0, "deleted": 0, "updated": 0}
    assert Section.objects.get().topics.filter(slug="nouveau").exists()


@pytest.mark.django_db
def test_the_seed_notes_give_every_required_topic():
    import_paths([SEEDS])
    required = ["elastic-beanstalk", "eb-deployment-policies", "elb", "lambda", "x-ray", "msk", "route-53-failover",
                "ecs-spot-draining", "blue-green-deployment", "canary-deployment", "rolling-deployment", "s3",
                "api-gateway"]
    linked = set(Topic.objects.filter(sections__retired=False).values_list("slug", flat=True))
    assert set(required) <= linked


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["blue-green-deployment", "rolling-deployment", "big-bang-deployment",
                                  "canary-deployment", "lambda", "api-gateway", "elb"])
def test_the_same_concept_in_japanese_and_korean_notes_lands_on_one_topic(slug):
    import_paths([SEEDS])
    languages = set(Topic.objects.get(slug=slug).sections.values_list("language", flat=True))
    assert {"ja", "ko"} <= languages


@pytest.mark.django_db
def test_a_route_53_switch_between_blue_green_environments_is_not_on_the_failover_topic():
    import_paths([SEEDS])
    failover = Topic.objects.get(slug="route-53-failover").sections.values_list("heading_path", flat=True)
    assert list(failover) == ["Techstock › 63."]
    route53 = set(Topic.objects.get(slug="route-53").sections.values_list("heading_path", flat=True))
    assert route53 == {"Techstock › 63.", "ElasticBeanstalk › EBのデプロイ方法 › Bule/Green"}


@pytest.mark.django_db
def test_a_migration_removes_the_false_friend_aliases_a_database_was_synced_with():
    from importlib import import_module

    from django.apps import apps

    sync_glossary()
    failover = Topic.objects.get(slug="route-53-failover")
    TopicAlias.objects.create(topic=failover, text="フェイルオーバー", language="ja")
    TopicAlias.objects.create(topic=failover, text="手作り", language="ja")  # added by hand: kept
    import_module("studynotes.migrations.0010_remove_false_friend_aliases").remove(apps, None)
    assert set(failover.aliases.filter(language="ja").values_list("text", flat=True)) == {
        "アクティブ/パッシブ", "アクティブ／パッシブ", "フェイルオーバールーティング", "フェイルオーバーレコード", "手作り"}
    import_file("n.md", "# RDS\nマルチAZのフェイルオーバー\n".encode())
    assert not Section.objects.get().topics.filter(slug="route-53-failover").exists()


@pytest.mark.django_db
def test_the_link_topics_command_reports_what_it_changed():
    import io

    from django.core.management import call_command

    import_file("n.md", b"# Lambda\nx\n")
    SectionTopic.objects.all().delete()
    out = io.StringIO()
    call_command("link_topics", stdout=out)
    assert out.getvalue().strip() == "links created=1 updated=0 deleted=0"


def test_a_glossary_with_an_unknown_domain_is_rejected(tmp_path):
    bad = tmp_path / "g.yaml"
    bad.write_text("topics:\n  - {slug: x, name: X, domain: cooking, aliases: {en: [x]}}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown domain 'cooking'"):
        load_glossary(bad)


@pytest.mark.django_db
def test_the_glossary_gives_topic_names_in_japanese_and_korean_and_a_change_is_synced(tmp_path):
    sync_glossary()
    policies = Topic.objects.get(slug="eb-deployment-policies")
    assert policies.name_in("ja") == "Elastic Beanstalk のデプロイポリシー"
    assert policies.name_in("ko") == "Elastic Beanstalk 배포 정책"
    assert policies.name_in("en") == "Elastic Beanstalk deployment policies"
    assert Topic.objects.get(slug="s3").name_in("ja") == "Amazon S3"  # a service name stays English
    custom = tmp_path / "g.yaml"
    custom.write_text("topics:\n  - {slug: eb-deployment-policies, name: EB policies, domain: deployment,\n"
                      "     names: {ja: デプロイポリシー}, aliases: {en: [x]}}\n", encoding="utf-8")
    assert sync_glossary(custom)["updated"] == 1
    policies.refresh_from_db()
    assert policies.names == {"ja": "デプロイポリシー"} and policies.name_in("ko") == "EB policies"


def test_a_glossary_name_in_an_unknown_language_is_rejected(tmp_path):
    bad = tmp_path / "g.yaml"
    bad.write_text("topics:\n  - {slug: x, name: X, domain: general, names: {fr: Xe}, aliases: {en: [x]}}\n",
                   encoding="utf-8")
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        load_glossary(bad)


@pytest.mark.django_db
def test_a_misspelling_in_the_notes_links_its_section_but_is_never_shown_as_a_name(client, tmp_path):
    import_file("004.md", "# Bule/Green\n\n新しい環境を作って切り替える\n".encode())
    section = Section.objects.get(heading_path="Bule/Green")
    assert SectionTopic.objects.filter(section=section, topic__slug="blue-green-deployment").exists()
    typo = TopicAlias.objects.get(topic__slug="blue-green-deployment", text="Bule/Green")
    assert typo.shown is False
    page = client.get("/topics/blue-green-deployment/").content.decode()
    assert "Blue-Green" in page and "Bule/Green" not in page.split('class="aliases"')[1].split("</p>")[0]
    # a glossary that stops calling it a misspelling shows it again (and the other way round)
    custom = tmp_path / "g.yaml"
    custom.write_text("topics:\n  - {slug: blue-green-deployment, name: Blue/Green deployment, domain: deployment,\n"
                      "     aliases: {en: [Bule/Green]}}\n", encoding="utf-8")
    sync_glossary(custom)
    typo.refresh_from_db()
    assert typo.shown is True
