/* SPDX-License-Identifier: MIT
 * kg: the diagram sink: kg statements drawn with Graphviz (cgraph + gvc). */

#include "kg/dot.h"

#include "util.h"

#include <gvc.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* How a drawing is made
 * ---------------------
 * kg_sink_triple() only interns the strings of each statement.  At
 * kg_sink_end() the strings are renumbered in bytewise order, so that every
 * later step (entities, edges, nodes, Graphviz creation order) follows the
 * IRIs and not the arrival order or a hash order: the same statements give
 * the same bytes.  Then:
 *
 *   statements --sort--> subject ranges --> entities (typed + labelled)
 *                                       --> edges (direct triples + facts)
 *                                       --> cgraph --gvLayout--> gvRenderData
 *                                       --> temporary file --rename--> path
 */

#define NONE UINT32_MAX
#define SFDP_NODES 40    ///< above this many entities, use sfdp (dot draws tall columns)
#define SFDP_EDGES 100   ///< ... or above this many edges
#define FILL_ROUNDS 4    ///< rounds of the cut that replace entities left alone
#define SPLINE_EDGES 200 ///< above this many edges, straight lines
#define LABEL_EDGES 1000 ///< above this many edges, edge labels go to tooltips
#define MAX_SENTENCES 3  ///< sentences quoted in an edge tooltip
#define MAX_LITERALS 4   ///< literal-valued relations shown in a node
#define MAX_ALIASES 12   ///< aliases listed in a node tooltip
#define FONT "Helvetica" ///< pango falls back to WenQuanYi for CJK
#define MAXITER "500"    ///< iterations of neato and fdp
#define PACK_ARRAY 30    ///< above this many components, pack them as an array

/* ------------------------------------------------------------------ */
/* Growable text                                                      */
/* ------------------------------------------------------------------ */

/* kg_buf (util.h) holds the text; an empty one still reads as "". */
static const char *buf_str(kg_buf *b)
{
    return b->data ? b->data : "";
}

/* Append @p s as Graphviz escString text, at most @p max bytes of it:
 *
 *   \   -> \\      so that \N, \G, \n, \l in article text stay literal
 *   &   -> &amp;   Graphviz turns entities in labels into characters and
 *                  passes "&name;" through to SVG unescaped: an "&foo;" in
 *                  the text would make the SVG ill-formed
 *   control characters -> space
 *
 * '<', '>' and '"' need nothing: we never make HTML-like labels (those need
 * agstrdup_html) and Graphviz escapes them in SVG.  Truncation backs up to
 * a UTF-8 boundary and adds an ellipsis. */
static void put_text(kg_buf *b, const char *s, size_t max)
{
    size_t n = strlen(s);
    int cut = 0;
    if (n > max) {
        n = max;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
        cut = 1;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\\')
            kg_buf_add(b, "\\\\", 2);
        else if (c == '&')
            kg_buf_add(b, "&amp;", 5);
        else if (c < 0x20 || c == 0x7f)
            kg_buf_add(b, " ", 1);
        else
            kg_buf_add(b, (const char *)&s[i], 1);
    }
    if (cut) kg_buf_puts(b, "\xE2\x80\xA6"); // U+2026
}

/* ------------------------------------------------------------------ */
/* String interning                                                   */
/* ------------------------------------------------------------------ */

typedef struct strtab {
    char **strs; // owned strings, by id
    size_t n, cap;
    uint32_t *slots; // open addressing: id + 1, 0 = empty
    size_t nslots;
} strtab;

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603u; // FNV-1a
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static void strtab_rehash(strtab *t, size_t nslots)
{
    free(t->slots);
    t->slots = kg_xcalloc(nslots, sizeof *t->slots);
    t->nslots = nslots;
    for (size_t id = 0; id < t->n; id++) {
        size_t i = (size_t)hash_str(t->strs[id]) & (nslots - 1);
        while (t->slots[i])
            i = (i + 1) & (nslots - 1);
        t->slots[i] = (uint32_t)id + 1;
    }
}

static uint32_t strtab_intern(strtab *t, const char *s)
{
    if (2 * (t->n + 1) > t->nslots) strtab_rehash(t, t->nslots ? 2 * t->nslots : 256);
    size_t i = (size_t)hash_str(s) & (t->nslots - 1);
    while (t->slots[i]) {
        uint32_t id = t->slots[i] - 1;
        if (strcmp(t->strs[id], s) == 0) return id;
        i = (i + 1) & (t->nslots - 1);
    }
    void *items = t->strs;
    kg_grow(&items, &t->cap, t->n + 1, sizeof *t->strs);
    t->strs = items;
    t->strs[t->n] = kg_xstrndup(s, strlen(s));
    t->slots[i] = (uint32_t)t->n + 1;
    return (uint32_t)t->n++;
}

static void strtab_free(strtab *t)
{
    for (size_t i = 0; i < t->n; i++)
        free(t->strs[i]);
    free(t->strs);
    free(t->slots);
}

/* ------------------------------------------------------------------ */
/* Vocabulary                                                         */
/* ------------------------------------------------------------------ */

enum wk {
    W_TYPE,
    W_LABEL,
    W_ALT,
    W_IDENT,
    W_SUBCLASS,
    W_STATEMENT,
    W_SUBJ,
    W_PRED,
    W_OBJ,
    W_CONF,
    W_FACT,
    W_REPBY,
    W_DERIVED,
    W_ANCHOR,
    W_ARTICLE,
    W_HEADLINE,
    W_DATEPUB,
    W_TITLE,
    W_DATE,
    W_NAME,
    W_ALTNAME,
    W_DESC,
    W_COMMENT,
    W_PREF,
    W_MENTIONS,
    W_MENTIONCOUNT,
    W_COUNT
};

static const char *const wk_iri[W_COUNT] = {
    KG_RDF "type",
    KG_RDFS "label",
    KG_SKOS "altLabel",
    KG_SCHEMA "identifier",
    KG_RDFS "subClassOf",
    KG_RDF "Statement",
    KG_RDF "subject",
    KG_RDF "predicate",
    KG_RDF "object",
    KG_NS "confidence",
    KG_NS "factuality",
    KG_NS "reportedBy",
    KG_PROV "wasDerivedFrom",
    KG_NIF "anchorOf",
    KG_SCHEMA "NewsArticle",
    KG_SCHEMA "headline",
    KG_SCHEMA "datePublished",
    KG_DCTERMS "title",
    KG_DCTERMS "date",
    KG_SCHEMA "name",
    KG_SCHEMA "alternateName",
    KG_SCHEMA "description",
    KG_RDFS "comment",
    KG_SKOS "prefLabel",
    KG_SCHEMA "mentions",
    KG_NS "mentionCount",
};

/* Class families: one shape and colour each, in priority order (an entity
 * typed both Place and Organization is drawn as an organization). */
enum family {
    F_PERSON,
    F_GOVORG,
    F_MEDIA,
    F_ORG,
    F_COUNTRY,
    F_CITY,
    F_ADMIN,
    F_PLACE,
    F_EVENT,
    F_OTHER,
    F_COUNT
};

static const struct {
    const char *name;  // legend text
    const char *shape; // Graphviz shape
    const char *style;
    const char *fill;
    const char *line;
} families[F_COUNT] = {
    {"Person", "ellipse", "filled", "#fde0c5", "#c0652b"},
    {"Government organization", "box", "filled", "#c9d4f2", "#3552a0"},
    {"News media", "box", "filled,rounded", "#f6cfe0", "#a23b6c"},
    {"Organization", "box", "filled,rounded", "#d6e8fa", "#3a78b5"},
    {"Country", "doubleoctagon", "filled", "#c9ebc9", "#2e7d32"},
    {"City", "house", "filled", "#eef3bf", "#8a8f1c"},
    {"Administrative area", "hexagon", "filled", "#dcefd0", "#558b2f"},
    {"Place", "octagon", "filled", "#d5efea", "#00796b"},
    {"Event", "cds", "filled", "#fff3b8", "#b08900"},
    {"Other", "note", "filled", "#eeeeee", "#666666"},
};

static int in_list(const char *s, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(s, *list) == 0) return 1;
    return 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The family of schema.org class @p local, or F_COUNT if unknown. */
static int family_of_class(const char *local)
{
    static const char *const admin[] = {"AdministrativeArea", "State", "SchoolDistrict", NULL};
    static const char *const org[] = {"Organization",
                                      "Corporation",
                                      "EducationalOrganization",
                                      "CollegeOrUniversity",
                                      "School",
                                      "PoliticalParty",
                                      "NGO",
                                      "Airline",
                                      "Consortium",
                                      "LocalBusiness",
                                      "MedicalOrganization",
                                      "PerformingGroup",
                                      "ResearchOrganization",
                                      "SportsOrganization",
                                      "SportsTeam",
                                      "WorkersUnion",
                                      "LibrarySystem",
                                      "FundingScheme",
                                      "Project",
                                      "ResearchProject",
                                      "FundingAgency",
                                      "OnlineBusiness",
                                      "MusicGroup",
                                      "Hospital",
                                      "Collaboration",
                                      NULL};
    static const char *const place[] = {"Place",
                                        "Continent",
                                        "Landform",
                                        "BodyOfWater",
                                        "Mountain",
                                        "CivicStructure",
                                        "Airport",
                                        "TouristAttraction",
                                        "TouristDestination",
                                        "LandmarksOrHistoricalBuildings",
                                        "Residence",
                                        "Accommodation",
                                        "Park",
                                        "GovernmentBuilding",
                                        "Port",
                                        "Island",
                                        NULL};
    if (strcmp(local, "Person") == 0) return F_PERSON;
    if (strcmp(local, "GovernmentOrganization") == 0) return F_GOVORG;
    if (strcmp(local, "NewsMediaOrganization") == 0) return F_MEDIA;
    if (strcmp(local, "Country") == 0) return F_COUNTRY;
    if (strcmp(local, "City") == 0) return F_CITY;
    if (in_list(local, admin)) return F_ADMIN;
    if (in_list(local, org) || ends_with(local, "Organization")) return F_ORG;
    if (in_list(local, place)) return F_PLACE;
    if (strcmp(local, "Event") == 0 || ends_with(local, "Event") || strcmp(local, "Festival") == 0)
        return F_EVENT;
    return F_COUNT;
}

/* The local name of @p iri: after the last '#', '/' or ':'. */
static const char *local_name(const char *iri)
{
    const char *best = iri;
    for (const char *s = iri; *s; s++)
        if ((*s == '#' || *s == '/' || *s == ':') && s[1]) best = s + 1;
    return best;
}

/* "containedInPlace" -> "contained in place", "sign_deal_with" -> "sign
 * deal with".  Appends to @p b (raw text, not yet escaped). */
static void split_camel(kg_buf *b, const char *name)
{
    for (const char *s = name; *s; s++) {
        char c = *s;
        if (c == '_' || c == '-') {
            kg_buf_add(b, " ", 1);
        } else if (c >= 'A' && c <= 'Z' && s > name &&
                   ((s[-1] >= 'a' && s[-1] <= 'z') || (s[-1] >= '0' && s[-1] <= '9'))) {
            char lc = (char)(c - 'A' + 'a');
            kg_buf_add(b, " ", 1);
            kg_buf_add(b, &lc, 1);
        } else {
            kg_buf_add(b, &c, 1);
        }
    }
}

/* ------------------------------------------------------------------ */
/* The sink's state                                                   */
/* ------------------------------------------------------------------ */

typedef struct stmt {
    uint32_t s, p, o;  // string ids
    uint32_t dt, lang; // literal datatype and language, or NONE
    uint32_t okind;    // kg_term_kind of the object
} stmt;

enum factuality { FX_NEGATED, FX_PLANNED, FX_REPORTED, FX_ASSERTED };

typedef struct edge {
    uint32_t s, p, o;             // entity string ids and predicate
    int fx;                       // strongest factuality of the kept facts
    int negated;                  // a negated-fact edge (never merged with a direct one)
    int nfacts, ndropped;         // facts kept, facts under min_confidence
    double conf;                  // highest confidence, or -1 when no fact says
    uint32_t sent[MAX_SENTENCES]; // sentence texts (string ids)
    int nsent;
    uint32_t reporter; // kg:reportedBy, or NONE
} edge;

typedef struct entity {
    uint32_t iri;
    int family;
    size_t degree;
    uint64_t mentions; // kg:mentionCount, summed
    int keep;
} entity;

typedef struct diagram {
    char *path;         // owned
    const char *format; // "svg", "png", "pdf", or NULL for DOT text
    char *layout;       // owned copy of opts->layout, or NULL
    char *title;        // owned copy of opts->title, or NULL
    size_t top;
    double min_conf;
    char **types, **rels; // owned lists of --types and --relations items
    size_t ntypes, nrels;
    kg_diagram_cluster cluster;
    kg_diag_sink diags;
    strtab strs;
    stmt *st;
    size_t nst, capst;
    uint32_t w[W_COUNT]; // ids of the vocabulary
    int ended;

    // Built at the end.
    size_t *sfirst, *scount; // statement range of each subject id
    uint32_t *ent_of;        // entity index of each string id, or NONE
    entity *ents;
    size_t nents, capents;
    edge *edges;
    size_t nedges, capedges;
    size_t narticles;           // schema:NewsArticle subjects
    uint32_t article;           // the first of them, or NONE
    size_t all_ents, all_edges; // before the cut
    int cut;                    // the cut left something out
} diagram;

/* ------------------------------------------------------------------ */
/* Collecting statements                                              */
/* ------------------------------------------------------------------ */

static kg_status diagram_triple(void *handle, const kg_term *g, const kg_term *s, const kg_term *p,
                                const kg_term *o)
{
    (void)g;
    diagram *d = handle;
    if (d->ended) return KG_ERR_ARG;
    void *items = d->st;
    kg_grow(&items, &d->capst, d->nst + 1, sizeof *d->st);
    d->st = items;
    stmt *x = &d->st[d->nst++];
    x->s = strtab_intern(&d->strs, s->value);
    x->p = strtab_intern(&d->strs, p->value);
    x->o = strtab_intern(&d->strs, o->value);
    x->okind = (uint32_t)o->kind;
    x->dt = NONE;
    x->lang = NONE;
    if (o->kind == KG_TERM_LITERAL && o->lang && *o->lang) {
        // Language tags are case-insensitive and raptor's N-Quads parser
        // lowercases them: lowercase here too, so that a graph read back
        // from .ttl or .nq draws the same.
        char *lang = kg_xstrndup(o->lang, strlen(o->lang));
        for (char *c = lang; *c; c++)
            if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
        x->lang = strtab_intern(&d->strs, lang);
        free(lang);
    } else if (o->kind == KG_TERM_LITERAL && o->datatype)
        x->dt = strtab_intern(&d->strs, o->datatype);
    return KG_SUCCESS;
}

/* ------------------------------------------------------------------ */
/* Ordering                                                           */
/* ------------------------------------------------------------------ */

typedef struct ranked {
    const char *s;
    uint32_t id;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    return strcmp(((const ranked *)a)->s, ((const ranked *)b)->s);
}

static uint32_t remap(const uint32_t *map, uint32_t id)
{
    return id == NONE ? NONE : map[id];
}

/* Renumber the strings in bytewise order: from here on, comparing ids is
 * comparing strings. */
static void renumber(diagram *d)
{
    size_t n = d->strs.n;
    ranked *r = kg_xcalloc(n, sizeof *r);
    for (size_t i = 0; i < n; i++)
        r[i] = (ranked){d->strs.strs[i], (uint32_t)i};
    if (n) qsort(r, n, sizeof *r, cmp_ranked);
    uint32_t *map = kg_xcalloc(n, sizeof *map);
    char **sorted = kg_xcalloc(n, sizeof *sorted);
    for (size_t i = 0; i < n; i++) {
        map[r[i].id] = (uint32_t)i;
        sorted[i] = d->strs.strs[r[i].id];
    }
    memcpy(d->strs.strs, sorted, n * sizeof *sorted);
    for (size_t i = 0; i < d->nst; i++) {
        stmt *x = &d->st[i];
        x->s = map[x->s];
        x->p = map[x->p];
        x->o = map[x->o];
        x->dt = remap(map, x->dt);
        x->lang = remap(map, x->lang);
    }
    for (size_t i = 0; i < W_COUNT; i++)
        d->w[i] = map[d->w[i]];
    strtab_rehash(&d->strs, d->strs.nslots);
    free(sorted);
    free(map);
    free(r);
}

static int cmp_u32(uint32_t a, uint32_t b)
{
    return a < b ? -1 : a > b;
}

static int cmp_stmt(const void *a, const void *b)
{
    const stmt *x = a, *y = b;
    int c;
    if ((c = cmp_u32(x->s, y->s)) || (c = cmp_u32(x->p, y->p)) ||
        (c = cmp_u32(x->okind, y->okind)) || (c = cmp_u32(x->o, y->o)) ||
        (c = cmp_u32(x->dt, y->dt)))
        return c;
    return cmp_u32(x->lang, y->lang);
}

/* Sort and de-duplicate the statements, then index them by subject. */
static void index_statements(diagram *d)
{
    if (d->nst) qsort(d->st, d->nst, sizeof *d->st, cmp_stmt);
    size_t k = 0;
    for (size_t i = 0; i < d->nst; i++)
        if (k == 0 || cmp_stmt(&d->st[i], &d->st[k - 1]) != 0) d->st[k++] = d->st[i];
    d->nst = k;
    size_t n = d->strs.n;
    d->sfirst = kg_xcalloc(n, sizeof *d->sfirst);
    d->scount = kg_xcalloc(n, sizeof *d->scount);
    for (size_t i = 0; i < d->nst; i++) {
        if (d->scount[d->st[i].s]++ == 0) d->sfirst[d->st[i].s] = i;
    }
}

/* ------------------------------------------------------------------ */
/* Reading the statements                                             */
/* ------------------------------------------------------------------ */

static const char *str(const diagram *d, uint32_t id)
{
    return id == NONE ? "" : d->strs.strs[id];
}

/* First statement (s, p, ?) with an object of @p kind, or NULL. */
static const stmt *find(const diagram *d, uint32_t s, uint32_t p, kg_term_kind kind)
{
    if (s == NONE || s >= d->strs.n) return NULL;
    for (size_t i = d->sfirst[s], e = i + d->scount[s]; i < e; i++)
        if (d->st[i].p == p && d->st[i].okind == (uint32_t)kind) return &d->st[i];
    return NULL;
}

/* The best literal of (s, p): English, else untagged, else the first. */
static const char *literal(const diagram *d, uint32_t s, uint32_t p)
{
    if (s == NONE || s >= d->strs.n) return NULL;
    const stmt *best = NULL;
    int best_rank = -1;
    for (size_t i = d->sfirst[s], e = i + d->scount[s]; i < e; i++) {
        const stmt *x = &d->st[i];
        if (x->p != p || x->okind != KG_TERM_LITERAL) continue;
        const char *lang = str(d, x->lang);
        int rank = (strcasecmp(lang, "en") == 0 || strncasecmp(lang, "en-", 3) == 0) ? 2
                   : x->lang == NONE                                                 ? 1
                                                                                     : 0;
        if (rank > best_rank) {
            best = x;
            best_rank = rank;
        }
    }
    return best ? str(d, best->o) : NULL;
}

/* Family of class @p cls: schema.org classes by name, others through the
 * rdfs:subClassOf statements of the stream (a few levels). */
static int class_family(const diagram *d, uint32_t cls, int depth)
{
    const char *iri = str(d, cls);
    size_t ns = strlen(KG_SCHEMA);
    if (strncmp(iri, KG_SCHEMA, ns) == 0) {
        if (cls == d->w[W_ARTICLE]) return F_COUNT;
        int f = family_of_class(iri + ns);
        return f == F_COUNT ? F_OTHER : f;
    }
    if (depth >= 8 || cls >= d->strs.n) return F_COUNT;
    int best = F_COUNT;
    for (size_t i = d->sfirst[cls], e = i + d->scount[cls]; i < e; i++) {
        const stmt *x = &d->st[i];
        if (x->p == d->w[W_SUBCLASS] && x->okind == KG_TERM_IRI) {
            int f = class_family(d, x->o, depth + 1);
            if (f < best) best = f;
        }
    }
    return best;
}

/* The family of subject @p s if it is an entity (a schema.org type other
 * than NewsArticle, and an rdfs:label), else F_COUNT. */
static int entity_family(const diagram *d, uint32_t s)
{
    if (!find(d, s, d->w[W_LABEL], KG_TERM_LITERAL)) return F_COUNT;
    int best = F_COUNT;
    for (size_t i = d->sfirst[s], e = i + d->scount[s]; i < e; i++) {
        const stmt *x = &d->st[i];
        if (x->p == d->w[W_TYPE] && x->okind == KG_TERM_IRI) {
            int f = class_family(d, x->o, 0);
            if (f < best) best = f;
        }
    }
    return best;
}

static void find_entities(diagram *d)
{
    d->ent_of = kg_xcalloc(d->strs.n ? d->strs.n : 1, sizeof *d->ent_of);
    for (size_t i = 0; i < d->strs.n; i++)
        d->ent_of[i] = NONE;
    for (size_t i = 0; i < d->nst; i++) {
        uint32_t s = d->st[i].s;
        if (i > 0 && d->st[i - 1].s == s) continue;
        int f = entity_family(d, s);
        if (f == F_COUNT) continue;
        void *items = d->ents;
        kg_grow(&items, &d->capents, d->nents + 1, sizeof *d->ents);
        d->ents = items;
        // Graphs of separate runs, concatenated, may count an entity's
        // mentions in several statements: add them up.
        uint64_t mentions = 0;
        for (size_t j = d->sfirst[s], e = j + d->scount[s]; j < e; j++)
            if (d->st[j].p == d->w[W_MENTIONCOUNT] && d->st[j].okind == KG_TERM_LITERAL)
                mentions += strtoull(str(d, d->st[j].o), NULL, 10);
        d->ent_of[s] = (uint32_t)d->nents;
        d->ents[d->nents++] = (entity){s, f, 0, mentions, 1};
    }
}

static int is_entity(const diagram *d, uint32_t id)
{
    return id != NONE && id < d->strs.n && d->ent_of[id] != NONE;
}

/* ------------------------------------------------------------------ */
/* Edges                                                              */
/* ------------------------------------------------------------------ */

static int cmp_edge(const void *a, const void *b)
{
    const edge *x = a, *y = b;
    int c;
    if ((c = cmp_u32(x->s, y->s)) || (c = cmp_u32(x->o, y->o)) || (c = cmp_u32(x->p, y->p)))
        return c;
    return (x->negated > y->negated) - (x->negated < y->negated);
}

static edge *add_edge(diagram *d, uint32_t s, uint32_t p, uint32_t o, int negated)
{
    void *items = d->edges;
    kg_grow(&items, &d->capedges, d->nedges + 1, sizeof *d->edges);
    d->edges = items;
    edge *e = &d->edges[d->nedges++];
    memset(e, 0, sizeof *e);
    e->s = s;
    e->p = p;
    e->o = o;
    e->negated = negated;
    e->fx = negated ? FX_NEGATED : FX_ASSERTED;
    e->conf = -1;
    e->reporter = NONE;
    return e;
}

static int factuality_of(const char *v)
{
    const char *l = local_name(v);
    if (strcasecmp(l, "Negated") == 0 || strcasecmp(l, "Negative") == 0) return FX_NEGATED;
    if (strcasecmp(l, "Planned") == 0 || strcasecmp(l, "Future") == 0 ||
        strcasecmp(l, "Hypothetical") == 0)
        return FX_PLANNED;
    if (strcasecmp(l, "Reported") == 0 || strcasecmp(l, "Attributed") == 0) return FX_REPORTED;
    return FX_ASSERTED;
}

/* One reified fact, read from its rdf:Statement subject. */
typedef struct fact {
    uint32_t id; // the rdf:Statement subject
    uint32_t s, p, o, sentence, reporter;
    int fx;
    double conf;
} fact;

static int read_fact(const diagram *d, uint32_t f, fact *out)
{
    const stmt *s = find(d, f, d->w[W_SUBJ], KG_TERM_IRI);
    const stmt *p = find(d, f, d->w[W_PRED], KG_TERM_IRI);
    const stmt *o = find(d, f, d->w[W_OBJ], KG_TERM_IRI);
    if (!s || !p || !o) return 0; // literal-valued facts are shown in the node instead
    out->id = f;
    out->s = s->o;
    out->p = p->o;
    out->o = o->o;
    const char *conf = literal(d, f, d->w[W_CONF]);
    out->conf = conf ? strtod(conf, NULL) : -1;
    const stmt *fx = find(d, f, d->w[W_FACT], KG_TERM_IRI);
    if (!fx) fx = find(d, f, d->w[W_FACT], KG_TERM_LITERAL);
    out->fx = fx ? factuality_of(str(d, fx->o)) : FX_ASSERTED;
    const stmt *rep = find(d, f, d->w[W_REPBY], KG_TERM_IRI);
    out->reporter = rep ? rep->o : NONE;
    out->sentence = NONE;
    const stmt *src = find(d, f, d->w[W_DERIVED], KG_TERM_IRI);
    const stmt *anchor = src ? find(d, src->o, d->w[W_ANCHOR], KG_TERM_LITERAL) : NULL;
    if (!anchor) anchor = find(d, f, d->w[W_ANCHOR], KG_TERM_LITERAL);
    if (anchor) out->sentence = anchor->o;
    return 1;
}

static void attach(edge *e, const fact *f)
{
    // The strongest factuality wins: one asserting article makes the edge
    // solid.  A negated edge stays negated.
    e->nfacts++;
    if (!e->negated && (e->nfacts == 1 || f->fx > e->fx)) e->fx = f->fx;
    if (f->conf > e->conf) e->conf = f->conf;
    if (f->reporter != NONE && e->reporter == NONE) e->reporter = f->reporter;
    if (f->sentence == NONE) return;
    for (int i = 0; i < e->nsent; i++)
        if (e->sent[i] == f->sentence) return;
    if (e->nsent < MAX_SENTENCES) e->sent[e->nsent++] = f->sentence;
}

static edge *find_edge(edge *edges, size_t n, uint32_t s, uint32_t p, uint32_t o, int negated)
{
    edge key;
    memset(&key, 0, sizeof key);
    key.s = s;
    key.p = p;
    key.o = o;
    key.negated = negated;
    return n ? bsearch(&key, edges, n, sizeof *edges, cmp_edge) : NULL;
}

/* Fact order: the edge key (s, o, p, negated), then the fact's IRI. */
static int cmp_fact_key(const fact *x, const fact *y)
{
    int c;
    if ((c = cmp_u32(x->s, y->s)) || (c = cmp_u32(x->o, y->o)) || (c = cmp_u32(x->p, y->p)))
        return c;
    return (x->fx == FX_NEGATED) - (y->fx == FX_NEGATED);
}

static int cmp_fact(const void *a, const void *b)
{
    int c = cmp_fact_key(a, b);
    return c ? c : cmp_u32(((const fact *)a)->id, ((const fact *)b)->id);
}

static void find_edges(diagram *d)
{
    // Direct triples between two entities, already unique and sorted by
    // subject; re-sorted below in edge order.
    for (size_t i = 0; i < d->nst; i++) {
        const stmt *x = &d->st[i];
        if (x->okind == KG_TERM_IRI && x->p != d->w[W_TYPE] && is_entity(d, x->s) &&
            is_entity(d, x->o))
            add_edge(d, x->s, x->p, x->o, 0);
    }
    if (d->nedges) qsort(d->edges, d->nedges, sizeof *d->edges, cmp_edge);
    size_t ndirect = d->nedges;

    // Reified facts: attach to their direct edge, or gather them for
    // fact-only edges (negated facts always; others when the stream has no
    // direct triple).
    fact *loose = NULL;
    size_t nloose = 0, caploose = 0;
    for (size_t i = 0; i < d->nst; i++) {
        const stmt *x = &d->st[i];
        if (x->p != d->w[W_TYPE] || x->o != d->w[W_STATEMENT] || x->okind != KG_TERM_IRI) continue;
        fact f;
        if (!read_fact(d, x->s, &f) || !is_entity(d, f.s) || !is_entity(d, f.o)) continue;
        edge *e = f.fx == FX_NEGATED ? NULL : find_edge(d->edges, ndirect, f.s, f.p, f.o, 0);
        if (f.conf >= 0 && f.conf < d->min_conf) {
            if (e) e->ndropped++;
            continue;
        }
        if (e) {
            attach(e, &f);
            continue;
        }
        void *items = loose;
        kg_grow(&items, &caploose, nloose + 1, sizeof *loose);
        loose = items;
        loose[nloose++] = f;
    }
    if (nloose) qsort(loose, nloose, sizeof *loose, cmp_fact);
    for (size_t i = 0; i < nloose; i++) {
        const fact *f = &loose[i];
        int neg = f->fx == FX_NEGATED;
        if (i == 0 || cmp_fact_key(f, &loose[i - 1]) != 0) add_edge(d, f->s, f->p, f->o, neg);
        attach(&d->edges[d->nedges - 1], f);
    }
    free(loose);

    // A direct triple whose every fact fell under min_confidence goes too.
    size_t k = 0;
    for (size_t i = 0; i < d->nedges; i++)
        if (!(d->edges[i].ndropped > 0 && d->edges[i].nfacts == 0)) d->edges[k++] = d->edges[i];
    d->nedges = k;
    if (d->nedges) qsort(d->edges, d->nedges, sizeof *d->edges, cmp_edge);
}

/* ------------------------------------------------------------------ */
/* Filters and the cut                                                */
/* ------------------------------------------------------------------ */

static void predicate_text(const diagram *d, uint32_t p, kg_buf *b);

/* Drop the edges that touch an entity no longer kept. */
static void drop_loose_edges(diagram *d)
{
    size_t k = 0;
    for (size_t i = 0; i < d->nedges; i++) {
        const edge *e = &d->edges[i];
        if (d->ents[d->ent_of[e->s]].keep && d->ents[d->ent_of[e->o]].keep) d->edges[k++] = *e;
    }
    d->nedges = k;
}

/* Degrees over the edges left. */
static void count_degrees(diagram *d)
{
    for (size_t i = 0; i < d->nents; i++)
        d->ents[i].degree = 0;
    for (size_t i = 0; i < d->nedges; i++) {
        d->ents[d->ent_of[d->edges[i].s]].degree++;
        d->ents[d->ent_of[d->edges[i].o]].degree++;
    }
}

/* Keep only the entities that take part in a relation. */
static void drop_isolated(diagram *d)
{
    count_degrees(d);
    for (size_t i = 0; i < d->nents; i++)
        if (d->ents[i].degree == 0) d->ents[i].keep = 0;
}

static void warn_unmatched(const diagram *d, const char *option, char **items, size_t n,
                           const int *used)
{
    for (size_t i = 0; i < n; i++)
        if (!used[i])
            kg_diag_report(&d->diags, KG_WARNING, KG_SUCCESS, NULL, 0, 0, UINT64_MAX,
                           "%s: '%s' matches nothing in the graph", option, items[i]);
}

/* Does entity @p e belong to class @p want (a group, a legend row or the
 * local name of one of its rdf:types)?  A plural ("places") works too. */
static int type_matches(const diagram *d, const entity *e, const char *want, size_t len)
{
    static const struct {
        const char *name;
        int lo, hi; // a range of families
    } groups[] = {
        {"person", F_PERSON, F_PERSON},    {"people", F_PERSON, F_PERSON},
        {"organization", F_GOVORG, F_ORG}, {"organisation", F_GOVORG, F_ORG},
        {"org", F_GOVORG, F_ORG},          {"place", F_COUNTRY, F_PLACE},
        {"location", F_COUNTRY, F_PLACE},  {"event", F_EVENT, F_EVENT},
        {"other", F_OTHER, F_OTHER},
    };
    for (size_t i = 0; i < sizeof groups / sizeof groups[0]; i++)
        if (strlen(groups[i].name) == len && strncasecmp(groups[i].name, want, len) == 0)
            return e->family >= groups[i].lo && e->family <= groups[i].hi;
    const char *fam = families[e->family].name;
    if (strlen(fam) == len && strncasecmp(fam, want, len) == 0) return 1;
    for (size_t i = d->sfirst[e->iri], end = i + d->scount[e->iri]; i < end; i++) {
        const stmt *x = &d->st[i];
        if (x->p != d->w[W_TYPE] || x->okind != KG_TERM_IRI) continue;
        const char *l = local_name(str(d, x->o));
        if (strlen(l) == len && strncasecmp(l, want, len) == 0) return 1;
    }
    return 0;
}

/* --types: keep the entities of the classes listed. */
static void filter_types(diagram *d)
{
    if (!d->ntypes) return;
    int *used = kg_xcalloc(d->ntypes, sizeof *used);
    for (size_t i = 0; i < d->nents; i++) {
        entity *e = &d->ents[i];
        int keep = 0;
        for (size_t j = 0; j < d->ntypes; j++) {
            const char *w = d->types[j];
            size_t n = strlen(w);
            if (type_matches(d, e, w, n) ||
                (n > 3 && (w[n - 1] == 's' || w[n - 1] == 'S') && type_matches(d, e, w, n - 1)))
                keep = used[j] = 1;
        }
        e->keep = keep;
    }
    warn_unmatched(d, "--types", d->types, d->ntypes, used);
    free(used);
    drop_loose_edges(d);
}

/* --relations: keep the edges of the relations listed, and the entities
 * that still take part in one. */
static void filter_relations(diagram *d)
{
    if (!d->nrels) return;
    int *used = kg_xcalloc(d->nrels, sizeof *used);
    kg_buf text = {NULL, 0, 0};
    size_t k = 0;
    for (size_t i = 0; i < d->nedges; i++) {
        const edge *e = &d->edges[i];
        const char *local = local_name(str(d, e->p));
        text.len = 0;
        predicate_text(d, e->p, &text);
        int keep = 0;
        for (size_t j = 0; j < d->nrels; j++)
            if (strcasecmp(d->rels[j], local) == 0 || strcasecmp(d->rels[j], buf_str(&text)) == 0)
                keep = used[j] = 1;
        if (keep) d->edges[k++] = *e;
    }
    d->nedges = k;
    free(text.data);
    warn_unmatched(d, "--relations", d->rels, d->nrels, used);
    free(used);
    drop_isolated(d);
}

typedef struct ranked_ent {
    size_t degree;
    uint64_t mentions;
    size_t index;
} ranked_ent;

/* Degree descending, then mentions descending, then entity (IRI) order. */
static int cmp_ranked_ent(const void *a, const void *b)
{
    const ranked_ent *x = a, *y = b;
    if (x->degree != y->degree) return x->degree > y->degree ? -1 : 1;
    if (x->mentions != y->mentions) return x->mentions > y->mentions ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

typedef struct ranked_edge {
    int nfacts;
    double conf;
    size_t index;
} ranked_edge;

/* Most facts first, then highest confidence, then edge order. */
static int cmp_ranked_edge(const void *a, const void *b)
{
    const ranked_edge *x = a, *y = b;
    if (x->nfacts != y->nfacts) return x->nfacts > y->nfacts ? -1 : 1;
    if (x->conf != y->conf) return x->conf > y->conf ? -1 : 1;
    return (x->index > y->index) - (x->index < y->index);
}

/* Degrees counting only the edges between entities in state 1. */
static void degrees_among(const diagram *d, const char *state, size_t *deg)
{
    memset(deg, 0, d->nents * sizeof *deg);
    for (size_t i = 0; i < d->nedges; i++) {
        size_t a = d->ent_of[d->edges[i].s], b = d->ent_of[d->edges[i].o];
        if (state[a] == 1 && state[b] == 1) deg[a]++, deg[b]++;
    }
}

/* The cut (kg_diagram_opts.top): the N entities of highest degree (ties by
 * IRI), then at most max_edges of the edges among them, those backed by the
 * most facts; the edges keep their order.  A chosen entity that none of the
 * others is related to makes room for the next one (FILL_ROUNDS rounds),
 * and one that the edge cut leaves alone goes.  Automatic for a large
 * graph, where entities without any relation go first. */
static void apply_cut(diagram *d)
{
    count_degrees(d);
    size_t nkept = 0;
    for (size_t i = 0; i < d->nents; i++)
        nkept += (size_t)d->ents[i].keep;
    d->all_ents = nkept;
    d->all_edges = d->nedges;
    if (d->top == KG_DIAGRAM_ALL) return;
    int automatic = d->top == 0;
    size_t top = d->top, max_edges;
    if (automatic) {
        if (nkept <= KG_DIAGRAM_AUTO_TOP) return;
        top = KG_DIAGRAM_AUTO_TOP;
        max_edges = KG_DIAGRAM_AUTO_EDGES;
        drop_isolated(d);
    } else {
        max_edges = top > SIZE_MAX / 4 ? SIZE_MAX : 4 * top;
        if (max_edges < KG_DIAGRAM_AUTO_EDGES) max_edges = KG_DIAGRAM_AUTO_EDGES;
    }
    size_t ne = d->nents ? d->nents : 1;
    ranked_ent *order = kg_xcalloc(ne, sizeof *order);
    char *state = kg_xcalloc(ne, 1); // 0 candidate, 1 chosen, 2 passed over
    size_t *deg = kg_xcalloc(ne, sizeof *deg);
    size_t n = 0;
    for (size_t i = 0; i < d->nents; i++)
        if (d->ents[i].keep) order[n++] = (ranked_ent){d->ents[i].degree, d->ents[i].mentions, i};
    qsort(order, n, sizeof *order, cmp_ranked_ent);
    size_t next = 0, chosen = 0;
    for (int round = 0; round < FILL_ROUNDS; round++) {
        while (chosen < top && next < n) {
            state[order[next++].index] = 1;
            chosen++;
        }
        degrees_among(d, state, deg);
        // In rank order: the best of the lone ones stays (a seed the next
        // ones may join), the others make room.
        size_t passed = 0;
        int seed = 0;
        for (size_t r = 0; r < next; r++) {
            size_t i = order[r].index;
            if (state[i] != 1 || deg[i] > 0 || d->ents[i].degree == 0) continue;
            if (!seed) {
                seed = 1;
                continue;
            }
            state[i] = 2;
            chosen--;
            passed++;
        }
        if (!passed || next == n) break;
    }
    for (size_t i = 0; i < d->nents; i++)
        d->ents[i].keep = state[i] == 1;
    free(order);
    drop_loose_edges(d);
    if (d->nedges > max_edges) {
        // Entities the edge cut leaves alone go: their degree among the
        // chosen, before and after.
        size_t *before = kg_xcalloc(ne, sizeof *before);
        degrees_among(d, state, before);
        ranked_edge *r = kg_xcalloc(d->nedges, sizeof *r);
        for (size_t i = 0; i < d->nedges; i++)
            r[i] = (ranked_edge){d->edges[i].nfacts, d->edges[i].conf, i};
        qsort(r, d->nedges, sizeof *r, cmp_ranked_edge);
        char *keep = kg_xcalloc(d->nedges, 1);
        for (size_t i = 0; i < max_edges; i++)
            keep[r[i].index] = 1;
        size_t k = 0;
        for (size_t i = 0; i < d->nedges; i++)
            if (keep[i]) d->edges[k++] = d->edges[i];
        d->nedges = k;
        free(keep);
        free(r);
        degrees_among(d, state, deg);
        for (size_t i = 0; i < d->nents; i++)
            if (d->ents[i].keep && deg[i] == 0 && before[i] > 0) d->ents[i].keep = 0;
        free(before);
    }
    free(state);
    free(deg);
    count_degrees(d);
    size_t left = 0;
    for (size_t i = 0; i < d->nents; i++)
        left += (size_t)d->ents[i].keep;
    d->cut = left < d->all_ents || d->nedges < d->all_edges;
}

/* ------------------------------------------------------------------ */
/* Text of nodes, edges and the graph                                 */
/* ------------------------------------------------------------------ */

/* The raw (unescaped) label of a predicate. */
static void predicate_text(const diagram *d, uint32_t p, kg_buf *b)
{
    const char *l = literal(d, p, d->w[W_LABEL]);
    if (l)
        kg_buf_puts(b, l);
    else
        split_camel(b, local_name(str(d, p)));
}

static const char *entity_name(const diagram *d, uint32_t id)
{
    const char *l = literal(d, id, d->w[W_LABEL]);
    return l ? l : local_name(str(d, id));
}

static int is_name_property(const diagram *d, uint32_t p)
{
    static const enum wk names[] = {W_LABEL, W_ALT,     W_IDENT, W_NAME,        W_ALTNAME,
                                    W_DESC,  W_COMMENT, W_PREF,  W_MENTIONCOUNT};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (p == d->w[names[i]]) return 1;
    return 0;
}

static void node_label(const diagram *d, uint32_t s, kg_buf *out)
{
    const char *main_label = entity_name(d, s);
    put_text(out, main_label, 80);
    // The Chinese label (江苏省) on a second line: kg reads Chinese news.
    // Labels in other languages are in the tooltip only.
    int nother = 0;
    const char *shown = NULL; // zh and zh-Hant often agree: show it once
    for (size_t i = d->sfirst[s], e = i + d->scount[s]; i < e && nother < 2; i++) {
        const stmt *x = &d->st[i];
        const char *lang = str(d, x->lang);
        if (x->p != d->w[W_LABEL] || x->okind != KG_TERM_LITERAL ||
            strcmp(str(d, x->o), main_label) == 0 ||
            !(strcasecmp(lang, "zh") == 0 || strncasecmp(lang, "zh-", 3) == 0) ||
            (shown && strcmp(shown, str(d, x->o)) == 0))
            continue;
        kg_buf_puts(out, nother++ ? " / " : "\\n");
        put_text(out, str(d, x->o), 60);
        shown = str(d, x->o);
    }
    // Literal-valued relations: "founding date: 1994".
    int nlit = 0;
    for (size_t i = d->sfirst[s], e = i + d->scount[s]; i < e && nlit < MAX_LITERALS; i++) {
        const stmt *x = &d->st[i];
        if (x->okind != KG_TERM_LITERAL || is_name_property(d, x->p)) continue;
        kg_buf line = {NULL, 0, 0};
        predicate_text(d, x->p, &line);
        kg_buf_puts(&line, ": ");
        kg_buf_puts(&line, str(d, x->o));
        kg_buf_puts(out, "\\n");
        put_text(out, buf_str(&line), 80);
        free(line.data);
        nlit++;
    }
}

static void node_tooltip(const diagram *d, uint32_t s, kg_buf *out)
{
    const char *main_label = entity_name(d, s);
    // Types in IRI order, then aliases (other labels and altLabels).
    int ntypes = 0;
    for (size_t i = d->sfirst[s], e = i + d->scount[s]; i < e; i++) {
        const stmt *x = &d->st[i];
        if (x->p != d->w[W_TYPE] || x->okind != KG_TERM_IRI) continue;
        kg_buf_puts(out, ntypes++ ? ", " : "");
        put_text(out, local_name(str(d, x->o)), 80);
    }
    // Aliases: skos:altLabel first, then Chinese labels, then the labels in
    // other languages, at most MAX_ALIASES.
    int nalias = 0, more = 0;
    for (int pass = 0; pass < 3; pass++) {
        for (size_t i = d->sfirst[s], e = i + d->scount[s]; i < e; i++) {
            const stmt *x = &d->st[i];
            if (x->okind != KG_TERM_LITERAL || strcmp(str(d, x->o), main_label) == 0) continue;
            const char *lang = str(d, x->lang);
            int zh = strcmp(lang, "zh") == 0 || strncmp(lang, "zh-", 3) == 0;
            if (!(pass == 0 ? x->p == d->w[W_ALT]
                            : x->p == d->w[W_LABEL] && (pass == 1 ? zh : !zh)))
                continue;
            if (nalias == MAX_ALIASES) {
                more = 1;
                break;
            }
            kg_buf_puts(out, nalias++ ? "; " : "\\naliases: ");
            put_text(out, str(d, x->o), 120);
            if (x->lang != NONE) {
                kg_buf_puts(out, " @");
                put_text(out, lang, 20);
            }
        }
    }
    if (more) kg_buf_puts(out, "; \xE2\x80\xA6");
    const char *id = literal(d, s, d->w[W_IDENT]);
    if (id) {
        kg_buf_puts(out, "\\nidentifier: ");
        put_text(out, id, 80);
    }
    uint64_t mentions = is_entity(d, s) ? d->ents[d->ent_of[s]].mentions : 0;
    if (mentions) kg_buf_printf(out, "\\nmentions: %llu", (unsigned long long)mentions);
    kg_buf_puts(out, "\\n");
    put_text(out, str(d, s), 300);
}

static void edge_label(const diagram *d, const edge *e, kg_buf *out)
{
    kg_buf raw = {NULL, 0, 0};
    if (e->fx == FX_NEGATED) kg_buf_puts(&raw, "not ");
    predicate_text(d, e->p, &raw);
    if (e->fx == FX_PLANNED)
        kg_buf_puts(&raw, " (planned)");
    else if (e->fx == FX_REPORTED)
        kg_buf_puts(&raw, " (reported)");
    // Long open-relation phrases crowd a large drawing: shorter there.
    put_text(out, buf_str(&raw), d->nedges > SPLINE_EDGES ? 32 : 80);
    // In a corpus, the facts that one edge stands for: "supports ×3".
    if (d->narticles > 1 && e->nfacts > 1) kg_buf_printf(out, " \xC3\x97%d", e->nfacts);
    free(raw.data);
}

static void edge_tooltip(const diagram *d, const edge *e, kg_buf *out)
{
    for (int i = 0; i < e->nsent; i++) {
        if (i) kg_buf_puts(out, "\\n");
        put_text(out, str(d, e->sent[i]), 400);
    }
    if (e->nsent == 0) {
        kg_buf raw = {NULL, 0, 0};
        kg_buf_puts(&raw, entity_name(d, e->s));
        kg_buf_puts(&raw, " \xE2\x80\x94 "); // em dash
        predicate_text(d, e->p, &raw);
        kg_buf_puts(&raw, " \xE2\x80\x94 ");
        kg_buf_puts(&raw, entity_name(d, e->o));
        put_text(out, buf_str(&raw), 300);
        free(raw.data);
    }
    if (e->reporter != NONE) {
        kg_buf_puts(out, "\\nreported by ");
        put_text(out, entity_name(d, e->reporter), 80);
    }
    if (e->conf >= 0) {
        char c[48];
        snprintf(c, sizeof c, "\\nconfidence %.2f", e->conf);
        kg_buf_puts(out, c);
    }
}

/* The schema:NewsArticles: how many, and the first. */
static void count_articles(diagram *d)
{
    d->article = NONE;
    d->narticles = 0;
    for (size_t i = 0; i < d->nst; i++) {
        const stmt *x = &d->st[i];
        if (x->p == d->w[W_TYPE] && x->o == d->w[W_ARTICLE] && x->okind == KG_TERM_IRI) {
            if (d->narticles++ == 0) d->article = x->s;
        }
    }
}

/* Append "k, l, m" to @p out. */
static void put_list(kg_buf *out, char **items, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (i) kg_buf_puts(out, ", ");
        put_text(out, items[i], 60);
    }
}

/* What the filters and the cut left out, on its own line. */
static void cut_note(const diagram *d, kg_buf *out)
{
    if (d->ntypes) {
        kg_buf_puts(out, out->len ? "\\ntypes: " : "types: ");
        put_list(out, d->types, d->ntypes);
    }
    if (d->nrels) {
        kg_buf_puts(out, out->len ? "\\nrelations: " : "relations: ");
        put_list(out, d->rels, d->nrels);
    }
    if (!d->cut) return;
    size_t nkept = 0;
    for (size_t i = 0; i < d->nents; i++)
        nkept += (size_t)d->ents[i].keep;
    kg_buf_printf(out,
                  "%s%zu of %zu entities (highest degree) and %zu of %zu relations "
                  "(most facts) shown",
                  out->len ? "\\n" : "", nkept, d->all_ents, d->nedges, d->all_edges);
}

/* The headline and date of @p article. */
static void headline_date(const diagram *d, uint32_t article, kg_buf *out)
{
    const char *headline = literal(d, article, d->w[W_HEADLINE]);
    if (!headline) headline = literal(d, article, d->w[W_TITLE]);
    const char *date = literal(d, article, d->w[W_DATEPUB]);
    if (!date) date = literal(d, article, d->w[W_DATE]);
    if (headline) put_text(out, headline, 200);
    if (date) {
        kg_buf_puts(out, headline ? "\\n" : "");
        put_text(out, date, 40);
    }
}

/* The graph label: the title option, else headline and date of the one
 * article, else "N articles"; then what was left out. */
static void graph_label(const diagram *d, kg_buf *out)
{
    if (d->title) {
        put_text(out, d->title, 200);
    } else if (d->narticles > 1) {
        kg_buf_printf(out, "%zu articles", d->narticles);
    } else if (d->narticles == 1) {
        headline_date(d, d->article, out);
    }
    cut_note(d, out);
}

/* ------------------------------------------------------------------ */
/* Graphviz                                                           */
/* ------------------------------------------------------------------ */

/* Graphviz reports through one process-wide function (agseterrf); while a
 * drawing is made it points here and the messages, which arrive in pieces
 * ("Warning", ": ", text ending in a newline), go to the diagram's sink. */
static const kg_diag_sink *gv_route;
static char gv_msg[1024];
static size_t gv_len;

static void gv_flush(void)
{
    while (gv_len && (gv_msg[gv_len - 1] == '\n' || gv_msg[gv_len - 1] == ' '))
        gv_len--;
    gv_msg[gv_len] = '\0';
    if (gv_len) {
        int err = strncmp(gv_msg, "Error", 5) == 0;
        kg_diag_report(gv_route, err ? KG_ERROR : KG_WARNING, err ? KG_ERR_LIB : KG_SUCCESS, NULL,
                       0, 0, UINT64_MAX, "graphviz: %s", gv_msg);
    }
    gv_len = 0;
}

static int on_gv_message(char *piece)
{
    for (; *piece; piece++) {
        if (gv_len + 1 < sizeof gv_msg) gv_msg[gv_len++] = *piece;
        if (*piece == '\n') gv_flush();
    }
    return 0;
}

typedef struct attrs {
    Agsym_t *g_label, *n_label, *n_tooltip, *n_shape, *n_style, *n_fill, *n_color, *e_label,
        *e_tooltip, *e_style, *e_color, *e_fontcolor, *e_penwidth;
} attrs;

static Agsym_t *declare(Agraph_t *g, int kind, const char *name, const char *def)
{
    return agattr(g, kind, (char *)name, (char *)def);
}

static void set(void *obj, Agsym_t *sym, const char *value)
{
    agxset(obj, sym, (char *)value);
}

static const char *choose_layout(const diagram *d, size_t nnodes, size_t nedges)
{
    if (d->layout) return d->layout;
    int big = nnodes > SFDP_NODES || nedges > SFDP_EDGES;
    // sfdp ignores clusters; fdp draws them.
    if (d->cluster != KG_CLUSTER_NONE) return big ? "fdp" : "dot";
    return big ? "sfdp" : "dot";
}

static size_t uf_find(size_t *parent, size_t i)
{
    while (parent[i] != i)
        i = parent[i] = parent[parent[i]];
    return i;
}

/* Connected components among the entities drawn. */
static size_t count_components(const diagram *d)
{
    size_t *parent = kg_xcalloc(d->nents ? d->nents : 1, sizeof *parent);
    for (size_t i = 0; i < d->nents; i++)
        parent[i] = i;
    for (size_t i = 0; i < d->nedges; i++) {
        size_t a = uf_find(parent, d->ent_of[d->edges[i].s]);
        size_t b = uf_find(parent, d->ent_of[d->edges[i].o]);
        if (a != b) parent[a < b ? b : a] = a < b ? a : b;
    }
    size_t n = 0;
    for (size_t i = 0; i < d->nents; i++)
        n += d->ents[i].keep && uf_find(parent, i) == i;
    free(parent);
    return n;
}

#define MULTI (NONE - 1) ///< mentioned by several articles

/* For --cluster article: the one article that mentions each entity
 * (schema:mentions), NONE when none does, MULTI when several do. */
static uint32_t *article_of_entities(const diagram *d)
{
    uint32_t *art = kg_xcalloc(d->nents ? d->nents : 1, sizeof *art);
    for (size_t i = 0; i < d->nents; i++)
        art[i] = NONE;
    for (size_t i = 0; i < d->nst; i++) {
        const stmt *x = &d->st[i];
        if (x->p != d->w[W_MENTIONS] || x->okind != KG_TERM_IRI || !is_entity(d, x->o)) continue;
        uint32_t *a = &art[d->ent_of[x->o]];
        *a = *a == NONE || *a == x->s ? x->s : MULTI;
    }
    return art;
}

/* The subgraph that holds entity @p i's node: a cluster, or @p g itself. */
static Agraph_t *node_parent(const diagram *d, Agraph_t *g, const attrs *a, size_t i,
                             const uint32_t *art)
{
    char name[48];
    const entity *e = &d->ents[i];
    if (d->cluster == KG_CLUSTER_TYPE) {
        snprintf(name, sizeof name, "cluster_type%d", e->family);
        Agraph_t *sub = agsubg(g, name, 0);
        if (sub) return sub;
        sub = agsubg(g, name, 1);
        set(sub, a->g_label, families[e->family].name);
        agsafeset(sub, (char *)"style", (char *)"rounded", (char *)"");
        agsafeset(sub, (char *)"color", (char *)families[e->family].line, (char *)"");
        return sub;
    }
    if (d->cluster != KG_CLUSTER_ARTICLE || !art || art[i] == NONE || art[i] == MULTI) return g;
    snprintf(name, sizeof name, "cluster_article%u", (unsigned)art[i]);
    Agraph_t *sub = agsubg(g, name, 0);
    if (sub) return sub;
    sub = agsubg(g, name, 1);
    kg_buf b = {NULL, 0, 0};
    const char *headline = literal(d, art[i], d->w[W_HEADLINE]);
    if (!headline) headline = literal(d, art[i], d->w[W_TITLE]);
    put_text(&b, headline ? headline : local_name(str(d, art[i])), 60);
    set(sub, a->g_label, buf_str(&b));
    free(b.data);
    agsafeset(sub, (char *)"style", (char *)"rounded", (char *)"");
    agsafeset(sub, (char *)"color", (char *)"#9e9e9e", (char *)"");
    return sub;
}

/* The legend: the families present and, when any edge is not a plain
 * assertion, a key to the edge styles.  dot and fdp draw it as a cluster
 * of sample nodes (without edges the samples share a rank: a column under
 * rankdir=LR).  The other engines ignore clusters and would scatter the
 * samples among the entities, so there it is one node with an HTML-like
 * table of colours.  Only our own constant text goes into that table. */
static void add_legend(const diagram *d, Agraph_t *g, const attrs *a, const char *engine,
                       const int *present)
{
    size_t nfam = 0;
    for (int f = 0; f < F_COUNT; f++)
        nfam += (size_t)present[f];
    if (!nfam) return;
    int fx[FX_ASSERTED + 1] = {0};
    for (size_t i = 0; i < d->nedges; i++)
        fx[d->edges[i].fx] = 1;
    int styled = fx[FX_NEGATED] || fx[FX_PLANNED] || fx[FX_REPORTED];
    static const struct {
        int fx;
        const char *text, *color;
    } keys[] = {
        {FX_ASSERTED, "solid: asserted", "#404040"},
        {FX_PLANNED, "dashed blue: planned", "#3b6ea8"},
        {FX_REPORTED, "dashed grey: reported", "#8a8a8a"},
        {FX_NEGATED, "dotted red: negated", "#c62828"},
    };
    kg_buf b = {NULL, 0, 0};

    if (strcmp(engine, "dot") != 0 && strcmp(engine, "fdp") != 0) {
        kg_buf_puts(&b, "<TABLE BORDER=\"1\" CELLBORDER=\"1\" CELLSPACING=\"3\" "
                        "CELLPADDING=\"3\"><TR><TD BORDER=\"0\"><B>Legend</B></TD></TR>");
        for (int f = 0; f < F_COUNT; f++) {
            if (!present[f]) continue;
            kg_buf_puts(&b, "<TR><TD BGCOLOR=\"");
            kg_buf_puts(&b, families[f].fill);
            kg_buf_puts(&b, "\" COLOR=\"");
            kg_buf_puts(&b, families[f].line);
            kg_buf_puts(&b, "\">");
            kg_buf_puts(&b, families[f].name);
            kg_buf_puts(&b, "</TD></TR>");
        }
        for (size_t k = 0; styled && k < sizeof keys / sizeof keys[0]; k++) {
            if (k > 0 && !fx[keys[k].fx]) continue;
            kg_buf_puts(&b, "<TR><TD BORDER=\"0\" ALIGN=\"LEFT\"><FONT COLOR=\"");
            kg_buf_puts(&b, keys[k].color);
            kg_buf_puts(&b, "\">");
            kg_buf_puts(&b, keys[k].text);
            kg_buf_puts(&b, "</FONT></TD></TR>");
        }
        kg_buf_puts(&b, "</TABLE>");
        Agnode_t *n = agnode(g, (char *)"legend", 1);
        char *html = agstrdup_html(g, b.data);
        agxset(n, a->n_label, html);
        agstrfree(g, html);
        set(n, a->n_tooltip, "Legend");
        set(n, a->n_shape, "plaintext");
        set(n, a->n_style, "solid");
        agsafeset(n, (char *)"fontsize", (char *)"9", (char *)"11");
        free(b.data);
        return;
    }

    Agraph_t *lg = agsubg(g, (char *)"cluster_legend", 1);
    set(lg, a->g_label, "Legend");
    agsafeset(lg, (char *)"style", (char *)"rounded", (char *)"");
    agsafeset(lg, (char *)"fontsize", (char *)"12", (char *)"16");
    // Under rankdir=LR one rank is a column: an invisible edge from every
    // other sample to the next puts them in two columns, half as tall.
    Agnode_t *prev = NULL;
    int nsample = 0;
    for (int f = 0; f < F_COUNT; f++) {
        if (!present[f]) continue;
        char name[32];
        snprintf(name, sizeof name, "legend%d", f);
        Agnode_t *n = agnode(lg, name, 1);
        if (nsample++ % 2 == 1 && nfam > 3) {
            Agedge_t *e = agedge(lg, prev, n, NULL, 1);
            set(e, a->e_style, "invis");
        }
        prev = n;
        set(n, a->n_label, families[f].name);
        set(n, a->n_tooltip, families[f].name);
        set(n, a->n_shape, families[f].shape);
        set(n, a->n_style, families[f].style);
        set(n, a->n_fill, families[f].fill);
        set(n, a->n_color, families[f].line);
        agsafeset(n, (char *)"fontsize", (char *)"9", (char *)"11");
        agsafeset(n, (char *)"height", (char *)"0.3", (char *)"0.5");
    }
    if (styled) {
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            if (k == 0 || fx[keys[k].fx]) {
                kg_buf_puts(&b, keys[k].text);
                kg_buf_puts(&b, "\\l");
            }
        }
        Agnode_t *n = agnode(lg, (char *)"legend_edges", 1);
        set(n, a->n_label, buf_str(&b));
        set(n, a->n_tooltip, "edge styles: factuality of the source sentence");
        set(n, a->n_shape, "plaintext");
        set(n, a->n_style, "solid");
        agsafeset(n, (char *)"fontsize", (char *)"9", (char *)"11");
    }
    free(b.data);
}

static Agraph_t *build_graph(const diagram *d, const char *engine, attrs *a)
{
    Agraph_t *g = agopen((char *)"kg", Agdirected, NULL);
    kg_buf b = {NULL, 0, 0};
    graph_label(d, &b);
    a->g_label = declare(g, AGRAPH, "label", "");
    set(g, a->g_label, buf_str(&b));
    declare(g, AGRAPH, "labelloc", "t");
    declare(g, AGRAPH, "fontname", FONT);
    declare(g, AGRAPH, "fontsize", "16");
    declare(g, AGRAPH, "layout", engine);
    declare(g, AGRAPH, "rankdir", "LR");
    // Routing splines around edge labels dominates dot's time on dense
    // graphs (100 nodes, 300 edges: 8 s with splines, 0.7 s with lines).
    if (d->nedges > SPLINE_EDGES) declare(g, AGRAPH, "splines", "line");
    declare(g, AGRAPH, "nslimit", "2");
    declare(g, AGRAPH, "nslimit1", "2");
    declare(g, AGRAPH, "mclimit", "0.2");
    // neato and fdp: a fixed number of iterations whatever the input.
    declare(g, AGRAPH, "maxiter", MAXITER);
    // neato, fdp and sfdp pack the components as polyominoes, in time
    // quadratic in their number: 2,400 components (598 articles, most
    // entities without relations) took 75 s of a 76 s layout, 2 s packed as
    // an array.
    if (strcmp(engine, "dot") != 0 && count_components(d) > PACK_ARRAY)
        declare(g, AGRAPH, "packmode", "array");
    // sfdp, 5,000 nodes: 11 s removing node overlaps (prism), 3 s keeping
    // them.  At that size the drawing is an overview anyway.
    declare(g, AGRAPH, "overlap", d->nents > 2000 ? "true" : "prism");
    declare(g, AGRAPH, "outputorder", "edgesfirst");
    // A fixed seed: neato, fdp and sfdp start from random positions.
    declare(g, AGRAPH, "start", "1");
    declare(g, AGRAPH, "bgcolor", "white");
    declare(g, AGRAPH, "pad", "0.2");
    if (d->format && strcmp(d->format, "png") == 0) {
        // Cap the bitmap at 40 x 40 inches at 96 dpi (3840 px).
        declare(g, AGRAPH, "dpi", "96");
        declare(g, AGRAPH, "size", "40,40");
    }
    a->n_label = declare(g, AGNODE, "label", "");
    a->n_tooltip = declare(g, AGNODE, "tooltip", "");
    a->n_shape = declare(g, AGNODE, "shape", "box");
    a->n_style = declare(g, AGNODE, "style", "filled");
    a->n_fill = declare(g, AGNODE, "fillcolor", "#eeeeee");
    a->n_color = declare(g, AGNODE, "color", "#666666");
    declare(g, AGNODE, "fontname", FONT);
    declare(g, AGNODE, "fontsize", "11");
    a->e_label = declare(g, AGEDGE, "label", "");
    a->e_tooltip = declare(g, AGEDGE, "tooltip", "");
    a->e_style = declare(g, AGEDGE, "style", "solid");
    a->e_color = declare(g, AGEDGE, "color", "#404040");
    a->e_fontcolor = declare(g, AGEDGE, "fontcolor", "#404040");
    a->e_penwidth = declare(g, AGEDGE, "penwidth", "1");
    declare(g, AGEDGE, "fontname", FONT);
    declare(g, AGEDGE, "fontsize", "9");
    declare(g, AGEDGE, "arrowsize", "0.7");

    // Entities, in IRI order.  Nodes are named n0, n1, ...: names reach the
    // SVG (<title>, comments) and need no escaping that way.
    Agnode_t **nodes = kg_xcalloc(d->nents ? d->nents : 1, sizeof *nodes);
    uint32_t *art = d->cluster == KG_CLUSTER_ARTICLE ? article_of_entities(d) : NULL;
    int present[F_COUNT] = {0};
    size_t k = 0;
    for (size_t i = 0; i < d->nents; i++) {
        const entity *e = &d->ents[i];
        if (!e->keep) continue;
        char name[32];
        snprintf(name, sizeof name, "n%zu", k++);
        Agnode_t *n = agnode(node_parent(d, g, a, i, art), name, 1);
        nodes[i] = n;
        present[e->family] = 1;
        b.len = 0;
        node_label(d, e->iri, &b);
        set(n, a->n_label, buf_str(&b));
        b.len = 0;
        node_tooltip(d, e->iri, &b);
        set(n, a->n_tooltip, buf_str(&b));
        set(n, a->n_shape, families[e->family].shape);
        set(n, a->n_style, families[e->family].style);
        set(n, a->n_fill, families[e->family].fill);
        set(n, a->n_color, families[e->family].line);
    }

    for (size_t i = 0; i < d->nedges; i++) {
        const edge *e = &d->edges[i];
        char name[32];
        snprintf(name, sizeof name, "e%zu", i);
        Agedge_t *ge = agedge(g, nodes[d->ent_of[e->s]], nodes[d->ent_of[e->o]], name, 1);
        b.len = 0;
        edge_label(d, e, &b);
        // Thousands of labels are unreadable, and placing them is what
        // takes sfdp's time (500 entities, 2,000 edges: 12 s with labels,
        // 0.3 s without; 1,000 labels 1.3 s): keep them in the tooltip.
        if (d->nedges > LABEL_EDGES)
            kg_buf_puts(&b, "\\n");
        else
            set(ge, a->e_label, buf_str(&b));
        if (d->nedges <= LABEL_EDGES) b.len = 0;
        edge_tooltip(d, e, &b);
        set(ge, a->e_tooltip, buf_str(&b));
        const char *style = "solid", *color = "#404040";
        switch (e->fx) {
        case FX_NEGATED:
            style = "dotted", color = "#c62828";
            break;
        case FX_PLANNED:
            style = "dashed", color = "#3b6ea8";
            break;
        case FX_REPORTED:
            style = "dashed", color = "#8a8a8a";
            break;
        default:
            break;
        }
        set(ge, a->e_style, style);
        set(ge, a->e_color, color);
        set(ge, a->e_fontcolor, color);
        if (e->conf >= 0) {
            char pw[16];
            snprintf(pw, sizeof pw, "%.1f", 0.6 + 1.4 * (e->conf > 1 ? 1 : e->conf));
            set(ge, a->e_penwidth, pw);
        }
    }

    add_legend(d, g, a, engine, present);
    free(art);
    free(nodes);
    free(b.data);
    return g;
}

/* ------------------------------------------------------------------ */
/* Writing the file                                                   */
/* ------------------------------------------------------------------ */

/* Make the temporary file beside d->path, with the permissions a plain
 * fopen would give.  Returns the stream, and the name in *tmp. */
static FILE *open_temp(const diagram *d, char **tmp)
{
    size_t n = strlen(d->path);
    *tmp = kg_xmalloc(n + 8);
    memcpy(*tmp, d->path, n);
    memcpy(*tmp + n, ".XXXXXX", 8);
    int fd = mkstemp(*tmp);
    if (fd < 0) return NULL;
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) {
        // Not fatal: the file is merely private.
    }
    FILE *f = fdopen(fd, "wb");
    if (!f) {
        close(fd);
        unlink(*tmp);
    }
    return f;
}

/* One Graphviz context for the whole process, made on first use and never
 * freed.  Graphviz 2.42's pango plugin keeps a static pointer to the last
 * font name, which lives in the context: after gvFreeContext() the next
 * context's first text measurement reads freed memory (valgrind: invalid
 * read in textspan_size).  Like Graphviz itself, not thread-safe. */
static GVC_t *shared_context(void)
{
    static GVC_t *gvc;
    if (!gvc) gvc = gvContext();
    return gvc;
}

/* cairo 1.16 stamps PDFs with the current time ("/CreationDate
 * (D:20241121093000Z)") and ignores SOURCE_DATE_EPOCH.  Same statements,
 * same bytes: overwrite the 14 digits in place (same length, so the xref
 * offsets stay right). */
static void fix_pdf_date(char *data, size_t len)
{
    static const char key[] = "/CreationDate (D:";
    size_t k = sizeof key - 1;
    for (size_t i = 0; i + k + 14 <= len; i++) {
        if (memcmp(data + i, key, k) != 0) continue;
        char *digits = data + i + k;
        for (size_t j = 0; j < 14; j++)
            if (digits[j] < '0' || digits[j] > '9') return;
        memcpy(digits, "19700101000000", 14);
        return;
    }
}

static kg_status render(diagram *d)
{
    size_t nnodes = 0;
    for (size_t i = 0; i < d->nents; i++)
        nnodes += (size_t)d->ents[i].keep;
    const char *engine = choose_layout(d, nnodes, d->nedges);

    agusererrf prev_errf = agseterrf(on_gv_message);
    gv_route = &d->diags;
    gv_len = 0;
    kg_status st = KG_SUCCESS;
    GVC_t *gvc = shared_context();
    attrs a;
    Agraph_t *g = build_graph(d, engine, &a);
    char *data = NULL;
    unsigned int len = 0;
    int laid_out = 0;
    if (d->format) {
        // sfdp draws from rand() before seeding it, so a second drawing in
        // one process would differ from the first: reset to the C default.
        srand(1);
        if (gvLayout(gvc, g, engine) != 0) {
            st = KG_ERR_LIB;
        } else {
            laid_out = 1;
            if (gvRenderData(gvc, g, d->format, &data, &len) != 0)
                st = KG_ERR_LIB;
            else if (strcmp(d->format, "pdf") == 0)
                fix_pdf_date(data, len);
        }
    }

    // An existing target that is not a regular file (a FIFO, a device) is
    // written in place: renaming over it would replace the device itself.
    struct stat sb;
    int in_place = stat(d->path, &sb) == 0 && !S_ISREG(sb.st_mode);
    char *tmp = NULL;
    FILE *f = NULL;
    if (st == KG_SUCCESS) {
        f = in_place ? fopen(d->path, "wb") : open_temp(d, &tmp);
        if (!f) st = KG_ERR_IO;
    }
    if (st == KG_SUCCESS) {
        // DOT text comes from cgraph's writer (no layout needed); the
        // drawings from gvRenderData, written here so that a failed write is
        // ours to report (Graphviz exits on one).
        int bad = d->format ? fwrite(data, 1, len, f) != len : agwrite(g, f) == EOF;
        if (fflush(f) != 0 || ferror(f)) bad = 1;
        if (fclose(f) != 0) bad = 1;
        if (bad || (!in_place && rename(tmp, d->path) != 0)) {
            kg_diag_report(&d->diags, KG_ERROR, KG_ERR_IO, d->path, 0, 0, UINT64_MAX,
                           "cannot write: %s", strerror(errno));
            if (!in_place) unlink(tmp);
            st = KG_ERR_IO;
        }
    } else if (st == KG_ERR_IO) {
        kg_diag_report(&d->diags, KG_ERROR, KG_ERR_IO, d->path, 0, 0, UINT64_MAX,
                       in_place ? "cannot open: %s"
                                : "cannot create a temporary file beside it: %s",
                       strerror(errno));
    }
    if (data) gvFreeRenderData(data);
    if (laid_out) gvFreeLayout(gvc, g);
    agclose(g);
    gv_flush();
    if (st == KG_ERR_LIB)
        kg_diag_report(&d->diags, KG_ERROR, KG_ERR_LIB, d->path, 0, 0, UINT64_MAX,
                       "graphviz could not lay out or render the diagram (%s)", engine);
    agseterrf(prev_errf);
    gv_route = NULL;
    free(tmp);
    return st;
}

static kg_status diagram_end(void *handle)
{
    diagram *d = handle;
    if (d->ended) return KG_SUCCESS;
    d->ended = 1;
    renumber(d);
    index_statements(d);
    find_entities(d);
    find_edges(d);
    count_articles(d);
    filter_types(d);
    filter_relations(d);
    apply_cut(d);
    return render(d);
}

/* ------------------------------------------------------------------ */
/* Public                                                             */
/* ------------------------------------------------------------------ */

static void diagram_free(void *handle)
{
    diagram *d = handle;
    if (!d) return;
    strtab_free(&d->strs);
    free(d->st);
    free(d->sfirst);
    free(d->scount);
    free(d->ent_of);
    free(d->ents);
    free(d->edges);
    free(d->path);
    free(d->layout);
    free(d->title);
    for (size_t i = 0; i < d->ntypes; i++)
        free(d->types[i]);
    free(d->types);
    for (size_t i = 0; i < d->nrels; i++)
        free(d->rels[i]);
    free(d->rels);
    free(d);
}

kg_diagram_opts kg_diagram_opts_default(void)
{
    kg_diagram_opts o = {NULL, 0, 0.0, NULL, NULL, NULL, KG_CLUSTER_NONE};
    return o;
}

/* The Graphviz output format of @p file, "" for DOT text, NULL if unknown. */
static const char *format_of_path(const char *file)
{
    const char *dot = file ? strrchr(file, '.') : NULL;
    const char *slash = file ? strrchr(file, '/') : NULL;
    if (!dot || (slash && dot < slash)) return NULL;
    dot++;
    if (strcasecmp(dot, "svg") == 0) return "svg";
    if (strcasecmp(dot, "png") == 0) return "png";
    if (strcasecmp(dot, "pdf") == 0) return "pdf";
    if (strcasecmp(dot, "dot") == 0 || strcasecmp(dot, "gv") == 0) return "";
    return NULL;
}

int kg_diagram_format_ok(const char *file)
{
    return format_of_path(file) != NULL;
}

/* Split a comma list into trimmed, non-empty items (owned). */
static char **split_list(const char *list, size_t *n)
{
    char **items = NULL;
    size_t cap = 0;
    *n = 0;
    for (const char *p = list; p && *p;) {
        const char *end = strchr(p, ',');
        if (!end) end = p + strlen(p);
        const char *a = p, *b = end;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b > a) {
            void *v = items;
            kg_grow(&v, &cap, *n + 1, sizeof *items);
            items = v;
            items[(*n)++] = kg_xstrndup(a, (size_t)(b - a));
        }
        p = *end ? end + 1 : end;
    }
    return items;
}

static int layout_ok(const char *name)
{
    static const char *const engines[] = {"dot",   "neato", "fdp",       "sfdp", "circo",
                                          "twopi", "osage", "patchwork", NULL};
    return in_list(name, engines);
}

kg_status kg_diagram_sink_new(const char *file, const kg_diagram_opts *opts,
                              const kg_diag_sink *diags, kg_sink **sink)
{
    if (!sink) return KG_ERR_ARG;
    *sink = NULL;
    const char *fmt = format_of_path(file);
    if (!fmt) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_ARG, file, 0, 0, UINT64_MAX,
                       "unknown diagram format (expected .svg, .png, .pdf, .dot or .gv)");
        return KG_ERR_ARG;
    }
    kg_diagram_opts o = opts ? *opts : kg_diagram_opts_default();
    if (o.layout && !layout_ok(o.layout)) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_ARG, NULL, 0, 0, UINT64_MAX,
                       "unknown layout engine '%s'", o.layout);
        return KG_ERR_ARG;
    }
    if (o.cluster != KG_CLUSTER_NONE && o.cluster != KG_CLUSTER_ARTICLE &&
        o.cluster != KG_CLUSTER_TYPE) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_ARG, NULL, 0, 0, UINT64_MAX,
                       "unknown cluster mode %d", (int)o.cluster);
        return KG_ERR_ARG;
    }
    diagram *d = kg_xcalloc(1, sizeof *d);
    d->path = kg_xstrndup(file, strlen(file));
    d->format = *fmt ? fmt : NULL;
    d->layout = o.layout ? kg_xstrndup(o.layout, strlen(o.layout)) : NULL;
    d->title = o.title ? kg_xstrndup(o.title, strlen(o.title)) : NULL;
    d->top = o.top;
    d->min_conf = o.min_confidence;
    d->types = split_list(o.types, &d->ntypes);
    d->rels = split_list(o.relations, &d->nrels);
    d->cluster = o.cluster;
    if (diags) d->diags = *diags;
    for (size_t i = 0; i < W_COUNT; i++)
        d->w[i] = strtab_intern(&d->strs, wk_iri[i]);
    *sink = kg_sink_new(NULL, diagram_triple, diagram_end, diagram_free, d);
    return KG_SUCCESS;
}
