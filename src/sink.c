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

static kg_status tee_end(void *handle)
{
    tee *t = handle;
    kg_status first = KG_SUCCESS;
    // Every target is ended even after an error so that each can flush.
    for (size_t i = 0; i < t->n; i++) {
        kg_status st = kg_sink_end(t->targets[i]);
        if (first == KG_SUCCESS) first = st;
    }
    return first;
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
    return kg_sink_new(tee_prefix, tee_triple, tee_end, tee_free, t);
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

/* One kept statement: its sort key and copies of its terms. */
typedef struct merge_row {
    char *key;        ///< the statement as one sortable string
    kg_term t[3];     ///< subject, predicate, object (owned copies)
    uint64_t mention; ///< summed kg:mentionCount (when the predicate is that)
} merge_row;

typedef struct merger {
    kg_sink *target;
    kg_strmap index; ///< key -> row
    merge_row *rows;
    size_t n, cap;
    int ended;
} merger;

static kg_status merge_prefix(void *handle, const char *name, const char *iri)
{
    merger *m = handle;
    return kg_sink_prefix(m->target, name, iri);
}

/* Append a field; bytes 1 and 2 inside it are escaped (2, byte + 32), so
 * that byte 1 only ever separates fields. */
static void key_field(kg_buf *b, const char *v)
{
    for (; v && *v; v++) {
        if (*v == 1 || *v == 2) {
            char esc[2] = {2, (char)(*v + 32)};
            kg_buf_add(b, esc, 2);
        } else {
            kg_buf_add(b, v, 1);
        }
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

static char *copy(const char *s)
{
    return s ? kg_xstrndup(s, strlen(s)) : NULL;
}

static kg_term copy_term(const kg_term *t)
{
    kg_term c = {t->kind, copy(t->value), copy(t->datatype), copy(t->lang)};
    return c;
}

static kg_status merge_triple(void *handle, const kg_term *g, const kg_term *s, const kg_term *p,
                              const kg_term *o)
{
    merger *m = handle;
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
        merge_row r = {kg_buf_take(&k), {copy_term(s), copy_term(p), copy_term(&o_key)}, 0};
        KG_PUSH(m->rows, m->n, m->cap, r);
    } else {
        free(k.data);
    }
    if (count) m->rows[at].mention += strtoull(o->value, NULL, 10);
    return KG_SUCCESS;
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const merge_row *)a)->key, ((const merge_row *)b)->key);
}

static kg_status merge_end(void *handle)
{
    merger *m = handle;
    if (m->ended) return KG_SUCCESS;
    m->ended = 1;
    if (m->n > 1) qsort(m->rows, m->n, sizeof *m->rows, by_key);
    kg_status first = KG_SUCCESS;
    for (size_t i = 0; i < m->n && first == KG_SUCCESS; i++) {
        const merge_row *r = &m->rows[i];
        kg_term o = r->t[2];
        char num[32];
        if (strcmp(r->t[1].value, KG_NS "mentionCount") == 0) {
            snprintf(num, sizeof num, "%llu", (unsigned long long)r->mention);
            o.value = num;
        }
        first = kg_sink_triple(m->target, NULL, &r->t[0], &r->t[1], &o);
    }
    kg_status st = kg_sink_end(m->target);
    return first != KG_SUCCESS ? first : st;
}

static void merge_free(void *handle)
{
    merger *m = handle;
    if (!m) return;
    for (size_t i = 0; i < m->n; i++) {
        free(m->rows[i].key);
        for (int j = 0; j < 3; j++) {
            free((char *)m->rows[i].t[j].value);
            free((char *)m->rows[i].t[j].datatype);
            free((char *)m->rows[i].t[j].lang);
        }
    }
    free(m->rows);
    kg_strmap_clear(&m->index);
    free(m);
}

kg_sink *kg_merge_sink_new(kg_sink *target)
{
    merger *m = kg_xcalloc(1, sizeof *m);
    m->target = target;
    return kg_sink_new(merge_prefix, merge_triple, merge_end, merge_free, m);
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
