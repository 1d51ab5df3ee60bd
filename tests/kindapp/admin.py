from django.contrib import admin

from tests.kindapp.models import Notice

admin.site.register(Notice)
