-- wrk script: one prediction event per request, as the Flask peer's clients send them.
-- usage: wrk -t2 -c16 -d20s -s tools/peer/one_event.lua http://127.0.0.1:PORT/PATH
local counter = 0
request = function()
  counter = counter + 1
  local body = string.format('{"model": "fraud", "version": "v1", "features": {"amount": %d.5, "country": "DE"}, "prediction": "ok", "scores": {"ok": 0.8, "fraud": 0.2}, "latency_ms": 12}',
    80 + (counter % 40))
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
