"""The API against its own OpenAPI description, with schemathesis: no server errors, every answer as
documented. Bounded: a few examples per endpoint, derandomised, so it stays fast and repeatable."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from klimapartner.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_the_api_keeps_its_schema(case, programme):
    case.call_and_validate()
