"""Django's admin, for the coordinator's rare tasks; daily work has its own pages."""

from django.contrib import admin

from klimapartner.partners.models import Action, Agreement, ContactPerson, FocusArea, Membership, Organisation, ReductionTarget


class ContactInline(admin.TabularInline):
    model = ContactPerson
    extra = 0


class TargetInline(admin.TabularInline):
    model = ReductionTarget
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "cvr", "org_type", "sector", "town", "is_published"]
    list_filter = ["org_type", "sector", "town", "is_published"]
    search_fields = ["name", "cvr"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactInline]


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["organisation", "status", "starts_on", "ends_on"]
    list_filter = ["status"]
    search_fields = ["organisation__name"]
    autocomplete_fields = ["organisation"]
    inlines = [TargetInline]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "agreement", "status", "expected_effect", "realised_effect", "is_public"]
    list_filter = ["status", "focus_area", "is_public"]
    search_fields = ["title", "agreement__organisation__name"]
    list_select_related = ["agreement__organisation"]


admin.site.register(FocusArea)
admin.site.register(Membership)
