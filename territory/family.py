"""What a family looks at in a commune: its schools, the nearest collèges, lycées and railway
stations, all fetched in one query (the commune page keeps a constant query count)."""

from dataclasses import dataclass

from django.contrib.gis.measure import D
from django.db import connection
from django.utils.translation import gettext_lazy as _

from territory.enums import LocationPrecision, SchoolKind, SchoolLevel, SchoolSector, StationSegment

NEAREST_SCHOOLS = 3
NEAREST_STATIONS = 3

# One query: the commune's own schools, then, through LATERAL joins, the nearest collèges and
# lycées outside the commune, the nearest stations and the nearest station of national
# interest. Distances are geodesic (geography), from the commune's reference point to the
# school's or station's point.
FAMILY_SQL = """
WITH origin AS (SELECT ST_SetSRID(ST_MakePoint(%(lon)s, %(lat)s), 4326)::geography AS g)
SELECT 'local' AS section, s.display_name, s.kind, s.level, s.sector, s.location_precision,
       '' AS segment, c.name, c.slug, ST_Distance(s.point::geography, origin.g) AS metres
  FROM territory_school s JOIN territory_commune c ON c.id = s.commune_id, origin
 WHERE s.commune_id = %(commune)s
UNION ALL
SELECT 'nearest-' || wanted.level, near.*
  FROM (VALUES (%(middle)s), (%(high)s)) AS wanted(level)
 CROSS JOIN origin
 CROSS JOIN LATERAL (
     SELECT s.display_name, s.kind, s.level, s.sector, s.location_precision, '' AS segment,
            c.name, c.slug, ST_Distance(s.point::geography, origin.g) AS metres
       FROM territory_school s JOIN territory_commune c ON c.id = s.commune_id
      WHERE s.level = wanted.level AND s.commune_id <> %(commune)s
      ORDER BY metres, s.id
      LIMIT %(schools)s
 ) AS near
UNION ALL
SELECT wanted.section, near.*
  FROM (VALUES ('stations', NULL::text, %(stations)s), ('national', %(national)s, 1))
       AS wanted(section, segment, n)
 CROSS JOIN origin
 CROSS JOIN LATERAL (
     SELECT r.name, '', '', '', %(exact)s, r.segment, c.name, c.slug,
            ST_Distance(r.point::geography, origin.g) AS metres
       FROM territory_railwaystation r JOIN territory_commune c ON c.id = r.commune_id
      WHERE wanted.segment IS NULL OR r.segment = wanted.segment
      ORDER BY metres, r.id
      LIMIT wanted.n
 ) AS near
"""


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    level: str
    sector: str
    approximate: bool
    segment: str
    commune_name: str
    commune_slug: str
    distance: D

    @property
    def is_generically_named(self):
        """ "École primaire", "Lycée polyvalent": the file's name says no more than its kind."""
        return self.name.casefold() == self.kind_label.casefold()

    @property
    def kind_label(self):
        return SchoolKind(self.kind).label if self.kind else ""

    @property
    def sector_label(self):
        return SchoolSector(self.sector).label if self.sector else ""

    @property
    def segment_label(self):
        return StationSegment(self.segment).label if self.segment else ""


LEVEL_TITLES = {
    SchoolLevel.PRIMARY: _("Écoles"),
    SchoolLevel.MIDDLE: _("Collèges"),
    SchoolLevel.HIGH: _("Lycées"),
}


def _sections(origin, commune_pk):
    sections = {}
    with connection.cursor() as cursor:
        cursor.execute(
            FAMILY_SQL,
            {
                "lon": origin.x,
                "lat": origin.y,
                "commune": commune_pk,
                "middle": SchoolLevel.MIDDLE.value,
                "high": SchoolLevel.HIGH.value,
                "schools": NEAREST_SCHOOLS,
                "stations": NEAREST_STATIONS,
                "national": StationSegment.NATIONAL.value,
                "exact": LocationPrecision.EXACT.value,
            },
        )
        for section, *values, metres in cursor.fetchall():
            name, kind, level, sector, precision, segment, commune_name, slug = values
            sections.setdefault(section, []).append(
                Place(
                    name=name,
                    kind=kind,
                    level=level,
                    sector=sector,
                    approximate=precision == LocationPrecision.COMMUNE,
                    segment=segment,
                    commune_name=commune_name,
                    commune_slug=slug,
                    distance=D(m=metres),
                )
            )
    return sections


def family_places_around(point):
    """The nearest collèges, lycées and stations of any point, in one query."""
    sections = _sections(point, commune_pk=0)  # no commune: none of its own, none left out
    national = sections.get("national", [])
    return {
        "nearest_colleges": sections.get(f"nearest-{SchoolLevel.MIDDLE}", []),
        "nearest_lycees": sections.get(f"nearest-{SchoolLevel.HIGH}", []),
        "stations": sections.get("stations", []),
        "national_station": national[0] if national else None,
    }


def family_places(commune):
    """The commune's schools by level and the nearest places, in one query."""
    sections = _sections(commune.reference_point, commune.pk)
    local = sorted(sections.get("local", []), key=lambda place: (place.kind, place.name))
    levels = [
        {
            "level": level,
            "title": LEVEL_TITLES[level],
            "schools": [place for place in local if place.level == level],
        }
        for level in SchoolLevel
    ]
    national = sections.get("national", [])
    return {
        "levels": levels,
        "has_college": any(place.level == SchoolLevel.MIDDLE for place in local),
        "has_lycee": any(place.level == SchoolLevel.HIGH for place in local),
        "nearest_colleges": sections.get(f"nearest-{SchoolLevel.MIDDLE}", []),
        "nearest_lycees": sections.get(f"nearest-{SchoolLevel.HIGH}", []),
        "stations": sections.get("stations", []),
        "national_station": national[0] if national else None,
    }
