-- wrk script: each request GETs a path picked at random from the file named by WRK_PATHS
-- (one path per line), so the load spreads over many real identifiers instead of one hot row.
local paths = {}
for line in io.lines(os.getenv("WRK_PATHS")) do
  if #line > 0 then paths[#paths + 1] = line end
end

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  math.randomseed(7919 * thread_number)
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
