"""The open-data package: written by `plancockpit export` and served under /opendata, valid as a
Frictionless Data Package (types, primary and foreign keys), each row with its source."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import frictionless
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from plancockpit.cli import app


def _valid(path: Path) -> None:
    report = frictionless.validate(path)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_export_writes_a_valid_package(seeded: dict[str, Any], tmp_path: Path, fmt: str) -> None:
    out = CliRunner().invoke(
        app, ["export", str(tmp_path / "pkg"), "--format", fmt, "--db", seeded["url"]]
    )
    assert out.exit_code == 0, out.output
    package = tmp_path / "pkg" / "datapackage.json"
    _valid(package)
    descriptor = json.loads(package.read_text("utf-8"))
    by_name = {r["name"]: r for r in descriptor["resources"]}
    assert set(by_name) == {"indicators", "targets", "observations", "assessments"}
    targets = by_name["targets"]["schema"]
    assert targets["primaryKey"] == ["id"]
    assert {
        "fields": ["indicator_id"],
        "reference": {"resource": "indicators", "fields": ["id"]},
    } in targets["foreignKeys"]
    rows = frictionless.Package(str(package)).get_table_resource("targets").read_rows()
    sourced = [r for r in rows if r["source_document_id"] is not None]
    assert sourced, "no target names its document"
    for r in sourced:
        assert r["source_sentence_start"] < r["source_sentence_end"]
        assert r["source_sentence"] and r["source_document_title"]


def test_observation_rows_name_their_file_and_row(seeded: dict[str, Any], tmp_path: Path) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from plancockpit.db.models import Observation

    engine = create_engine(seeded["url"].replace("postgresql://", "postgresql+psycopg://", 1))
    with Session(engine) as s:
        s.add(
            Observation(
                indicator_id=1,
                year=2024,
                value=2100.0,
                unit="亿元",
                source_file="统计公报2024.xlsx",
                source_row=7,
            )
        )
        s.commit()
    engine.dispose()
    out = CliRunner().invoke(app, ["export", str(tmp_path), "--db", seeded["url"]])
    assert out.exit_code == 0, out.output
    rows = list(csv.DictReader((tmp_path / "observations.csv").open(encoding="utf-8")))
    assert ["统计公报2024.xlsx", "7"] in [[r["source_file"], r["source_row"]] for r in rows]
    from_docs = [r for r in rows if r["source_document_id"]]
    assert from_docs and all(
        int(r["source_sentence_start"]) < int(r["source_sentence_end"]) for r in from_docs
    )


def test_the_web_serves_the_package_and_each_resource(client: TestClient, tmp_path: Path) -> None:
    r = client.get("/opendata/datapackage.zip?format=json")
    assert r.status_code == 200 and r.headers["content-type"] == "application/zip"
    zipfile.ZipFile(io.BytesIO(r.content)).extractall(tmp_path)
    _valid(tmp_path / "datapackage.json")
    for name in ("indicators", "targets", "observations", "assessments"):
        for fmt in ("csv", "json", "xlsx"):
            got = client.get(f"/opendata/{name}.{fmt}")
            assert got.status_code == 200, (name, fmt)
            assert name in got.headers["content-disposition"]
    for name in ("indicators", "targets", "observations", "assessments"):  # the same rows alone
        assert client.get(f"/opendata/{name}.json").json() == json.loads(
            (tmp_path / f"{name}.json").read_text("utf-8")
        )
    assert client.get("/opendata/users.csv").status_code == 422
    assert client.get("/opendata/datapackage.json").json()["resources"][0]["name"] == "indicators"


def test_downloads_follow_public_reading(seeded: dict[str, Any], make_client: Any) -> None:
    with make_client(seeded["url"], public_read=False) as c:
        r = c.get("/opendata/targets.csv", follow_redirects=False)
        assert r.status_code in (303, 401)
