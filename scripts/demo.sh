#!/usr/bin/env bash
# The run command: the dashboard with a project-local XMPP server and demo SmartServers.
# Installs Prosody when missing, keeps everything under .run/, and stops what it started on exit.
#   DASHBOARD_PORT (5080), XMPP_C2S_PORT (5322), XMPP_HTTP_PORT (5380), DEMO_DEVICES (20)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v dotnet >/dev/null || { echo "dotnet is not installed: install the .NET 10 SDK first" >&2; exit 1; }
scripts/xmpp-server.sh install prosody

run=.run
mkdir -p "$run"
xmpp="$run/xmpp"
scripts/xmpp-server.sh stop "$xmpp" 2>/dev/null || true
scripts/xmpp-server.sh start prosody --dir "$xmpp" --c2s-port "${XMPP_C2S_PORT:-5322}" --http-port "${XMPP_HTTP_PORT:-5380}" > /dev/null
# shellcheck disable=SC1091
. "$xmpp/server.env"
simulator_pid=""
cleanup() {
    [ -n "$simulator_pid" ] && kill "$simulator_pid" 2>/dev/null && wait "$simulator_pid" 2>/dev/null
    scripts/xmpp-server.sh stop "$xmpp"
}
trap cleanup EXIT
dotnet build Dashboard.sln --nologo -v quiet

# One password per account, made once and kept (mode 600) so restarts reuse the same accounts.
secret() {
    local file="$run/$1.password"
    if [ ! -s "$file" ]; then (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$file"); fi
    cat "$file"
}
dashboard_password=$(secret dashboard)
scripts/xmpp-server.sh register "$xmpp" dashboard "$dashboard_password"

# Demo SmartServers: MAC-ID accounts on the same server, asking for the dashboard's presence;
# every tenth misbehaves (slow, SOAP faults, garbage, flapping) so the fault views have something to show;
# every second one pushes its updates as WebBinder Writes, the others are polled; a thermostat set above 30 °C
# reaches its second high limit, a Critical alarm.
dotnet src/Dashboard.Simulator/bin/Debug/net10.0/Dashboard.Simulator.dll --server "$xmpp" --count "${DEMO_DEVICES:-20}" \
    --dashboard "dashboard@$DOMAIN" --faulty-every 10 --push-every 2 --alarm-critical &
simulator_pid=$!

export Dashboard__Xmpp__BoshUrl="$BOSH_URL"
export Dashboard__Xmpp__Jid="dashboard@$DOMAIN"
export Dashboard__Xmpp__Password="$dashboard_password"
export Dashboard__Xmpp__AllowPlainOverHttp=false
export Dashboard__Xmpp__AcceptDevicesFromOwnDomain=true
export Dashboard__Storage__DatabasePath="$PWD/$run/dashboard.db"
url="http://127.0.0.1:${DASHBOARD_PORT:-5080}"

# Sign-in accounts, one per role, with fresh passwords each run: printed here once, stored only hashed.
accounts=""
for role in Admin Operator Viewer; do
    name=$(tr '[:upper:]' '[:lower:]' <<<"$role")
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    printf '%s\n' "$password" | dotnet src/Dashboard.Web/bin/Debug/net10.0/Dashboard.Web.dll users add "$name" --role "$role" --replace > /dev/null
    accounts+=$(printf '\n  %-9s %s  (%s)' "$name" "$password" "$role")
done

echo "XMPP server: $KIND on 127.0.0.1 (c2s $C2S_PORT, BOSH $BOSH_URL); log: $xmpp/prosody.log"
echo "Dashboard:   $url   (Ctrl+C stops everything)"
echo "Sign in as:$accounts"
dotnet run --no-build --project src/Dashboard.Web --urls "$url"
