import math
import re
from datetime import timedelta

from django.contrib.gis.db import models
from django.contrib.gis.db.models import Union
from django.contrib.gis.db.models.functions import Distance, GeometryDistance
from django.contrib.gis.geos import MultiPolygon, Point, Polygon
from django.contrib.gis.measure import D
from django.contrib.postgres.fields import ArrayField
from django.db.models import F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from territory.enums import (
    FacilityKind,
    FRRCategory,
    LocationPrecision,
    PlacePrecision,
    SchoolKind,
    SchoolLevel,
    SchoolSector,
    Sector,
    StationSegment,
    Zone,
)
from territory.names import facility_display_name

KM_PER_DEGREE = 111.32  # length of a degree of longitude at the equator
# In a subquery the outer row's latitude is unknown: the planar pre-filter takes the width of a
# kilometre at this latitude, wide enough anywhere south of it (all of metropolitan France).
OUTER_MAX_LATITUDE = 60
# nearest() reads this many rows in the spatial index's order, at most.
NEAREST_CANDIDATES = 50


def reference_point(place):
    """The point a distance is measured from: a Point, or a commune (its town hall or centroid)."""
    if isinstance(place, Point):
        return place
    return place.reference_point


def square_around(origin, km):
    """A square holding every point within ``km`` of ``origin``: as wide in latitude as in
    longitude, where a degree is shortest."""
    degrees = km / (KM_PER_DEGREE * math.cos(math.radians(origin.y)))
    square = Polygon.from_bbox(
        (origin.x - degrees, origin.y - degrees, origin.x + degrees, origin.y + degrees)
    )
    square.srid = origin.srid
    return square


class NearQuerySet(models.QuerySet):
    """Distance verbs for any model with a point field named ``point_field``."""

    point_field = "point"

    def near(self, place, km):
        """Rows within ``km`` kilometres of a commune or a point, nearest first, with .distance.

        A square around the point uses the spatial index, and PostgreSQL estimates its rows from
        the column's statistics (ST_DWithin's estimate of a handful of rows made it join every
        match to its commune by nested loop); the exact distance on the sphere then keeps only
        what is truly within ``km``.
        """
        origin = reference_point(place)
        return (
            self.filter(**{f"{self.point_field}__bboverlaps": square_around(origin, km)})
            .filter(**{f"{self.point_field}__distance_lte": (origin, D(km=km))})
            .annotate(distance=Distance(self.point_field, origin))
            .order_by("distance", "pk")
        )

    def near_outer(self, km, outer_field="point"):
        """Rows within ``km`` kilometres of the outer query's point ``outer_field``, for an
        Exists() or a count subquery (the housing near each internship site of a list), with the
        same index-then-exact test as near()."""
        origin = OuterRef(outer_field)
        degrees = km / (KM_PER_DEGREE * math.cos(math.radians(OUTER_MAX_LATITUDE)))
        return self.filter(**{f"{self.point_field}__dwithin": (origin, degrees)}).filter(
            **{f"{self.point_field}__distance_lte": (origin, D(km=km))}
        )

    def nearest_candidates(self, place, km):
        """The primary keys of the NEAREST_CANDIDATES rows of near() first met in the spatial
        index's order (the "<->" operator), for a ``pk__in`` subquery.

        Ordered by "<->" alone and pre-filtered on a square rather than with ST_DWithin: a second
        sort key, or ST_DWithin's estimate of a handful of rows, makes PostgreSQL read and sort
        every row of the square instead (100 ms at 100,000 offers, against 1 ms)."""
        origin = reference_point(place)
        return (
            self.filter(**{f"{self.point_field}__bboverlaps": square_around(origin, km)})
            .filter(**{f"{self.point_field}__distance_lte": (origin, D(km=km))})
            .order_by(GeometryDistance(self.point_field, origin))
            .values("pk")[:NEAREST_CANDIDATES]
        )

    def nearest(self, place, km):
        """The first rows of near(), nearest first in an order that is planar rather than
        exactly geodesic, with .distance; a caller takes at most NEAREST_CANDIDATES rows."""
        origin = reference_point(place)
        return (
            self.filter(pk__in=self.nearest_candidates(origin, km))
            .annotate(distance=Distance(self.point_field, origin))
            .order_by(GeometryDistance(self.point_field, origin), "pk")
        )

    def in_bbox(self, bbox):
        return self.filter(**{f"{self.point_field}__bboverlaps": bbox})


class Measured:
    """A row that ``NearQuerySet.near()`` may annotate with its ``distance``: None on the rows it
    did not, so that a card that shows the distance reads an attribute instead of failing a
    lookup (Django's template engine then lists the instance's attributes: 30 µs a card)."""

    distance = None


class PlacedOnCommune(Measured, models.Model):
    """An address and a public point for posted content, with its precision. "Commune only"
    places the item at its commune's town hall, so the map and the distances never point at a
    door its poster keeps private. The model declares its own ``commune``."""

    address = models.CharField(
        _("adresse"),
        max_length=255,
        blank=True,
        help_text=_("Affichée seulement si la précision est « adresse exacte »."),
    )
    point = models.PointField(
        _("position publique"),
        srid=4326,
        blank=True,
        help_text=_(
            "Avec « commune seulement », la position est celle de la mairie de la commune."
        ),
    )
    place_precision = models.CharField(
        _("précision affichée"),
        max_length=10,
        choices=PlacePrecision.choices,
        default=PlacePrecision.COMMUNE,
    )

    class Meta:
        abstract = True

    @property
    def hides_exact_place(self):
        """True when the item must never be placed more precisely than its commune."""
        return self.place_precision == PlacePrecision.COMMUNE

    def save(self, *args, **kwargs):
        if self.hides_exact_place or self.point is None:
            self.point = self.commune.reference_point
        super().save(*args, **kwargs)


class ImportedRow(models.Model):
    """A row that a reference file creates and keeps up to date (``territory/importers.py``).

    ``imported_values`` holds what the importer last wrote in each field: a re-import updates a
    field only while it still holds that value, so what the project lead edits in the admin
    wins over the files."""

    imported_values = models.JSONField(
        _("valeurs du dernier import"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_(
            "Ce que le dernier import a écrit : un champ modifié depuis n’est plus remplacé."
        ),
    )

    class Meta:
        abstract = True


class DisplayNamed:
    """A row whose source writes its name in capitals (FINESS, the education files): the
    display name is proposed on save, and a correction made in the admin is kept."""

    def save(self, *args, **kwargs):
        if not self.display_name:
            self.display_name = facility_display_name(self.name)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "display_name"}
        super().save(*args, **kwargs)

    @property
    def label(self):
        """The name shown everywhere: the display name, else the source's name."""
        return self.display_name or self.name


class EPCI(ImportedRow):
    siren = models.CharField(_("SIREN"), max_length=9, unique=True)
    name = models.CharField(_("nom"), max_length=200)

    class Meta:
        verbose_name = _("intercommunalité (EPCI)")
        verbose_name_plural = _("intercommunalités (EPCI)")
        ordering = ["name"]

    def __str__(self):
        return self.name


# Columns of a commune that a list of what lies in it never shows: its outline and centre (read
# and built as geometries, kilobytes a row) and its imported row.
COMMUNE_UNSHOWN = ("imported_values", "boundary", "centroid", "town_hall_point")


def commune_unshown(path="commune"):
    """The names to defer of a related commune's unshown columns: ``.defer(*commune_unshown())``."""
    return tuple(f"{path}__{name}" for name in COMMUNE_UNSHOWN)


class CommuneQuerySet(models.QuerySet):
    def largest(self, count):
        """The most populous communes: demo content is placed there, wherever the territory."""
        return self.order_by(F("population").desc(nulls_last=True), "insee_code")[:count]

    def with_current_zone(self):
        current = Zoning.objects.current().filter(commune=models.OuterRef("pk"))
        return self.annotate(
            current_zone=models.Subquery(current.values("zone")[:1]),
            current_zone_is_demo=models.Subquery(current.values("is_demo")[:1]),
            current_zone_valid_from=models.Subquery(current.values("valid_from")[:1]),
            current_zone_valid_until=models.Subquery(current.values("valid_until")[:1]),
        )

    def containing(self, point):
        return self.filter(boundary__intersects=point)


class Commune(ImportedRow):
    insee_code = models.CharField(_("code INSEE"), max_length=5, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("identifiant d’URL"), max_length=200, unique=True)
    postal_codes = ArrayField(models.CharField(max_length=5), verbose_name=_("codes postaux"))
    population = models.PositiveIntegerField(_("population légale"), default=0)
    epci = models.ForeignKey(
        EPCI,
        verbose_name=_("intercommunalité"),
        on_delete=models.PROTECT,
        related_name="communes",
        null=True,
        blank=True,
    )
    boundary = models.MultiPolygonField(_("contour"), srid=4326)
    centroid = models.PointField(_("centre"), srid=4326)
    town_hall_address = models.TextField(_("adresse de la mairie"), blank=True)
    town_hall_point = models.PointField(
        _("position de la mairie"), srid=4326, null=True, blank=True
    )
    town_hall_email = models.EmailField(_("e-mail de la mairie"), blank=True)
    town_hall_phone = models.CharField(_("téléphone de la mairie"), max_length=30, blank=True)
    town_hall_website = models.URLField(_("site de la mairie"), blank=True)

    objects = CommuneQuerySet.as_manager()

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("territory:commune_detail", args=[self.slug])

    @property
    def reference_point(self):
        return self.town_hall_point or self.centroid

    def current_zoning(self):
        """The latest zoning order that has started, even if it has since ended (its
        ``is_ended()`` says so): what the commune page and the map show."""
        return Zoning.objects.current().filter(commune=self).first()

    @property
    def frr_or_none(self):
        """Its France Ruralités Revitalisation classification, or None (no query when the
        queryset used select_related("frr"))."""
        try:
            return self.frr
        except models.ObjectDoesNotExist:
            return None

    def zoning_in_force(self, on=None):
        """The zoning in force on ``on`` (today by default), or None if no loaded order
        covers that date."""
        return Zoning.objects.in_force(on).filter(commune=self).first()


class CPTSQuerySet(models.QuerySet):
    def with_population(self):
        return self.annotate(
            population=models.Sum("communes__population"),
            commune_count=models.Count("communes"),
        )


class CPTS(ImportedRow):
    """Communauté professionnelle territoriale de santé."""

    name = models.CharField(_("nom"), max_length=200, unique=True)
    slug = models.SlugField(_("identifiant d’URL"), max_length=200, unique=True)
    website = models.URLField(_("site web"), blank=True)
    emails = ArrayField(
        models.EmailField(), verbose_name=_("e-mails de contact"), default=list, blank=True
    )
    communes = models.ManyToManyField(Commune, verbose_name=_("communes"), related_name="cpts")
    perimeter = models.MultiPolygonField(
        _("périmètre"),
        srid=4326,
        null=True,
        blank=True,
        editable=False,
        help_text=_("L’union des contours de ses communes, recalculée à chaque import."),
    )
    note = models.TextField(_("remarque"), blank=True)
    source_url = models.URLField(_("source"), max_length=500, blank=True)
    is_demo = models.BooleanField(_("démo"), default=False)

    objects = CPTSQuerySet.as_manager()

    class Meta:
        verbose_name = _("CPTS")
        verbose_name_plural = _("CPTS")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return f"{reverse('territory:cpts_list')}#{self.slug}"

    def update_perimeter(self):
        """Recompute the perimeter in PostGIS from the communes' outlines (one query)."""
        union = self.communes.aggregate(union=Union("boundary"))["union"]
        if union is not None and union.geom_type == "Polygon":
            union = MultiPolygon(union, srid=4326)
        CPTS.objects.filter(pk=self.pk).update(perimeter=union)
        self.perimeter = union


class HealthFacilityQuerySet(NearQuerySet):
    def mapped(self):
        return self.exclude(point=None)

    def of_kind(self, *kinds):
        return self.filter(kind__in=kinds)

    def matching(self, text):
        """Facilities whose name or commune holds every word of ``text``, accents and case
        aside: "ch vaison" finds the Centre hospitalier de Vaison-la-Romaine."""
        queryset = self
        for word in re.findall(r"\w+", text)[:8]:
            queryset = queryset.filter(
                Q(display_name__unaccent__icontains=word)
                | Q(name__unaccent__icontains=word)
                | Q(commune__name__unaccent__icontains=word)
            )
        return queryset

    def named(self, label, commune_name):
        """The facilities shown as ``label`` in the commune ``commune_name`` (see
        ``HealthFacility.label_with_commune``)."""
        return self.filter(
            Q(display_name__iexact=label) | Q(display_name="", name__iexact=label),
            commune__name__iexact=commune_name,
        )


class HealthFacility(DisplayNamed, ImportedRow):
    finess_et = models.CharField(
        _("FINESS établissement"), max_length=9, unique=True, null=True, blank=True
    )
    finess_ej = models.CharField(_("FINESS entité juridique"), max_length=9, blank=True)
    name = models.CharField(_("nom FINESS"), max_length=255)
    display_name = models.CharField(
        _("nom affiché"),
        max_length=255,
        blank=True,
        help_text=_(
            "Le nom montré sur le portail. Proposé à l’import d’après le nom FINESS (en "
            "majuscules) ; une correction faite ici est conservée par les imports suivants."
        ),
    )
    kind = models.CharField(_("type"), max_length=30, choices=FacilityKind.choices)
    category_code = models.CharField(_("code de catégorie FINESS"), max_length=4, blank=True)
    category_label = models.CharField(_("catégorie FINESS"), max_length=255, blank=True)
    sector = models.CharField(_("secteur"), max_length=30, choices=Sector.choices, blank=True)
    address = models.CharField(_("adresse"), max_length=255, blank=True)
    postal_code = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="facilities",
    )
    point = models.PointField(_("position"), srid=4326, null=True, blank=True)
    location_precision = models.CharField(
        _("précision de la position"),
        max_length=10,
        choices=LocationPrecision.choices,
        default=LocationPrecision.EXACT,
    )
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    website = models.URLField(_("site web"), blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    verification_note = models.CharField(_("à vérifier"), max_length=255, blank=True)
    is_demo = models.BooleanField(_("démo"), default=False)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    objects = HealthFacilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("établissement de santé")
        verbose_name_plural = _("établissements de santé")
        ordering = ["display_name", "pk"]
        indexes = [models.Index(fields=["kind"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_demo=True) | Q(finess_et__isnull=False),
                name="facility_real_has_finess",
                violation_error_message=_("Un établissement réel doit avoir un numéro FINESS."),
            )
        ]

    def __str__(self):
        return self.label

    LABEL_SEPARATOR = " — "

    @property
    def label_with_commune(self):
        """How a search form names it: "Centre hospitalier de Vaison-la-Romaine — Vaison-la-
        Romaine" (the commune tells apart facilities of the same name)."""
        return f"{self.label}{self.LABEL_SEPARATOR}{self.commune.name}"

    def get_kind_display(self):
        # Django's version rebuilds a dict of every choice, translating each label, at each
        # call: 20 ms for the 70 facilities of a commune page, against 3 ms for this.
        return str(FacilityKind(self.kind).label) if self.kind in FacilityKind.values else self.kind


class ZoningQuerySet(models.QuerySet):
    def current(self, on=None):
        """One zoning per commune: the latest that has started (an ended order stays the latest
        known until its successor is loaded), an official one before a demo one."""
        on = on or timezone.localdate()
        return (
            self.filter(valid_from__lte=on)
            .order_by("commune_id", "is_demo", "-valid_from", "-pk")
            .distinct("commune_id")
        )

    def in_force(self, on=None):
        """One zoning per commune, only where an order covers ``on``: started and not ended."""
        on = on or timezone.localdate()
        return self.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=on)).current(on)


class Zoning(models.Model):
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="zonings"
    )
    zone = models.CharField(_("zone"), max_length=20, choices=Zone.choices)
    valid_from = models.DateField(_("en vigueur depuis le"))
    valid_until = models.DateField(
        _("en vigueur jusqu’au"),
        null=True,
        blank=True,
        help_text=_(
            "Dernier jour de l’arrêté ; vide tant qu’il est en vigueur. L’import d’un nouvel "
            "arrêté le renseigne pour l’arrêté précédent."
        ),
    )
    source = models.CharField(_("source"), max_length=255)
    source_url = models.URLField(_("adresse de la source"), max_length=500, blank=True)
    is_demo = models.BooleanField(_("démo"), default=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = ZoningQuerySet.as_manager()

    class Meta:
        verbose_name = _("zonage")
        verbose_name_plural = _("zonages")
        ordering = ["commune__name", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["commune", "valid_from", "is_demo"], name="one_zoning_per_commune_and_date"
            )
        ]

    def __str__(self):
        return f"{self.commune} : {self.get_zone_display()}"

    @property
    def description(self):
        return Zone.description(self.zone)

    @property
    def label(self):
        """ "zonage 2022": how the portal names an order, by the year it came into force."""
        return _("zonage %(year)s") % {"year": self.valid_from.year}

    def is_ended(self, on=None):
        return self.valid_until is not None and self.valid_until < (on or timezone.localdate())

    @property
    def replaced_on(self):
        return self.valid_until and self.valid_until + timedelta(days=1)


class PriorityDistrict(models.Model):
    """A quartier prioritaire de la politique de la ville (QPV), with the doctors' zoning the
    ARS gives it: inside a QPV, the commune's zone is not the whole story."""

    code = models.CharField(_("code du quartier"), max_length=10, unique=True)
    name = models.CharField(_("nom"), max_length=255)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.CASCADE,
        related_name="priority_districts",
    )
    geography = models.CharField(_("géographie prioritaire"), max_length=50, default="QPV 2024")
    doctors_zone = models.CharField(
        _("zonage médecins du quartier"), max_length=20, choices=Zone.choices, blank=True
    )
    zone_source = models.CharField(_("source du zonage du quartier"), max_length=255, blank=True)
    source_url = models.URLField(_("adresse de la source"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("quartier prioritaire (QPV)")
        verbose_name_plural = _("quartiers prioritaires (QPV)")
        ordering = ["commune__name", "name", "pk"]

    def __str__(self):
        return f"{self.name} ({self.commune})"


class RuralRevitalisation(models.Model):
    """A commune classed France Ruralités Revitalisation (FRR), on the list of a given date."""

    commune = models.OneToOneField(
        Commune, verbose_name=_("commune"), on_delete=models.CASCADE, related_name="frr"
    )
    category = models.CharField(_("classement"), max_length=20, choices=FRRCategory.choices)
    as_of = models.DateField(_("liste du"))
    source = models.CharField(_("source"), max_length=255)
    source_url = models.URLField(_("adresse de la source"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("commune France Ruralités Revitalisation (FRR)")
        verbose_name_plural = _("communes France Ruralités Revitalisation (FRR)")
        ordering = ["commune__name"]

    def __str__(self):
        return f"{self.commune} : {self.get_category_display()}"


class SchoolQuerySet(NearQuerySet):
    def of_level(self, *levels):
        return self.filter(level__in=levels)


class School(DisplayNamed, ImportedRow):
    """A school of the national education's files (écoles, collèges, lycées), by UAI code."""

    uai = models.CharField(_("code UAI"), max_length=8, unique=True)
    name = models.CharField(_("nom dans la source"), max_length=255)
    display_name = models.CharField(_("nom affiché"), max_length=255, blank=True)
    kind = models.CharField(_("type"), max_length=40, choices=SchoolKind.choices)
    level = models.CharField(_("niveau"), max_length=10, choices=SchoolLevel.choices)
    sector = models.CharField(_("secteur"), max_length=30, choices=SchoolSector.choices)
    commune = models.ForeignKey(
        Commune, verbose_name=_("commune"), on_delete=models.PROTECT, related_name="schools"
    )
    point = models.PointField(_("position"), srid=4326)
    location_precision = models.CharField(
        _("précision de la position"),
        max_length=10,
        choices=LocationPrecision.choices,
        default=LocationPrecision.EXACT,
    )
    source = models.CharField(_("source"), max_length=255)
    source_url = models.URLField(_("adresse de la source"), max_length=500, blank=True)

    objects = SchoolQuerySet.as_manager()

    class Meta:
        verbose_name = _("établissement scolaire")
        verbose_name_plural = _("établissements scolaires")
        ordering = ["level", "display_name", "pk"]
        indexes = [models.Index(fields=["level"])]

    def __str__(self):
        return self.label

    @property
    def is_approximate(self):
        return self.location_precision == LocationPrecision.COMMUNE


class RailwayStationQuerySet(NearQuerySet):
    def national(self):
        return self.filter(segment=StationSegment.NATIONAL)


class RailwayStation(ImportedRow):
    """A passenger railway station (SNCF Gares & Connexions)."""

    uic_code = models.CharField(_("code UIC"), max_length=8, unique=True)
    uic_codes = ArrayField(
        models.CharField(max_length=8), verbose_name=_("codes UIC de la source"), default=list
    )
    name = models.CharField(_("nom"), max_length=200)
    trigram = models.CharField(_("trigramme"), max_length=3, blank=True)
    segment = models.CharField(_("segment DRG"), max_length=1, choices=StationSegment.choices)
    commune = models.ForeignKey(
        Commune,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="railway_stations",
    )
    point = models.PointField(_("position"), srid=4326)
    source_url = models.URLField(_("adresse de la source"), max_length=500, blank=True)

    objects = RailwayStationQuerySet.as_manager()

    class Meta:
        verbose_name = _("gare de voyageurs")
        verbose_name_plural = _("gares de voyageurs")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class TerritoryHighlight(ImportedRow):
    """One advantage of the territory, in the project's own words, with its source: what the
    "Vivre et exercer" page says beyond the figures computed from the data."""

    key = models.SlugField(_("identifiant"), max_length=100, unique=True)
    title = models.CharField(_("titre"), max_length=200)
    text = models.TextField(_("texte"))
    source = models.CharField(_("source"), max_length=255)
    source_url = models.URLField(_("adresse de la source"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    is_published = models.BooleanField(_("publié"), default=True)
    to_check = models.BooleanField(
        _("à vérifier"),
        default=False,
        help_text=_(
            "Montré avec la mention « à vérifier » tant que la source n’est pas confirmée."
        ),
    )

    class Meta:
        verbose_name = _("atout du territoire")
        verbose_name_plural = _("atouts du territoire")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title
