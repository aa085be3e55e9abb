#!/bin/sh
# SPDX-License-Identifier: MIT
# Runs libFuzzer targets built by `make fuzz`: fuzz/run.sh DIR SECONDS JOBS TARGET...
# Each target fuzz_T runs for SECONDS (-max_total_time) at low priority with
# its corpus in DIR/corpus/T, seeded from fuzz/corpus/T and examples/, at
# most JOBS at a time.  Crashes are written to DIR/artifacts/T/.  Prints,
# per target, the executions (stat::number_of_executed_units), the seconds
# it ran and the crash files found; exits 1 when any target crashed.
# FUZZ_WORK, when set, holds the corpora, logs and artifacts instead of DIR.
bin=$1 dir=${FUZZ_WORK:-$1} seconds=$2 jobs=$3
shift 3

seed() {
    t=$1 c=$dir/corpus/$1
    mkdir -p "$c" "$dir/artifacts/$t"
    [ -d "fuzz/corpus/$t" ] && cp fuzz/corpus/"$t"/* "$c/" 2> /dev/null
    case $t in
    reader | tokenizer | sentence | pipeline)
        for f in examples/*.txt; do cp "$f" "$c/example-$(basename "$f")"; done ;;
    rdf)
        # the first byte picks the syntax: 0 Turtle, 1 N-Triples, 2 N-Quads
        for f in examples/*.nt; do
            [ -f "$f" ] && { printf '\001'; cat "$f"; } > "$c/example-$(basename "$f")"
        done ;;
    lexicon) cp ontology/relations.tsv "$c/relations.tsv" ;;
    esac
}

run_one() {
    t=$1
    log=$dir/logs/$t.log
    # raptor2 (no frame pointers) leaks a datatype URI in its N-Triples
    # parser; the suppression in fuzz/lsan.supp needs the slow unwinder.
    asan=detect_leaks=1:allocator_may_return_null=1
    [ "$t" = rdf ] && asan=$asan:fast_unwind_on_malloc=0
    tmp=$dir/tmp/$t
    mkdir -p "$tmp"
    start=$(date +%s)
    nice -n 15 env TMPDIR="$tmp" ASAN_OPTIONS=$asan \
        LSAN_OPTIONS=suppressions=$PWD/fuzz/lsan.supp:print_suppressions=0 \
        UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
        "$bin/fuzz_$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
        -print_final_stats=1 -artifact_prefix="$dir/artifacts/$t/" \
        "$dir/corpus/$t" > "$log" 2>&1
    rc=$?
    end=$(date +%s)
    rm -rf "$tmp"
    echo "$rc $((end - start))" > "$dir/logs/$t.rc"
}

mkdir -p "$dir/logs"
for t in "$@"; do seed "$t"; done
running=0
for t in "$@"; do
    echo "fuzz: running fuzz_$t for ${seconds}s"
    run_one "$t" &
    running=$((running + 1))
    if [ "$running" -ge "$jobs" ]; then
        wait
        running=0
    fi
done
wait

status=0
# slow-unit-* files (over 10 s, usually a busy machine) are listed, not failures
printf '%-10s %12s %8s %8s %5s  %s\n' target executions seconds crashes slow "exit"
for t in "$@"; do
    log=$dir/logs/$t.log
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    read -r rc secs < "$dir/logs/$t.rc"
    crashes=$(ls "$dir/artifacts/$t" | grep -c -E '^(crash|leak|timeout|oom)-')
    slow=$(ls "$dir/artifacts/$t" | grep -c '^slow-unit-')
    printf '%-10s %12s %8s %8s %5s  %s\n' "$t" "${execs:-?}" "$secs" "$crashes" "$slow" "$rc"
    if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
        status=1
        grep -m 3 -E '^==[0-9]+==ERROR|SUMMARY|runtime error|Test unit written' "$log" | sed 's/^/    /'
    fi
done
exit $status
