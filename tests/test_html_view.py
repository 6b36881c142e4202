"""The offline HTML view: self-contained, deterministic, and working in headless Chromium."""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver

from naravard_kg import KnowledgeGraph
from naravard_kg.views.html_view import render_html, view_data, write_html
from naravard_kg.views.network import region_network

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
BROWSER_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,900",
)
MOD_QUOTE = (
    'Projektet ”"Organisationsöverskridande multidisciplindrt demensteam” med pilot i '
    "Örnsköldsvik fortsätter och utvärderas för eventuellt breddinférande därefter."
)
_EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", re.IGNORECASE)
_DATA = re.compile(r'<script type="application/json" id="graph-data">(.*?)</script>', re.DOTALL)


@pytest.fixture(scope="module")
def whole(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return kg.network()


@pytest.fixture(scope="module")
def region(kg: KnowledgeGraph, whole: nx.MultiDiGraph) -> nx.MultiDiGraph:
    return region_network(kg.reader, kg.resolve("orgid:region-vasternorrland"), whole)


@pytest.fixture(scope="module")
def pages(
    whole: nx.MultiDiGraph, region: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("view")
    return {
        "whole": write_html(whole, folder / "naravard.html"),
        "region": write_html(region, folder / "vasternorrland.html"),
    }


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    """Headless Chromium through chromedriver; fails (never skips) when they are missing."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not found: install the Debian packages "
            "chromium and chromium-driver (apt-get install chromium chromium-driver)"
        )
    options = webdriver.ChromeOptions()
    for flag in BROWSER_FLAGS:
        options.add_argument(flag)
    with tempfile.TemporaryDirectory() as profile:
        options.add_argument(f"--user-data-dir={profile}")
        options.binary_location = str(CHROMIUM)
        driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
        try:
            yield driver
        finally:
            driver.quit()


def embedded(page: str) -> dict:
    """The data a page embeds."""
    found = _DATA.search(page)
    assert found, "the page has no graph-data script"
    return json.loads(found.group(1))


def assert_not_blank(png: Path) -> None:
    image = Image.open(png).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 20) or []
    assert png.stat().st_size > 0 and len(colours) > 50


def test_page_is_self_contained_and_deterministic(
    region: nx.MultiDiGraph, pages: dict[str, Path]
) -> None:
    page = pages["region"].read_text(encoding="utf-8")
    assert not _EXTERNAL.search(page)
    assert "<link" not in page and "<script src" not in page
    assert page == render_html(region)
    data = embedded(page)
    assert len(data["nodes"]) == region.number_of_nodes()
    mod = next(n for n in data["nodes"] if n["id"] == "init:mod-demensteam")
    assert {
        "quote": MOD_QUOTE,
        "document": "Färdplan Nära vård i Västernorrland 2025",
        "section": "6.1 Påbörjade arbeten som fortsätter",
    } in mod["citations"]


def test_text_from_the_data_cannot_end_the_script() -> None:
    network = nx.MultiDiGraph(name="Test </title><script>alert(1)</script>")
    hostile = "</script><script>alert(1)</script><!-- å"
    for name in ("a", "b"):
        network.add_node(
            name, name=f"x:{name}", label=hostile, type="T", type_label="t", citations=()
        )
    network.add_edge("a", "b", key="x:p", label=hostile, property="x:p")
    page = render_html(network)
    assert "<script>alert" not in page
    assert page.count("</script>") == 2
    data = embedded(page)
    assert data == view_data(network)
    assert data["nodes"][0]["label"] == hostile


@pytest.mark.slow
def test_region_page_searches_and_shows_quotes_in_chromium(
    browser: WebDriver, region: nx.MultiDiGraph, pages: dict[str, Path], tmp_path: Path
) -> None:
    browser.get(pages["region"].as_uri())
    assert browser.execute_script("return document.body.dataset.ready") == "true"
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    circles = browser.find_elements(By.CSS_SELECTOR, "#nodes circle")
    assert len(circles) == region.number_of_nodes()
    assert browser.execute_script("return DATA.nodes.length") == len(circles)

    # Case and å/ä/ö do not matter: the OCR-like spelling finds the MOD team.
    browser.find_element(By.ID, "search").send_keys("ORGANISATIONSOVERSKRIDANDE multidisciplinart")
    mod = browser.find_element(By.CSS_SELECTOR, '#nodes circle[data-id="init:mod-demensteam"]')
    assert "match" in mod.get_attribute("class")
    halsam = browser.find_element(
        By.CSS_SELECTOR, '#nodes circle[data-id="body:lansledning-halsam"]'
    )
    assert "match" not in (halsam.get_attribute("class") or "")
    # The initiative and its plan items of 2025 and 2026, whose labels name it.
    assert browser.find_element(By.ID, "count").text == "3 träffar"
    results = browser.find_elements(By.CSS_SELECTOR, "#results button")
    assert sorted(b.get_attribute("data-id") for b in results) == [
        "init:mod-demensteam",
        "item:2025-mod-demensteam",
        "item:2026-mod-demensteam",
    ]

    browser.find_element(By.CSS_SELECTOR, '#results button[data-id="init:mod-demensteam"]').click()
    browser.find_element(By.CSS_SELECTOR, '#nodes circle[data-id="init:mod-demensteam"]').click()
    assert browser.find_element(By.ID, "node-label").text == (
        "Organisationsöverskridande multidisciplinärt demensteam (MOD)"
    )
    quotes = [q.text for q in browser.find_elements(By.CSS_SELECTOR, "#quotes blockquote")]
    assert MOD_QUOTE in quotes
    sources = [s.text for s in browser.find_elements(By.CSS_SELECTOR, "#quotes .source")]
    assert (
        "Färdplan Nära vård i Västernorrland 2025, avsnitt 6.1 Påbörjade arbeten som fortsätter"
        in (sources)
    )
    links = [li.text for li in browser.find_elements(By.CSS_SELECTOR, "#links li")]
    assert "ägare → Länsledning HälSam" in links

    png = tmp_path / "vasternorrland.png"
    assert browser.save_screenshot(str(png))
    assert_not_blank(png)


@pytest.mark.slow
def test_whole_graph_page_renders_in_chromium(
    browser: WebDriver, whole: nx.MultiDiGraph, pages: dict[str, Path], tmp_path: Path
) -> None:
    browser.get(pages["whole"].as_uri())
    assert browser.execute_script("return document.body.dataset.ready") == "true"
    assert len(browser.find_elements(By.CSS_SELECTOR, "#nodes circle")) == whole.number_of_nodes()
    captions = [t.text for t in browser.find_elements(By.CSS_SELECTOR, "#groups text")]
    assert "Region Västernorrland" in captions and "Region Skåne" in captions
    png = tmp_path / "naravard.png"
    assert browser.save_screenshot(str(png))
    assert_not_blank(png)
