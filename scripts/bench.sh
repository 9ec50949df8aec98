#!/usr/bin/env bash
# The XMPP round-trip benchmark: one run against a fresh project-local Prosody (and ejabberd), our client
# over TCP and over BOSH beside the npm stanza BOSH client. Prints markdown tables for docs/benchmarks.md.
#   BENCH_COUNT (1000), BENCH_WARMUP (50), BENCH_INFLIGHT (64), BENCH_HUB_DEVICES ("100 1000"), BENCH_PUSH_DEVICES (1000)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/xmpp-server.sh install prosody
command -v node >/dev/null || { echo "node is not installed: apt-get install -y nodejs npm" >&2; exit 1; }
(cd bench/stanza && npm install --no-audit --no-fund --silent)
dotnet build -c Release bench/Dashboard.Bench --nologo -v quiet
bench="dotnet bench/Dashboard.Bench/bin/Release/net10.0/Dashboard.Bench.dll"

for kind in prosody ejabberd; do
    if [ "$kind" = ejabberd ] && ! command -v ejabberdctl >/dev/null; then continue; fi
    dir=".run/bench-$kind"
    scripts/xmpp-server.sh stop "$dir" 2>/dev/null || true
    rm -rf "$dir"
    if [ "$kind" = prosody ]; then
        # consider_bosh_secure lets every client use the same PLAIN-capable account, as ANCHORS.md measured.
        scripts/xmpp-server.sh start prosody --dir "$dir" > /dev/null
    else
        scripts/xmpp-server.sh start ejabberd --dir "$dir" > /dev/null
    fi
    scripts/xmpp-server.sh register "$dir" bench bench-password
    echo "### $kind"
    $bench ping --server "$dir" --user bench --password bench-password \
        --count "${BENCH_COUNT:-1000}" --warmup "${BENCH_WARMUP:-50}" --inflight "${BENCH_INFLIGHT:-64}" --stanza bench/stanza || true
    scripts/xmpp-server.sh stop "$dir"
done

echo "### hub"
$bench writer --rows 200000
dir=.run/bench-hub
scripts/xmpp-server.sh stop "$dir" 2>/dev/null || true
rm -rf "$dir"
scripts/xmpp-server.sh start prosody --dir "$dir" > /dev/null
for devices in ${BENCH_HUB_DEVICES:-100 1000}; do
    $bench presence --server "$dir" --count "$devices" --transitions 200 --poll 10 --steady 30 || true
done
# Push: point change at a SmartServer → SignalR with N pushing devices, and the Writes/s the hub absorbs.
$bench push --server "$dir" --count "${BENCH_PUSH_DEVICES:-1000}" --changes 200 --change-every 50 --tick 10 --absorb-devices 50 --absorb-seconds 20 || true
scripts/xmpp-server.sh stop "$dir"
