# Fixtures for this folder: an app without a database for conversions. (The phone-sized
# upload page test is in tests/e2e, where the one browser of the run lives.)
from tests.xlsform.workbooks import plain_app  # noqa: F401
