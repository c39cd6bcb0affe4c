"""Public mode (`PLANCOCKPIT_PUBLIC_READ=published`): an anonymous visitor sees the published
documents and indicators only, read-only and without internal notes; signed-in users see all;
without public mode nothing changes."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import frictionless
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from plancockpit.db.engine import transaction
from plancockpit.db.migrate import open_database
from plancockpit.db.models import Document, Observation, Target
from plancockpit.services.opendata.publishing import set_published
from plancockpit.web.settings import Settings

SECRET_DOC_TITLE = "内部讨论稿"


@pytest.fixture
def published(seeded: dict[str, Any]) -> dict[str, int]:
    """The seed's plan and its GDP indicator published; jobs, care and a second document not;
    a GDP value entered by a person."""
    ids = dict(seeded["ids"])
    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        hidden = Document(
            name="draft.txt",
            content_hash="d" * 64,
            format="txt",
            text="草稿。",
            title=SECRET_DOC_TITLE,
            kind="other",
            path="/srv/uploads/draft.txt",
        )
        s.add(hidden)
        s.flush()
        ids["hidden_doc"] = hidden.id
        plan = s.get(Document, ids["doc"])
        assert plan is not None
        plan.path = "/srv/uploads/plan.txt"
        set_published(s, "document", ids["doc"], True)
        set_published(s, "indicator", ids["gdp"], True)
        entered = Observation(
            indicator_id=ids["gdp"],
            region_id=ids["district"],
            year=2024,
            value=2100,
            unit="亿元",
            entered_by="planner",
        )
        s.add(entered)
        s.flush()
        ids["entered"] = entered.id
    engine.dispose()
    return ids


@pytest.fixture
def public(
    seeded: dict[str, Any], published: dict[str, int], make_client: Callable[..., TestClient]
) -> Iterator[TestClient]:
    with make_client(seeded["url"], published_only=True) as c:
        yield c


def test_the_setting() -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PLANCOCKPIT_PUBLIC_READ", "published")
        s = Settings.from_env()
        assert (s.public_read, s.published_only) == (True, True)
        mp.setenv("PLANCOCKPIT_PUBLIC_READ", "true")
        assert Settings.from_env().published_only is False
        mp.setenv("PLANCOCKPIT_PUBLIC_READ", "some")
        with pytest.raises(ValueError, match="true, false or published"):
            Settings.from_env()
    with pytest.raises(ValueError, match="needs public_read"):
        Settings(public_read=False, published_only=True)


def test_pages_show_published_things_only(public: TestClient, published: dict[str, int]) -> None:
    ids = published
    overview = public.get("/")
    assert overview.status_code == 200
    assert SECRET_DOC_TITLE not in overview.text and "城镇新增就业" not in overview.text
    assert "示范区规划纲要" in overview.text
    listing = public.get("/indicators").text
    assert (
        "地区生产总值" in listing
        and "城镇新增就业" not in listing
        and "每千人拥有托位数" not in listing
    )
    docs = public.get("/documents").text
    assert "示范区规划纲要" in docs and SECRET_DOC_TITLE not in docs and "draft.txt" not in docs
    assert public.get(f"/indicators/{ids['gdp']}").status_code == 200
    assert public.get(f"/documents/{ids['doc']}").status_code == 200
    # unpublished ids answer exactly like ids that do not exist: 404
    for path in (
        f"/indicators/{ids['jobs']}",
        f"/documents/{ids['hidden_doc']}",
        "/indicators/999999",
    ):
        r = public.get(path)
        assert r.status_code == 404, path
    hidden = public.get(f"/api/indicators/{ids['jobs']}").json()["detail"]
    assert hidden.replace(str(ids["jobs"]), "N") == public.get("/api/indicators/999999").json()[
        "detail"
    ].replace("999999", "N")


def test_api_shows_published_things_only(
    public: TestClient,
    published: dict[str, int],
    make_client: Callable[..., TestClient],
    seeded: dict[str, Any],
) -> None:
    ids = published
    with make_client(seeded["url"]) as everyone:  # without public mode: every target and value
        all_targets = everyone.get("/api/targets").json()["items"]
        all_values = everyone.get("/api/observations").json()["items"]
    hidden_targets = [t["id"] for t in all_targets if t["indicator_id"] != ids["gdp"]]
    hidden_values = [o["id"] for o in all_values if o["indicator_id"] != ids["gdp"]]
    assert hidden_targets and hidden_values
    for t in hidden_targets:
        assert public.get(f"/api/targets/{t}").status_code == 404
        assert public.get(f"/api/assessments/{t}").status_code == 404
    for o in hidden_values:
        assert public.get(f"/api/observations/{o}").status_code == 404
    overview = public.get("/api/overview").json()
    assert overview["tiles"]["total"] == 1  # the GDP target still current (the first was revised)
    assert [d["id"] for d in overview["documents"]] == [ids["doc"]]
    assert {r["name"] for r in overview["by_domain"]} == {"经济质效"}
    assert {r["indicator_id"] for r in public.get("/api/indicators").json()["items"]} == {
        ids["gdp"]
    }
    assert [d["id"] for d in public.get("/api/documents").json()["items"]] == [ids["doc"]]
    assert {t["indicator_id"] for t in public.get("/api/targets").json()["items"]} == {ids["gdp"]}
    assert {o["indicator_id"] for o in public.get("/api/observations").json()["items"]} == {
        ids["gdp"]
    }
    assert {a["indicator_id"] for a in public.get("/api/assessments").json()["items"]} == {
        ids["gdp"]
    }
    jobs_target = public.get("/api/targets", params={"indicator_id": ids["jobs"]}).json()
    assert jobs_target["total"] == 0
    for path in (
        f"/api/indicators/{ids['jobs']}",
        f"/api/documents/{ids['hidden_doc']}",
        f"/api/documents/{ids['hidden_doc']}/sections",
    ):
        assert public.get(path).status_code == 404, path
    shown = [t["id"] for t in public.get("/api/targets").json()["items"]]
    assert shown and all(public.get(f"/api/targets/{t}").status_code == 200 for t in shown)
    assert public.get(f"/api/observations/{ids['entered']}").json()["value"] == 2100
    # filter lists do not name what is unpublished
    page = public.get("/indicators").text
    assert SECRET_DOC_TITLE not in page and "社会民生" not in page


def test_internal_routes_need_a_sign_in(public: TestClient, published: dict[str, int]) -> None:
    for path in (
        "/api/records",
        f"/api/records/{published['record']}",
        f"/api/sections/{published['section']}",
        "/api/regions",
        "/api/units",
        "/api/search?q=GDP",
        "/api/events",
    ):
        assert public.get(path).status_code == 401, path
    for path in (
        "/regions",
        "/units",
        "/search?q=GDP",
        "/import",
        "/report.docx?year=2024",
        "/users",
    ):
        r = public.get(path, follow_redirects=False)
        assert r.status_code in (303, 401), path
        assert r.status_code == 401 or r.headers["location"].startswith("/login"), path


def test_no_write_controls_or_internal_notes(public: TestClient, published: dict[str, int]) -> None:
    ids = published
    for path in (
        "/",
        "/indicators",
        f"/indicators/{ids['gdp']}",
        "/documents",
        f"/documents/{ids['doc']}",
    ):
        html = public.get(path).text
        assert "<form" not in html or html.count("<form") == html.count('method="get"'), path
        assert 'method="post"' not in html, path
        for internal in (
            'href="/import"',
            'href="/regions',
            'href="/search',
            'href="/units',
            "sign_in_to_review",
            "review-hint",
            'class="state',
            "formula",
            "planner",
            'id="history"',
            "published-state",
        ):
            assert internal not in html, (path, internal)
    # the same shape as for staff, internal values blanked
    indicator = public.get(f"/api/indicators/{ids['gdp']}").json()
    assert (
        indicator["indicator"]["direction_reason"] == "" and indicator["direction"]["reason"] == ""
    )
    assert {t["link_reason"] for t in indicator["targets"]} == {""}
    assert {o["entered_by"] for o in indicator["observations"]} == {
        None,
        "人工填报 / entered by hand",
    }
    entered = [
        s for row in indicator["observation_rows"] for s in row["sources"] if s["entered_by"]
    ]
    assert [s["entered_by"] for s in entered] == ["人工填报 / entered by hand"]
    assert (
        public.get(f"/api/observations/{ids['entered']}").json()["entered_by"]
        == "人工填报 / entered by hand"
    )
    doc = public.get(f"/api/documents/{ids['doc']}", params={"text": "true"}).json()
    assert (
        public.get("/api/documents").json()["items"][0]["path"] == ""
    )  # not /srv/uploads/plan.txt
    assert "/srv/uploads" not in public.get(f"/documents/{ids['doc']}").text
    assert doc["records"] and all(
        r["review_state"] == "" and r["reviewed_by"] is None and r["rule"] == ""
        for r in doc["records"]
    )
    assert all("state" not in seg for seg in doc["segments"])


def test_rejected_records_and_unpublished_sources_are_left_out(
    public: TestClient,
    published: dict[str, int],
    make_client: Callable[..., TestClient],
    seeded: dict[str, Any],
    sign_in: Callable[..., str],
) -> None:
    ids = published
    with make_client(seeded["url"]) as staff:
        token = sign_in(staff, "planner")
        r = staff.post(
            f"/api/records/{ids['record_actual']}/review",
            json={"action": "reject"},
            headers={"X-CSRF-Token": token},
        )
        assert r.status_code == 200, r.text
    records = public.get(f"/api/documents/{ids['doc']}").json()["records"]
    assert ids["record_actual"] not in {r["id"] for r in records} and ids["record"] in {
        r["id"] for r in records
    }
    # withdraw the plan: the GDP page stays, its source sentence (in the plan) goes
    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        set_published(s, "document", ids["doc"], False)
    engine.dispose()
    gdp = public.get(f"/api/indicators/{ids['gdp']}").json()
    assert gdp["sources"] == [] and {t["source_title"] for t in gdp["targets"]} == {""}
    assert "示范区规划纲要" not in json.dumps(gdp, ensure_ascii=False)
    assert "示范区规划纲要" not in public.get(f"/api/targets/{ids['t_gdp']}").content.decode()
    for path in (
        "/",
        "/indicators",
        f"/indicators/{ids['gdp']}",
        "/documents",
        "/api/overview",
        "/api/indicators?history=true",
        "/indicators.csv",
        "/opendata/targets.csv",
    ):
        assert "示范区规划纲要" not in public.get(path).content.decode(), path
    rows = public.get("/api/indicators").json()["items"]
    assert rows and all(r["document_id"] is None and r["document_title"] == "" for r in rows)
    assert f'href="/documents/{ids["doc"]}' not in public.get(f"/indicators/{ids['gdp']}").text


def test_a_withdrawal_shows_at_once_in_every_worker(
    public: TestClient, published: dict[str, int], seeded: dict[str, Any]
) -> None:
    assert "示范区规划纲要" in public.get("/indicators").text  # the document filter, cached
    engine = open_database(seeded["url"])  # another process (the CLI) withdraws the plan
    with transaction(engine) as s:
        set_published(s, "document", published["doc"], False)
    engine.dispose()
    assert "示范区规划纲要" not in public.get("/indicators").text
    assert public.get(f"/documents/{published['doc']}").status_code == 404


def test_the_header_s_data_date_follows_what_is_published(
    public: TestClient, published: dict[str, int], seeded: dict[str, Any]
) -> None:
    """ "数据截至" (kept per process with the header) is of published indicators: withdrawing
    the only one with values takes it off at once, also when another process withdraws it."""
    assert 'id="data-as-of"' in public.get("/").text
    engine = open_database(seeded["url"])
    with transaction(engine) as s:
        set_published(s, "indicator", published["gdp"], False)
    engine.dispose()
    assert 'id="data-as-of"' not in public.get("/").text


def test_open_data_holds_published_rows_only(
    public: TestClient, published: dict[str, int], seeded: dict[str, Any], tmp_path: Path
) -> None:
    ids = published
    indicators = json.loads(public.get("/opendata/indicators.json").content)
    assert [i["id"] for i in indicators] == [ids["gdp"]]
    observations = json.loads(public.get("/opendata/observations.json").content)
    assert {o["indicator_id"] for o in observations} == {ids["gdp"]}
    assert {o["entered_by"] for o in observations} == {None, "人工填报 / entered by hand"}
    archive = zipfile.ZipFile(
        io.BytesIO(public.get("/opendata/datapackage.zip?format=json").content)
    )
    targets = json.loads(archive.read("targets.json"))
    assert {t["indicator_id"] for t in targets} == {ids["gdp"]}
    assessments = json.loads(archive.read("assessments.json"))
    assert {a["indicator_id"] for a in assessments} == {ids["gdp"]}
    engine = open_database(seeded["url"])  # a published target revising one that is not
    with transaction(engine) as s:
        care_target = s.scalars(select(Target.id).where(Target.indicator_id == ids["care"])).one()
        s.execute(update(Target).where(Target.id == ids["t_gdp2"]).values(revises_id=care_target))
    engine.dispose()
    revised = {
        t["id"]: t["revises_id"] for t in json.loads(public.get("/opendata/targets.json").content)
    }
    assert revised[ids["t_gdp2"]] is None
    for fmt in ("csv", "xlsx"):  # still a valid Data Package: every key points at a row it holds
        folder = tmp_path / fmt
        zipfile.ZipFile(
            io.BytesIO(public.get(f"/opendata/datapackage.zip?format={fmt}").content)
        ).extractall(folder)
        report = frictionless.validate(folder / "datapackage.json")
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    csv_rows = public.get("/indicators.csv").text.splitlines()
    assert len(csv_rows) == 2 and "地区生产总值" in csv_rows[1]


def test_signed_in_users_see_everything(
    public: TestClient, published: dict[str, int], sign_in: Callable[..., str]
) -> None:
    sign_in(public, "viewer")
    assert public.get(f"/indicators/{published['jobs']}").status_code == 200
    assert public.get(f"/documents/{published['hidden_doc']}").status_code == 200
    assert len(json.loads(public.get("/opendata/indicators.json").content)) == 3
    assert public.get("/api/overview").json()["tiles"]["total"] == 3
    assert public.get("/regions").status_code == 200


def test_without_public_mode_nothing_changes(client: TestClient, published: dict[str, int]) -> None:
    assert client.get(f"/indicators/{published['jobs']}").status_code == 200
    assert client.get(f"/documents/{published['hidden_doc']}").status_code == 200
    assert client.get("/api/overview").json()["tiles"]["total"] == 3
    assert client.get("/regions").status_code == 200
    assert len(json.loads(client.get("/opendata/indicators.json").content)) == 3
