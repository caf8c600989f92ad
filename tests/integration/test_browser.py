"""In a real browser (Debian chromium driven by Playwright, headless): the Dagster UI shows the
lineage from raw files to the published warehouse with its checks; the report card and the Data
Docs render their content offline, with no request leaving the file system.

Skipped when /usr/bin/chromium is missing (`.ci/run` installs it; elsewhere:
`sudo apt-get install -y chromium fonts-noto-cjk`). Screenshots go to the test's tmp dir."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [pytest.mark.slow, pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="no browser: sudo apt-get install -y chromium fonts-noto-cjk")]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"])
        yield b
        b.close()


def _offline_page(browser, url: str):
    """Open a file:// page and return (page, requests that left the file system or failed)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    bad = []
    page.on("request", lambda r: bad.append(r.url) if not r.url.startswith(("file:", "data:", "blob:", "about:")) else None)
    page.on("requestfailed", lambda r: bad.append(f"failed {r.url}"))
    page.goto(url)
    page.wait_for_load_state("load")
    return page, bad


def test_report_card_renders_its_charts_offline(built, browser, tmp_path):
    card = Path(built["env"]["REPORT_CARD_PATH"])
    page, bad = _offline_page(browser, card.as_uri())
    page.wait_for_selector(".plotly-graph-div .main-svg", timeout=20_000)
    assert page.locator(".plotly-graph-div").count() >= 3, "every place-year's charts are drawn"
    assert "洞头区" in page.inner_text("body")
    page.screenshot(path=str(tmp_path / "report_card.png"), full_page=False)
    assert not bad, bad


def test_data_docs_render_offline_and_name_failing_rows(built, browser, tmp_path):
    index = Path(built["env"]["GX_DOCS_DIR"]) / "index.html"
    page, bad = _offline_page(browser, index.as_uri())
    suites = page.locator("table a")
    assert suites.count() == 5, "every suite's latest validation is listed"
    page.screenshot(path=str(tmp_path / "data_docs_index.png"))
    page.click("text=cross_report")
    page.wait_for_load_state("load")
    text = page.inner_text("body")
    assert "WARN" in text and "indicator_name" in text and "洞头区" in text, "failing rows named by their values"
    page.screenshot(path=str(tmp_path / "data_docs_suite.png"), full_page=True)
    assert not bad, bad


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def dagster_ui(built, tmp_path_factory):
    root = Path(__file__).resolve().parents[2]
    port = _free_port()
    # the instance that holds the built run's history (configured from orchestration/dagster.yaml)
    env = {**os.environ, **{k: str(v) for k, v in built["env"].items()}, "DAGSTER_HOME": str(built["dagster_home"])}
    proc = subprocess.Popen([str(Path(sys.executable).with_name("dagster-webserver")), "-w", "workspace.yaml",
                             "-h", "127.0.0.1", "-p", str(port)], cwd=root, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url + "/server_info", timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("dagster-webserver exited")
            time.sleep(1)
    else:
        proc.kill()
        pytest.fail("dagster-webserver did not answer within 90 s")
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def _graph_x(page, name: str) -> float:
    """x of the lineage graph's node labelled `name` (the sidebar lists the same names further left)."""
    loc = page.get_by_text(name, exact=True)
    xs = [b["x"] for b in (loc.nth(i).bounding_box() for i in range(loc.count())) if b]
    return max(xs)


def test_dagster_ui_shows_the_lineage_from_raw_files_to_the_published_warehouse(built, dagster_ui, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1800, "height": 1200})
    # the first-visit "Join the Dagster community" dialog would cover the graph: mark it seen
    page.add_init_script("window.localStorage.setItem('communityNux', JSON.stringify('1'))")
    failed = []
    # (queries still in flight when the test moves to the next page end as ERR_ABORTED: not failures)
    page.on("requestfailed", lambda r: failed.append(f"{r.failure} {r.url}") if "ERR_ABORTED" not in (r.failure or "")
            else None)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(dagster_ui + "/asset-groups")
    page.wait_for_selector("text=publish", timeout=60_000)
    page.wait_for_load_state("networkidle")
    xs = [_graph_x(page, group) for group in ("raw", "landing", "staging", "marts", "publish")]
    page.screenshot(path=str(tmp_path / "lineage.png"))
    assert xs == sorted(xs), f"groups left to right raw -> landing -> staging -> marts -> publish: {xs}"
    assert page.get_by_text("Join the Dagster community").count() == 0
    page.goto(dagster_ui + "/assets/marts/fct_completion?view=checks")
    page.wait_for_selector("text=gx_completion_consistency", timeout=60_000)
    text = page.inner_text("body")
    assert "not_null_fct_completion_stated_pct" in text, "dbt tests are checks too"
    page.screenshot(path=str(tmp_path / "checks.png"))
    page.goto(dagster_ui + "/assets/published/warehouse")
    page.wait_for_selector("text=report_card", timeout=60_000)
    assert "Never materialized" not in page.inner_text("body"), "the built run published it"
    page.screenshot(path=str(tmp_path / "published.png"))
    page.goto(dagster_ui + "/assets/published/report_card")
    page.get_by_text(str(built["env"]["REPORT_CARD_PATH"])).first.wait_for(timeout=60_000)   # path in the metadata
    page.screenshot(path=str(tmp_path / "report_card_asset.png"))
    assert not failed, f"the UI works offline, every request answered: {failed}"
