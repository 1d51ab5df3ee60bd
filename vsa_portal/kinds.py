"""The registry of kinds of content: each rubric app declares its kinds once, in its
``AppConfig.ready()``; the shared parts of the portal (partner space, favourites, alerts, commune
page, sitemap, map legend, demo and bench data, personal data, the project-lead role) iterate
the registry instead of importing the rubric apps.

Every piece of a ``Kind`` must be declared, possibly as absent (``None``): a kind that is not
public (a support dossier, a remplaçant's availability) says ``public=False`` and declares no
sitemap, list or search document. The system check ``kinds.E001`` names what a registration left
undeclared, so a developer hears of it at start-up.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import NamedTuple

from django.core import checks


class _Undeclared:
    def __repr__(self):
        return "UNDECLARED"

    def __bool__(self):
        return False


UNDECLARED = _Undeclared()


@dataclass(frozen=True, kw_only=True)
class MapLayer:
    """The kind's layer of the map component (registered in ``territory.layers``)."""

    name: str  # the layer's name in /carte/couches/<name>.geojson
    colour: str  # a CSS colour with at least 4.5:1 contrast on white, for dots and the legend


@dataclass(frozen=True, kw_only=True)
class PartnerPosting:
    """How partners post the kind through the publication workflow, and how the space words it."""

    form_class: type
    notify_submitted: Callable  # (item, request) -> None, queues the project lead's e-mail
    row_template: str  # one item's row in the partner space
    create_title: str
    edit_title: str
    intro: str
    published_notice: str
    submitted_message: str
    withdrawn_message: str
    not_editable_message: str
    empty_message: str
    # (path, view, name) of the kind's own partner actions (mark an offer filled…), mounted
    # under /espace-partenaire/<kind key>/ with the URL name "partners:<key>_<name>".
    extra_urls: tuple = ()
    # annotate or filter the organisation's items for the partner space's table
    queryset: Callable | None = None
    # whether an item may still be edited (an expired event may not, for instance)
    can_edit: Callable | None = None


@dataclass(frozen=True, kw_only=True)
class Alert:
    """Saved searches with e-mail digests: the list's FilterSet drives both."""

    filterset_class: type
    queryset: Callable  # () -> what the digest may contain, before the saved filters
    new_since: Callable  # (queryset, since) -> the items new since the last digest
    digest_template: str  # renders one item in the digest e-mail (text)


@dataclass(frozen=True, kw_only=True)
class PersonalData:
    """The kind's part of the personal-data self-service (RGPD)."""

    section: str  # its key in the downloaded file: "prises_de_contact", "inscriptions"…
    export: Callable  # (user) -> list of JSON-ready dicts
    delete: Callable  # (user) -> None: delete or anonymise with the account
    purge: Callable | None  # () -> int, the scheduled retention purge


class Figure(NamedTuple):
    """One public key figure: what it counts, its value, and its one-line definition (the event
    counted, the date used, the period)."""

    label: str
    value: int | None
    definition: str


class StaffTask(NamedTuple):
    """One line of the project lead's dashboard: what waits for her, how many, where to act."""

    label: str
    count: int
    url: str


@dataclass(frozen=True, kw_only=True)
class ExportField:
    """One column of the kind's open data (CSV, JSON, API) and of its Table Schema. Never a
    personal field: a contact's name, e-mail or phone has no place here."""

    name: str  # the column's name: "commune_insee"
    title: str  # its French title in the schema: "Code INSEE de la commune"
    value: Callable  # (item, request) -> a JSON-ready value (str, int, float, bool, None)
    type: str = "string"  # a Table Schema type: string, integer, number, boolean, date, datetime
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class Kind:
    key: str  # URL-safe and unique: "offres", "evenements"
    model: type
    label: str  # "offre d’exercice"
    label_plural: str  # "offres d’exercice"
    gender: str  # "f" or "m", for sentences such as "aucune offre" / "aucun événement"
    public: bool
    # () -> the queryset visitors may see (the publication workflow's only door), or None
    published: Callable | None = UNDECLARED
    list_url: str | None = UNDECLARED  # URL name of the public list
    card_template: str | None = UNDECLARED  # one item as a card (favourites, commune page)
    layer: MapLayer | None = UNDECLARED
    partner: PartnerPosting | None = UNDECLARED
    favorite: bool = UNDECLARED
    alert: Alert | None = UNDECLARED
    # (commune, km) -> queryset of items near the commune, nearest first, or None
    near_commune: Callable | None = UNDECLARED
    sitemap: bool = UNDECLARED
    demo: Callable | None = UNDECLARED  # () -> int: create the labelled demo rows (idempotent)
    bench: Callable | None = UNDECLARED  # (rng, communes, count) -> int: national-scale rows
    personal_data: PersonalData | None = UNDECLARED
    search_document: Callable | None = UNDECLARED  # (item) -> {"title", "text", "commune"}
    # (model name, actions) the project lead's role gets in the admin for this kind
    admin_permissions: tuple = UNDECLARED
    # Optional pieces, absent unless a kind declares them:
    # () -> int: load the kind's reference data (a real catalogue, not demo content), run by
    # load_portal_data after the territory, idempotently
    reference: Callable | None = None
    # (commune) -> {"title", "text", "url", "link_label"}: a short section of the commune page
    # (how many aids the commune's territory opens…), for kinds that have no items "nearby"
    commune_summary: Callable | None = None
    # the columns of the kind's open data (CSV and JSON exports of its list for the current
    # filters, the read-only API): a tuple of ExportField, never a personal field
    export_fields: tuple | None = None
    # (item, request) -> {"title", "text", "url", "link_label"} or None: a short section this
    # kind adds to an item of another kind on its detail page (how many remplaçants are free at
    # a replacement offer's dates…); the page includes "includes/kind_summaries.html". The dict
    # may also name a "template", rendered under the text with ``summary`` (the dict itself) in
    # its context, for more than a sentence (the remplaçants matching an offer, for its poster)
    item_summary: Callable | None = None
    # () -> list of Figure (or (label, value, definition) tuples): the kind's public key
    # figures on /collectif/chiffres/, demo rows never counted
    figures: Callable | None = None
    # () -> list of StaffTask: what else waits for the project lead on her dashboard (aids to
    # re-check…), besides the submissions to moderate that every postable kind gets
    staff_tasks: Callable | None = None
    # () -> {"title", "items", "template", "url", "link_label"} or None: a section of the home
    # page (the collective's latest news…), rendered with ``template`` for each item
    home_section: Callable | None = None
    # () -> {"title", "items", "template", "url", "link_label"} or None: a section of the
    # territory's "Vivre et exercer" page (the collective's testimonials…)
    living_section: Callable | None = None
    extra: dict = field(default_factory=dict)

    @property
    def app_label(self):
        return self.model._meta.app_label

    @property
    def none_label(self):
        """ "aucune offre d’exercice" / "aucun événement"."""
        from django.utils.translation import gettext as _

        if self.gender == "f":
            return _("aucune %(label)s") % {"label": self.label}
        return _("aucun %(label)s") % {"label": self.label}

    def undeclared(self):
        return [f.name for f in fields(self) if getattr(self, f.name) is UNDECLARED]


_REGISTRY: dict[str, Kind] = {}


def register(kind):
    if kind.key in _REGISTRY and _REGISTRY[kind.key].model is not kind.model:
        raise ValueError(f"Two kinds of content share the key {kind.key!r}.")
    _REGISTRY[kind.key] = kind
    return kind


def unregister(key):
    _REGISTRY.pop(key, None)


def all_kinds():
    return list(_REGISTRY.values())


def get(key):
    return _REGISTRY.get(key)


def for_model(model):
    model = getattr(model, "_meta", None) and model._meta.concrete_model or model
    return next((kind for kind in _REGISTRY.values() if kind.model is model), None)


def item_summaries(item, request):
    """The sections the registered kinds add to ``item``'s detail page."""
    summaries = (
        kind.item_summary(item, request) for kind in _REGISTRY.values() if kind.item_summary
    )
    return [summary for summary in summaries if summary]


def nearby(key, place, km, limit=6):
    """Up to ``limit`` items of the kind ``key`` within ``km`` of a point or a commune, nearest
    first, as {"kind", "km", "items"}: how a rubric shows another's items around one of its own
    (housing around an internship site) without importing it; None when the kind is absent."""
    kind = _REGISTRY.get(key)
    if kind is None or not kind.near_commune:
        return None
    return {"kind": kind, "km": km, "items": list(kind.near_commune(place, km)[:limit])}


def public():
    return [kind for kind in _REGISTRY.values() if kind.public]


def postable():
    return [kind for kind in _REGISTRY.values() if kind.partner]


def favorites():
    return [kind for kind in _REGISTRY.values() if kind.favorite]


def with_alerts():
    return [kind for kind in _REGISTRY.values() if kind.alert]


def with_exports():
    return [kind for kind in _REGISTRY.values() if kind.public and kind.export_fields]


def with_figures():
    return [kind for kind in _REGISTRY.values() if kind.figures]


def with_staff_tasks():
    return [kind for kind in _REGISTRY.values() if kind.staff_tasks]


def home_sections():
    """The home page's sections declared by kinds, in registration order, empty ones left out."""
    sections = (kind.home_section() for kind in _REGISTRY.values() if kind.home_section)
    return [section for section in sections if section]


def living_sections():
    """The "Vivre et exercer" page's sections declared by kinds, empty ones left out."""
    sections = (kind.living_section() for kind in _REGISTRY.values() if kind.living_section)
    return [section for section in sections if section]


def with_layers():
    return [kind for kind in _REGISTRY.values() if kind.layer]


@checks.register()
def check_kinds(app_configs, **kwargs):
    errors = []
    for kind in _REGISTRY.values():
        missing = kind.undeclared()
        if missing:
            errors.append(
                checks.Error(
                    f"The kind of content {kind.key!r} does not declare: {', '.join(missing)}.",
                    hint="Declare each piece in its registration, as None where it is absent.",
                    obj=kind.model,
                    id="kinds.E001",
                )
            )
        if not kind.public and (kind.sitemap or kind.list_url or kind.search_document):
            errors.append(
                checks.Error(
                    f"The kind {kind.key!r} is not public but declares public pages.",
                    obj=kind.model,
                    id="kinds.E002",
                )
            )
        if kind.public and kind.published in (None, UNDECLARED):
            errors.append(
                checks.Error(
                    f"The public kind {kind.key!r} declares no `published` queryset.",
                    obj=kind.model,
                    id="kinds.E003",
                )
            )
        if kind.gender not in ("f", "m"):
            errors.append(
                checks.Error(f"The kind {kind.key!r}: gender is 'f' or 'm'.", id="kinds.E004")
            )
    return errors
