from django.contrib import admin

from klimapartner.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "done", "total", "user", "created", "finished"]
    list_filter = ["status", "name"]
    readonly_fields = [field.name for field in Job._meta.fields]
