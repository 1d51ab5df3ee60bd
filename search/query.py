"""The site search's query: PostgreSQL full-text search (French, without accents) weighted
title > commune > text, and a trigram similarity on the title and commune so that a typo
("Carpantras") still finds its match. Two queries whatever the number of groups: the counts per
group, and the best documents of each group (a window function)."""

from dataclasses import dataclass, field

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.db.models import Count, F, Q, Value, Window
from django.db.models.functions import Lower, Replace, RowNumber

from search.index import groups, plain
from search.models import SEARCH_CONFIG, SearchDocument

MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
# A word this close to a word of the title or commune counts as that word ("carpantras").
TYPO_SIMILARITY = 0.45
PER_GROUP = 5
# Words that carry no meaning on their own: they never have to match, typo or not.
STOP_WORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "un",
        "une",
        "pour",
        "par",
        "sur",
        "dans",
        "avec",
        "ou",
    ]
)


def clean(query):
    query = "".join(c for c in (query or "") if c.isprintable())
    return " ".join(query.split())[:MAX_QUERY_LENGTH]


def matching(query):
    """The documents that match the (cleaned) query, annotated with their ``score``."""
    words = [word for word in plain(query).split() if word not in STOP_WORDS][:MAX_WORDS]
    if not words:
        return SearchDocument.objects.none()
    full_text = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    annotations = {
        f"similarity_{position}": TrigramWordSimilarity(word, "plain")
        for position, word in enumerate(words)
    }
    every_word = Q()
    for position, word in enumerate(words):
        every_word &= Q(vector=SearchQuery(word, config=SEARCH_CONFIG, search_type="plain")) | Q(
            **{f"similarity_{position}__gte": TYPO_SIMILARITY}
        )
    return (
        SearchDocument.objects.annotate(**annotations)
        .filter(Q(vector=full_text) | every_word)
        .annotate(
            score=SearchRank("vector", full_text)
            + TrigramSimilarity("plain", " ".join(words))
            + sum((F(name) for name in annotations), start=0) / len(words) / 2
        )
    )


@dataclass
class GroupResults:
    group: object
    count: int
    documents: list = field(default_factory=list)

    @property
    def best_score(self):
        return self.documents[0].score if self.documents else 0

    @property
    def list_link(self):
        return self.group.list_link(self.query, self.commune_slug)

    query: str = ""
    commune_slug: str | None = None


def named_commune(query):
    """The slug of the commune the query names ("collaboration Carpentras", "l isle sur la
    sorgue"), the longest name first, or None: one query."""
    from django.db.models.functions import Length

    from territory.models import Commune

    words = plain(query).replace("-", " ").replace("'", " ").replace("’", " ").split()[:MAX_WORDS]
    spans = {
        " ".join(words[start:end])
        for start in range(len(words))
        for end in range(start + 1, len(words) + 1)
    }
    if not spans:
        return None
    return (
        Commune.objects.annotate(
            spoken=Replace(
                Replace(
                    Replace(Lower(Unaccent("name")), Value("-"), Value(" ")), Value("'"), Value(" ")
                ),
                Value("’"),
                Value(" "),
            )
        )
        .filter(spoken__in=spans)
        .order_by(Length("name").desc(), "pk")
        .values_list("slug", flat=True)
        .first()
    )


def grouped(query, per_group=PER_GROUP):
    """The best ``per_group`` documents of each group and each group's count, best group first."""
    query = clean(query)
    matches = matching(query)
    counts = dict(
        matches.order_by()
        .values_list("group")
        .annotate(count=Count("pk"))
        .values_list("group", "count")
    )
    if not counts:
        return []
    best = matches.annotate(
        position=Window(
            RowNumber(), partition_by=[F("group")], order_by=[F("score").desc(), F("pk").asc()]
        )
    ).filter(position__lte=per_group)
    by_group = {}
    for document in best.order_by("group", "-score", "pk"):
        by_group.setdefault(document.group, []).append(document)
    order = {group.key: position for position, group in enumerate(groups())}
    commune_slug = named_commune(query)
    results = [
        GroupResults(
            group=group,
            count=counts[group.key],
            documents=by_group.get(group.key, []),
            query=query,
            commune_slug=commune_slug,
        )
        for group in groups()
        if counts.get(group.key)
    ]
    return sorted(results, key=lambda result: (-result.best_score, order[result.group.key]))


def in_group(query, group_key):
    """Every matching document of one group, best first (the page "all the results")."""
    return matching(clean(query)).filter(group=group_key).order_by("-score", "pk")
