"""The peer a user would otherwise write (issue 3's baseline): a Flask service taking one prediction event per
request, counting it in hand-made Prometheus metrics, and keeping a sliding window of one feature for a simple
drift check. Run under Flask's own server or gunicorn; see tools/bench_ingest.sh.

    gunicorn -w 2 -b 127.0.0.1:18300 --chdir tools/peer flask_peer:app

Not part of Vigil: it exists only so benchmarks compare against the same thing every time.
"""
import collections
import json
import statistics
import threading

from flask import Flask, Response, request

app = Flask(__name__)
lock = threading.Lock()
counts = collections.Counter()
window = collections.deque(maxlen=1000)
REFERENCE_MEAN, REFERENCE_SD = 100.0, 20.0
drifted = {"value": 0}


@app.post("/predict")
def predict():
    event = request.get_json(force=True)
    model = event.get("model", "unknown")
    version = event.get("version", "default")
    status = event.get("status", "ok")
    amount = event.get("features", {}).get("amount")
    with lock:
        counts[(model, version, status)] += 1
        if isinstance(amount, (int, float)):
            window.append(amount)
            if len(window) == window.maxlen and counts[(model, version, status)] % 100 == 0:
                shift = abs(statistics.fmean(window) - REFERENCE_MEAN) / REFERENCE_SD
                drifted["value"] = 1 if shift > 0.5 else 0
    return Response(json.dumps({"accepted": 1}), mimetype="application/json")


@app.get("/metrics")
def metrics():
    lines = ["# TYPE predictions_total counter"]
    with lock:
        for (model, version, status), n in sorted(counts.items()):
            lines.append(f'predictions_total{{model="{model}",version="{version}",status="{status}"}} {n}')
        lines.append(f"drift_detected {drifted['value']}")
    return Response("\n".join(lines) + "\n", mimetype="text/plain")


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=18301)
