from django.contrib.gis.db import models
from django.urls import reverse

from territory.models import NearQuerySet
from vsa_portal.publication import Publishable, PublishableQuerySet


class NoticeQuerySet(PublishableQuerySet, NearQuerySet):
    pass


class Notice(Publishable):
    title = models.CharField("titre", max_length=160)
    description = models.TextField("description")
    commune = models.ForeignKey("territory.Commune", on_delete=models.PROTECT, related_name="+")
    point = models.PointField(srid=4326, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, null=True, blank=True
    )

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = "annonce de test"
        ordering = ["-pk"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.point:
            self.point = self.commune.reference_point
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("kindapp:detail", args=[self.pk])
