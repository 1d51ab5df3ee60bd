"""A strict check of an HTML page's structure with the standard library: every element that is
opened is closed, in order (void elements aside), attributes are not repeated, ids are unique.

It catches what the W3C checker reported on the signup page (unclosed ``span`` and ``p``) without
html5lib. Optional end tags (``li``, ``p``, ``td``...) must be written: the portal writes them.
"""

from html.parser import HTMLParser

VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}  # fmt: skip
# Elements that may not contain a <p> (its end tag would be implied, so the page is wrong).
NO_PARAGRAPH_INSIDE = {"p", "span", "a", "label", "button", "strong", "em", "small"}
BLOCKS = {"div", "p", "ul", "ol", "form", "section", "table", "h1", "h2", "h3", "fieldset"}


class StrictHTMLChecker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.ids = set()

    def where(self):
        line, column = self.getpos()
        return f"line {line}, column {column}"

    def handle_starttag(self, tag, attrs):
        names = [name for name, _ in attrs]
        for name in {name for name in names if names.count(name) > 1}:
            self.errors.append(f"<{tag}> repeats the attribute {name!r} ({self.where()})")
        for name, value in attrs:
            if name == "id":
                if value in self.ids:
                    self.errors.append(f"duplicate id {value!r} ({self.where()})")
                self.ids.add(value)
        if tag in BLOCKS and self.stack and self.stack[-1][0] in NO_PARAGRAPH_INSIDE:
            self.errors.append(
                f"<{tag}> inside <{self.stack[-1][0]}> (opened {self.stack[-1][1]}, {self.where()})"
            )
        if tag not in VOID_ELEMENTS:
            self.stack.append((tag, self.where()))

    def handle_startendtag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.errors.append(f"<{tag}/> is not a void element ({self.where()})")
        else:
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            self.errors.append(f"</{tag}> closes a void element ({self.where()})")
            return
        if not self.stack:
            self.errors.append(f"</{tag}> closes nothing ({self.where()})")
            return
        open_tag, opened_at = self.stack[-1]
        if open_tag == tag:
            self.stack.pop()
            return
        self.errors.append(
            f"</{tag}> at {self.where()} while <{open_tag}> (opened {opened_at}) is still open"
        )
        # Resynchronise on the matching element, if any, to report the next error too.
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return


def html_errors(html):
    checker = StrictHTMLChecker()
    checker.feed(html)
    checker.close()
    checker.errors.extend(f"<{tag}> opened {at} is never closed" for tag, at in checker.stack)
    return checker.errors


def assert_valid_html(html, url=""):
    errors = html_errors(html)
    assert not errors, f"{url}: invalid HTML\n" + "\n".join(errors)
