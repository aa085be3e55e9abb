/* SPDX-License-Identifier: MIT
 * kg: helpers for the tests that run the whole pipeline on a short text
 * and look at the entities and facts it found. */
#ifndef KG_TEST_DOC_HELPER_H
#define KG_TEST_DOC_HELPER_H

#include "kg/kg.h"

#include <string.h>

/* The pipeline the tests share; main() makes it. */
static kg_pipeline *pipe_;

typedef struct result {
    kg_article *a;
    kg_doc *d;
} result;

/* Run the pipeline on @p text; @p header: look for a headline. */
static inline result run_doc(const char *text, int header)
{
    result r = {0};
    kg_reader_opts o = kg_reader_opts_default();
    o.no_header = !header;
    if (kg_article_from_memory("t.txt", text, strlen(text), &o, NULL, &r.a) != KG_SUCCESS) return r;
    kg_pipeline_run(pipe_, r.a, &r.d);
    return r;
}

static inline void done(result r)
{
    kg_doc_free(r.d);
    kg_article_free(r.a);
}

/* The entity named @p name, or NULL. */
static inline const kg_entity *entity(const result *r, const char *name)
{
    if (!r->d) return NULL;
    for (size_t i = 0; i < kg_graph_n_entities(r->d->graph); i++) {
        const kg_entity *e = kg_graph_get_entity(r->d->graph, i);
        if (strcmp(e->name, name) == 0) return e;
    }
    return NULL;
}

static inline int has_alias(const kg_entity *e, const char *form)
{
    for (size_t i = 0; e && i < e->n_aliases; i++)
        if (strcmp(e->aliases[i], form) == 0) return 1;
    return 0;
}

/* The fact subject -property-> object (entity names; property local
 * name), or NULL. */
static inline const kg_fact *fact(const result *r, const char *s, const char *p, const char *o)
{
    if (!r->d) return NULL;
    kg_graph *g = r->d->graph;
    for (size_t i = 0; i < kg_graph_n_facts(g); i++) {
        const kg_fact *f = kg_graph_get_fact(g, i);
        const char *local = strrchr(f->property, '#');
        local = local ? local + 1 : strrchr(f->property, '/') + 1;
        if (strcmp(local, p) != 0 || strcmp(kg_graph_get_entity(g, f->subject)->name, s) != 0)
            continue;
        const char *obj = f->literal ? f->value : kg_graph_get_entity(g, f->object)->name;
        if (strcmp(obj, o) == 0) return f;
    }
    return NULL;
}

#endif
