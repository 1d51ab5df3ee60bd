"""The remplaçants' listing in the registry of kinds: not public content (never in the sitemap,
the search or the commune page), but the personal data, the project lead's role, the demo and
the bench read it there."""

from django.utils.translation import gettext_lazy as _

from vsa_portal.kinds import Kind, PersonalData


def build_kind():
    from replacements import bench, demo, personal_data
    from replacements.models import ReplacementProfile

    return Kind(
        key="remplacants",
        model=ReplacementProfile,
        label=_("profil de remplaçant"),
        label_plural=_("profils de remplaçants"),
        gender="m",
        public=False,
        published=None,
        list_url=None,
        card_template=None,
        layer=None,
        partner=None,
        favorite=False,
        alert=None,
        near_commune=None,
        sitemap=False,
        demo=demo.generate_demo_profiles,
        bench=bench.generate_bench_profiles,
        personal_data=PersonalData(
            section="remplacements",
            export=personal_data.export,
            delete=personal_data.delete,
            purge=personal_data.purge,
        ),
        search_document=None,
        admin_permissions=(
            ("replacementprofile", ("view", "change")),
            ("availability", ("view",)),
            ("professionalcheck", ("view", "change")),
            ("replacementcontact", ("view",)),
        ),
    )
