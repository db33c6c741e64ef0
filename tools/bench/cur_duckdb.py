#!/usr/bin/env python3
"""DuckDB's answer to `edp cur aggregate`, for the benchmark: the tool a data engineer reaches for.

On one thread (SET threads=1), reads a legacy-layout cost report (.csv or .csv.gz: DuckDB decompresses gzip itself)
with every column as text, sums CAST(lineItem/UnblendedCost AS DECIMAL(38,10)) and counts line items per (UTC usage
day, account, product code), and prints the same CSV as `edp cur aggregate` (amounts without trailing zeros), so the
outputs compare byte for byte. The usage day is the first 10 characters of a UTC (`Z`) timestamp, which is what the
generated reports hold; other offsets are not handled here (edp's parser converts them).

A `.parquet` FILE is read with read_parquet under CUR 2.0's column names (a TIMESTAMP usage start, taken in UTC,
and a DOUBLE cost cast to DECIMAL(38,10): exact for amounts of at most 10 decimals, which the generator writes).

    tools/bench/.venv/bin/python tools/bench/cur_duckdb.py FILE > totals.csv
"""
import sys
from decimal import Decimal

import duckdb


def plain(amount):
    if amount == 0:
        return "0"
    return format(Decimal(amount).normalize(), "f")


PARQUET = """
    SELECT CAST(CAST(line_item_usage_start_date AS DATE) AS VARCHAR) AS usage_date,
           line_item_usage_account_id AS account_id,
           line_item_product_code AS service,
           SUM(CAST(line_item_unblended_cost AS DECIMAL(38, 10))) AS unblended_cost,
           COUNT(*) AS line_items
    FROM read_parquet(?)
    GROUP BY ALL
    ORDER BY usage_date, account_id, service
"""


def main(path):
    con = duckdb.connect()
    con.execute("SET threads=1")
    con.execute("SET TimeZone='UTC'")
    rows = con.execute(PARQUET, [path]).fetchall() if path.endswith(".parquet") else con.execute(
        """
        SELECT left("lineItem/UsageStartDate", 10) AS usage_date,
               "lineItem/UsageAccountId" AS account_id,
               "lineItem/ProductCode" AS service,
               SUM(CAST("lineItem/UnblendedCost" AS DECIMAL(38, 10))) AS unblended_cost,
               COUNT(*) AS line_items
        FROM read_csv(?, header = true, all_varchar = true)
        GROUP BY ALL
        ORDER BY usage_date, account_id, service
        """,
        [path],
    ).fetchall()
    out = sys.stdout
    out.write("usage_date,account_id,service,unblended_cost,line_items\n")
    for day, account, service, cost, count in rows:
        out.write(f"{day},{account},{service},{plain(cost)},{count}\n")


if __name__ == "__main__":
    main(sys.argv[1])
