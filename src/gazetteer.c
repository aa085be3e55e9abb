/* SPDX-License-Identifier: MIT
 * kg: gazetteers, cue words and titles: loading the TSV tables and lookups. */

#include "kg/gazetteer.h"

#include <utf8proc.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The table embedded by src/gazetteer_data.S. */
extern const char kg_gazetteer_tsv_start[];
extern const char kg_gazetteer_tsv_end[];

/* ======================================================================
 * Classes
 * ====================================================================== */

static const char *const class_names[KG_GAZ_CLASS_COUNT] = {
    [KG_GAZ_COUNTRY] = "Country",
    [KG_GAZ_ADMIN_AREA] = "AdministrativeArea",
    [KG_GAZ_CITY] = "City",
    [KG_GAZ_PLACE] = "Place",
    [KG_GAZ_ORGANIZATION] = "Organization",
    [KG_GAZ_GOVERNMENT_ORG] = "GovernmentOrganization",
    [KG_GAZ_NEWS_ORG] = "NewsMediaOrganization",
    [KG_GAZ_PERSON] = "Person",
    [KG_GAZ_EVENT] = "Event",
    [KG_GAZ_CORPORATION] = "Corporation",
    [KG_GAZ_EDUCATIONAL_ORG] = "EducationalOrganization",
    [KG_GAZ_COLLEGE] = "CollegeOrUniversity",
    [KG_GAZ_POLITICAL_PARTY] = "PoliticalParty",
    [KG_GAZ_SPORTS_TEAM] = "SportsTeam",
    [KG_GAZ_NGO] = "NGO",
    [KG_GAZ_HOSPITAL] = "Hospital",
    [KG_GAZ_CONTINENT] = "Continent",
    [KG_GAZ_LANDFORM] = "Landform",
    [KG_GAZ_MOUNTAIN] = "Mountain",
    [KG_GAZ_BODY_OF_WATER] = "BodyOfWater",
    [KG_GAZ_RIVER] = "RiverBodyOfWater",
    [KG_GAZ_LAKE] = "LakeBodyOfWater",
    [KG_GAZ_SEA] = "SeaBodyOfWater",
    [KG_GAZ_OCEAN] = "OceanBodyOfWater",
    [KG_GAZ_AIRPORT] = "Airport",
    [KG_GAZ_PARK] = "Park",
    [KG_GAZ_MUSEUM] = "Museum",
    [KG_GAZ_STADIUM] = "StadiumOrArena",
    [KG_GAZ_THING] = "Thing",
};

const char *kg_gaz_class_name(kg_gaz_class cls)
{
    if ((unsigned)cls >= KG_GAZ_CLASS_COUNT) return NULL;
    return class_names[cls];
}

int kg_gaz_class_parse(const char *name, size_t len, kg_gaz_class *out)
{
    for (unsigned i = 0; i < KG_GAZ_CLASS_COUNT; i++) {
        if (strlen(class_names[i]) == len && memcmp(class_names[i], name, len) == 0) {
            *out = (kg_gaz_class)i;
            return 0;
        }
    }
    return -1;
}

kg_gaz_class kg_gaz_class_coarse(kg_gaz_class cls)
{
    switch (cls) {
    case KG_GAZ_ORGANIZATION:
    case KG_GAZ_GOVERNMENT_ORG:
    case KG_GAZ_NEWS_ORG:
    case KG_GAZ_CORPORATION:
    case KG_GAZ_EDUCATIONAL_ORG:
    case KG_GAZ_COLLEGE:
    case KG_GAZ_POLITICAL_PARTY:
    case KG_GAZ_SPORTS_TEAM:
    case KG_GAZ_NGO:
    case KG_GAZ_HOSPITAL:
        return KG_GAZ_ORGANIZATION;
    case KG_GAZ_PERSON:
        return KG_GAZ_PERSON;
    case KG_GAZ_EVENT:
        return KG_GAZ_EVENT;
    case KG_GAZ_THING:
        return KG_GAZ_THING;
    default:
        return KG_GAZ_PLACE;
    }
}

/* ======================================================================
 * Matching keys
 * ====================================================================== */

#define KEY_OPTS                                                                                   \
    (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_LUMP |    \
     UTF8PROC_STRIPMARK)

/* Longest key (bytes) a lookup builds on the stack; longer input is no
 * known name. */
#define KEY_MAX 1024

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Copy @p s into @p out collapsing runs of ASCII white space into one
 * space and dropping leading and trailing space.  Returns the length or
 * (size_t)-1 when it does not fit (NUL included). */
static size_t collapse_into(const char *s, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    int pending = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_space(c)) {
            pending = 1;
            continue;
        }
        if (pending && n > 0) {
            if (n + 1 >= cap) return (size_t)-1;
            out[n++] = ' ';
        }
        pending = 0;
        if (n + 1 >= cap) return (size_t)-1;
        out[n++] = (char)c;
    }
    if (cap == 0) return (size_t)-1;
    out[n] = '\0';
    return n;
}

size_t kg_match_key(const char *s, size_t len, char *out, size_t cap)
{
    /* ASCII fast path: for ASCII, NFKC, LUMP and STRIPMARK are the
     * identity and case folding is tolower (tests check the agreement
     * with utf8proc for every ASCII byte). */
    size_t i = 0;
    while (i < len && (unsigned char)s[i] < 0x80)
        i++;
    if (i == len) {
        size_t n = collapse_into(s, len, out, cap);
        if (n == (size_t)-1) return n;
        for (size_t k = 0; k < n; k++)
            if (out[k] >= 'A' && out[k] <= 'Z') out[k] = (char)(out[k] + ('a' - 'A'));
        return n;
    }

    /* utf8proc_decompose into a caller-side buffer so that short keys need
     * no allocation; utf8proc_reencode composes and encodes in place. */
    utf8proc_int32_t stack[256];
    utf8proc_int32_t *buf = stack;
    utf8proc_ssize_t cps = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                              buf, 256, (utf8proc_option_t)KEY_OPTS);
    if (cps < 0) return (size_t)-1;
    if (cps > 256) {
        buf = kg_xmalloc((size_t)cps * sizeof *buf);
        utf8proc_ssize_t again =
            utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, buf, cps,
                               (utf8proc_option_t)KEY_OPTS);
        if (again != cps) {
            free(buf);
            return (size_t)-1;
        }
    }
    utf8proc_ssize_t bytes = utf8proc_reencode(buf, cps, (utf8proc_option_t)KEY_OPTS);
    size_t n = (size_t)-1;
    if (bytes >= 0) n = collapse_into((const char *)buf, (size_t)bytes, out, cap);
    if (buf != stack) free(buf);
    return n;
}

/* ======================================================================
 * Arena: stable storage for entries, labels, keys, cues and titles
 * ====================================================================== */

typedef struct block {
    struct block *next;
    size_t used, cap;
    _Alignas(16) char data[];
} block;

typedef struct arena {
    block *head;
    size_t bytes;
} arena;

static void *arena_alloc(arena *a, size_t size)
{
    size = (size + 15) & ~(size_t)15;
    if (!a->head || a->head->cap - a->head->used < size) {
        size_t cap = size > 65536 ? size : 65536;
        block *b = kg_xmalloc(sizeof *b + cap);
        b->next = a->head;
        b->used = 0;
        b->cap = cap;
        a->head = b;
        a->bytes += sizeof *b + cap;
    }
    void *p = a->head->data + a->head->used;
    a->head->used += size;
    return p;
}

static char *arena_strndup(arena *a, const char *s, size_t len)
{
    char *p = arena_alloc(a, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

static void arena_free(arena *a)
{
    for (block *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    a->head = NULL;
}

/* ======================================================================
 * Hash tables: open addressing, keys borrowed, rebuilt after each load
 * ====================================================================== */

typedef struct hslot {
    const char *key; ///< NULL: empty
    uint64_t hash;
    uint32_t len;
    uint32_t val;
} hslot;

typedef struct htab {
    hslot *slots;
    size_t mask;
    size_t n;
} htab;

static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h ^ (h >> 29);
}

static void htab_init(htab *t, size_t expect)
{
    size_t size = 16;
    while (size < expect * 2 + 1)
        size *= 2;
    free(t->slots);
    t->slots = kg_xcalloc(size, sizeof *t->slots);
    t->mask = size - 1;
    t->n = 0;
}

/* Find @p key; insert it with value @p val when absent.  Returns the slot.
 * The table was sized for every key at init, so it never fills. */
static hslot *htab_put(htab *t, const char *key, size_t len, uint32_t val)
{
    uint64_t h = hash_bytes(key, len);
    for (size_t i = (size_t)h & t->mask;; i = (i + 1) & t->mask) {
        hslot *s = &t->slots[i];
        if (!s->key) {
            s->key = key;
            s->hash = h;
            s->len = (uint32_t)len;
            s->val = val;
            t->n++;
            return s;
        }
        if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0) return s;
    }
}

static const hslot *htab_get(const htab *t, const char *key, size_t len)
{
    if (!t->slots || t->n == 0) return NULL;
    uint64_t h = hash_bytes(key, len);
    for (size_t i = (size_t)h & t->mask;; i = (i + 1) & t->mask) {
        const hslot *s = &t->slots[i];
        if (!s->key) return NULL;
        if (s->hash == h && s->len == len && memcmp(s->key, key, len) == 0) return s;
    }
}

/* ======================================================================
 * The gazetteer
 * ====================================================================== */

/* One surface form of one entry, as loaded.  For KG_FORM_CODE the key is
 * the form exactly as written (white space collapsed): codes and
 * acronyms match case-sensitively, so "US" is the United States and "us"
 * is not.  Every other form is keyed by its matching key. */
typedef struct form_rec {
    const char *key;
    uint32_t klen;
    uint32_t entry; ///< index into gz->entries
    uint32_t seq;   ///< load order, the last tie-break
    uint8_t form;   ///< kg_gaz_form
} form_rec;

/* A cue or title with its key, kept to rebuild the tables. */
typedef struct keyed {
    const char *key;
    uint32_t klen;
    void *item; ///< kg_gaz_cue * or kg_gaz_title *
} keyed;

/* A slice of gz->hitv / gz->formv: the hits of one key. */
typedef struct slice {
    uint32_t start, count;
} slice;

struct kg_gazetteer {
    arena mem;
    char **bufs; ///< owned file buffers; fields point into them
    size_t n_bufs, cap_bufs;

    kg_gaz_entry **entries;
    uint16_t *ranks; ///< parallel to entries: lower ranks first
    size_t n_entries, cap_entries, cap_ranks;
    size_t n_labels;

    form_rec *recs;
    size_t n_recs, cap_recs;
    keyed *cues, *titles, *names; ///< names: item holds the KG_NAME_* flags
    size_t n_cues, cap_cues, n_titles, cap_titles, n_names, cap_names;

    /* Built by finalize() after each load. */
    htab keys;  ///< match key -> slice index
    htab exact; ///< code form as written -> slice index
    htab codes; ///< ISO code -> entry index
    htab cue_tab, title_tab, name_tab;
    unsigned *name_flags; ///< by name_tab value: the flags of every row of that key
    slice *slices;
    size_t n_slices;
    const kg_gaz_entry **hitv;
    kg_gaz_form *formv;
    size_t n_hitv;
    size_t n_forms;
    size_t max_words;
};

void kg_gazetteer_free(kg_gazetteer *gz)
{
    if (!gz) return;
    arena_free(&gz->mem);
    for (size_t i = 0; i < gz->n_bufs; i++)
        free(gz->bufs[i]);
    free(gz->bufs);
    free(gz->entries);
    free(gz->ranks);
    free(gz->recs);
    free(gz->cues);
    free(gz->titles);
    free(gz->keys.slots);
    free(gz->exact.slots);
    free(gz->codes.slots);
    free(gz->cue_tab.slots);
    free(gz->title_tab.slots);
    free(gz->names);
    free(gz->name_tab.slots);
    free(gz->name_flags);
    free(gz->slices);
    free(gz->hitv);
    free(gz->formv);
    free(gz);
}

/* ---- finalize: build the lookup tables from the records ---- */

/* Order of the hits of one key: rank, then how the form matched (name,
 * alias, code, demonym), then load order.  Deterministic. */
static int cmp_rec(const form_rec *a, const form_rec *b, const uint16_t *ranks)
{
    if (ranks[a->entry] != ranks[b->entry]) return ranks[a->entry] < ranks[b->entry] ? -1 : 1;
    if (a->form != b->form) return a->form < b->form ? -1 : 1;
    if (a->seq != b->seq) return a->seq < b->seq ? -1 : 1;
    return 0;
}

static void sort_idx(uint32_t *idx, size_t n, const form_rec *recs, const uint16_t *ranks)
{
    /* Groups are small (a handful of entries share a key): insertion sort. */
    for (size_t i = 1; i < n; i++) {
        uint32_t v = idx[i];
        size_t j = i;
        while (j > 0 && cmp_rec(&recs[idx[j - 1]], &recs[v], ranks) > 0) {
            idx[j] = idx[j - 1];
            j--;
        }
        idx[j] = v;
    }
}

/* Append the sorted, de-duplicated hits @p idx[0..n) as a new slice. */
static uint32_t emit_slice(kg_gazetteer *gz, uint32_t *idx, size_t n)
{
    sort_idx(idx, n, gz->recs, gz->ranks);
    slice *sl = &gz->slices[gz->n_slices];
    sl->start = (uint32_t)gz->n_hitv;
    sl->count = 0;
    for (size_t i = 0; i < n; i++) {
        const form_rec *r = &gz->recs[idx[i]];
        const kg_gaz_entry *e = gz->entries[r->entry];
        int dup = 0;
        for (size_t k = sl->start; k < gz->n_hitv; k++)
            if (gz->hitv[k] == e) dup = 1;
        if (dup) continue;
        gz->hitv[gz->n_hitv] = e;
        gz->formv[gz->n_hitv] = (kg_gaz_form)r->form;
        gz->n_hitv++;
        sl->count++;
    }
    return (uint32_t)gz->n_slices++;
}

static size_t count_words(const char *key, size_t len)
{
    size_t w = len ? 1 : 0;
    for (size_t i = 0; i < len; i++)
        if (key[i] == ' ') w++;
    return w;
}

static void finalize(kg_gazetteer *gz)
{
    size_t n = gz->n_recs;

    /* 1. Group the records by key: group ids in first-seen order. */
    uint32_t *group = kg_xmalloc((n ? n : 1) * sizeof *group);
    size_t n_plain = 0, n_code = 0;
    for (size_t i = 0; i < n; i++)
        *(gz->recs[i].form == KG_FORM_CODE ? &n_code : &n_plain) += 1;
    htab_init(&gz->keys, n_plain);
    htab_init(&gz->exact, n_code);
    size_t n_kg = 0, n_eg = 0;
    gz->max_words = 0;
    for (size_t i = 0; i < n; i++) {
        form_rec *r = &gz->recs[i];
        htab *t = r->form == KG_FORM_CODE ? &gz->exact : &gz->keys;
        size_t *ng = r->form == KG_FORM_CODE ? &n_eg : &n_kg;
        hslot *s = htab_put(t, r->key, r->klen, (uint32_t)*ng);
        if (s->val == *ng) (*ng)++;
        group[i] = s->val;
        size_t w = count_words(r->key, r->klen);
        if (w > gz->max_words) gz->max_words = w;
    }

    /* 2. Counting sort of record indices by group (plain groups first,
     *    then code groups after them). */
    size_t n_groups = n_kg + n_eg;
    uint32_t *start = kg_xcalloc(n_groups + 1, sizeof *start);
    for (size_t i = 0; i < n; i++) {
        size_t g = group[i] + (gz->recs[i].form == KG_FORM_CODE ? n_kg : 0);
        start[g + 1]++;
    }
    for (size_t g = 0; g < n_groups; g++)
        start[g + 1] += start[g];
    uint32_t *order = kg_xmalloc((n ? n : 1) * sizeof *order);
    uint32_t *fill = kg_xmalloc((n_groups + 1) * sizeof *fill);
    memcpy(fill, start, (n_groups + 1) * sizeof *fill);
    for (size_t i = 0; i < n; i++) {
        size_t g = group[i] + (gz->recs[i].form == KG_FORM_CODE ? n_kg : 0);
        order[fill[g]++] = (uint32_t)i;
    }

    /* 3. One slice per plain key; one per code form holding the code hits
     *    merged with the plain hits of its matching key, so a lookup of
     *    "US" returns one precomputed array. */
    free(gz->slices);
    free(gz->hitv);
    free(gz->formv);
    gz->slices = kg_xmalloc((n_groups ? n_groups : 1) * sizeof *gz->slices);
    size_t hit_cap = n;
    for (size_t g = n_kg; g < n_groups; g++) {
        /* bound: each code slice may also copy one plain group */
        const form_rec *r = &gz->recs[order[start[g]]];
        char kb[KEY_MAX];
        size_t kl = kg_match_key(r->key, r->klen, kb, sizeof kb);
        const hslot *s = kl == (size_t)-1 ? NULL : htab_get(&gz->keys, kb, kl);
        if (s) hit_cap += start[s->val + 1] - start[s->val];
    }
    gz->hitv = kg_xmalloc((hit_cap ? hit_cap : 1) * sizeof *gz->hitv);
    gz->formv = kg_xmalloc((hit_cap ? hit_cap : 1) * sizeof *gz->formv);
    gz->n_hitv = 0;
    gz->n_slices = 0;
    for (size_t g = 0; g < n_kg; g++)
        emit_slice(gz, order + start[g], start[g + 1] - start[g]);
    gz->n_forms = gz->n_hitv + n_code;
    uint32_t *tmp = kg_xmalloc((hit_cap ? hit_cap : 1) * sizeof *tmp);
    for (size_t g = n_kg; g < n_groups; g++) {
        size_t m = start[g + 1] - start[g];
        memcpy(tmp, order + start[g], m * sizeof *tmp);
        const form_rec *r = &gz->recs[order[start[g]]];
        char kb[KEY_MAX];
        size_t kl = kg_match_key(r->key, r->klen, kb, sizeof kb);
        const hslot *s = kl == (size_t)-1 ? NULL : htab_get(&gz->keys, kb, kl);
        if (s) {
            size_t pm = start[s->val + 1] - start[s->val];
            memcpy(tmp + m, order + start[s->val], pm * sizeof *tmp);
            m += pm;
        }
        emit_slice(gz, tmp, m);
    }
    /* Code groups were numbered from 0 in their own table: shift. */
    for (size_t i = 0; i <= gz->exact.mask; i++)
        if (gz->exact.slots[i].key) gz->exact.slots[i].val += (uint32_t)n_kg;
    free(tmp);
    free(fill);
    free(order);
    free(start);
    free(group);

    /* 4. Codes, cues and titles: the first loaded wins. */
    htab_init(&gz->codes, gz->n_entries);
    for (size_t i = 0; i < gz->n_entries; i++) {
        const char *c = gz->entries[i]->code;
        if (c) htab_put(&gz->codes, c, strlen(c), (uint32_t)i);
    }
    htab_init(&gz->cue_tab, gz->n_cues);
    for (size_t i = 0; i < gz->n_cues; i++) {
        htab_put(&gz->cue_tab, gz->cues[i].key, gz->cues[i].klen, (uint32_t)i);
        size_t w = count_words(gz->cues[i].key, gz->cues[i].klen);
        if (w > gz->max_words) gz->max_words = w;
    }
    htab_init(&gz->name_tab, gz->n_names);
    free(gz->name_flags);
    gz->name_flags = kg_xcalloc(gz->n_names ? gz->n_names : 1, sizeof *gz->name_flags);
    for (size_t i = 0; i < gz->n_names; i++) {
        hslot *s = htab_put(&gz->name_tab, gz->names[i].key, gz->names[i].klen, (uint32_t)i);
        gz->name_flags[s->val] |= (unsigned)(uintptr_t)gz->names[i].item;
    }
    htab_init(&gz->title_tab, gz->n_titles);
    for (size_t i = 0; i < gz->n_titles; i++) {
        htab_put(&gz->title_tab, gz->titles[i].key, gz->titles[i].klen, (uint32_t)i);
        size_t w = count_words(gz->titles[i].key, gz->titles[i].klen);
        if (w > gz->max_words) gz->max_words = w;
    }
}

/* ======================================================================
 * Loading
 * ====================================================================== */

/* State of one load, for diagnostics and for rolling back on error. */
typedef struct loader {
    kg_gazetteer *gz;
    const char *file;
    const kg_diag_sink *diags;
    int trusted; ///< the embedded table: already NFC and valid UTF-8
    uint64_t line;
    int errors;
    kg_gaz_entry *cur; ///< the entry that A/D/C/L rows attach to
    uint32_t cur_idx;  ///< its index in gz->entries
    int cur_known;     ///< cur was chosen by an X record: no labels
    size_t first;      ///< first entry of this load
    kg_gaz_label *lab; ///< labels of cur, collected
    size_t n_lab, cap_lab;
} loader;

#define MAX_COLS 8

static void syntax(loader *ld, const char *fmt, const char *arg)
{
    if (ld->errors < 20)
        kg_diag_report(ld->diags, KG_ERROR, KG_ERR_SYNTAX, ld->file, ld->line, 0, UINT64_MAX, fmt,
                       arg);
    ld->errors++;
}

static int valid_utf8(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n < 0) return 0;
        i += (size_t)n;
    }
    return 1;
}

/* A text field: NFC for untrusted tables (kept in the arena), or the
 * field itself. */
static const char *text_field(loader *ld, const char *s)
{
    if (ld->trusted) return s;
    for (const char *p = s; *p; p++) {
        if ((unsigned char)*p >= 0x80) {
            utf8proc_uint8_t *nfc = utf8proc_NFC((const utf8proc_uint8_t *)s);
            if (!nfc) return s;
            const char *r = arena_strndup(&ld->gz->mem, (const char *)nfc, strlen((char *)nfc));
            free(nfc);
            return r;
        }
    }
    return s;
}

static const char *opt_field(const char *s)
{
    return (s[0] == '-' && s[1] == '\0') ? NULL : s;
}

static void close_entry(loader *ld)
{
    if (!ld->cur) return;
    if (ld->n_lab) {
        kg_gaz_label *l = arena_alloc(&ld->gz->mem, ld->n_lab * sizeof *l);
        memcpy(l, ld->lab, ld->n_lab * sizeof *l);
        ld->cur->labels = l;
        ld->cur->n_labels = ld->n_lab;
        ld->gz->n_labels += ld->n_lab;
    }
    ld->n_lab = 0;
    ld->cur = NULL;
}

/* Key @p s (a form, cue or title) into the arena; NULL if empty/invalid. */
static const char *make_key(loader *ld, const char *s, int exact, uint32_t *klen)
{
    size_t len = strlen(s);
    char stackbuf[KEY_MAX];
    size_t n = exact ? collapse_into(s, len, stackbuf, sizeof stackbuf)
                     : kg_match_key(s, len, stackbuf, sizeof stackbuf);
    if (n == (size_t)-1 || n == 0) return NULL;
    *klen = (uint32_t)n;
    return arena_strndup(&ld->gz->mem, stackbuf, n);
}

static void add_form(loader *ld, const char *text, kg_gaz_form form)
{
    kg_gazetteer *gz = ld->gz;
    uint32_t klen;
    const char *key = make_key(ld, text, form == KG_FORM_CODE, &klen);
    if (!key) {
        syntax(ld, "empty or invalid form \"%s\"", text);
        return;
    }
    kg_grow((void **)&gz->recs, &gz->cap_recs, gz->n_recs + 1, sizeof *gz->recs);
    form_rec *r = &gz->recs[gz->n_recs];
    r->key = key;
    r->klen = klen;
    r->entry = ld->cur_idx;
    r->seq = (uint32_t)gz->n_recs;
    r->form = (uint8_t)form;
    gz->n_recs++;
}

static int parse_class(loader *ld, const char *s, kg_gaz_class *out)
{
    if (kg_gaz_class_parse(s, strlen(s), out) != 0) {
        syntax(ld, "unknown class \"%s\"", s);
        return -1;
    }
    return 0;
}

/* E  class  name  code  parent  subtype  rank */
static void row_entry(loader *ld, char **col)
{
    kg_gazetteer *gz = ld->gz;
    kg_gaz_class cls;
    if (parse_class(ld, col[1], &cls) != 0) return;
    char *end;
    errno = 0;
    long rank = strtol(col[6], &end, 10);
    if (*col[6] == '\0' || *end != '\0' || rank < 0 || rank > 65535 || errno) {
        syntax(ld, "bad rank \"%s\" (0 to 65535)", col[6]);
        return;
    }
    if (strcmp(col[2], "-") == 0 || col[2][0] == '\0') {
        syntax(ld, "entry without a name%s", "");
        return;
    }
    close_entry(ld);
    kg_gaz_entry *e = arena_alloc(&gz->mem, sizeof *e);
    e->name = text_field(ld, col[2]);
    e->cls = cls;
    e->code = opt_field(col[3]);
    e->parent = opt_field(col[4]);
    e->subtype = opt_field(col[5]);
    e->labels = NULL;
    e->n_labels = 0;
    kg_grow((void **)&gz->entries, &gz->cap_entries, gz->n_entries + 1, sizeof *gz->entries);
    kg_grow((void **)&gz->ranks, &gz->cap_ranks, gz->n_entries + 1, sizeof *gz->ranks);
    gz->entries[gz->n_entries] = e;
    gz->ranks[gz->n_entries] = (uint16_t)rank;
    gz->n_entries++;
    ld->cur = e;
    ld->cur_idx = (uint32_t)(gz->n_entries - 1);
    ld->cur_known = 0;
    add_form(ld, e->name, KG_FORM_NAME);
}

/* X  code: further forms for an entry loaded before ("X CN" then "A Middle
 * Kingdom"). */
static void row_extend(loader *ld, char **col)
{
    kg_gazetteer *gz = ld->gz;
    const hslot *slot = htab_get(&gz->codes, col[1], strlen(col[1]));
    size_t idx = slot ? slot->val : SIZE_MAX;
    for (size_t i = ld->first; idx == SIZE_MAX && i < gz->n_entries; i++)
        if (gz->entries[i]->code && strcmp(gz->entries[i]->code, col[1]) == 0) idx = i;
    if (idx == SIZE_MAX) {
        syntax(ld, "X record: no entry has the code \"%s\"", col[1]);
        return;
    }
    close_entry(ld);
    ld->cur = gz->entries[idx];
    ld->cur_idx = (uint32_t)idx;
    ld->cur_known = 1;
}

static int parse_cue_pos(const char *s, unsigned *pos)
{
    if (strcmp(s, "prefix") == 0)
        *pos = KG_CUE_PREFIX;
    else if (strcmp(s, "suffix") == 0)
        *pos = KG_CUE_SUFFIX;
    else if (strcmp(s, "both") == 0)
        *pos = KG_CUE_PREFIX | KG_CUE_SUFFIX;
    else
        return -1;
    return 0;
}

/* Q  words  class  prefix|suffix|both */
static void row_cue(loader *ld, char **col)
{
    kg_gazetteer *gz = ld->gz;
    kg_gaz_class cls;
    unsigned pos;
    if (parse_class(ld, col[2], &cls) != 0) return;
    if (parse_cue_pos(col[3], &pos) != 0) {
        syntax(ld, "bad cue position \"%s\" (prefix, suffix or both)", col[3]);
        return;
    }
    uint32_t klen;
    const char *key = make_key(ld, col[1], 0, &klen);
    if (!key) {
        syntax(ld, "empty or invalid cue \"%s\"", col[1]);
        return;
    }
    kg_gaz_cue *c = arena_alloc(&gz->mem, sizeof *c);
    c->words = text_field(ld, col[1]);
    c->cls = cls;
    c->pos = pos;
    kg_grow((void **)&gz->cues, &gz->cap_cues, gz->n_cues + 1, sizeof *gz->cues);
    gz->cues[gz->n_cues++] = (keyed){key, klen, c};
}

/* T  words  relation|-  class|-  code|- */
static void row_title(loader *ld, char **col)
{
    kg_gazetteer *gz = ld->gz;
    kg_gaz_class target = KG_GAZ_COUNTRY;
    const char *rel = opt_field(col[2]);
    if (rel && parse_class(ld, col[3], &target) != 0) return;
    if (!rel && strcmp(col[3], "-") != 0) {
        syntax(ld, "a title without a relation takes no class (\"%s\")", col[3]);
        return;
    }
    uint32_t klen;
    const char *key = make_key(ld, col[1], 0, &klen);
    if (!key) {
        syntax(ld, "empty or invalid title \"%s\"", col[1]);
        return;
    }
    kg_gaz_title *t = arena_alloc(&gz->mem, sizeof *t);
    t->words = text_field(ld, col[1]);
    t->relation = rel;
    t->target = target;
    t->code = opt_field(col[4]);
    kg_grow((void **)&gz->titles, &gz->cap_titles, gz->n_titles + 1, sizeof *gz->titles);
    gz->titles[gz->n_titles++] = (keyed){key, klen, t};
}

/* P  name  flags (letters M, F, S, W) */
static void row_name(loader *ld, char **col)
{
    kg_gazetteer *gz = ld->gz;
    uintptr_t flags = 0;
    for (const char *p = col[2]; *p; p++) {
        if (*p == 'M')
            flags |= KG_NAME_MALE;
        else if (*p == 'F')
            flags |= KG_NAME_FEMALE;
        else if (*p == 'S')
            flags |= KG_NAME_SURNAME;
        else if (*p == 'W')
            flags |= KG_NAME_WORD;
        else {
            syntax(ld, "bad name flags \"%s\" (letters M, F, S, W)", col[2]);
            return;
        }
    }
    uint32_t klen;
    const char *key = make_key(ld, col[1], 0, &klen);
    if (!key) {
        syntax(ld, "empty or invalid name \"%s\"", col[1]);
        return;
    }
    kg_grow((void **)&gz->names, &gz->cap_names, gz->n_names + 1, sizeof *gz->names);
    gz->names[gz->n_names++] = (keyed){key, klen, (void *)flags};
}

static void parse_line(loader *ld, char *line, size_t len)
{
    if (!ld->trusted && !valid_utf8(line, len)) {
        syntax(ld, "invalid UTF-8%s", "");
        return;
    }
    char *col[MAX_COLS];
    size_t n = 0;
    char *p = line, *end = line + len;
    for (;;) {
        char *tab = memchr(p, '\t', (size_t)(end - p));
        if (n == MAX_COLS) {
            syntax(ld, "too many columns%s", "");
            return;
        }
        col[n++] = p;
        if (!tab) {
            *end = '\0';
            break;
        }
        *tab = '\0';
        p = tab + 1;
    }
    static const struct {
        char kind;
        size_t cols;
    } shape[] = {{'E', 7}, {'A', 2}, {'D', 2}, {'C', 2}, {'L', 3},
                 {'Q', 4}, {'T', 5}, {'P', 3}, {'X', 2}};
    size_t want = 0;
    for (size_t i = 0; i < sizeof shape / sizeof shape[0]; i++)
        if (col[0][0] == shape[i].kind && col[0][1] == '\0') want = shape[i].cols;
    if (!want) {
        syntax(ld, "unknown record kind \"%s\" (E, X, A, D, C, L, Q, T or P)", col[0]);
        return;
    }
    if (n != want) {
        char msg[64];
        snprintf(msg, sizeof msg, "%c record needs %zu columns, has %zu", col[0][0], want, n);
        syntax(ld, "%s", msg);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        if (col[i][0] == '\0') {
            syntax(ld, "empty column (write - for none)%s", "");
            return;
        }
    }
    switch (col[0][0]) {
    case 'E':
        row_entry(ld, col);
        return;
    case 'Q':
        row_cue(ld, col);
        return;
    case 'T':
        row_title(ld, col);
        return;
    case 'P':
        row_name(ld, col);
        return;
    case 'X':
        row_extend(ld, col);
        return;
    default:
        break;
    }
    if (!ld->cur) {
        syntax(ld, "%s record before any E or X record", col[0]);
        return;
    }
    switch (col[0][0]) {
    case 'A':
        add_form(ld, col[1], KG_FORM_ALIAS);
        return;
    case 'D':
        add_form(ld, col[1], KG_FORM_DEMONYM);
        return;
    case 'C':
        add_form(ld, col[1], KG_FORM_CODE);
        return;
    case 'L':
        if (ld->cur_known) {
            syntax(ld, "L record after an X record (labels follow their E record)%s", "");
            return;
        }
        kg_grow((void **)&ld->lab, &ld->cap_lab, ld->n_lab + 1, sizeof *ld->lab);
        ld->lab[ld->n_lab++] = (kg_gaz_label){col[1], text_field(ld, col[2])};
        return;
    default:
        return;
    }
}

/* Parse @p buf (owned by gz from now on, NUL-terminated at len).  On any
 * syntax error nothing of this buffer stays in the tables. */
static kg_status load_buffer(kg_gazetteer *gz, char *buf, size_t len, const char *file,
                             const kg_diag_sink *diags, int trusted)
{
    kg_grow((void **)&gz->bufs, &gz->cap_bufs, gz->n_bufs + 1, sizeof *gz->bufs);
    gz->bufs[gz->n_bufs++] = buf;

    size_t n_entries = gz->n_entries, n_recs = gz->n_recs, n_cues = gz->n_cues,
           n_titles = gz->n_titles, n_labels = gz->n_labels, n_names = gz->n_names;
    loader ld = {gz, file, diags, trusted, 0, 0, NULL, 0, 0, gz->n_entries, NULL, 0, 0};
    char *p = buf, *end = buf + len;
    while (p < end) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *eol = nl ? nl : end;
        ld.line++;
        size_t n = (size_t)(eol - p);
        if (n && p[n - 1] == '\r') n--;
        if (n && p[0] != '#') parse_line(&ld, p, n);
        p = eol + 1;
    }
    close_entry(&ld);
    free(ld.lab);
    if (ld.errors) {
        if (ld.errors > 20)
            kg_diag_report(diags, KG_NOTE, KG_SUCCESS, file, 0, 0, UINT64_MAX,
                           "%d more errors not shown", ld.errors - 20);
        gz->n_entries = n_entries;
        gz->n_recs = n_recs;
        gz->n_cues = n_cues;
        gz->n_titles = n_titles;
        gz->n_labels = n_labels;
        gz->n_names = n_names;
        finalize(gz);
        return KG_ERR_SYNTAX;
    }
    finalize(gz);
    return KG_SUCCESS;
}

kg_status kg_gazetteer_default(kg_gazetteer **out)
{
    kg_gazetteer *gz = kg_xcalloc(1, sizeof *gz);
    size_t len = (size_t)(kg_gazetteer_tsv_end - kg_gazetteer_tsv_start);
    char *buf = kg_xmalloc(len + 1);
    memcpy(buf, kg_gazetteer_tsv_start, len);
    buf[len] = '\0';
    kg_diag_sink quiet = {NULL, NULL};
    kg_status st = load_buffer(gz, buf, len, "data/gazetteer.tsv", &quiet, 1);
    if (st != KG_SUCCESS) {
        kg_gazetteer_free(gz);
        *out = NULL;
        return KG_ERR_INTERNAL;
    }
    *out = gz;
    return KG_SUCCESS;
}

kg_status kg_gazetteer_add_file(kg_gazetteer *gz, const char *path, const kg_diag_sink *diags)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, path, 0, 0, UINT64_MAX, "cannot open: %s",
                       strerror(errno));
        return KG_ERR_IO;
    }
    char *buf = NULL;
    size_t len = 0, cap = 0;
    for (;;) {
        kg_grow((void **)&buf, &cap, len + 65536 + 1, 1);
        size_t got = fread(buf + len, 1, cap - len - 1, f);
        len += got;
        if (got == 0) break;
    }
    int err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, path, 0, 0, UINT64_MAX, "read error");
        return KG_ERR_IO;
    }
    buf[len] = '\0';
    if (memchr(buf, '\0', len)) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_SYNTAX, path, 0, 0, UINT64_MAX,
                       "NUL byte in a gazetteer table");
        free(buf);
        return KG_ERR_SYNTAX;
    }
    return load_buffer(gz, buf, len, path, diags, 0);
}

/* ======================================================================
 * Lookups
 * ====================================================================== */

size_t kg_gazetteer_lookup_forms(const kg_gazetteer *gz, const char *s, size_t len,
                                 const kg_gaz_entry *const **hits, const kg_gaz_form **forms)
{
    if (hits) *hits = NULL;
    if (forms) *forms = NULL;
    if (!gz || !s) return 0;
    const hslot *slot = NULL;
    char buf[KEY_MAX];
    if (gz->exact.n) {
        size_t n = collapse_into(s, len, buf, sizeof buf);
        if (n != (size_t)-1 && n) slot = htab_get(&gz->exact, buf, n);
    }
    if (!slot) {
        size_t n = kg_match_key(s, len, buf, sizeof buf);
        if (n == (size_t)-1 || n == 0) return 0;
        slot = htab_get(&gz->keys, buf, n);
    }
    if (!slot) return 0;
    const slice *sl = &gz->slices[slot->val];
    if (hits) *hits = gz->hitv + sl->start;
    if (forms) *forms = gz->formv + sl->start;
    return sl->count;
}

size_t kg_gazetteer_lookup(const kg_gazetteer *gz, const char *s, size_t len,
                           const kg_gaz_entry *const **hits, kg_gaz_form *form)
{
    const kg_gaz_form *forms;
    size_t n = kg_gazetteer_lookup_forms(gz, s, len, hits, &forms);
    if (form && n) *form = forms[0];
    return n;
}

static const void *keyed_get(const htab *t, const keyed *items, const char *s, size_t len)
{
    char buf[KEY_MAX];
    size_t n = kg_match_key(s, len, buf, sizeof buf);
    if (n == (size_t)-1 || n == 0) return NULL;
    const hslot *slot = htab_get(t, buf, n);
    return slot ? items[slot->val].item : NULL;
}

const kg_gaz_cue *kg_gazetteer_cue(const kg_gazetteer *gz, const char *s, size_t len)
{
    if (!gz || !s) return NULL;
    return keyed_get(&gz->cue_tab, gz->cues, s, len);
}

const kg_gaz_title *kg_gazetteer_title(const kg_gazetteer *gz, const char *s, size_t len)
{
    if (!gz || !s) return NULL;
    return keyed_get(&gz->title_tab, gz->titles, s, len);
}

const kg_gaz_entry *kg_gazetteer_by_code(const kg_gazetteer *gz, const char *code)
{
    if (!gz || !code) return NULL;
    const hslot *slot = htab_get(&gz->codes, code, strlen(code));
    return slot ? gz->entries[slot->val] : NULL;
}

unsigned kg_gazetteer_person_name(const kg_gazetteer *gz, const char *s, size_t len)
{
    if (!gz || !s || !gz->name_tab.n) return 0;
    char buf[KEY_MAX];
    size_t n = kg_match_key(s, len, buf, sizeof buf);
    if (n == (size_t)-1 || n == 0) return 0;
    const hslot *slot = htab_get(&gz->name_tab, buf, n);
    return slot ? gz->name_flags[slot->val] : 0;
}

size_t kg_gazetteer_max_words(const kg_gazetteer *gz)
{
    return gz ? gz->max_words : 0;
}

void kg_gazetteer_stats(const kg_gazetteer *gz, kg_gaz_stats *out)
{
    memset(out, 0, sizeof *out);
    if (!gz) return;
    out->entries = gz->n_entries;
    out->forms = gz->n_forms;
    out->keys = gz->keys.n + gz->exact.n;
    out->labels = gz->n_labels;
    out->cues = gz->n_cues;
    out->titles = gz->n_titles;
    out->names = gz->n_names;
    size_t bytes = gz->mem.bytes;
    bytes += gz->cap_entries * sizeof *gz->entries + gz->cap_ranks * sizeof *gz->ranks;
    bytes += gz->cap_recs * sizeof *gz->recs;
    bytes += (gz->keys.mask + 1 + gz->exact.mask + 1 + gz->codes.mask + 1 + gz->cue_tab.mask + 1 +
              gz->title_tab.mask + 1) *
             sizeof(hslot);
    bytes += gz->n_hitv * (sizeof *gz->hitv + sizeof *gz->formv);
    bytes += gz->n_slices * sizeof *gz->slices;
    bytes += gz->cap_cues * sizeof *gz->cues + gz->cap_titles * sizeof *gz->titles;
    bytes += gz->cap_names * sizeof *gz->names + (gz->name_tab.mask + 1) * sizeof(hslot);
    bytes += gz->n_names * sizeof *gz->name_flags;
    out->bytes = bytes;
}
