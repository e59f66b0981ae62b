#!/usr/bin/env bash
# The production topology on this machine: nginx -> N daphne workers -> PostgreSQL + Redis, plus the
# django-tasks db_worker, all supervised by supervisord. See docs/deployment.md.
#
#   deploy/run_production.sh            prepare, then run in the foreground (Ctrl-C stops everything)
#   deploy/run_production.sh --prepare  only prepare (database, migrations, static files, configs)
#
# Settings come from the environment (defaults below). Runtime files go to $RUN_DIR (gitignored), with the
# generated SECRET_KEY in $RUN_DIR/secret_key (mode 600).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${BIN:-$ROOT/.venv/bin}
export RUN_DIR=${RUN_DIR:-$ROOT/var/production}
HTTP_PORT=${HTTP_PORT:-8080}
WORKERS=${WORKERS:-2}
WORKER_BASE_PORT=${WORKER_BASE_PORT:-8101}
TASK_WORKERS=${TASK_WORKERS:-1}
NGINX=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

export DJANGO_SETTINGS_MODULE=lms.settings.production
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/vpacademie}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export REDIS_PREFIX=${REDIS_PREFIX:-vpacademie}
# Locally there is no TLS in front: no redirect to https (the production default is on).
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-false}
export ALLOWED_HOSTS=${ALLOWED_HOSTS:-localhost,127.0.0.1,[::1]}
export BASE_URL=${BASE_URL:-http://localhost:$HTTP_PORT}
export MEDIA_ROOT=${MEDIA_ROOT:-$ROOT/media}
export LOG_LEVEL=${LOG_LEVEL:-INFO}
export PYTHONPATH=$ROOT

[ -x "$NGINX" ] || { echo "nginx ontbreekt: apt-get install nginx (make run-production doet dat als root)." >&2; exit 1; }
mkdir -p "$RUN_DIR/log" "$RUN_DIR/nginx" "$MEDIA_ROOT"

if [ ! -s "$RUN_DIR/secret_key" ]; then
  (umask 077 && "$BIN/python" -c 'import secrets; print(secrets.token_urlsafe(64))' > "$RUN_DIR/secret_key")
fi
SECRET_KEY=$(cat "$RUN_DIR/secret_key")
export SECRET_KEY

# The database, if it is not there yet (the local PostgreSQL trusts local connections).
DB_NAME=${DATABASE_URL##*/}
ADMIN_URL=${DATABASE_URL%/*}/postgres
if ! psql "$ADMIN_URL" -tAc "select 1 from pg_database where datname = '$DB_NAME'" | grep -q 1; then
  psql "$ADMIN_URL" -qc "create database \"$DB_NAME\""
fi
redis-cli -u "$REDIS_URL" ping >/dev/null || { echo "Redis is niet bereikbaar op $REDIS_URL" >&2; exit 1; }

cd "$ROOT"
"$BIN/python" manage.py migrate --noinput -v 0
"$BIN/python" manage.py collectstatic --noinput -v 0

# nginx: one upstream server per worker.
UPSTREAM=""
PROGRAMS=""
for n in $(seq 1 "$WORKERS"); do
  UPSTREAM+="    server 127.0.0.1:$((WORKER_BASE_PORT + n - 1)) max_fails=0;"$'\n'
  PROGRAMS+="${PROGRAMS:+,}web-$n"
done
# Tests add a header naming the worker that served a request (never in a real deployment).
export EXTRA_PROXY_CONFIG=${EXTRA_PROXY_CONFIG:-}
export UPSTREAM HTTP_PORT ROOT
"$BIN/python" - "$ROOT/deploy/nginx.conf.template" "$RUN_DIR/nginx.conf" <<'PY'
import os, string, sys
template = string.Template(open(sys.argv[1]).read().replace("$", "$$").replace("@{", "${"))
open(sys.argv[2], "w").write(template.substitute(os.environ))
PY
"$NGINX" -t -q -c "$RUN_DIR/nginx.conf" -p "$RUN_DIR/nginx"

# supervisord: nginx, the daphne workers and the task workers.
{
  cat <<CONF
[supervisord]
nodaemon=true
logfile=$RUN_DIR/log/supervisord.log
pidfile=$RUN_DIR/supervisord.pid

[unix_http_server]
file=$RUN_DIR/supervisor.sock

[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface

[supervisorctl]
serverurl=unix://$RUN_DIR/supervisor.sock

[program:nginx]
command=$NGINX -c $RUN_DIR/nginx.conf -p $RUN_DIR/nginx -g "daemon off;"
stopsignal=QUIT
stdout_logfile=$RUN_DIR/log/nginx.log
redirect_stderr=true

[group:web]
programs=$PROGRAMS

[program:tasks]
command=$BIN/python manage.py db_worker --backend intervisie --queue-name * --no-reload
process_name=tasks-%(process_num)d
numprocs=$TASK_WORKERS
directory=$ROOT
stopsignal=TERM
stopwaitsecs=30
stdout_logfile=$RUN_DIR/log/tasks-%(process_num)d.log
redirect_stderr=true
CONF
  for n in $(seq 1 "$WORKERS"); do
    cat <<CONF

[program:web-$n]
command=$BIN/daphne -v 0 --proxy-headers -e tcp:port=$((WORKER_BASE_PORT + n - 1)):interface=127.0.0.1:backlog=1024 --websocket_timeout 86400 --websocket_connect_timeout 30 --application-close-timeout 10 lms.asgi:application
directory=$ROOT
stopsignal=TERM
stopwaitsecs=30
stdout_logfile=$RUN_DIR/log/web-$n.log
redirect_stderr=true
CONF
  done
} > "$RUN_DIR/supervisord.conf"

[ "${1:-}" = "--prepare" ] && exit 0
echo "VP-Academie (productie-opzet) op http://localhost:$HTTP_PORT: nginx, $WORKERS daphne-workers, $TASK_WORKERS taakworker(s)."
echo "Beheer: $BIN/supervisorctl -c $RUN_DIR/supervisord.conf status"
exec "$BIN/supervisord" -c "$RUN_DIR/supervisord.conf"
