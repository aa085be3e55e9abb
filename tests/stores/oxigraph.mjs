// SPDX-License-Identifier: MIT
// Loads kg's output into an in-memory Oxigraph store and runs SPARQL queries.
//
//   node oxigraph.mjs [--out DIR] FILE... [-- QUERY.rq...]
//
// FILE is Turtle (.ttl), N-Triples (.nt) or N-Quads (.nq).  Turtle and
// N-Triples go into a named graph of their own (the file's URL), N-Quads
// into the graphs the file names (one per article for kg's output); the
// queries see the union of all graphs as their default graph, as they do
// in Virtuoso.  For each FILE prints "FILE<TAB>N" with N the number of
// quads the file added.  For each QUERY prints its answer as TAB-separated
// values (tsv.mjs), or with --out writes it to DIR/NAME.tsv.  Exits 1 on
// a parse or query error.  Needs the npm package oxigraph (package.json).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import oxigraph from "oxigraph";
import { rows } from "./tsv.mjs";

const FORMATS = { ".ttl": "text/turtle", ".nt": "application/n-triples", ".nq": "application/n-quads" };

const args = process.argv.slice(2);
let out = null;
if (args[0] === "--out") {
    out = args[1];
    args.splice(0, 2);
}
const sep = args.indexOf("--");
const files = sep < 0 ? args : args.slice(0, sep);
const queries = sep < 0 ? [] : args.slice(sep + 1);
if (files.length === 0) {
    console.error("usage: node oxigraph.mjs [--out DIR] FILE... [-- QUERY.rq...]");
    process.exit(2);
}

const store = new oxigraph.Store();
try {
    for (const file of files) {
        const format = FORMATS[path.extname(file)];
        if (!format) throw new Error(`${file}: unknown extension (.ttl, .nt or .nq)`);
        const url = pathToFileURL(path.resolve(file)).href;
        const before = store.size;
        // a Buffer, not a string: Oxigraph then sees invalid UTF-8 itself
        store.load(fs.readFileSync(file), {
            format,
            base_iri: url,
            to_graph_name: format === FORMATS[".nq"] ? oxigraph.defaultGraph() : oxigraph.namedNode(url),
        });
        console.log(`${file}\t${store.size - before}`);
    }
    for (const q of queries) {
        const json = store.query(fs.readFileSync(q, "utf8"), {
            results_format: "json",
            use_default_graph_as_union: true,
        });
        const lines = rows(json).map((l) => l + "\n").join("");
        if (out) fs.writeFileSync(path.join(out, path.basename(q, ".rq") + ".tsv"), lines);
        else process.stdout.write(`# ${q}\n${lines}`);
    }
} catch (e) {
    console.error(`oxigraph.mjs: ${e.message ?? e}`);
    process.exit(1);
}
