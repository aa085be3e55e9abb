#!/bin/sh
# SPDX-License-Identifier: MIT
# Lists a corpus for cluster/kg-slurm.sh and cluster/kg-parallel.sh.
#
#   cluster/kg-list.sh CORPUS [GLOB]
#
# CORPUS is a directory or a list file (one path a line).  Prints one line
# per article file, sorted (LC_ALL=C): PATH TAB RELATIVE-PATH.
# * A directory: the files `kg CORPUS` reads, named as it names them
#   (CORPUS/sport/001.txt): regular files, links followed, whose name
#   matches GLOB (default: *.txt and *.jsonl, as kg), no dot-files or
#   dot-directories; the
#   relative path is the path below CORPUS (sport/001.txt).
# * A list file: each path as written (relative ones are relative to the
#   current directory); the relative path is the path without a leading /
#   or ./.  Paths with .. components are refused.
# File names must not contain tabs or newlines.
set -eu
[ $# -ge 1 ] || {
    echo "usage: kg-list.sh CORPUS [GLOB]" >&2
    exit 2
}
c=$1 glob=${2:-}
if [ -d "$c" ]; then
    while [ "${#c}" -gt 1 ] && [ "${c%/}" != "$c" ]; do c=${c%/}; done
    if [ -n "$glob" ]; then
        set -- -name "$glob"
    else
        set -- \( -name '*.txt' -o -name '*.jsonl' \)
    fi
    (cd "$c" && find -L . -name '.?*' -prune -o -type f "$@" -print) |
        sed 's|^\./||' | LC_ALL=C sort |
        awk -v c="$c" '{ printf "%s/%s\t%s\n", c, $0, $0 }'
elif [ -f "$c" ]; then
    grep -v '^[[:space:]]*$' "$c" | LC_ALL=C sort -u |
        awk '{ p = $0; r = p; sub(/^(\.?\/)+/, "", r);
               if (r ~ /(^|\/)\.\.(\/|$)/ || index(p, "\t")) {
                   print "kg-list: " p ": paths with .. or tabs cannot be mirrored" > "/dev/stderr"
                   exit 2 }
               printf "%s\t%s\n", p, r }'
else
    echo "kg-list: $c: no such file or directory" >&2
    exit 2
fi
