from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The site search: one table of search documents fed by the registry of kinds of content
    (each public kind's ``search_document``), plus the territory's communes and facilities."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Recherche"

    def ready(self):
        from search import signals

        signals.connect()
