-- wrk script: batches of prediction events over HTTP, the lightest load generator we have (wrk is C; the bodies
-- are made once, when each wrk thread starts). Events carry no id, so the server gives each one its own and every
-- event is stored and counted; feature values are normal draws, different in every body.
-- usage: wrk -t1 -c2 -d30s -s tools/load/batch_events.lua http://127.0.0.1:PORT/api/v1/predictions [BATCH] [FEATURES] [PAUSE]
-- PAUSE (milliseconds, default 0): each connection waits that long after an answer before its next batch, to hold
-- the rate below the maximum (about connections * BATCH / (latency + PAUSE) events/s) when measuring latency.
local bodies = {}
local next_body = 1
local batch, features, pause = 500, 20, 0

local function gaussian()
  return math.sqrt(-2 * math.log(1 - math.random())) * math.cos(2 * math.pi * math.random())
end

init = function(args)
  batch = tonumber(args[1]) or batch
  features = tonumber(args[2]) or features
  pause = tonumber(args[3]) or pause
  batch_size = batch   -- a global, for done()
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0) % 100000)
  for k = 1, 32 do
    local events = {}
    for i = 1, batch do
      local f = {}
      for j = 1, features do
        f[j] = string.format('"f%d":%.4f', j - 1, gaussian())
      end
      events[i] = string.format('{"model":"load","version":"v1","features":{%s},"prediction":"yes",'
        .. '"scores":{"yes":0.7,"no":0.3},"latency_ms":%d}', table.concat(f, ","), math.random(1, 50))
    end
    bodies[k] = wrk.format("POST", nil, {["Content-Type"] = "application/json"}, "[" .. table.concat(events, ",") .. "]")
  end
end

-- done() runs in wrk's main Lua state, where init() never ran: it asks a thread for the batch size
local threads = {}
setup = function(thread)
  table.insert(threads, thread)
end

delay = function()
  return pause
end

request = function()
  local r = bodies[next_body]
  next_body = next_body % #bodies + 1
  return r
end

done = function(summary, latency, requests)
  batch = threads[1] and tonumber(threads[1]:get("batch_size")) or batch
  io.write(string.format("events/s %.0f (batches of %d), batch latency p50 %.1f ms, p99 %.1f ms, errors %d\n",
    summary.requests / (summary.duration / 1e6) * batch, batch, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.errors.status + summary.errors.connect + summary.errors.read
      + summary.errors.write + summary.errors.timeout))
end
