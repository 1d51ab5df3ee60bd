"""The aid's registration in the registry of kinds of content: public, reference data (not demo
content, not posted by partners), no map layer; the commune page shows how many aids the
commune's territory opens."""

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from vsa_portal.kinds import Kind, StaffTask


def published_aids():
    from aids.models import Aid

    return Aid.objects.published()


def load_reference():
    from aids.catalogue import load_catalogue

    return load_catalogue().total


def commune_summary(commune):
    from aids.territory import aids_meeting_territory

    count = len(aids_meeting_territory(commune))
    if count == 0:
        text = _("Aucune aide ouverte du catalogue ne dépend du territoire de cette commune.")
    else:
        text = ngettext(
            "%(count)s aide ouverte du catalogue a une condition territoriale (zonage, quartier "
            "prioritaire, FRR, liste de communes) que la commune ou l’un de ses quartiers "
            "remplit, selon le dernier zonage chargé.",
            "%(count)s aides ouvertes du catalogue ont une condition territoriale (zonage, "
            "quartier prioritaire, FRR, liste de communes) que la commune ou l’un de ses "
            "quartiers remplit, selon le dernier zonage chargé.",
            count,
        ) % {"count": count}
    return {
        "title": _("Aides liées au territoire"),
        "text": text,
        "url": f"{reverse('aids:list')}?{urlencode({'commune': commune.slug})}",
        "link_label": _("Voir les aides possibles dans la commune"),
        "count": count,
    }


def staff_tasks():
    from aids.models import Aid

    return [
        StaffTask(
            _("Aides à revérifier (plus de 6 mois sans vérification)"),
            Aid.objects.stale().count(),
            f"{reverse('admin:aids_aid_changelist')}?verification=a_revoir",
        )
    ]


def search_document(aid):
    return {"title": aid.title, "text": aid.summary, "commune": ""}


def build_kind():
    from aids.bench import generate_bench_aids
    from aids.models import Aid
    from aids.open_data import EXPORT_FIELDS, list_filterset

    return Kind(
        key="aides",
        model=Aid,
        label=gettext_lazy("aide"),
        label_plural=gettext_lazy("aides à l’installation"),
        gender="f",
        public=True,
        published=published_aids,
        list_url="aids:list",
        card_template="aids/includes/aid_item_card.html",
        layer=None,
        partner=None,
        favorite=True,
        alert=None,
        near_commune=None,
        sitemap=True,
        demo=None,  # reference data, loaded by `reference`; no invented aid, even labelled
        bench=generate_bench_aids,
        personal_data=None,
        search_document=search_document,
        admin_permissions=(
            ("aid", ("view", "add", "change", "delete")),
            ("condition", ("view", "add", "change", "delete")),
        ),
        reference=load_reference,
        commune_summary=commune_summary,
        export_fields=EXPORT_FIELDS,
        staff_tasks=staff_tasks,
        # the list's filters, for its exports (the aids have no alert FilterSet)
        extra={"list_filterset": list_filterset},
    )
