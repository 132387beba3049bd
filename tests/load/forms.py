"""What a browser submits for a form: the load test edits profiles through the real page."""

from html.parser import HTMLParser


class FormFields(HTMLParser):
    """The fields each form of a page would submit, as (action, [(name, value), …])."""

    def __init__(self):
        super().__init__()
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._fields: list[tuple[str, str]] | None = None
        self._textarea: str | None = None
        self._select: str | None = None
        self._select_first: str | None = None  # submitted when no option is selected
        self._select_chosen = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._fields = []
            self.forms.append((a.get("action") or "", self._fields))
            return
        name = a.get("name")
        if self._fields is None or (not name and tag != "option"):
            return
        kind = a.get("type", "text")
        if tag == "input" and kind not in ("submit", "button", "file", "reset", "image"):
            if kind not in ("checkbox", "radio"):
                self._fields.append((name, a.get("value") or ""))
            elif "checked" in a:
                self._fields.append((name, a.get("value", "on")))
        elif tag == "textarea":
            self._textarea = name
            self._fields.append((name, ""))
        elif tag == "select":
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select:
            if self._select_first is None:
                self._select_first = a.get("value", "")
            if "selected" in a:
                self._fields.append((self._select, a.get("value", "")))
                self._select_chosen = True

    def handle_data(self, data):
        if self._textarea and self._fields:
            self._fields[-1] = (self._textarea, self._fields[-1][1] + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            if self._select and not self._select_chosen and self._fields is not None:
                self._fields.append((self._select, self._select_first or ""))
            self._select = None
        elif tag == "form":
            self._fields = None


def form_fields(html: str, action: str = "") -> list[tuple[str, str]]:
    """The fields of the form posting to `action` ("" = this page), else of the biggest form."""
    parser = FormFields()
    parser.feed(html)
    matching = [fields for target, fields in parser.forms if target == action]
    candidates = matching or [fields for _, fields in parser.forms]
    return max(candidates, key=len, default=[])
