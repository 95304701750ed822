import pytest

from tests.factories import make_organisation, make_user, make_editor


@pytest.fixture
def coordinator(db):
    return make_user("koordinator@kommune.example", staff=True)


@pytest.fixture
def owner_org(db):
    return make_organisation("Nordlys Energi ApS", cvr="12345674")


@pytest.fixture
def other_org(db):
    return make_organisation("Vestkyst Bageri", cvr="11111114", town="Løkken", sector="food")


@pytest.fixture
def owner(owner_org):
    """A partner editor of owner_org."""
    return make_editor(owner_org, "ejer@nordlys.example")


@pytest.fixture
def outsider(other_org):
    """A partner editor of another organisation."""
    return make_editor(other_org, "redaktoer@vestkyst.example")


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with no cached fragments (they live in the process, across tests)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def danish_by_default():
    """Each test starts in Danish: a request to /en/ must not leak English into the next test."""
    from django.utils import translation

    translation.activate("da")
    yield
    translation.activate("da")


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on loopback; Django's SMTP backend sends to it and the test reads what arrived."""
    import socket
    from email import message_from_bytes, policy

    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.messages = []

        async def handle_DATA(self, server, session, envelope):
            message = message_from_bytes(envelope.content, policy=policy.default)
            message.envelope_to = list(envelope.rcpt_tos)
            self.messages.append(message)
            return "250 Message accepted"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    yield inbox
    controller.stop()
