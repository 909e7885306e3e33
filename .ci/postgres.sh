#!/bin/sh
# Start a throwaway PostgreSQL server for the knowledge-base tests and print the line
#     export VEILLE_TEST_PG=postgresql://...
# to evaluate in the test shell:  eval "$(.ci/postgres.sh)"
# Installs the Debian package when no server is found. Status messages go to stderr; on any
# failure nothing is printed on stdout, and the PostgreSQL tests skip.
set -eu

PORT="${VEILLE_PG_PORT:-54329}"
DIR="${VEILLE_PG_DIR:-/tmp/veille-pg-$PORT}"
DB=veille_test

say() { echo "postgres.sh: $*" >&2; }

bindir() {
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && echo "$d"
    done | sort -V | tail -n 1
}

BIN="$(bindir || true)"
if [ -z "$BIN" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing postgresql from Debian"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 || true
        BIN="$(bindir || true)"
    fi
fi
if [ -z "$BIN" ]; then
    say "no PostgreSQL server available; its tests will be skipped"
    exit 0
fi

# The server refuses to run as root: run it as an unprivileged user.
RUN=""
if [ "$(id -u)" = 0 ]; then
    USERNAME="$(getent passwd postgres >/dev/null && echo postgres || echo nobody)"
    RUN="runuser -u $USERNAME --"
else
    USERNAME="$(id -un)"
fi

if [ -f "$DIR/data/postmaster.pid" ] && $RUN "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; then
    say "reusing the server already running in $DIR"
else
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ -n "$RUN" ] && chown "$USERNAME" "$DIR"
    $RUN "$BIN/initdb" -D "$DIR/data" -U veille --auth=trust -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 \
        || $RUN "$BIN/initdb" -D "$DIR/data" -U veille --auth=trust -E UTF8 >"$DIR/initdb.log" 2>&1 \
        || { say "initdb failed (see $DIR/initdb.log)"; exit 0; }
    $RUN "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >&2 \
        || { say "the server did not start (see $DIR/server.log)"; exit 0; }
fi

"$BIN/psql" -h 127.0.0.1 -p "$PORT" -U veille -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" \
    | grep -q 1 || "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U veille "$DB" >&2 \
    || { say "could not create the database"; exit 0; }

say "PostgreSQL running on 127.0.0.1:$PORT (stop: $RUN $BIN/pg_ctl -D $DIR/data stop)"
echo "export VEILLE_TEST_PG=postgresql://veille@127.0.0.1:$PORT/$DB"
