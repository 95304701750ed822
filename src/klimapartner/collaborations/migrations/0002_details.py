# Ideas and collaborations get what the programme follows up; collaborations get partners (any number),
# a kind, a start date and confirmation. 0003 fills them from the old pairs, 0004 drops the pairs.

import django.core.validators
import django.db.models.deletion
import klimapartner.collaborations.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('collaborations', '0001_initial'),
        ('events', '0003_ideas_move_to_collaborations'),
        ('partners', '0004_action_ordering'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CollaborationPartner',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('confirmed_at', models.DateTimeField(blank=True, null=True)),
            ],
            options={
                'ordering': ['organisation__name', 'pk'],
            },
        ),
        migrations.CreateModel(
            name='FollowUp',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stage', models.PositiveSmallIntegerField(verbose_name='after (days)')),
                ('email', models.EmailField(max_length=254, verbose_name='email')),
                ('token', models.CharField(default=klimapartner.collaborations.models.new_token, max_length=64, unique=True)),
                ('sent_at', models.DateTimeField(blank=True, null=True)),
                ('answered_at', models.DateTimeField(blank=True, null=True)),
                ('answer', models.CharField(blank=True, choices=[('exploring', 'We are still exploring it'), ('collaboration', 'It became a collaboration'), ('parked', 'It is parked for now'), ('dropped', 'We dropped it'), ('running', 'It is still running'), ('result', 'Yes, it led to something'), ('ended', 'It ended')], max_length=16, verbose_name='answer')),
            ],
            options={
                'ordering': ['-pk'],
            },
        ),
        migrations.CreateModel(
            name='LogEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created', models.DateTimeField(auto_now_add=True)),
                ('author_name', models.CharField(blank=True, max_length=200, verbose_name='by')),
                ('kind', models.CharField(choices=[('created', 'Created'), ('status', 'New status'), ('note', 'Note'), ('confirmed', 'Confirmed'), ('answer', 'Answer to a follow-up')], default='note', max_length=10, verbose_name='what')),
                ('status', models.CharField(blank=True, choices=[('new', 'New'), ('in_progress', 'Being explored'), ('collaboration', 'Became a collaboration'), ('parked', 'Parked'), ('dropped', 'Dropped')], max_length=16, verbose_name='new status')),
                ('text', models.TextField(blank=True, verbose_name='note')),
            ],
            options={
                'ordering': ['-created', '-pk'],
            },
        ),
        migrations.AddField(
            model_name='collaboration',
            name='confirmed_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='confirmed'),
        ),
        migrations.AddField(
            model_name='collaboration',
            name='description',
            field=models.TextField(blank=True, verbose_name='what it does'),
        ),
        migrations.AddField(
            model_name='collaboration',
            name='ended_on',
            field=models.DateField(blank=True, null=True, verbose_name='end date'),
        ),
        migrations.AddField(
            model_name='collaboration',
            name='events',
            field=models.ManyToManyField(blank=True, related_name='+', to='events.event', verbose_name='partnership days where it was born'),
        ),
        migrations.AddField(
            model_name='collaboration',
            name='expected_effect',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=10, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='expected effect (t CO2e/year)'),
        ),
        migrations.AddField(
            model_name='collaboration',
            name='focus_areas',
            field=models.ManyToManyField(blank=True, related_name='collaborations', to='partners.focusarea', verbose_name='focus areas'),
        ),
        migrations.AddField(
            model_name='collaboration',
            name='idea',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='collaborations', to='collaborations.idea', verbose_name='idea'),
        ),
        migrations.AddField(
            model_name='collaboration',
            name='kind',
            field=models.CharField(choices=[('companies', 'Company–company'), ('education', 'Company–education'), ('municipality', 'With the municipality'), ('citizens', 'With citizens'), ('other', 'Other')], default='other', max_length=16, verbose_name='kind'),
        ),
        migrations.AddField(
            model_name='collaboration',
            name='started_on',
            field=models.DateField(null=True, verbose_name='start date'),
        ),
        migrations.AddField(
            model_name='collaboration',
            name='title',
            field=models.CharField(default='', max_length=200, verbose_name='title'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='collaboration',
            name='updated',
            field=models.DateTimeField(auto_now=True),
        ),
        migrations.AddField(
            model_name='idea',
            name='focus_areas',
            field=models.ManyToManyField(blank=True, related_name='ideas', to='partners.focusarea', verbose_name='focus areas'),
        ),
        migrations.AddField(
            model_name='idea',
            name='owner_email',
            field=models.EmailField(blank=True, max_length=254, verbose_name="owner's email"),
        ),
        migrations.AddField(
            model_name='idea',
            name='owner_organisation',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='owned_ideas', to='partners.organisation', verbose_name="owner's organisation"),
        ),
        migrations.AddField(
            model_name='idea',
            name='source',
            field=models.CharField(choices=[('partnership_day', 'Partnership day'), ('activity', 'Activity'), ('tour', 'Tour'), ('partner', 'A partner'), ('coordinator', 'The coordinator')], default='coordinator', max_length=20, verbose_name='where the idea came from'),
        ),
        migrations.AlterField(
            model_name='idea',
            name='event',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='ideas', to='events.event', verbose_name='partnership day'),
        ),
        migrations.AlterField(
            model_name='idea',
            name='status',
            field=models.CharField(choices=[('new', 'New'), ('in_progress', 'Being explored'), ('collaboration', 'Became a collaboration'), ('parked', 'Parked'), ('dropped', 'Dropped')], default='new', max_length=16, verbose_name='status'),
        ),
        migrations.AddField(
            model_name='collaborationpartner',
            name='collaboration',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='collaborations.collaboration'),
        ),
        migrations.AddField(
            model_name='collaborationpartner',
            name='confirmed_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='collaborationpartner',
            name='organisation',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='collaboration_memberships', to='partners.organisation'),
        ),
        migrations.AddField(
            model_name='collaboration',
            name='partners',
            field=models.ManyToManyField(related_name='collaborations', through='collaborations.CollaborationPartner', to='partners.organisation', verbose_name='partners'),
        ),
        migrations.AddIndex(
            model_name='collaboration',
            index=models.Index(fields=['confirmed_at', 'started_on'], name='collaboration_public'),
        ),
        migrations.AddField(
            model_name='followup',
            name='collaboration',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='follow_ups', to='collaborations.collaboration'),
        ),
        migrations.AddField(
            model_name='followup',
            name='idea',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='follow_ups', to='collaborations.idea'),
        ),
        migrations.AddField(
            model_name='logentry',
            name='author',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='logentry',
            name='collaboration',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='log', to='collaborations.collaboration'),
        ),
        migrations.AddField(
            model_name='logentry',
            name='idea',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='log', to='collaborations.idea'),
        ),
        migrations.AddConstraint(
            model_name='collaborationpartner',
            constraint=models.UniqueConstraint(fields=('collaboration', 'organisation'), name='one_membership_per_collaboration'),
        ),
        migrations.AddConstraint(
            model_name='followup',
            constraint=models.UniqueConstraint(fields=('idea', 'stage', 'email'), name='one_idea_follow_up_per_stage'),
        ),
        migrations.AddConstraint(
            model_name='followup',
            constraint=models.UniqueConstraint(fields=('collaboration', 'stage', 'email'), name='one_collaboration_follow_up_per_stage'),
        ),
        migrations.AddConstraint(
            model_name='followup',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('collaboration__isnull', True), ('idea__isnull', False)), models.Q(('collaboration__isnull', False), ('idea__isnull', True)), _connector='OR'), name='follow_up_for_one_thing'),
        ),
        migrations.AddConstraint(
            model_name='logentry',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('collaboration__isnull', True), ('idea__isnull', False)), models.Q(('collaboration__isnull', False), ('idea__isnull', True)), _connector='OR'), name='log_entry_for_one_thing'),
        ),
    ]
