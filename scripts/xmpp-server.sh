#!/usr/bin/env bash
# Runs a project-local XMPP server (Prosody or ejabberd) from a folder of its own, bound to 127.0.0.1.
# Nothing system-wide is configured or started. Used by scripts/demo.sh and by the test fixtures.
#
#   xmpp-server.sh install [prosody|ejabberd|chromium|all]
#   xmpp-server.sh start prosody|ejabberd --dir DIR [--c2s-port N] [--http-port N] [--domain D]
#                        [--no-bosh-secure] [--allow-registration]
#   xmpp-server.sh register DIR USER PASSWORD
#   xmpp-server.sh register-many DIR < lines of "USER PASSWORD"
#   xmpp-server.sh stop DIR
#   xmpp-server.sh status DIR
#
# `start` prints KEY=VALUE lines (KIND, DOMAIN, C2S_PORT, HTTP_PORT, BOSH_URL, PID) and keeps them in DIR/server.env.
set -euo pipefail

die() { echo "xmpp-server.sh: $*" >&2; exit 1; }

apt_updated=""
apt_install() {
    [ "$(id -u)" = 0 ] || die "$1 is not installed and this is not root: run 'sudo apt-get install -y $*'"
    command -v apt-get >/dev/null || die "$1 is not installed and there is no apt-get: install $* with your package manager"
    if [ -z "$apt_updated" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
        apt_updated=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

install_prosody() { command -v prosody >/dev/null || apt_install prosody; }
install_chromium() { command -v chromium >/dev/null || apt_install chromium; }
install_ejabberd() {
    command -v ejabberdctl >/dev/null && return
    # The package would start a system-wide ejabberd; a policy-rc.d that says "no" prevents that.
    local policy=/usr/sbin/policy-rc.d created=""
    if [ "$(id -u)" = 0 ] && [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created=1
    fi
    apt_install ejabberd || { [ -n "$created" ] && rm -f "$policy"; exit 1; }
    [ -n "$created" ] && rm -f "$policy"
    # Debian's package may have started its own instance anyway (no policy-rc.d honoured); stop it.
    if command -v systemctl >/dev/null && systemctl is-active --quiet ejabberd 2>/dev/null; then systemctl stop ejabberd || true; fi
    return 0
}

free_port() {
    local port
    for _ in $(seq 1 100); do
        port=$(( (RANDOM << 1 | RANDOM & 1) % 30000 + 20000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
    done
    die "no free port found"
}

wait_for_port() {
    local port=$1 pid=$2 log=$3
    for _ in $(seq 1 150); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
        kill -0 "$pid" 2>/dev/null || { tail -n 20 "$log" >&2 || true; die "the server exited during start-up (log: $log)"; }
        sleep 0.1
    done
    tail -n 20 "$log" >&2 || true
    die "the server did not listen on 127.0.0.1:$port within 15 s (log: $log)"
}

write_prosody_config() {
    local dir=$1 domain=$2 c2s=$3 http=$4 secure=$5 registration=$6
    local root_line=""
    [ "$(id -u)" = 0 ] && root_line='run_as_root = true'
    mkdir -p "$dir/data"
    cat > "$dir/prosody.cfg.lua" <<CFG
-- Written by scripts/xmpp-server.sh; a project-local Prosody. Edit the script, not this file.
$root_line
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
interfaces = { "127.0.0.1" }
c2s_ports = { $c2s }
http_interfaces = { "127.0.0.1" }
http_ports = { $http }
https_ports = {}
modules_enabled = { "roster"; "saslauth"; "disco"; "ping"; "bosh"; "websocket"; "time"; "version"; "posix"$( [ "$registration" = true ] && printf '; "register"' ) }
modules_disabled = { "s2s" }
allow_registration = $registration
authentication = "internal_plain"
c2s_require_encryption = false
consider_bosh_secure = $secure
bosh_max_inactivity = 60
bosh_max_wait = 120
cross_domain_bosh = false
log = { { levels = { min = "info" }, to = "file", filename = "$dir/prosody.log" } }
VirtualHost "$domain"
CFG
}

write_ejabberd_config() {
    local dir=$1 domain=$2 c2s=$3 http=$4 registration=$5
    mkdir -p "$dir/conf" "$dir/logs" "$dir/db"
    cat > "$dir/conf/ejabberd.yml" <<CFG
# Written by scripts/xmpp-server.sh; a project-local ejabberd. Edit the script, not this file.
hosts: ["$domain"]
loglevel: info
listen:
  - {port: $c2s, ip: "127.0.0.1", module: ejabberd_c2s, max_stanza_size: 262144, shaper: c2s_shaper, access: c2s, starttls_required: false}
  - {port: $http, ip: "127.0.0.1", module: ejabberd_http, request_handlers: {/bosh: mod_bosh}}
auth_method: internal
auth_password_format: plain
shaper: {normal: {rate: 3000, burst_size: 20000}, fast: 100000}
shaper_rules: {c2s_shaper: {fast: all}}
acl: {local: {user_regexp: ""}}
access_rules: {local: {allow: local}, c2s: {allow: all}, register: {$( [ "$registration" = true ] && echo allow || echo deny ): all}}
modules: {mod_bosh: {}, mod_disco: {}, mod_ping: {}, mod_roster: {}, mod_stream_mgmt: {}, mod_version: {}$( [ "$registration" = true ] && echo ', mod_register: {}' )}
CFG
}

# A server folder as an absolute path: ejabberdctl changes directory before it reads its arguments.
absolute() { (cd "$1" 2>/dev/null && pwd) || echo "$1"; }

ejabberdctl_in() {
    local dir=$1; shift
    # shellcheck disable=SC1091
    . "$dir/server.env"
    ejabberdctl --config-dir "$dir/conf" --logs "$dir/logs" --spool "$dir/db" --node "$NODE" "$@"
}

cmd_start() {
    local kind=${1:-} dir="" c2s="" http="" domain=xmpp.test secure=true registration=false
    shift || true
    while [ $# -gt 0 ]; do
        case $1 in
            --dir) dir=$2; shift 2 ;;
            --c2s-port) c2s=$2; shift 2 ;;
            --http-port) http=$2; shift 2 ;;
            --domain) domain=$2; shift 2 ;;
            --bosh-secure) secure=true; shift ;;
            --no-bosh-secure) secure=false; shift ;;
            --allow-registration) registration=true; shift ;;
            *) die "unknown option $1" ;;
        esac
    done
    [ -n "$dir" ] || die "start needs --dir DIR"
    mkdir -p "$dir"; dir=$(cd "$dir" && pwd)
    [ -n "$c2s" ] || c2s=$(free_port)
    [ -n "$http" ] || http=$(free_port)
    local pid bosh_url node=""
    case $kind in
        prosody)
            command -v prosody >/dev/null || die "prosody is not installed: run 'scripts/xmpp-server.sh install prosody' (or: sudo apt-get install -y prosody)"
            write_prosody_config "$dir" "$domain" "$c2s" "$http" "$secure" "$registration"
            prosody --config "$dir/prosody.cfg.lua" -F > "$dir/prosody.out" 2>&1 &
            pid=$!
            bosh_url="http://127.0.0.1:$http/http-bind"
            wait_for_port "$http" "$pid" "$dir/prosody.log"
            wait_for_port "$c2s" "$pid" "$dir/prosody.log"
            ;;
        ejabberd)
            command -v ejabberdctl >/dev/null || die "ejabberd is not installed: run 'scripts/xmpp-server.sh install ejabberd' (or: sudo apt-get install -y ejabberd)"
            write_ejabberd_config "$dir" "$domain" "$c2s" "$http" "$registration"
            node="ejabberd$c2s@localhost"
            [ "$(id -u)" = 0 ] && chown -R ejabberd:ejabberd "$dir"
            printf 'NODE=%s\n' "$node" > "$dir/server.env"
            ejabberdctl --config-dir "$dir/conf" --logs "$dir/logs" --spool "$dir/db" --node "$node" foreground > "$dir/ejabberd.out" 2>&1 &
            pid=$!
            bosh_url="http://127.0.0.1:$http/bosh"
            wait_for_port "$http" "$pid" "$dir/ejabberd.out"
            wait_for_port "$c2s" "$pid" "$dir/ejabberd.out"
            ;;
        *) die "start needs a kind: prosody or ejabberd" ;;
    esac
    cat > "$dir/server.env" <<ENV
KIND=$kind
DOMAIN=$domain
C2S_PORT=$c2s
HTTP_PORT=$http
BOSH_URL=$bosh_url
PID=$pid
NODE=$node
ENV
    cat "$dir/server.env"
}

cmd_register() {
    local dir user=${2:?user} password=${3:?password}
    dir=$(absolute "${1:?register needs DIR USER PASSWORD}")
    [ -f "$dir/server.env" ] || die "no server in $dir (start one first)"
    # shellcheck disable=SC1091
    . "$dir/server.env"
    case $KIND in
        prosody) prosody_account "$dir" "$DOMAIN" "$user" "$password" ;;
        ejabberd) ejabberdctl_in "$dir" register "$user" "$DOMAIN" "$password" >/dev/null ;;
    esac
}

# Prosody with internal_plain keeps one small Lua file per account; writing it is what prosodyctl does,
# without a Lua start-up per account (a fleet of simulated SmartServers needs hundreds).
prosody_account() {
    local dir=$1 domain=$2 user=$3 password=$4
    if [[ ! $user =~ ^[a-z0-9_-]+$ || ! $domain =~ ^[a-z0-9.-]+$ || $password == *[\\\"$'\n']* ]]; then
        prosodyctl --config "$dir/prosody.cfg.lua" register "$user" "$domain" "$password" 2>&1 | grep -v certmanager >&2 || true
        return
    fi
    local accounts="$dir/data/${domain//./%2e}/accounts"
    mkdir -p "$accounts"
    printf 'return {\n\t["password"] = "%s";\n};\n' "$password" > "$accounts/$user.dat.tmp"
    mv "$accounts/$user.dat.tmp" "$accounts/$user.dat"
}

# Many accounts at once: "user password" lines on standard input.
cmd_register_many() {
    local dir
    dir=$(absolute "${1:?register-many needs DIR}")
    [ -f "$dir/server.env" ] || die "no server in $dir (start one first)"
    # shellcheck disable=SC1091
    . "$dir/server.env"
    local user password
    while read -r user password; do
        [ -n "$user" ] || continue
        case $KIND in
            prosody) prosody_account "$dir" "$DOMAIN" "$user" "$password" ;;
            ejabberd) ejabberdctl_in "$dir" register "$user" "$DOMAIN" "$password" >/dev/null ;;
        esac
    done
}

cmd_stop() {
    local dir
    dir=$(absolute "${1:?stop needs DIR}")
    [ -f "$dir/server.env" ] || return 0
    # shellcheck disable=SC1091
    . "$dir/server.env"
    if [ "$KIND" = ejabberd ]; then ejabberdctl_in "$dir" stop >/dev/null 2>&1 || true; fi
    if kill -0 "$PID" 2>/dev/null; then
        kill "$PID" 2>/dev/null || true
        for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || return 0; sleep 0.1; done
        kill -9 "$PID" 2>/dev/null || true
    fi
}

cmd_status() {
    local dir=${1:?status needs DIR}
    [ -f "$dir/server.env" ] || { echo "stopped"; return 1; }
    # shellcheck disable=SC1091
    . "$dir/server.env"
    if kill -0 "$PID" 2>/dev/null; then echo "running $KIND pid $PID"; else echo "stopped"; return 1; fi
}

case ${1:-} in
    install)
        case ${2:-all} in
            prosody) install_prosody ;;
            ejabberd) install_ejabberd ;;
            chromium) install_chromium ;;
            all) install_prosody; install_ejabberd; install_chromium ;;
            *) die "install what? prosody, ejabberd, chromium or all" ;;
        esac ;;
    start) shift; cmd_start "$@" ;;
    register) shift; cmd_register "$@" ;;
    register-many) shift; cmd_register_many "$@" ;;
    stop) shift; cmd_stop "$@" ;;
    status) shift; cmd_status "$@" ;;
    *) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
