import socket

import pytest
from aiosmtpd.controller import Controller


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Collector:
    """An SMTP handler that keeps every accepted message."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def _smtp_mailers(port):
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free local port; settings.MAILERS points at it."""
    collector = _Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.MAILERS = _smtp_mailers(controller.port)
    try:
        yield collector
    finally:
        controller.stop()


@pytest.fixture
def closed_smtp_port(settings):
    """settings.MAILERS points at a local port nobody listens on: every send fails."""
    port = _free_port()
    settings.MAILERS = _smtp_mailers(port)
    return port
