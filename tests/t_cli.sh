#!/bin/sh
# SPDX-License-Identifier: MIT
# The command line: good and bad arguments with their exit codes and
# messages, stdin, bad inputs beside good ones, atomic outputs, /dev/full.
. tests/lib.sh
EX=examples/xinhua-suzhou-industrial-park.txt

# expect CODE PATTERN ARGS...: kg ARGS exits with CODE and its stderr (or,
# for exit 0, stdout) matches the extended regex PATTERN.
expect() {
    code=$1 pattern=$2
    shift 2
    $KG "$@" > "$TMP/stdout" 2> "$TMP/stderr" < /dev/null
    rc=$?
    if [ "$rc" -ne "$code" ]; then
        bad "kg $*: exit $rc, expected $code ($(head -c 300 "$TMP/stderr"))"
        return
    fi
    if [ -n "$pattern" ] && ! grep -Eq -- "$pattern" "$TMP/stderr" "$TMP/stdout"; then
        bad "kg $*: output does not match /$pattern/: $(head -c 300 "$TMP/stderr")"
        return
    fi
    ok
}

printf 'Caf\303\251 ok.\nBad \377 byte here.\n' > "$TMP/bad-utf8.txt"
printf 'abc\000def\n' > "$TMP/bad-nul.txt"
: > "$TMP/empty.txt"
printf '   \n\n  \n' > "$TMP/blank.txt"
printf 'lemma\tverb\n' > "$TMP/bad.lexicon"
mkdir "$TMP/adir"

# usage and information
expect 0 '^usage: kg' --help
expect 0 '^usage: kg' -h
expect 0 '^kg [0-9]+\.[0-9]+' --version
expect 2 "unknown option '--bogus'" --bogus "$EX"
expect 2 "unknown format 'xml'" -f xml "$EX"
expect 2 'needs a value' "$EX" -f
expect 2 'min-confidence needs a number' --min-confidence 2 "$EX"
expect 2 'beam needs a whole number' --beam 65 "$EX"
expect 2 'beam needs a whole number' --beam x "$EX"
expect 2 'go with the parser' --no-parse --beam 4 "$EX"
expect 3 'cannot load the tagger model' --model "$TMP/adir/none.model" "$EX"
# A model of another format says so (a damaged one does not).
printf 'KGTAGGR1\007\000\000\000\030\000\000\000' > "$TMP/old.model"
head -c 4096 /dev/zero >> "$TMP/old.model"
expect 3 'model format 7, this kg reads format [0-9]+' --model "$TMP/old.model" "$EX"
printf 'not a model at all' > "$TMP/bad.model"
expect 3 'cannot load the tagger model: bad or missing model' --model "$TMP/bad.model" "$EX"
expect 0 '^# text = ' --beam 4 -f conllu "$EX"
expect 2 'min-confidence needs a number' --min-confidence abc "$EX"
expect 2 'absolute IRI' --base 'not an iri' "$EX"
expect 2 'absolute IRI' --base 'http://example.org/no-slash' "$EX"
expect 2 'either -o or --output-dir' -o "$TMP/a.ttl" --output-dir "$TMP/o" "$EX"
expect 2 'unknown extension' --diagram "$TMP/x.bmp" "$EX"
expect 2 '--input must be text, jsonl or conllu' --input xml "$EX"
expect 2 'goes with -f conllu' --input conllu "$EX"
expect 2 'max-bytes needs' --max-bytes -5 "$EX"
expect 2 'bad.lexicon:1' --lexicon "$TMP/bad.lexicon" "$EX"
expect 2 'kg draw needs' draw
expect 2 'top needs' --top x "$EX"
expect 2 'max-sentence-tokens needs' --max-sentence-tokens 3 "$EX"
expect 0 '' --max-sentence-tokens 20 "$EX"

# inputs
expect 0 '' "$EX"
expect 0 '' -f ntriples "$EX"
expect 0 '' -f nquads "$EX"
expect 1 'missing.txt: error: cannot open' "$TMP/missing.txt"
expect 1 'bad-utf8.txt:2:5: error: .*UTF-8' "$TMP/bad-utf8.txt"
expect 1 'bad-nul.txt.*error: .*(NUL|binary)' "$TMP/bad-nul.txt"
expect 1 'empty.txt.*error: .*empty' "$TMP/empty.txt"
expect 1 'blank.txt.*error: .*empty' "$TMP/blank.txt"
expect 1 'too (large|big)' --max-bytes 100 "$EX"
expect 0 '' --no-provenance "$EX"
expect 0 '' --no-parse "$EX"

# a bad input beside good ones: the good ones are still processed
expect 1 'bad-utf8.txt' --output-dir "$TMP/mixed" "$TMP/bad-utf8.txt" "$EX"
check "good article written beside a bad one" test -s "$TMP/mixed/xinhua-suzhou-industrial-park.ttl"
check "no output for the bad article" test ! -e "$TMP/mixed/bad-utf8.ttl"

# stdin
$KG -f ntriples < "$EX" > "$TMP/stdin.nt" 2> "$TMP/err"
check "stdin: exit 0" test $? -eq 0
check "stdin: output" grep -q 'Suzhou_Industrial_Park' "$TMP/stdin.nt"
$KG -f ntriples - < "$EX" > "$TMP/dash.nt" 2> /dev/null
check "stdin as -" grep -q 'Suzhou_Industrial_Park' "$TMP/dash.nt"

# -o writes atomically: the file, and no temporary left behind
$KG -o "$TMP/o/deep/x.ttl" "$EX" 2> /dev/null
check "-o makes the file and its directories" test -s "$TMP/o/deep/x.ttl"
check "-o leaves no temporary" test -z "$(ls "$TMP/o/deep" | grep -v '^x.ttl$')"

# --output-dir mirrors a directory argument
mkdir -p "$TMP/in/sport" "$TMP/in/news"
cp "$EX" "$TMP/in/sport/a.txt"
cp "$EX" "$TMP/in/news/a.txt"
$KG -f ntriples --output-dir "$TMP/mirror" "$TMP/in" 2> /dev/null
check "output-dir: exit 0" test $? -eq 0
check "output-dir mirrors sport/a" test -s "$TMP/mirror/sport/a.nt"
check "output-dir mirrors news/a" test -s "$TMP/mirror/news/a.nt"
: > "$TMP/a-file"
expect 3 'cannot (write|make)' --output-dir "$TMP/a-file" "$EX"
expect 0 '' --output-dir "$TMP/empty-out" "$TMP/adir"

# options change the output
$KG --no-provenance -f ntriples "$EX" > "$TMP/plain.nt" 2> /dev/null
check "--no-provenance: no reified statements" sh -c "! grep -q 'rdf-syntax-ns#Statement' '$TMP/plain.nt'"
check "--no-provenance: relations stay" grep -q 'ns#supports' "$TMP/plain.nt"
$KG --base 'http://example.org/kg/' -f ntriples "$EX" > "$TMP/base.nt" 2> /dev/null
check "--base changes entity IRIs" grep -q '<http://example.org/kg/place/China>' "$TMP/base.nt"
$KG --min-confidence 1 -f ntriples "$EX" > "$TMP/conf.nt" 2> /dev/null
check "--min-confidence 1 keeps no fact" sh -c "! grep -q 'ns#supports' '$TMP/conf.nt'"
printf 'pledge\tverb\t-\tactive\tkg:supports\t>\tentity\n' > "$TMP/good.lexicon"
expect 0 '' --lexicon "$TMP/good.lexicon" "$EX"

# --no-header: the first line is text, not a headline
printf 'Short title\n\nChina supports Laos.\n' > "$TMP/titled.txt"
$KG -f ntriples "$TMP/titled.txt" > "$TMP/titled.nt" 2> /dev/null
check "a short first line is a headline" grep -q 'headline> "Short title"' "$TMP/titled.nt"
$KG --no-header -f ntriples "$TMP/titled.txt" > "$TMP/titled2.nt" 2> /dev/null
check "--no-header: no headline" sh -c "! grep -q 'headline>' '$TMP/titled2.nt'"

# open IE: one sentence per line, CaRB's tab layout
printf 'China supports Laos.\nThe park was founded in 1994 by the city.\n' > "$TMP/sents.txt"
expect 0 '' --sentences -f carb "$TMP/sents.txt"
check "carb: one line per tuple, sentence first" grep -q '^China supports Laos\.	0\.[0-9]*	supports	China	Laos' "$TMP/stdout"
expect 2 'carb' -f carb "$TMP/sents.txt"
expect 2 '' --sentences --no-parse -f carb "$TMP/sents.txt"
printf 'Good line.\nBad \377 line.\n' > "$TMP/sents-bad.txt"
expect 1 'sents-bad.txt' --sentences -f carb "$TMP/sents-bad.txt"

# CoNLL-U of text: a word the tokeniser split ("don't", "cannot") is a
# multi-word token, as in UD, and re-annotating keeps the range lines
printf "I don't think it's over. We cannot go, can't we?\n" > "$TMP/mwt.txt"
expect 0 "^2-3	don't	(_	){7}_$" -f conllu "$TMP/mwt.txt"
expect 0 "^2-3	cannot	" -f conllu "$TMP/mwt.txt"
expect 0 "^6-7	can't	" -f conllu "$TMP/mwt.txt"
check "no SpaceAfter inside a multi-word token" \
    sh -c "! grep -q '^2	do	.*SpaceAfter' '$TMP/stdout'"
$KG -f conllu "$TMP/mwt.txt" > "$TMP/mwt.conllu" 2> /dev/null
expect 0 "^5-6	it's	" --input conllu -f conllu "$TMP/mwt.conllu"

# write errors
if [ -c /dev/full ] && [ -w /dev/full ]; then
    expect 3 'write' "$EX" -o /dev/full/x.ttl
    expect 3 'write' "$EX" -o /dev/full
    expect 3 '' --sentences -f carb -o /dev/full "$TMP/sents.txt"
    check "/dev/full is still a device" test -c /dev/full
    $KG "$EX" > /dev/full 2> "$TMP/err"
    check "/dev/full: exit 3" test $? -eq 3
    check "/dev/full: message" grep -q 'kg: ' "$TMP/err"
fi
finish
