// SPDX-License-Identifier: MIT
// SPARQL 1.1 JSON results as lines of TAB-separated values (kg's store test).
//
// One line per solution, the values of the projected variables in order;
// an unbound variable is the empty string.  Only the lexical value is kept
// (no datatype, language tag or angle brackets), so that every store's
// answer reads the same.  TAB, LF, CR and backslash inside a value are
// written \t, \n, \r and \\.
//
//   node tsv.mjs < ANSWER.json        prints the lines
//   node tsv.mjs A.json B.json ...    writes A.tsv, B.tsv, ...
import fs from "node:fs";
import { fileURLToPath } from "node:url";

const escape = (s) =>
    s.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]);

export function rows(json) {
    const r = typeof json === "string" ? JSON.parse(json) : json;
    if (typeof r.boolean === "boolean") return [String(r.boolean)];
    const vars = r.head.vars;
    return r.results.bindings.map((b) => vars.map((v) => (b[v] ? escape(b[v].value) : "")).join("\t"));
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url))) {
    const files = process.argv.slice(2);
    if (files.length === 0) for (const line of rows(fs.readFileSync(0, "utf8"))) console.log(line);
    for (const f of files) {
        const lines = rows(fs.readFileSync(f, "utf8")).map((l) => l + "\n");
        fs.writeFileSync(f.replace(/\.json$/, "") + ".tsv", lines.join(""));
    }
}
