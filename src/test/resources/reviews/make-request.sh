#!/usr/bin/env bash
# Makes a golden AdmissionReview request from a rendered chart, as kube-apiserver would send it.
# Needs yq (the jq wrapper) and jq. Run from this folder; the fixtures are ../fixtures.
#   make-request.sh CASE FIXTURE STATEFULSET OPERATION DRYRUN [JQ-EDIT-OF-THE-NEW-OBJECT]
# e.g. make-request.sh denied-one-way bitnami-redis/redis-19.6.4-replication.yaml mastodon-redis-master UPDATE false \
#        '.spec.template.spec.containers[0].image = "docker.io/bitnami/redis:7.4.3-debian-12-r0"'
set -euo pipefail
case_name=$1 fixture=$2 name=$3 operation=$4 dry_run=$5 edit=${6:-.}
old=$(yq -c --arg n "$name" 'select(.kind == "StatefulSet" and .metadata.name == $n)' "../fixtures/$fixture")
new=$(jq -c "$edit" <<<"$old")
mkdir -p "$case_name"
jq -n --argjson old "$old" --argjson new "$new" --arg op "$operation" --argjson dry "$dry_run" --arg uid "$case_name-0001" '{
  apiVersion: "admission.k8s.io/v1", kind: "AdmissionReview",
  request: {
    uid: $uid,
    kind: {group: "apps", version: "v1", kind: "StatefulSet"},
    resource: {group: "apps", version: "v1", resource: "statefulsets"},
    requestKind: {group: "apps", version: "v1", kind: "StatefulSet"},
    requestResource: {group: "apps", version: "v1", resource: "statefulsets"},
    name: $new.metadata.name, namespace: $new.metadata.namespace, operation: $op,
    userInfo: {username: "alice@example.com", groups: ["platform", "system:authenticated"]},
    object: $new,
    oldObject: (if $op == "UPDATE" then $old else null end),
    dryRun: $dry,
    options: {kind: (if $op == "UPDATE" then "UpdateOptions" else "CreateOptions" end), apiVersion: "meta.k8s.io/v1"}
  }}' > "$case_name/request.json"
echo "wrote $case_name/request.json"
