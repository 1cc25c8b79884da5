#!/usr/bin/env bash
# Creates .venv with the pinned dependencies and makes sure Chromium is there for the browser
# tests. Idempotent: `make run` and `make test` call it every time, it only works when needed.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
  # Django 6 needs Python 3.12 or newer; Debian 12 ships 3.11, so look for pyenv builds too.
  local candidate
  for candidate in "${PYTHON:-}" python3.14 python3.13 python3.12 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 \
      && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3; do
    if [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  return 1
}

stamp=.venv/.installed-$(cat requirements.txt requirements-dev.txt requirements-ldap.txt | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  if ! python=$(find_python); then
    echo "smartkreis needs Python 3.12 or newer (Django 6). Install it, e.g. 'apt-get install python3.12 python3.12-venv'" >&2
    echo "or via pyenv, then run the command again (or set PYTHON=/path/to/python3.12)." >&2
    exit 1
  fi
  echo "Creating .venv with $python ($("$python" --version))"
  rm -rf .venv
  "$python" -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
  .venv/bin/pip install --quiet -r requirements-dev.txt
  touch "$stamp"
fi

# The directory login compiles python-ldap against OpenLDAP's headers; the directory tests run
# Debian's slapd. Without them smartkreis runs with local accounts and single sign-on only.
if ! .venv/bin/python -c 'import ldap, django_auth_ldap' 2>/dev/null; then
  if [ ! -f /usr/include/ldap.h ] || [ ! -f /usr/include/sasl/sasl.h ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "Installing OpenLDAP's and SASL's headers for the directory login (python-ldap)"
      apt-get update -qq && apt-get install -y -qq libldap2-dev libsasl2-dev >/dev/null
    fi
  fi
  if [ -f /usr/include/ldap.h ] && [ -f /usr/include/sasl/sasl.h ]; then
    .venv/bin/pip install --quiet -r requirements-ldap.txt
  else
    echo "The directory login (LDAP) needs python-ldap, which needs: apt-get install libldap2-dev" >&2
    echo "libsasl2-dev. Without it LDAP_SERVER_URI cannot be used and the directory tests are skipped." >&2
  fi
fi
if [ "${1:-}" = "--browser" ] && [ ! -x /usr/sbin/slapd ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's slapd for the directory tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slapd ldap-utils >/dev/null
  else
    echo "The directory tests need Debian's slapd: sudo apt-get install slapd ldap-utils" >&2
    echo "Without it those tests are skipped (and fail under CI=true)." >&2
  fi
fi

if [ "${1:-}" = "--browser" ] && [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's Chromium for the browser tests"
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium at /usr/bin/chromium (or set CHROMIUM_PATH)." >&2
    echo "Install it with: sudo apt-get install chromium" >&2
    echo "Without it the browser tests are skipped (and fail under CI=true)." >&2
  fi
fi

# The tests' OpenID provider: node's oidc-provider, pinned in identity/tests/oidc_provider.
provider=identity/tests/oidc_provider
if [ "${1:-}" = "--browser" ] && ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing node and npm for the tests' OpenID provider"
    apt-get update -qq && apt-get install -y -qq nodejs npm >/dev/null
  else
    echo "The single sign-on tests need node and npm: sudo apt-get install nodejs npm" >&2
    echo "Without them those tests are skipped (and fail under CI=true)." >&2
  fi
fi
if [ "${1:-}" = "--browser" ] && command -v npm >/dev/null 2>&1 \
  && [ "$provider/package-lock.json" -nt "$provider/node_modules/.package-lock.json" ]; then
  echo "Installing the tests' OpenID provider (npm ci in $provider)"
  (cd "$provider" && npm ci --no-audit --no-fund --silent)
fi
