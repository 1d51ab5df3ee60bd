from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

# A copy of PostgreSQL's French configuration whose words go through unaccent first (created by
# the migration 0001): "Bollène", "bollene" and "BOLLENE" give the same lexeme.
SEARCH_CONFIG = "french_unaccent"


def _weighted(field, weight):
    return SearchVector(field, weight=weight, config=SEARCH_CONFIG)


class SearchDocument(models.Model):
    """One public thing the site search can find: an item of a registered kind, a commune or a
    health facility. Only what visitors may see is ever written here."""

    group = models.CharField(_("type"), max_length=40)  # a kind's key, "communes"…
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("titre"), max_length=300)
    commune = models.CharField(_("commune"), max_length=200, blank=True)
    text = models.TextField(_("texte"), blank=True)
    url = models.CharField(_("adresse"), max_length=500)
    is_demo = models.BooleanField(_("démo"), default=False)
    # the title and the commune in lower case without accents, for the trigram similarity
    plain = models.TextField(blank=True)
    vector = models.GeneratedField(
        expression=_weighted("title", "A") + _weighted("commune", "B") + _weighted("text", "C"),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document de recherche")
        verbose_name_plural = _("documents de recherche")
        ordering = ["group", "title", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_document_unique_object"
            )
        ]
        indexes = [
            GinIndex(fields=["vector"], name="search_document_vector"),
            GinIndex(OpClass("plain", name="gin_trgm_ops"), name="search_document_plain_trgm"),
        ]

    def __str__(self):
        return self.title
