import django_filters

from tests.kindapp.models import Notice


class NoticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="Titre")

    class Meta:
        model = Notice
        fields = []
