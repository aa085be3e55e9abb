/* SPDX-License-Identifier: MIT
 * kg: the graph of an article and its emission as RDF statements. */

#include "kg/graph.h"

#include "util.h"

#include <math.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

/* ------------------------------------------------------------------ */
/* Classes                                                            */
/* ------------------------------------------------------------------ */

static const struct {
    const char *name;
    kg_family family;
} class_table[KG_CLASS_COUNT] = {
    [KG_CLASS_THING] = {"Thing", KG_FAMILY_THING},
    [KG_CLASS_PERSON] = {"Person", KG_FAMILY_PERSON},
    [KG_CLASS_ORGANIZATION] = {"Organization", KG_FAMILY_ORGANIZATION},
    [KG_CLASS_GOV_ORG] = {"GovernmentOrganization", KG_FAMILY_ORGANIZATION},
    [KG_CLASS_NEWS_ORG] = {"NewsMediaOrganization", KG_FAMILY_ORGANIZATION},
    [KG_CLASS_CORPORATION] = {"Corporation", KG_FAMILY_ORGANIZATION},
    [KG_CLASS_EDU_ORG] = {"EducationalOrganization", KG_FAMILY_ORGANIZATION},
    [KG_CLASS_COLLEGE] = {"CollegeOrUniversity", KG_FAMILY_ORGANIZATION},
    [KG_CLASS_PARTY] = {"PoliticalParty", KG_FAMILY_ORGANIZATION},
    [KG_CLASS_SPORTS_TEAM] = {"SportsTeam", KG_FAMILY_ORGANIZATION},
    [KG_CLASS_NGO] = {"NGO", KG_FAMILY_ORGANIZATION},
    [KG_CLASS_HOSPITAL] = {"Hospital", KG_FAMILY_ORGANIZATION},
    [KG_CLASS_PLACE] = {"Place", KG_FAMILY_PLACE},
    [KG_CLASS_COUNTRY] = {"Country", KG_FAMILY_PLACE},
    [KG_CLASS_ADMIN_AREA] = {"AdministrativeArea", KG_FAMILY_PLACE},
    [KG_CLASS_CITY] = {"City", KG_FAMILY_PLACE},
    [KG_CLASS_CONTINENT] = {"Continent", KG_FAMILY_PLACE},
    [KG_CLASS_BODY_OF_WATER] = {"BodyOfWater", KG_FAMILY_PLACE},
    [KG_CLASS_RIVER] = {"RiverBodyOfWater", KG_FAMILY_PLACE},
    [KG_CLASS_LAKE] = {"LakeBodyOfWater", KG_FAMILY_PLACE},
    [KG_CLASS_SEA] = {"SeaBodyOfWater", KG_FAMILY_PLACE},
    [KG_CLASS_OCEAN] = {"OceanBodyOfWater", KG_FAMILY_PLACE},
    [KG_CLASS_LANDFORM] = {"Landform", KG_FAMILY_PLACE},
    [KG_CLASS_MOUNTAIN] = {"Mountain", KG_FAMILY_PLACE},
    [KG_CLASS_AIRPORT] = {"Airport", KG_FAMILY_PLACE},
    [KG_CLASS_PARK] = {"Park", KG_FAMILY_PLACE},
    [KG_CLASS_MUSEUM] = {"Museum", KG_FAMILY_PLACE},
    [KG_CLASS_STADIUM] = {"StadiumOrArena", KG_FAMILY_PLACE},
    [KG_CLASS_EVENT] = {"Event", KG_FAMILY_EVENT},
};

static const char *const family_dir[] = {"thing", "person", "organization", "place", "event"};

kg_family kg_class_family(kg_class cls)
{
    return (unsigned)cls < KG_CLASS_COUNT ? class_table[cls].family : KG_FAMILY_THING;
}

const char *kg_class_name(kg_class cls)
{
    return (unsigned)cls < KG_CLASS_COUNT ? class_table[cls].name : "Thing";
}

kg_class kg_class_from_name(const char *name)
{
    for (int c = 0; c < KG_CLASS_COUNT; c++)
        if (strcmp(class_table[c].name, name) == 0) return (kg_class)c;
    return KG_CLASS_THING;
}

/* ------------------------------------------------------------------ */
/* IRIs                                                               */
/* ------------------------------------------------------------------ */

/* RFC 3987 ucschar: the non-ASCII code points an IRI may hold unencoded. */
static int is_ucschar(int32_t c)
{
    return (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xF900 && c <= 0xFDCF) ||
           (c >= 0xFDF0 && c <= 0xFFEF) || (c >= 0x10000 && c <= 0xEFFFD && (c & 0xFFFF) <= 0xFFFD);
}

static int is_unreserved(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~';
}

int kg_iri_ok(const char *s)
{
    const char *colon = strchr(s, ':');
    if (!colon || colon == s) return 0;
    for (const char *p = s; p < colon; p++) // scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (p > s && ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.'))))
            return 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= 0x20 || *p == 0x7f || strchr("<>\"{}|\\^`", *p)) return 0;
    return 1;
}

char *kg_iri_slug(const char *s, size_t len)
{
    static const char hex[] = "0123456789ABCDEF";
    kg_buf b = {0};
    int pending_space = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n =
            utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) { /* not UTF-8: encode the byte, never emit it raw */
            char e[3] = {'%', hex[(unsigned char)s[i] >> 4], hex[(unsigned char)s[i] & 15]};
            kg_buf_add(&b, e, 3);
            i++;
            continue;
        }
        utf8proc_category_t cat = utf8proc_category(cp);
        int space =
            cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cat == UTF8PROC_CATEGORY_ZS;
        if (space) {
            pending_space = b.len > 0;
            i += (size_t)n;
            continue;
        }
        if (pending_space) {
            kg_buf_add(&b, "_", 1);
            pending_space = 0;
        }
        if (cp < 0x80 && is_unreserved((unsigned char)cp)) {
            char c = (char)cp;
            kg_buf_add(&b, &c, 1);
        } else if (cp >= 0x80 && is_ucschar(cp) && cat != UTF8PROC_CATEGORY_CC &&
                   cat != UTF8PROC_CATEGORY_CF) {
            kg_buf_add(&b, s + i, (size_t)n);
        } else {
            for (utf8proc_ssize_t k = 0; k < n; k++) {
                unsigned char c = (unsigned char)s[i + (size_t)k];
                char e[3] = {'%', hex[c >> 4], hex[c & 15]};
                kg_buf_add(&b, e, 3);
            }
        }
        i += (size_t)n;
    }
    if (b.len == 0) kg_buf_add(&b, "_", 1);
    return kg_buf_take(&b);
}

char *kg_iri_entity(const char *base, kg_class cls, const char *name, size_t len)
{
    char *slug = kg_iri_slug(name, len);
    kg_buf b = {0};
    kg_buf_printf(&b, "%s%s/%s", base ? base : KG_DEFAULT_BASE, family_dir[kg_class_family(cls)],
                  slug);
    free(slug);
    return kg_buf_take(&b);
}

/* ------------------------------------------------------------------ */
/* The graph                                                          */
/* ------------------------------------------------------------------ */

struct kg_graph {
    const kg_article *article;
    char *base;
    char *article_iri;
    kg_entity *ents;
    size_t n_ents, cap_ents;
    kg_fact *facts;
    size_t n_facts, cap_facts;
    kg_strmap by_iri;  ///< entity IRI -> index
    kg_strmap by_fact; ///< fact key -> index
    kg_strmap by_code; ///< ISO code -> the first entity that has it
    size_t dateline_place, publisher;
};

static const char *file_stem(const char *name, size_t *len)
{
    const char *s = strrchr(name, '/');
    s = s ? s + 1 : name;
    const char *dot = strrchr(s, '.');
    *len = dot && dot > s ? (size_t)(dot - s) : strlen(s);
    return s;
}

kg_graph *kg_graph_new(const kg_article *article, const char *base)
{
    kg_graph *g = kg_xcalloc(1, sizeof *g);
    g->article = article;
    g->base = kg_xstrndup(base ? base : KG_DEFAULT_BASE, strlen(base ? base : KG_DEFAULT_BASE));
    g->dateline_place = g->publisher = SIZE_MAX;
    /* The article IRI: a readable stem plus a hash of the text, so that two
     * different articles with the same file name never share an IRI and the
     * same text gets the same IRI in every run. */
    size_t stem_len = 0;
    const char *name = article && article->name ? article->name : "-";
    const char *stem = strcmp(name, "-") == 0 ? "stdin" : file_stem(name, &stem_len);
    if (strcmp(name, "-") == 0) stem_len = 5;
    uint64_t h = article ? kg_fnv1a(KG_FNV_OFFSET, article->text, article->len) : 0;
    char *slug = kg_iri_slug(stem, stem_len);
    kg_buf b = {0};
    kg_buf_printf(&b, "%sarticle/%s-%08x", g->base, slug, (unsigned)(h >> 32));
    free(slug);
    g->article_iri = kg_buf_take(&b);
    return g;
}

static void free_entity(kg_entity *e)
{
    free(e->name);
    free(e->iri);
    free(e->code);
    free(e->parent);
    for (size_t i = 0; i < e->n_aliases; i++)
        free(e->aliases[i]);
    free(e->aliases);
    for (size_t i = 0; i < e->n_labels; i++)
        free(e->labels[i]);
    free(e->labels);
}

static void free_fact(kg_fact *f)
{
    free(f->property);
    free(f->phrase);
    free(f->value);
    free(f->source);
    free(f->when);
}

void kg_graph_free(kg_graph *g)
{
    if (!g) return;
    for (size_t i = 0; i < g->n_ents; i++)
        free_entity(&g->ents[i]);
    for (size_t i = 0; i < g->n_facts; i++)
        free_fact(&g->facts[i]);
    free(g->ents);
    free(g->facts);
    kg_strmap_clear(&g->by_iri);
    kg_strmap_clear(&g->by_fact);
    kg_strmap_clear(&g->by_code);
    free(g->base);
    free(g->article_iri);
    free(g);
}

size_t kg_graph_entity(kg_graph *g, kg_class cls, const char *name, size_t len)
{
    char *iri = kg_iri_entity(g->base, cls, name, len);
    size_t idx;
    if (kg_strmap_get(&g->by_iri, iri, strlen(iri), &idx)) {
        free(iri);
        kg_graph_refine(g, idx, cls);
        return idx;
    }
    kg_entity e = {0};
    e.name = kg_xstrndup(name, len);
    e.cls = cls;
    e.iri = iri;
    idx = g->n_ents;
    KG_PUSH(g->ents, g->n_ents, g->cap_ents, e);
    kg_strmap_put(&g->by_iri, iri, strlen(iri), idx);
    return idx;
}

void kg_graph_alias(kg_graph *g, size_t entity, const char *form, size_t len)
{
    kg_entity *e = &g->ents[entity];
    /* forms that differ only in ASCII case ("The park", "the park") are one */
    if (strlen(e->name) == len && strncasecmp(e->name, form, len) == 0) return;
    for (size_t i = 0; i < e->n_aliases; i++)
        if (strlen(e->aliases[i]) == len && strncasecmp(e->aliases[i], form, len) == 0) return;
    size_t cap = e->n_aliases;
    char *copy = kg_xstrndup(form, len);
    KG_PUSH(e->aliases, e->n_aliases, cap, copy);
}

void kg_graph_label(kg_graph *g, size_t entity, const char *lang, const char *text)
{
    kg_entity *e = &g->ents[entity];
    kg_buf b = {0};
    kg_buf_printf(&b, "%s\t%s", lang, text);
    for (size_t i = 0; i < e->n_labels; i++) {
        /* one label per language */
        size_t ll = strlen(lang);
        if (strncmp(e->labels[i], lang, ll) == 0 && e->labels[i][ll] == '\t') {
            free(b.data);
            return;
        }
    }
    size_t cap = e->n_labels;
    char *l = kg_buf_take(&b);
    KG_PUSH(e->labels, e->n_labels, cap, l);
}

void kg_graph_code(kg_graph *g, size_t entity, const char *code)
{
    kg_entity *e = &g->ents[entity];
    if (e->code || !code) return;
    e->code = kg_xstrndup(code, strlen(code));
    if (!kg_strmap_get(&g->by_code, code, strlen(code), NULL))
        kg_strmap_put(&g->by_code, code, strlen(code), entity);
}

void kg_graph_parent(kg_graph *g, size_t entity, const char *code)
{
    kg_entity *e = &g->ents[entity];
    if (!e->parent && code) e->parent = kg_xstrndup(code, strlen(code));
}

size_t kg_graph_by_code(const kg_graph *g, const char *code)
{
    size_t i;
    return kg_strmap_get(&g->by_code, code, strlen(code), &i) ? i : SIZE_MAX;
}

void kg_graph_refine(kg_graph *g, size_t entity, kg_class cls)
{
    kg_entity *e = &g->ents[entity];
    if (e->cls == KG_CLASS_THING || (kg_class_family(cls) == kg_class_family(e->cls) &&
                                     (e->cls == KG_CLASS_ORGANIZATION || e->cls == KG_CLASS_PLACE)))
        e->cls = cls;
}

void kg_graph_mention(kg_graph *g, size_t entity)
{
    g->ents[entity].mentions++;
}

void kg_graph_set_named(kg_graph *g, size_t entity)
{
    g->ents[entity].named = 1;
}

void kg_graph_set_dateline_place(kg_graph *g, size_t entity)
{
    g->dateline_place = entity;
}

void kg_graph_set_publisher(kg_graph *g, size_t entity)
{
    g->publisher = entity;
}

static char *dup_or_null(const char *s)
{
    return s ? kg_xstrndup(s, strlen(s)) : NULL;
}

size_t kg_graph_fact(kg_graph *g, const kg_fact *f)
{
    kg_buf key = {0};
    kg_buf_printf(&key, "%zu\t%s\t%d\t%zu\t%s\t%u", f->subject, f->property, f->literal,
                  f->literal ? 0 : f->object, f->literal && f->value ? f->value : "",
                  f->factuality);
    size_t idx;
    if (kg_strmap_get(&g->by_fact, key.data, key.len, &idx)) {
        kg_fact *old = &g->facts[idx];
        /* Independent evidence raises confidence: 1 - (1-a)(1-b). */
        old->confidence = 1.0 - (1.0 - old->confidence) * (1.0 - f->confidence);
        if (!old->when && f->when) old->when = dup_or_null(f->when);
        free(key.data);
        return idx;
    }
    kg_fact c = *f;
    c.property = dup_or_null(f->property);
    c.open = f->open || strncmp(c.property, KG_REL_NS, strlen(KG_REL_NS)) == 0;
    c.phrase = dup_or_null(f->phrase);
    c.value = dup_or_null(f->value);
    c.source = dup_or_null(f->source);
    c.when = dup_or_null(f->when);
    if (c.confidence < 0) c.confidence = 0;
    if (c.confidence > 1) c.confidence = 1;
    idx = g->n_facts;
    KG_PUSH(g->facts, g->n_facts, g->cap_facts, c);
    kg_strmap_put(&g->by_fact, key.data, key.len, idx);
    free(key.data);
    return idx;
}

size_t kg_graph_n_entities(const kg_graph *g)
{
    return g->n_ents;
}

size_t kg_graph_n_facts(const kg_graph *g)
{
    return g->n_facts;
}

const kg_entity *kg_graph_get_entity(const kg_graph *g, size_t i)
{
    return i < g->n_ents ? &g->ents[i] : NULL;
}

const kg_fact *kg_graph_get_fact(const kg_graph *g, size_t i)
{
    return i < g->n_facts ? &g->facts[i] : NULL;
}

const char *kg_graph_article_iri(const kg_graph *g)
{
    return g->article_iri;
}

kg_status kg_graph_check(const kg_graph *g)
{
    for (size_t i = 0; i < g->n_facts; i++) {
        const kg_fact *f = &g->facts[i];
        if (f->subject >= g->n_ents || (!f->literal && f->object >= g->n_ents) || !f->property)
            return KG_ERR_INTERNAL;
        if (f->literal && !f->value) return KG_ERR_INTERNAL;
        if (!(f->confidence >= 0 && f->confidence <= 1)) return KG_ERR_INTERNAL;
        if (g->article && (f->sent_end > g->article->len || f->sent_off > f->sent_end))
            return KG_ERR_INTERNAL;
    }
    for (size_t i = 0; i < g->n_ents; i++) {
        for (const char *p = g->ents[i].iri; *p; p++)
            if (strchr(" <>\"{}|\\^`", *p) || (unsigned char)*p < 0x20) return KG_ERR_INTERNAL;
    }
    return KG_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* Emission                                                           */
/* ------------------------------------------------------------------ */

kg_emit_opts kg_emit_opts_default(void)
{
    kg_emit_opts o = {1, 0, 0.0};
    return o;
}

kg_status kg_emit_prefixes(kg_sink *sink)
{
    static const char *const p[][2] = {
        {"rdf", KG_RDF},   {"rdfs", KG_RDFS},     {"owl", KG_OWL},    {"xsd", KG_XSD},
        {"skos", KG_SKOS}, {"schema", KG_SCHEMA}, {"prov", KG_PROV},  {"dcterms", KG_DCTERMS},
        {"nif", KG_NIF},   {"kg", KG_NS},         {"kgr", KG_REL_NS},
    };
    kg_status st;
    for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
        TRY(st, kg_sink_prefix(sink, p[i][0], p[i][1]));
    return KG_SUCCESS;
}

typedef struct emitter {
    kg_strmap said; ///< sentences and open properties already described
    kg_sink *sink;
    kg_term graph;
    const kg_term *gp; ///< &graph or NULL
} emitter;

static kg_status put(emitter *em, kg_term s, const char *p, kg_term o)
{
    kg_term pt = kg_iri(p);
    return kg_sink_triple(em->sink, em->gp, &s, &pt, &o);
}

static kg_status put_iri(emitter *em, const char *s, const char *p, const char *o)
{
    return put(em, kg_iri(s), p, kg_iri(o));
}

static kg_status put_lit(emitter *em, const char *s, const char *p, const char *lex, const char *dt,
                         const char *lang)
{
    return put(em, kg_iri(s), p, kg_literal(lex, dt, lang));
}

/* The NIF IRI of a byte span: ARTICLE#char=BEGIN,END in code points. */
static char *span_iri(const kg_graph *g, uint32_t off, uint32_t end, size_t *b, size_t *e)
{
    *b = g->article ? kg_article_char_offset(g->article, off) : off;
    *e = g->article ? kg_article_char_offset(g->article, end) : end;
    kg_buf buf = {0};
    kg_buf_printf(&buf, "%s#char=%zu,%zu", g->article_iri, *b, *e);
    return kg_buf_take(&buf);
}

static kg_status emit_article(const kg_graph *g, emitter *em, char **context)
{
    const kg_article *a = g->article;
    const char *A = g->article_iri;
    kg_status st;
    TRY(st, put_iri(em, A, KG_RDF "type", KG_SCHEMA "NewsArticle"));
    if (!a) return KG_SUCCESS;
    if (a->title) {
        TRY(st, put_lit(em, A, KG_SCHEMA "headline", a->title, NULL, NULL));
        TRY(st, put_lit(em, A, KG_DCTERMS "title", a->title, NULL, NULL));
    }
    if (a->date) {
        TRY(st, put_lit(em, A, KG_SCHEMA "datePublished", a->date, KG_XSD "date", NULL));
        TRY(st, put_lit(em, A, KG_DCTERMS "date", a->date, KG_XSD "date", NULL));
    }
    if (a->dateline) TRY(st, put_lit(em, A, KG_SCHEMA "dateline", a->dateline, NULL, NULL));
    if (g->dateline_place != SIZE_MAX)
        TRY(st, put_iri(em, A, KG_SCHEMA "locationCreated", g->ents[g->dateline_place].iri));
    if (g->publisher != SIZE_MAX)
        TRY(st, put_iri(em, A, KG_SCHEMA "publisher", g->ents[g->publisher].iri));
    if (a->name) TRY(st, put_lit(em, A, KG_DCTERMS "source", a->name, NULL, NULL));
    if (a->url && kg_iri_ok(a->url)) TRY(st, put_iri(em, A, KG_SCHEMA "url", a->url));
    size_t b, e;
    *context = span_iri(g, 0, (uint32_t)a->len, &b, &e);
    TRY(st, put_iri(em, *context, KG_RDF "type", KG_NIF "Context"));
    TRY(st, put_iri(em, *context, KG_NIF "sourceUrl", A));
    char num[32];
    snprintf(num, sizeof num, "%zu", b);
    TRY(st, put_lit(em, *context, KG_NIF "beginIndex", num, KG_XSD "nonNegativeInteger", NULL));
    snprintf(num, sizeof num, "%zu", e);
    TRY(st, put_lit(em, *context, KG_NIF "endIndex", num, KG_XSD "nonNegativeInteger", NULL));
    return KG_SUCCESS;
}

static kg_status emit_entity(const kg_graph *g, emitter *em, const kg_entity *e, int provenance)
{
    kg_status st;
    kg_buf cls = {0};
    kg_buf_printf(&cls, "%s%s", KG_SCHEMA, kg_class_name(e->cls));
    st = put_iri(em, e->iri, KG_RDF "type", cls.data);
    free(cls.data);
    if (st) return st;
    TRY(st, put_lit(em, e->iri, KG_RDFS "label", e->name, NULL, "en"));
    for (size_t i = 0; i < e->n_labels; i++) {
        char *tab = strchr(e->labels[i], '\t');
        char lang[36];
        size_t ll = (size_t)(tab - e->labels[i]);
        if (!tab || ll >= sizeof lang) continue;
        memcpy(lang, e->labels[i], ll);
        lang[ll] = '\0';
        TRY(st, put_lit(em, e->iri, KG_RDFS "label", tab + 1, NULL, lang));
    }
    for (size_t i = 0; i < e->n_aliases; i++)
        TRY(st, put_lit(em, e->iri, KG_SKOS "altLabel", e->aliases[i], NULL, "en"));
    if (e->code) TRY(st, put_lit(em, e->iri, KG_SCHEMA "identifier", e->code, NULL, NULL));
    if (e->mentions) {
        char num[32];
        snprintf(num, sizeof num, "%" PRIu32, e->mentions);
        TRY(st, put_lit(em, e->iri, KG_NS "mentionCount", num, KG_XSD "integer", NULL));
    }
    if (g->article && provenance)
        TRY(st, put_iri(em, g->article_iri, KG_SCHEMA "mentions", e->iri));
    return KG_SUCCESS;
}

static kg_term fact_object(const kg_graph *g, const kg_fact *f)
{
    return f->literal ? kg_literal(f->value, f->datatype, NULL) : kg_iri(g->ents[f->object].iri);
}

static kg_status emit_fact(const kg_graph *g, emitter *em, const kg_fact *f, const char *context,
                           int provenance)
{
    kg_status st;
    const char *S = g->ents[f->subject].iri;
    if (!(f->factuality & KG_FACT_NEGATED))
        TRY(st, put(em, kg_iri(S), f->property, fact_object(g, f)));
    if (f->open && !kg_strmap_get(&em->said, f->property, strlen(f->property), NULL)) {
        /* the label of an open property is its name: "sign_deal_with" */
        kg_strmap_put(&em->said, f->property, strlen(f->property), 1);
        char *label =
            kg_xstrndup(f->property + strlen(KG_REL_NS), strlen(f->property) - strlen(KG_REL_NS));
        for (char *c = label; *c; c++)
            if (*c == '_') *c = ' ';
        st = put_iri(em, f->property, KG_RDF "type",
                     f->literal ? KG_OWL "DatatypeProperty" : KG_OWL "ObjectProperty");
        if (!st) st = put_lit(em, f->property, KG_RDFS "label", label, NULL, "en");
        free(label);
        if (st) return st;
    }
    if (!provenance) return KG_SUCCESS;

    /* The fact's IRI hashes what identifies it, so it is stable across runs. */
    uint64_t h = KG_FNV_OFFSET;
    h = kg_fnv1a(h, S, strlen(S));
    h = kg_fnv1a(h, f->property, strlen(f->property));
    kg_term o = fact_object(g, f);
    h = kg_fnv1a(h, o.value, strlen(o.value));
    h = kg_fnv1a(h, &f->sent_off, sizeof f->sent_off);
    h = kg_fnv1a(h, &f->factuality, sizeof f->factuality);
    kg_buf fb = {0};
    kg_buf_printf(&fb, "%s#fact-%016llx", g->article_iri, (unsigned long long)h);
    char *F = kg_buf_take(&fb);
    size_t sb, se;
    char *sent = span_iri(g, f->sent_off, f->sent_end, &sb, &se);
    char conf[32], num[32];
    snprintf(conf, sizeof conf, "%.3f", floor(f->confidence * 1000.0 + 0.5) / 1000.0);

    st = put_iri(em, F, KG_RDF "type", KG_RDF "Statement");
    if (!st) st = put_iri(em, F, KG_RDF "subject", S);
    if (!st) st = put_iri(em, F, KG_RDF "predicate", f->property);
    if (!st) st = put(em, kg_iri(F), KG_RDF "object", o);
    if (!st) st = put_lit(em, F, KG_NS "confidence", conf, KG_XSD "decimal", NULL);
    if (!st && f->factuality == 0) st = put_iri(em, F, KG_NS "factuality", KG_NS "Asserted");
    if (!st && (f->factuality & KG_FACT_NEGATED))
        st = put_iri(em, F, KG_NS "factuality", KG_NS "Negated");
    if (!st && (f->factuality & KG_FACT_PLANNED))
        st = put_iri(em, F, KG_NS "factuality", KG_NS "Planned");
    if (!st && (f->factuality & KG_FACT_REPORTED))
        st = put_iri(em, F, KG_NS "factuality", KG_NS "Reported");
    if (!st && f->reporter != SIZE_MAX && f->reporter < g->n_ents)
        st = put_iri(em, F, KG_NS "reportedBy", g->ents[f->reporter].iri);
    if (!st && f->source) st = put_lit(em, F, KG_NS "reportSource", f->source, NULL, NULL);
    if (!st && f->phrase) st = put_lit(em, F, KG_NS "evidence", f->phrase, NULL, NULL);
    if (!st && f->when) st = put_lit(em, F, KG_NS "date", f->when, KG_XSD "date", NULL);
    if (!st) st = put_iri(em, F, KG_PROV "wasDerivedFrom", sent);
    if (!st) st = put_iri(em, F, KG_NS "extractedFrom", g->article_iri);
    /* the sentence, once */
    if (!st && kg_strmap_get(&em->said, sent, strlen(sent), NULL)) {
        free(sent);
        free(F);
        return KG_SUCCESS;
    }
    kg_strmap_put(&em->said, sent, strlen(sent), 1);
    if (!st) st = put_iri(em, sent, KG_RDF "type", KG_NIF "Sentence");
    if (!st && g->article) {
        char *text = kg_xstrndup(g->article->text + f->sent_off, f->sent_end - f->sent_off);
        st = put_lit(em, sent, KG_NIF "anchorOf", text, NULL, NULL);
        free(text);
    }
    if (!st) {
        snprintf(num, sizeof num, "%zu", sb);
        st = put_lit(em, sent, KG_NIF "beginIndex", num, KG_XSD "nonNegativeInteger", NULL);
    }
    if (!st) {
        snprintf(num, sizeof num, "%zu", se);
        st = put_lit(em, sent, KG_NIF "endIndex", num, KG_XSD "nonNegativeInteger", NULL);
    }
    if (!st && context) st = put_iri(em, sent, KG_NIF "referenceContext", context);
    free(sent);
    free(F);
    return st;
}

static int keep_fact(const kg_fact *f, const kg_emit_opts *opts)
{
    if (f->confidence + 1e-9 < opts->min_confidence) return 0;
    /* Without provenance a negated fact would have no statement at all. */
    return opts->provenance || !(f->factuality & KG_FACT_NEGATED);
}

kg_status kg_graph_emit(const kg_graph *g, const kg_emit_opts *opts, kg_sink *sink)
{
    kg_emit_opts def = kg_emit_opts_default();
    if (!opts) opts = &def;
#ifndef NDEBUG
    if (kg_graph_check(g) != KG_SUCCESS) return KG_ERR_INTERNAL;
#endif
    emitter em = {{0}, sink, kg_iri(g->article_iri), NULL};
    if (opts->named_graph) em.gp = &em.graph;
    kg_status st = KG_SUCCESS;
    char *context = NULL;
    if (opts->provenance) st = emit_article(g, &em, &context);
    /* Untyped entities are worth a node only when a fact uses them. */
    char *used = kg_xcalloc(g->n_ents ? g->n_ents : 1, 1);
    for (size_t i = 0; i < g->n_facts; i++) {
        const kg_fact *f = &g->facts[i];
        if (!keep_fact(f, opts)) continue;
        used[f->subject] = 1;
        if (!f->literal) used[f->object] = 1;
        if (f->reporter < g->n_ents) used[f->reporter] = 1;
    }
    if (g->dateline_place < g->n_ents) used[g->dateline_place] = 1;
    if (g->publisher < g->n_ents) used[g->publisher] = 1;
    for (size_t i = 0; !st && i < g->n_ents; i++)
        if (g->ents[i].cls != KG_CLASS_THING || used[i])
            st = emit_entity(g, &em, &g->ents[i], opts->provenance);
    for (size_t i = 0; !st && i < g->n_facts; i++)
        if (keep_fact(&g->facts[i], opts))
            st = emit_fact(g, &em, &g->facts[i], context, opts->provenance);
    free(used);
    free(context);
    kg_strmap_clear(&em.said);
    return st;
}
