"""The template guard of the test settings, and deterministic pagination on every list page."""

import pytest
from django.conf import settings
from django.core.paginator import Page
from django.template import Context, Engine, TemplateSyntaxError
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import EventFactory, OfferFactory
from tests.helpers.template_guard import InvalidTemplateVariable


def engine_with_guard(project, third_party):
    (project / "page.html").write_text("<p>{{ typo }}</p>")
    (project / "optional.html").write_text("{% if missing %}x{% endif %}ok")
    (third_party / "admin_like.html").write_text("<p>{{ typo|default:'vide' }}</p>")
    return Engine(dirs=[project, third_party], string_if_invalid=InvalidTemplateVariable([project]))


def test_an_undefined_variable_in_a_project_template_fails(tmp_path):
    project, third_party = tmp_path / "templates", tmp_path / "site-packages"
    project.mkdir()
    third_party.mkdir()
    engine = engine_with_guard(project, third_party)
    with pytest.raises(TemplateSyntaxError, match="typo"):
        engine.get_template("page.html").render(Context({}))
    assert engine.get_template("optional.html").render(Context({})) == "ok"
    # Third-party templates (the admin, allauth) keep Django's default behaviour.
    assert engine.get_template("admin_like.html").render(Context({})) == "<p>vide</p>"


def test_the_test_settings_guard_the_project_templates():
    guard = settings.TEMPLATES[0]["OPTIONS"]["string_if_invalid"]
    assert isinstance(guard, InvalidTemplateVariable)
    assert guard.roots == (str((settings.BASE_DIR / "templates").resolve()),)


def test_error_pages_render_with_the_guard(visitor):
    response = visitor.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def parameterless_paths(patterns=None, prefix=""):
    """Every public URL of the portal that takes no argument (the admin and allauth aside)."""
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        route = str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if route.startswith(("admin/", "compte/")):
                continue
            yield from parameterless_paths(pattern.url_patterns, prefix + route)
        elif isinstance(pattern, URLPattern) and "<" not in route and "^" not in route:
            yield "/" + prefix + route


SORTS = [{}, {"tri": "recentes"}, {"tri": "proches", "near": "carpentras"}, {"tri": "debut"}]


@pytest.mark.django_db
def test_every_paginated_list_is_ordered_deterministically(visitor, territory):
    OfferFactory.create_batch(3)
    EventFactory.create_batch(3)
    paginated = []
    for path in parameterless_paths():
        for params in SORTS:
            response = visitor.get(path, params)
            if response.status_code != 200 or response.context is None:
                continue
            contexts = (
                response.context if isinstance(response.context, list) else [response.context]
            )
            values = [value for context in contexts for value in context.flatten().values()]
            for value in values:
                if isinstance(value, Page):
                    # a list's search is applied when first read (search.DeferredResults)
                    listed = value.paginator.object_list
                    queryset = getattr(listed, "queryset", listed)
                    assert queryset.ordered, path
                    order = queryset.query.order_by or queryset.model._meta.ordering
                    assert order and str(order[-1]).lstrip("-") in {"pk", "id"}, (
                        f"{path}?{params}: the order {order} has no unique tie-breaker"
                    )
                    paginated.append(path)
                    break
    # The crawl reached the list pages it is meant to watch.
    assert {
        "/exercer/offres/",
        "/agenda/",
        "/agenda/passes/",
        "/exercer/communes/",
        "/exercer/etablissements/",
    } <= set(paginated)
