from django.conf import settings

from klimapartner.accounts.roles import is_coordinator


def roles(request):
    return {
        "is_coordinator": is_coordinator(request.user),
        "programme_name": settings.PROGRAMME_NAME,
        "municipality_name": settings.MUNICIPALITY_NAME,
    }
