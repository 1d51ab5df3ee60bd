import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db import IntegrityError

User = get_user_model()

pytestmark = pytest.mark.django_db


def test_the_email_is_the_login():
    user = User.objects.create_user(email="Dr.Martin@Exemple.TEST", password="s3cret-long-enough")
    assert user.email == "dr.martin@exemple.test"
    assert User.USERNAME_FIELD == "email"
    assert authenticate(email="dr.martin@exemple.test", password="s3cret-long-enough") == user


def test_an_email_is_required():
    with pytest.raises(ValueError, match="e-mail"):
        User.objects.create_user(email="", password="x")


def test_two_accounts_cannot_share_an_email():
    User.objects.create_user(email="a@exemple.test")
    with pytest.raises(IntegrityError):
        User.objects.create_user(email="a@exemple.test")


def test_superuser_is_staff():
    admin = User.objects.create_superuser(email="cheffe@exemple.test", password="x")
    assert admin.is_staff and admin.is_superuser


def test_str_prefers_the_full_name():
    assert str(User(email="x@exemple.test", first_name="Léa", last_name="Roux")) == "Léa Roux"
    assert str(User(email="x@exemple.test")) == "x@exemple.test"
