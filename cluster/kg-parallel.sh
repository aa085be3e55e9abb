#!/bin/sh
# SPDX-License-Identifier: MIT
# kg with GNU parallel, on this machine or on several hosts over ssh.
#
#   cluster/kg-parallel.sh [OPTIONS] CORPUS OUT [-- KG_OPTIONS...]
#
# CORPUS is a directory (every file matching the glob below it, as `kg DIR`
# reads it) or a list file (one path a line); see cluster/kg-list.sh.  The
# sorted list of articles is fed to
#   parallel --pipe -N BATCH -S SSHLOGINS ... kg-run-list.sh - OUT/articles
# so each job gets BATCH articles (GNU parallel costs about 10 ms a job, kg
# about 20 ms a start: batches keep both small) and runs kg -j 1 on them per
# folder, one job per CPU of each host, writing OUT/articles/sport/001.nt
# for CORPUS/sport/001.txt.  Then, here,
#   kg merge -f FORMAT -o OUT/corpus.EXT OUT/articles
# gives the graph one `kg -f FORMAT CORPUS` run would give.  Outputs are
# atomic and every kg runs with --resume, so running the same command again
# only does what is missing, then merges again.
#
# Options (each also read from the environment variable shown):
#   -S LOGINS   KG_SSHLOGIN  parallel's --sshlogin: comma-separated
#                            [ncpus/]sshlogin, ":" is this machine without
#                            ssh (default ":"); e.g. "8/node1,8/node2,:"
#   -F FILE     KG_SLF       parallel's --sshloginfile instead (one login a
#                            line, # comments)
#   -N BATCH    KG_BATCH     articles per job (default 100)
#   -f FMT      KG_FORMAT    merged graph: turtle (default), ntriples, nquads
#   -g GLOB     KG_GLOB      inputs below a directory (default, as kg: *.txt
#                            and *.jsonl)
#   -s          KG_STRICT=1  do not merge when any article failed (default:
#                            merge what succeeded, report the failures and
#                            exit 1; the next run retries them)
#               KG           the kg program (default: kg on PATH)
#               KG_PARALLEL  extra options for parallel, e.g. "--eta"
# Arguments after -- go to every kg call (e.g. --no-provenance).
#
# With other hosts, kg, this folder, the corpus and OUT must be at the same
# paths on every host (a shared file system), hosts need passwordless ssh
# and GNU parallel.  Files in OUT: articles/, corpus.EXT, .kg-parallel/
# (input list, parallel's --joblog).
set -eu

die() {
    echo "kg-parallel: $*" >&2
    exit 2
}
usage="usage: kg-parallel.sh [-S SSHLOGINS | -F SSHLOGINFILE] [-N BATCH] [-f FORMAT] [-g GLOB] [-s] CORPUS OUT [-- KG_OPTIONS...]"
KG_SSHLOGIN=${KG_SSHLOGIN:-:}
KG_SLF=${KG_SLF:-}
KG_BATCH=${KG_BATCH:-100}
KG_FORMAT=${KG_FORMAT:-turtle}
KG_GLOB=${KG_GLOB:-}
KG_STRICT=${KG_STRICT:-0}
KG_PARALLEL=${KG_PARALLEL:-}
while getopts S:F:N:f:g:s opt; do
    case $opt in
    S) KG_SSHLOGIN=$OPTARG ;;
    F) KG_SLF=$OPTARG ;;
    N) KG_BATCH=$OPTARG ;;
    f) KG_FORMAT=$OPTARG ;;
    g) KG_GLOB=$OPTARG ;;
    s) KG_STRICT=1 ;;
    *) die "$usage" ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || die "$usage"
corpus=$1 out=$2
shift 2
[ "${1:-}" = -- ] && shift
. "$(cd "$(dirname "$0")" && pwd)/kg-common.sh"
kg_positive -N "$KG_BATCH"
ext=$(kg_ext "$KG_FORMAT") || exit 2
kg_resolve
command -v parallel > /dev/null || die "GNU parallel not found (Debian: parallel)"
here=$(cd "$(dirname "$0")" && pwd)

mkdir -p "$out/.kg-parallel" "$out/articles"
out=$(cd "$out" && pwd)
W=$out/.kg-parallel
sh "$here/kg-list.sh" "$corpus" "$KG_GLOB" > "$W/inputs.txt" || die "cannot list $corpus"
n=$(wc -l < "$W/inputs.txt")
[ "$n" -gt 0 ] || die "$corpus: no inputs ${KG_GLOB:+matching $KG_GLOB}"

# The job's command line, quoted here: parallel hands it to a shell, over
# ssh for other hosts, which start in the home directory, hence the cd.
q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
cmd="cd $(q "$(pwd)") && KG=$(q "$KG") JOBS=1 sh $(q "$here/kg-run-list.sh") - $(q "$out/articles")"
for a in "$@"; do cmd="$cmd $(q "$a")"; done
if [ -n "$KG_SLF" ]; then
    set -- --sshloginfile "$KG_SLF"
else
    set -- --sshlogin "$KG_SSHLOGIN"
fi
rm -f "$W/joblog"
rc=0
# shellcheck disable=SC2086
parallel --will-cite --pipe -N "$KG_BATCH" "$@" --joblog "$W/joblog" $KG_PARALLEL \
    "$cmd" < "$W/inputs.txt" || rc=$?
# the joblog's seventh column is each job's exit status: 1 means some
# articles failed, more is a usage or I/O error
worst=$(awk -F '\t' 'NR > 1 && $7 + 0 > m { m = $7 + 0 } END { print m + 0 }' "$W/joblog")
[ "$rc" -eq 0 ] || [ "$worst" -gt 0 ] || worst=3
jobs=$(($(wc -l < "$W/joblog") - 1))
echo "kg-parallel: $n inputs in $jobs jobs; highest job exit status $worst" >&2
if [ "$worst" -gt 1 ] || { [ "$worst" -eq 1 ] && [ "$KG_STRICT" = 1 ]; }; then
    echo "kg-parallel: not merging; see $W/joblog" >&2
    exit "$worst"
fi
"$KG" merge -f "$KG_FORMAT" -o "$out/corpus.$ext" "$out/articles" || exit $?
echo "kg-parallel: wrote $out/corpus.$ext" >&2
exit "$worst"
