#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs kg over a list of articles, writing one output per article into a
# tree that mirrors the corpus; the worker of cluster/kg-slurm.sh and
# cluster/kg-parallel.sh.
#
#   cluster/kg-run-list.sh LIST OUTDIR [KG_OPTIONS...]
#
# LIST (- for standard input) has one article file a line: PATH TAB RELATIVE-PATH, where PATH is
# the file as a single run would name it (`kg CORPUS` reads CORPUS/sport/001.txt;
# kg records that path as the article's dc:source) and RELATIVE-PATH its
# place below the corpus (sport/001.txt), whose output becomes
# OUTDIR/sport/001.nt.  Consecutive lines in the same folder go to one kg
# call (at most 1000 files each):
#   kg -j JOBS --resume -f ntriples --output-dir OUTDIR/sport KG_OPTIONS... PATH...
# so outputs that exist already are skipped.  KG names the kg program
# (default kg), JOBS its workers (default 1).
# Exit status: the highest of kg's (0 all articles done, 1 some articles
# failed, 2 usage error, 3 output or I/O error).
set -eu
[ $# -ge 2 ] || {
    echo "usage: kg-run-list.sh LIST OUTDIR [KG_OPTIONS...]" >&2
    exit 2
}
# shellcheck disable=SC2034 # outdir is used in run's eval
list=$1 outdir=$2
shift 2
KG=${KG:-kg}
JOBS=${JOBS:-1}
# the kg options, quoted for eval
opts=""
for a in "$@"; do
    opts="$opts '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
done
worst=0
run() {
    # shellcheck disable=SC2034 # used in the eval
    group=$1
    shift
    rc=0
    eval "\"\$KG\" -j \"\$JOBS\" --resume -f ntriples --output-dir \"\$outdir/\$group\" $opts \"\$@\" < /dev/null" ||
        rc=$?
    [ "$rc" -le "$worst" ] || worst=$rc
}
if [ "$list" = - ]; then exec 3<&0; else exec 3< "$list"; fi
tab=$(printf '\t')
prev=""
set --
while IFS=$tab read -r path rel; do
    case $rel in
    */*) dir=${rel%/*} ;;
    *) dir=. ;;
    esac
    if [ $# -gt 0 ] && { [ "$dir" != "$prev" ] || [ $# -ge 1000 ]; }; then
        run "$prev" "$@"
        set --
    fi
    prev=$dir
    set -- "$@" "$path"
done <&3
[ $# -eq 0 ] || run "$prev" "$@"
exit "$worst"
