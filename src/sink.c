/* SPDX-License-Identifier: MIT
 * kg: the statement sink, the tee sink and the sorted N-Triples writer. */

#include "kg/sink.h"

#include "kg/graph.h"

#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* The sink itself                                                    */
/* ------------------------------------------------------------------ */

kg_sink *kg_sink_new(kg_prefix_fn prefix, kg_triple_fn triple, kg_end_fn end, kg_free_fn free_fn,
                     void *handle)
{
    kg_sink *s = kg_xmalloc(sizeof *s);
    s->prefix = prefix;
    s->triple = triple;
    s->end = end;
    s->free = free_fn;
    s->handle = handle;
    s->flush = NULL;
    return s;
}

kg_status kg_sink_prefix(kg_sink *sink, const char *name, const char *iri)
{
    if (!sink || !name || !iri) return KG_ERR_ARG;
    return sink->prefix ? sink->prefix(sink->handle, name, iri) : KG_SUCCESS;
}

kg_status kg_sink_triple(kg_sink *sink, const kg_term *graph, const kg_term *s, const kg_term *p,
                         const kg_term *o)
{
    if (!sink || !s || !p || !o || !s->value || !p->value || !o->value) return KG_ERR_ARG;
    return sink->triple ? sink->triple(sink->handle, graph, s, p, o) : KG_SUCCESS;
}

kg_status kg_sink_end(kg_sink *sink)
{
    if (!sink) return KG_ERR_ARG;
    return sink->end ? sink->end(sink->handle) : KG_SUCCESS;
}

kg_status kg_sink_flush(kg_sink *sink)
{
    if (!sink) return KG_ERR_ARG;
    return sink->flush ? sink->flush(sink->handle) : KG_SUCCESS;
}

void kg_sink_free(kg_sink *sink)
{
    if (!sink) return;
    if (sink->free) sink->free(sink->handle);
    free(sink);
}

/* ------------------------------------------------------------------ */
/* Tee                                                                */
/* ------------------------------------------------------------------ */

typedef struct tee {
    kg_sink **targets; // borrowed sinks, owned array
    size_t n;
} tee;

static kg_status tee_prefix(void *handle, const char *name, const char *iri)
{
    tee *t = handle;
    kg_status first = KG_SUCCESS;
    for (size_t i = 0; i < t->n; i++) {
        kg_status st = kg_sink_prefix(t->targets[i], name, iri);
        if (first == KG_SUCCESS) first = st;
    }
    return first;
}

static kg_status tee_triple(void *handle, const kg_term *g, const kg_term *s, const kg_term *p,
                            const kg_term *o)
{
    tee *t = handle;
    kg_status first = KG_SUCCESS;
    for (size_t i = 0; i < t->n; i++) {
        kg_status st = kg_sink_triple(t->targets[i], g, s, p, o);
        if (first == KG_SUCCESS) first = st;
    }
    return first;
}

/* Call @p op on every target, even after an error, so that each can
 * flush; the first error wins. */
static kg_status tee_all(const tee *t, kg_status (*op)(kg_sink *))
{
    kg_status first = KG_SUCCESS;
    for (size_t i = 0; i < t->n; i++) {
        kg_status st = op(t->targets[i]);
        if (first == KG_SUCCESS) first = st;
    }
    return first;
}

static kg_status tee_end(void *handle)
{
    return tee_all(handle, kg_sink_end);
}

static kg_status tee_flush(void *handle)
{
    return tee_all(handle, kg_sink_flush);
}

static void tee_free(void *handle)
{
    tee *t = handle;
    if (!t) return;
    free(t->targets);
    free(t);
}

kg_sink *kg_tee_sink_new(kg_sink *const *targets, size_t n)
{
    tee *t = kg_xcalloc(1, sizeof *t);
    t->targets = kg_xcalloc(n ? n : 1, sizeof *t->targets);
    for (size_t i = 0; i < n; i++)
        t->targets[i] = targets[i];
    t->n = n;
    kg_sink *s = kg_sink_new(tee_prefix, tee_triple, tee_end, tee_free, t);
    s->flush = tee_flush;
    return s;
}

/* ------------------------------------------------------------------ */
/* Merging the articles of a corpus                                   */
/* ------------------------------------------------------------------ */

int kg_is_description(const kg_term *p, const kg_term *o)
{
    const char *pv = p->value;
    if (strcmp(pv, KG_RDFS "label") == 0 || strcmp(pv, KG_SKOS "altLabel") == 0 ||
        strcmp(pv, KG_SCHEMA "identifier") == 0 || strcmp(pv, KG_NS "mentionCount") == 0)
        return 1;
    if (strcmp(pv, KG_RDF "type") != 0 || o->kind != KG_TERM_IRI) return 0;
    if (strcmp(o->value, KG_OWL "ObjectProperty") == 0 ||
        strcmp(o->value, KG_OWL "DatatypeProperty") == 0)
        return 1;
    size_t n = strlen(KG_SCHEMA);
    if (strncmp(o->value, KG_SCHEMA, n) != 0) return 0;
    const char *local = o->value + n;
    return strcmp(local, "Thing") == 0 || kg_class_from_name(local) != KG_CLASS_THING;
}

/* One kept statement as its sort key: subject, predicate and object, each
 * as a kind byte and three fields (value, datatype, language) ended by
 * byte 1; bytes 1, 2 and LF inside a field are escaped as 2, byte + 32.
 * So byte 1 only separates fields, the key holds no LF (it can be a line
 * of a spill file), and keys sort the same in memory and on disk. */
typedef struct merge_row {
    char *key;
    uint64_t mention; ///< summed kg:mentionCount (when the predicate is that)
} merge_row;

/* A sorted run written to a temporary file when the table outgrew its
 * budget: one "MENTION KEY\n" line per row. */
typedef struct merge_run {
    FILE *fp;
    char *line; ///< current line (getline's buffer)
    size_t cap; ///< its size
    char *key;  ///< current key (in line), or NULL at the end
    uint64_t mention;
} merge_run;

typedef struct merger {
    kg_sink *target;
    kg_strmap index; ///< key -> row
    merge_row *rows;
    size_t n, cap;
    size_t bytes;  ///< memory the table holds, roughly
    size_t budget; ///< spill beyond this
    merge_run *runs;
    size_t n_runs, cap_runs;
    kg_status error; ///< a spill failed
    int ended;
} merger;

enum { MERGE_BUDGET = 24u << 20 };

static kg_status merge_prefix(void *handle, const char *name, const char *iri)
{
    merger *m = handle;
    return kg_sink_prefix(m->target, name, iri);
}

static void key_field(kg_buf *b, const char *v)
{
    while (v && *v) {
        size_t run = strcspn(v, "\1\2\n");
        kg_buf_add(b, v, run);
        v += run;
        if (!*v) break;
        char esc[2] = {2, (char)(*v + 32)};
        kg_buf_add(b, esc, 2);
        v++;
    }
    kg_buf_add(b, "\1", 1);
}

static void key_term(kg_buf *b, const kg_term *t)
{
    char kind = (char)('0' + (int)t->kind);
    kg_buf_add(b, &kind, 1);
    key_field(b, t->value);
    key_field(b, t->datatype);
    key_field(b, t->lang);
}

/* Decode @p key into @p out (at least strlen(key) + 1 bytes) and point the
 * three terms into it. */
static void key_decode(const char *key, char *out, kg_term t[3])
{
    const char *c = key;
    char *o = out;
    for (int i = 0; i < 3; i++) {
        t[i].kind = (kg_term_kind)(*c++ - '0');
        const char *field[3];
        for (int f = 0; f < 3; f++) {
            field[f] = o;
            for (; *c && *c != 1; c++) {
                if (*c == 2 && c[1]) {
                    c++;
                    *o++ = (char)(*c - 32);
                } else {
                    *o++ = *c;
                }
            }
            if (*c == 1) c++;
            *o++ = '\0';
        }
        t[i].value = field[0];
        t[i].datatype = *field[1] ? field[1] : NULL;
        t[i].lang = *field[2] ? field[2] : NULL;
    }
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const merge_row *)a)->key, ((const merge_row *)b)->key);
}

static void clear_rows(merger *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->rows[i].key);
    m->n = 0;
    m->bytes = 0;
    kg_strmap_clear(&m->index);
    memset(&m->index, 0, sizeof m->index);
}

/* Write the table, sorted, to a temporary file and empty it. */
static kg_status spill(merger *m)
{
    if (m->n > 1) qsort(m->rows, m->n, sizeof *m->rows, by_key);
    FILE *fp = tmpfile();
    if (!fp) return KG_ERR_IO;
    for (size_t i = 0; i < m->n; i++)
        fprintf(fp, "%llu %s\n", (unsigned long long)m->rows[i].mention, m->rows[i].key);
    if (fflush(fp) != 0 || ferror(fp) || fseek(fp, 0, SEEK_SET) != 0) {
        fclose(fp);
        return KG_ERR_IO;
    }
    merge_run r = {fp, NULL, 0, NULL, 0};
    KG_PUSH(m->runs, m->n_runs, m->cap_runs, r);
    clear_rows(m);
    return KG_SUCCESS;
}

/* Advance a run to its next line. */
static void run_next(merge_run *r)
{
    ssize_t len = getline(&r->line, &r->cap, r->fp);
    r->key = NULL;
    if (len <= 0) return;
    if (r->line[len - 1] == '\n') r->line[len - 1] = '\0';
    char *sp = strchr(r->line, ' ');
    if (!sp) return;
    *sp = '\0';
    r->mention = strtoull(r->line, NULL, 10);
    r->key = sp + 1;
}

/* A language tag in BCP 47 case ("zh-TW", "sr-Latn"; raptor's parser
 * lowercases tags), so that a graph read back merges with one written
 * directly.  @return @p buf, or @p tag when it is too long. */
static const char *lang_case(const char *tag, char *buf, size_t size)
{
    size_t n = strlen(tag);
    if (n >= size) return tag;
    size_t start = 0;
    for (size_t i = 0; i <= n; i++) {
        if (tag[i] != '-' && tag[i] != '\0') continue;
        size_t len = i - start;
        for (size_t k = start; k < i; k++) {
            char c = tag[k];
            int up = start > 0 && (len == 2 || (len == 4 && k == start));
            if (up && c >= 'a' && c <= 'z') c = (char)(c - 'a' + 'A');
            if (!up && c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
            buf[k] = c;
        }
        buf[i] = tag[i];
        start = i + 1;
    }
    return buf;
}

static kg_status merge_triple(void *handle, const kg_term *g, const kg_term *s, const kg_term *p,
                              const kg_term *o_in)
{
    merger *m = handle;
    char lang[64];
    kg_term ob = *o_in;
    if (ob.kind == KG_TERM_LITERAL && ob.lang) ob.lang = lang_case(ob.lang, lang, sizeof lang);
    const kg_term *o = &ob;
    if ((g && g->value) || !kg_is_description(p, o)) return kg_sink_triple(m->target, g, s, p, o);
    int count = strcmp(p->value, KG_NS "mentionCount") == 0;
    kg_term o_key = count ? kg_literal("", KG_XSD "integer", NULL) : *o;
    kg_buf k = {0};
    key_term(&k, s);
    key_term(&k, p);
    key_term(&k, &o_key);
    size_t at;
    if (!kg_strmap_get(&m->index, k.data, k.len, &at)) {
        at = m->n;
        kg_strmap_put(&m->index, k.data, k.len, at);
        m->bytes += 2 * k.len + 64;
        merge_row r = {kg_buf_take(&k), 0};
        KG_PUSH(m->rows, m->n, m->cap, r);
    } else {
        free(k.data);
    }
    if (count) m->rows[at].mention += strtoull(o->value, NULL, 10);
    if (m->bytes > m->budget && m->error == KG_SUCCESS) m->error = spill(m);
    return m->error;
}

/* Send one row to the target. */
static kg_status emit_row(merger *m, const char *key, uint64_t mention, kg_buf *scratch)
{
    size_t need = strlen(key) + 16;
    if (scratch->cap < need) kg_grow((void **)&scratch->data, &scratch->cap, need, 1);
    kg_term t[3];
    key_decode(key, scratch->data, t);
    char num[32];
    if (strcmp(t[1].value, KG_NS "mentionCount") == 0) {
        snprintf(num, sizeof num, "%llu", (unsigned long long)mention);
        t[2].value = num;
    }
    return kg_sink_triple(m->target, NULL, &t[0], &t[1], &t[2]);
}

static kg_status merge_end(void *handle)
{
    merger *m = handle;
    if (m->ended) return KG_SUCCESS;
    m->ended = 1;
    kg_status first = m->error;
    kg_buf scratch = {0};
    if (first == KG_SUCCESS && m->n_runs == 0) {
        if (m->n > 1) qsort(m->rows, m->n, sizeof *m->rows, by_key);
        for (size_t i = 0; i < m->n && first == KG_SUCCESS; i++)
            first = emit_row(m, m->rows[i].key, m->rows[i].mention, &scratch);
    } else if (first == KG_SUCCESS && (first = spill(m)) == KG_SUCCESS) {
        /* merge the sorted runs; equal keys become one row */
        for (size_t i = 0; i < m->n_runs; i++)
            run_next(&m->runs[i]);
        for (;;) {
            merge_run *min = NULL;
            for (size_t i = 0; i < m->n_runs; i++)
                if (m->runs[i].key && (!min || strcmp(m->runs[i].key, min->key) < 0))
                    min = &m->runs[i];
            if (!min || first != KG_SUCCESS) break;
            char *key = kg_xstrndup(min->key, strlen(min->key));
            uint64_t mention = 0;
            for (size_t i = 0; i < m->n_runs; i++)
                while (m->runs[i].key && strcmp(m->runs[i].key, key) == 0) {
                    mention += m->runs[i].mention;
                    run_next(&m->runs[i]);
                }
            first = emit_row(m, key, mention, &scratch);
            free(key);
        }
        for (size_t i = 0; i < m->n_runs; i++)
            if (ferror(m->runs[i].fp)) first = KG_ERR_IO;
    }
    free(scratch.data);
    kg_status st = kg_sink_end(m->target);
    return first != KG_SUCCESS ? first : st;
}

static kg_status merge_flush(void *handle)
{
    merger *m = handle;
    return kg_sink_flush(m->target);
}

static void merge_free(void *handle)
{
    merger *m = handle;
    if (!m) return;
    clear_rows(m);
    free(m->rows);
    for (size_t i = 0; i < m->n_runs; i++) {
        fclose(m->runs[i].fp);
        free(m->runs[i].line);
    }
    free(m->runs);
    free(m);
}

kg_sink *kg_merge_sink_new(kg_sink *target)
{
    merger *m = kg_xcalloc(1, sizeof *m);
    m->target = target;
    m->budget = MERGE_BUDGET;
    kg_sink *s = kg_sink_new(merge_prefix, merge_triple, merge_end, merge_free, m);
    s->flush = merge_flush;
    return s;
}

void kg_merge_sink_budget(kg_sink *sink, size_t bytes)
{
    if (sink && sink->triple == merge_triple) ((merger *)sink->handle)->budget = bytes;
}

/* ------------------------------------------------------------------ */
/* Sorted N-Triples                                                   */
/* ------------------------------------------------------------------ */

static void put_uchar(kg_buf *b, unsigned char c)
{
    char u[8];
    snprintf(u, sizeof u, "\\u%04X", (unsigned)c);
    kg_buf_add(b, u, 6);
}

static void put_pct(kg_buf *b, unsigned char c)
{
    char u[4];
    snprintf(u, sizeof u, "%%%02X", (unsigned)c);
    kg_buf_add(b, u, 3);
}

/* IRIREF ::= '<' ([^#x00-#x20<>"{}|^`\] | UCHAR)* '>'
 * IRIs reaching a sink are already valid (sink.h).  Should one still hold a
 * character IRIREF forbids, it is percent-encoded rather than written as a
 * UCHAR: strict parsers (serd) reject a UCHAR that decodes to a forbidden
 * character, while %XX keeps the line parseable.  UTF-8 is kept. */
static void put_iri(kg_buf *b, const char *iri)
{
    kg_buf_add(b, "<", 1);
    for (const unsigned char *s = (const unsigned char *)iri; *s; s++) {
        if (*s <= 0x20 || strchr("<>\"{}|^`\\", *s) || *s == 0x7f)
            put_pct(b, *s);
        else
            kg_buf_add(b, (const char *)s, 1);
    }
    kg_buf_add(b, ">", 1);
}

/* STRING_LITERAL_QUOTE ::= '"' ([^#x22#x5C#xA#xD] | ECHAR | UCHAR)* '"'
 * We escape '"', '\', LF, CR and TAB with ECHAR, every other control
 * character (and DEL) with UCHAR, and keep UTF-8 as is. */
static void put_literal_text(kg_buf *b, const char *lex)
{
    kg_buf_add(b, "\"", 1);
    for (const unsigned char *s = (const unsigned char *)lex; *s; s++) {
        switch (*s) {
        case '"':
            kg_buf_add(b, "\\\"", 2);
            break;
        case '\\':
            kg_buf_add(b, "\\\\", 2);
            break;
        case '\n':
            kg_buf_add(b, "\\n", 2);
            break;
        case '\r':
            kg_buf_add(b, "\\r", 2);
            break;
        case '\t':
            kg_buf_add(b, "\\t", 2);
            break;
        default:
            if (*s < 0x20 || *s == 0x7f)
                put_uchar(b, *s);
            else
                kg_buf_add(b, (const char *)s, 1);
        }
    }
    kg_buf_add(b, "\"", 1);
}

static void put_term(kg_buf *b, const kg_term *t)
{
    switch (t->kind) {
    case KG_TERM_IRI:
        put_iri(b, t->value);
        break;
    case KG_TERM_BLANK:
        kg_buf_puts(b, "_:");
        kg_buf_puts(b, t->value);
        break;
    case KG_TERM_LITERAL:
        put_literal_text(b, t->value);
        if (t->lang && *t->lang) {
            kg_buf_puts(b, "@");
            kg_buf_puts(b, t->lang);
        } else if (t->datatype) {
            kg_buf_puts(b, "^^");
            put_iri(b, t->datatype);
        }
        break;
    }
}

typedef struct sorted_nt {
    FILE *out;    // borrowed
    char **lines; // owned lines, each ending in " .\n"
    size_t n, cap;
} sorted_nt;

static kg_status snt_triple(void *handle, const kg_term *g, const kg_term *s, const kg_term *p,
                            const kg_term *o)
{
    (void)g;
    sorted_nt *w = handle;
    kg_buf b = {NULL, 0, 0};
    put_term(&b, s);
    kg_buf_add(&b, " ", 1);
    put_term(&b, p);
    kg_buf_add(&b, " ", 1);
    put_term(&b, o);
    kg_buf_add(&b, " .\n", 3);
    void *items = w->lines;
    kg_grow(&items, &w->cap, w->n + 1, sizeof *w->lines);
    w->lines = items;
    w->lines[w->n++] = b.data;
    return KG_SUCCESS;
}

/* strcmp compares as unsigned char: a bytewise (code point) order. */
static int cmp_line(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static kg_status snt_end(void *handle)
{
    sorted_nt *w = handle;
    if (w->n) qsort(w->lines, w->n, sizeof *w->lines, cmp_line);
    for (size_t i = 0; i < w->n; i++)
        if (i == 0 || strcmp(w->lines[i], w->lines[i - 1]) != 0) fputs(w->lines[i], w->out);
    for (size_t i = 0; i < w->n; i++)
        free(w->lines[i]);
    w->n = 0;
    if (fflush(w->out) != 0 || ferror(w->out)) return KG_ERR_IO;
    return KG_SUCCESS;
}

static void snt_free(void *handle)
{
    sorted_nt *w = handle;
    if (!w) return;
    for (size_t i = 0; i < w->n; i++)
        free(w->lines[i]);
    free(w->lines);
    free(w);
}

kg_sink *kg_sorted_nt_sink_new(void *out_file)
{
    sorted_nt *w = kg_xcalloc(1, sizeof *w);
    w->out = out_file ? (FILE *)out_file : stdout;
    return kg_sink_new(NULL, snt_triple, snt_end, snt_free, w);
}
