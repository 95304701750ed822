from django.contrib import admin

from klimapartner.mail.models import PendingEmail


@admin.register(PendingEmail)
class PendingEmailAdmin(admin.ModelAdmin):
    list_display = ["subject", "created", "attempts", "next_attempt_at"]
    readonly_fields = ["to", "from_email", "subject", "body", "created", "attempts", "last_error"]
