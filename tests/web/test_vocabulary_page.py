"""Each page hands the vocabulary (statuses, their order and colours) to the page script."""

from __future__ import annotations

import json
import re

from fastapi.testclient import TestClient

from plancockpit import vocabulary


def test_every_page_hands_the_vocabulary_to_the_script(client: TestClient) -> None:
    html = client.get("/").text
    found = re.search(r"window\.VOCABULARY = (\{.*?\});</script>", html)
    assert found is not None
    assert json.loads(found.group(1)) == vocabulary.for_browser()
