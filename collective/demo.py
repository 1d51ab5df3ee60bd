"""Demo content of the collective: a few pieces of news, team members and testimonials, all
fictional and labelled "démo" wherever they appear. Idempotent."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from collective.models import News, TeamMember, Testimonial
from support.enums import PracticeMode
from territory.models import Commune

DEMO_NEWS = [
    (
        "Soirée d’accueil des nouveaux internes à {town}",
        "Les partenaires du collectif ont accueilli la nouvelle promotion d’internes.",
        "Une soixantaine d’internes ont rencontré les maîtres de stage, les CPTS et la cheffe "
        "de projet santé.\n\nLa prochaine soirée aura lieu au semestre d’hiver.",
    ),
    (
        "Une nouvelle maison de santé ouvre ses portes",
        "Quatre médecins généralistes et six paramédicaux exercent désormais ensemble.",
        "Le projet a été accompagné par la CPTS et la commune.\n\nDeux cabinets restent "
        "disponibles pour des médecins qui souhaitent s’installer.",
    ),
    (
        "Les aides à l’installation mises à jour",
        "Le catalogue des aides du portail a été revu avec les financeurs.",
        "Chaque aide indique sa source officielle et sa date de vérification.\n\nLe simulateur "
        "tient compte du zonage en vigueur.",
    ),
]

DEMO_TEAM = [
    ("Camille Exemple", "Cheffe de projet santé, interlocutrice des médecins et des internes"),
    ("Dominique Exemple", "Chargé de mission attractivité"),
]

# (name, rank of the commune by population, mode, quote)
DEMO_TESTIMONIALS = [
    (
        "Dr Claire M.",
        1,
        PracticeMode.MSP,
        "J’ai trouvé une équipe, un cabinet et un logement en trois mois, avec une seule "
        "interlocutrice.",
    ),
    (
        "Dr Youssef B.",
        2,
        PracticeMode.LIBERAL,
        "On m’a présenté les médecins du secteur avant même que je signe : cela a tout changé.",
    ),
]


@transaction.atomic
def generate_demo_news():
    """The demo news (with the demo team and testimonials): returns how many news it made."""
    if News.objects.filter(is_demo=True).exists():
        return 0
    now = timezone.now()
    towns = list(Commune.objects.largest(3))
    for number, (title, summary, body) in enumerate(DEMO_NEWS):
        town = towns[0].name if towns else ""
        news = News(
            title=title.format(town=town).removesuffix(" à "),
            summary=summary,
            body=body,
            is_demo=True,
        )
        news.publish()
        news.published_at = now - timedelta(days=12 * number)
        news.save()
    for position, (name, role) in enumerate(DEMO_TEAM):
        TeamMember.objects.get_or_create(
            name=name,
            defaults={
                "role": role,
                "email": "contact@sante-attractivite.example",
                "position": position,
                "is_demo": True,
            },
        )
    for name, rank, mode, quote in DEMO_TESTIMONIALS:
        if rank >= len(towns):
            continue
        Testimonial.objects.get_or_create(
            name=name,
            defaults={
                "quote": quote,
                "commune": towns[rank],
                "year": timezone.localdate().year - 1,
                "mode": mode,
                "consent_given_at": date(timezone.localdate().year - 1, 9, 1),
                "is_published": True,
                "is_demo": True,
            },
        )
    return len(DEMO_NEWS)
