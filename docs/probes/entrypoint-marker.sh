#!/bin/sh
# rdb-guard entrypoint marker: run the container's configuration steps and, only when every one of them
# succeeded, write the marker that the readiness probe requires; then replace this shell with the server.
#
#   usage: entrypoint-marker.sh STEP... -- SERVER_COMMAND [ARG...]
#   e.g.   entrypoint-marker.sh /scripts/render-config.sh /scripts/check-acl.sh -- redis-server /data/conf/redis.conf
#
# Why: a server whose configuration scripts failed still answers PONG (the post-mortem behind rdb-guard).
# The marker lives in /tmp, which starts empty with every container start, and is removed first anyway,
# so it always speaks about THIS start, never a previous one.
set -eu

marker=/tmp/.rdb-guard-configured
rm -f "$marker"

while [ "$#" -gt 0 ] && [ "$1" != "--" ]; do
  echo "rdb-guard: configuration step $1"
  "$1"    # set -e: a failing step stops the container here, before the marker exists
  shift
done
if [ "$#" -lt 2 ]; then
  echo "usage: $0 STEP... -- SERVER_COMMAND [ARG...]" >&2
  exit 64
fi
shift

touch "$marker"
exec "$@"
