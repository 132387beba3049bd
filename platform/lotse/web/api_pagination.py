"""The API's page: `count`, `next`, `previous` and `results`, all four always sent (contracts.md),
so the schema marks them required (DRF's own schema leaves `next`/`previous` optional)."""

from rest_framework.pagination import PageNumberPagination


class ApiPageNumberPagination(PageNumberPagination):
    def get_paginated_response_schema(self, schema):
        page = super().get_paginated_response_schema(schema)
        page["required"] = ["count", "next", "previous", "results"]
        return page
