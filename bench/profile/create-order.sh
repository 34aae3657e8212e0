#!/usr/bin/env bash
# Where create-order's processor time goes, in the published host (`just bench` publishes it first):
#   bench/profile/create-order.sh [OUT]      needs wrk and perf (Debian packages wrk, linux-perf)
# Loads the host with wrk from ready for 40 s (cold 0-10 s, warm 30-40 s), samples every thread with perf during the
# warm window, and prints the server processor time a request and its split by area (cpu-split.py).
# Profiling only: W^X is turned off so that perf can name jitted code; the benchmark never does.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
host=${HOST:-$here/../Orders.Bench/bin/published-host/Orders.Host.dll}
out=${1:-$(mktemp -d)}
mkdir -p "$out/db"
port=$((20000 + RANDOM % 10000))
url=http://127.0.0.1:$port/api/v1/orders
cat > "$out/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"shopItems":[{"id":"sku-1","title":"Blue shirt","description":"Cotton, slim fit","quantity":2,"price":19.99}],"accountEmail":"alice@example.com","deliveryAddress":"1 Main St, Springfield"}'
LUA
ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Orders__Storage__Path="$out/db/orders.db" \
  DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 dotnet "$host" --urls "http://127.0.0.1:$port" > "$out/host.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$port/health/ready" > /dev/null; do sleep 0.01; done
cpu() { awk '{ print $14 + $15 }' "/proc/$pid/stat"; }   # user + system, in 1/100 s
requests() { awk '/requests in/ { print $1 }' "$1"; }
c0=$(cpu); wrk -t1 -c64 -d10s -s "$out/post.lua" "$url" > "$out/cold.txt"; c1=$(cpu)
wrk -t1 -c64 -d20s -s "$out/post.lua" "$url" > /dev/null; c2=$(cpu)
perf record -F 999 -g -p $pid -o "$out/perf.data" -- sleep 10 > /dev/null 2>&1 &
wrk -t1 -c64 -d10s -s "$out/post.lua" "$url" > "$out/warm.txt"; c3=$(cpu)
wait %2 || true
echo "cold: $(requests "$out/cold.txt") requests, $(echo "scale=3; ($c1 - $c0) * 10 / $(requests "$out/cold.txt")" | bc) ms processor time a request"
echo "warm: $(requests "$out/warm.txt") requests, $(echo "scale=3; ($c3 - $c2) * 10 / $(requests "$out/warm.txt")" | bc) ms processor time a request"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
perf script -i "$out/perf.data" -F comm,tid,ip,sym,dso 2> /dev/null > "$out/stacks.txt"
python3 "$here/cpu-split.py" "$out/stacks.txt"
