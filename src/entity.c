/* SPDX-License-Identifier: MIT
 * kg: entity mentions: name chunks, titles, demonyms, typing, canonical
 * names. */

#include "kg/entity.h"
#include "kg/extract.h"

#include "util.h"
#include "words.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ */
/* Word lists                                                         */
/* ------------------------------------------------------------------ */

/* Words that are capitalised at the start of a sentence or a name but are
 * never names themselves; stripped from the left edge of a chunk. */
static const char *const function_words[] = {
    "the",     "a",     "an",      "this",      "that",  "these",     "those",    "in",
    "on",      "at",    "of",      "for",       "from",  "to",        "by",       "with",
    "as",      "after", "before",  "during",    "under", "over",      "since",    "until",
    "while",   "when",  "where",   "if",        "but",   "and",       "or",       "nor",
    "so",      "yet",   "it",      "its",       "he",    "she",       "they",     "we",
    "i",       "you",   "his",     "her",       "their", "our",       "my",       "your",
    "there",   "here",  "however", "meanwhile", "also",  "according", "although", "though",
    "because", "both",  "each",    "every",     "all",   "some",      "many",     "most",
    "such",    "other", "another", "last",      "next",  "mr",        "ms",       "mrs",
    "dr",      NULL};

/* Words inside names: "Ministry of Commerce", "Bank of the West",
 * "Leonardo da Vinci". */
static const char *const connectors[] = {"of",  "for", "de", "del", "della", "di",  "da",
                                         "du",  "des", "la", "le",  "van",   "von", "der",
                                         "den", "bin", "al", "el",  "&",     "on",  NULL};

/* The connectors that join two names rather than the parts of one:
 * "Anis Muhsin of the Institute" (but "Ard van der Steur", "Hasan
 * al-Momani" are one name). */
static const char *const clause_connectors[] = {"of", "for", "on", "&", NULL};

/* Dates are literals, not entities. */
static const char *const calendar_words[] = {
    "january",   "february", "march",     "april",    "may",    "june",     "july",   "august",
    "september", "october",  "november",  "december", "jan",    "feb",      "mar",    "apr",
    "jun",       "jul",      "aug",       "sep",      "sept",   "oct",      "nov",    "dec",
    "monday",    "tuesday",  "wednesday", "thursday", "friday", "saturday", "sunday", NULL};

static int is_calendar(const kg_doc *d, size_t i)
{
    size_t n;
    const char *s = kg_doc_tok(d, i, &n);
    char w[16];
    size_t k = 0;
    for (; k < n && k + 1 < sizeof w && s[k] != '.'; k++)
        w[k] = (char)tolower((unsigned char)s[k]);
    w[k] = '\0';
    int hit = 0;
    for (const char *const *c = calendar_words; *c && !hit; c++)
        hit = strcmp(*c, w) == 0;
    if (!hit) return 0;
    /* "Jan Lisiecki", "Theresa May", "June Carter": months that are
     * names too are dates only beside a number or with a full stop */
    static const char *const also_names[] = {"jan", "may", "june", "april", "august", "mar", NULL};
    int ambiguous = 0;
    for (const char *const *c = also_names; *c; c++)
        if (strcmp(*c, w) == 0) ambiguous = 1;
    if (!ambiguous || k < n) return 1;
    if (i + 1 < d->n_tokens && d->tokens[i + 1].kind == KG_TOK_NUMBER) return 1;
    if (i > 0 && d->tokens[i - 1].kind == KG_TOK_NUMBER) return 1;
    if (i > 0 &&
        (tok_is(d, i - 1, "in") || tok_is(d, i - 1, "since") || tok_is(d, i - 1, "until") ||
         tok_is(d, i - 1, "of") || tok_is(d, i - 1, "last") || tok_is(d, i - 1, "next") ||
         tok_is(d, i - 1, "early") || tok_is(d, i - 1, "late") || tok_is(d, i - 1, "mid")))
        return 1;
    return 0;
}

kg_class kg_class_of_gaz(kg_gaz_class c)
{
    switch (c) {
    case KG_GAZ_COUNTRY:
        return KG_CLASS_COUNTRY;
    case KG_GAZ_ADMIN_AREA:
        return KG_CLASS_ADMIN_AREA;
    case KG_GAZ_CITY:
        return KG_CLASS_CITY;
    case KG_GAZ_PLACE:
        return KG_CLASS_PLACE;
    case KG_GAZ_ORGANIZATION:
        return KG_CLASS_ORGANIZATION;
    case KG_GAZ_GOVERNMENT_ORG:
        return KG_CLASS_GOV_ORG;
    case KG_GAZ_NEWS_ORG:
        return KG_CLASS_NEWS_ORG;
    case KG_GAZ_PERSON:
        return KG_CLASS_PERSON;
    case KG_GAZ_EVENT:
        return KG_CLASS_EVENT;
    case KG_GAZ_CORPORATION:
        return KG_CLASS_CORPORATION;
    case KG_GAZ_EDUCATIONAL_ORG:
        return KG_CLASS_EDU_ORG;
    case KG_GAZ_COLLEGE:
        return KG_CLASS_COLLEGE;
    case KG_GAZ_POLITICAL_PARTY:
        return KG_CLASS_PARTY;
    case KG_GAZ_SPORTS_TEAM:
        return KG_CLASS_SPORTS_TEAM;
    case KG_GAZ_NGO:
        return KG_CLASS_NGO;
    case KG_GAZ_HOSPITAL:
        return KG_CLASS_HOSPITAL;
    case KG_GAZ_CONTINENT:
        return KG_CLASS_CONTINENT;
    case KG_GAZ_LANDFORM:
        return KG_CLASS_LANDFORM;
    case KG_GAZ_MOUNTAIN:
        return KG_CLASS_MOUNTAIN;
    case KG_GAZ_BODY_OF_WATER:
        return KG_CLASS_BODY_OF_WATER;
    case KG_GAZ_RIVER:
        return KG_CLASS_RIVER;
    case KG_GAZ_LAKE:
        return KG_CLASS_LAKE;
    case KG_GAZ_SEA:
        return KG_CLASS_SEA;
    case KG_GAZ_OCEAN:
        return KG_CLASS_OCEAN;
    case KG_GAZ_AIRPORT:
        return KG_CLASS_AIRPORT;
    case KG_GAZ_PARK:
        return KG_CLASS_PARK;
    case KG_GAZ_MUSEUM:
        return KG_CLASS_MUSEUM;
    case KG_GAZ_STADIUM:
        return KG_CLASS_STADIUM;
    case KG_GAZ_THING:
    case KG_GAZ_CLASS_COUNT:
        break;
    }
    return KG_CLASS_THING;
}

/* ------------------------------------------------------------------ */
/* Candidates                                                         */
/* ------------------------------------------------------------------ */

/* How sure a piece of evidence is about a class. */
enum { EV_GUESS = 1, EV_CONTEXT = 2, EV_TITLE = 3, EV_CUE = 4, EV_GAZ = 5 };

typedef struct cand {
    uint32_t b, e;              ///< token range
    uint32_t tb, te;            ///< title range
    kg_mention_kind kind;       ///< name, demonym, acronym
    kg_class cls;               ///< class evidence
    int strength;               ///< EV_*
    char *name;                 ///< canonical name (owned)
    const kg_gaz_entry *gaz;    ///< gazetteer entry or NULL
    const kg_gaz_entry *origin; ///< a place named inside an organisation's name
    int team;                   ///< a club named after its city ("Wolfsburg", "Werder Bremen")
} cand;

typedef struct ctx {
    kg_doc *d;
    const kg_gazetteer *gz;
    cand *c;
    size_t n, cap;
    kg_strmap mid_caps; ///< lower-case words seen capitalised inside a sentence
    kg_strmap lower;    ///< words seen written in lower case (common words)
    int sports;         ///< the article reports sport: cities there name clubs
    kg_strmap acronyms; ///< acronym -> candidate index that introduced it
} ctx;

/* The bytes of tokens [b, e) as written. */
static const char *span(const kg_doc *d, size_t b, size_t e, size_t *len)
{
    const kg_token *f = &d->tokens[b], *l = &d->tokens[e - 1];
    *len = l->off + l->len - f->off;
    return d->article->text + f->off;
}

/* Glued to both neighbours: no white space before token @p i or after it. */
static int glued(const kg_doc *d, size_t i)
{
    return i > 0 && i + 1 < d->n_tokens && !(d->tokens[i].flags & KG_TOKF_SPACE_BEFORE) &&
           !(d->tokens[i + 1].flags & KG_TOKF_SPACE_BEFORE) &&
           d->tokens[i - 1].off + d->tokens[i - 1].len == d->tokens[i].off &&
           d->tokens[i].off + d->tokens[i].len == d->tokens[i + 1].off;
}

/* Token @p i is a Roman numeral of a regnal name: I to XXX. */
static int roman_numeral(const kg_doc *d, size_t i)
{
    static const char *const numerals[] = {
        "I",    "II",  "III", "IV",  "V",    "VI",    "VII", "VIII", "IX",  "X",    "XI",    "XII",
        "XIII", "XIV", "XV",  "XVI", "XVII", "XVIII", "XIX", "XX",   "XXI", "XXII", "XXIII", NULL};
    size_t n;
    const char *w = kg_doc_tok(d, i, &n);
    for (const char *const *r = numerals; *r; r++)
        if (strlen(*r) == n && memcmp(*r, w, n) == 0) return 1;
    return 0;
}

/* Kinds of places written after their name in lower case. */
static const char *const kind_words[] = {
    "province", "county",      "district", "region", "state",  "prefecture", "municipality",
    "oblast",   "governorate", "canton",   "river",  "island", NULL};

/* A clean copy of a span: runs of white space become one space. */
static char *clean_name(const char *s, size_t n)
{
    kg_buf b = {0};
    int sp = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            sp = b.len > 0;
            continue;
        }
        if (sp) kg_buf_add(&b, " ", 1);
        sp = 0;
        kg_buf_add(&b, s + i, 1);
    }
    return kg_buf_take(&b);
}

static const kg_gaz_entry *gaz_lookup(const ctx *x, size_t b, size_t e, kg_gaz_form *form)
{
    if (!x->gz) return NULL;
    size_t n;
    const char *s = span(x->d, b, e, &n);
    const kg_gaz_entry *const *hits;
    kg_gaz_form f = KG_FORM_NAME;
    if (kg_gazetteer_lookup(x->gz, s, n, &hits, &f) == 0) return NULL;
    if (form) *form = f;
    return hits[0];
}

static const kg_gaz_cue *cue_at(const ctx *x, size_t b, size_t e, unsigned pos)
{
    if (!x->gz || e <= b) return NULL;
    size_t n;
    const char *s = span(x->d, b, e, &n);
    const kg_gaz_cue *cue = kg_gazetteer_cue(x->gz, s, n);
    return cue && (cue->pos & pos) ? cue : NULL;
}

static const kg_gaz_title *title_at(const ctx *x, size_t b, size_t e)
{
    if (!x->gz || e <= b) return NULL;
    size_t n;
    const char *s = span(x->d, b, e, &n);
    return kg_gazetteer_title(x->gz, s, n);
}

static void add_cand(ctx *x, uint32_t b, uint32_t e, kg_mention_kind kind, kg_class cls,
                     int strength, const kg_gaz_entry *gaz, uint32_t tb, uint32_t te)
{
    size_t n;
    const char *s = span(x->d, b, e, &n);
    cand c = {b, e, tb, te, kind, cls, strength, NULL, gaz, NULL, 0};
    c.name = gaz ? kg_xstrndup(gaz->name, strlen(gaz->name)) : clean_name(s, n);
    KG_PUSH(x->c, x->n, x->cap, c);
}

/* ------------------------------------------------------------------ */
/* Chunking                                                           */
/* ------------------------------------------------------------------ */

static int name_token(const ctx *x, size_t i)
{
    const kg_doc *d = x->d;
    if (!tok_cap(d, i) || is_calendar(d, i)) return 0;
    if ((d->tokens[i].flags & KG_TOKF_ALL_UPPER) && d->tokens[i].len >= 2) return 1;
    kg_upos u = tok_upos(d, i);
    if (d->words && u != KG_UPOS_PROPN && u != KG_UPOS_NOUN && u != KG_UPOS_ADJ && u != KG_UPOS_X &&
        u != KG_UPOS_NUM && u != KG_UPOS_VERB)
        return 0;
    return 1;
}

/* Is a one-word chunk at the start of a sentence really a name?  A
 * capitalised first word is a name when the tagger says PROPN, or when the
 * same word is capitalised somewhere inside a sentence too. */
static int initial_word_is_name(const ctx *x, size_t i)
{
    const kg_doc *d = x->d;
    if (d->words) return tok_upos(d, i) == KG_UPOS_PROPN;
    size_t n;
    const char *s = kg_doc_tok(d, i, &n);
    char key[128];
    if (n >= sizeof key) return 0;
    for (size_t k = 0; k < n; k++)
        key[k] = (char)tolower((unsigned char)s[k]);
    return kg_strmap_get(&x->mid_caps, key, n, NULL);
}

static void note_mid_caps(ctx *x)
{
    const kg_doc *d = x->d;
    for (size_t s = 0; s < d->n_sents; s++)
        for (size_t i = d->sents[s].tok_begin + 1; i < d->sents[s].tok_end; i++) {
            if (!tok_cap(d, i)) continue;
            const kg_token *prev = &d->tokens[i - 1];
            const char *pt = d->article->text + prev->off;
            if (prev->kind == KG_TOK_PUNCT &&
                (*pt == '"' || *pt == ':' || *pt == '(' || (unsigned char)*pt == 0xE2))
                continue; /* a quote or colon starts a new sentence-like unit */
            size_t n;
            const char *w = kg_doc_tok(d, i, &n);
            char key[128];
            if (n >= sizeof key) continue;
            for (size_t k = 0; k < n; k++)
                key[k] = (char)tolower((unsigned char)w[k]);
            kg_strmap_put(&x->mid_caps, key, n, 1);
        }
    static const char *const sport_words[] = {
        "bundesliga",   "league",     "goal",       "goals",      "striker",   "midfielder",
        "defender",     "goalkeeper", "derby",      "relegation", "relegated", "halftime",
        "penalty",      "footballer", "football",   "soccer",     "scored",    "kickoff",
        "stadium",      "coach",      "champions",  "fixture",    "matchday",  "semifinal",
        "quarterfinal", "playoffs",   "tournament", NULL};
    kg_strmap seen = {0};
    for (size_t i = 0; i < d->n_tokens; i++)
        for (const char *const *w = sport_words; *w; w++)
            if (tok_is(d, i, *w)) kg_strmap_put(&seen, *w, strlen(*w), 1);
    x->sports = seen.used >= 3;
    kg_strmap_clear(&seen);
    for (size_t i = 0; i < d->n_tokens; i++) {
        const kg_token *t = &d->tokens[i];
        unsigned char c0 = (unsigned char)d->article->text[t->off];
        if (t->kind == KG_TOK_WORD && c0 >= 'a' && c0 <= 'z' && t->len < 128)
            kg_strmap_put(&x->lower, d->article->text + t->off, t->len, 1);
    }
}

/* Is token @p i in the headline?  Headlines capitalise every word. */
static int in_headline(const kg_doc *d, size_t i)
{
    const kg_span *h = &d->article->title_span;
    return h->len && d->tokens[i].off >= h->off && d->tokens[i].off < h->off + h->len;
}

/* The shape of a person's name: two to four capitalised words that the
 * tagger calls proper nouns ("Zhou Enlai", "Klaas-Jan Huntelaar"), none of
 * them a word the document also writes in lower case ("Recent Members"),
 * a cue word ("Magazine"), a country, an organisation or a demonym. */
static int person_shape(const ctx *x, size_t b, size_t e)
{
    const kg_doc *d = x->d;
    size_t words = 0, common = 0;
    if (in_headline(d, b)) return 0;
    /* "the Divine Comedy", "the Weimar Republic": persons go without an
     * article */
    if (b > 0 && tok_is(d, b - 1, "the")) return 0;
    for (size_t i = b; i < e; i++) {
        if (tok_is(d, i, "-") && glued(d, i)) continue;
        const kg_token *t = &d->tokens[i];
        if (t->kind != KG_TOK_WORD || (t->flags & KG_TOKF_ALL_UPPER)) return 0;
        if (!tok_cap(d, i)) {
            /* "Port-au-Prince", "Leonardo da Vinci": a particle inside */
            if (i == b || i + 1 == e || t->len > 3) return 0;
            continue;
        }
        /* the tagger may take a rare name for a verb: "Göring-Eckardt" */
        int hyphened = (i + 1 < e && tok_is(d, i + 1, "-")) || (i > b && tok_is(d, i - 1, "-"));
        if (d->words && tok_upos(d, i) != KG_UPOS_PROPN && !hyphened) return 0;
        words++;
        size_t n;
        const char *w = kg_doc_tok(d, i, &n);
        char key[128];
        if (n >= sizeof key) return 0;
        for (size_t k = 0; k < n; k++)
            key[k] = (char)tolower((unsigned char)w[k]);
        if (kg_strmap_get(&x->lower, key, n, NULL)) return 0;
        if (!x->gz) continue;
        if (kg_gazetteer_cue(x->gz, w, n) || kg_gazetteer_title(x->gz, w, n)) return 0;
        /* "Divine Comedy", "Natural Born Killers": common words that are
         * no known names make a title, not a person */
        unsigned nf = kg_gazetteer_person_name(x->gz, w, n);
        if ((nf & KG_NAME_WORD) && !(nf & (KG_NAME_MALE | KG_NAME_FEMALE | KG_NAME_SURNAME)))
            common++;
        const kg_gaz_entry *const *hits;
        kg_gaz_form f;
        if (kg_gazetteer_lookup(x->gz, w, n, &hits, &f)) {
            kg_class c = kg_class_of_gaz(hits[0]->cls);
            if (f == KG_FORM_DEMONYM || c == KG_CLASS_COUNTRY || c == KG_CLASS_CONTINENT ||
                kg_class_family(c) == KG_FAMILY_ORGANIZATION ||
                kg_class_family(c) == KG_FAMILY_EVENT)
                return 0;
        }
    }
    return words >= 2 && words <= 4 && common * 2 < words;
}

/* Does [b, e) look like a person's name: a known first name first
 * ("Angela Merkel"), or a known surname last after a word the tagger calls
 * a proper noun, or a reporting verb right after it ("Muhsin said")? */
static int person_evidence(const ctx *x, size_t b, size_t e)
{
    const kg_doc *d = x->d;
    if (!x->gz) return 1;
    size_t n;
    const char *s = kg_doc_tok(d, b, &n);
    unsigned first = kg_gazetteer_person_name(x->gz, s, n);
    /* "German" is a first name too, but "German Institute" no person */
    kg_gaz_form ff;
    if ((first & (KG_NAME_MALE | KG_NAME_FEMALE)) && e - b >= 2 && gaz_lookup(x, b, b + 1, &ff) &&
        ff == KG_FORM_DEMONYM)
        first = 0;
    /* "Christian Democrats", "Joy Division", "Roman Catholic": a first
     * name before a common word that is no surname names no person */
    if ((first & (KG_NAME_MALE | KG_NAME_FEMALE)) && e - b == 2) {
        size_t ln;
        const char *lw = kg_doc_tok(d, b + 1, &ln);
        unsigned lf = kg_gazetteer_person_name(x->gz, lw, ln);
        if ((lf & KG_NAME_WORD) && !(lf & (KG_NAME_MALE | KG_NAME_FEMALE | KG_NAME_SURNAME)))
            first = 0;
    }
    if (first & (KG_NAME_MALE | KG_NAME_FEMALE)) return 1;
    s = kg_doc_tok(d, e - 1, &n);
    unsigned last = kg_gazetteer_person_name(x->gz, s, n);
    /* a lone surname ("Hull", "Fox") names a town or a company as often
     * as a person: the surname of a person named in full before is found
     * by coreference (coref.c) */
    if ((last & KG_NAME_SURNAME) && e - b >= 2 && d->words && tok_upos(d, b) == KG_UPOS_PROPN)
        return 1;
    static const char *const said[] = {"said",      "says",   "told",     "added",  "wrote",
                                       "explained", "argued", "believes", "thinks", NULL};
    size_t end = d->sents[tok_sentence(d, b)].tok_end;
    return e < end && tok_in(d, e, said);
}

/* Credits and sign-offs are not mentions: "tkw/AFP/AP/dpa",
 * "Author: Martin Polansky", "Editor: Rob Mudge". */
static int signoff(const ctx *x, size_t b, size_t e, size_t end)
{
    const kg_doc *d = x->d;
    if ((b > 0 && tok_is(d, b - 1, "/")) || (e < end && tok_is(d, e, "/"))) return 1;
    if (b >= 2 && tok_is(d, b - 1, ":") &&
        (tok_is(d, b - 2, "editor") || tok_is(d, b - 2, "author") || tok_is(d, b - 2, "authors")))
        return 1;
    return 0;
}

/* Is [b, e) a name kg knows: in the gazetteer or an acronym introduced
 * earlier? */
static int known_name(const ctx *x, size_t b, size_t e)
{
    if (gaz_lookup(x, b, e, NULL)) return 1;
    size_t n;
    const char *s = span(x->d, b, e, &n);
    return e - b == 1 && kg_strmap_get(&x->acronyms, s, n, NULL);
}

/* Is the demonym [b, e) the name of a language ("in English",
 * "Spanish-language", "the German language", "English: ...", "French and
 * English.")?  A language is no place. */
static int language_use(const ctx *x, size_t b, size_t e)
{
    const kg_doc *d = x->d;
    size_t s = tok_sentence(d, b), sb = d->sents[s].tok_begin, se = d->sents[s].tok_end;
    static const char *const after_lang[] = {"language", "languages",   "speaking",  "speaker",
                                             "speakers", "translation", "version",   "title",
                                             "dub",      "dubbed",      "subtitles", NULL};
    size_t a = e;
    if (a + 1 < se && tok_is(d, a, "-") && glued(d, a)) a++;
    if (a < se && tok_in(d, a, after_lang)) return 1;
    if (e < se && tok_is(d, e, ":")) return 1;
    /* "in English", "into German", "from French" closing a phrase */
    static const char *const preps[] = {"in",     "into",  "from",     "speak",  "speaks", "spoke",
                                        "spoken", "learn", "learning", "taught", NULL};
    size_t p = b;
    while (p > sb && (tok_is(d, p - 1, ",") || tok_is(d, p - 1, "and") || tok_is(d, p - 1, "or") ||
                      tok_cap(d, p - 1)))
        p--;
    if (p > sb && tok_in(d, p - 1, preps)) {
        size_t q = e;
        while (q < se &&
               (tok_is(d, q, ",") || tok_is(d, q, "and") || tok_is(d, q, "or") || tok_cap(d, q)))
            q++;
        if (q >= se || d->tokens[q].kind == KG_TOK_PUNCT) return 1;
    }
    return 0;
}

/* The kind of thing a common noun names: "singer" a person, "band" an
 * organisation, "village" a place; KG_CLASS_THING for other nouns. */
static kg_class kind_noun(const char *lemma)
{
    static const char *const person[] = {"singer",
                                         "politician",
                                         "actor",
                                         "actress",
                                         "player",
                                         "footballer",
                                         "writer",
                                         "author",
                                         "poet",
                                         "painter",
                                         "composer",
                                         "musician",
                                         "director",
                                         "producer",
                                         "journalist",
                                         "artist",
                                         "scientist",
                                         "physician",
                                         "lawyer",
                                         "judge",
                                         "officer",
                                         "soldier",
                                         "general",
                                         "bishop",
                                         "priest",
                                         "monk",
                                         "nun",
                                         "king",
                                         "queen",
                                         "prince",
                                         "princess",
                                         "emperor",
                                         "empress",
                                         "saint",
                                         "businessman",
                                         "businesswoman",
                                         "entrepreneur",
                                         "engineer",
                                         "architect",
                                         "athlete",
                                         "coach",
                                         "manager",
                                         "professor",
                                         "historian",
                                         "philosopher",
                                         "economist",
                                         "mathematician",
                                         "physicist",
                                         "chemist",
                                         "biologist",
                                         "diplomat",
                                         "activist",
                                         "leader",
                                         "founder",
                                         "chairman",
                                         "president",
                                         "minister",
                                         "mayor",
                                         "governor",
                                         "senator",
                                         "rapper",
                                         "songwriter",
                                         "guitarist",
                                         "drummer",
                                         "pianist",
                                         "violinist",
                                         "conductor",
                                         "dancer",
                                         "model",
                                         "comedian",
                                         "presenter",
                                         "broadcaster",
                                         "cricketer",
                                         "cyclist",
                                         "skier",
                                         "swimmer",
                                         "wrestler",
                                         "boxer",
                                         "racer",
                                         "jockey",
                                         "sculptor",
                                         "photographer",
                                         "designer",
                                         "novelist",
                                         "playwright",
                                         "screenwriter",
                                         "filmmaker",
                                         "explorer",
                                         "missionary",
                                         "theologian",
                                         "scholar",
                                         "linguist",
                                         "translator",
                                         "inventor",
                                         "pilot",
                                         "astronaut",
                                         "teacher",
                                         "son",
                                         "daughter",
                                         "wife",
                                         "husband",
                                         "man",
                                         "woman",
                                         "character",
                                         "god",
                                         "goddess",
                                         "deity",
                                         "vocalist",
                                         "bassist",
                                         "saxophonist",
                                         "cellist",
                                         "organist",
                                         "tenor",
                                         "soprano",
                                         "baritone",
                                         "illustrator",
                                         "cartoonist",
                                         "animator",
                                         "critic",
                                         "columnist",
                                         "commentator",
                                         "announcer",
                                         "referee",
                                         "goalkeeper",
                                         "defender",
                                         "midfielder",
                                         "forward",
                                         "striker",
                                         "pitcher",
                                         "quarterback",
                                         "batsman",
                                         "bowler",
                                         "sprinter",
                                         "runner",
                                         "golfer",
                                         "skater",
                                         "rower",
                                         "fencer",
                                         "gymnast",

                                         "grandmaster",
                                         "statesman",
                                         "lord",
                                         "duke",
                                         "duchess",
                                         "count",
                                         "countess",
                                         "earl",
                                         "baron",
                                         "knight",
                                         "pharaoh",
                                         "sultan",
                                         "caliph",
                                         "pope",
                                         "cardinal",
                                         "archbishop",
                                         "rabbi",
                                         "imam",
                                         "surgeon",
                                         "psychologist",
                                         "sociologist",
                                         "anthropologist",
                                         "archaeologist",
                                         "geologist",
                                         "astronomer",
                                         "botanist",
                                         "zoologist",
                                         "educator",
                                         "educationist",
                                         "banker",
                                         "merchant",
                                         "industrialist",
                                         "philanthropist",
                                         "socialite",
                                         "heir",
                                         "nobleman",
                                         "noblewoman",
                                         "official",

                                         "servant",
                                         "spy",
                                         "criminal",
                                         NULL};
    static const char *const org[] = {
        "band",       "group",       "company",      "club",         "team",         "party",
        "newspaper",  "magazine",    "label",        "firm",         "organization", "organisation",
        "university", "school",      "college",      "corporation",  "airline",      "bank",
        "agency",     "network",     "channel",      "manufacturer", "developer",    "publisher",
        "studio",     "orchestra",   "ensemble",     "duo",          "trio",         "quartet",
        "choir",      "association", "federation",   "union",        "league",       "society",
        "institute",  "foundation",  "charity",      "brand",        "conglomerate", "subsidiary",
        "retailer",   "broadcaster", "ministry",     "department",   "council",      "committee",
        "regiment",   "division",    "unit",         "army",         "navy",         "militia",
        "order",      "church",      "denomination", "dynasty",      "tribe",        "franchise",
        "supergroup", "collective",  "consortium",   "cooperative",  "startup",      "chain",
        "operator",   "carrier",     "railway",      "railroad",     "outfit",       "side",
        NULL};
    static const char *const place[] = {
        "village",    "town",       "city",       "municipality", "river",         "lake",
        "mountain",   "island",     "county",     "district",     "province",      "region",
        "state",      "country",    "commune",    "suburb",       "neighbourhood", "neighborhood",
        "area",       "peninsula",  "valley",     "bay",          "park",          "airport",
        "building",   "bridge",     "road",       "highway",      "street",        "castle",
        "palace",     "museum",     "stadium",    "arena",        "settlement",    "hamlet",
        "parish",     "capital",    "port",       "archipelago",  "glacier",       "volcano",
        "peak",       "canal",      "reservoir",  "forest",       "desert",        "plateau",
        "basin",      "sea",        "ocean",      "strait",       "gulf",          "cape",
        "lighthouse", "monument",   "cemetery",   "square",       "tributary",     "creek",
        "stream",     "waterfall",  "hill",       "ridge",        "pass",          "headland",
        "cathedral",  "abbey",      "monastery",  "temple",       "mosque",        "church",
        "theatre",    "theater",    "venue",      "mall",         "campus",        "estate",
        "manor",      "fort",       "fortress",   "prison",       "station",       "harbour",
        "harbor",     "beach",      "resort",     "borough",      "township",      "locality",
        "oblast",     "prefecture", "department", "canton",       "territory",     "kingdom",
        "empire",     "republic",   "colony",     "nation",       "metropolis",    "community",
        NULL};
    for (const char *const *w = person; *w; w++)
        if (strcmp(*w, lemma) == 0) return KG_CLASS_PERSON;
    for (const char *const *w = org; *w; w++)
        if (strcmp(*w, lemma) == 0) return KG_CLASS_ORGANIZATION;
    for (const char *const *w = place; *w; w++)
        if (strcmp(*w, lemma) == 0) return KG_CLASS_PLACE;
    return KG_CLASS_THING;
}

/* Is [b, e) a country or a subdivision ("New York", "Lambton County"):
 * some gazetteer hit of it, or a name closed by an administrative cue? */
static int place_above(const ctx *x, size_t b, size_t e)
{
    size_t n;
    const char *s = span(x->d, b, e, &n);
    const kg_gaz_entry *const *hits;
    const kg_gaz_form *forms;
    size_t nh = kg_gazetteer_lookup_forms(x->gz, s, n, &hits, &forms);
    for (size_t i = 0; i < nh; i++) {
        kg_class c = kg_class_of_gaz(hits[i]->cls);
        if (forms[i] != KG_FORM_DEMONYM && (c == KG_CLASS_COUNTRY || c == KG_CLASS_ADMIN_AREA))
            return 1;
    }
    if (e - b < 2) return 0;
    const kg_gaz_cue *cue = cue_at(x, e - 1, e, KG_CUE_SUFFIX);
    return cue && kg_class_of_gaz(cue->cls) == KG_CLASS_ADMIN_AREA;
}

/* What the words around the name [b, e) say about its kind:
 * KG_CLASS_CITY for "Bahir Dar, Ethiopia" and "born in X", KG_CLASS_PERSON
 * for "directed by X", "his wife X" and "X (born 1950)", else
 * KG_CLASS_THING. */
static kg_class context_class(const ctx *x, size_t b, size_t e)
{
    const kg_doc *d = x->d;
    size_t s = tok_sentence(d, b), sb = d->sents[s].tok_begin, se = d->sents[s].tok_end;
    if (e < se && tok_is(d, e, "'s")) return KG_CLASS_THING;
    /* "Bahir Dar, Ethiopia", "Prelate, Saskatchewan" */
    if (e + 1 < se && tok_is(d, e, ",") && x->gz) {
        for (size_t k = 3; k >= 1; k--) {
            if (e + 1 + k > se) continue;
            if (!tok_cap(d, e + 1) || !place_above(x, e + 1, e + 1 + k)) continue;
            size_t a = e + 1 + k;
            if (a >= se || d->tokens[a].kind == KG_TOK_PUNCT) return KG_CLASS_CITY;
        }
    }
    /* "a Houston-based company", "Berlin-born" */
    if (e + 1 < se && tok_is(d, e, "-") && glued(d, e) &&
        (tok_is(d, e + 1, "based") || tok_is(d, e + 1, "born") ||
         tok_is(d, e + 1, "headquartered")))
        return KG_CLASS_CITY;
    static const char *const loc_preps[] = {"in",      "near",   "outside", "throughout",
                                            "through", "across", NULL};
    if (b > sb && tok_in(d, b - 1, loc_preps) && !tok_cap(d, b - 1)) {
        /* "born in X", "in X" closing a phrase */
        if (e >= se || d->tokens[e].kind == KG_TOK_PUNCT || !tok_cap(d, e)) return KG_CLASS_CITY;
    }
    /* "the province of Alberta", "the town of Eppelsheim", "the ports of
     * Narvik and Luleå" */
    static const char *const place_nouns[] = {
        "city",         "town",     "village",  "province",   "region",  "state",
        "county",       "district", "capital",  "suburb",     "island",  "port",
        "municipality", "commune",  "borough",  "prefecture", "parish",  "neighbourhood",
        "neighborhood", "hamlet",   "township", "partido",    "islands", "ports",
        "cities",       "towns",    "villages", "outskirts",  "suburbs", NULL};
    if (b > sb + 1 && tok_is(d, b - 1, "of") && tok_in(d, b - 2, place_nouns) && !tok_cap(d, b - 2))
        return KG_CLASS_CITY;
    /* "the Outaouais region", "the Daule & Babahoyo rivers": a kind of
     * place in lower case after the name */
    static const char *const place_after[] = {
        "region", "river",   "rivers",   "valley",   "mountains", "range",
        "island", "islands", "district", "province", "peninsula", "desert",
        "basin",  "plateau", "lake",     "glacier",  "canyon",    "municipality",
        "parish", "county",  "strait",   NULL};
    if (e < se && !tok_cap(d, e) && tok_in(d, e, place_after)) return KG_CLASS_PLACE;
    /* "the Sonic Images record label", "former Sha Na Na member", "the
     * Comédie Italienne company": an organisation's kind after the name */
    static const char *const org_after[] = {"company", "band",    "label",    "network", "member",
                                            "members", "records", "division", "tribe",   "frontman",
                                            "channel", "club",    "team",     NULL};
    if (e < se && !tok_cap(d, e) && tok_in(d, e, org_after)) return KG_CLASS_ORGANIZATION;
    /* "a native of Les Saisies", "residents of X" */
    static const char *const native[] = {"native",      "natives", "resident",
                                         "residents",   "duchy",   "principality",
                                         "margraviate", "kingdom", NULL};
    if (b > sb + 1 && tok_is(d, b - 1, "of") && tok_in(d, b - 2, native) && !tok_cap(d, b - 2))
        return KG_CLASS_PLACE;
    /* "north of Rügen", "south-east of Highlaws", "between Aspen and ..." */
    static const char *const compass[] = {"north",     "south",     "east",      "west",
                                          "northeast", "northwest", "southeast", "southwest",
                                          "between",   "outskirts", NULL};
    if (b > sb + 1 && tok_is(d, b - 1, "of") && tok_in(d, b - 2, compass) && !tok_cap(d, b - 2))
        return KG_CLASS_PLACE;
    if (b > sb && tok_is(d, b - 1, "between") && e + 1 < se && tok_is(d, e, "and"))
        return KG_CLASS_PLACE;
    /* "bordered on the south by Misraq Gojjam, on the west by ..." */
    if (b > sb && tok_is(d, b - 1, "by"))
        for (size_t k = sb; k + 1 < b; k++)
            if (tok_is(d, k, "bordered") || tok_is(d, k, "bounded")) return KG_CLASS_PLACE;
    /* "a saint named Nara", "a community called Manakrü", "a new-age
     * music label called Earthtone" */
    if (b > sb + 1 && (tok_is(d, b - 1, "named") || tok_is(d, b - 1, "called")) &&
        !tok_cap(d, b - 2) && d->tokens[b - 2].kind == KG_TOK_WORD) {
        const char *lem = tok_lemma(d, b - 2);
        kg_class kc = lem ? kind_noun(lem) : KG_CLASS_THING;
        if (kc != KG_CLASS_THING) return kc;
    }
    /* "the band Vama", "the island Vigra", "the political party Vlaams
     * Belang": a kind noun right before the name */
    if (b > sb && !tok_cap(d, b - 1) && d->tokens[b - 1].kind == KG_TOK_WORD &&
        (!d->words || tok_upos(d, b - 1) == KG_UPOS_NOUN) && !title_at(x, b - 1, b)) {
        const char *lem = tok_lemma(d, b - 1);
        kg_class kc = lem ? kind_noun(lem) : KG_CLASS_THING;
        if (kc == KG_CLASS_PLACE || kc == KG_CLASS_ORGANIZATION) return kc;
    }
    /* "X, a city in ...", "X, a band from ...": an apposition says what
     * the name is */
    if (e + 2 < se && tok_is(d, e, ",") &&
        (tok_is(d, e + 1, "a") || tok_is(d, e + 1, "an") || tok_is(d, e + 1, "the"))) {
        for (size_t k = e + 2; k < se && k < e + 9; k++) {
            if (d->tokens[k].kind != KG_TOK_WORD || tok_cap(d, k)) continue;
            const char *lem = tok_lemma(d, k);
            char low[32];
            if (!lem) {
                size_t n;
                const char *w = kg_doc_tok(d, k, &n);
                if (n >= sizeof low) continue;
                for (size_t q = 0; q < n; q++)
                    low[q] = (char)tolower((unsigned char)w[q]);
                low[n] = '\0';
                lem = low;
            }
            kg_class kc = kind_noun(lem);
            if (kc == KG_CLASS_PLACE) return KG_CLASS_CITY;
            if (kc != KG_CLASS_THING) return kc;
            if (d->words && tok_upos(d, k) == KG_UPOS_NOUN) break;
        }
    }
    /* "hard rock bands such as Kamikaze, Alakran and Rata Blanca", "the
     * engineering firms COWI and Ramboll": a list after a plural kind noun */
    {
        size_t k = b;
        while (k > sb && k + 40 > b &&
               (tok_cap(d, k - 1) || tok_is(d, k - 1, ",") || tok_is(d, k - 1, "and") ||
                tok_is(d, k - 1, "or") || tok_is(d, k - 1, "the") || tok_is(d, k - 1, "-") ||
                (tok_in(d, k - 1, connectors) && k - 1 > sb && tok_cap(d, k - 2))))
            k--;
        if (k < b && k > sb && !tok_is(d, k, ",") && !tok_is(d, k, "and")) {
            size_t h = k - 1;
            if (h > sb && tok_is(d, h, "as") && tok_is(d, h - 1, "such"))
                h = h - 2 > sb ? h - 2 : sb;
            else if (tok_is(d, h, "including") || tok_is(d, h, "like"))
                h = h > sb ? h - 1 : sb;
            if (h < b && h >= sb && tok_is(d, h, ",") && h > sb) h--;
            size_t hn;
            const char *hw = kg_doc_tok(d, h, &hn);
            if (d->tokens[h].kind == KG_TOK_WORD && !tok_cap(d, h) && hn > 3 && hw[hn - 1] == 's' &&
                (!d->words || tok_upos(d, h) == KG_UPOS_NOUN)) {
                const char *lem = tok_lemma(d, h);
                kg_class kc = lem ? kind_noun(lem) : KG_CLASS_THING;
                /* "industry players, including Spotify": persons have
                 * names of their own shape */
                if (kc == KG_CLASS_ORGANIZATION || kc == KG_CLASS_PLACE) return kc;
            }
            /* "Towns and cities in this zone include Addis Zemen, Debre
             * Tabor and Wereta", "Important cities are Buchach, ...": the
             * plural kind noun the sentence opens with */
            if (tok_is(d, k - 1, "include") || tok_is(d, k - 1, "included") ||
                tok_is(d, k - 1, "are") || tok_is(d, k - 1, "were")) {
                for (size_t q = sb; q + 1 < k && q < sb + 4; q++) {
                    size_t qn;
                    const char *qw = kg_doc_tok(d, q, &qn);
                    if (d->tokens[q].kind != KG_TOK_WORD || qn <= 3 || qw[qn - 1] != 's' ||
                        (d->words && tok_upos(d, q) != KG_UPOS_NOUN))
                        continue;
                    const char *lem = tok_lemma(d, q);
                    kg_class kc = lem ? kind_noun(lem) : KG_CLASS_THING;
                    if (kc == KG_CLASS_ORGANIZATION || kc == KG_CLASS_PLACE) return kc;
                    break;
                }
            }
        }
    }
    /* "the Brintnell and Hollick-Kenyon neighbourhoods", "the Rhineland-
     * Palatinate and Saarland states": a list before a plural kind noun */
    {
        size_t k = e;
        while (k < se && k < e + 40 &&
               (tok_cap(d, k) || tok_is(d, k, ",") || tok_is(d, k, "and") || tok_is(d, k, "or") ||
                tok_is(d, k, "-")))
            k++;
        size_t kn;
        const char *kw = k < se ? kg_doc_tok(d, k, &kn) : NULL;
        if (kw && k > e && tok_is(d, k - 1, "and") == 0 && d->tokens[k].kind == KG_TOK_WORD &&
            !tok_cap(d, k) && kn > 3 && kw[kn - 1] == 's' &&
            (!d->words || tok_upos(d, k) == KG_UPOS_NOUN)) {
            int listed_before = 0;
            for (size_t q = e; q < k; q++)
                if (tok_is(d, q, "and") || tok_is(d, q, ",")) listed_before = 1;
            const char *lem = tok_lemma(d, k);
            kg_class kc = lem ? kind_noun(lem) : KG_CLASS_THING;
            if (listed_before && (kc == KG_CLASS_ORGANIZATION || kc == KG_CLASS_PLACE)) return kc;
        }
        if (kw && k == e && b > sb && (tok_is(d, b - 1, "and") || tok_is(d, b - 1, ",")) &&
            d->tokens[k].kind == KG_TOK_WORD && !tok_cap(d, k) && kn > 3 && kw[kn - 1] == 's' &&
            (!d->words || tok_upos(d, k) == KG_UPOS_NOUN)) {
            const char *lem = tok_lemma(d, k);
            kg_class kc = lem ? kind_noun(lem) : KG_CLASS_THING;
            if (kc == KG_CLASS_ORGANIZATION || kc == KG_CLASS_PLACE) return kc;
        }
    }
    /* "chief executive of X", "a member of X", "professor at X": a role
     * in an organisation */
    if (b > sb + 1 && (tok_is(d, b - 1, "of") || tok_is(d, b - 1, "at")) && !tok_cap(d, b - 2)) {
        for (size_t k = 1; k <= 3 && b >= sb + 1 + k; k++) {
            const kg_gaz_title *t = title_at(x, b - 1 - k, b - 1);
            if (!t) continue;
            if (t->relation &&
                kg_class_family(kg_class_of_gaz(t->target)) == KG_FAMILY_ORGANIZATION)
                return KG_CLASS_ORGANIZATION;
            break;
        }
        static const char *const member_words[] = {"member",  "members",    "employee",    "staff",
                                                   "founder", "co-founder", "shareholder", NULL};
        if (tok_in(d, b - 2, member_words)) return KG_CLASS_ORGANIZATION;
    }
    /* "played for X", "signed with X", "released by X": organisations */
    static const char *const org_verbs[] = {
        "played",      "plays",       "playing",  "signed",   "joined",   "released",
        "published",   "developed",   "animated", "operated", "acquired", "manufactured",
        "distributed", "broadcast",   "aired",    "airs",     "shown",    "sponsored",
        "employed",    "distributes", NULL};
    if (b > sb + 1 && !tok_cap(d, b - 2) && tok_in(d, b - 2, org_verbs) &&
        (tok_is(d, b - 1, "for") || tok_is(d, b - 1, "with") || tok_is(d, b - 1, "by") ||
         tok_is(d, b - 1, "on")))
        return KG_CLASS_ORGANIZATION;
    static const char *const per_before[] = {
        "directed",   "written",  "produced",   "composed", "starring", "featuring", "married",
        "wife",       "husband",  "son",        "daughter", "father",   "mother",    "brother",
        "sister",     "actor",    "actress",    "singer",   "player",   "writer",    "painter",
        "poet",       "novelist", "composer",   "musician", "director", "coach",     "striker",
        "midfielder", "defender", "goalkeeper", "author",   NULL};
    if (b > sb && !tok_cap(d, b - 1) && tok_in(d, b - 1, per_before)) return KG_CLASS_PERSON;
    /* "bassist Peter Hook", "businessman JR Shaw": a person noun before */
    if (b > sb && !tok_cap(d, b - 1) && d->tokens[b - 1].kind == KG_TOK_WORD &&
        (!d->words || tok_upos(d, b - 1) == KG_UPOS_NOUN)) {
        const char *lem = tok_lemma(d, b - 1);
        if (lem && kind_noun(lem) == KG_CLASS_PERSON) return KG_CLASS_PERSON;
    }
    if (b > sb + 1 && tok_is(d, b - 1, "by") && !tok_cap(d, b - 2) && tok_in(d, b - 2, per_before))
        return KG_CLASS_PERSON;
    /* The parse: the subject of "said", "died", "married", "was born";
     * the owner of a wife, a son, a career */
    if (d->words) {
        size_t h = SIZE_MAX;
        for (size_t i = b; i < e; i++) {
            size_t hd = d->words[i].head ? sb + d->words[i].head - 1 : SIZE_MAX;
            if (hd < b || hd >= e) {
                h = i;
                break;
            }
        }
        if (h != SIZE_MAX && d->words[h].head) {
            size_t hd = sb + d->words[h].head - 1;
            const char *lem = tok_lemma(d, hd);
            static const char *const say_verbs[] = {
                "say",      "tell",     "die",     "marry",   "write",   "sing",    "compose",
                "paint",    "graduate", "retire",  "resign",  "explain", "believe", "think",
                "admit",    "insist",   "recall",  "feel",    "hope",    "wish",    "laugh",
                "smile",    "argue",    "star",    "divorce", "study",   "bear",    "recount",
                "remember", "reply",    "declare", "confess", "murder",  "kill",    NULL};
            static const char *const kin[] = {
                "wife",    "husband", "son",         "daughter",    "father", "mother",
                "brother", "sister",  "widow",       "children",    "career", "death",
                "birth",   "parents", "grandfather", "grandmother", "nephew", "niece",
                "uncle",   "aunt",    "cousin",      NULL};
            /* what is done to persons: "Mubarak was ousted" */
            static const char *const person_pass[] = {
                "oust",      "murder",   "assassinate", "arrest", "jail",     "imprison",
                "sentence",  "execute",  "convict",     "elect",  "re-elect", "inaugurate",
                "appoint",   "nominate", "knight",      "crown",  "baptize",  "baptise",
                "marry",     "bury",     "kidnap",      "abduct", "wound",    "injure",
                "interview", "fire",     "sack",        "hire",   "depose",   "exile",
                NULL};
            kg_deprel r = d->words[h].deprel;
            if (lem && (r == KG_DEP_NSUBJ || r == KG_DEP_NSUBJ_PASS)) {
                for (const char *const *v = say_verbs; *v; v++)
                    if (strcmp(*v, lem) == 0) return KG_CLASS_PERSON;
            }
            if (lem && r == KG_DEP_NSUBJ_PASS)
                for (const char *const *v = person_pass; *v; v++)
                    if (strcmp(*v, lem) == 0) return KG_CLASS_PERSON;
            /* "X is an American singer", "X was a village in ...": the
             * noun a name is said to be */
            if (lem && r == KG_DEP_NSUBJ && tok_upos(d, hd) == KG_UPOS_NOUN && !tok_cap(d, hd)) {
                kg_class k = kind_noun(lem);
                if (k != KG_CLASS_THING) return k;
            }
            if (r == KG_DEP_NMOD_POSS && tok_in(d, hd, kin)) return KG_CLASS_PERSON;
        }
    }
    /* "X (born 12 May 1950)", "X (1882 – 1945)", "X (October 22, 1882 - ...)" */
    if (e + 1 < se && tok_is(d, e, "(")) {
        if (tok_is(d, e + 1, "born") || tok_is(d, e + 1, "née") || tok_is(d, e + 1, "b.") ||
            tok_year(d, e + 1) || is_calendar(d, e + 1))
            return KG_CLASS_PERSON;
        if (e + 2 < se && tok_year(d, e + 2) && d->tokens[e + 1].kind == KG_TOK_NUMBER)
            return KG_CLASS_PERSON;
        if (e + 2 < se && is_calendar(d, e + 2)) return KG_CLASS_PERSON;
    }
    return KG_CLASS_THING;
}

/* In an article about sport, a city or region named without a locative
 * preposition before it is its club: "a draw against Wolfsburg", "Bayern
 * beat Mainz". */
static int club_context(const ctx *x, size_t b, size_t e, const kg_gaz_entry *g)
{
    const kg_doc *d = x->d;
    if (!x->sports || (g->cls != KG_GAZ_CITY && g->cls != KG_GAZ_ADMIN_AREA)) return 0;
    size_t s = tok_sentence(d, b), sb = d->sents[s].tok_begin, se = d->sents[s].tok_end;
    if (in_headline(d, b)) return 0;
    static const char *const locative[] = {"in",     "near", "at",   "from",   "outside", "of",
                                           "across", "to",   "into", "around", "inside",  NULL};
    if (b > sb && tok_in(d, b - 1, locative)) return 0;
    if (b > sb + 1 && tok_is(d, b - 1, "the") && tok_in(d, b - 2, locative)) return 0;
    /* "Freiburg, Germany" is the city */
    if (e + 1 < se && tok_is(d, e, ",") && gaz_lookup(x, e + 1, e + 2, NULL)) return 0;
    /* "İzmir-based clubs", "Chhattisgarh cricket team", "the Saarland
     * states": a place that qualifies a noun */
    if (e + 1 < se && tok_is(d, e, "-") && glued(d, e)) return 0;
    if (e < se && d->tokens[e].kind == KG_TOK_WORD && !tok_cap(d, e) && d->words &&
        (tok_upos(d, e) == KG_UPOS_NOUN || tok_upos(d, e) == KG_UPOS_ADJ)) {
        /* but "Wolfsburg striker", "Dortmund fans" are the club's */
        const char *lem = tok_lemma(d, e);
        if (!lem || (kind_noun(lem) != KG_CLASS_PERSON && strcmp(lem, "fan") != 0 &&
                     strcmp(lem, "supporter") != 0))
            return 0;
    }
    return 1;
}

/* Kinds of places in the plural: "the Lindi and Dodoma Regions",
 * "Arkhangelsk and Murmansk Oblasts". */
static const char *const plural_kinds[] = {
    "regions",     "oblasts",        "provinces", "counties",    "districts", "states",
    "prefectures", "rivers",         "islands",   "lakes",       "mountains", "valleys",
    "parishes",    "municipalities", "zones",     "territories", NULL};

/* A club or team: a place and a capitalised plural ("Carolina Panthers",
 * "Edmonton Oilers", "Kansas City Kings"), or, in an article about sport,
 * a name with a city in it ("Werder Bremen", "Borussia Dortmund"). */
static int team_shape(const ctx *x, size_t b, size_t e)
{
    const kg_doc *d = x->d;
    if (e - b < 2 || !x->gz) return 0;
    for (size_t k = e - b - 1 > 3 ? 3 : e - b - 1; k >= 1; k--) {
        kg_gaz_form f;
        const kg_gaz_entry *g = gaz_lookup(x, b, b + k, &f);
        if (!g || f == KG_FORM_DEMONYM) continue;
        kg_class c = kg_class_of_gaz(g->cls);
        if (c != KG_CLASS_CITY && c != KG_CLASS_ADMIN_AREA && c != KG_CLASS_COUNTRY) continue;
        size_t n;
        const char *w = kg_doc_tok(d, e - 1, &n);
        if (tok_in(d, e - 1, plural_kinds)) return 0;
        /* "Paul Langlois" is a person: a first name opens no team but a
         * city's ("Dallas Cowboys") */
        size_t fl;
        const char *fw = kg_doc_tok(d, b, &fl);
        if (c != KG_CLASS_CITY &&
            (kg_gazetteer_person_name(x->gz, fw, fl) & (KG_NAME_MALE | KG_NAME_FEMALE)))
            return 0;
        if (e - b - k == 1 && n > 3 && w[n - 1] == 's' && tok_cap(d, e - 1) &&
            !(kg_gazetteer_person_name(x->gz, w, n) & KG_NAME_SURNAME))
            return 1;
    }
    if (!x->sports) return 0;
    for (size_t i = b; i < e; i++) {
        kg_gaz_form f;
        const kg_gaz_entry *g = gaz_lookup(x, i, i + 1, &f);
        if (g && f != KG_FORM_DEMONYM && kg_class_of_gaz(g->cls) == KG_CLASS_CITY) return 1;
    }
    return 0;
}

/* Is [b, e) the title of a work in quotation marks ("Divine Comedy")? */
static int quoted(const kg_doc *d, size_t b, size_t e)
{
    if (b == 0 || e >= d->n_tokens) return 0;
    const unsigned char *o = (const unsigned char *)d->article->text + d->tokens[b - 1].off;
    const unsigned char *c = (const unsigned char *)d->article->text + d->tokens[e].off;
    int open = *o == '"' || (o[0] == 0xE2 && o[1] == 0x80 && o[2] == 0x9C);
    int close = *c == '"' || (c[0] == 0xE2 && c[1] == 0x80 && c[2] == 0x9D);
    return open && close;
}

/* An acronym that is no organisation: units, currencies, media, terms. */
static const char *const plain_acronyms[] = {
    "GDP",   "GNP",  "USD",  "EUR", "UTC",  "GMT",  "CD",  "CDs", "DVD", "LP",  "EP",  "DNA",
    "RNA",   "GPS",  "CPU",  "GPU", "MBA",  "PHD",  "FM",  "AM",  "TV",  "SUV", "IQ",  "PR",
    "LNG",   "HDMI", "AMSL", "BCE", "CE",   "AD",   "BC",  "MW",  "KW",  "GW",  "MP",  "MPS",
    "CEO",   "CFO",  "CTO",  "VIP", "HIV",  "AIDS", "USB", "PC",  "IT",  "OK",  "ID",  "PDF",
    "URL",   "FAQ",  "RPG",  "FPS", "SAT",  "SUN",  "MON", "TUE", "WED", "THU", "FRI", "LGBT",
    "LGBTQ", "NGO",  "NGOs", "VAT", "CCTV", "ATM",  "IPO", "R&B", "DJ",  "MC",  "UK",  NULL};

/* Is token @p i a common lower-case word and no known name ("Cop",
 * "Divine"; not "Will" or "Smith")? */
static int common_word(const ctx *x, size_t i)
{
    if (!x->gz) return 0;
    size_t n;
    const char *w = kg_doc_tok(x->d, i, &n);
    unsigned nf = kg_gazetteer_person_name(x->gz, w, n);
    return (nf & KG_NAME_WORD) && !(nf & (KG_NAME_MALE | KG_NAME_FEMALE | KG_NAME_SURNAME));
}

/* Kinds of works: a name said to be one is no person's. */
static const char *const work_nouns[] = {
    "film",    "movie",   "series",   "sitcom",  "album", "song",        "single",
    "novel",   "book",    "opera",    "musical", "show",  "programme",   "program",
    "episode", "poem",    "painting", "game",    "video", "documentary", "soundtrack",
    "comedy",  "drama",   "thriller", "sequel",  "EP",    "telenovela",  "manga",
    "anime",   "novella", "magazine", NULL};

/* Is [b, e) a work by its context: "X ( 1930 film )", "X is a 1930 Indian
 * silent film", "X, a novel by ..."? */
static int work_context(const ctx *x, size_t b, size_t e)
{
    const kg_doc *d = x->d;
    size_t se = d->sents[tok_sentence(d, b)].tok_end;
    /* "Oru Vadakkan Selfie ( 2015 )": a year alone in brackets dates a
     * work (a person's brackets hold a birth or a life span) */
    if (e + 2 < se && tok_is(d, e, "(") && tok_year(d, e + 1) && tok_is(d, e + 2, ")")) return 1;
    /* "( 1930 film )", "( film )", "( album )" */
    if (e + 2 < se && tok_is(d, e, "(")) {
        size_t k = e + 1;
        while (k < se && k < e + 5 && !tok_is(d, k, ")") && !tok_in(d, k, work_nouns))
            k++;
        if (k < se && tok_in(d, k, work_nouns) && k + 1 < se && tok_is(d, k + 1, ")")) return 1;
    }
    /* "X, a 1930 film", "X is a 1930 Indian silent film": the first noun
     * after the article */
    size_t k = e;
    /* "Khooni Khanjar ( Fighting Blade ) is a ...": past a gloss */
    if (k < se && tok_is(d, k, "(")) {
        size_t c = k + 1;
        while (c < se && c < k + 10 && !tok_is(d, c, ")"))
            c++;
        if (c < se && tok_is(d, c, ")")) k = c + 1;
    }
    if (k < se && tok_is(d, k, ","))
        k++;
    else if (k < se && (tok_is(d, k, "is") || tok_is(d, k, "was")))
        k++;
    else
        return 0;
    if (k >= se || !(tok_is(d, k, "a") || tok_is(d, k, "an") || tok_is(d, k, "the"))) return 0;
    for (size_t q = k + 1; q < se && q < k + 8; q++) {
        if (d->tokens[q].kind != KG_TOK_WORD && d->tokens[q].kind != KG_TOK_NUMBER &&
            !tok_is(d, q, "-"))
            return 0;
        if (tok_in(d, q, work_nouns) && !tok_cap(d, q)) return 1;
        /* "a singer", "a village in": another kind, or the noun phrase ends */
        const char *lem = tok_lemma(d, q);
        if (lem && !tok_cap(d, q) && kind_noun(lem) != KG_CLASS_THING) return 0;
        if (d->words && (tok_upos(d, q) == KG_UPOS_ADP || tok_upos(d, q) == KG_UPOS_VERB ||
                         tok_upos(d, q) == KG_UPOS_AUX))
            return 0;
    }
    return 0;
}

/* Classify the name chunk [b, e) and record candidates, peeling titles
 * and demonyms from the left. */
static void classify_chunk(ctx *x, uint32_t b, uint32_t e, int sentence_initial)
{
    const kg_doc *d = x->d;
    uint32_t tb = b, te = b;
    int person = 0;
    /* A lower-case title just before the name: "spokesperson Hua Chunying". */
    for (uint32_t k = 3; k >= 1; k--) {
        if (b < k || tok_sentence(d, b - k) != tok_sentence(d, b)) continue;
        if (title_at(x, b - k, b)) {
            tb = b - k;
            te = b;
            person = 1;
            break;
        }
    }
    /* an acronym the document introduced wins over everything */
    {
        size_t n, acr;
        const char *s = span(d, b, e, &n);
        if (e - b == 1 && kg_strmap_get(&x->acronyms, s, n, &acr)) {
            cand *c = &x->c[acr];
            add_cand(x, b, e, KG_MENTION_ACRONYM, c->cls, c->strength, c->gaz, tb, te);
            free(x->c[x->n - 1].name);
            x->c[x->n - 1].name = kg_xstrndup(x->c[acr].name, strlen(x->c[acr].name));
            return;
        }
    }
    /* "the series Coronation Street", "the album Mad World": a work */
    {
        if (b > 0 && tok_sentence(d, b - 1) == tok_sentence(d, b) && !tok_cap(d, b - 1) &&
            tok_in(d, b - 1, work_nouns) && !gaz_lookup(x, b, e, NULL)) {
            add_cand(x, b, e, KG_MENTION_NAME, KG_CLASS_THING, EV_CUE, NULL, tb, te);
            return;
        }
    }
    /* "Leader of the Labour Party", "Judge of the Supreme Court of
     * Ceylon": a title of something names that thing, not a person */
    for (uint32_t k = e - b - 2 < 4 ? e - b - 2 : 4; k >= 1 && e - b > 2; k--) {
        if (!tok_is(d, b + k, "of") || tok_cap(d, b + k) || !title_at(x, b, b + k)) continue;
        uint32_t r = b + k + 1;
        while (r < e && tok_is(d, r, "the"))
            r++;
        size_t before = x->n;
        if (r < e) classify_chunk(x, r, e, 0);
        /* "King of Joseon", "chief of Clan Donald": what the title is of
         * has the title's kind when nothing else says */
        const kg_gaz_title *t = title_at(x, b, b + k);
        if (t && t->relation && x->n == before + 1 && x->c[before].b == r &&
            x->c[before].cls == KG_CLASS_THING && x->c[before].strength <= EV_GUESS &&
            x->c[before].kind == KG_MENTION_NAME) {
            x->c[before].cls = kg_class_of_gaz(t->target);
            x->c[before].strength = EV_TITLE;
        }
        return;
    }
    /* "Chidi Odinkalu of the Nigerian Human Rights Commission": a person
     * of an organisation is two names */
    for (uint32_t i = b + 2; i + 1 < e; i++) {
        if (tok_cap(d, i) || !(tok_is(d, i, "of") || tok_is(d, i, "for") || tok_is(d, i, "at")))
            continue;
        int cued = 0; /* "Royal Swedish Academy of Sciences" is one name */
        for (uint32_t j = b; j < i && !cued; j++)
            cued = cue_at(x, j, j + 1, KG_CUE_PREFIX | KG_CUE_SUFFIX) != NULL;
        if (!cued && !gaz_lookup(x, b, e, NULL) &&
            (person_shape(x, b, i) || person_evidence(x, b, i))) {
            uint32_t r = i + 1;
            while (r < e && tok_is(d, r, "the"))
                r++;
            classify_chunk(x, b, i, sentence_initial);
            if (r < e) classify_chunk(x, r, e, 0);
            return;
        }
        break;
    }
    /* "Kotayk Province of Armenia", "Samarqand Region of Uzbekistan": a
     * place named with its kind, then the country or region it is in */
    for (uint32_t i = b + 2; i + 1 < e; i++) {
        if (!tok_is(d, i, "of") || tok_cap(d, i)) continue;
        const kg_gaz_cue *cue = cue_at(x, i - 1, i, KG_CUE_SUFFIX);
        uint32_t r = i + 1;
        while (r < e && tok_is(d, r, "the"))
            r++;
        if (cue && kg_class_family(kg_class_of_gaz(cue->cls)) == KG_FAMILY_PLACE && r < e &&
            place_above(x, r, e) && !gaz_lookup(x, b, e, NULL)) {
            classify_chunk(x, b, i, sentence_initial);
            classify_chunk(x, r, e, 0);
            return;
        }
        break;
    }
    /* "the U.S.-Mexico border", "Franco-Spanish": two places joined by a
     * hyphen are two names */
    for (uint32_t i = b + 1; i + 1 < e; i++) {
        if (!tok_is(d, i, "-") || !glued(d, i)) continue;
        if (gaz_lookup(x, b, e, NULL)) break;
        const kg_gaz_entry *l = gaz_lookup(x, b, i, NULL), *r = gaz_lookup(x, i + 1, e, NULL);
        if (l && r && kg_class_family(kg_class_of_gaz(l->cls)) == KG_FAMILY_PLACE &&
            kg_class_family(kg_class_of_gaz(r->cls)) == KG_FAMILY_PLACE) {
            classify_chunk(x, b, i, sentence_initial);
            classify_chunk(x, i + 1, e, 0);
            return;
        }
        break;
    }
    int titled = 0; /* a capitalised title opened the chunk */
    while (b < e) {
        kg_gaz_form form = KG_FORM_NAME;
        const kg_gaz_entry *g = gaz_lookup(x, b, e, &form);
        /* "Queen Victoria", "Saint Paul": after a title a place name is a
         * person's */
        if (g && titled && form == KG_FORM_NAME &&
            kg_class_family(kg_class_of_gaz(g->cls)) == KG_FAMILY_PLACE)
            break;
        if (g) {
            kg_mention_kind kind = form == KG_FORM_DEMONYM ? KG_MENTION_DEMONYM : KG_MENTION_NAME;
            if (kind == KG_MENTION_DEMONYM && language_use(x, b, e)) return;
            if (kind == KG_MENTION_NAME && club_context(x, b, e, g)) {
                add_cand(x, b, e, KG_MENTION_NAME, KG_CLASS_SPORTS_TEAM, EV_GAZ, NULL, tb, te);
                x->c[x->n - 1].team = 1;
                return;
            }
            add_cand(x, b, e, kind, kg_class_of_gaz(g->cls), EV_GAZ, g, tb, te);
            return;
        }
        /* Cue words: "... Industrial Park", "... Province", "Ministry of ..." */
        for (uint32_t k = e - b > 3 ? 3 : e - b - 1; k >= 1 && e - b > 1; k--) {
            const kg_gaz_cue *cue = cue_at(x, e - k, e, KG_CUE_SUFFIX);
            if (!cue) cue = cue_at(x, b, b + k, KG_CUE_PREFIX);
            if (cue) {
                /* "Jiangsu Province": a known place with a kind word after it */
                kg_class cc = kg_class_of_gaz(cue->cls);
                const kg_gaz_entry *rest = cc == KG_CLASS_ADMIN_AREA || cc == KG_CLASS_CITY
                                               ? gaz_lookup(x, b, e - k, NULL)
                                               : NULL;
                if (rest && kg_class_family(kg_class_of_gaz(rest->cls)) == KG_FAMILY_PLACE)
                    add_cand(x, b, e, KG_MENTION_NAME, kg_class_of_gaz(rest->cls), EV_GAZ, rest, tb,
                             te);
                else
                    add_cand(x, b, e, KG_MENTION_NAME, cc, EV_CUE, NULL, tb, te);
                /* "Hamburg Police", "China Development Bank": the place the
                 * organisation's name opens with */
                if (!rest && kg_class_family(cc) == KG_FAMILY_ORGANIZATION && e - b - k >= 1) {
                    kg_gaz_form pf;
                    for (uint32_t j = e - b - k > 3 ? 3 : e - b - k; j >= 1; j--) {
                        const kg_gaz_entry *pl = gaz_lookup(x, b, b + j, &pf);
                        if (pl && kg_class_family(kg_class_of_gaz(pl->cls)) == KG_FAMILY_PLACE) {
                            x->c[x->n - 1].origin = pl;
                            break;
                        }
                    }
                }
                return;
            }
        }
        /* "State Highway 35", "Pier 39": a cue before a number */
        if (e - b >= 2 && d->tokens[e - 1].kind == KG_TOK_NUMBER) {
            const kg_gaz_cue *cue = cue_at(x, e - 2, e - 1, KG_CUE_SUFFIX);
            if (cue) {
                add_cand(x, b, e, KG_MENTION_NAME, kg_class_of_gaz(cue->cls), EV_CUE, NULL, tb, te);
                return;
            }
        }
        /* A cue word before "of": "Berklee College of Music", "Cathedral
         * of the Diocese of Guarenas", "War of the Spanish Succession" */
        for (uint32_t i = b; i + 2 < e; i++) {
            if (tok_cap(d, i + 1) || !(tok_is(d, i + 1, "of") || tok_is(d, i + 1, "for"))) continue;
            const kg_gaz_cue *cue = cue_at(x, i, i + 1, KG_CUE_PREFIX | KG_CUE_SUFFIX);
            if (!cue && i > b) cue = cue_at(x, i - 1, i + 1, KG_CUE_PREFIX | KG_CUE_SUFFIX);
            if (cue) {
                add_cand(x, b, e, KG_MENTION_NAME, kg_class_of_gaz(cue->cls), EV_CUE, NULL, tb, te);
                return;
            }
        }
        /* a lone cue word ("Ministry") or a title ("Prime Minister") is a
         * description, not a name */
        if (e - b == 1 && cue_at(x, b, e, KG_CUE_PREFIX | KG_CUE_SUFFIX)) return;
        if (e - b <= 4 && title_at(x, b, e)) return;
        /* A title opens the chunk: "Chancellor Angela Merkel". */
        int peeled = 0;
        for (uint32_t k = e - b > 3 ? 3 : e - b - 1; k >= 1 && e - b > 1; k--) {
            if (title_at(x, b, b + k)) {
                if (te == tb) tb = b;
                te = b + k;
                b += k;
                person = 1;
                peeled = 1;
                titled = 1;
                break;
            }
        }
        /* "President of the United States": what follows "of" is what
         * the title is of, not the person's name */
        if (peeled && b < e && !tok_cap(d, b) && tok_in(d, b, connectors)) {
            uint32_t r = b + 1;
            while (r < e && tok_is(d, r, "the"))
                r++;
            if (r < e) classify_chunk(x, r, e, 0);
            return;
        }
        if (peeled) continue;
        /* "a U.S. Representative", "the British Prime Minister": a place
         * before a title that closes the chunk */
        for (uint32_t k = 1; k <= 3 && k < e - b && e - b - k <= 4 && !peeled; k++) {
            if (!title_at(x, b + k, e)) continue;
            const kg_gaz_entry *pl = gaz_lookup(x, b, b + k, &form);
            if (!pl || kg_class_family(kg_class_of_gaz(pl->cls)) != KG_FAMILY_PLACE) continue;
            add_cand(x, b, b + k, form == KG_FORM_DEMONYM ? KG_MENTION_DEMONYM : KG_MENTION_NAME,
                     kg_class_of_gaz(pl->cls), EV_GAZ, pl, b, b);
            return;
        }
        /* What a title qualifies opens the chunk: "US President Barack Obama",
         * "Adidas CEO Herbert Hainer".  A name the gazetteer or a cue does
         * not type takes the kind the title asks for. */
        for (uint32_t k = 1; k <= 3 && k + 1 < e - b && !peeled; k++) {
            for (uint32_t j = e - b - k - 1 > 4 ? 4 : e - b - k - 1; j >= 1; j--) {
                const kg_gaz_title *t = title_at(x, b + k, b + k + j);
                if (!t) continue;
                const kg_gaz_entry *pl = gaz_lookup(x, b, b + k, &form);
                if (pl) {
                    add_cand(x, b, b + k,
                             form == KG_FORM_DEMONYM ? KG_MENTION_DEMONYM : KG_MENTION_NAME,
                             kg_class_of_gaz(pl->cls), EV_GAZ, pl, b, b);
                } else if (t->relation) {
                    const kg_gaz_cue *cue = cue_at(x, b + k - 1, b + k, KG_CUE_SUFFIX);
                    kg_class cc = cue ? kg_class_of_gaz(cue->cls) : kg_class_of_gaz(t->target);
                    add_cand(x, b, b + k, KG_MENTION_NAME, cc, cue ? EV_CUE : EV_TITLE, NULL, b, b);
                } else {
                    continue;
                }
                b += k;
                tb = b;
                peeled = 1;
                break;
            }
        }
        if (peeled) continue;
        /* A demonym opens the chunk: "German Chancellor ...". */
        if (e - b > 1) {
            g = gaz_lookup(x, b, b + 1, &form);
            /* "Finn Knutsen": a demonym that is also a first name, before
             * one unknown capitalised word, opens a person's name */
            if (g && form == KG_FORM_DEMONYM && e - b == 2 && x->gz && tok_cap(d, b + 1) &&
                !gaz_lookup(x, b + 1, e, NULL) && !title_at(x, b + 1, e) &&
                !cue_at(x, b + 1, e, KG_CUE_PREFIX | KG_CUE_SUFFIX)) {
                size_t fnl;
                const char *fn = kg_doc_tok(d, b, &fnl);
                if (kg_gazetteer_person_name(x->gz, fn, fnl) & (KG_NAME_MALE | KG_NAME_FEMALE))
                    g = NULL;
            }
            if (g && form == KG_FORM_DEMONYM) {
                /* "American Institute for ...", "Chinese Foreign Ministry": a
                 * demonym that opens an organisation's name stays in it */
                for (uint32_t k = e - b - 1 > 3 ? 3 : e - b - 1; k >= 1; k--) {
                    const kg_gaz_cue *cue = cue_at(x, b + 1, b + 1 + k, KG_CUE_PREFIX);
                    if (!cue) cue = cue_at(x, e - k, e, KG_CUE_SUFFIX);
                    kg_class cc = cue ? kg_class_of_gaz(cue->cls) : KG_CLASS_THING;
                    /* "Dutch Republic", "Spanish Empire": a polity too */
                    static const char *const polities[] = {"Republic",      "Empire",    "Kingdom",
                                                           "Caliphate",     "Sultanate", "Khanate",
                                                           "Confederation", NULL};
                    if (e - b == 2 && tok_in(d, e - 1, polities)) {
                        add_cand(x, b, e, KG_MENTION_NAME, KG_CLASS_PLACE, EV_CUE, NULL, tb, te);
                        x->c[x->n - 1].origin = g;
                        return;
                    }
                    if (kg_class_family(cc) == KG_FAMILY_ORGANIZATION) {
                        add_cand(x, b, e, KG_MENTION_NAME, cc, EV_CUE, NULL, tb, te);
                        x->c[x->n - 1].origin = g;
                        return;
                    }
                }
                add_cand(x, b, b + 1, KG_MENTION_DEMONYM, kg_class_of_gaz(g->cls), EV_GAZ, g, b, b);
                tb = b;
                b++;
                continue;
            }
        }
        break;
    }
    if (b >= e) return;
    /* "Anis Muhsin of the Institute for Palestine Studies": a person's name
     * ends before a lower-case connector; what follows is a name of its own */
    {
        uint32_t i0 = b + 1;
        while (i0 + 1 < e && !(tok_in(d, i0, clause_connectors) && !tok_cap(d, i0)))
            i0++;
        if (i0 + 1 < e && !person && !person_evidence(x, b, e) && person_shape(x, b, i0))
            person = 1;
    }
    if (person || person_evidence(x, b, e)) {
        for (uint32_t i = b + 1; i + 1 < e; i++) {
            if (tok_in(d, i, clause_connectors) && !tok_cap(d, i)) {
                uint32_t r = i + 1;
                while (r < e && tok_is(d, r, "the"))
                    r++;
                if (r < e) classify_chunk(x, r, e, 0);
                e = i;
                break;
            }
        }
    }
    if (person) {
        add_cand(x, b, e, KG_MENTION_NAME, KG_CLASS_PERSON, EV_TITLE, NULL, tb, te);
        return;
    }
    /* a capitalised first word is a name when the tagger says so, or when
     * the sentence says what it is ("Aino is a figure in ...") */
    if (sentence_initial && e - b == 1 && !initial_word_is_name(x, b) &&
        (common_word(x, b) || context_class(x, b, e) == KG_CLASS_THING))
        return;
    /* "Drummer Lars Ulrich", "Legendary Dolly Parton": a capitalised
     * common word before a person's name is no part of it */
    if (e - b >= 3 && x->gz && d->tokens[b].kind == KG_TOK_WORD) {
        size_t n;
        const char *w = kg_doc_tok(d, b, &n);
        unsigned nf = kg_gazetteer_person_name(x->gz, w, n);
        if ((nf & KG_NAME_WORD) && !(nf & (KG_NAME_MALE | KG_NAME_FEMALE | KG_NAME_SURNAME)) &&
            !gaz_lookup(x, b, e, NULL) &&
            (person_evidence(x, b + 1, e) || person_shape(x, b + 1, e))) {
            if (te == tb) tb = b;
            te = b + 1;
            b++;
        }
    }
    /* Shape: two or three capitalised words without digits are most often a
     * person's name in news; anything else stays untyped. */
    int words_only = 1;
    for (uint32_t i = b; i < e; i++)
        if ((d->tokens[i].kind != KG_TOK_WORD && !(tok_is(d, i, "-") && glued(d, i))) ||
            (d->tokens[i].flags & KG_TOKF_ALL_UPPER) ||
            (tok_in(d, i, connectors) && !tok_cap(d, i)))
            words_only = 0;
    /* 'Wilfried "Willi" Schneider': a nickname in quotes marks a person */
    for (uint32_t i = b + 1; i + 3 < e; i++)
        if (tok_is(d, i, "\"") && tok_is(d, i + 2, "\"")) {
            add_cand(x, b, e, KG_MENTION_NAME, KG_CLASS_PERSON, EV_CUE, NULL, tb, te);
            return;
        }
    if (e - b >= 2 && roman_numeral(d, e - 1) && tok_cap(d, e - 2) && !common_word(x, e - 2)) {
        add_cand(x, b, e, KG_MENTION_NAME, KG_CLASS_PERSON, EV_CUE, NULL, tb, te);
        return;
    }
    /* "the band Flor-de-Lis", "the Florida group The Royal Guardsmen": a
     * kind noun right before the name (past its article) says its kind,
     * whatever its shape */
    {
        uint32_t k = b;
        if (k > 0 && tok_is(d, k - 1, "the") && tok_cap(d, k - 1)) k--;
        if (k > 0 && tok_sentence(d, k - 1) == tok_sentence(d, b) && !tok_cap(d, k - 1) &&
            d->tokens[k - 1].kind == KG_TOK_WORD && d->words &&
            (tok_upos(d, k - 1) == KG_UPOS_NOUN || tok_upos(d, k - 1) == KG_UPOS_PROPN) &&
            !title_at(x, k - 1, k)) {
            /* the tagger may call "band" a proper noun "Band" */
            char low[32];
            size_t ln;
            const char *lw = kg_doc_tok(d, k - 1, &ln);
            const char *lem = tok_lemma(d, k - 1);
            if (d->words && tok_upos(d, k - 1) == KG_UPOS_PROPN && ln < sizeof low) {
                for (size_t q = 0; q < ln; q++)
                    low[q] = (char)tolower((unsigned char)lw[q]);
                low[ln] = '\0';
                lem = low;
            }
            kg_class kc = lem ? kind_noun(lem) : KG_CLASS_THING;
            if (kc == KG_CLASS_ORGANIZATION || kc == KG_CLASS_PLACE) {
                add_cand(x, b, e, KG_MENTION_NAME, kc, EV_CONTEXT, NULL, tb, te);
                return;
            }
        }
    }
    /* "USS Israel", "HMS Victory", "SS Katoomba": ships */
    static const char *const ship_prefixes[] = {"USS", "HMS",  "SS",    "MV",   "HMAS", "HMAT",
                                                "RMS", "HMCS", "HMNZS", "USNS", NULL};
    if (quoted(d, b, e) || work_context(x, b, e) || (e - b >= 2 && tok_in(d, b, ship_prefixes))) {
        add_cand(x, b, e, KG_MENTION_NAME, KG_CLASS_THING, EV_CONTEXT, NULL, tb, te);
        return;
    }
    if (e - b >= 2 && tok_in(d, e - 1, plural_kinds) && tok_cap(d, e - 1)) {
        add_cand(x, b, e, KG_MENTION_NAME, KG_CLASS_PLACE, EV_CUE, NULL, tb, te);
        return;
    }
    if (team_shape(x, b, e)) {
        add_cand(x, b, e, KG_MENTION_NAME, KG_CLASS_SPORTS_TEAM, EV_CUE, NULL, tb, te);
        return;
    }
    if (e - b == 1 && (d->tokens[b].flags & KG_TOKF_ALL_UPPER) && d->tokens[b].len >= 3 &&
        d->tokens[b].len <= 6 && !tok_in(d, b, plain_acronyms) && !in_headline(d, b)) {
        size_t n;
        const char *w = kg_doc_tok(d, b, &n);
        int letters = 1;
        for (size_t k = 0; k < n; k++)
            if (!isupper((unsigned char)w[k]) && w[k] != '&') letters = 0;
        if (letters) {
            add_cand(x, b, e, KG_MENTION_NAME, KG_CLASS_ORGANIZATION, EV_GUESS, NULL, tb, te);
            return;
        }
    }
    /* "OMV of Austria", "Transgaz of Romania": a name, then the place it
     * is of */
    for (uint32_t i = b + 1; i + 1 < e; i++) {
        if (!tok_is(d, i, "of") || tok_cap(d, i)) continue;
        const kg_gaz_entry *pl = gaz_lookup(x, i + 1, e, NULL);
        if (pl && kg_class_family(kg_class_of_gaz(pl->cls)) == KG_FAMILY_PLACE) {
            classify_chunk(x, b, i, 0);
            classify_chunk(x, i + 1, e, 0);
            return;
        }
        break;
    }
    kg_class cc = words_only ? context_class(x, b, e) : KG_CLASS_THING;
    /* "Experts said", "Critics say": a common word is no name */
    if (e - b == 1 && x->gz) {
        size_t n;
        const char *w = kg_doc_tok(d, b, &n);
        unsigned nf = kg_gazetteer_person_name(x->gz, w, n);
        if ((nf & KG_NAME_WORD) && !(nf & (KG_NAME_MALE | KG_NAME_FEMALE | KG_NAME_SURNAME)) &&
            (b == d->sents[tok_sentence(d, b)].tok_begin || in_headline(d, b) ||
             d->tokens[b - 1].kind == KG_TOK_PUNCT ||
             (d->tokens[b].flags & KG_TOKF_NEWLINE_BEFORE)))
            return;
    }
    if (words_only && e - b <= 3 && person_evidence(x, b, e) &&
        (e - b >= 2 || (d->words && tok_upos(d, b) == KG_UPOS_PROPN)) &&
        kg_class_family(cc) != KG_FAMILY_PLACE)
        add_cand(x, b, e, KG_MENTION_NAME, KG_CLASS_PERSON, EV_GUESS, NULL, tb, te);
    else if (cc != KG_CLASS_THING)
        add_cand(x, b, e, KG_MENTION_NAME, cc, EV_CONTEXT, NULL, tb, te);
    else if (person_shape(x, b, e))
        add_cand(x, b, e, KG_MENTION_NAME, KG_CLASS_PERSON, EV_GUESS, NULL, tb, te);
    else
        add_cand(x, b, e, KG_MENTION_NAME, KG_CLASS_THING, EV_GUESS, NULL, tb, te);
}

/* An acronym in brackets after a name: "Ministry of Commerce (MOFCOM)". */
static uint32_t take_acronym(ctx *x, uint32_t e, uint32_t end)
{
    const kg_doc *d = x->d;
    if (!x->n || x->c[x->n - 1].e != e || e + 2 >= end || !tok_is(d, e, "(") ||
        !tok_is(d, e + 2, ")") || !(d->tokens[e + 1].flags & KG_TOKF_ALL_UPPER))
        return e;
    size_t n;
    const char *s = kg_doc_tok(d, e + 1, &n);
    if (n < 2 || n > 12) return e;
    size_t owner = x->n - 1;
    /* "European Economic Community (EEC)": an unknown name of several
     * words that brings its acronym is an organisation's, most often */
    cand *o = &x->c[owner];
    if (o->cls == KG_CLASS_THING && o->strength <= EV_GUESS && o->e - o->b >= 2 &&
        o->kind == KG_MENTION_NAME) {
        int caps = 1;
        for (size_t k = 0; k < n; k++)
            if (!isupper((unsigned char)s[k])) caps = 0;
        if (caps) o->cls = KG_CLASS_ORGANIZATION;
    }
    cand c = x->c[owner];
    c.b = e + 1;
    c.e = e + 2;
    c.kind = KG_MENTION_ACRONYM;
    c.tb = c.te = 0;
    c.name = kg_xstrndup(x->c[owner].name, strlen(x->c[owner].name));
    KG_PUSH(x->c, x->n, x->cap, c);
    kg_strmap_put(&x->acronyms, s, n, owner);
    return e + 3;
}

/* A name that goes on after a hyphen at @p e: "-Jan", "-Westphalia",
 * "-au-Prince" (one lower-case particle between two hyphens).  @return
 * the new end of the chunk, or @p e. */
static uint32_t glued_hyphen(const ctx *x, uint32_t e, uint32_t end)
{
    const kg_doc *d = x->d;
    if (e + 1 >= end || !tok_is(d, e, "-") || !glued(d, e)) return e;
    if (name_token(x, e + 1)) return e + 2;
    /* "Kim Won-yong", "Prayut Chan-o-cha": a lower-case part the article
     * never writes alone ("Merkel-led" and "Berlin-based" stay apart) */
    if (d->tokens[e + 1].kind == KG_TOK_WORD && d->tokens[e + 1].len < 16) {
        static const char *const suffixes[] = {
            "led",      "based",    "born",     "backed",   "style",      "owned",     "run",
            "like",     "speaking", "language", "era",      "controlled", "dominated", "funded",
            "made",     "related",  "type",     "bound",    "oriented",   "friendly",  "held",
            "occupied", "allied",   "linked",   "produced", "inspired",   "centric",   NULL};
        size_t n;
        const char *w = kg_doc_tok(d, e + 1, &n);
        if (!tok_in(d, e + 1, suffixes) && !kg_strmap_get(&x->lower, w, n, NULL) &&
            tok_cap(d, e - 1) && !(d->tokens[e - 1].flags & KG_TOKF_ALL_UPPER))
            return e + 2;
    }
    if (e + 3 < end && d->tokens[e + 1].kind == KG_TOK_WORD && d->tokens[e + 1].len <= 4 &&
        tok_is(d, e + 2, "-") && glued(d, e + 2) && name_token(x, e + 3))
        return e + 4;
    return e;
}

/* Credits of the news agencies a story draws on are no mentions:
 * "mz/msh (AP, AFP, dpa)", "(Reuters, AFP)" closing a paragraph.  Is
 * token @p i inside such a bracket? */
static int credit_bracket(const ctx *x, size_t i, size_t end)
{
    const kg_doc *d = x->d;
    if (i >= end || i >= d->n_tokens) return 0; // an empty chunk (found by fuzz/fuzz_pipeline)
    size_t o = i, c = i;
    while (o > 0 && o + 8 > i && !tok_is(d, o, "(") && !tok_is(d, o, ")"))
        o--;
    if (!tok_is(d, o, "(")) return 0;
    while (c < end && c < i + 12 && !tok_is(d, c, ")") && !tok_is(d, c, "("))
        c++;
    if (c >= end || !tok_is(d, c, ")")) return 0;
    /* initials and a slash before the bracket: "mz/msh (AP, AFP)" */
    if (o >= 2 && tok_is(d, o - 2, "/")) return 1;
    /* the bracket ends the paragraph and names only news agencies */
    int last = c + 1 >= d->n_tokens || (d->tokens[c + 1].flags & KG_TOKF_NEWLINE_BEFORE) ||
               (c + 2 >= d->n_tokens && d->tokens[c + 1].kind == KG_TOK_PUNCT);
    if (!last || !x->gz) return 0;
    for (size_t k = o + 1; k < c; k++) {
        if (tok_is(d, k, ",") || tok_is(d, k, "/") || tok_is(d, k, "and")) continue;
        size_t n;
        const char *s = kg_doc_tok(d, k, &n);
        const kg_gaz_entry *const *hits;
        if (!kg_gazetteer_lookup(x->gz, s, n, &hits, NULL) || hits[0]->cls != KG_GAZ_NEWS_ORG)
            return 0;
    }
    return 1;
}

/* A line of its own whose words are nearly all capitalised and which ends
 * without a full stop: a headline ("Proposed Nabucco Gas Pipeline Gets
 * European Bank Backing"), where capitals mark no names. */
static int title_case_line(const kg_doc *d, size_t s)
{
    size_t b = d->sents[s].tok_begin, e = d->sents[s].tok_end;
    if (b >= e) return 0;
    if (b > 0 && !(d->tokens[b].flags & KG_TOKF_NEWLINE_BEFORE)) return 0;
    if (e < d->n_tokens && !(d->tokens[e].flags & KG_TOKF_NEWLINE_BEFORE)) return 0;
    if (tok_is(d, e - 1, ".")) return 0;
    size_t words = 0, caps = 0;
    for (size_t i = b; i < e; i++) {
        if (d->tokens[i].kind != KG_TOK_WORD || d->tokens[i].len < 4) continue;
        words++;
        if (tok_cap(d, i)) caps++;
    }
    return words >= 3 && caps * 4 >= words * 3;
}

/* In a headline only what the gazetteer knows is a name: the longest
 * known span at each word. */
static void headline_names(ctx *x, size_t s)
{
    const kg_doc *d = x->d;
    size_t maxw = x->gz ? kg_gazetteer_max_words(x->gz) : 0;
    uint32_t i = d->sents[s].tok_begin, end = d->sents[s].tok_end;
    while (i < end) {
        uint32_t best = 0;
        if (tok_cap(x->d, i))
            for (uint32_t k = (uint32_t)(maxw < end - i ? maxw : end - i); k >= 1; k--) {
                if (!tok_cap(d, i + k - 1)) continue;
                if (gaz_lookup(x, i, i + k, NULL)) {
                    best = k;
                    break;
                }
            }
        if (best) {
            classify_chunk(x, i, i + best, 0);
            i += best;
        } else {
            i++;
        }
    }
}

/* Does a name of its own follow "and" at @p i: a known place ("Duchess
 * of Cornwall and York", "for Leicester Tigers and England") or a first
 * name ("Lord of Beauvoir and Marguerite of Enghien")? */
static int conjunct_name(const ctx *x, size_t i, size_t end)
{
    if (!x->gz) return 0;
    size_t n;
    const char *w = kg_doc_tok(x->d, i, &n);
    int alone = i + 1 >= end || !name_token(x, i + 1);
    const kg_gaz_entry *g = alone ? gaz_lookup(x, i, i + 1, NULL) : NULL;
    if (g && kg_class_family(kg_class_of_gaz(g->cls)) == KG_FAMILY_PLACE) return 1;
    unsigned nf = kg_gazetteer_person_name(x->gz, w, n);
    return (nf & (KG_NAME_MALE | KG_NAME_FEMALE)) && !(nf & KG_NAME_WORD);
}

static void find_chunks(ctx *x)
{
    const kg_doc *d = x->d;
    for (size_t s = 0; s < d->n_sents; s++) {
        uint32_t i = d->sents[s].tok_begin, end = d->sents[s].tok_end;
        if (title_case_line(d, s)) {
            headline_names(x, s);
            continue;
        }
        while (i < end) {
            if (!name_token(x, i)) {
                i++;
                continue;
            }
            uint32_t b = i, e = i + 1;
            for (;;) {
                if (e < end && name_token(x, e)) {
                    e++;
                    continue;
                }
                /* a hyphen written without spaces joins the parts of one
                 * name: "Klaas-Jan Huntelaar", "North Rhine-Westphalia",
                 * "Port-au-Prince" */
                uint32_t h = glued_hyphen(x, e, end);
                if (h > e) {
                    e = h;
                    continue;
                }
                /* connectors join two capitalised parts: "Bank of the West" */
                uint32_t k = e;
                while (k < end && k - e < 2 && (tok_in(d, k, connectors) || tok_is(d, k, "the")))
                    k++;
                if (k > e && k < end && name_token(x, k) && !tok_is(d, e, "the")) {
                    e = k + 1;
                    continue;
                }
                /* "Hasan al-Momani", "Abdel Fattah el-Sisi" */
                if (e + 2 < end && tok_in(d, e, connectors) && !tok_cap(d, e) &&
                    tok_is(d, e + 1, "-") && glued(d, e + 1) && name_token(x, e + 2)) {
                    e += 3;
                    continue;
                }
                /* 'James Llewellyn "Jimmy" Frise': a nickname in quotes
                 * inside a person's name */
                if (e + 3 < end && tok_is(d, e, "\"") && name_token(x, e + 1) &&
                    tok_is(d, e + 2, "\"") && name_token(x, e + 3) && tok_cap(d, e - 1) &&
                    d->tokens[e - 1].kind == KG_TOK_WORD) {
                    e += 4;
                    continue;
                }
                /* "Jan D. Walter": an initial inside a name */
                if (e + 1 < end && d->tokens[e].len == 2 && tok_cap(d, e) &&
                    d->article->text[d->tokens[e].off + 1] == '.' && name_token(x, e + 1)) {
                    e += 2;
                    continue;
                }
                /* "Bank for Reconstruction and Development", "Chamber of
                 * Industry and Commerce": "and" inside an "of" or "for"
                 * phrase */
                if (e + 1 < end && (tok_is(d, e, "and") || tok_is(d, e, "&")) &&
                    name_token(x, e + 1) && e - b >= 3 && !conjunct_name(x, e + 1, end) &&
                    (tok_is(d, e - 2, "of") || tok_is(d, e - 2, "for") ||
                     (e - b >= 4 && (tok_is(d, e - 3, "of") || tok_is(d, e - 3, "for"))))) {
                    e += 2;
                    continue;
                }
                break;
            }
            /* "Henry VIII", "Constantine I of Greece": a regnal number */
            if (e < end && roman_numeral(d, e) && tok_cap(d, e - 1) &&
                !(d->tokens[e - 1].flags & KG_TOKF_ALL_UPPER) &&
                (!tok_is(d, e, "I") || e + 1 >= end || d->tokens[e + 1].kind == KG_TOK_PUNCT ||
                 tok_is(d, e + 1, "of")))
                e++;
            /* "State Highway 35", "Interstate 95", "U.S. Route 20": a road
             * and its number */
            {
                static const char *const roads[] = {"highway", "route",    "interstate", "road",
                                                    "freeway", "motorway", "expressway", "autobahn",
                                                    "line",    NULL};
                if (e < end && tok_in(d, e - 1, roads) && d->tokens[e].kind == KG_TOK_NUMBER) e++;
            }
            /* "Gauteng province", "Rogaland county": a known place and its
             * kind in lower case */
            if (e < end && !tok_cap(d, e) && tok_in(d, e, kind_words) &&
                gaz_lookup(x, b, e + 1, NULL))
                e++;
            /* "The Hague", "The Gambia": the article belongs to the name */
            if (b > d->sents[s].tok_begin && tok_is(d, b - 1, "the") &&
                gaz_lookup(x, b - 1, e, NULL))
                b--;
            /* "Joining SC Freiburg in 2016, ...": a verb that opens the
             * sentence opens no name */
            if (b == d->sents[s].tok_begin && e - b > 1 && d->words &&
                (tok_upos(d, b) == KG_UPOS_VERB || tok_upos(d, b) == KG_UPOS_ADP) &&
                !gaz_lookup(x, b, e, NULL))
                b++;
            uint32_t b0 = b;
            int keep_article = tok_is(d, b, "the") && gaz_lookup(x, b, e, NULL);
            while (!keep_article && b < e && tok_in(d, b, function_words))
                b++;
            if (b >= e || signoff(x, b, e, end) || credit_bracket(x, b, end)) {
                i = e;
                continue;
            }
            int initial = b0 == d->sents[s].tok_begin && b == b0;
            /* "Later MOFCOM ...": a capitalised first word before a known
             * name is an ordinary word. */
            if (initial && e - b > 1 && !gaz_lookup(x, b, e, NULL) && !initial_word_is_name(x, b) &&
                known_name(x, b + 1, e)) {
                b++;
                initial = 0;
            }
            if (b < e) classify_chunk(x, b, e, initial);
            i = take_acronym(x, e, end);
        }
    }
}

/* ------------------------------------------------------------------ */
/* Entities                                                           */
/* ------------------------------------------------------------------ */

static void attach_gaz(kg_graph *g, size_t ent, const kg_gaz_entry *gaz)
{
    if (!gaz) return;
    if (gaz->code) kg_graph_code(g, ent, gaz->code);
    if (gaz->parent) kg_graph_parent(g, ent, gaz->parent);
    for (size_t i = 0; i < gaz->n_labels; i++)
        kg_graph_label(g, ent, gaz->labels[i].lang, gaz->labels[i].text);
}

/* "German Foreign Ministry": the organisation is in Germany, and a
 * government body is the country's agency (ministry). */
static void origin_fact(kg_doc *d, size_t org, const kg_gaz_entry *place, size_t sent, size_t b,
                        size_t e)
{
    size_t p =
        kg_graph_entity(d->graph, kg_class_of_gaz(place->cls), place->name, strlen(place->name));
    attach_gaz(d->graph, p, place);
    kg_fact f = {0};
    f.subject = org;
    f.object = p;
    f.confidence = 0.75;
    f.reporter = SIZE_MAX;
    f.sent_off = d->sents[sent].off;
    f.sent_end = d->sents[sent].end;
    f.ev_off = d->tokens[b].off;
    f.ev_end = d->tokens[e - 1].off + d->tokens[e - 1].len;
    kg_org_place_facts(d->graph, &f);
}

/* "Trajan was emperor from 98. He ...": an unknown name that is the
 * subject of a sentence whose successor opens with "He" or "She" is a
 * person's. */
static void pronoun_subjects(ctx *x)
{
    const kg_doc *d = x->d;
    for (size_t i = 0; i < x->n; i++) {
        cand *c = &x->c[i];
        /* a work ("X is a 1930 film") stays one */
        if (c->kind != KG_MENTION_NAME || c->cls != KG_CLASS_THING || c->strength >= EV_CONTEXT)
            continue;
        size_t s = tok_sentence(d, c->b);
        if (s + 1 >= d->n_sents) continue;
        size_t nb = d->sents[s + 1].tok_begin;
        if (nb >= d->sents[s + 1].tok_end || !(tok_is(d, nb, "he") || tok_is(d, nb, "she")))
            continue;
        int subject = c->b <= d->sents[s].tok_begin + 1;
        if (d->words) {
            subject = 0;
            for (uint32_t k = c->b; k < c->e; k++)
                if (d->words[k].deprel == KG_DEP_NSUBJ || d->words[k].deprel == KG_DEP_NSUBJ_PASS)
                    subject = 1;
        }
        if (!subject) continue;
        /* the first name of the sentence: the one "he" most likely means */
        if (i > 0 && tok_sentence(d, x->c[i - 1].b) == s && x->c[i - 1].kind == KG_MENTION_NAME)
            continue;
        c->cls = KG_CLASS_PERSON;
        c->strength = EV_CONTEXT;
    }
}

/* Do candidates @p a and @p b (in this order) stand side by side in a
 * list: "X, Y", "X and Y", "X, and Y", "X or Y"? */
static int listed(const kg_doc *d, const cand *a, const cand *b)
{
    if (b->b <= a->e || b->b > a->e + 2 || tok_sentence(d, a->b) != tok_sentence(d, b->b)) return 0;
    for (uint32_t i = a->e; i < b->b; i++)
        if (!tok_is(d, i, ",") && !tok_is(d, i, "and") && !tok_is(d, i, "or")) return 0;
    return 1;
}

/* Coordinated names are of one kind: "Tire, Selçuk, Torbalı and Ödemiş"
 * are places when some of them are known places; the unknown members of
 * a list take the class its typed members agree on. */
static void coordinated_lists(ctx *x)
{
    size_t i = 0;
    while (i < x->n) {
        size_t j = i + 1;
        while (j < x->n && listed(x->d, &x->c[j - 1], &x->c[j]))
            j++;
        if (j - i >= 2) {
            kg_class cls = KG_CLASS_THING;
            int agree = 1, typed = 0, untyped = 0, guessed = 0;
            for (size_t k = i; k < j; k++) {
                const cand *c = &x->c[k];
                if (c->kind != KG_MENTION_NAME) continue;
                if (c->cls == KG_CLASS_THING) {
                    untyped++;
                    continue;
                }
                if (c->strength <= EV_GUESS) {
                    guessed++;
                    continue;
                }
                if (cls == KG_CLASS_THING) cls = c->cls;
                if (kg_class_family(c->cls) != kg_class_family(cls)) agree = 0;
                typed++;
            }
            if (kg_class_family(cls) == KG_FAMILY_PLACE) cls = KG_CLASS_PLACE;
            if (kg_class_family(cls) == KG_FAMILY_ORGANIZATION) cls = KG_CLASS_ORGANIZATION;
            /* persons are named in lists of works too ("The Usual Suspects,
             * Natural Born Killers"): two of them make a list of persons */
            int need = kg_class_family(cls) == KG_FAMILY_PERSON ? 2 : 1;
            if (agree && typed >= need && untyped >= 1 && typed + untyped >= 3 &&
                cls != KG_CLASS_THING)
                for (size_t k = i; k < j; k++) {
                    cand *c = &x->c[k];
                    if (c->kind == KG_MENTION_NAME && c->cls == KG_CLASS_THING &&
                        c->strength < EV_CONTEXT) {
                        c->cls = cls;
                        c->strength = EV_CONTEXT;
                    }
                }
            /* "Harrogate, Hull, Scarborough, Sheffield and York": a name
             * only its shape called a person's takes the kind two known
             * members of the list agree on */
            if (agree && typed >= 2 && guessed >= 1 && cls != KG_CLASS_THING &&
                kg_class_family(cls) != KG_FAMILY_PERSON)
                for (size_t k = i; k < j; k++) {
                    cand *c = &x->c[k];
                    if (c->kind == KG_MENTION_NAME && c->strength <= EV_GUESS) {
                        c->cls = cls;
                        c->strength = EV_CONTEXT;
                    }
                }
        }
        i = j;
    }
}

/* An entity for a name outside the body (dateline place, agency). */
static size_t header_entity(kg_doc *d, const kg_gazetteer *gz, const char *name, kg_class fallback)
{
    const kg_gaz_entry *const *hits;
    const kg_gaz_entry *gaz = NULL;
    size_t nh = gz ? kg_gazetteer_lookup(gz, name, strlen(name), &hits, NULL) : 0;
    /* the first hit of the wanted family: an agency is no county */
    for (size_t i = 0; i < nh && !gaz; i++)
        if (kg_class_family(kg_class_of_gaz(hits[i]->cls)) == kg_class_family(fallback))
            gaz = hits[i];
    size_t ent;
    if (gaz) {
        ent = kg_graph_entity(d->graph, kg_class_of_gaz(gaz->cls), gaz->name, strlen(gaz->name));
        attach_gaz(d->graph, ent, gaz);
        if (strcasecmp(name, gaz->name) != 0) kg_graph_alias(d->graph, ent, name, strlen(name));
    } else {
        /* "BEIJING" -> "Beijing": datelines are written in capitals. */
        char *c = kg_xstrndup(name, strlen(name));
        int start = 1;
        for (char *p = c; *p; p++) {
            if (isalpha((unsigned char)*p)) {
                *p = (char)(start ? toupper((unsigned char)*p) : tolower((unsigned char)*p));
                start = 0;
            } else {
                start = 1;
            }
        }
        ent = kg_graph_entity(d->graph, fallback, c, strlen(c));
        free(c);
    }
    kg_graph_mention(d->graph, ent);
    kg_graph_set_named(d->graph, ent);
    return ent;
}

kg_status kg_entities_find(kg_doc *d, const kg_gazetteer *gz)
{
    ctx x = {0};
    x.d = d;
    x.gz = gz;
    note_mid_caps(&x);
    find_chunks(&x);

    coordinated_lists(&x);
    pronoun_subjects(&x);

    /* "Anis Muhsin ... Muhsin told DW": what the short form of a name says
     * about its kind holds for the full name. */
    kg_strmap short_names = {0};
    for (size_t i = 0; i < x.n; i++) {
        const cand *c = &x.c[i];
        if (c->e - c->b != 1 || c->cls != KG_CLASS_PERSON) continue;
        size_t n;
        const char *w = kg_doc_tok(d, c->b, &n);
        kg_strmap_put(&short_names, w, n, 1);
    }
    for (size_t j = 0; short_names.used && j < x.n; j++) {
        cand *f = &x.c[j];
        size_t fl;
        if (f->e - f->b < 2 || f->cls != KG_CLASS_THING) continue;
        const char *fw = kg_doc_tok(d, f->e - 1, &fl);
        if (kg_strmap_get(&short_names, fw, fl, NULL)) {
            f->cls = KG_CLASS_PERSON;
            f->strength = EV_GUESS;
        }
    }
    kg_strmap_clear(&short_names);

    /* Every mention of a name votes for its class; the strongest evidence
     * wins, then the most frequent. */
    kg_strmap best = {0}, best_team = {0};
    for (size_t i = 0; i < x.n; i++) {
        size_t j;
        cand *c = &x.c[i];
        kg_strmap *bm = c->team ? &best_team : &best;
        if (c->kind == KG_MENTION_DEMONYM) continue;
        if (!kg_strmap_get(bm, c->name, strlen(c->name), &j) || x.c[j].strength < c->strength ||
            (x.c[j].cls == KG_CLASS_THING && c->cls != KG_CLASS_THING &&
             x.c[j].strength <= c->strength))
            kg_strmap_put(bm, c->name, strlen(c->name), i);
    }
    for (size_t i = 0; i < x.n; i++) {
        cand *c = &x.c[i];
        size_t j = i;
        if (c->kind != KG_MENTION_DEMONYM)
            kg_strmap_get(c->team ? &best_team : &best, c->name, strlen(c->name), &j);
        const cand *w = &x.c[j];
        size_t ent = kg_graph_entity(d->graph, w->cls, c->name, strlen(c->name));
        attach_gaz(d->graph, ent, w->gaz ? w->gaz : c->gaz);
        kg_graph_mention(d->graph, ent);
        if (c->kind != KG_MENTION_DEMONYM) kg_graph_set_named(d->graph, ent);
        size_t n;
        const char *s = span(d, c->b, c->e, &n);
        char *form = clean_name(s, n);
        if (strcasecmp(form, c->name) != 0) kg_graph_alias(d->graph, ent, form, strlen(form));
        free(form);
        /* "German Green Party" is also the "Green Party" */
        if (kg_class_family(w->cls) == KG_FAMILY_ORGANIZATION && c->e - c->b >= 3 && x.gz &&
            c->kind == KG_MENTION_NAME) {
            kg_gaz_form f;
            if (gaz_lookup(&x, c->b, c->b + 1, &f) && f == KG_FORM_DEMONYM) {
                s = span(d, c->b + 1, c->e, &n);
                form = clean_name(s, n);
                kg_graph_alias(d->graph, ent, form, strlen(form));
                free(form);
            }
        }
        /* "the Norwegian Storting", "the Swedish Riksdag": the organisation
         * with the demonym before it is a form of it too */
        if (kg_class_family(w->cls) == KG_FAMILY_ORGANIZATION && c->kind == KG_MENTION_NAME &&
            i > 0 && x.c[i - 1].kind == KG_MENTION_DEMONYM && x.c[i - 1].e == c->b) {
            s = span(d, x.c[i - 1].b, c->e, &n);
            form = clean_name(s, n);
            kg_graph_alias(d->graph, ent, form, strlen(form));
            free(form);
        }
        /* "Emperor Gojong", "Sheikh Hasina": the name with its title is a
         * form of the person too */
        if (w->cls == KG_CLASS_PERSON && c->te == c->b && c->te > c->tb && tok_cap(d, c->tb) &&
            c->te - c->tb <= 2) {
            s = span(d, c->tb, c->e, &n);
            form = clean_name(s, n);
            kg_graph_alias(d->graph, ent, form, strlen(form));
            free(form);
        }
        if (c->origin && kg_class_family(w->cls) == KG_FAMILY_ORGANIZATION)
            origin_fact(d, ent, c->origin, tok_sentence(d, c->b), c->b, c->e);
        kg_mention m = {(uint32_t)tok_sentence(d, c->b),
                        c->b,
                        c->e,
                        c->kind,
                        w->cls,
                        ent,
                        w->strength >= EV_CUE     ? 0.95
                        : w->strength == EV_TITLE ? 0.8
                                                  : 0.5,
                        c->tb,
                        c->te};
        kg_doc_add_mention(d, &m);
    }
    kg_doc_index_mentions(d);

    const kg_article *a = d->article;
    if (a->dateline)
        kg_graph_set_dateline_place(d->graph, header_entity(d, gz, a->dateline, KG_CLASS_CITY));
    if (a->agency)
        kg_graph_set_publisher(d->graph, header_entity(d, gz, a->agency, KG_CLASS_NEWS_ORG));

    for (size_t i = 0; i < x.n; i++)
        free(x.c[i].name);
    free(x.c);
    kg_strmap_clear(&x.mid_caps);
    kg_strmap_clear(&x.lower);
    kg_strmap_clear(&x.acronyms);
    kg_strmap_clear(&best);
    kg_strmap_clear(&best_team);
    return KG_SUCCESS;
}
