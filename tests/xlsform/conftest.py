# Fixtures for this folder: an app without a database for conversions, and the browser
# fixtures of tests/e2e for the phone-sized upload page test.
from tests.e2e.conftest import browser, context, live_server, page  # noqa: F401
from tests.xlsform.workbooks import plain_app  # noqa: F401
