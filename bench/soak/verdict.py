"""Judges a soak's CSV (bench/soak.sh writes it; rerun by hand: python3 bench/soak/verdict.py CSV
WARMUP DURATION TOLERANCE FLEET [INTERVAL]). Exit 0 when every judged criterion passes."""
import csv
import statistics
import sys

path, warmup, duration, tol, fleet = (
    sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]))
# Each device's telemetry interval in seconds: the fleet's rate is fleet / interval.
interval = int(sys.argv[6]) if len(sys.argv) > 6 else 1
rows = [{k: float(v) for k, v in r.items()} for r in csv.DictReader(open(path))]
post = [r for r in rows if r["elapsed_s"] >= warmup] or rows
ok = True


def verdict(name, passed, text):
    global ok
    ok &= passed
    print(f"{'PASS' if passed else 'FAIL'} {name}: {text}")


def slope_mb_per_10min(samples):
    xs = [r["elapsed_s"] for r in samples]
    hs = [r["heap_after_gc_bytes"] for r in samples]
    mx, mh = statistics.fmean(xs), statistics.fmean(hs)
    den = sum((x - mx) ** 2 for x in xs) or 1
    return sum((x - mx) * (h - mh) for x, h in zip(xs, hs)) / den * 600 / 1e6


# Readings waiting in a publisher's queue are live heap that goes when the broker catches up (a
# busy machine makes such backlogs); a leak is what stays. So the slope is judged on the samples
# taken with the queues (nearly) empty; the slope over every sample is reported beside it.
steady = [r for r in post if r["queue_depth"] < 1000]
hs = [r["heap_after_gc_bytes"] for r in steady or post]
heap_text = (
    f"slope {slope_mb_per_10min(steady or post):+.3f} MB/10 min over {len(steady)} samples with"
    f" queues < 1,000 after {warmup} s (all {len(post)} samples: "
    f"{slope_mb_per_10min(post):+.3f}); heap after GC min {min(hs)/1e6:.1f} MB,"
    f" median {statistics.median(hs)/1e6:.1f} MB, max {max(hs)/1e6:.1f} MB")
if duration >= 1200 and len(steady) >= 10:
    verdict("heap", slope_mb_per_10min(steady) < 1.0, heap_text)
else:
    print(f"INFO heap: {heap_text} (not judged: shorter than 20 min or too few quiet samples)")
third = max(1, len(post) // 3)
for k in ("fds", "threads"):
    a = statistics.median(r[k] for r in post[:third])
    b = statistics.median(r[k] for r in post[-third:])
    series = [int(r[k]) for r in post]
    verdict(k, b <= a * (1 + tol) + 2,
            f"median first third {a:.0f}, last third {b:.0f}, min {min(series)}, max {max(series)}")
last = rows[-1]
verdict("dropped",
        last["publish_dropped"] == 0 and last["telemetry_dropped"] == 0 and last["sent_error"] == 0,
        f"publish dropped {last['publish_dropped']:.0f}, telemetry dropped"
        f" {last['telemetry_dropped']:.0f}, send errors {last['sent_error']:.0f}")
span = post[-1]["elapsed_s"] - post[0]["elapsed_s"]
if span > 0:
    rate = (post[-1]["sent_ok"] - post[0]["sent_ok"]) / span
    verdict("rate", rate >= 0.97 * fleet / interval,
            f"{rate:.0f} readings/s sent over {span:.0f} s, fleet of {fleet} at {interval} s"
            f" ({fleet / interval:.0f} readings/s expected)")
print(f"samples {len(rows)}, last: {last}")
sys.exit(0 if ok else 1)
