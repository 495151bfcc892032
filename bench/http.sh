#!/usr/bin/env bash
# Over HTTP, side by side in one run at the same concurrency: Linkwell's
# GET /oruk/services?search=… against Datasette serving the same SQLite file
# with FTS5 (_search=). Prints requests a second for each and the ratio, and
# Linkwell's resident memory afterwards.
#
#   bench/http.sh DATABASE.sqlite [CONNECTIONS] [SECONDS]
#
# Needs a release build (swift build -c release --product linkwell), wrk
# (Debian) and datasette (PyPI; BENCH_DATASETTE points at it).
set -euo pipefail
database=$(realpath "$1")
connections=${2:-64}
seconds=${3:-10}
root=$(cd "$(dirname "$0")/.." && pwd)
linkwell="$root/.build/release/linkwell"
datasette=${BENCH_DATASETTE:-datasette}
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

# The query mix of bench/LinkwellBench (words only: Datasette has no filters of ours).
words=("walking" "lunch+club" "choir" "debt+advice" "Leeds+choir" "Bristol+walking+group" "befriending")
lua() {  # $1: path prefix, $2: parameter name
  {
    echo 'paths = {'
    for w in "${words[@]}"; do echo "  \"$1$2=$w\","; done
    echo '}'
    echo 'counter = 0'
    echo 'request = function() counter = counter + 1; return wrk.format("GET", paths[(counter % #paths) + 1]) end'
  } > "$work/$3.lua"
}
lua "/oruk/services?per_page=50&" search linkwell
table=$(basename "$database" .sqlite)
lua "/$table/directory_services.json?_size=50&_shape=objects&" _search datasette

LINKWELL_LOG_LEVEL=error "$linkwell" serve --database "sqlite:$database" --port 18080 > "$work/linkwell.log" 2>&1 &
linkwell_pid=$!
"$datasette" "$database" --port 18081 --setting sql_time_limit_ms 60000 --setting default_page_size 50 > "$work/datasette.log" 2>&1 &
for port in 18080 18081; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/" > /dev/null && break; sleep 0.2; done
done
curl -sf "http://127.0.0.1:18081/$table/directory_services.json?_search=walking&_size=1" | grep -q '"rows"' \
  || { echo "Datasette does not search directory_services (no FTS detected)"; exit 1; }

run() {  # $1: name, $2: port
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 10s -s "$work/$1.lua" "http://127.0.0.1:$2" > "$work/$1.wrk"
  grep -E "Requests/sec|Latency|Non-2xx|Socket errors" "$work/$1.wrk" | sed "s/^/$1: /"
}
echo "== $connections connections, $seconds s each, the same 7-query mix =="
run linkwell 18080
run datasette 18081
ours=$(awk '/Requests\/sec/ {print $2}' "$work/linkwell.wrk")
theirs=$(awk '/Requests\/sec/ {print $2}' "$work/datasette.wrk")
echo "ratio: Linkwell / Datasette = $(python3 -c "print(round($ours / max($theirs, 0.001), 1))")x"
# One filtered search, so that the memory counted includes the copy of every
# service's ages, sessions and places that filtered searches use.
curl -sf "http://127.0.0.1:18080/oruk/services?search=lunch&minimum_age=0&per_page=1" > /dev/null
echo "Linkwell resident memory after the run: $(( $(ps -o rss= -p "$linkwell_pid") / 1024 )) MB"
