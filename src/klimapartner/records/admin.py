from django.contrib import admin

from klimapartner.records.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log is read, never written by hand."""

    list_display = ["at", "actor_name", "area", "action", "object_repr"]
    list_filter = ["area", "action"]
    search_fields = ["actor_name", "object_repr"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
