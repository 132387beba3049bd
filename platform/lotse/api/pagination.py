"""The API's page: `count`, `next`, `previous` and `results`, all four always sent (contracts.md),
so the schema marks them required (DRF's own schema leaves `next`/`previous` optional).

`?page_size=` up to LOTSE_API_MAX_PAGE_SIZE: anything else (0, 500, `abc`) is a 400 on
`page_size`, not quietly another size a client would miscount with. A page past the end is
DRF's 404. Views that compute their list (candidates, opportunities, district demand) page it
with `page_of` and declare `page_parameters()`."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination

PAGE_SIZE_INVALID = _("A whole number from 1 to %(max)s.")
MEMBERS = ["count", "next", "previous", "results"]


class ApiPageNumberPagination(PageNumberPagination):
    page_size_query_param = "page_size"

    @property
    def max_page_size(self) -> int:
        return settings.LOTSE_API_MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        size = int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else 0
        if not 1 <= size <= self.max_page_size:
            message = PAGE_SIZE_INVALID % {"max": self.max_page_size}
            raise ValidationError({self.page_size_query_param: [message]})
        return size

    def page_members(self, results) -> dict:
        return {
            "count": self.page.paginator.count,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": results,
        }

    def get_paginated_response_schema(self, schema):
        page = super().get_paginated_response_schema(schema)
        page["required"] = MEMBERS
        return page

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
                parameter["description"] = "The page, from 1; past the last page: 404."
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                }
                parameter["description"] = (
                    f"Results per page: {self.page_size} by default, at most "
                    f"{self.max_page_size} (more is a 400)."
                )
        return parameters


def page_parameters() -> list[OpenApiParameter]:
    """`page` and `page_size`, for a view that pages a computed list with `page_of`."""
    return [
        OpenApiParameter(p["name"], p["schema"], description=p["description"])
        for p in ApiPageNumberPagination().get_schema_operation_parameters(None)
    ]


def page_of(rows: list, request, view, *, page_size: int | None = None):
    """The requested page of a computed list, and the paginator for its `page_members`."""
    paginator = ApiPageNumberPagination()
    if page_size is not None:
        paginator.page_size = page_size  # the default when the request names none
    return paginator.paginate_queryset(rows, request, view=view), paginator
