"""The baseline of the validate-data benchmark: pandas reads the file and runs the checks of contract.yaml.

Usage: /usr/bin/python3 pandas_checks.py csv|jsonl FILE. Prints the row count and the failing checks. Debian's
python3-pandas; run pinned to one core by the benchmark, as our action is.
"""
import sys

import pandas as pd

fmt, path = sys.argv[1], sys.argv[2]
df = pd.read_csv(path) if fmt == "csv" else pd.read_json(path, lines=True)

def frac_ok(mask):
    return float(mask.mean()) if len(mask) else 1.0

checks = {}
num = lambda c: pd.to_numeric(df[c], errors="coerce")
for c in ["id", "age", "clicks"]:
    v = num(c)
    checks[f"{c}.type"] = frac_ok(v.isna() | (v == v.round()))
for c in ["income", "score", "ratio", "height", "weight", "session_seconds"]:
    checks[f"{c}.type"] = frac_ok(num(c).notna() | df[c].isna())
checks["id.nullable"] = frac_ok(df["id"].notna())
checks["id.min"] = frac_ok(num("id") >= 1)
checks["id.unique"] = 1.0 if df["id"].is_unique else 0.0
checks["age.nullable"] = frac_ok(df["age"].notna())
checks["age.range"] = frac_ok(num("age").between(0, 120))
checks["income.min"] = frac_ok(num("income") >= 0)
checks["score.range"] = frac_ok(num("score").between(0, 1))
checks["plan.allowed"] = frac_ok(df["plan"].isin(["free", "pro", "team"]))
lengths = df["country"].astype(str).str.len()
checks["country.length"] = frac_ok(lengths.between(2, 4))
checks["email.nullable"] = frac_ok(df["email"].notna())
checks["email.regex"] = frac_ok(df["email"].astype(str).str.match(r"^[^@]+@[^@]+\.[a-z]+$"))
signup = pd.to_datetime(df["signup"], errors="coerce", utc=True)
checks["signup.type"] = frac_ok(signup.notna())
checks["active.type"] = frac_ok(df["active"].astype(str).str.lower().isin(["true", "false"]))
checks["clicks.range"] = frac_ok(num("clicks").between(0, 10000))
checks["ratio.range"] = frac_ok(num("ratio").between(0, 1))
checks["name.length"] = frac_ok(df["name"].astype(str).str.len() <= 100)
checks["zip.regex"] = frac_ok(df["zip"].astype(str).str.match(r"^[0-9]{5}$"))
checks["height.range"] = frac_ok(num("height").between(50, 260))
checks["weight.range"] = frac_ok(num("weight").between(10, 300))
checks["segment.allowed"] = frac_ok(df["segment"].isin(list("abcde")))
checks["device.allowed"] = frac_ok(df["device"].isin(["ios", "android", "web", "desktop"]))
checks["session_seconds.min"] = frac_ok(num("session_seconds") >= 0)
checks["referrer.nulls"] = 1.0 if df["referrer"].isna().mean() <= 0.3 else 0.0
checks["rows"] = 1.0 if len(df) >= 1 else 0.0
failing = [name for name, ok in checks.items() if ok < (0.99 if name.startswith(("height", "weight")) else 1.0)]
print(f"rows={len(df)} checks={len(checks)} failing={failing}")
