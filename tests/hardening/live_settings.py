"""
The test settings for the live gunicorn servers of the tests: every throttle out of the way
unless the test's environment sets one, so that 50 submissions from one address in a second are
all stored and the schema fuzzer reaches the views' logic instead of a 429. Everything else is
cms.settings.test, from the environment the test sets.
"""

import os

from cms.settings.test import *  # noqa: F403

COMMENT_THROTTLE_RATE = os.environ.get("COMMENT_THROTTLE_RATE", "1000000/min")
COMMENT_THROTTLE_DAILY_RATE = "1000000/day"
API_READ_THROTTLE_RATE = "1000000/min"
API_TOKEN_THROTTLE_RATE = "1000000/min"
