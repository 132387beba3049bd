"""Walks the root URLconf and fills every route's path parameters with ids of real objects,
for the permission matrix (test_permission_matrix.py)."""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PK_BEFORE = re.compile(r"<(?:\w+:)?pk>|\(\?P<pk>")


@dataclass(frozen=True)
class Route:
    key: str  # the URL name, or the route itself where a pattern has no name
    route: str
    pattern: URLPattern

    @property
    def params(self) -> list[str]:
        return list(self.pattern.pattern.regex.groupindex)

    @property
    def is_format_suffix(self) -> bool:
        return "format" in self.params


def routes() -> list[Route]:
    """Every URL pattern of the site, includes resolved, with its full route and name."""
    return list(_walk(get_resolver().url_patterns, "", ""))


def _walk(patterns, prefix: str, namespace: str):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif entry.name:
            yield Route(f"{namespace}:{entry.name}" if namespace else entry.name, route, entry)
        else:
            yield Route(route, route, entry)


def _pk_owner(route: str) -> str:
    """The collection a route's `pk` belongs to: the path segment just before it."""
    before = PK_BEFORE.split(route, maxsplit=1)[0].rstrip("/")
    return before.rsplit("/", 1)[-1].lstrip("^")


# Path parameters that name an object, other than `pk` (whose collection is the path segment
# before it): the admin's object ids, hours entries (of a placement) and an open need's offer.
OBJECT_PARAMS = {
    "object_id": "admin",
    "id": "admin",
    "content_type_id": "admin",
    "entry_id": "placements",
    "entry_pk": "placements",
    "need_pk": "offers",
}


def object_kinds(route: Route) -> set[str]:
    """The kinds of object the route's path names (`placements`, `concerns`, `admin`, …)."""
    kinds = {OBJECT_PARAMS[name] for name in route.params if name in OBJECT_PARAMS}
    if "pk" in route.params:
        kinds.add(_pk_owner(route.route))
    return kinds


def admin_model_for(route: Route):
    for model in admin.site._registry:
        meta = model._meta
        if route.key.startswith(f"admin:{meta.app_label}_{meta.model_name}_") or (
            route.route == f"admin/{meta.app_label}/{meta.model_name}/<path:object_id>/"
        ):
            return model
    return None


def admin_object_pk(route: Route, o: dict):
    """The first object the admin lists for the route's model (None: it lists none)."""
    model = admin_model_for(route)
    if model is None:
        return None
    request = RequestFactory().get("/admin/")
    request.user = o["admin_user"]
    first = admin.site._registry[model].get_queryset(request).order_by("pk").first()
    return first.pk if first else None


def admin_has_no_object(route: Route, o: dict) -> bool:
    if "object_id" not in route.params or admin_model_for(route) is None:
        return False
    return admin_object_pk(route, o) is None


def url_for(route: Route, objects: dict) -> str:
    kwargs = _kwargs(route, objects)
    if route.key != route.route:
        return reverse(route.key, kwargs=kwargs)
    # Unnamed patterns (the admin's shortcuts): put the values into the route by hand.
    path = route.route
    for name, value in kwargs.items():
        path = re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)", str(value), path)
    return "/" + path.replace("^", "").replace("$", "")


def _kwargs(route: Route, o: dict) -> dict:
    values = {}
    for name in route.params:
        values[name] = _value(route, name, o)
    return values


def _value(route: Route, name: str, o: dict):
    fixed = o["args_by_name"].get(route.key, {})
    if name in fixed:
        return fixed[name]
    if name == "pk":
        return o["pk_by_collection"][_pk_owner(route.route)]
    if name == "object_id":
        return admin_object_pk(route, o) or 0
    if name == "content_type_id":
        return ContentType.objects.get_for_model(o["facility"]).pk
    return o["args"][name]


def admin_models() -> list[str]:
    return sorted(model._meta.label_lower for model in admin.site._registry)


def is_login(location: str, login_paths: set[str]) -> bool:
    return urlsplit(location).path in login_paths
