from django.contrib import admin

from .models import District, Facility, Neighbourhood, Organisation, Postcode


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)


class NeighbourhoodInline(admin.TabularInline):
    model = Neighbourhood
    extra = 0


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ("name", "lat", "lon")
    inlines = [NeighbourhoodInline]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ("name", "district")
    list_filter = ("district",)
    search_fields = ("name",)


@admin.register(Postcode)
class PostcodeAdmin(admin.ModelAdmin):
    list_display = ("code", "lat", "lon", "neighbourhood")
    search_fields = ("code",)


@admin.register(Facility)
class FacilityAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "postcode", "neighbourhood", "capacity", "is_active")
    list_filter = ("organisation", "neighbourhood__district", "is_active")
    search_fields = ("name", "external_id", "street")
    filter_horizontal = ("contact_persons",)
