"""The test kind's registration: one call, as a rubric app's AppConfig.ready() makes it."""

from territory.geo import point_layer
from territory.layers import REGISTRY as LAYERS
from territory.layers import register as register_layer
from vsa_portal import kinds
from vsa_portal.kinds import Alert, Kind, MapLayer, PartnerPosting, PersonalData

KEY = "annonces-de-test"


def published():
    from tests.kindapp.models import Notice

    return Notice.objects.published().select_related("commune")


def notices_layer(request, bbox, zoom):
    return point_layer(
        published(),
        bbox,
        lambda notice: {"name": notice.title, "url": notice.get_absolute_url(), "demo": True},
    )


def demo():
    from organisations.models import Organisation
    from territory.models import Commune
    from tests.kindapp.models import Notice

    if Notice.objects.filter(is_demo=True).exists():
        return 0
    organisation, _created = Organisation.objects.get_or_create(
        name="Organisation de démonstration (annonces)", defaults={"kind": "autre", "is_demo": True}
    )
    communes = list(Commune.objects.order_by("name")[:3])
    for number, commune in enumerate(communes):
        notice = Notice(
            title=f"Annonce de démonstration {number}",
            description="Annonce fictive.",
            commune=commune,
            organisation=organisation,
            is_demo=True,
        )
        notice.publish()
        notice.save()
    return len(communes)


def bench(rng, communes, count):
    from tests.kindapp.models import Notice

    Notice.objects.bulk_create(
        Notice(
            title=f"Annonce de charge {number}",
            description="Générée.",
            commune=(commune := rng.choice(communes)),
            point=commune.reference_point,
            status="published",
            is_demo=True,
        )
        for number in range(count)
    )
    return count


def export(user):
    from tests.kindapp.models import Notice

    return [{"titre": n.title} for n in Notice.objects.filter(created_by=user).order_by("pk")]


def delete(user):
    from tests.kindapp.models import Notice

    Notice.objects.filter(created_by=user).update(created_by=None)


def build_kind():
    from tests.kindapp.filters import NoticeFilter
    from tests.kindapp.forms import NoticeForm
    from tests.kindapp.models import Notice

    return Kind(
        key=KEY,
        model=Notice,
        label="annonce de test",
        label_plural="annonces de test",
        gender="f",
        public=True,
        published=published,
        list_url="kindapp:list",
        card_template="kindapp/card.html",
        layer=MapLayer(name=KEY, colour="#005a9c"),
        partner=PartnerPosting(
            form_class=NoticeForm,
            notify_submitted=lambda item, request: None,
            row_template="kindapp/row.html",
            create_title="Publier une annonce de test",
            edit_title="Modifier une annonce de test",
            intro="Relue avant publication.",
            published_notice="Publiée.",
            submitted_message="Annonce soumise.",
            withdrawn_message="Annonce « %(title)s » retirée.",
            not_editable_message="Ne se modifie plus.",
            empty_message="Aucune annonce.",
        ),
        favorite=True,
        alert=Alert(
            filterset_class=NoticeFilter,
            queryset=published,
            new_since=lambda queryset, since: queryset.filter(published_at__gt=since),
            digest_template="kindapp/alert_item.txt",
        ),
        near_commune=lambda commune, km: published().nearest(commune, km),
        sitemap=True,
        demo=demo,
        bench=bench,
        personal_data=PersonalData(section="annonces", export=export, delete=delete, purge=None),
        search_document=lambda notice: {"title": notice.title, "text": notice.description},
        admin_permissions=(("notice", ("view", "change")),),
    )


def register():
    register_layer(KEY, "Annonces de test", "points")(notices_layer)
    return kinds.register(build_kind())


def unregister():
    kinds.unregister(KEY)
    LAYERS.pop(KEY, None)
