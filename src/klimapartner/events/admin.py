"""Registrations in Django's admin, for the rare look the coordinator's pages do not give: read, search, filter."""

from django.contrib import admin

from klimapartner.events.models import Registration


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "event", "organisation", "guest_organisation", "status", "consent", "created"]
    list_filter = ["status", "consent", "event"]
    search_fields = ["name", "email", "guest_organisation", "organisation__name"]
    list_select_related = ["event", "organisation"]
    # The personal link is a password: never shown, never edited here.
    exclude = ["token"]
    readonly_fields = ["event", "invitation", "created", "consent_withdrawn_at"]
