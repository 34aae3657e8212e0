#!/usr/bin/env bash
# Two Orders instances sharing the read models by lease (Orders:Projections:Runner=Lease) behind nginx, writers
# through nginx, and the instance holding the leases killed with SIGKILL: how long until the other applies the
# projections, whether any command failed, and what read-your-writes answered meanwhile. See RESULTS.md here.
#
# Needs: an EventStoreDB (ESDB, default esdb://127.0.0.1:2113?tls=false), a MongoDB (MONGO, default
# mongodb://127.0.0.1:27017), nginx and python3 on the PATH. Usage: bench/takeover/takeover.sh [lease-seconds]
set -euo pipefail
cd "$(dirname "$0")/../.."

LEASE=${1:-15}
ESDB=${ESDB:-esdb://127.0.0.1:2113?tls=false}
MONGO=${MONGO:-mongodb://127.0.0.1:27017}
HOST_DLL=${HOST_DLL:-src/Orders.Host/bin/Release/net10.0/Orders.Host.dll}
LB=5100 A=5101 B=5102 KEY=takeover-bench
RUN=$(mktemp -d /tmp/orders-takeover.XXXXXX)
[ -f "$HOST_DLL" ] || dotnet build src/Orders.Host -c Release -v q

sed -e "s/orders-1:8080/127.0.0.1:$A/; s/orders-2:8080/127.0.0.1:$B/; s/listen 8080/listen 127.0.0.1:$LB/" \
  deploy/nginx/orders-cluster.conf > "$RUN/site.conf"
cat > "$RUN/nginx.conf" <<CONF
daemon off; pid $RUN/nginx.pid; error_log $RUN/nginx.error.log;
events {}
http { access_log off; client_body_temp_path $RUN; proxy_temp_path $RUN; include $RUN/site.conf; }
CONF

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start_host() { # name port
  Orders__InstanceId=$1 Orders__Storage__Path="$RUN/orders.db" \
  Orders__EventStore__Provider=EventStoreDb Orders__EventStore__ConnectionString="$ESDB" \
  Orders__Documents__Provider=Mongo Orders__Documents__ConnectionString="$MONGO" Orders__Documents__Database="takeover_$(basename "$RUN" | tr -c 'a-zA-Z0-9\n' _)" \
  Orders__Search__Provider=Sqlite Orders__Projections__Runner=Lease Orders__Projections__LeaseSeconds="$LEASE" \
  Orders__Admin__ApiKey=$KEY ASPNETCORE_URLS=http://127.0.0.1:$2 Logging__LogLevel__Default=Warning \
    dotnet "$HOST_DLL" > "$RUN/$1.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$2/health/ready" > /dev/null 2>&1 && return; sleep 0.1; done
  echo "$1 did not get ready; see $RUN/$1.log" >&2; exit 1
}
applies_everything() { # port
  curl -fs -H "X-Admin-Key: $KEY" "http://127.0.0.1:$1/admin/projections" | python3 -c \
    'import json,sys; sys.exit(0 if all(p["appliedHere"] for p in json.load(sys.stdin)["projections"]) else 1)'
}
caught_up() { # port: the read models of a fresh run start from the beginning of whatever the event store holds
  curl -fs -H "X-Admin-Key: $KEY" "http://127.0.0.1:$1/admin/projections" | python3 -c \
    'import json,sys; sys.exit(0 if all(p["eventsBehind"] == 0 for p in json.load(sys.stdin)["projections"]) else 1)'
}

# Both instances name the same Storage:Path, so they share the search index in one SQLite file, as instances on one
# machine may (Elasticsearch is the shared store for instances on several machines); the order documents are in
# MongoDB and the log in EventStoreDB.
start_host a $A
for _ in $(seq 1 200); do applies_everything $A && break; sleep 0.1; done
for _ in $(seq 1 1200); do caught_up $A && break; sleep 0.1; done
start_host b $B
victim=${pids[0]}
nginx -c "$RUN/nginx.conf" & pids+=($!)
sleep 0.5
python3 bench/takeover/load.py --lb "http://127.0.0.1:$LB" --survivor "http://127.0.0.1:$B" --victim-pid "$victim" --key $KEY \
  --writers "${WRITERS:-8}" --duration "${DURATION:-40}" --kill-at "${KILL_AT:-10}"
echo "lease ${LEASE}s; logs in $RUN" >&2
