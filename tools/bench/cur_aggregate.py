#!/usr/bin/env python3
"""The Python peer of `edp cur aggregate`: the seeds' approach done right, for the benchmark.

Reads a cost report (.csv or .csv.gz) with csv.DictReader, sums lineItem/UnblendedCost (or CUR 2.0's
line_item_unblended_cost) with Decimal per (UTC usage day, account, service), and prints the same CSV as
`edp cur aggregate`, so the two outputs can be compared byte for byte. Standard library only.

    tools/bench/cur_aggregate.py FILE > totals.csv
"""
import csv
import gzip
import sys
from datetime import datetime, timezone
from decimal import Decimal

LAYOUTS = [
    ("lineItem/UnblendedCost", "lineItem/UsageStartDate", "lineItem/UsageAccountId", "lineItem/ProductCode"),
    ("line_item_unblended_cost", "line_item_usage_start_date", "line_item_usage_account_id", "line_item_product_code"),
]


def utc_day(start):
    if start.endswith("Z") and len(start) >= 10:
        return start[:10]
    return datetime.fromisoformat(start.replace(" ", "T")).astimezone(timezone.utc).date().isoformat()


def plain(amount):
    if amount == 0:
        return "0"
    text = format(amount.normalize(), "f")
    return text


def main(path):
    opener = gzip.open if path.endswith(".gz") else open
    totals = {}
    with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        layout = next((l for l in LAYOUTS if l[0] in (reader.fieldnames or [])), None)
        if layout is None:
            sys.exit(f"{path}: line 1: missing cost column")
        cost, start, account, product = layout
        for row in reader:
            key = (utc_day(row[start]), row[account], row[product])
            entry = totals.get(key)
            if entry is None:
                totals[key] = [Decimal(row[cost]), 1]
            else:
                entry[0] += Decimal(row[cost])
                entry[1] += 1
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["usage_date", "account_id", "service", "unblended_cost", "line_items"])
    for key in sorted(totals):
        out.writerow([key[0], key[1], key[2], plain(totals[key][0]), totals[key][1]])


if __name__ == "__main__":
    main(sys.argv[1])
