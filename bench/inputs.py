#!/usr/bin/env python3
"""Writes the AdmissionReview bodies bench/run sends (and the JMH benchmark reads) into a directory.

    python3 bench/inputs.py target/bench/inputs

Every body is built from checked-in sources, the same on every run (python3 standard library only):
  - the Bitnami StatefulSet mastodon-redis-master of chart redis 19.6.4 (fixtures/bitnami-redis/redis-19.6.4-
    replication.yaml), as JSON in the golden review src/test/resources/reviews/denied-one-way/request.json (its
    oldObject, converted from the YAML by that folder's make-request.sh): no YAML reader is needed here;
  - the pending-upgrade Helm release of src/test/resources/fixtures/helm-release/mastodon-redis-19.v2.release.json.
The StatefulSet is given what kube-apiserver adds before a webhook sees it: defaulted fields, uid/resourceVersion/
generation, status, and metadata.managedFields in the shape server-side apply writes them (f: and k: keys mirroring
the spec; Helm 4 applies with manager "helm", kube-controller-manager updates the status subresource).

It also writes rows.tsv, one line per body: name, file, path it is sent to, and the verdict it must get
(allowed/denied), which bench/run checks once before it measures anything.
"""
import base64
import copy
import gzip
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BITNAMI_REVIEW = ROOT / "src/test/resources/reviews/denied-one-way/request.json"
RELEASE = ROOT / "src/test/resources/fixtures/helm-release/mastodon-redis-19.v2.release.json"
IMAGE_BEFORE = "docker.io/bitnami/redis:7.2.5-debian-12-r4"
# A rebuild of the same Redis release: the same RDB format, so the UPDATE is judged and allowed.
IMAGE_AFTER = "docker.io/bitnami/redis:7.2.5-debian-12-r5"
# Lists whose items server-side apply tells apart by these keys (k:{...} in fieldsV1); other lists are atomic.
LIST_KEYS = {"containers": ("name",), "initContainers": ("name",), "env": ("name",), "volumes": ("name",),
             "volumeMounts": ("mountPath",), "ports": ("containerPort", "protocol")}
COMPACT = {"separators": (",", ":")}


def main(out):
    out.mkdir(parents=True, exist_ok=True)
    master = json.loads(BITNAMI_REVIEW.read_text())["request"]["oldObject"]
    assert master["spec"]["template"]["spec"]["containers"][0]["image"] == IMAGE_BEFORE, "the golden review changed"
    live = as_served(master)
    rows = []

    def write(name, review, path="/validate", verdict="allowed"):
        (out / f"{name}.json").write_text(json.dumps(review, **COMPACT))
        rows.append((name, f"{name}.json", path, verdict))

    update = update_review("update-bitnami", live, with_image(live, IMAGE_AFTER))
    rows.append(("floor", "update-bitnami.json", "/bench/floor", "allowed"))
    write("update-bitnami", update)
    write("update-bitnami-unjudged", unjudged(update))
    write("create-small", create_review("create-small", small_statefulset()))
    write("object-1mib", update_review("object-1mib", *padded_pair(live, 1_000_000)))
    many = with_containers(live, 50)
    write("containers-50", update_review("containers-50", many, with_image(many, IMAGE_AFTER)))
    release = json.loads(RELEASE.read_text())
    for workloads in (1, 20, 100):
        write(f"helm-release-{workloads}", release_review(f"helm-release-{workloads}", release, workloads))
    (out / "rows.tsv").write_text("".join("\t".join(row) + "\n" for row in rows))
    for name, file, path, verdict in rows:
        print(f"{file:32} {(out / file).stat().st_size:>9} bytes  {path:13} {verdict}")


def as_served(rendered):
    """The StatefulSet as kube-apiserver stores it after Helm applied it and the controller rolled it out."""
    workload = copy.deepcopy(rendered)
    metadata = workload["metadata"]
    metadata.setdefault("annotations", {}).update({"meta.helm.sh/release-name": "mastodon",
                                                   "meta.helm.sh/release-namespace": "mastodon"})
    spec = workload["spec"]
    spec.setdefault("podManagementPolicy", "OrderedReady")
    spec.setdefault("persistentVolumeClaimRetentionPolicy", {"whenDeleted": "Retain", "whenScaled": "Retain"})
    spec["updateStrategy"].setdefault("rollingUpdate", {"partition": 0})
    pod = spec["template"]["spec"]
    pod.setdefault("dnsPolicy", "ClusterFirst")
    pod.setdefault("restartPolicy", "Always")
    pod.setdefault("schedulerName", "default-scheduler")
    pod.setdefault("terminationGracePeriodSeconds", 30)
    for container in pod.get("containers", []) + pod.get("initContainers", []):
        container.setdefault("imagePullPolicy", "IfNotPresent")
        container.setdefault("terminationMessagePath", "/dev/termination-log")
        container.setdefault("terminationMessagePolicy", "File")
        for port in container.get("ports", []):
            port.setdefault("protocol", "TCP")
        for probe in (container.get(p) for p in ("livenessProbe", "readinessProbe", "startupProbe")):
            if probe:
                for field, default in (("periodSeconds", 10), ("successThreshold", 1), ("failureThreshold", 3),
                                       ("timeoutSeconds", 1)):
                    probe.setdefault(field, default)
    for claim in spec.get("volumeClaimTemplates", []):
        claim.setdefault("apiVersion", "v1")
        claim.setdefault("kind", "PersistentVolumeClaim")
        claim["spec"].setdefault("volumeMode", "Filesystem")
        claim["status"] = {"phase": "Pending"}
    revision = "mastodon-redis-master-5d8c9f7b64"
    workload["status"] = {"availableReplicas": 1, "collisionCount": 0, "currentReplicas": 1, "currentRevision": revision,
                          "observedGeneration": 3, "readyReplicas": 1, "replicas": 1, "updateRevision": revision,
                          "updatedReplicas": 1}
    metadata.update({"uid": "3b1f0c52-8f0e-4d7a-9a55-6c1e2f0d9a41", "resourceVersion": "48213377", "generation": 3,
                     "creationTimestamp": "2026-11-25T19:40:31Z"})
    return with_managed_fields(workload)


def with_managed_fields(workload):
    applied = {key: workload[key] for key in ("metadata", "spec")}
    applied["metadata"] = {key: workload["metadata"][key] for key in ("labels", "annotations")}
    workload["metadata"]["managedFields"] = [
        {"manager": "helm", "operation": "Apply", "apiVersion": "apps/v1", "time": "2026-11-25T19:51:44Z",
         "fieldsType": "FieldsV1", "fieldsV1": fields_v1(applied)},
        {"manager": "kube-controller-manager", "operation": "Update", "apiVersion": "apps/v1",
         "time": "2026-11-25T19:52:10Z", "fieldsType": "FieldsV1",
         "fieldsV1": {"f:status": {key: {} for key in (f"f:{field}" for field in workload["status"])}},
         "subresource": "status"},
    ]
    return workload


def fields_v1(value):
    """The fields an applied value sets, as structured-merge-diff writes them: f:<field>, k:{<keys>} for keyed list items."""
    if not isinstance(value, dict):
        return {}
    fields = {}
    for key, item in value.items():
        if isinstance(item, list) and key in LIST_KEYS and all(isinstance(element, dict) for element in item):
            fields[f"f:{key}"] = {"k:" + json.dumps({k: element[k] for k in LIST_KEYS[key]}, **COMPACT):
                                  {".": {}, **fields_v1(element)} for element in item}
        else:
            fields[f"f:{key}"] = fields_v1(item)
    return fields


def with_image(workload, image):
    changed = copy.deepcopy(workload)
    changed["spec"]["template"]["spec"]["containers"][0]["image"] = image
    changed["metadata"]["generation"] += 1
    return changed


def with_containers(workload, count):
    """The Bitnami pod with its redis container repeated to `count` containers, each on its own port."""
    many = copy.deepcopy(workload)
    pod = many["spec"]["template"]["spec"]
    redis = pod["containers"][0]
    pod["containers"] = [redis]
    for index in range(1, count):
        sidecar = copy.deepcopy(redis)
        sidecar["name"] = f"redis-{index:02d}"
        sidecar["ports"] = [{"name": f"redis-{index:02d}", "containerPort": 6379 + index, "protocol": "TCP"}]
        pod["containers"].append(sidecar)
    return with_managed_fields(many)


def padded_pair(workload, body_bytes):
    """Old and new object with environment values that make the whole review about body_bytes long."""
    def padded(source, each):
        big = copy.deepcopy(source)
        big["spec"]["template"]["spec"]["containers"][0].setdefault("env", []).extend(
            {"name": f"BENCH_PADDING_{index:03d}", "value": ("0123456789abcdef" * 160)[:2500]} for index in range(each))
        return with_managed_fields(big)
    entry = len(json.dumps({"name": "BENCH_PADDING_000", "value": "x" * 2500}, **COMPACT)) + 50  # and its managedFields
    each = (body_bytes - 2 * len(json.dumps(workload, **COMPACT))) // (2 * entry)
    old = padded(workload, each)
    return old, with_image(old, IMAGE_AFTER)


def small_statefulset():
    ready = {"exec": {"command": ["sh", "-c", '[ "$(redis-cli -p 6379 ping)" = PONG ]']}}
    alive = {"exec": {"command": ["redis-cli", "-p", "6379", "ping"]}}
    return {"apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": {"name": "cache", "namespace": "shop", "labels": {"app": "cache"}},
            "spec": {"replicas": 1, "serviceName": "cache", "selector": {"matchLabels": {"app": "cache"}},
                     "template": {"metadata": {"labels": {"app": "cache"}},
                                  "spec": {"containers": [{"name": "redis", "image": IMAGE_BEFORE,
                                                           "ports": [{"name": "redis", "containerPort": 6379}],
                                                           "readinessProbe": ready, "livenessProbe": alive}]}}}}


def envelope(uid, kind, resource, name, namespace, operation, new, old=None):
    group, version = kind["group"], kind["version"]
    request = {"uid": uid, "kind": kind, "resource": {"group": group, "version": version, "resource": resource},
               "requestKind": kind, "requestResource": {"group": group, "version": version, "resource": resource},
               "name": name, "namespace": namespace, "operation": operation,
               "userInfo": {"username": "alice@example.com", "groups": ["platform", "system:authenticated"]},
               "object": new}
    if old is not None:
        request["oldObject"] = old
    request["dryRun"] = False
    request["options"] = {"kind": f"{operation.title()}Options", "apiVersion": "meta.k8s.io/v1", "fieldManager": "helm"}
    return {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": request}


STATEFUL_SET = {"group": "apps", "version": "v1", "kind": "StatefulSet"}


def update_review(uid, old, new):
    return envelope(uid, STATEFUL_SET, "statefulsets", new["metadata"]["name"], new["metadata"]["namespace"], "UPDATE",
                    new, old)


def create_review(uid, new):
    return envelope(uid, STATEFUL_SET, "statefulsets", new["metadata"]["name"], new["metadata"]["namespace"], "CREATE",
                    new)


def unjudged(review):
    """The same review, but of a kind rdb-guard does not judge: apps/v1 ControllerRevision (kube/JudgedKind)."""
    other = copy.deepcopy(review)
    request = other["request"]
    request["uid"] = "update-bitnami-unjudged"
    for field in ("kind", "requestKind"):
        request[field] = {"group": "apps", "version": "v1", "kind": "ControllerRevision"}
    for field in ("resource", "requestResource"):
        request[field]["resource"] = "controllerrevisions"
    for field in ("object", "oldObject"):
        request[field]["kind"] = "ControllerRevision"
    return other


def release_review(uid, release, workloads):
    """A CREATE of the pending-upgrade release record whose manifest holds `workloads` Redis StatefulSets."""
    documents = release["manifest"].split("\n---\n")
    statefulsets = [doc for doc in documents if "\nkind: StatefulSet\n" in doc]
    others = [doc for doc in documents if doc not in statefulsets]
    manifest = others + [renamed(statefulsets[index % len(statefulsets)], index, workloads) for index in range(workloads)]
    record = dict(release, manifest="\n---\n".join(manifest))
    helm_encoded = base64.b64encode(gzip.compress(json.dumps(record, **COMPACT).encode(), mtime=0))
    name = f"sh.helm.release.v1.{release['name']}.v{release['version']}"
    secret = {"apiVersion": "v1", "kind": "Secret", "type": "helm.sh/release.v1",
              "metadata": {"name": name, "namespace": release["namespace"],
                           "labels": {"createdAt": "1795636303", "name": release["name"], "owner": "helm",
                                      "status": "pending-upgrade", "version": str(release["version"])}},
              "data": {"release": base64.b64encode(helm_encoded).decode()}}
    return envelope(uid, {"group": "", "version": "v1", "kind": "Secret"}, "secrets", name, release["namespace"], "CREATE",
                    secret)


def renamed(document, index, count):
    """A StatefulSet document of the manifest under a name of its own (metadata.name is the first 2-space name:)."""
    if count == 1:
        return document
    head, name, tail = document.partition("\n  name: ")
    original, _, rest = tail.partition("\n")
    return f"{head}{name}{original}-{index:03d}\n{rest}"


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: bench/inputs.py OUTPUT-DIRECTORY")
    main(pathlib.Path(sys.argv[1]))
