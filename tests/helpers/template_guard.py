"""In tests, a variable a project template names but the context lacks fails the test.

Django renders a missing variable as ``string_if_invalid`` (an empty string by default), which
hides typos and forgotten context. The test settings set ``string_if_invalid`` to an
``InvalidTemplateVariable``: in a template of the project's own ``templates/`` folder, a missing
variable raises; in third-party templates (Django's admin, allauth), which rely on missing
variables, it behaves exactly as Django's default (an empty, falsy string, filters applied).

``{% if missing %}`` and ``{% for x in missing %}`` stay allowed (Django resolves them with
``ignore_failures``); ``{{ missing|default:"…" }}`` raises in a project template: test with
``{% if %}`` or pass the variable.
"""

import sys
from pathlib import Path

from django.template import TemplateSyntaxError
from django.template.base import Node


class InvalidTemplateVariable(str):
    def __new__(cls, roots):
        guard = super().__new__(cls, "")
        guard.roots = tuple(str(Path(root).resolve()) for root in roots)
        return guard

    def _origin_of_caller(self):
        """The file of the template node that is resolving the missing variable."""
        frame = sys._getframe(2)
        while frame is not None:
            node = frame.f_locals.get("self")
            if isinstance(node, Node) and getattr(node, "origin", None) is not None:
                return node.origin.name
            frame = frame.f_back
        return None

    def _guards_caller(self):
        origin = self._origin_of_caller()
        return isinstance(origin, str) and origin.startswith(self.roots)

    def __bool__(self):
        return self._guards_caller()

    def __contains__(self, item):
        return item == "%s"

    def __mod__(self, variable):
        if self._guards_caller():
            raise TemplateSyntaxError(
                f"Undefined template variable {variable!r} in {self._origin_of_caller()}"
            )
        return ""
