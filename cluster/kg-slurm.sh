#!/bin/sh
# SPDX-License-Identifier: MIT
# kg on a Slurm cluster: a job array that shards a corpus, then one merge job.
#
#   cluster/kg-slurm.sh [OPTIONS] CORPUS OUT [-- KG_OPTIONS...]
#
# CORPUS is a directory (every file matching the glob below it, like
# `kg DIR` reads it: sorted, dot-files skipped) or a list file (one path a
# line).  Run it where sbatch works (the login node).  OUT, the corpus, kg
# and this folder must be visible at the same paths on every node (a shared
# file system); the jobs run in the current directory, so relative paths
# work.
#
# It submits
#   1. an array of K tasks (sbatch --array=0-K-1).  Task i takes the i-th
#      of K contiguous slices of the sorted input list (a stable split: the
#      same list and K give the same shards) and runs, per folder,
#        kg -j CPUS --resume -f ntriples --output-dir OUT/articles/FOLDER FILE...
#      (cluster/kg-run-list.sh), so OUT/articles mirrors the corpus
#      (sport/001.txt -> sport/001.nt) whatever K is, and each article is
#      named as a single run names it (its dc:source is CORPUS/sport/001.txt);
#   2. a merge job (--dependency=afterok on the array) that runs
#        kg merge -f FORMAT -o OUT/corpus.EXT OUT/articles
#      which equals one `kg -f FORMAT CORPUS` run over the whole corpus.
#
# Resumable: outputs are written atomically and --resume skips articles
# whose output exists, so submitting the same command again (with any K)
# only does what is missing, then merges again.
#
# Options (each also read from the environment variable shown):
#   -k K        KG_SHARDS  array tasks (default 8; at most one per input)
#   -c N        KG_CPUS    CPUs per task, passed to kg -j (default 2)
#   -f FMT      KG_FORMAT  merged graph: turtle (default), ntriples, nquads
#   -g GLOB     KG_GLOB    inputs below a directory (default, as kg: *.txt
#                          and *.jsonl, JSON Lines files of one article a line)
#   -w          KG_WAIT=1  wait for the merge (polls squeue); exit 0 when
#                          every article made it into the merged graph, 1
#                          when some failed or the merge did not run
#   -s          KG_STRICT=1  a task fails when any article fails (default:
#                          failed articles are reported in the task log and
#                          retried by the next submission; only usage and
#                          I/O errors fail a task)
#               KG         the kg program (default: kg on PATH)
#               KG_SBATCH  extra sbatch options for both jobs, e.g.
#                          "-p short -t 02:00:00 --mem-per-cpu=500M"
#               KG_MAX_RUNNING  at most this many tasks at once (--array %N)
#               KG_MERGE_SBATCH  extra sbatch options for the merge job only
#                          (it holds the corpus's entity table: "--mem=8G")
# Arguments after -- go to every kg task (e.g. --no-provenance, --base IRI).
#
# Files in OUT: articles/ (one N-Triples file per article), corpus.ttl|nt|nq
# (the merged graph), .kg-slurm/ (input list, shard lists, logs/, the exit
# status of each task and of the merge).  It prints the two job ids.
# kg-list.sh (lists the corpus) and kg-run-list.sh (the worker) must sit
# beside this script.
#
# Inside the jobs the same script runs with KG_SLURM_STEP=task or merge.
set -eu

die() {
    echo "kg-slurm: $*" >&2
    exit 2
}

# ---- inside the jobs ----
if [ "${KG_SLURM_STEP:-}" = task ]; then
    W=$KG_OUT/.kg-slurm
    i=${SLURM_ARRAY_TASK_ID:?not an array task}
    rm -f "$W/task-$i.exit"
    # inputs.txt: PATH TAB RELATIVE-PATH, sorted; task i takes the i-th of
    # K contiguous slices, so that a folder's files mostly stay together
    n=$(wc -l < "$W/inputs.txt")
    awk -v n="$n" -v k="$KG_SHARDS" -v i="$i" \
        'NR > int(i * n / k) && NR <= int((i + 1) * n / k)' "$W/inputs.txt" > "$W/shard-$i.list"
    echo "kg-slurm: task $i of $KG_SHARDS: $(wc -l < "$W/shard-$i.list") inputs on $(hostname -s), $KG_CPUS CPUs"
    eval "set -- $KG_ARGS"
    rc=0
    JOBS=$KG_CPUS sh "$KG_CLUSTER/kg-run-list.sh" "$W/shard-$i.list" "$KG_OUT/articles" "$@" || rc=$?
    echo "$rc" > "$W/task-$i.exit"
    rm -f "$W/shard-$i.list"
    if [ "$rc" -eq 1 ] && [ "$KG_STRICT" != 1 ]; then
        echo "kg-slurm: task $i: some articles failed (see above); they are retried on resubmission"
        exit 0
    fi
    exit "$rc"
fi
if [ "${KG_SLURM_STEP:-}" = merge ]; then
    W=$KG_OUT/.kg-slurm
    rm -f "$W/merge.exit"
    rc=0
    "$KG" merge -f "$KG_FORMAT" -o "$KG_OUT/corpus.$KG_EXT" "$KG_OUT/articles" || rc=$?
    echo "$rc" > "$W/merge.exit"
    failed=$(cat "$W"/task-*.exit 2> /dev/null | grep -cvx 0 || true)
    echo "kg-slurm: merged into $KG_OUT/corpus.$KG_EXT (exit $rc); tasks with failed articles: $failed"
    exit "$rc"
fi

# ---- submission ----
KG_SHARDS=${KG_SHARDS:-8}
KG_CPUS=${KG_CPUS:-2}
KG_FORMAT=${KG_FORMAT:-turtle}
KG_GLOB=${KG_GLOB:-}
KG_WAIT=${KG_WAIT:-0}
KG_STRICT=${KG_STRICT:-0}
KG_SBATCH=${KG_SBATCH:-}
KG_MAX_RUNNING=${KG_MAX_RUNNING:-}
KG_MERGE_SBATCH=${KG_MERGE_SBATCH:-}
while getopts k:c:f:g:ws opt; do
    case $opt in
    k) KG_SHARDS=$OPTARG ;;
    c) KG_CPUS=$OPTARG ;;
    f) KG_FORMAT=$OPTARG ;;
    g) KG_GLOB=$OPTARG ;;
    w) KG_WAIT=1 ;;
    s) KG_STRICT=1 ;;
    *) die "usage: kg-slurm.sh [-k SHARDS] [-c CPUS] [-f FORMAT] [-g GLOB] [-w] [-s] CORPUS OUT [-- KG_OPTIONS...]" ;;
    esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || die "usage: kg-slurm.sh [-k SHARDS] [-c CPUS] [-f FORMAT] [-g GLOB] [-w] [-s] CORPUS OUT [-- KG_OPTIONS...]"
corpus=$1 out=$2
shift 2
[ "${1:-}" = -- ] && shift
# the remaining kg options, quoted for the jobs' eval
KG_ARGS=""
for a in "$@"; do
    # shellcheck disable=SC2089 # the quotes are for that eval
    KG_ARGS="$KG_ARGS '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
done
. "$(cd "$(dirname "$0")" && pwd)/kg-common.sh"
kg_positive -k "$KG_SHARDS"
kg_positive -c "$KG_CPUS"
KG_EXT=$(kg_ext "$KG_FORMAT") || exit 2
kg_resolve
command -v sbatch > /dev/null || die "sbatch not found"
[ -e "$corpus" ] || die "$corpus: no such file or directory"

mkdir -p "$out/.kg-slurm/logs" "$out/articles"
out=$(cd "$out" && pwd)
W=$out/.kg-slurm
sh "$(dirname "$0")/kg-list.sh" "$corpus" "$KG_GLOB" > "$W/inputs.txt" || die "cannot list $corpus"
n=$(wc -l < "$W/inputs.txt")
[ "$n" -gt 0 ] || die "$corpus: no inputs ${KG_GLOB:+matching $KG_GLOB}"
[ "$KG_SHARDS" -le "$n" ] || KG_SHARDS=$n
throttle=""
[ -n "$KG_MAX_RUNNING" ] && throttle="%$KG_MAX_RUNNING"
rm -f "$W"/task-*.exit "$W/merge.exit"

KG_CLUSTER=$(cd "$(dirname "$0")" && pwd)
# shellcheck disable=SC2090 # KG_ARGS is quoted for an eval
export KG KG_CLUSTER KG_OUT="$out" KG_SHARDS KG_CPUS KG_FORMAT KG_EXT KG_ARGS KG_STRICT
self=$KG_CLUSTER/$(basename "$0")
# shellcheck disable=SC2086
array=$(sbatch --parsable $KG_SBATCH --job-name=kg-shards --array="0-$((KG_SHARDS - 1))$throttle" \
    --cpus-per-task="$KG_CPUS" --ntasks=1 --output="$W/logs/task-%a.log" \
    --chdir="$(pwd)" --export=ALL,KG_SLURM_STEP=task "$self")
array=${array%%;*}
# shellcheck disable=SC2086
merge=$(sbatch --parsable $KG_SBATCH $KG_MERGE_SBATCH --job-name=kg-merge --dependency="afterok:$array" \
    --kill-on-invalid-dep=yes --ntasks=1 --cpus-per-task=1 --output="$W/logs/merge.log" \
    --chdir="$(pwd)" --export=ALL,KG_SLURM_STEP=merge "$self")
merge=${merge%%;*}
echo "kg-slurm: $n inputs in $KG_SHARDS shards: array job $array, merge job $merge; output $out/corpus.$KG_EXT"
[ "$KG_WAIT" = 1 ] || exit 0

# Waiting: poll squeue (quicker than sbatch --wait); without accounting
# (sacct) the jobs' status comes from the files they write.
while squeue -h --jobs="$array,$merge" 2> /dev/null | grep -q .; do
    sleep 1
done
if [ "$(cat "$W/merge.exit" 2> /dev/null)" = 0 ]; then
    failed=$(cat "$W"/task-*.exit 2> /dev/null | grep -cvx 0 || true)
    if [ "$failed" -gt 0 ]; then
        echo "kg-slurm: merged what succeeded into $out/corpus.$KG_EXT; $failed tasks had failed articles (see $W/logs/; submit again to retry them)" >&2
        exit 1
    fi
    echo "kg-slurm: done: $out/corpus.$KG_EXT"
    exit 0
fi
echo "kg-slurm: failed; see $W/logs/" >&2
for f in "$W"/logs/*.log; do
    [ -f "$f" ] && tail -n 5 "$f" | sed "s|^|$(basename "$f"): |" >&2
done
exit 1
