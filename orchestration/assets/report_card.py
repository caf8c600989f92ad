"""The report card page, drawn from the published warehouse after each publish."""

import dagster as dg

from ..report_card import write_report_card
from ..resources import WarehouseResource


@dg.asset(key=dg.AssetKey(["published", "report_card"]), deps=[dg.AssetKey(["published", "warehouse"])],
          group_name="publish", kinds={"html"})
def report_card(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    """One offline HTML page per published warehouse: per region and year, targets against actuals
    of the headline indicators, task status counts, stated against computed completion rates, and
    the quality issues (REPORT_CARD_PATH, default data/report_card.html). It reads what BI tools
    read (read-only), after publishing, so it never delays or blocks the warehouse. When it fails,
    the warehouse is published all the same and the previous card stays whole (its "as of" shows
    its age), but the run fails (the CLI exits 1 after "published:") so a stale card is noticed."""
    s = warehouse.settings
    path = write_report_card(s.warehouse_path, s.report_card_path)
    return dg.MaterializeResult(metadata={"path": dg.MetadataValue.path(str(path)),
                                          "size_kb": round(path.stat().st_size / 1024)})
