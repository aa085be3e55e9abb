#!/bin/sh
# SPDX-License-Identifier: MIT
# Bad input, table-driven: each class of input kg meets on the open web
# with its exact diagnostic and exit code, always beside a good article
# that must still come out whole; hostile names through every writer;
# limits; a run of many bad files and two good ones; a killed run.
. tests/lib.sh
KG=$(cd "$(dirname "$KG")" && pwd)/$(basename "$KG")
REPO=$(pwd)
cd "$TMP" || exit 1

# ---- inputs -------------------------------------------------------------
printf 'date 2024-11-21 Merkel visits Paris\n\nPARIS, Nov. 21 (Reuters) -- German Chancellor Angela Merkel met French President Emmanuel Macron in Paris on Thursday. The Ministry of Commerce supports Suzhou Industrial Park.\n' > good.txt
GOOD_IRI='<https://w3id.org/kg/id/person/Angela_Merkel>'

printf 'Good line.\nBad \377 here.\n' > invalid.txt
printf 'Overlong \300\257 slash.\n' > overlong2.txt
printf 'Over3 \340\200\257 slash.\n' > overlong3.txt
printf 'Sur \355\240\200 x.\n' > surrogate.txt
printf 'Big \364\220\200\200 x.\n' > above.txt
printf 'x \200 y\n' > continuation.txt
printf 'ab \342\202 cd\n' > truncmid.txt
printf 'Cut at the end \342\202' > trunceof.txt
printf 'NUL \000 byte\n' > nul.txt
# a PNG: signature, then the IHDR chunk whose length starts with NUL bytes
printf '\211PNG\r\n\032\n\000\000\000\rIHDR' > image.png
head -c 3000 /dev/urandom >> image.png
# an ELF executable: NUL at byte 7 of its header
printf '\177ELF\002\001\001\000\000\000' > program.elf
head -c 3000 /dev/urandom >> program.elf
: > empty.txt
printf '  \n\t\n\n' > spaces.txt
printf '\357\273\277' > bom.txt
printf '\357\273\277\n \n' > bomspace.txt
printf 'Angela Merkel visited Paris.\r\nShe met Emmanuel Macron.\r\n' > crlf.txt
printf 'Angela Merkel visited Paris.\rShe met Emmanuel Macron.\r' > cr.txt
mkdir emptydir baddir
printf 'Bad \377\n' > baddir/bad.txt
cp good.txt baddir/good.txt
printf '1\tA\n\n' > badcols.conllu
printf '# lemma pos ...\nsponsor\tverb\t-\tactive\tkg:supports\t>\tentity\nbogus line\n' > bad.lexicon
printf '# a table\nE\tNoSuchClass\tX\t-\t-\t-\t1\n' > bad.gazetteer

# 10,000 tokens without a sentence end, a table of numbers, markup, and
# 10,000 repetitions of the same names (awk: no python needed)
awk 'BEGIN { srand(1); split("the Minister of Commerce said China and Germany will cooperate on trade with France in Berlin , Angela Merkel supports", w, " ");
             printf "date 2024-11-21 One long sentence\n\n";
             for (i = 0; i < 10000; i++) printf "%s ", w[int(rand() * 20) + 1]; print "." }' > long.txt
awk 'BEGIN { print "Quarterly figures\n"; for (i = 0; i < 2000; i++) { for (j = 0; j < 12; j++) printf "%.2f ", ((i * 7919 + j * 104729) % 100000) / 100; print "" } }' > table.txt
printf '<html><head><title>T</title><script>alert(1)</script></head><body><p class="x">Angela Merkel met <b>Emmanuel Macron</b> in <a href="http://x">Paris</a>.</p><div>&amp; &lt;tag&gt; {{x}} \\ "q"</div></body></html>\n' > markup.html
awk 'BEGIN { for (i = 0; i < 10000; i++) printf "Angela Merkel met Emmanuel Macron in Paris. "; print "" }' > repeated.txt

# hostile names: a gazetteer entry whose canonical name holds every
# character an IRI, a Turtle literal, DOT or SVG could choke on
printf 'E\tOrganization\tAcme <script>alert("x")</script> {y} \\z\\ |^`\001\037 "Co"\t-\t-\t-\t15\nA\tAcme Widgets\nL\tzh\t<b>"\344\270\255"</b>\\\n' > hostile.gazetteer
printf 'date 2024-11-21 Title <script>alert("t")</script> & \\ {b} \001\033[31m\n\nBEIJING, Nov. 21 (Xinhua) -- Acme Widgets supports Suzhou Industrial Park. The Acme<Evil> "Quoted" Company said Foo\\Bar Inc. and Zeta\001Beta\037Ltd. met Angela Merkel. Tab\tName Corp and Back`tick^Caret|Pipe Holdings cooperate with Percent%%20 Bank.\n' > hostile.txt

# ---- the table ----------------------------------------------------------
# run NAME CODE REGEX GOOD ARGS...: `kg -f ntriples ARGS...` must exit with
# CODE, its stderr must match the extended REGEX (empty: no check), and
# when GOOD is "good" its output must be strict N-Triples holding the good
# article's entities (GOOD "-": no output expected, e.g. usage errors).
cases=0
run() {
    name=$1 code=$2 regex=$3 want=$4
    shift 4
    cases=$((cases + 1))
    "$KG" -f ntriples "$@" > out.nt 2> err.txt < /dev/null
    rc=$?
    if [ "$rc" -ne "$code" ]; then
        bad "$name: exit $rc, expected $code: $(head -c 300 err.txt)"
        return
    fi
    if [ -n "$regex" ] && ! grep -Eq -- "$regex" err.txt; then
        bad "$name: stderr does not match /$regex/: $(head -c 300 err.txt)"
        return
    fi
    if [ "$want" = good ]; then
        if ! serdi -l -i ntriples out.nt > /dev/null 2> serdi.txt; then
            bad "$name: output is not strict N-Triples: $(head -c 300 serdi.txt)"
            return
        fi
        if ! grep -qF "$GOOD_IRI" out.nt; then
            bad "$name: the good article's output is missing"
            return
        fi
    fi
    ok
}

U='error: invalid UTF-8'
run "invalid byte" 1 "^kg: invalid.txt:2:5: $U \(invalid byte, byte 0xFF\) at line 2, column 5, byte offset 15$" good invalid.txt good.txt
run "overlong 2-byte" 1 "^kg: overlong2.txt:1:10: $U \(overlong encoding, byte 0xC0\).*byte offset 9$" good overlong2.txt good.txt
run "overlong 3-byte" 1 "^kg: overlong3.txt:1:7: $U \(overlong encoding, byte 0xE0\).*byte offset 6$" good overlong3.txt good.txt
run "UTF-16 surrogate" 1 "^kg: surrogate.txt:1:5: $U \(UTF-16 surrogate, byte 0xED\).*byte offset 4$" good surrogate.txt good.txt
run "above U+10FFFF" 1 "^kg: above.txt:1:5: $U \(code point above U\+10FFFF, byte 0xF4\).*byte offset 4$" good above.txt good.txt
run "stray continuation" 1 "^kg: continuation.txt:1:3: $U \(unexpected continuation byte, byte 0x80\).*byte offset 2$" good continuation.txt good.txt
run "truncated in the middle" 1 "^kg: truncmid.txt:1:4: $U \(truncated sequence, byte 0xE2\).*byte offset 3$" good truncmid.txt good.txt
run "truncated at EOF" 1 "^kg: trunceof.txt:1:16: $U \(truncated sequence at end of input, byte 0xE2\).*byte offset 15$" good trunceof.txt good.txt
run "NUL byte" 1 '^kg: nul.txt:1:5: error: binary input: NUL byte at byte offset 4$' good nul.txt good.txt
run "PNG image" 1 '^kg: image.png:3:1: error: binary input: NUL byte at byte offset 8$' good image.png good.txt
run "ELF executable" 1 '^kg: program.elf:1:8: error: binary input: NUL byte at byte offset 7$' good program.elf good.txt
run "empty file" 1 '^kg: empty.txt: error: empty input$' good empty.txt good.txt
run "white space only" 1 '^kg: spaces.txt: error: empty input: only white space$' good spaces.txt good.txt
run "BOM only" 1 '^kg: bom.txt: error: empty input$' good bom.txt good.txt
run "BOM and white space" 1 '^kg: bomspace.txt: error: empty input: only white space$' good bomspace.txt good.txt
if [ -c /dev/null ]; then
    run "/dev/null" 1 '^kg: /dev/null: error: empty input$' good /dev/null good.txt
fi
run "missing file" 1 '^kg: missing.txt: error: cannot open: No such file or directory$' good missing.txt good.txt
run "file in a missing directory" 1 '^kg: nodir/x.txt: error: cannot open: No such file or directory$' good nodir/x.txt good.txt
run "directory with a bad file" 1 '^kg: baddir/bad.txt:1:5: error: invalid UTF-8' good baddir
run "directory without articles" 0 '' good emptydir good.txt
run "--max-bytes 10 on a good file" 1 '^kg: crlf.txt: error: input too large: more than the limit of 10 bytes$' - --max-bytes 10 crlf.txt
run "CRLF line ends" 0 '' good crlf.txt good.txt
run "lone CR line ends" 0 '' good cr.txt good.txt
run "10,000-token sentence" 0 '' good long.txt good.txt
run "table of numbers" 0 '' good table.txt good.txt
run "HTML markup" 0 '' good markup.html good.txt
run "10,000 repeated names" 0 '' good repeated.txt good.txt
run "hostile text" 0 '' good hostile.txt good.txt
run "hostile gazetteer names" 0 '' good --gazetteer hostile.gazetteer hostile.txt good.txt
run "bad lexicon line" 2 '^kg: bad.lexicon:3: error: expected 7 or 8 TAB-separated fields$' - --lexicon bad.lexicon good.txt
run "missing lexicon" 2 '^kg: none.lexicon: error: cannot open: No such file or directory$' - --lexicon none.lexicon good.txt
run "bad gazetteer line" 2 '^kg: bad.gazetteer:2: error: unknown class "NoSuchClass"$' - --gazetteer bad.gazetteer good.txt
run "invalid UTF-8 in a gazetteer" 2 '^kg: invalid.txt:2: error: ' - --gazetteer invalid.txt good.txt

# an unreadable file (root reads everything: skip there)
printf 'Angela Merkel.\n' > locked.txt
chmod 000 locked.txt
if [ -r locked.txt ]; then
    echo "skip: unreadable file (running as root)"
else
    run "unreadable file" 1 '^kg: locked.txt: error: cannot open: Permission denied$' good locked.txt good.txt
fi
chmod 644 locked.txt

# a FIFO with a writer behind it is read like a file
mkfifo pipe.txt
(cat good.txt > pipe.txt &)
run "FIFO" 0 '' good pipe.txt

# CoNLL-U with bad columns (the only case without -f ntriples)
cases=$((cases + 1))
printf '1\tGood\tgood\tADJ\tJJ\t_\t0\troot\t_\t_\n\n' > good.conllu
"$KG" --input conllu -f conllu badcols.conllu good.conllu > out.conllu 2> err.txt
rc=$?
if [ "$rc" -ne 1 ] || ! grep -Eq '^kg: badcols.conllu:1: error: expected 10 TAB-separated columns$' err.txt; then
    bad "CoNLL-U bad columns: exit $rc: $(head -c 300 err.txt)"
elif ! grep -q '^1	Good	' out.conllu; then
    bad "CoNLL-U bad columns: the good file was not annotated"
else
    ok
fi

# a file too big by default: 70 MB on one line, refused before it is read
# whole, while the good article in the same run is processed
head -c 70000000 /dev/zero | tr '\0' a > big.txt
run "70 MB one-line file" 1 '^kg: big.txt: error: input too large: more than the limit of 67108864 bytes$' good big.txt good.txt
rm -f big.txt

# ---- hostile names through every writer ---------------------------------
for f in turtle ntriples nquads; do
    cases=$((cases + 1))
    "$KG" -f $f --gazetteer hostile.gazetteer hostile.txt > hostile.$f 2> err.txt
    if [ $? -ne 0 ]; then
        bad "hostile names, $f: kg failed: $(head -c 300 err.txt)"
    elif ! serdi -l -i $f hostile.$f > /dev/null 2> serdi.txt; then
        bad "hostile names, $f: strict serdi rejects: $(head -c 300 serdi.txt)"
    elif ! grep -q 'Acme_%3Cscript%3E' hostile.$f; then
        bad "hostile names, $f: the hostile entity is missing"
    else
        ok
    fi
done
check "hostile names: the literal keeps the name" grep -qF '"Acme <script>alert(\"x\")</script> {y} \\z\\ |^`\u0001\u001F \"Co\""@en' hostile.ntriples

# SVG and DOT: well-formed, no markup injected
svg_ok() {
    xmllint --noout "$1" 2> xml.txt || { bad "$2: not well-formed XML: $(head -c 300 xml.txt)"; return; }
    if grep -qi '<script' "$1"; then bad "$2: raw <script in the SVG"; return; fi
    ok
}
cases=$((cases + 1))
if "$KG" --gazetteer hostile.gazetteer --diagram hostile.svg hostile.txt > /dev/null 2> err.txt; then
    svg_ok hostile.svg "hostile names, --diagram SVG"
else
    bad "hostile names, --diagram SVG: $(head -c 300 err.txt)"
fi
cases=$((cases + 1))
if "$KG" --gazetteer hostile.gazetteer --diagram hostile.dot hostile.txt > /dev/null 2> err.txt &&
    dot -Tsvg hostile.dot > hostile-dot.svg 2> err.txt; then
    svg_ok hostile-dot.svg "hostile names, DOT through Graphviz"
else
    bad "hostile names, DOT: $(head -c 300 err.txt)"
fi
cases=$((cases + 1))
cp hostile.turtle hostile.ttl
if "$KG" draw hostile.ttl -o drawn.svg 2> err.txt; then
    svg_ok drawn.svg "hostile names, kg draw from Turtle"
else
    bad "hostile names, kg draw: $(head -c 300 err.txt)"
fi
# kg draw on bad RDF: a located syntax error, no diagram
printf '<http://a/s> <http://a/p> "unterminated .\n' > broken.nt
cases=$((cases + 1))
"$KG" draw broken.nt -o broken.svg > /dev/null 2> err.txt
rc=$?
if [ "$rc" -ne 1 ] || ! grep -q 'broken.nt:1' err.txt; then
    bad "kg draw on broken N-Triples: exit $rc: $(head -c 300 err.txt)"
else
    ok
fi

# fuzz regressions (tests/fuzz-regressions/): kg draw on N-Triples whose
# language tag is 256+ bytes long.  raptor 2.0.15 writes such a tag past
# its buffer (heap corruption, exit 134 even without sanitizers) and hands
# it over without its NUL; kg now refuses the file with its line (exit 1).
for f in "$REPO"/tests/fuzz-regressions/rdf/*.nt; do
    cases=$((cases + 1))
    "$KG" draw "$f" -o regression.dot > /dev/null 2> err.txt
    rc=$?
    if [ "$rc" -gt 1 ] || grep -q 'Sanitizer' err.txt; then
        bad "fuzz regression $(basename "$f"): exit $rc: $(head -c 300 err.txt)"
    else
        ok
    fi
done

# fuzz regressions: articles that once crashed the pipeline (an empty name
# chunk made the agency-credit check read past the last token).
for f in "$REPO"/tests/fuzz-regressions/pipeline/*.txt; do
    cases=$((cases + 1))
    "$KG" -f ntriples "$f" > /dev/null 2> err.txt
    rc=$?
    if [ "$rc" -gt 1 ] || grep -q 'Sanitizer' err.txt; then
        bad "fuzz regression $(basename "$f"): exit $rc: $(head -c 300 err.txt)"
    else
        ok
    fi
done

# ---- many bad files and two good ones into --output-dir ------------------
cp good.txt good1.txt
cp crlf.txt good2.txt
"$KG" -f ntriples --output-dir mixed invalid.txt nul.txt image.png empty.txt good1.txt \
    missing.txt surrogate.txt good2.txt trunceof.txt > /dev/null 2> err.txt
check "mixed run: exit 1" test $? -eq 1
for f in invalid.txt nul.txt image.png empty.txt missing.txt surrogate.txt trunceof.txt; do
    check "mixed run: $f named" grep -q "^kg: $f" err.txt
done
for f in good1 good2; do
    check "mixed run: $f.nt written" test -s mixed/$f.nt
    check "mixed run: $f.nt strict" serdi -l -i ntriples mixed/$f.nt > /dev/null
done
check "mixed run: good1.nt complete" grep -qF "$GOOD_IRI" mixed/good1.nt
check "mixed run: only the good outputs" test "$(ls -A mixed | tr '\n' ' ')" = "good1.nt good2.nt "

# ---- a killed run leaves no half-written output ---------------------------
# SIGKILL cannot be caught: the temporary (NAME.tmp-PID) may stay, but the
# target is either absent or a complete earlier output, never partial.
i=0
while [ $i -lt 40 ]; do cat repeated.txt; i=$((i + 1)); done > huge.txt
"$KG" -f ntriples -o killed.nt good.txt 2> /dev/null
cp killed.nt before.nt
"$KG" -f ntriples -o killed.nt good.txt huge.txt long.txt 2> /dev/null &
pid=$!
sleep 0.2
kill -KILL $pid 2> /dev/null
wait $pid 2> /dev/null
check "killed run: the earlier output is untouched" cmp -s killed.nt before.nt
check "killed run: no stray file but NAME.tmp-PID" \
    test -z "$(ls -A | grep '^killed' | grep -v -e '^killed\.nt$' -e '^killed\.nt\.tmp-[0-9]*$')"
rm -f killed.nt killed.nt.tmp-*
"$KG" -f ntriples --output-dir killdir good.txt huge.txt 2> /dev/null &
pid=$!
sleep 0.2
kill -KILL $pid 2> /dev/null
wait $pid 2> /dev/null
check "killed run: no partial huge.nt" test ! -e killdir/huge.nt
if [ -e killdir/good.nt ]; then
    check "killed run: good.nt, when there, is complete" sh -c 'serdi -l -i ntriples killdir/good.nt > /dev/null'
fi

check "/dev/null is still a device" test -c /dev/null
echo "$cases bad-input cases"
finish
