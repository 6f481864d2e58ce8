-- Replays a list of prepared requests, one per line of the file named by the
-- environment variable FLOW_FILE:  METHOD<TAB>PATH<TAB>HEADERS<TAB>BODY
-- HEADERS is "Name: value" pairs joined by " | " (may be empty).
-- Each wrk thread starts at its own offset and walks the list round-robin, so
-- POSTs answer a different prepared item each time until the list wraps.
-- At the end prints one JSON line with the figures bench/run.py reads.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local function split(s, sep)
  local out = {}
  local start = 1
  while true do
    local i, j = string.find(s, sep, start, true)
    if not i then
      table.insert(out, string.sub(s, start))
      break
    end
    table.insert(out, string.sub(s, start, i - 1))
    start = j + 1
  end
  return out
end

local reqs = {}
local index = 0
statuses = {}  -- global: done() reads it from every thread

function init(args)
  local path = os.getenv("FLOW_FILE")
  local nthreads = tonumber(os.getenv("FLOW_THREADS") or "1")
  local lines = {}
  for line in io.lines(path) do
    if line ~= "" then table.insert(lines, line) end
  end
  -- Thread tid takes every nthreads-th line, so no two threads send the same POST.
  for i, line in ipairs(lines) do
    if (i - 1) % nthreads == tid then
      local f = split(line, "\t")
      local headers = {}
      if f[3] and f[3] ~= "" then
        for _, h in ipairs(split(f[3], " | ")) do
          local k, v = string.match(h, "^([^:]+):%s*(.*)$")
          if k then headers[k] = v end
        end
      end
      local body = f[4]
      if body == "" then body = nil end
      table.insert(reqs, wrk.format(f[1], f[2], headers, body))
    end
  end
  if #reqs == 0 then
    for i, line in ipairs(lines) do
      local f = split(line, "\t")
      table.insert(reqs, wrk.format(f[1], f[2], {}, nil))
    end
  end
end

function request()
  index = index + 1
  if index > #reqs then index = 1 end
  return reqs[index]
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local codes = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    if s then
      for code, n in pairs(s) do codes[tostring(code)] = (codes[tostring(code)] or 0) + n end
    end
  end
  local parts = {}
  for code, n in pairs(codes) do table.insert(parts, string.format('"%s": %d', code, n)) end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "connect_errors": %d, "read_errors": %d, "write_errors": %d, "status_errors": %d, ' ..
    '"timeouts": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout,
    table.concat(parts, ", ")))
end
