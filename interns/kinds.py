"""The internship sites' registration in the registry of kinds of content."""

from django.utils.translation import gettext_lazy as _

from vsa_portal.kinds import Kind, MapLayer, PersonalData, StaffTask


def published_sites():
    from interns.models import InternshipSite

    return InternshipSite.objects.published().select_related("commune", "faculty")


def sites_near(place, km):
    return published_sites().nearest(place, km)


def staff_tasks():
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from interns.enums import VisitStatus
    from interns.models import SchoolVisitRequest

    changelist = reverse("admin:interns_schoolvisitrequest_changelist")
    return [
        StaffTask(
            _("Demandes d’intervention en lycée à traiter"),
            SchoolVisitRequest.objects.filter(status=VisitStatus.NEW).count(),
            f"{changelist}?status__exact={VisitStatus.NEW}",
        )
    ]


def search_document(site):
    return {
        "title": site.name,
        "text": f"{site.get_specialty_display()} — {site.description}",
        "commune": site.commune.name,
    }


def build_kind():
    from interns import demo, personal_data
    from interns.models import InternshipSite

    return Kind(
        key="terrains-de-stage",
        model=InternshipSite,
        label=_("terrain de stage"),
        label_plural=_("terrains de stage"),
        gender="m",
        public=True,
        published=published_sites,
        list_url="interns:site_list",
        card_template="interns/includes/site_item_card.html",
        layer=MapLayer(name="terrains-de-stage", colour="#6b3fa0"),
        partner=None,
        favorite=True,
        alert=None,
        near_commune=sites_near,
        sitemap=True,
        demo=demo.generate_demo_sites,
        bench=None,
        # The school visit requests of the "Études de médecine" page.
        personal_data=PersonalData(
            section="demandes_intervention_lycee",
            export=personal_data.export,
            delete=personal_data.delete,
            purge=personal_data.purge,
        ),
        search_document=search_document,
        extra={
            "nearby_query": "near={slug}&km={km}",
            "sitemap_pages": ("interns:practical", "interns:studies"),
        },
        admin_permissions=(
            ("internshipsite", ("view", "add", "change", "delete")),
            ("faculty", ("view", "add", "change")),
            ("schoolvisitrequest", ("view", "change", "delete")),
        ),
        staff_tasks=staff_tasks,
    )
