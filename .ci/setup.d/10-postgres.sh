# Sourced by .ci/run (as root, Debian): install PostgreSQL from Debian packages, start a
# throw-away cluster on a free local port and export SUMBER_TEST_PG so the store test
# suite runs against PostgreSQL as well as SQLite.  If anything here fails the tests
# that need PostgreSQL skip and say why; the rest of CI goes on.

_sumber_pg_setup() {
  local bindir port tmp runas
  if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    echo "postgres: installing PostgreSQL from Debian packages"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || return 1
    apt-get install -y -qq postgresql >/dev/null || return 1
  fi
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  [ -x "$bindir/initdb" ] || { echo "postgres: no initdb in $bindir"; return 1; }
  tmp=$(mktemp -d /tmp/sumber-pg.XXXXXX) || return 1
  runas=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "postgres: no 'postgres' user to run the server"; return 1; }
    chown postgres "$tmp" || return 1
    runas=(runuser -u postgres --)
  fi
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])') || return 1
  "${runas[@]}" "$bindir/initdb" -D "$tmp/data" -U sumber --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$tmp/initdb.log" 2>&1 || { cat "$tmp/initdb.log"; return 1; }
  "${runas[@]}" "$bindir/pg_ctl" -D "$tmp/data" -l "$tmp/server.log" -w -t 60 \
    -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || { cat "$tmp/server.log"; return 1; }
  "$bindir/createdb" -h 127.0.0.1 -p "$port" -U sumber sumber_test || return 1
  SUMBER_PG_STOP="${runas[*]} $bindir/pg_ctl -D $tmp/data -m immediate stop"
  export SUMBER_TEST_PG="postgresql://sumber@127.0.0.1:$port/sumber_test"
  echo "postgres: throw-away cluster in $tmp, SUMBER_TEST_PG=$SUMBER_TEST_PG"
}

if _sumber_pg_setup; then
  # stop the cluster when .ci/run exits, keeping any exit trap set before us
  _sumber_prev_trap=$(trap -p EXIT | sed -e "s/^trap -- '//" -e "s/' EXIT\$//")
  trap "${_sumber_prev_trap:+$_sumber_prev_trap; }$SUMBER_PG_STOP >/dev/null 2>&1 || true" EXIT
else
  echo "postgres: WARNING: could not start PostgreSQL; tests marked 'postgres' will be skipped"
  unset SUMBER_TEST_PG
fi
