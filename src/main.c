/* SPDX-License-Identifier: MIT
 * kg: the command line: parse arguments, wire the stages of libkg. */

#include "kg/dot.h"
#include "kg/kg.h"
#include "kg/openie.h"
#include "kg/turtle.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exit codes, documented in --help and the README. */
enum { EXIT_OK = 0, EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

static const char usage_text[] =
    "usage: kg [OPTIONS] [FILE|DIR|-]...\n"
    "       kg draw [OPTIONS] GRAPH.ttl|.nt|.nq... -o DIAGRAM.svg|.png|.pdf|.dot\n"
    "       kg merge [-f FMT] [-o FILE] SHARD|DIR...\n"
    "\n"
    "Reads news articles (plain UTF-8 text, or JSON Lines: *.jsonl, one article per\n"
    "line as {\"id\", \"text\", \"title\", \"date\", \"url\", \"source\"}; a directory\n"
    "means every *.txt and *.jsonl below it; no FILE or - means standard input)\n"
    "and writes their knowledge graph as RDF: the articles in input order, then\n"
    "every entity once, with all its names and its mention count.\n"
    "kg merge joins outputs of separate runs (shards) into one such graph.\n"
    "\n"
    "  -f, --format FMT       turtle (default), ntriples, nquads, conllu (the\n"
    "                         tagger's analysis), or carb (open IE tuples, with\n"
    "                         --sentences)\n"
    "  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
    "      --output-dir DIR   one output per article in DIR, mirroring the input tree\n"
    "                         (JSON Lines: DIR/FEED/ID.EXT for the article ID of FEED.jsonl)\n"
    "  -j, --jobs N           worker threads (default: one per core); the output is\n"
    "                         the same for every N\n"
    "      --glob PATTERNS    files taken from directories, comma-separated patterns\n"
    "                         (default *.txt,*.jsonl)\n"
    "      --resume           with --output-dir: skip articles whose output exists\n"
    "      --stats            print the summary line even for one article\n"
    "      --diagram FILE     also draw the graph of all articles; the format comes\n"
    "                         from the extension: .svg .png .pdf .dot\n"
    "      --layout ENGINE    Graphviz layout for diagrams (default: by size)\n"
    "      --top N            diagrams: keep the N entities of highest degree (default:\n"
    "                         150 when there are more, without the unrelated ones);\n"
    "                         --top all draws everything\n"
    "      --types LIST       diagrams: only these classes, e.g. person,organization,\n"
    "                         place,event,country,city or a schema.org class name\n"
    "      --relations LIST   diagrams: only these relations, by property name or\n"
    "                         label, e.g. containedInPlace,supports,\"works for\"\n"
    "      --cluster BY       diagrams: boxes around each article's own entities\n"
    "                         (article) or around each class (type)\n"
    "      --base IRI         base of entity IRIs (default " KG_DEFAULT_BASE ")\n"
    "      --lexicon FILE     add relation lexicon entries (ontology/relations.tsv format)\n"
    "      --gazetteer FILE   add gazetteer entries (data/gazetteer.tsv format)\n"
    "      --min-confidence X drop facts with confidence below X (0..1)\n"
    "      --no-provenance    only entities and relations: no article, sentences,\n"
    "                         reified facts\n"
    "      --no-parse         skip the tagger and parser (faster, fewer facts)\n"
    "      --model FILE       tagger and parser model file instead of the embedded one\n"
    "                         (e.g. model/kg-ewt-beam.model from make model-beam)\n"
    "      --beam K           parse with a beam of K (0: greedy; default: the model's,\n"
    "                         greedy for the embedded model; about K times slower)\n"
    "      --input FMT        text (default), jsonl (every input, stdin too, is JSON\n"
    "                         Lines) or conllu (with -f conllu: re-annotate given tokens)\n"
    "      --max-bytes N      refuse articles larger than N bytes (default 64 MiB)\n"
    "      --no-header        plain text: do not look for a headline, date line or\n"
    "                         dateline\n"
    "      --max-sentence-tokens N  cut longer sentences into pieces of N tokens\n"
    "                         (default 500), so that the parser's work stays bounded\n"
    "      --sentences        the input holds one sentence per line (no splitting);\n"
    "                         goes with -f carb: SENTENCE TAB CONF TAB REL TAB ARG1...\n"
    "  -q, --quiet            no warnings, no progress, no summary: only errors\n"
    "  -h, --help             this help\n"
    "      --version          the version\n"
    "\n"
    "A progress line is drawn on standard error when it is a terminal; a summary\n"
    "line (articles, sentences, words, entities, facts, failures, time) follows a\n"
    "run of more than one article.\n"
    "\n"
    "Exit status: 0 all inputs processed; 1 some input failed (the others were\n"
    "still processed); 2 usage error; 3 output or I/O error.\n";

typedef struct options {
    const char *format;
    const char *output;
    const char *output_dir;
    const char *diagram;
    const char *layout;
    const char *base;
    const char *input_format;
    const char *lexicons[16];
    size_t n_lexicons;
    const char *gazetteers[16];
    size_t n_gazetteers;
    double min_confidence;
    size_t top;
    const char *types, *relations;
    kg_diagram_cluster cluster;
    size_t max_bytes;
    int provenance;
    int parse;
    const char *model;
    int beam;
    int quiet;
    int no_header;
    size_t max_sentence;
    int sentences;
    size_t jobs;
    const char *glob;
    int resume;
    int stats;
    int format_set;
} options;

static void usage_error(const char *fmt, const char *arg)
{
    fputs("kg: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'kg --help'.\n", stderr);
}

static void print_diag(void *handle, const kg_diag *d)
{
    const options *o = handle;
    if (o->quiet && d->severity != KG_ERROR) return;
    kg_diag_print(stderr, d);
}

static int parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= 0 && v <= 1)) return -1;
    *out = v;
    return 0;
}

static int parse_size(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (errno || end == s || *end || s[0] == '-') return -1;
    *out = (size_t)v;
    return 0;
}

/* Add optarg to one of the 16-slot lists of --lexicon/--gazetteer files. */
static int push_path(const char **list, size_t *n, const char *what)
{
    if (*n == 16) {
        usage_error("at most 16 %s", what);
        return -1;
    }
    list[(*n)++] = optarg;
    return 0;
}

/* An entity base must be an absolute IRI ending in "/" or "#". */
static int base_ok(const char *b)
{
    size_t n = strlen(b);
    return kg_iri_ok(b) && n >= 3 && (b[n - 1] == '/' || b[n - 1] == '#');
}

/* Parse arguments; @return -1 to exit with EXIT_USAGE, 1 to exit OK
 * (help, version), 0 to go on.  *first receives the first operand. */
static int parse_args(int argc, char **argv, options *o, int *first)
{
    enum {
        OPT_OUTPUT_DIR = 256,
        OPT_DIAGRAM,
        OPT_LAYOUT,
        OPT_TOP,
        OPT_TYPES,
        OPT_RELATIONS,
        OPT_CLUSTER,
        OPT_BASE,
        OPT_LEXICON,
        OPT_GAZETTEER,
        OPT_MIN_CONF,
        OPT_NO_PROV,
        OPT_NO_PARSE,
        OPT_MODEL,
        OPT_BEAM,
        OPT_INPUT,
        OPT_MAX_BYTES,
        OPT_SENTENCES,
        OPT_NO_HEADER,
        OPT_MAX_SENTENCE,
        OPT_GLOB,
        OPT_RESUME,
        OPT_STATS,
        OPT_VERSION
    };
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"output-dir", required_argument, NULL, OPT_OUTPUT_DIR},
        {"diagram", required_argument, NULL, OPT_DIAGRAM},
        {"layout", required_argument, NULL, OPT_LAYOUT},
        {"top", required_argument, NULL, OPT_TOP},
        {"types", required_argument, NULL, OPT_TYPES},
        {"relations", required_argument, NULL, OPT_RELATIONS},
        {"cluster", required_argument, NULL, OPT_CLUSTER},
        {"base", required_argument, NULL, OPT_BASE},
        {"lexicon", required_argument, NULL, OPT_LEXICON},
        {"gazetteer", required_argument, NULL, OPT_GAZETTEER},
        {"min-confidence", required_argument, NULL, OPT_MIN_CONF},
        {"no-provenance", no_argument, NULL, OPT_NO_PROV},
        {"no-parse", no_argument, NULL, OPT_NO_PARSE},
        {"model", required_argument, NULL, OPT_MODEL},
        {"beam", required_argument, NULL, OPT_BEAM},
        {"input", required_argument, NULL, OPT_INPUT},
        {"max-bytes", required_argument, NULL, OPT_MAX_BYTES},
        {"no-header", no_argument, NULL, OPT_NO_HEADER},
        {"max-sentence-tokens", required_argument, NULL, OPT_MAX_SENTENCE},
        {"sentences", no_argument, NULL, OPT_SENTENCES},
        {"jobs", required_argument, NULL, 'j'},
        {"glob", required_argument, NULL, OPT_GLOB},
        {"resume", no_argument, NULL, OPT_RESUME},
        {"stats", no_argument, NULL, OPT_STATS},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, OPT_VERSION},
        {NULL, 0, NULL, 0},
    };
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":f:o:j:qh", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            o->format = optarg;
            o->format_set = 1;
            break;
        case 'o':
            o->output = optarg;
            break;
        case OPT_OUTPUT_DIR:
            o->output_dir = optarg;
            break;
        case OPT_DIAGRAM:
            o->diagram = optarg;
            break;
        case OPT_LAYOUT:
            o->layout = optarg;
            break;
        case OPT_TOP:
            if (strcmp(optarg, "all") == 0) {
                o->top = KG_DIAGRAM_ALL;
            } else if (parse_size(optarg, &o->top) != 0 || o->top == 0) {
                usage_error("--top needs a whole number above 0 or 'all', not '%s'", optarg);
                return -1;
            }
            break;
        case OPT_TYPES:
            o->types = optarg;
            break;
        case OPT_RELATIONS:
            o->relations = optarg;
            break;
        case OPT_CLUSTER:
            if (strcmp(optarg, "article") == 0) {
                o->cluster = KG_CLUSTER_ARTICLE;
            } else if (strcmp(optarg, "type") == 0) {
                o->cluster = KG_CLUSTER_TYPE;
            } else {
                usage_error("--cluster needs 'article' or 'type', not '%s'", optarg);
                return -1;
            }
            break;
        case OPT_BASE:
            o->base = optarg;
            break;
        case OPT_LEXICON:
            if (push_path(o->lexicons, &o->n_lexicons, "lexicons") != 0) return -1;
            break;
        case OPT_GAZETTEER:
            if (push_path(o->gazetteers, &o->n_gazetteers, "gazetteers") != 0) return -1;
            break;
        case OPT_MIN_CONF:
            if (parse_double(optarg, &o->min_confidence) != 0) {
                usage_error("--min-confidence needs a number from 0 to 1, not '%s'", optarg);
                return -1;
            }
            break;
        case OPT_NO_PROV:
            o->provenance = 0;
            break;
        case OPT_NO_PARSE:
            o->parse = 0;
            break;
        case OPT_MODEL:
            o->model = optarg;
            break;
        case OPT_BEAM: {
            size_t k;
            if (parse_size(optarg, &k) != 0 || k > 64) {
                usage_error("--beam needs a whole number from 0 to 64, not '%s'", optarg);
                return -1;
            }
            o->beam = (int)k;
            break;
        }
        case OPT_INPUT:
            o->input_format = optarg;
            break;
        case OPT_NO_HEADER:
            o->no_header = 1;
            break;
        case OPT_MAX_SENTENCE:
            if (parse_size(optarg, &o->max_sentence) != 0 || o->max_sentence < 10) {
                usage_error("--max-sentence-tokens needs a whole number of at least 10, not '%s'",
                            optarg);
                return -1;
            }
            break;
        case OPT_MAX_BYTES:
            if (parse_size(optarg, &o->max_bytes) != 0 || o->max_bytes == 0) {
                usage_error("--max-bytes needs a positive whole number, not '%s'", optarg);
                return -1;
            }
            break;
        case OPT_SENTENCES:
            o->sentences = 1;
            break;
        case 'j':
            if (parse_size(optarg, &o->jobs) != 0 || o->jobs == 0 || o->jobs > 1024) {
                usage_error("--jobs needs a whole number from 1 to 1024, not '%s'", optarg);
                return -1;
            }
            break;
        case OPT_GLOB:
            o->glob = optarg;
            break;
        case OPT_RESUME:
            o->resume = 1;
            break;
        case OPT_STATS:
            o->stats = 1;
            break;
        case 'q':
            o->quiet = 1;
            break;
        case 'h':
            fputs(usage_text, stdout);
            return 1;
        case OPT_VERSION:
            printf("kg %s\n", kg_version());
            return 1;
        case ':':
            usage_error("option '%s' needs a value", argv[optind - 1]);
            return -1;
        default:
            usage_error("unknown option '%s'", argv[optind - 1]);
            return -1;
        }
    }
    *first = optind;
    if (o->base && !base_ok(o->base)) {
        usage_error("--base needs an absolute IRI ending in / or #, not '%s'", o->base);
        return -1;
    }
    if (o->output && o->output_dir) {
        usage_error("use either -o or --output-dir%s", "");
        return -1;
    }
    if (strcmp(o->input_format, "text") != 0 && strcmp(o->input_format, "conllu") != 0 &&
        strcmp(o->input_format, "jsonl") != 0) {
        usage_error("--input must be text, jsonl or conllu, not '%s'", o->input_format);
        return -1;
    }
    if (o->resume && !o->output_dir) {
        usage_error("--resume goes with --output-dir%s", "");
        return -1;
    }
    if (strcmp(o->input_format, "conllu") == 0 && strcmp(o->format, "conllu") != 0) {
        usage_error("--input conllu goes with -f conllu%s", "");
        return -1;
    }
    int carb = strcmp(o->format, "carb") == 0;
    kg_rdf_format f;
    if (strcmp(o->format, "conllu") != 0 && !carb &&
        kg_rdf_format_from_name(o->format, &f) != KG_SUCCESS) {
        usage_error("unknown format '%s' (turtle, ntriples, nquads, conllu, carb)", o->format);
        return -1;
    }
    if (carb != o->sentences) {
        usage_error("-f carb and --sentences go together%s", "");
        return -1;
    }
    if (carb && (!o->parse || o->output_dir || o->diagram)) {
        usage_error("-f carb needs the parser and one output (no --no-parse, --output-dir, "
                    "--diagram)%s",
                    "");
        return -1;
    }
    if (strcmp(o->format, "conllu") == 0 && !o->parse) {
        usage_error("-f conllu needs the parser; drop --no-parse%s", "");
        return -1;
    }
    if ((o->model || o->beam >= 0) && !o->parse) {
        usage_error("--model and --beam go with the parser; drop --no-parse%s", "");
        return -1;
    }
    if (o->diagram && !kg_diagram_format_ok(o->diagram)) {
        usage_error("--diagram: unknown extension in '%s' (.svg .png .pdf .dot)", o->diagram);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------ */
/* Output streams                                                     */
/* ------------------------------------------------------------------ */

/* Where the one RDF or CoNLL-U stream goes: stdout or an atomic file.
 * RDF passes a merging sink that writes each entity once, at the end. */
typedef struct stream {
    const char *path; ///< NULL for stdout
    kg_outfile *file;
    FILE *fp;
    kg_sink *rdf;    ///< the raptor2 writer, or NULL for CoNLL-U
    kg_sink *merged; ///< the merging sink in front of it
} stream;

static int stream_open(stream *s, const char *path, const char *format, const kg_diag_sink *diags)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    if (path) {
        if (kg_outfile_open(path, diags, &s->file) != KG_SUCCESS) return -1;
        s->fp = kg_outfile_stream(s->file);
    } else {
        s->fp = stdout;
    }
    kg_rdf_format f;
    if (kg_rdf_format_from_name(format, &f) == KG_SUCCESS) {
        if (kg_rdf_sink_new(s->fp, f, diags, &s->rdf) != KG_SUCCESS) {
            kg_outfile_abort(s->file);
            return -1;
        }
        s->merged = kg_merge_sink_new(s->rdf);
        kg_emit_prefixes(s->merged);
    }
    return 0;
}

/* Finish a stream; @return 0 or -1 on a write error (reported). */
static int stream_close(stream *s, int ok, const kg_diag_sink *diags)
{
    int bad = 0;
    if (s->merged) {
        bad = ok && kg_sink_end(s->merged) != KG_SUCCESS;
        kg_sink_free(s->merged);
        kg_sink_free(s->rdf);
    }
    if (s->file) {
        if (ok && !bad) return kg_outfile_commit(s->file) == KG_SUCCESS ? 0 : -1;
        kg_outfile_abort(s->file);
    } else if (ok) {
        bad |= fflush(stdout) != 0 || ferror(stdout);
    }
    if (bad)
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, s->path ? s->path : "<stdout>", 0, 0, UINT64_MAX,
                       "write error: %s", errno ? strerror(errno) : "failed");
    return bad ? -1 : 0;
}

/* Close stdout and say so if that fails (unless @p said).  @return 1 on
 * a write error. */
static int close_stdout(int said)
{
    if (fclose(stdout) == 0) return 0;
    if (!said) fprintf(stderr, "kg: <stdout>: error: write error: %s\n", strerror(errno));
    return 1;
}

/* ------------------------------------------------------------------ */
/* kg draw                                                            */
/* ------------------------------------------------------------------ */

static int run_draw(int argc, char **argv, const kg_diag_sink *diags, options *o)
{
    int first;
    int r = parse_args(argc, argv, o, &first);
    if (r) return r > 0 ? EXIT_OK : EXIT_USAGE;
    if (!o->output || first >= argc) {
        usage_error("kg draw needs graph files and -o DIAGRAM%s", "");
        return EXIT_USAGE;
    }
    if (!kg_diagram_format_ok(o->output)) {
        usage_error("kg draw: unknown extension in '%s' (.svg .png .pdf .dot)", o->output);
        return EXIT_USAGE;
    }
    kg_diagram_opts dopt = kg_diagram_opts_default();
    dopt.layout = o->layout;
    dopt.top = o->top;
    dopt.min_confidence = o->min_confidence;
    dopt.types = o->types;
    dopt.relations = o->relations;
    dopt.cluster = o->cluster;
    kg_sink *d;
    if (kg_diagram_sink_new(o->output, &dopt, diags, &d) != KG_SUCCESS) return EXIT_IO;
    int failed = 0;
    for (int i = first; i < argc; i++)
        if (kg_rdf_read_file(argv[i], d, diags) != KG_SUCCESS) failed = 1;
    int bad = kg_sink_end(d) != KG_SUCCESS;
    kg_sink_free(d);
    return bad ? EXIT_IO : failed ? EXIT_INPUT : EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* kg merge                                                           */
/* ------------------------------------------------------------------ */

static int run_merge(int argc, char **argv, const kg_diag_sink *diags, options *o)
{
    int first;
    int r = parse_args(argc, argv, o, &first);
    if (r) return r > 0 ? EXIT_OK : EXIT_USAGE;
    if (first >= argc) {
        usage_error("kg merge needs shard files or directories%s", "");
        return EXIT_USAGE;
    }
    /* the format: -f, else the extension of -o, else Turtle */
    kg_rdf_format f = KG_RDF_TURTLE;
    const char *dot = o->output ? strrchr(o->output, '.') : NULL;
    if (o->format_set)
        kg_rdf_format_from_name(o->format, &f);
    else if (dot)
        kg_rdf_format_from_name(dot + 1, &f);
    if (strcmp(o->format, "conllu") == 0 || strcmp(o->format, "carb") == 0) {
        usage_error("kg merge writes turtle, ntriples or nquads, not '%s'", o->format);
        return EXIT_USAGE;
    }
    o->format = kg_rdf_format_ext(f);
    kg_input_list in = {0};
    in.glob = "*.nt,*.nq,*.ttl";
    in.ordered = 1;
    kg_inputs_collect(argv + first, (size_t)(argc - first), diags, &in);
    int failed = in.missing > 0, io_error = 0;
    stream out;
    if (stream_open(&out, o->output, o->format, diags) != 0) {
        kg_inputs_free(&in);
        return EXIT_IO;
    }
    for (size_t i = 0; i < in.n && !io_error; i++) {
        if (kg_rdf_read_file(in.items[i].path, out.merged, diags) != KG_SUCCESS) failed = 1;
        if (ferror(out.fp) || kg_sink_flush(out.merged) != KG_SUCCESS) io_error = 1;
    }
    if (stream_close(&out, !io_error, diags) != 0) io_error = 1;
    kg_inputs_free(&in);
    io_error |= close_stdout(0);
    return io_error ? EXIT_IO : failed ? EXIT_INPUT : EXIT_OK;
}

/* ------------------------------------------------------------------ */
/* kg                                                                 */
/* ------------------------------------------------------------------ */

/* The sequential modes: CaRB tuples and CoNLL-U re-annotation read their
 * input as a stream of sentences.  @return 0, or -1 when the input failed;
 * sets *io_error on a write error. */
static int run_stream_mode(kg_pipeline *p, kg_openie *oie, const char *path, FILE *out,
                           const kg_diag_sink *diags, int *io_error)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, path, 0, 0, UINT64_MAX, "cannot open: %s",
                       strerror(errno));
        return -1;
    }
    kg_status st =
        oie ? kg_openie_write_carb(oie, kg_pipeline_tagger(p), fp, path, out, diags, NULL)
            : kg_pipeline_reannotate_conllu(p, fp, path, out);
    *io_error |= st == KG_ERR_IO;
    if (fp != stdin) fclose(fp);
    return st == KG_SUCCESS ? 0 : -1;
}

int main(int argc, char **argv)
{
    options o = {0};
    o.format = "turtle";
    o.input_format = "text";
    o.provenance = 1;
    o.parse = 1;
    o.beam = -1;
    kg_diag_sink diags = {print_diag, &o};

    if (argc > 1 && strcmp(argv[1], "draw") == 0) return run_draw(argc - 1, argv + 1, &diags, &o);
    if (argc > 1 && strcmp(argv[1], "merge") == 0) return run_merge(argc - 1, argv + 1, &diags, &o);

    int first;
    int r = parse_args(argc, argv, &o, &first);
    if (r) return r > 0 ? EXIT_OK : EXIT_USAGE;

    kg_pipeline_opts popt = kg_pipeline_opts_default();
    popt.base = o.base;
    popt.parse = o.parse;
    popt.tagger_model = o.model;
    popt.beam = o.beam;
    if (o.max_bytes) popt.reader.max_bytes = o.max_bytes;
    popt.reader.no_header = o.no_header;
    popt.max_sentence_tokens = o.max_sentence;
    kg_pipeline *p;
    if (kg_pipeline_new(&popt, &diags, &p) != KG_SUCCESS) return EXIT_IO;
    int failed = 0, io_error = 0;
    for (size_t i = 0; i < o.n_lexicons; i++)
        if (kg_pipeline_add_lexicon(p, o.lexicons[i]) != KG_SUCCESS) {
            kg_pipeline_free(p);
            return EXIT_USAGE;
        }
    for (size_t i = 0; i < o.n_gazetteers; i++)
        if (kg_pipeline_add_gazetteer(p, o.gazetteers[i]) != KG_SUCCESS) {
            kg_pipeline_free(p);
            return EXIT_USAGE;
        }

    char *stdin_arg[] = {(char *)"-"};
    kg_input_list in = {0};
    in.glob = o.glob;
    in.all_jsonl = strcmp(o.input_format, "jsonl") == 0;
    if (first < argc)
        kg_inputs_collect(argv + first, (size_t)(argc - first), &diags, &in);
    else
        kg_inputs_collect(stdin_arg, 1, &diags, &in);
    failed |= in.missing > 0;

    int conllu = strcmp(o.format, "conllu") == 0;
    int stream_mode = o.sentences || (conllu && strcmp(o.input_format, "conllu") == 0);
    kg_batch_opts bopt = kg_batch_opts_default();
    bopt.jobs = (unsigned)o.jobs;
    bopt.output = conllu ? KG_BATCH_CONLLU : KG_BATCH_RDF;
    kg_rdf_format f = KG_RDF_TURTLE;
    if (!conllu && !o.sentences) kg_rdf_format_from_name(o.format, &f);
    bopt.rdf_format = (int)f;
    bopt.emit.provenance = o.provenance;
    bopt.emit.min_confidence = o.min_confidence;
    bopt.emit.named_graph = f == KG_RDF_NQUADS;
    bopt.reader = popt.reader;
    bopt.output_dir = o.output_dir;
    bopt.resume = o.resume;
    bopt.progress = !o.quiet;

    stream main_out = {0};
    int have_main = !o.output_dir;
    if (have_main && stream_open(&main_out, o.output, o.format, &diags) != 0) {
        kg_inputs_free(&in);
        kg_pipeline_free(p);
        return EXIT_IO;
    }
    kg_sink *diagram = NULL;
    if (o.diagram) {
        kg_diagram_opts dopt = kg_diagram_opts_default();
        dopt.layout = o.layout;
        dopt.top = o.top;
        dopt.min_confidence = o.min_confidence;
        dopt.types = o.types;
        dopt.relations = o.relations;
        dopt.cluster = o.cluster;
        if (kg_diagram_sink_new(o.diagram, &dopt, &diags, &diagram) != KG_SUCCESS) io_error = 1;
    }

    if (stream_mode) {
        kg_openie *oie = o.sentences ? kg_openie_new(NULL) : NULL;
        for (size_t k = 0; k < in.n && !io_error; k++)
            if (run_stream_mode(p, oie, in.items[k].path, main_out.fp, &diags, &io_error) != 0)
                failed = 1;
        kg_openie_free(oie);
    } else if (!io_error) {
        kg_batch_stats stats;
        kg_status st = kg_batch_run(p, &bopt, &in, main_out.merged, conllu ? main_out.fp : NULL,
                                    diagram, &diags, &stats);
        failed |= st == KG_FAILURE || st == KG_ERR_LIB;
        io_error |= st == KG_ERR_IO;
        stats.failed += in.missing;
        if (!o.quiet && (o.stats || stats.articles + stats.failed + stats.skipped > 1))
            kg_batch_stats_print(stderr, &stats, o.jobs ? (unsigned)o.jobs : kg_ncpus());
    }

    int said = 0;
    if (have_main && io_error && ferror(main_out.fp)) {
        said = !o.output;
        int e = errno;
        kg_diag_report(&diags, KG_ERROR, KG_ERR_IO, o.output ? o.output : "<stdout>", 0, 0,
                       UINT64_MAX, "write error: %s", e ? strerror(e) : "failed");
    }
    if (have_main && stream_close(&main_out, !io_error, &diags) != 0) io_error = 1;
    if (diagram) {
        if (!io_error && kg_sink_end(diagram) != KG_SUCCESS) io_error = 1;
        kg_sink_free(diagram);
    }
    kg_inputs_free(&in);
    kg_pipeline_free(p);
    io_error |= close_stdout(said);
    return io_error ? EXIT_IO : failed ? EXIT_INPUT : EXIT_OK;
}
