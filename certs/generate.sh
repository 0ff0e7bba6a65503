#!/usr/bin/env bash
# Creates a private CA and an rdb-guard serving certificate (ECDSA P-256, PKCS#8 key).
# Messages go to stderr; the last line on stdout is the base64 caBundle for the webhook configuration.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: certs/generate.sh [--service NAME] [--namespace NAME] [--out DIR] [--days N] [--force]

Creates ca.crt, ca.key, tls.crt and tls.key (ECDSA P-256, PKCS#8 PEM, keys mode 600) for the
rdb-guard webhook, then prints the base64 CA bundle as the last line on stdout:

  CA_BUNDLE=$(certs/generate.sh | tail -1)

The serving certificate is valid for localhost, 127.0.0.1, ::1, <service>.<namespace>.svc and
<service>.<namespace>.svc.cluster.local.

Options:
  --service NAME    Kubernetes Service name (default: rdb-guard)
  --namespace NAME  namespace of the Service (default: rdb-guard)
  --out DIR         output directory (default: certs/dev under the repository root)
  --days N          validity of the serving certificate in days (default: 365)
  --force           replace the certificates even if the current ones are still good
  -h, --help        show this help

An existing tls.crt is kept if it is signed by ca.crt, valid for at least 7 more days and has the
requested names. An existing CA is reused when a new serving certificate is needed, so the
caBundle stays the same across renewals; --force replaces the CA too.
EOF
}

die() {
  echo "generate.sh: $*" >&2
  exit 2
}

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
service=rdb-guard
namespace=rdb-guard
out="$repo_root/certs/dev"
days=365
force=false

while [[ $# -gt 0 ]]; do
  case "$1" in
    --service) [[ $# -ge 2 ]] || die "--service needs a value"; service="$2"; shift 2 ;;
    --namespace) [[ $# -ge 2 ]] || die "--namespace needs a value"; namespace="$2"; shift 2 ;;
    --out) [[ $# -ge 2 ]] || die "--out needs a value"; out="$2"; shift 2 ;;
    --days) [[ $# -ge 2 ]] || die "--days needs a value"; days="$2"; shift 2 ;;
    --force) force=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done

# Both names end up in DNS names of the certificate, so they must be valid DNS labels.
dns_label='^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$'
[[ "$service" =~ $dns_label ]] || die "--service '$service' is not a valid DNS label (lower case letters, digits, '-')"
[[ "$namespace" =~ $dns_label ]] || die "--namespace '$namespace' is not a valid DNS label (lower case letters, digits, '-')"
[[ "$days" =~ ^[1-9][0-9]*$ ]] || die "--days '$days' is not a positive whole number"
command -v openssl >/dev/null || die "openssl is not on PATH; install it (e.g. apt-get install openssl)"

dns_names=(localhost "$service.$namespace.svc" "$service.$namespace.svc.cluster.local")
ip_addresses=(127.0.0.1 ::1)
ca_days=$((days * 10))    # the CA outlives many renewals of the serving certificate
renew_margin=$((7 * 86400))

# Subject alternative names of a certificate, one per line, as openssl prints them ("DNS:x", "IP Address:y").
sans_of() {
  openssl x509 -in "$1" -noout -text |
    awk '/X509v3 Subject Alternative Name/ { getline; print }' |
    tr ',' '\n' | sed 's/^ *//'
}

has_requested_sans() {
  local sans name
  sans="$(sans_of "$1")"
  for name in "${dns_names[@]}"; do
    grep -qxF "DNS:$name" <<<"$sans" || return 1
  done
  grep -qxF "IP Address:127.0.0.1" <<<"$sans" || return 1
  # OpenSSL 3.0 prints ::1 in full; later versions may print it compressed.
  grep -qxE "IP Address:(::1|0:0:0:0:0:0:0:1)" <<<"$sans" || return 1
}

serving_cert_is_good() {
  [[ -f "$out/tls.crt" && -f "$out/tls.key" && -f "$out/ca.crt" ]] &&
    openssl verify -CAfile "$out/ca.crt" "$out/tls.crt" >/dev/null 2>&1 &&
    openssl x509 -in "$out/tls.crt" -noout -checkend "$renew_margin" >/dev/null &&
    has_requested_sans "$out/tls.crt"
}

ca_is_reusable() {
  [[ -f "$out/ca.crt" && -f "$out/ca.key" ]] &&
    openssl x509 -in "$out/ca.crt" -noout -checkend $((days * 86400)) >/dev/null
}

new_key() {
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -pkeyopt ec_param_enc:named_curve -out "$1" 2>/dev/null)
  chmod 600 "$1"
}

random_serial() {
  echo "0x$(openssl rand -hex 16)"
}

print_ca_bundle() {
  openssl base64 -A -in "$out/ca.crt"
  echo
}

mkdir -p "$out"
if [[ "$force" == false ]] && serving_cert_is_good; then
  echo "Kept $out/tls.crt: signed by ca.crt, valid for more than 7 days, names match (use --force to replace)." >&2
  print_ca_bundle
  exit 0
fi

work="$(mktemp -d "$out/.generate.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cat >"$work/openssl.cnf" <<EOF
[req]
distinguished_name = dn
prompt = no
[dn]
[ca]
basicConstraints = critical, CA:TRUE, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[serving]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = @sans
[sans]
EOF
for i in "${!dns_names[@]}"; do echo "DNS.$((i + 1)) = ${dns_names[$i]}" >>"$work/openssl.cnf"; done
for i in "${!ip_addresses[@]}"; do echo "IP.$((i + 1)) = ${ip_addresses[$i]}" >>"$work/openssl.cnf"; done

if [[ "$force" == false ]] && ca_is_reusable; then
  echo "Reusing the CA in $out (the caBundle does not change)." >&2
  cp -p "$out/ca.crt" "$out/ca.key" "$work/"
else
  echo "Creating a new CA valid for $ca_days days (patch the new caBundle into the webhook)." >&2
  new_key "$work/ca.key"
  openssl req -new -x509 -config "$work/openssl.cnf" -extensions ca -key "$work/ca.key" \
    -subj "/CN=rdb-guard webhook CA" -days "$ca_days" -set_serial "$(random_serial)" -out "$work/ca.crt"
fi

echo "Creating a serving certificate for ${dns_names[*]} ${ip_addresses[*]}, valid for $days days." >&2
new_key "$work/tls.key"
openssl req -new -config "$work/openssl.cnf" -key "$work/tls.key" \
  -subj "/CN=$service.$namespace.svc" -out "$work/tls.csr"
openssl x509 -req -in "$work/tls.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" \
  -set_serial "$(random_serial)" -days "$days" \
  -extfile "$work/openssl.cnf" -extensions serving -out "$work/tls.crt" 2>/dev/null
openssl verify -CAfile "$work/ca.crt" "$work/tls.crt" >/dev/null

# Move the finished set into place only now, so a failed run never leaves a mismatched pair behind.
mv -f "$work/ca.key" "$work/ca.crt" "$work/tls.key" "$work/tls.crt" "$out/"
echo "Wrote ca.crt, ca.key, tls.crt, tls.key to $out. Never commit the keys." >&2
print_ca_bundle
