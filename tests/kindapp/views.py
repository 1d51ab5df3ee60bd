from django.shortcuts import get_object_or_404, render

from tests.kindapp.filters import NoticeFilter
from tests.kindapp.models import Notice
from vsa_portal.search import filtered, paginate, querystring_without_page


def notice_list(request):
    filterset = NoticeFilter(
        request.GET or None, queryset=Notice.objects.published().order_by("-pk")
    )
    return render(
        request,
        "kindapp/list.html",
        {
            "filter": filterset,
            "page": paginate(request, filtered(filterset), 20),
            "querystring": querystring_without_page(request),
        },
    )


def notice_detail(request, pk):
    notice = get_object_or_404(Notice.objects.published().select_related("commune"), pk=pk)
    return render(request, "kindapp/detail.html", {"notice": notice})
