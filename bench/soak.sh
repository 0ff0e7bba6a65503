#!/usr/bin/env bash
# Bounded loopback soak of the packaged jar with the production JVM flags (not part of mvn verify).
#
#   ./mvnw -B -ntp package -DskipTests && bench/soak.sh            # 60 s
#   SOAK_SECONDS=300 bench/soak.sh                              # longer
#
# Starts target/quarkus-app/quarkus-run.jar with Dockerfile.jvm's JAVA_OPTS and -XX:MaxRAM=384m (the pod's memory
# limit), on 127.0.0.1 only, with certificates from certs/generate.sh in a temporary directory. Then, for SOAK_SECONDS,
# h2load (Debian package nghttp2-client) sends over HTTP/2 at the same time:
#   - realistic reviews: every src/test/resources/reviews/*/request.json, one load generator each;
#   - oversized reviews: the denied-one-way review with object and old object padded to 3.2 MiB each (near the
#     7 MiB body limit); each must be answered: 200, or under load a Status (429 for rdb-guard.max-in-flight-bytes,
#     408 if the machine is too busy to receive it within rdb-guard.request-timeout);
#   - Helm release records: the pending-upgrade release of src/test/resources/fixtures/helm-release. There is no
#     cluster: the Kubernetes client points at a closed loopback port without retries, so each workload's lookup fails
#     at once and it is judged as new, with a warning (rdb-guard.helm.on-lookup-failure=allow).
# It reports requests, errors and the JVM's RSS at start and end, stops the jar with SIGTERM, and exits 1 if any
# realistic or Helm review was not answered 200, or an oversized one was not answered at all. SOAK_KEEP=1 keeps the
# temporary directory (jar log, h2load output).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${SOAK_SECONDS:-60}"
jar=target/quarkus-app/quarkus-run.jar
[[ "$seconds" =~ ^[1-9][0-9]*$ ]] || { echo "soak.sh: SOAK_SECONDS='$seconds' is not a positive whole number" >&2; exit 2; }
[[ -f "$jar" ]] || { echo "soak.sh: $jar is missing; run: ./mvnw -B -ntp package -DskipTests" >&2; exit 2; }
command -v h2load >/dev/null || { echo "soak.sh: h2load is not on PATH; install it: apt-get install nghttp2-client" >&2; exit 2; }
command -v python3 >/dev/null || { echo "soak.sh: python3 is needed to build the review bodies" >&2; exit 2; }

work="$(mktemp -d)"
pid=""
cleanup() {
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; fi
  [[ -n "${SOAK_KEEP:-}" ]] || rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
rss_mib() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$pid/status"; }

bash certs/generate.sh --out "$work/certs" >/dev/null 2>&1
https_port="$(free_port)"
management_port="$(free_port)"
# The container's JVM command line: JAVA_OPTS of Dockerfile.jvm, read here rather than copied.
java_opts="$(sed -n 's/^ENV JAVA_OPTS="\(.*\)"$/\1/p' src/main/docker/Dockerfile.jvm)"
[[ -n "$java_opts" ]] || { echo "soak.sh: no ENV JAVA_OPTS line in src/main/docker/Dockerfile.jvm" >&2; exit 2; }
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
java $java_opts -XX:MaxRAM=384m \
  -Dquarkus.http.host=127.0.0.1 -Dquarkus.management.host=127.0.0.1 \
  -Dquarkus.http.ssl-port="$https_port" -Dquarkus.management.port="$management_port" \
  -Dvertx.cacheDirBase="$work/vertx-cache" -Drdb-guard.tls-dir="$work/certs" \
  -Dquarkus.log.category.\"io.rdbguard.decisions\".level=WARN \
  -Dkubernetes.master=https://127.0.0.1:9 -Dkubernetes.request.retry.backoffLimit=0 \
  -jar "$jar" >"$work/jar.log" 2>&1 &
pid=$!

started=$(date +%s%N)
until curl -sf "http://127.0.0.1:$management_port/q/health/ready" >/dev/null; do
  kill -0 "$pid" 2>/dev/null || { echo "soak.sh: the jar exited:" >&2; cat "$work/jar.log" >&2; exit 1; }
  sleep 0.1
done
ready_ms=$(( ($(date +%s%N) - started) / 1000000 ))
rss_start="$(rss_mib)"

python3 - "$work" <<'PY'
import base64, json, pathlib, sys, uuid
work = pathlib.Path(sys.argv[1])
review = json.loads(pathlib.Path("src/test/resources/reviews/denied-one-way/request.json").read_text())
for field in ("object", "oldObject"):
    review["request"][field]["metadata"].setdefault("annotations", {})["example.com/padding"] = "x" * 3_300_000
(work / "oversized.json").write_text(json.dumps(review))
secret = pathlib.Path("src/test/resources/fixtures/helm-release/mastodon-redis-19.v2.secret.yaml").read_text()
release = next(line.split(":", 1)[1].strip() for line in secret.splitlines() if line.strip().startswith("release:"))
record = {"apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1",
          "metadata": {"name": "sh.helm.release.v1.mastodon.v2", "namespace": "mastodon",
                       "labels": {"name": "mastodon", "owner": "helm", "status": "pending-upgrade", "version": "2"}},
          "data": {"release": release}}
helm = {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {
    "uid": str(uuid.uuid4()), "kind": {"group": "", "version": "v1", "kind": "Secret"},
    "resource": {"group": "", "version": "v1", "resource": "secrets"}, "name": record["metadata"]["name"],
    "namespace": "mastodon", "operation": "CREATE", "userInfo": {"username": "helm-user"},
    "object": record, "dryRun": False}}
(work / "helm.json").write_text(json.dumps(helm))
PY

load() { # name body clients
  h2load -D "$seconds" -c "$3" -m 1 -d "$2" -H 'Content-Type: application/json' \
    "https://127.0.0.1:$https_port/validate" >"$work/$1.out" 2>&1 || true
}
names=()
for request in src/test/resources/reviews/*/request.json; do
  name="realistic-$(basename "$(dirname "$request")")"
  names+=("$name"); load "$name" "$request" 1 &
done
names+=(helm-release); load helm-release "$work/helm.json" 1 &
names+=(oversized); load oversized "$work/oversized.json" 2 &
wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
kill -0 "$pid" 2>/dev/null || { echo "soak.sh: the jar died during the soak:" >&2; tail -20 "$work/jar.log" >&2; exit 1; }
rss_end="$(rss_mib)"

status=0
printf '%-44s %9s %9s %9s %9s\n' load requests 2xx 4xx unanswered
for name in "${names[@]}"; do
  out="$work/$name.out"
  done_=$(sed -n 's/^requests: .* \([0-9]*\) done.*/\1/p' "$out")
  ok=$(sed -n 's/^status codes: \([0-9]*\) 2xx.*/\1/p' "$out")
  four=$(sed -n 's/^status codes: .* \([0-9]*\) 4xx.*/\1/p' "$out")
  # h2load counts non-2xx answers as "failed"; "errored" and "timeout" are requests that got no answer at all.
  failed=$(sed -n 's/^requests: .* \([0-9]*\) errored, \([0-9]*\) timeout.*/\1/p' "$out")
  timeouts=$(sed -n 's/^requests: .* \([0-9]*\) timeout.*/\1/p' "$out")
  failed=$(( ${failed:-0} + ${timeouts:-0} ))
  printf '%-44s %9s %9s %9s %9s\n' "$name" "${done_:-?}" "${ok:-?}" "${four:-?}" "${failed:-?}"
  if [[ -z "$done_" || -z "$ok" ]]; then
    echo "  h2load said:" && sed 's/^/  /' "$out"; status=1
  elif [[ "$name" == oversized ]]; then
    [[ "$failed" == 0 && "$done_" != 0 ]] || status=1   # a Status (4xx) is an answer
  elif [[ "$ok" != "$done_" || "$failed" != 0 || "$done_" == 0 ]]; then  # valid reviews: every one a 200
    status=1
  fi
done
echo "ready after ${ready_ms} ms; RSS at start ${rss_start} MiB, at end ${rss_end} MiB (limit 384 MiB); soak ${seconds} s"
kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; pid=""
[[ "$status" == 0 ]] && echo "soak passed" || echo "soak FAILED: see the table above" >&2
exit "$status"
