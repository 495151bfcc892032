"""Open Referral UK 3.0 conformance of the demo's /oruk API.

Checks what the official ORUK validator checks, with other people's
validators: every response validates against the ORUK 3.0 schemas
(standards/oruk-3.0, formats included, with `jsonschema`); lists use the page
envelope and their first, middle and last pages agree; and each filter,
queried with a record's own values, returns that record.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMAS = Path(__file__).resolve().parent / "standards" / "oruk-3.0"
PAGE_KEYS = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def schema(name: str) -> Draft202012Validator:
    contents = json.loads((SCHEMAS / f"{name}.json").read_text())
    term = json.loads((SCHEMAS / "taxonomy_term.json").read_text())
    registry = Registry().with_resource("taxonomy_term.json", Resource.from_contents(term, default_specification=DRAFT202012))
    return Draft202012Validator(contents, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


VALIDATORS = {
    name: schema(name)
    for name in ["service", "service_list", "service_at_location", "service_at_location_list", "taxonomy", "taxonomy_term"]
}


def assert_valid(name: str, document: dict, where: str) -> None:
    errors = sorted(VALIDATORS[name].iter_errors(document), key=lambda e: list(e.path))
    assert not errors, f"{where} does not validate against {name}.json: " + "; ".join(
        f"{'/'.join(map(str, e.path)) or '<root>'}: {e.message[:200]}" for e in errors[:5]
    )
    # ORUK's compliance rules treat a service's description as required.
    if name == "service":
        assert document.get("description"), f"{where}: a service has no description"


def get(server: str, path: str, **params) -> tuple[int, dict, dict]:
    query = ("?" + urllib.parse.urlencode(params)) if params else ""
    try:
        with urllib.request.urlopen(f"{server}/oruk{path}{query}", timeout=30) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


def page(server: str, path: str, item_schema: str, **params) -> dict:
    status, headers, body = get(server, path, **params)
    assert status == 200, f"{path} {params}: {status} {body}"
    assert headers.get("Access-Control-Allow-Origin") == "*"
    assert PAGE_KEYS <= body.keys(), f"{path}: page envelope lacks {PAGE_KEYS - body.keys()}"
    assert body["size"] == len(body["contents"])
    for index, item in enumerate(body["contents"]):
        assert_valid(item_schema, item, f"{path}?{urllib.parse.urlencode(params)} contents[{index}]")
    return body


def test_discovery(server):
    status, headers, about = get(server, "/")
    assert status == 200
    assert headers.get("Access-Control-Allow-Origin") == "*"
    assert about["version"] == "HSDS-UK-3.0"
    assert about["profile"].startswith("https://")
    with urllib.request.urlopen(about["openapi_url"], timeout=10) as response:
        assert json.loads(response.read())["openapi"].startswith("3.")


def test_pages_validate_and_agree(server):
    first = page(server, "/services", "service_list", per_page=50, page=1)
    total, pages = first["total_items"], first["total_pages"]
    assert total >= 300, "the demo directory is there"
    assert first["first_page"] and not first["last_page"]
    middle = page(server, "/services", "service_list", per_page=50, page=pages // 2 + 1)
    last = page(server, "/services", "service_list", per_page=50, page=pages)
    assert last["last_page"] and not last["first_page"]
    assert len(last["contents"]) == total - 50 * (pages - 1)
    for body in (middle, last):
        assert body["total_items"] == total and body["total_pages"] == pages
    ids = [s["id"] for body in (first, middle, last) for s in body["contents"]]
    assert len(ids) == len(set(ids)), "no service appears on two pages"

    places = page(server, "/service_at_locations", "service_at_location_list", per_page=100)
    assert places["total_items"] >= total
    one = places["contents"][0]["id"]
    status, _, body = get(server, f"/service_at_locations/{one}")
    assert status == 200
    assert_valid("service_at_location", body, f"/service_at_locations/{one}")

    terms = page(server, "/taxonomy_terms", "taxonomy_term", per_page=100)
    assert terms["total_items"] > 20
    top = page(server, "/taxonomy_terms", "taxonomy_term", top_only="true", per_page=100)
    assert 0 < top["total_items"] < terms["total_items"]
    assert all("parent_id" not in term for term in top["contents"])
    taxonomies = page(server, "/taxonomies", "taxonomy")
    status, _, body = get(server, f"/taxonomies/{taxonomies['contents'][0]['id']}")
    assert status == 200
    assert_valid("taxonomy", body, "/taxonomies/{id}")


def sample(server: str, count: int = 12) -> list[dict]:
    """Services spread over the whole directory, fully nested."""
    first = page(server, "/services", "service_list", per_page=500)
    contents = first["contents"]
    picked = [contents[i * len(contents) // count] for i in range(count)]
    services = []
    for item in picked:
        status, _, service = get(server, f"/services/{item['id']}")
        assert status == 200
        assert_valid("service", service, f"/services/{item['id']}")
        services.append(service)
    return services


def own_values(service: dict) -> list[dict]:
    """The queries the ORUK validator makes from a record's own values."""
    schedule = service["schedules"][0]
    address = service["service_at_locations"][0]["location"]["addresses"][0]
    term = service["attributes"][0]["taxonomy_term"]
    return [
        {"search": service["name"]},
        {"taxonomy_term_id": term["id"]},
        {"taxonomy_id": term["taxonomy_id"]},
        {"organization_id": service["organization"]["id"]},
        {"minimum_age": service["minimum_age"]},
        {"maximum_age": service["maximum_age"]},
        {"day": schedule["byday"].split(",")[0]},
        {"start_time": schedule["opens_at"]},
        {"end_time": schedule["closes_at"]},
        {"postcode": address["postal_code"]},
        {"postcode": address["postal_code"], "proximity": 1000},
        {"modified_after": service["last_modified"]},
        {"day": schedule["byday"].split(",")[0], "start_time": schedule["opens_at"], "minimum_age": service["minimum_age"]},
    ]


@pytest.mark.parametrize("endpoint", ["/services", "/service_at_locations"])
def test_each_filter_finds_the_record_it_came_from(server, endpoint):
    item_schema = "service_list" if endpoint == "/services" else "service_at_location_list"
    for service in sample(server):
        for params in own_values(service):
            body = page(server, endpoint, item_schema, per_page=500, **params)
            found = [item["id"] if endpoint == "/services" else item["service"]["id"] for item in body["contents"]]
            assert body["total_items"] <= 500, f"{params} matched too much to check in one page"
            assert service["id"] in found, f"{endpoint} with {params} did not return {service['name']}"


@pytest.mark.parametrize(
    "params",
    [{"page": "0"}, {"per_page": "x"}, {"day": "Funday"}, {"start_time": "9am"}, {"minimum_age": "old"},
     {"modified_after": "yesterday"}, {"postcode": "NOT A POSTCODE"}, {"proximity": "near"}, {"per_page": "501"},
     {"page": "9223372036854775807"}, {"minimum_age": "1e400"}],
)
def test_bad_parameters_are_400_problems(server, params):
    status, headers, body = get(server, "/services", **params)
    assert status == 400
    assert headers.get("Content-Type") == "application/problem+json"
    assert headers.get("Access-Control-Allow-Origin") == "*"
    assert body["errors"][0]["field"] == next(iter(params))


def test_legacy_v1_feed_imports_as_valid_oruk_3(tmp_path):
    """A legacy ORUK v1 page (our fixture, written to the v1 schemas) goes in
    through the CLI and comes out as records the ORUK 3.0 schemas accept."""
    import subprocess

    from conftest import BINARY

    fixture = Path(__file__).resolve().parent.parent / "Tests" / "LinkwellDomainTests" / "Standards" / "oruk-v1-services.json"
    database = f"sqlite:{tmp_path / 'v1.sqlite'}"
    imported = subprocess.run([str(BINARY), "import", "oruk", "--database", database, str(fixture)], capture_output=True, text=True, timeout=120)
    assert imported.returncode == 0, imported.stderr
    assert "2 created, 0 updated, 0 unchanged, 0 rejected" in imported.stdout
    exported = subprocess.run([str(BINARY), "export", "oruk", "--database", database, "-"], capture_output=True, text=True, timeout=120)
    services = json.loads(exported.stdout)
    assert sorted(service["name"] for service in services) == ["Men's Shed", "Tuesday Lunch Club"]
    for service in services:
        assert_valid("service", service, f"converted v1 service {service['name']}")
