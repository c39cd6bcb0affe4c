"""The REST API: every route, its filters and pagination, unknown ids and bad payloads."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from plancockpit.errors import ConfigError, Invalid, NotFound
from plancockpit.read.errors import ReadError

LISTS = [
    "/api/documents",
    "/api/records",
    "/api/indicators",
    "/api/targets",
    "/api/observations",
    "/api/assessments",
]


@pytest.mark.parametrize("path", LISTS)
def test_lists_are_paginated(client: TestClient, path: str) -> None:
    body = client.get(path, params={"limit": 1, "offset": 0}).json()
    assert set(body) >= {"items", "total", "limit", "offset"}
    assert body["limit"] == 1 and len(body["items"]) == min(1, body["total"])
    assert body["total"] >= 1
    if body["total"] > 1:
        second = client.get(path, params={"limit": 1, "offset": 1}).json()["items"][0]
        assert second != body["items"][0]


@pytest.mark.parametrize(
    "path",
    [
        "/api/documents/{doc}",
        "/api/documents/{doc}/sections",
        "/api/sections/{section}",
        "/api/records/{record}",
        "/api/indicators/{gdp}",
        "/api/targets/{t_gdp}",
        "/api/assessments/{t_gdp}",
        "/api/regions/{district}",
        "/api/observations/1",
        "/api/units/1",
    ],
)
def test_items_and_unknown_ids(client: TestClient, ids: dict[str, int], path: str) -> None:
    assert client.get(path.format(**ids)).status_code == 200
    unknown = path.format(**{k: 999999 for k in ids}).replace("/1", "/999999")
    r = client.get(unknown)
    assert r.status_code == 404 and "not found" in r.json()["detail"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/indicators?limit=0",
        "/api/indicators?limit=100000",
        "/api/indicators?offset=-1",
        "/api/indicators?status=purple",
        "/api/indicators?year=abc",
        "/api/indicators?year=3000",
        "/api/indicators?region_id=x",
        "/api/indicators?sort=drop",
        "/api/records?kind=maybe",
        "/api/documents/abc",
        "/api/regions/1.5",
    ],
)
def test_bad_parameters_are_422(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 422
    assert isinstance(r.json()["detail"], list)


def test_overview_counts_every_target(client: TestClient) -> None:
    data = client.get("/api/overview").json()
    tiles = data["tiles"]
    assert tiles["total"] == 3 == sum(tiles["by_status"].values())  # the revised target is history
    assert tiles["data_missing"] == tiles["by_status"]["no_data"] == 1  # the town's care target
    assert {d["name"] for d in data["by_domain"]} == {"经济质效", "社会民生"}
    assert {u["name"] for u in data["by_unit"]} >= {"区发改局", "区人社局"}
    assert (
        data["revisions"][0]["revision"] == "raised"
        and data["revisions"][0]["previous_value"] == 2500
    )
    assert all(r["status"] in ("off_track", "at_risk") for r in data["lagging"])


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "生产总值"}, 1),
        ({"q": "生产总值", "history": True}, 2),
        ({"q": "GDP"}, 1),
        ({"q": "托位"}, 1),
        ({"q": "没有这个"}, 0),
        ({"domain": "社会民生"}, 2),
        ({"unit": "区发改局"}, 1),
        ({"status": "no_data"}, 1),
        ({"kind": "increase"}, 1),
        ({"attribute": "约束性"}, 1),
        ({"year": 2025}, 3),
        ({"year": 2030}, 0),
        ({"q": "100%_"}, 0),  # LIKE wildcards are escaped
    ],
)
def test_indicator_filters(client: TestClient, params: dict[str, Any], expected: int) -> None:
    assert client.get("/api/indicators", params=params).json()["total"] == expected


def test_indicator_filters_by_region_and_document(client: TestClient, ids: dict[str, int]) -> None:
    assert client.get("/api/indicators", params={"region_id": ids["town"]}).json()["total"] == 1
    assert client.get("/api/indicators", params={"document_id": ids["doc"]}).json()["total"] == 1
    assert (
        client.get("/api/indicators", params={"document_id": ids["doc"], "history": True}).json()[
            "total"
        ]
        == 2
    )


def test_indicator_sorting(client: TestClient) -> None:
    rows = client.get("/api/indicators", params={"sort": "progress", "desc": True}).json()["items"]
    progress = [r["progress"] for r in rows if r["progress"] is not None]
    assert progress == sorted(progress, reverse=True)


def test_indicator_detail_has_chart_status_and_sources(
    client: TestClient, ids: dict[str, int]
) -> None:
    data = client.get(f"/api/indicators/{ids['gdp']}").json()
    assert [o[0] for o in data["chart"]["observations"]] == [2020, 2021, 2022, 2023]
    first = data["targets"][0]
    assert first["expected_path"][0] == [2020, 1800] and first["expected_path"][-1] == [2025, 2500]
    assert (
        first["assessment"]["status"] == "off_track"
        and first["assessment"]["details"]["progress"] < 0.6
    )
    assert data["targets"][1]["revises_id"] == first["id"]
    assert data["sources"][0]["match"] == "2500亿元"


def test_regions_drill_down(client: TestClient, ids: dict[str, int]) -> None:
    top = client.get("/api/regions").json()["items"]
    assert [r["name"] for r in top] == ["示范区"] and top[0]["total"] == 3
    district = client.get(f"/api/regions/{ids['district']}").json()
    assert [c["name"] for c in district["children"]] == ["东镇", "西街道"]
    town = client.get(f"/api/regions/{ids['town']}").json()
    assert town["ancestors"][0]["name"] == "示范区" and town["children"][0]["name"] == "新村"
    assert town["region"]["total"] == 1


def test_units(client: TestClient) -> None:
    units = {u["name"]: u for u in client.get("/api/units").json()["items"]}
    assert units["区发改局"]["total"] == 1 and units["区发改局"]["full_name"] == "区发展和改革局"
    detail = client.get(f"/api/units/{units['区发改局']['id']}").json()
    assert detail["total"] == 1 and detail["targets"][0]["revision"] == "raised"


def test_document_detail_segments_cover_the_text(client: TestClient, ids: dict[str, int]) -> None:
    data = client.get(f"/api/documents/{ids['doc']}", params={"text": True}).json()
    text = "".join(s.get("text", "") for s in data["segments"])
    assert "<script>alert(1)</script>" in text and text.startswith("第一章")
    marked = [s for s in data["segments"] if s.get("record_id")]
    assert [s["text"] for s in marked] == ["2500亿元", "2.1万人", "4.5个"]
    assert sum(1 for s in data["segments"] if "anchor" in s) == 2


def test_openapi_lists_the_routes(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in [
        "/api/documents",
        "/api/sections/{section_id}",
        "/api/records/{record_id}/review",
        "/api/indicators",
        "/api/targets",
        "/api/observations",
        "/api/assessments",
        "/api/regions",
        "/api/units",
        "/api/overview",
        "/api/import/documents",
        "/api/import/actuals",
    ]:
        assert p in paths, p


def test_empty_form_fields_mean_no_filter(client: TestClient) -> None:
    r = client.get(
        "/api/indicators", params={"region_id": "", "document_id": "", "year": "", "status": ""}
    )
    assert r.status_code == 200 and r.json()["total"] == 3


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (NotFound("指标 9 不存在"), 404),
        (Invalid("年份须为整数"), 422),
        (ReadError("corrupt.docx: not a Word file"), 422),
        (ConfigError("cues.yaml: bad"), 500),
    ],
)
def test_the_projects_errors_are_mapped_once(
    client: TestClient, error: Exception, status: int
) -> None:
    def fail() -> None:
        raise error

    client.app.add_api_route("/api/_raises", fail)  # type: ignore[attr-defined]
    response = client.get("/api/_raises")
    assert response.status_code == status and response.json() == {"detail": str(error)}


@pytest.mark.parametrize(
    "path",
    [
        "/api/indicators/{big}",
        "/api/targets/{big}",
        "/api/assessments/{big}",
        "/indicators/{big}",
        "/api/indicators?region_id={big}",
        "/api/records/{big}",
    ],
)
def test_ids_beyond_64_bits_are_not_found_or_invalid(client: TestClient, path: str) -> None:
    response = client.get(path.format(big=2**64 + 1))
    assert response.status_code in (404, 422), response.text


def test_overview_names_its_scope_and_ranks_binding_targets_first(client: TestClient) -> None:
    data = client.get("/api/overview").json()
    assert data["regions"] == ["示范区"]
    assert data["data_as_of"] == {"year": 2023, "month": None}
    assert data["tiles"]["with_data"] == 2
    page = client.get("/").text
    assert "数据截至 2023年" in page and "有数据的2个目标中" in page
    assert "Data as of 2023" in client.get("/?lang=en").text.replace("data as of", "Data as of")


def _shape_of(answer: dict[str, Any]) -> str:
    """What a 2xx answer of /openapi.json declares: a JSON shape, a file, or nothing."""
    content = answer.get("content", {})
    if set(content) - {"application/json"}:
        return "file"
    body = content.get("application/json", {}).get("schema")
    if body is not None:
        item = body.get("items", {}) if body.get("type") == "array" else body
        return "json" if "$ref" in item or item.get("properties") else "nothing"
    return "nothing"


def test_every_route_documents_its_response_shape(client: TestClient) -> None:
    """/openapi.json names, for every operation, the shape of its answer (a pydantic model) or
    the media types of the file it sends — reads and writes alike; and the vocabulary's values
    (a status is one of six words, not any string)."""
    spec = client.get("/openapi.json").json()
    shapes = {
        f"{method.upper()} {path}": _shape_of(answer)
        for path, ops in spec["paths"].items()
        for method, op in ops.items()
        for code, answer in op["responses"].items()
        if code.startswith("2")
    }
    assert len(shapes) >= 65
    assert [op for op, shape in shapes.items() if shape == "nothing"] == []
    files = {op for op, shape in shapes.items() if shape == "file"}
    assert {"GET /api/events.csv", "GET /indicators.xlsx", "GET /report.docx"} <= files
    assert (
        "text/csv"
        in spec["paths"]["/opendata/{resource}.{fmt}"]["get"]["responses"]["200"]["content"]
    )
    row = spec["components"]["schemas"]["TargetRow"]
    assert set(row["properties"]["status"]["enum"]) == {
        "achieved",
        "on_track",
        "at_risk",
        "off_track",
        "no_data",
        "not_yet_due",
    }
