#!/bin/sh
# SPDX-License-Identifier: MIT
# Installs the Debian 12 packages kg needs to build, run and test.
# Run as root (or through sudo).
set -eu
if [ "$(id -u)" -ne 0 ]; then
    exec sudo sh "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get -o DPkg::Lock::Timeout=120 install -y -q --no-install-recommends \
    make gcc libc6-dev pkg-config \
    libraptor2-dev libgraphviz-dev graphviz libutf8proc-dev libjansson-dev \
    iso-codes tzdata fonts-wqy-microhei \
    python3 serdi raptor2-utils libxml2-utils \
    clang libclang-rt-14-dev clang-format valgrind
# The triple-store test (tests/t_stores.sh): Virtuoso, started by the test
# from its own ini and database directory.  The preseed only answers the
# postinst's questions about the system instance, which is never used (where
# policy-rc.d forbids starting services the postinst says it could not set
# the password and still succeeds).
debconf-set-selections << 'EOF'
virtuoso-opensource-7 virtuoso-opensource-7/dba-password password ci-dba-pw
virtuoso-opensource-7 virtuoso-opensource-7/dba-password-again password ci-dba-pw
EOF
apt-get -o DPkg::Lock::Timeout=120 install -y -q --no-install-recommends \
    virtuoso-opensource curl
# Oxigraph comes from the npm registry (tests/stores/package-lock.json);
# Debian's nodejs and npm only where no node is installed (a newer Node.js
# from elsewhere provides npm itself and conflicts with Debian's npm).
if ! command -v node > /dev/null || ! command -v npm > /dev/null; then
    apt-get -o DPkg::Lock::Timeout=120 install -y -q --no-install-recommends nodejs npm
fi
# Graphviz finds its layout and render plugins through a config file that
# the package writes; regenerate it if it is missing (see notes).
dot -c 2> /dev/null || true
