from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.enums import ProfessionalStatus


class Profession(models.Model):
    """Professions offers are for: data, so that a deployment lists what it needs."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant d’URL"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("ordre d’affichage"), default=0)

    class Meta:
        db_table = "offers_profession"  # the table kept its name when the model moved
        verbose_name = _("profession")
        verbose_name_plural = _("professions")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def content_kind(self):
        from vsa_portal import kinds

        return kinds.get(self.kind)

    def get_list_url(self):
        from django.urls import reverse

        kind = self.content_kind
        if kind is None or not kind.list_url:
            return ""
        url = reverse(kind.list_url)
        return f"{url}?{self.querystring}" if self.querystring else url


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff=True and is_superuser=True.")
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account; the e-mail address is the login."""

    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    status = models.CharField(
        _("statut"), max_length=20, blank=True, choices=ProfessionalStatus.choices
    )
    profession = models.ForeignKey(
        Profession,
        verbose_name=_("profession"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    specialty = models.CharField(_("spécialité"), max_length=120, blank=True)
    terms_accepted_at = models.DateTimeField(_("conditions acceptées le"), null=True, blank=True)
    terms_version = models.CharField(
        _("version des conditions acceptées"), max_length=20, blank=True
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email


class FavoriteQuerySet(models.QuerySet):
    def holds(self, user, item):
        """Whether ``user`` keeps ``item`` (False for visitors)."""
        if not user.is_authenticated:
            return False
        content_type = ContentType.objects.get_for_model(item)
        return self.filter(user=user, content_type=content_type, object_id=item.pk).exists()


class Favorite(models.Model):
    """Something a professional keeps: an offer today, housing and events when they exist."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="favorites")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("ajouté le"), auto_now_add=True)

    objects = FavoriteQuerySet.as_manager()

    class Meta:
        verbose_name = _("favori")
        verbose_name_plural = _("favoris")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "content_type", "object_id"], name="one_favorite_per_item"
            )
        ]

    def __str__(self):
        return f"{self.user} ★ {self.content_type.model} {self.object_id}"


class SavedSearch(models.Model):
    """A search kept with its filters; new matches are e-mailed daily or weekly."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Chaque jour")
        WEEKLY = "weekly", _("Chaque semaine")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="saved_searches")
    # The registry key of the kind of content searched ("offres", "evenements"…).
    kind = models.CharField(_("type de contenu"), max_length=40, default="offres")
    name = models.CharField(_("nom"), max_length=120)
    querystring = models.CharField(_("filtres"), max_length=2000, blank=True)
    frequency = models.CharField(
        _("fréquence"), max_length=10, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_sent_at = models.DateTimeField(_("dernier envoi"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("alerte")
        verbose_name_plural = _("alertes")
        ordering = ["-created_at"]

    def __str__(self):
        return self.name

    @property
    def content_kind(self):
        from vsa_portal import kinds

        return kinds.get(self.kind)

    def get_list_url(self):
        from django.urls import reverse

        kind = self.content_kind
        if kind is None or not kind.list_url:
            return ""
        url = reverse(kind.list_url)
        return f"{url}?{self.querystring}" if self.querystring else url
