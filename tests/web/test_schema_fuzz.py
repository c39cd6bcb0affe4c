"""Every API operation fuzzed from the app's own OpenAPI schema (schemathesis, bounded): no
answer is a server error and every 2xx and 422 answer has the body and the media type its schema
declares, signed out and signed in as an admin (so the write routes are reached past their role
and CSRF checks)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.services.access.users import add_user
from plancockpit.web.app import create_app
from plancockpit.web.settings import Settings
from tests.web.conftest import PASSWORD

CONFORMANCE = [response_schema_conformance, content_type_conformance]
EXAMPLES = 12  # per operation and role; a one-off run at 80 found no server error either


@pytest.mark.parametrize("role", ["anonymous", "admin"])
def test_no_operation_answers_with_a_server_error(role: str, seeded: dict[str, Any]) -> None:
    app = create_app(Settings(db_url=seeded["url"], secret_key="test-secret-0123456789"))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    with TestClient(app, raise_server_exceptions=False) as client:
        if role == "admin":
            with transaction(open_database(seeded["url"])) as session:
                add_user(session, name="admin", role="admin", password=PASSWORD)
            r = client.post("/api/login", json={"name": "admin", "password": PASSWORD})
            assert r.status_code == 200, r.text
            client.headers["X-CSRF-Token"] = r.json()["csrf_token"]
        errors: list[str] = []
        answered: Counter[tuple[str, int]] = Counter()  # (method, status class)
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) > 20

        for operation in operations:

            @given(case=operation.as_strategy())
            @settings(
                max_examples=EXAMPLES,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def fuzz(case: Any) -> None:
                kwargs = case.as_transport_kwargs(base_url="http://testserver")
                kwargs.pop("cookies", None)
                if isinstance(kwargs.get("data"), (bytes, str)):  # requests' name for a raw body
                    kwargs["content"] = kwargs.pop("data")
                response = client.request(**kwargs)
                answered[case.method, response.status_code // 100] += 1
                if response.status_code >= 500:
                    errors.append(
                        f"{case.method} {kwargs.get('url')} → "
                        f"{response.status_code} {response.text[:200]}"
                    )
                elif response.status_code < 300 or response.status_code == 422:
                    try:  # the answer is what the schema says, a refusal included
                        case.validate_response(response, checks=CONFORMANCE)
                    except Exception as exc:  # schemathesis raises a group of its failures
                        errors.append(f"{case.method} {kwargs.get('url')}: {str(exc)[:300]}")

            fuzz()
    assert not errors, "\n".join(errors[:20])
    assert answered["GET", 2] > 0  # the requests reached the routes, not only the validation
    if role == "admin":
        assert answered["POST", 2] > 0
