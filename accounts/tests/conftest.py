import pytest

# The real local SMTP server of the notification tests (aiosmtpd on a free port).
from notifications.tests.conftest import smtp_server  # noqa: F401

from .factories import PASSWORD


@pytest.fixture(autouse=True)
def _no_totp_throttle(settings):
    """django-otp slows down each next try after a wrong code (1 s, 2 s, ...); the tests that
    follow a wrong code with a right one need no wait. The throttling by django-axes stays."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def password():
    return PASSWORD
