"""Aliases the glossary no longer lists because they pulled other concepts' sections into a topic.
``sync_glossary()`` never deletes (hand-made aliases are kept), so databases synced before keep them
until this runs; run ``manage.py link_topics`` afterwards to drop the links they made."""

from django.db import migrations

REMOVED = [
    ("eb-deployment-policies", "デプロイ方法", "ja"),  # any "how to deploy", not Elastic Beanstalk's policies
    ("ecs-spot-draining", "spot instance", "en"),  # EC2 Spot in general (now an EC2 alias)
    ("ecs-spot-draining", "スポットインスタンス", "ja"),
    ("ecs-spot-draining", "스팟 인스턴스", "ko"),
    ("ecs-spot-draining", "connection draining", "en"),  # ELB's (now an ELB alias)
    ("route-53-failover", "failover", "en"),  # RDS, Aurora and ELB fail over too
    ("route-53-failover", "フェイルオーバー", "ja"),
    ("route-53-failover", "페일오버", "ko"),
    ("route-53-failover", "장애 조치", "ko"),
    ("cloudfront", "Transfer Acceleration", "en"),  # an S3 feature (now an S3 alias)
]


def remove(apps, schema_editor):
    TopicAlias = apps.get_model("studynotes", "TopicAlias")
    for slug, text, language in REMOVED:
        TopicAlias.objects.filter(topic__slug=slug, text=text, language=language).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("studynotes", "0009_user_email_unique_ignoring_case"),
    ]

    operations = [
        migrations.RunPython(remove, migrations.RunPython.noop),
    ]
