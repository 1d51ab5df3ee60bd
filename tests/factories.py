import factory
from django.contrib.auth import get_user_model
from django.utils import timezone


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@exemple.test")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    password = factory.PostGenerationMethodCall("set_password", "mot-de-passe-de-test")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisations.Organisation"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Organisation partenaire {n}")
    kind = "cpts"


def profession(slug):
    from accounts.models import Profession

    return Profession.objects.get(slug=slug)


def commune(insee_code):
    from territory.models import Commune

    return Commune.objects.get(insee_code=insee_code)


class OfferFactory(factory.django.DjangoModelFactory):
    """A published general-practice collaboration in Carpentras unless told otherwise."""

    class Meta:
        model = "offers.Offer"

    kind = "collaboration"
    profession = factory.LazyFunction(lambda: profession("medecine-generale"))
    title = factory.Sequence(lambda n: f"Collaboration en maison de santé n°{n}")
    description = "Équipe de quatre médecins, secrétariat sur place."
    structure = "msp"
    commune = factory.LazyFunction(lambda: commune("84031"))
    contact_name = "Dr Camille Poster"
    contact_email = factory.Sequence(lambda n: f"poster{n}@cabinet.test")
    status = "published"
    published_at = factory.LazyFunction(timezone.now)


class EventFactory(factory.django.DjangoModelFactory):
    """A published training in Carpentras next month, with registration on the portal."""

    class Meta:
        model = "agenda.Event"

    title = factory.Sequence(lambda n: f"Formation à l’exercice coordonné n°{n}")
    kind = "formation"
    audiences = factory.LazyFunction(lambda: ["medecins", "internes"])
    starts_at = factory.LazyFunction(lambda: timezone.now() + timezone.timedelta(days=30))
    ends_at = factory.LazyAttribute(lambda event: event.starts_at + timezone.timedelta(hours=3))
    venue = "Salle des fêtes"
    commune = factory.LazyFunction(lambda: commune("84031"))
    description = "Trois heures pour découvrir l’exercice en maison de santé."
    registration_mode = "portail"
    capacity = 30
    status = "published"
    published_at = factory.LazyFunction(timezone.now)


class DossierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "support.Dossier"

    first_name = "Alix"
    last_name = factory.Sequence(lambda n: f"Demandeur {n}")
    email = factory.Sequence(lambda n: f"demandeur{n}@exemple.test")
    situation = "interne"
    project = "installation"
