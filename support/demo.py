"""Forty demo dossiers in every status, labelled demo; the demo professional has one."""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from support.enums import (
    CameFrom,
    Channel,
    DossierStatus,
    NeedKind,
    NeedStatus,
    Outcome,
    PracticeMode,
    Project,
    ReferralStatus,
    Situation,
)
from support.models import (
    Dossier,
    InstallationStep,
    Label,
    Message,
    Need,
    Note,
    Referral,
    StepDone,
)

DEMO_DOSSIER_COUNT = 40
FIRST_NAMES = ["Alix", "Camille", "Sacha", "Noa", "Lou", "Eden", "Charlie", "Maël", "Jade", "Yanis"]
LAST_NAMES = ["Démo-Martin", "Démo-Bernard", "Démo-Petit", "Démo-Durand", "Démo-Moreau"]


@transaction.atomic
def generate_demo_dossiers(seed=84, count=DEMO_DOSSIER_COUNT):
    """Create the demo dossiers once; a second run returns 0."""
    from accounts.models import Profession, User
    from organisations.models import Organisation
    from territory.models import Commune

    if Dossier.objects.filter(is_demo=True).exists():
        return 0
    rng = random.Random(seed)
    communes = list(Commune.objects.order_by("name"))
    professions = list(Profession.objects.all()[:2])
    organisations = list(Organisation.objects.filter(is_demo=True)[:5])
    statuses = list(DossierStatus)
    now = timezone.now()
    steps = list(InstallationStep.objects.all())
    labels = [
        Label.objects.get_or_create(name=name)[0]
        for name in ("Démo · priorité", "Démo · rencontré au salon de l’internat")
    ]
    for number in range(count):
        status = statuses[number % len(statuses)]
        created = now - timedelta(days=rng.randint(2, 400))
        dossier = Dossier.objects.create(
            first_name=rng.choice(FIRST_NAMES),
            last_name=rng.choice(LAST_NAMES),
            email=f"demande-{number}@demo.test",
            profession=rng.choice(professions) if professions else None,
            situation=rng.choice(Situation.values),
            project=rng.choice(Project.values),
            project_when=rng.choice(["dans l’année", "à l’automne prochain", "d’ici deux ans"]),
            mode=rng.choice(PracticeMode.values),
            came_from=rng.choice(CameFrom.values),
            housing=rng.random() < 0.5,
            spouse_job=rng.choice(["", "infirmière", "professeur des écoles", "ingénieur"]),
            children=rng.choice(["", "4 ans", "6 et 9 ans"]),
            message="Demande fictive de démonstration.",
            channel=rng.choice(Channel.values),
            status=status,
            created_at=created,
            first_answer_at=None
            if status == DossierStatus.RECEIVED
            else created + timedelta(days=rng.randint(0, 6)),
            next_action_on=timezone.localdate() + timedelta(days=rng.randint(-3, 20)),
            is_demo=True,
        )
        if communes:
            dossier.communes.set(rng.sample(communes, 2))
        if number % 3 == 0:
            dossier.labels.add(labels[number % 2])
        Need.objects.create(dossier=dossier, kind=NeedKind.PRACTICE, status=NeedStatus.IN_PROGRESS)
        if dossier.housing:
            Need.objects.create(dossier=dossier, kind=NeedKind.HOUSING)
        if status != DossierStatus.RECEIVED:
            Message.objects.create(
                dossier=dossier,
                from_staff=True,
                body="Bonjour, merci pour votre demande : pouvons-nous nous appeler cette semaine ?",
            )
            Note.objects.create(dossier=dossier, body="Note interne de démonstration.")
        if status == DossierStatus.REFERRED and organisations:
            Referral.objects.create(
                dossier=dossier,
                organisation=rng.choice(organisations),
                contact_name="Contact de démonstration",
                contact_email="partenaire@demo.test",
                question="Avez-vous un local disponible ?",
                summary="Médecin généraliste cherchant un cabinet (démo).",
                status=rng.choice([ReferralStatus.SENT, ReferralStatus.ANSWERED]),
                sent_at=created + timedelta(days=3),
            )
        if status == DossierStatus.SETTLED:
            dossier.outcome = rng.choice(Outcome.values)
            dossier.outcome_on = (created + timedelta(days=120)).date()
            dossier.outcome_commune = rng.choice(communes) if communes else None
            dossier.outcome_mode = PracticeMode.LIBERAL
            dossier.closed_at = created + timedelta(days=120)
            dossier.save()
        for step in steps[: rng.randint(0, len(steps))]:
            StepDone.objects.create(dossier=dossier, step=step)
    demo_professional = User.objects.filter(email="medecin@demo.test").first()
    if demo_professional is not None:
        mine = Dossier.objects.filter(is_demo=True, status=DossierStatus.IN_PROGRESS).first()
        mine.requester = demo_professional
        mine.email = demo_professional.email
        mine.first_name, mine.last_name = demo_professional.first_name, demo_professional.last_name
        mine.save()
    return count
