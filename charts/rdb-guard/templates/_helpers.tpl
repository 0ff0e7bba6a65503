{{/* The chart's name, or nameOverride. */}}
{{- define "rdb-guard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Object names: fullnameOverride, the release name when it contains the chart's name, or <release>-<name>. */}}
{{- define "rdb-guard.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := include "rdb-guard.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Labels of every object. The pods get only the selector labels: Helm's managed-by label in a pod template
     would make every ReplicaSet look Helm-managed. */}}
{{- define "rdb-guard.labels" -}}
app.kubernetes.io/name: {{ include "rdb-guard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{/* What selects the webhook pods (Deployment, Service, PDB, NetworkPolicy, spreading). */}}
{{- define "rdb-guard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "rdb-guard.name" . }}
app.kubernetes.io/component: webhook
{{- end }}

{{- define "rdb-guard.tlsSecretName" -}}
{{- if and (eq .Values.certificates.source "secret") .Values.certificates.secret.name }}
{{- .Values.certificates.secret.name }}
{{- else }}
{{- include "rdb-guard.fullname" . }}-tls
{{- end }}
{{- end }}

{{- define "rdb-guard.image" -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion }}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}
{{- end }}

{{/* The host kube-apiserver calls: the Service's DNS name. */}}
{{- define "rdb-guard.serviceHost" -}}
{{- printf "%s.%s.svc" (include "rdb-guard.fullname" .) .Release.Namespace }}
{{- end }}

{{/*
The checks rdb-guard has, in report order, each with the title the policy file shows above its mode (the check
descriptors' titles; ChartTest holds this list to core.registry.CheckRegistry).
*/}}
{{- define "rdb-guard.checks" -}}
- id: rdb-unreadable
  title: the new image (every release a floating reference may run) cannot read the snapshot format on disk
- id: rdb-one-way
  title: the new image writes a snapshot format the old image cannot read, or rdb-guard cannot prove it does not (floating tag, digest only, unknown version or image, adopted volumes of unknown format)
- id: image-unpinned
  title: a datastore image whose reference does not pin a release (latest, 7, 7.2, alpine, Bitnami 7.2-debian-12, digest only)
- id: probe-depth
  title: a probe is missing or shallower than the minimum for its kind and container role, or a liveness probe is deeper than its maximum
{{- end }}

{{/* Refuse values rdb-guard would refuse later, with what to write instead (values.schema.json refuses unknown keys
     and values outside a fixed set). */}}
{{- define "rdb-guard.validate" -}}
{{- $known := list }}
{{- range (include "rdb-guard.checks" . | fromYamlArray) }}{{ $known = append $known .id }}{{ end }}
{{- range $id, $mode := .Values.policy.modes }}
{{- if not (has $id $known) }}
{{- fail (printf "policy.modes.%s: unknown check id; known check ids: %s" $id (join ", " $known)) }}
{{- end }}
{{- if eq (kindOf $mode) "bool" }}
{{- fail (printf "policy.modes.%s: %v is not a mode; write \"off\" in quotes (unquoted, YAML reads off as false)" $id $mode) }}
{{- else if not (has (toString $mode) (list "enforce" "warn" "audit" "off")) }}
{{- fail (printf "policy.modes.%s: '%v' is not a mode; use one of enforce, warn, audit, off" $id $mode) }}
{{- end }}
{{- end }}
{{- if lt (int .Values.replicas) 2 }}
{{- fail (printf "replicas: %v leaves one pod to answer every StatefulSet change (failurePolicy Fail); use at least 2" .Values.replicas) }}
{{- end }}
{{- end }}

{{/*
The chart-made TLS material (certificates.source helm), base64: ca, crt, key, and bundle (the caBundle). Made once at
install and read back with lookup on every upgrade, so that neither the certificate nor the caBundle changes; made
anew with certificates.helm.renew, when the bundle trusts the old CA too until the next upgrade. `helm template`
cannot look up, so each of its renders makes new material. Include it once per render: each call makes a new CA.
*/}}
{{- define "rdb-guard.helmTls" -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "rdb-guard.tlsSecretName" .) }}
{{- $stored := (($existing | default dict).data | default dict) }}
{{- if and (index $stored "ca.crt") (index $stored "tls.crt") (index $stored "tls.key") (not .Values.certificates.helm.renew) }}
ca: {{ index $stored "ca.crt" }}
crt: {{ index $stored "tls.crt" }}
key: {{ index $stored "tls.key" }}
bundle: {{ index $stored "ca.crt" }}
{{- else }}
{{- $host := include "rdb-guard.serviceHost" . }}
{{- $days := int .Values.certificates.helm.validityDays }}
{{- $ca := genCA (printf "%s webhook CA" (include "rdb-guard.fullname" .)) $days }}
{{- $cert := genSignedCert $host nil (list $host (printf "%s.cluster.local" $host)) $days $ca }}
ca: {{ $ca.Cert | b64enc }}
crt: {{ $cert.Cert | b64enc }}
key: {{ $cert.Key | b64enc }}
bundle: {{ print $ca.Cert (index $stored "ca.crt" | default "" | b64dec) | b64enc }}
{{- end }}
{{- end }}

{{/* What every webhook entry shares: the call, its limits and the namespaces it never reviews. */}}
{{- define "rdb-guard.webhookEntry" -}}
admissionReviewVersions: [v1]
# rdb-guard only reads the request, so dry-run requests (kubectl apply --dry-run=server) reach it too.
sideEffects: None
timeoutSeconds: {{ .entry.timeoutSeconds }}
# Also review the same resource sent through any other API version.
matchPolicy: Equivalent
failurePolicy: {{ .entry.failurePolicy }}
# Never its own namespace (a broken webhook must never block its own repair), nor the excluded ones, nor a namespace
# labelled rdb-guard.io/ignore=true.
namespaceSelector:
  matchExpressions:
    - key: kubernetes.io/metadata.name
      operator: NotIn
      values: {{ prepend .root.Values.webhook.excludedNamespaces .root.Release.Namespace | uniq | toJson }}
    - key: rdb-guard.io/ignore
      operator: NotIn
      values: ["true"]
clientConfig:
  service:
    namespace: {{ .root.Release.Namespace }}
    name: {{ include "rdb-guard.fullname" .root }}
    path: /validate
    port: 443
  {{- with .caBundle }}
  caBundle: {{ . }}
  {{- end }}
{{- end }}
