/* SPDX-License-Identifier: MIT
 * kg: the raptor2 writers (Turtle, N-Triples, N-Quads) and reader. */

#include "kg/turtle.h"

#include "util.h"

#include <raptor2.h>

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Formats                                                            */
/* ------------------------------------------------------------------ */

static const struct {
    const char *name;
    kg_rdf_format fmt;
} format_names[] = {
    {"turtle", KG_RDF_TURTLE}, {"ttl", KG_RDF_TURTLE},         {"ntriples", KG_RDF_NTRIPLES},
    {"nt", KG_RDF_NTRIPLES},   {"n-triples", KG_RDF_NTRIPLES}, {"nquads", KG_RDF_NQUADS},
    {"nq", KG_RDF_NQUADS},     {"n-quads", KG_RDF_NQUADS},
};

kg_status kg_rdf_format_from_name(const char *name, kg_rdf_format *out)
{
    if (!name || !out) return KG_ERR_ARG;
    for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++) {
        if (strcmp(name, format_names[i].name) == 0) {
            *out = format_names[i].fmt;
            return KG_SUCCESS;
        }
    }
    return KG_ERR_ARG;
}

const char *kg_rdf_format_ext(kg_rdf_format fmt)
{
    switch (fmt) {
    case KG_RDF_TURTLE:
        return "ttl";
    case KG_RDF_NTRIPLES:
        return "nt";
    case KG_RDF_NQUADS:
        return "nq";
    }
    return "ttl";
}

/* raptor's names for our formats, for both serializer and parser. */
static const char *raptor_name(kg_rdf_format fmt)
{
    switch (fmt) {
    case KG_RDF_TURTLE:
        return "turtle";
    case KG_RDF_NTRIPLES:
        return "ntriples";
    case KG_RDF_NQUADS:
        return "nquads";
    }
    return "turtle";
}

/* ------------------------------------------------------------------ */
/* Log routing                                                        */
/* ------------------------------------------------------------------ */

/* raptor reports through one per-world log handler; we point it at this
 * state so that nothing reaches stderr and errors are counted. */
typedef struct logstate {
    kg_diag_sink diags;   // copy of the caller's sink (fn may be NULL)
    const char *file;     // file name for diagnostics, or NULL
    kg_status err_status; // status an error message maps to
    size_t errors;        // error and fatal messages seen
} logstate;

static void on_log(void *user_data, raptor_log_message *m)
{
    logstate *ls = user_data;
    kg_severity sev = KG_NOTE;
    kg_status st = KG_SUCCESS;
    if (m->level >= RAPTOR_LOG_LEVEL_ERROR) {
        sev = KG_ERROR;
        st = ls->err_status;
        ls->errors++;
    } else if (m->level == RAPTOR_LOG_LEVEL_WARN) {
        sev = KG_WARNING;
    } else {
        return; // debug, trace, info: not for the user
    }
    uint64_t line = 0, col = 0, off = UINT64_MAX;
    if (m->locator) {
        if (m->locator->line > 0) line = (uint64_t)m->locator->line;
        if (m->locator->column > 0) col = (uint64_t)m->locator->column;
        if (m->locator->byte >= 0) off = (uint64_t)m->locator->byte;
    }
    kg_diag_report(&ls->diags, sev, st, ls->file, line, col, off, "%s",
                   m->text ? m->text : "raptor error");
}

/* raptor2 sets up and tears down libxml2's global state when a world is
 * opened and freed (raptor_libxml_init/finish), and saves and restores
 * libxml2's global error handlers.  Neither is thread-safe, and kg opens
 * worlds in worker threads (one writer per article of a batch): opening
 * and freeing are serialised here, and the handler juggling is switched
 * off (kg parses no XML). */
static pthread_mutex_t world_lock = PTHREAD_MUTEX_INITIALIZER;

/* A world whose messages go to @p ls.  NULL when raptor fails. */
static raptor_world *open_world(logstate *ls)
{
    pthread_mutex_lock(&world_lock);
    raptor_world *w = raptor_new_world();
    if (w) {
        raptor_world_set_flag(w, RAPTOR_WORLD_FLAG_LIBXML_GENERIC_ERROR_SAVE, 0);
        raptor_world_set_flag(w, RAPTOR_WORLD_FLAG_LIBXML_STRUCTURED_ERROR_SAVE, 0);
        raptor_world_set_log_handler(w, ls, on_log);
        if (raptor_world_open(w) != 0) {
            raptor_free_world(w);
            w = NULL;
        }
    }
    pthread_mutex_unlock(&world_lock);
    return w;
}

static void close_world(raptor_world *w)
{
    if (!w) return;
    pthread_mutex_lock(&world_lock);
    raptor_free_world(w);
    pthread_mutex_unlock(&world_lock);
}

/* ------------------------------------------------------------------ */
/* Writer                                                             */
/* ------------------------------------------------------------------ */

typedef struct rdf_writer {
    raptor_world *world;
    raptor_serializer *ser;
    FILE *out; // borrowed
    kg_rdf_format fmt;
    logstate log;
    int started;          // serializer attached to out
    raptor_iostream *ios; // the first chunk's stream to out
    int ended;            // kg_sink_end done
    /* Turtle in chunks (kg_sink_flush): chunks after the first are
     * serialised to memory and written without their prefix lines. */
    size_t chunk;     // chunks finished
    void *chunk_buf;  // raptor's string for the current chunk (chunk > 0)
    size_t chunk_len; // its length
    char **ns;        // declared prefixes: name, IRI, name, IRI, ...
    size_t n_ns, cap_ns;
    /* IRI terms made so far (predicates, classes, datatypes and the first
     * entities), shared by reference: raptor interns every new IRI in a
     * tree, which costs more than a hash lookup. */
    kg_strmap iri_index;
    raptor_term **iris;
    size_t n_iris, cap_iris;
} rdf_writer;

enum { IRI_CACHE = 4096 };

/* A new reference to the IRI term of @p iri, or NULL when raptor refuses
 * it. */
static raptor_term *iri_term(rdf_writer *wr, const char *iri)
{
    size_t len = strlen(iri), at;
    if (kg_strmap_get(&wr->iri_index, iri, len, &at)) return raptor_term_copy(wr->iris[at]);
    raptor_term *t = raptor_new_term_from_uri_string(wr->world, (const unsigned char *)iri);
    if (!t || wr->n_iris >= IRI_CACHE) return t;
    kg_strmap_put(&wr->iri_index, iri, len, wr->n_iris);
    KG_PUSH(wr->iris, wr->n_iris, wr->cap_iris, t);
    return raptor_term_copy(t);
}

/* raptor 2.0.15's Turtle writer puts a literal in a short "..." string
 * unless it holds a line feed, and writes a carriage return there raw,
 * which no Turtle parser accepts.  For Turtle, a literal with carriage
 * returns but no line feed gets line feeds instead (an old Mac line end is
 * still a line end); with a line feed raptor picks a long string, where a
 * raw carriage return is valid.  Caller frees the result, or NULL when the
 * literal is fine as it is. */
static char *turtle_safe_copy(const char *lex)
{
    if (!strchr(lex, '\r') || strchr(lex, '\n')) return NULL;
    char *copy = kg_xstrndup(lex, strlen(lex));
    for (char *c = copy; *c; c++)
        if (*c == '\r') *c = '\n';
    return copy;
}

static raptor_term *make_term(rdf_writer *wr, const kg_term *t, int turtle)
{
    const unsigned char *v = (const unsigned char *)t->value;
    switch (t->kind) {
    case KG_TERM_IRI:
        return iri_term(wr, t->value);
    case KG_TERM_BLANK:
        return raptor_new_term_from_blank(wr->world, v);
    case KG_TERM_LITERAL: {
        raptor_term *dt = NULL;
        const unsigned char *lang = NULL;
        if (t->lang && *t->lang)
            lang = (const unsigned char *)t->lang;
        else if (t->datatype)
            dt = iri_term(wr, t->datatype);
        char *safe = turtle ? turtle_safe_copy(t->value) : NULL;
        if (safe) v = (const unsigned char *)safe;
        // The literal copies the string and takes its own reference to
        // the datatype.
        raptor_term *term =
            raptor_new_term_from_literal(wr->world, v, dt ? dt->value.uri : NULL, lang);
        if (dt) raptor_free_term(dt);
        free(safe);
        return term;
    }
    }
    return NULL;
}

/* Attach the serializer to the output on first use, so that prefixes sent
 * before the first statement are declared before anything is written. */
/* raptor writes a byte at a time; its file-handle stream calls fputc(),
 * which locks the stream for every byte.  This one does not: the writer's
 * stream is written from one thread at a time. */
static int ios_write_byte(void *ctx, const int byte)
{
    return putc_unlocked(byte, ((rdf_writer *)ctx)->out) == EOF;
}

static int ios_write_bytes(void *ctx, const void *ptr, size_t size, size_t nmemb)
{
    return (int)fwrite(ptr, size, nmemb, ((rdf_writer *)ctx)->out);
}

static const raptor_iostream_handler ios_handler = {
    .version = 2, .write_byte = ios_write_byte, .write_bytes = ios_write_bytes};

static kg_status writer_start(rdf_writer *wr)
{
    if (wr->started) return KG_SUCCESS;
    // Base URI NULL: with a base, raptor relativises every IRI.
    int rc;
    if (wr->chunk == 0) {
        wr->ios = raptor_new_iostream_from_handler(wr->world, wr, &ios_handler);
        rc = wr->ios ? raptor_serializer_start_to_iostream(wr->ser, NULL, wr->ios) : 1;
    } else {
        rc = raptor_serializer_start_to_string(wr->ser, NULL, &wr->chunk_buf, &wr->chunk_len);
    }
    if (rc != 0) return KG_ERR_LIB;
    wr->started = 1;
    return KG_SUCCESS;
}

/* Write a later chunk without the prefix lines the first one declared. */
static void write_chunk(rdf_writer *wr)
{
    const char *s = wr->chunk_buf;
    size_t n = wr->chunk_len;
    if (!s) return;
    while (n >= 8 && memcmp(s, "@prefix ", 8) == 0) {
        const char *nl = memchr(s, '\n', n);
        if (!nl) break;
        n -= (size_t)(nl + 1 - s);
        s = nl + 1;
    }
    if (n && s != wr->chunk_buf && *s == '\n') {
        s++;
        n--;
    }
    if (n) fwrite(s, 1, n, wr->out);
    raptor_free_memory(wr->chunk_buf);
    wr->chunk_buf = NULL;
    wr->chunk_len = 0;
}

/* Finish the serialisation under way.  @return KG_SUCCESS, KG_ERR_IO or
 * KG_ERR_LIB. */
static kg_status writer_finish(rdf_writer *wr)
{
    size_t errors = wr->log.errors;
    int rc = raptor_serializer_serialize_end(wr->ser);
    if (wr->ios) {
        raptor_free_iostream(wr->ios);
        wr->ios = NULL;
    }
    if (wr->chunk > 0) write_chunk(wr);
    // raptor does not report failed writes; stdio remembers them.
    if (fflush(wr->out) != 0 || ferror(wr->out)) return KG_ERR_IO;
    if (rc != 0 || wr->log.errors != errors) return KG_ERR_LIB;
    return KG_SUCCESS;
}

static kg_status writer_prefix(void *handle, const char *name, const char *iri)
{
    rdf_writer *wr = handle;
    if (wr->fmt != KG_RDF_TURTLE) return KG_SUCCESS; // N-Triples and N-Quads have no prefixes
    for (size_t i = 0; i < wr->n_ns; i += 2)
        if (strcmp(wr->ns[i], name) == 0) return KG_SUCCESS;
    char *nm = kg_xstrndup(name, strlen(name)), *ir = kg_xstrndup(iri, strlen(iri));
    KG_PUSH(wr->ns, wr->n_ns, wr->cap_ns, nm);
    KG_PUSH(wr->ns, wr->n_ns, wr->cap_ns, ir);
    raptor_uri *u = raptor_new_uri(wr->world, (const unsigned char *)iri);
    if (!u) return KG_ERR_LIB;
    // raptor refuses a prefix or namespace already declared, including the
    // rdf: it declares itself.  A prefix is only an abbreviation: a refused
    // one must not stop the caller from declaring the rest.
    (void)raptor_serializer_set_namespace(wr->ser, u, (const unsigned char *)name);
    raptor_free_uri(u);
    return KG_SUCCESS;
}

static kg_status writer_triple(void *handle, const kg_term *g, const kg_term *s, const kg_term *p,
                               const kg_term *o)
{
    rdf_writer *wr = handle;
    kg_status st;
    if (wr->ended) return KG_ERR_ARG;
    TRY(st, writer_start(wr));
    raptor_term *gt = NULL;
    int ttl = wr->fmt == KG_RDF_TURTLE;
    if (wr->fmt == KG_RDF_NQUADS && g && g->value) gt = make_term(wr, g, 0);
    // The statement owns the four terms and frees them.
    raptor_statement *rs = raptor_new_statement_from_nodes(
        wr->world, make_term(wr, s, ttl), make_term(wr, p, ttl), make_term(wr, o, ttl), gt);
    if (!rs) return KG_ERR_LIB;
    size_t errors = wr->log.errors;
    int rc = raptor_serializer_serialize_statement(wr->ser, rs);
    raptor_free_statement(rs);
    if (rc != 0 || wr->log.errors != errors) return KG_ERR_LIB;
    if (ferror(wr->out)) return KG_ERR_IO;
    return KG_SUCCESS;
}

static kg_status writer_end(void *handle)
{
    rdf_writer *wr = handle;
    kg_status st;
    if (wr->ended) return KG_SUCCESS;
    if (!wr->started && wr->chunk > 0) {
        wr->ended = 1; // nothing since the last flush
        return KG_SUCCESS;
    }
    TRY(st, writer_start(wr));
    wr->ended = 1;
    // Turtle writes everything here: raptor buffers it to group subjects.
    return writer_finish(wr);
}

/* kg_sink_flush(): end a chunk (Turtle) or flush the stream. */
static kg_status writer_flush(void *handle)
{
    rdf_writer *wr = handle;
    if (wr->ended) return KG_ERR_ARG;
    if (wr->fmt != KG_RDF_TURTLE) return fflush(wr->out) == 0 ? KG_SUCCESS : KG_ERR_IO;
    if (!wr->started) return KG_SUCCESS;
    kg_status st = writer_finish(wr);
    if (st != KG_SUCCESS) return st;
    /* a fresh serializer for the next chunk, with the same prefixes */
    raptor_free_serializer(wr->ser);
    wr->ser = raptor_new_serializer(wr->world, raptor_name(wr->fmt));
    if (!wr->ser) return KG_ERR_LIB;
    for (size_t i = 0; i < wr->n_ns; i += 2) {
        raptor_uri *u = raptor_new_uri(wr->world, (const unsigned char *)wr->ns[i + 1]);
        if (!u) return KG_ERR_LIB;
        (void)raptor_serializer_set_namespace(wr->ser, u, (const unsigned char *)wr->ns[i]);
        raptor_free_uri(u);
    }
    wr->started = 0;
    wr->chunk++;
    return KG_SUCCESS;
}

static void writer_free(void *handle)
{
    rdf_writer *wr = handle;
    if (!wr) return;
    if (wr->ser) raptor_free_serializer(wr->ser);
    if (wr->ios) raptor_free_iostream(wr->ios);
    for (size_t i = 0; i < wr->n_iris; i++)
        raptor_free_term(wr->iris[i]);
    free(wr->iris);
    kg_strmap_clear(&wr->iri_index);
    if (wr->chunk_buf) raptor_free_memory(wr->chunk_buf);
    for (size_t i = 0; i < wr->n_ns; i++)
        free(wr->ns[i]);
    free(wr->ns);
    close_world(wr->world);
    free(wr);
}

kg_status kg_rdf_sink_new(FILE *out, kg_rdf_format fmt, const kg_diag_sink *diags, kg_sink **sink)
{
    if (!out || !sink || (fmt != KG_RDF_TURTLE && fmt != KG_RDF_NTRIPLES && fmt != KG_RDF_NQUADS))
        return KG_ERR_ARG;
    *sink = NULL;
    rdf_writer *wr = kg_xcalloc(1, sizeof *wr);
    wr->out = out;
    wr->fmt = fmt;
    if (diags) wr->log.diags = *diags;
    wr->log.err_status = KG_ERR_LIB;
    wr->world = open_world(&wr->log);
    if (wr->world) wr->ser = raptor_new_serializer(wr->world, raptor_name(fmt));
    if (!wr->world || !wr->ser) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_LIB, NULL, 0, 0, UINT64_MAX,
                       "raptor2: cannot create a %s serializer", raptor_name(fmt));
        writer_free(wr);
        return KG_ERR_LIB;
    }
    *sink = kg_sink_new(writer_prefix, writer_triple, writer_end, writer_free, wr);
    (*sink)->flush = writer_flush;
    return KG_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* Reader                                                             */
/* ------------------------------------------------------------------ */

typedef struct reader {
    raptor_parser *parser;
    kg_sink *sink;
    kg_status sink_status; // first error the sink returned
} reader;

/* Borrow a raptor term as a kg_term (valid during the handler call). */
static int view_term(const raptor_term *t, kg_term *out)
{
    if (!t) return 0;
    switch (t->type) {
    case RAPTOR_TERM_TYPE_URI:
        *out = kg_iri((const char *)raptor_uri_as_string(t->value.uri));
        return 1;
    case RAPTOR_TERM_TYPE_BLANK:
        *out = kg_blank((const char *)t->value.blank.string);
        return 1;
    case RAPTOR_TERM_TYPE_LITERAL:
        /* raptor 2.0.15 keeps a language tag's length in an unsigned char:
         * a tag of 256 bytes or more comes back cut and without its NUL
         * (found by fuzz/fuzz_rdf).  Drop such a statement rather than read
         * past the tag. */
        if (t->value.literal.language &&
            t->value.literal.language[t->value.literal.language_len] != '\0')
            return 0;
        *out = kg_literal((const char *)t->value.literal.string,
                          t->value.literal.datatype
                              ? (const char *)raptor_uri_as_string(t->value.literal.datatype)
                              : NULL,
                          (const char *)t->value.literal.language);
        return 1;
    case RAPTOR_TERM_TYPE_UNKNOWN:
        break;
    }
    return 0;
}

static void on_statement(void *user_data, raptor_statement *rs)
{
    reader *rd = user_data;
    if (rd->sink_status != KG_SUCCESS) return;
    kg_term s, p, o, g;
    if (!view_term(rs->subject, &s) || !view_term(rs->predicate, &p) || !view_term(rs->object, &o))
        return;
    int has_graph = view_term(rs->graph, &g);
    kg_status st = kg_sink_triple(rd->sink, has_graph ? &g : NULL, &s, &p, &o);
    if (st != KG_SUCCESS) {
        rd->sink_status = st;
        raptor_parser_parse_abort(rd->parser);
    }
}

/* The format of @p path from its extension, or -1. */
static int format_of_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash)) return -1;
    kg_rdf_format fmt;
    if (kg_rdf_format_from_name(dot + 1, &fmt) != KG_SUCCESS) return -1;
    return (int)fmt;
}

/* raptor 2.0.15 keeps a language tag's length in an unsigned char and, for
 * a tag of 256 bytes or more, writes past the buffer it allocated for it
 * (heap corruption; found by fuzz/fuzz_rdf).  Before parsing, look for 256
 * or more bytes after "@ or '@ up to white space or punctuation, and
 * return the line of the first such tag (0: none).  The stream is rewound;
 * input that cannot seek is not checked. */
static uint64_t long_lang_tag_line(FILE *f)
{
    long start = ftell(f);
    if (start < 0) return 0;
    static const char stop[] = " \t\r\n<>\"'#;,)]^";
    uint64_t line = 1, found = 0;
    size_t run = 0;
    int prev = 0, in_tag = 0, c;
    while (!found && (c = getc(f)) != EOF) {
        if (c == '\n') line++;
        if (in_tag) {
            if (c != 0 && memchr(stop, c, sizeof stop - 1))
                in_tag = 0;
            else if (++run > 255)
                found = line;
        } else if (c == '@' && (prev == '"' || prev == '\'')) {
            in_tag = 1;
            run = 0;
        }
        prev = c;
    }
    clearerr(f);
    if (fseek(f, start, SEEK_SET) != 0) return 0;
    return found;
}

kg_status kg_rdf_read_file(const char *path, kg_sink *sink, const kg_diag_sink *diags)
{
    if (!path || !sink) return KG_ERR_ARG;
    int fmt = format_of_path(path);
    if (fmt < 0) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_ARG, path, 0, 0, UINT64_MAX,
                       "unknown RDF file extension (expected .ttl, .nt or .nq)");
        return KG_ERR_ARG;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, path, 0, 0, UINT64_MAX, "cannot open: %s",
                       strerror(errno));
        return KG_ERR_IO;
    }
    uint64_t long_tag = long_lang_tag_line(f);
    if (long_tag) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_SYNTAX, path, long_tag, 0, UINT64_MAX,
                       "language tag longer than 255 bytes (raptor2 cannot hold it)");
        fclose(f);
        return KG_ERR_SYNTAX;
    }
    logstate ls = {{NULL, NULL}, path, KG_ERR_SYNTAX, 0};
    if (diags) ls.diags = *diags;
    kg_status st = KG_SUCCESS;
    reader rd = {NULL, sink, KG_SUCCESS};
    raptor_uri *base = NULL;
    unsigned char *base_str = NULL;
    raptor_world *w = open_world(&ls);
    if (w) rd.parser = raptor_new_parser(w, raptor_name((kg_rdf_format)fmt));
    if (rd.parser) base_str = raptor_uri_filename_to_uri_string(path);
    if (base_str) base = raptor_new_uri(w, base_str);
    if (!base) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_LIB, path, 0, 0, UINT64_MAX,
                       "raptor2: cannot create a parser");
        st = KG_ERR_LIB;
        goto done;
    }
    raptor_parser_set_statement_handler(rd.parser, &rd, on_statement);
    int rc = raptor_parser_parse_file_stream(rd.parser, f, path, base);
    if (rd.sink_status != KG_SUCCESS)
        st = rd.sink_status;
    else if (ferror(f))
        st = KG_ERR_IO;
    else if (rc != 0 || ls.errors)
        st = KG_ERR_SYNTAX;
    if (st == KG_ERR_SYNTAX && !ls.errors)
        kg_diag_report(diags, KG_ERROR, KG_ERR_SYNTAX, path, 0, 0, UINT64_MAX, "parse failed");
    if (st == KG_ERR_IO)
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, path, 0, 0, UINT64_MAX, "read error");
done:
    if (base) raptor_free_uri(base);
    if (base_str) raptor_free_memory(base_str);
    if (rd.parser) raptor_free_parser(rd.parser);
    close_world(w);
    fclose(f);
    return st;
}
