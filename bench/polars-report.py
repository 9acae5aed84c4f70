# polars doing the report's job on bench/import-speed.sh's workbook: read it (read_excel
# through fastexcel, on calamine; or read_csv), the group KPIs (spend and revenue summed
# per channel, ROAS = revenue / spend) and the result written as CSV.
#
# Usage: target/bench-venv/bin/python bench/polars-report.py FILE.xlsx|FILE.csv OUT.csv
import sys

import polars as pl

src, out = sys.argv[1], sys.argv[2]
df = pl.read_excel(src, engine="calamine") if src.endswith(".xlsx") else pl.read_csv(src)
groups = (
    df.group_by("Channel", maintain_order=True)
    .agg(pl.col("Spend").sum(), pl.col("Revenue").sum())
    .with_columns((pl.col("Revenue") / pl.col("Spend")).alias("ROAS"))
)
groups.write_csv(out)
