from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The daily digest of matching offers, after the night's expiry of publications, and the
# reminders to confirm a listing.
DIGEST_SCHEDULE = {"hour": 7, "minute": 15}
REMINDER_SCHEDULE = {"hour": 9, "minute": 30}


class ReplacementsConfig(AppConfig):
    name = "replacements"
    verbose_name = _("Remplaçants")

    def ready(self):
        from celery.schedules import crontab

        from replacements.kinds import build_kind
        from vsa_portal import celery_app, kinds

        kinds.register(build_kind())
        # The rubric schedules its own task: the foundations' settings do not name it.
        celery_app.conf.beat_schedule = {
            **celery_app.conf.beat_schedule,
            "replacement-match-digest": {
                "task": "replacements.tasks.send_match_digests",
                "schedule": crontab(**DIGEST_SCHEDULE),
            },
            "replacement-confirmation-reminders": {
                "task": "replacements.tasks.remind_unconfirmed_listings",
                "schedule": crontab(**REMINDER_SCHEDULE),
            },
        }
