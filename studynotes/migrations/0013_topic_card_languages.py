# The per-language home cards (studynotes.cards.CARD_LANGUAGES). Their own migration, not folded into 0011: a
# database migrated at the release before has 0011 and 0012 applied and would never get these columns.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('studynotes', '0012_notefile_title'),
    ]

    operations = [
        migrations.AddField(
            model_name='topic',
            name='card_excerpt_ja',
            field=models.TextField(blank=True, db_default='', editable=False),
        ),
        migrations.AddField(
            model_name='topic',
            name='card_excerpt_ko',
            field=models.TextField(blank=True, db_default='', editable=False),
        ),
        migrations.AddField(
            model_name='topic',
            name='card_section_ja',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='studynotes.section'),
        ),
        migrations.AddField(
            model_name='topic',
            name='card_section_ko',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='studynotes.section'),
        ),
    ]
