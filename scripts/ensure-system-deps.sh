#!/usr/bin/env bash
# Installs and starts the real components the tests use: PostgreSQL (running), OpenLDAP's slapd and
# ldap-utils, Samba as an Active Directory domain controller (samba, its provisioning files and
# ldb-tools, its VFS modules), and Debian's Chromium. As root it uses apt-get; otherwise it says what to install.
set -euo pipefail

missing=()
command -v slapd >/dev/null 2>&1 || [ -x /usr/sbin/slapd ] || missing+=(slapd)
command -v ldapwhoami >/dev/null 2>&1 || missing+=(ldap-utils)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/samba ] || missing+=(samba)
[ -d /usr/share/samba/setup/ad-schema ] || missing+=(samba-ad-provision)
dpkg -s samba-dsdb-modules >/dev/null 2>&1 || missing+=(samba-dsdb-modules)
# Provisioning sets the sysvol ACLs through the acl_xattr VFS module (only recommended by samba).
[ -e /usr/lib/x86_64-linux-gnu/samba/vfs/acl_xattr.so ] || dpkg -s samba-vfs-modules >/dev/null 2>&1 || missing+=(samba-vfs-modules)
command -v ldbadd >/dev/null 2>&1 || missing+=(ldb-tools)
command -v psql >/dev/null 2>&1 || missing+=(postgresql)
command -v pg_dump >/dev/null 2>&1 || missing+=(postgresql-client)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing test components: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null || {
      apt-get update >/dev/null && apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
    }
  else
    echo "The tests need these Debian packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

# PostgreSQL must answer on 127.0.0.1:5432 (or TEST_POSTGRES_URL).
if [ -z "${TEST_POSTGRES_URL:-}" ] && ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v pg_ctlcluster >/dev/null 2>&1; then
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 0.5; done
  fi
  if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    echo "PostgreSQL is not running on 127.0.0.1:5432 and could not be started." >&2
    echo "Start it (pg_ctlcluster --skip-systemctl-redirect 15 main start) or set TEST_POSTGRES_URL." >&2
    exit 1
  fi
fi
echo "Test components ready: PostgreSQL, slapd $(slapd -VV 2>&1 | head -n 1 | grep -o '[0-9]\+\.[0-9]\+\.[0-9]\+' || true), samba $(/usr/sbin/samba -V 2>/dev/null | grep -o '[0-9]\+\.[0-9]\+\.[0-9]\+' | head -n 1 || true), $(/usr/bin/chromium --version 2>/dev/null | head -n 1)"
