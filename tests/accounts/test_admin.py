import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.helpers.queries import assert_max_queries

User = get_user_model()


def test_visitor_is_sent_to_the_admin_login(visitor):
    response = visitor.get(reverse("admin:index"))
    assert response.status_code == 302
    assert reverse("admin:login") in response["Location"]


def test_professional_without_staff_rights_cannot_enter_the_admin(professional):
    response = professional.get(reverse("admin:index"))
    assert response.status_code == 302


def test_project_lead_logs_in_to_the_admin_with_an_email(visitor, project_lead_user):
    response = visitor.post(
        reverse("admin:login"),
        {
            "username": project_lead_user.email,
            "password": "mot-de-passe-de-test",
            "next": "/admin/",
        },
    )
    assert response.status_code == 302
    assert visitor.get(reverse("admin:index")).status_code == 200


@pytest.mark.django_db
def test_project_lead_creates_an_account_from_the_admin(project_lead):
    response = project_lead.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "nouvelle.interne@exemple.test",
            "usable_password": "true",
            "password1": "Une-phrase-de-passe-solide-84",
            "password2": "Une-phrase-de-passe-solide-84",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.filter(email="nouvelle.interne@exemple.test").exists()


def test_user_list_in_the_admin_keeps_a_constant_number_of_queries(project_lead):
    from tests.factories import UserFactory

    UserFactory.create_batch(30)
    with assert_max_queries(8):
        response = project_lead.get(reverse("admin:accounts_user_changelist"))
    assert response.status_code == 200
    assert "personne" in response.content.decode()
