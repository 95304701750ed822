from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm

from klimapartner.accounts.models import Attempt


class ThrottledAdminAuthenticationForm(AdminAuthenticationForm):
    """The admin's sign-in form, saying so when the backend refused to check any more passwords."""

    def clean(self):
        try:
            return super().clean()
        except forms.ValidationError:
            if getattr(self.request, "sign_in_throttled", False):
                from klimapartner.accounts.views import throttled_message

                raise forms.ValidationError(throttled_message("sign-in-account"), code="throttled") from None
            raise


admin.site.login_form = ThrottledAdminAuthenticationForm


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["scope", "key", "at"]
    list_filter = ["scope"]
