"""The permission matrix every partner page is held to."""

from django.urls import reverse


def assert_only_owner_and_coordinator(client, url, *, owner, outsider, coordinator):
    """Anonymous is sent to sign in, another partner is refused, the owner and the coordinator get the page."""
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={url}"
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(owner)
    assert client.get(url).status_code == 200
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
