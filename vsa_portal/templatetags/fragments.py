"""``{% public_fragment name value… %}…{% endpublic_fragment %}``: a part of a template kept
for every visitor (``vsa_portal/fragments.py`` says what it may hold and how it is keyed)."""

from django import template

from vsa_portal.fragments import kept

register = template.Library()


class PublicFragmentNode(template.Node):
    def __init__(self, nodelist, name, values):
        self.nodelist, self.name, self.values = nodelist, name, values

    def render(self, context):
        values = [value.resolve(context) for value in self.values]
        return kept(self.name, values, lambda: self.nodelist.render(context))


@register.tag
def public_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a name for the fragment.")
    nodelist = parser.parse(("endpublic_fragment",))
    parser.delete_first_token()
    name = bits[1].strip("\"'")
    return PublicFragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
