#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages mxwarden's tests need on the host: Debian's Chromium (the
# e2e browser; Playwright cannot download its own here), Xvfb (a display for the app-window
# test), dig (dnsutils: an oracle for reverse names) and mmdebstrap (builds the mail lab's Debian root filesystem: Postfix, sshd, postgrey and
# rbldnsd live only inside it, never on the host). Nothing else is installed on the host.
# Idempotent: does nothing when all are present.
set -euo pipefail

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v Xvfb >/dev/null 2>&1 || need+=(xvfb)
command -v mmdebstrap >/dev/null 2>&1 || need+=(mmdebstrap)
command -v dig >/dev/null 2>&1 || need+=(dnsutils)
[ ${#need[@]} -eq 0 ] && exit 0

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "setup-host: need root (or sudo) to install: ${need[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
echo "setup-host: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
