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
    libraptor2-dev libgraphviz-dev graphviz libutf8proc-dev \
    iso-codes tzdata fonts-wqy-microhei \
    python3 serdi raptor2-utils libxml2-utils \
    clang libclang-rt-14-dev clang-format valgrind
# Graphviz finds its layout and render plugins through a config file that
# the package writes; regenerate it if it is missing (see notes).
dot -c 2> /dev/null || true
