"""The support dossier in the registry: not public content, but the shared parts (personal
data, the project lead's role, demo and bench data, the conformance suite) read it there."""

from django.utils.translation import gettext_lazy as _

from vsa_portal.kinds import Kind, PersonalData


def build_kind():
    from support import bench, demo, personal_data
    from support.models import Dossier

    return Kind(
        key="accompagnements",
        model=Dossier,
        label=_("dossier d’accompagnement"),
        label_plural=_("dossiers d’accompagnement"),
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
        demo=demo.generate_demo_dossiers,
        bench=bench.generate_bench_dossiers,
        personal_data=PersonalData(
            section="accompagnement",
            export=personal_data.export,
            delete=personal_data.delete,
            purge=personal_data.purge,
        ),
        search_document=None,
        admin_permissions=(
            ("dossier", ("view", "add", "change")),
            ("need", ("view", "add", "change", "delete")),
            ("message", ("view", "add")),
            ("note", ("view", "add", "change")),
            ("referral", ("view", "add", "change")),
            ("installationstep", ("view", "add", "change", "delete")),
            ("document", ("view", "add", "delete")),
            ("label", ("view", "add", "change", "delete")),
            ("staffread", ("view",)),
            ("supportrequest", ("view",)),
        ),
    )
