#!/bin/sh
# SPDX-License-Identifier: MIT
# The Slurm recipe (cluster/kg-slurm.sh) on a private single-node Slurm:
# munged, slurmctld and slurmd started here from a generated config on
# loopback (own munge socket and key, free ports, state in a temp dir, no
# systemd), a small corpus sharded over a job array and merged; the merged
# graph must equal one local kg run over the same corpus, byte for byte,
# and a resubmission must only redo what is missing.  Skips when Slurm or munge
# is not installed or when not run as root (the daemons need it).
. tests/lib.sh
. tests/cluster_lib.sh
for p in slurmctld slurmd sbatch squeue sinfo scontrol munged mungekey runuser; do
    if ! command -v "$p" > /dev/null 2>&1 && [ ! -x "/usr/sbin/$p" ]; then
        echo "skipped: $p not found (Debian: slurm-wlm munge)"
        exit 0
    fi
done
if [ "$(id -u)" -ne 0 ]; then
    echo "skipped: the private Slurm needs root (munged runs as user munge)"
    exit 0
fi
PATH=$PATH:/usr/sbin
KG=$(cd "$(dirname "$KG")" && pwd)/$(basename "$KG")
export KG
if ! "$KG" --help 2>&1 | grep -q -- '--resume' || ! "$KG" merge --help > /dev/null 2>&1; then
    echo "skipped: this kg has no --resume or kg merge"
    exit 0
fi

# ---- the cluster ----
W=$TMP/slurm
chmod 755 "$TMP"
mkdir -p "$W/state" "$W/spool" "$W/log" "$W/munge"
stop() {
    [ -n "${SLURM_CONF:-}" ] && scontrol shutdown > /dev/null 2>&1
    for f in "$W/slurmctld.pid" "$W/slurmd.pid"; do
        [ -s "$f" ] && kill "$(cat "$f")" 2> /dev/null
    done
    [ -S "$W/munge/sock" ] && runuser -u munge -- munged --stop --socket="$W/munge/sock" > /dev/null 2>&1
    [ -s "$W/munge/pid" ] && kill "$(cat "$W/munge/pid")" 2> /dev/null
    if [ -n "${KEEP:-}" ]; then echo "kept $TMP" >&2; else rm -rf "$TMP"; fi
}
trap stop EXIT
trap 'exit 1' INT TERM HUP

# two free TCP ports, from /proc/net/tcp* (port in hex, state 0A = listen)
used=$(cat /proc/net/tcp /proc/net/tcp6 2> /dev/null | awk 'NR > 1 { split($2, a, ":"); print a[2] }')
port() {
    p=$1
    while printf '%s\n' "$used" | grep -qix "$(printf '%04X' "$p")"; do p=$((p + 2)); done
    echo "$p"
}
base=$((20000 + $$ % 20000 * 2))
ctld_port=$(port "$base")
slurmd_port=$(port $((ctld_port + 1)))

chown munge:munge "$W/munge"
chmod 755 "$W/munge"
runuser -u munge -- mungekey --create --keyfile="$W/munge/key" > /dev/null 2>&1 ||
    { bad "mungekey failed"; finish; exit; }
runuser -u munge -- munged --socket="$W/munge/sock" --key-file="$W/munge/key" \
    --pid-file="$W/munge/pid" --log-file="$W/munge/log" --seed-file="$W/munge/seed" ||
    { bad "munged did not start: $(tail -n 3 "$W/munge/log" 2> /dev/null)"; finish; exit; }

H=$(hostname -s)
cpus=$(nproc)
cat > "$W/slurm.conf" << EOF
ClusterName=kgtest
SlurmctldHost=$H(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$W/munge/sock
CredType=cred/munge
MailProg=/bin/true
StateSaveLocation=$W/state
SlurmdSpoolDir=$W/spool
SlurmctldPidFile=$W/slurmctld.pid
SlurmdPidFile=$W/slurmd.pid
SlurmctldLogFile=$W/log/slurmctld.log
SlurmdLogFile=$W/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/builtin
SchedulerParameters=sched_interval=1
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
NodeName=$H NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=500 State=UNKNOWN
PartitionName=kgtest Nodes=$H Default=YES MaxTime=INFINITE State=UP
EOF
SLURM_CONF=$W/slurm.conf
export SLURM_CONF
t0=$(date +%s)
slurmctld -f "$SLURM_CONF" && slurmd -f "$SLURM_CONF" ||
    { bad "slurmctld/slurmd did not start"; finish; exit; }
if ! timeout 60 sh -c 'until sinfo -h -o %T 2> /dev/null | grep -qx idle; do sleep 0.2; done'; then
    bad "the node did not become idle: $(sinfo -h -o '%T %E' 2> /dev/null); $(tail -n 5 "$W/log/slurmd.log")"
    finish
    exit
fi

# ---- a small corpus (tests/cluster_lib.sh) and one local run ----
C=$TMP/corpus
make_corpus "$C"

"$KG" -q -f ntriples "$C" > "$TMP/single.nt" 2> "$TMP/single.err" ||
    bad "the local run failed: $(head -c 300 "$TMP/single.err")"

# ---- the recipe: 3 shards, 1 CPU each, wait for the merge ----
O=$TMP/out
t1=$(date +%s)
if timeout 120 sh cluster/kg-slurm.sh -k 3 -c 1 -f ntriples -w "$C" "$O" > "$TMP/submit.log" 2>&1; then
    ok
else
    bad "kg-slurm.sh failed: $(tail -n 20 "$TMP/submit.log")"
fi
t2=$(date +%s)
same_graph "first run" "$TMP/single.nt" "$O/corpus.nt"
check_outputs "$O"
[ "$(cat "$O"/.kg-slurm/task-*.exit | sort -u)" = 0 ] && ok || bad "a task did not exit 0"

# ---- resubmission: only the missing article is redone ----
rm "$O/articles/b/001.nt" "$O/corpus.nt"
touch -d '2001-01-01' "$O/articles/a/001.nt"
if timeout 120 sh cluster/kg-slurm.sh -k 2 -c 2 -f ntriples -w "$C" "$O" > "$TMP/resubmit.log" 2>&1; then
    ok
else
    bad "resubmission failed: $(tail -n 20 "$TMP/resubmit.log")"
fi
same_graph "second run" "$TMP/single.nt" "$O/corpus.nt"
[ -s "$O/articles/b/001.nt" ] && ok || bad "resubmission did not redo b/001"
[ -n "$(find "$O/articles/a/001.nt" ! -newer "$O/articles/b/001.nt" -mtime +1000)" ] && ok ||
    bad "resubmission rewrote a/001 (no --resume?)"
t3=$(date +%s)
echo "slurm: start $((t1 - t0)) s, 3-task array + merge $((t2 - t1)) s, resubmission $((t3 - t2)) s"
finish
