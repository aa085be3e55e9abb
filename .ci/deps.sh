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
# The cluster recipes and their tests (tests/t_slurm.sh starts a private
# single-node Slurm with its own munged; where policy-rc.d forbids starting
# services, installing these starts no daemons), and make bench: GNU time
# for peak memory, link-parser as the reference parser.  Without a
# policy-rc.d, one that forbids starts is in place during this install only.
policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod 755 "$policy"
fi
apt-get -o DPkg::Lock::Timeout=120 install -y -q --no-install-recommends \
    slurm-wlm munge parallel time link-grammar
[ -z "$policy" ] || rm -f "$policy"
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
