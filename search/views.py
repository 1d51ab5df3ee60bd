from django.shortcuts import render
from django.views.decorators.http import require_GET

from search import index, query
from vsa_portal.search import paginate, querystring_without_page

PAGE_SIZE = 20


@require_GET
def results(request):
    """The site search: every group's best results, or one group's results page by page."""
    text = query.clean(request.GET.get("q"))
    groups = {group.key: group for group in index.groups()}
    group = groups.get(request.GET.get("type", ""))
    context = {"q": text, "group": group, "results": [], "page": None}
    if text and group:
        context["page"] = paginate(request, query.in_group(text, group.key), PAGE_SIZE)
        context["querystring"] = querystring_without_page(request)
        context["list_link"] = group.list_link(text, query.named_commune(text))
    elif text:
        context["results"] = query.grouped(text)
    return render(request, "search/results.html", context)
