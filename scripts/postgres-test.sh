#!/usr/bin/env bash
# Runs the test suite against a throwaway PostgreSQL server:
#
#   scripts/postgres-test.sh                 # cargo test --workspace --features postgres
#   scripts/postgres-test.sh --test identities   # other cargo test arguments
#   scripts/postgres-test.sh --run cargo bench --features postgres --bench postgres
#                                            # any command, with the server up
#
# Installs PostgreSQL from the distribution's packages when `initdb` is
# missing (Debian: `apt-get install -y postgresql`, needs root), creates a
# cluster in a temp dir owned by an unprivileged user (`initdb` and the
# server refuse root: as root, the user `resource-pg` is created), listens
# on a unix socket in that dir only (no TCP port to collide with), runs the
# tests with RESOURCE_TEST_POSTGRES_URL set, and stops the server and
# removes the cluster on exit, also on failure or Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

find_bin() {
    local name=$1
    if command -v "$name" >/dev/null 2>&1; then
        command -v "$name"
        return
    fi
    local found
    found=$(ls -d /usr/lib/postgresql/*/bin/"$name" 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$found" ] && echo "$found"
}

if [ -z "$(find_bin initdb)" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "postgres-test: initdb not found; install PostgreSQL (apt-get install postgresql) or run as root" >&2
        exit 1
    fi
    echo "postgres-test: installing PostgreSQL from the distribution's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # The package's own cluster is not used: only its binaries.
    mkdir -p /etc/postgresql-common
    echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
    apt-get install -y -qq postgresql >/dev/null
fi
INITDB=$(find_bin initdb)
BIN=$(dirname "$INITDB")
PG_CTL=$(find_bin pg_ctl)
PG_CTL=${PG_CTL:-$BIN/pg_ctl}

# The user the server runs as; `as_user cmd..` runs a command as them.
if [ "$(id -u)" -eq 0 ]; then
    PG_USER=resource-pg
    id "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
    as_user() { runuser -u "$PG_USER" -- "$@"; }
else
    PG_USER=$(id -un)
    as_user() { "$@"; }
fi

DIR=$(mktemp -d "${TMPDIR:-/tmp}/resource-pg.XXXXXX")
chmod 755 "$DIR"
[ "$(id -u)" -eq 0 ] && chown "$PG_USER" "$DIR"
cleanup() {
    local status=$?
    as_user "$PG_CTL" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    rm -rf "$DIR"
    exit "$status"
}
trap cleanup EXIT INT TERM

# C collation: text in code point order, as memory sorts; UTF-8; trust
# authentication on the socket only (nothing listens on TCP).
as_user "$INITDB" -D "$DIR/data" -U postgres -E UTF8 --no-locale --auth=trust >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
as_user "$PG_CTL" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses='' -k $DIR -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$DIR/server.log" >&2; exit 1; }

export RESOURCE_TEST_POSTGRES_URL="host=$DIR user=postgres dbname=postgres"
echo "postgres-test: server up ($RESOURCE_TEST_POSTGRES_URL)" >&2
if [ "${1:-}" = "--run" ]; then
    shift
    "$@"
    exit
fi
if [ $# -eq 0 ]; then
    set -- --workspace
fi
cargo test --features postgres "$@"
