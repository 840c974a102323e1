#!/usr/bin/env bash
# Start-up time of the demo portal: from `java -jar demo-portal.jar` to the first page served.
#
# Usage (from the repository root, after building the jar):
#   ./mvnw -q -pl examples/demo-portal -am package -DskipTests
#   examples/demo-portal/bench/startup.sh [runs]        # default 10 runs
#
# Each run starts the jar with every simulator (nothing configured), a fresh empty data directory
# and a free port, polls GET / every 10 ms with curl until it answers 200, records the elapsed
# wall-clock time, then stops the portal. Prints each run and min / median / max in milliseconds.
# Also prints the CPU time the JVM used until then (Linux /proc). The 10 ms polling interval
# bounds the resolution. Needs bash, curl and GNU date.
set -euo pipefail

cd "$(dirname "$0")/../../.."
JAR=examples/demo-portal/target/demo-portal.jar
RUNS=${1:-10}
[[ -f $JAR ]] || { echo "build the jar first: $JAR is missing" >&2; exit 1; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((20000 + RANDOM % 20000))
}

results=()
cpus=()
for run in $(seq 1 "$RUNS"); do
  data=$(mktemp -d)
  port=$(free_port)
  start=$(date +%s%N)
  SOCLE_DEMO_PORT=$port SOCLE_STORAGE_DIR=$data java ${JAVA_OPTS:-} -jar "$JAR" >"$data.log" 2>&1 &
  pid=$!
  deadline=$((start + 60000000000))
  until curl -fs -o /dev/null "http://127.0.0.1:$port/"; do
    if ! kill -0 "$pid" 2>/dev/null || (( $(date +%s%N) > deadline )); then
      echo "run $run: the portal did not serve its home page; log:" >&2
      cat "$data.log" >&2
      kill "$pid" 2>/dev/null || true
      exit 1
    fi
    sleep 0.01
  done
  end=$(date +%s%N)
  # CPU time (user + system, all threads) the JVM used until then: less sensitive than wall-clock
  # time to other processes competing for the cores.
  read -r -a stat <"/proc/$pid/stat"
  cpu=$(((stat[13] + stat[14]) * 1000 / $(getconf CLK_TCK)))
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$data" "$data.log"
  ms=$(((end - start) / 1000000))
  results+=("$ms")
  cpus+=("$cpu")
  echo "run $run: ${ms} ms wall-clock, ${cpu} ms CPU"
done

sorted=($(printf '%s\n' "${results[@]}" | sort -n))
n=${#sorted[@]}
echo "wall-clock: runs=$n min=${sorted[0]} ms median=${sorted[$((n / 2))]} ms max=${sorted[$((n - 1))]} ms"
sorted=($(printf '%s\n' "${cpus[@]}" | sort -n))
echo "CPU:        runs=$n min=${sorted[0]} ms median=${sorted[$((n / 2))]} ms max=${sorted[$((n - 1))]} ms"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
