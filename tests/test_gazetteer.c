/* SPDX-License-Identifier: MIT
 * kg: tests of the gazetteer, cue words, titles and matching keys. */

#include "kg/gazetteer.h"
#include "test.h"

#include <utf8proc.h>

#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static kg_gazetteer *gz;

static size_t look(const char *s, const kg_gaz_entry *const **hits, kg_gaz_form *form)
{
    return kg_gazetteer_lookup(gz, s, strlen(s), hits, form);
}

/* The first hit of class @p cls, or NULL. */
static const kg_gaz_entry *find_class(const char *s, kg_gaz_class cls)
{
    const kg_gaz_entry *const *hits;
    size_t n = look(s, &hits, NULL);
    for (size_t i = 0; i < n; i++)
        if (hits[i]->cls == cls) return hits[i];
    return NULL;
}

static const char *label(const kg_gaz_entry *e, const char *lang)
{
    for (size_t i = 0; e && i < e->n_labels; i++)
        if (strcmp(e->labels[i].lang, lang) == 0) return e->labels[i].text;
    return NULL;
}

static void test_country(void)
{
    const kg_gaz_entry *const *hits;
    kg_gaz_form form;
    size_t n = look("China", &hits, &form);
    CHECK(n >= 1);
    if (n < 1) return;
    CHECK(hits[0]->cls == KG_GAZ_COUNTRY);
    CHECK_STR(hits[0]->code, "CN");
    CHECK_STR(hits[0]->name, "China");
    CHECK(hits[0]->parent == NULL);
    CHECK(form == KG_FORM_NAME);
    CHECK_STR(label(hits[0], "zh"), "中国");
    CHECK(kg_gazetteer_by_code(gz, "CN") == hits[0]);

    /* Canonical names from the override table, iso-codes names as aliases. */
    n = look("Korea, Republic of", &hits, &form);
    CHECK(n >= 1 && hits[0]->code && strcmp(hits[0]->code, "KR") == 0);
    CHECK(n >= 1 && strcmp(hits[0]->name, "South Korea") == 0 && form == KG_FORM_ALIAS);
    n = look("People's Republic of China", &hits, NULL);
    CHECK(n >= 1 && strcmp(hits[0]->code, "CN") == 0);
    n = look("GERMANY", &hits, NULL);
    CHECK(n >= 1 && strcmp(hits[0]->code, "DE") == 0);
}

static void test_accents_and_apostrophes(void)
{
    const char *forms[] = {"Côte d’Ivoire", "COTE D'IVOIRE", "cote d'ivoire", "Côte  d'Ivoire",
                           "Ivory Coast"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        const kg_gaz_entry *const *hits;
        size_t n = look(forms[i], &hits, NULL);
        CHECK(n >= 1);
        if (n >= 1) CHECK_STR(hits[0]->code, "CI");
    }
}

static void test_subdivision(void)
{
    const char *forms[] = {"Jiangsu Province", "Jiangsu", "Jiangsu Sheng", "jiangsu province"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        const kg_gaz_entry *e = find_class(forms[i], KG_GAZ_ADMIN_AREA);
        CHECK(e != NULL);
        if (!e) continue;
        CHECK_STR(e->code, "CN-JS");
        CHECK_STR(e->parent, "CN");
        CHECK_STR(e->name, "Jiangsu");
        CHECK_STR(e->subtype, "Province");
        CHECK_STR(label(e, "zh"), "江苏省");
    }
    const kg_gaz_entry *const *hits;
    CHECK(look("Jiangsu Province", &hits, NULL) == 1);
    CHECK(kg_gazetteer_by_code(gz, "CN-JS") == hits[0]);

    /* Chinese autonomous regions and hand-made English names. */
    const kg_gaz_entry *e = find_class("Tibet Autonomous Region", KG_GAZ_ADMIN_AREA);
    CHECK(e && strcmp(e->code, "CN-XZ") == 0);
    e = find_class("Guangxi Zhuang Autonomous Region", KG_GAZ_ADMIN_AREA);
    CHECK(e && strcmp(e->code, "CN-GX") == 0);
    e = find_class("Bavaria", KG_GAZ_ADMIN_AREA);
    CHECK(e && strcmp(e->code, "DE-BY") == 0);
    e = find_class("Bayern", KG_GAZ_ADMIN_AREA);
    CHECK(e && strcmp(e->code, "DE-BY") == 0);
    e = find_class("California", KG_GAZ_ADMIN_AREA);
    CHECK(e && strcmp(e->code, "US-CA") == 0 && strcmp(e->parent, "US") == 0);
    /* Accents of iso-codes' transliterations do not matter. */
    e = find_class("Maharashtra", KG_GAZ_ADMIN_AREA);
    CHECK(e && strcmp(e->code, "IN-MH") == 0);

    /* Generic words are no subdivision names on their own. */
    CHECK(find_class("Western", KG_GAZ_ADMIN_AREA) == NULL);

    /* Countries rank before subdivisions: Georgia. */
    CHECK(look("Georgia", &hits, NULL) >= 2);
    CHECK_STR(hits[0]->code, "GE");
    CHECK(find_class("Georgia", KG_GAZ_ADMIN_AREA) != NULL);
}

static void test_demonym(void)
{
    const kg_gaz_entry *const *hits;
    kg_gaz_form form;
    const char *cases[][2] = {{"Singaporean", "SG"}, {"Singaporeans", "SG"}, {"German", "DE"},
                              {"Germans", "DE"},     {"Chinese", "CN"},      {"British", "GB"},
                              {"Dutch", "NL"},       {"American", "US"},     {"Iraqis", "IQ"},
                              {"Korean", "KR"},      {"Filipino", "PH"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = look(cases[i][0], &hits, &form);
        CHECK(n >= 1);
        if (n < 1) continue;
        CHECK_STR(hits[0]->code, cases[i][1]);
        CHECK(form == KG_FORM_DEMONYM);
    }
    CHECK(look("Singaporean", &hits, NULL) == 1);
    CHECK_STR(hits[0]->name, "Singapore");
    CHECK(hits[0]->cls == KG_GAZ_COUNTRY);
}

static void test_city(void)
{
    const kg_gaz_entry *const *hits;
    size_t n = look("Beijing", &hits, NULL);
    CHECK(n >= 2); /* the city and the municipality CN-BJ */
    if (n < 1) return;
    CHECK(hits[0]->cls == KG_GAZ_CITY);
    CHECK_STR(hits[0]->subtype, "capital");
    CHECK_STR(label(hits[0], "zh"), "北京市"); /* borrowed from CN-BJ */
    CHECK(hits[0]->code == NULL);
    const kg_gaz_entry *p = kg_gazetteer_by_code(gz, hits[0]->parent);
    CHECK(p && (strcmp(p->code, "CN") == 0 || strcmp(p->parent, "CN") == 0));
    CHECK(find_class("Beijing", KG_GAZ_ADMIN_AREA) != NULL);

    const kg_gaz_entry *e = find_class("Suzhou", KG_GAZ_CITY);
    CHECK(e && strcmp(e->parent, "CN-JS") == 0);
    /* A capital before the subdivision of the same name. */
    CHECK(look("Washington", &hits, NULL) >= 2);
    CHECK(hits[0]->cls == KG_GAZ_CITY);
    /* From tzdata: "America/Argentina/Ushuaia". */
    e = find_class("Ushuaia", KG_GAZ_CITY);
    CHECK(e && strcmp(e->parent, "AR") == 0);
    e = find_class("Ho Chi Minh City", KG_GAZ_CITY);
    CHECK(e && strcmp(e->parent, "VN") == 0);
}

static void test_organizations(void)
{
    const kg_gaz_entry *const *hits;
    size_t n = look("Xinhua", &hits, NULL);
    CHECK(n == 1);
    if (n) CHECK(hits[0]->cls == KG_GAZ_NEWS_ORG);
    const kg_gaz_entry *e = find_class("Reuters", KG_GAZ_NEWS_ORG);
    CHECK(e != NULL);
    e = find_class("United Nations", KG_GAZ_ORGANIZATION);
    CHECK(e != NULL);
    e = find_class("World Bank", KG_GAZ_ORGANIZATION);
    CHECK(e != NULL);
    e = find_class("Middle East", KG_GAZ_PLACE);
    CHECK(e != NULL);
    e = find_class("Europe", KG_GAZ_CONTINENT);
    CHECK(e != NULL);

    /* Acronyms match only with their case. */
    kg_gaz_form form;
    n = look("UN", &hits, &form);
    CHECK(n == 1 && form == KG_FORM_CODE);
    CHECK(look("un", &hits, NULL) == 0);
    CHECK(look("WHO", &hits, NULL) == 1);
    CHECK(look("who", &hits, NULL) == 0);
    n = look("US", &hits, NULL);
    CHECK(n >= 1 && strcmp(hits[0]->code, "US") == 0);
    CHECK(look("us", &hits, NULL) == 0);
    CHECK(look("NATO", &hits, NULL) == 1);
    CHECK(look("Nato", &hits, NULL) == 1);
}

static void test_unknown(void)
{
    const kg_gaz_entry *const *hits = (const kg_gaz_entry *const *)1;
    kg_gaz_form form = KG_FORM_DEMONYM;
    CHECK(look("Zzyzxq", &hits, &form) == 0);
    CHECK(hits == NULL);
    CHECK(look("", &hits, NULL) == 0);
    CHECK(look("   ", &hits, NULL) == 0);
    CHECK(look("the", &hits, NULL) == 0);
    CHECK(kg_gazetteer_lookup(gz, "\xff\xfe", 2, &hits, NULL) == 0);
    CHECK(kg_gazetteer_by_code(gz, "XX-YY") == NULL);
    CHECK(kg_gazetteer_cue(gz, "Zzyzxq", 6) == NULL);
    CHECK(kg_gazetteer_title(gz, "Zzyzxq", 6) == NULL);
    CHECK(kg_gazetteer_lookup(NULL, "China", 5, &hits, NULL) == 0);
}

static void test_cues(void)
{
    const kg_gaz_cue *c = kg_gazetteer_cue(gz, "Ministry", 8);
    CHECK(c && c->cls == KG_GAZ_GOVERNMENT_ORG && (c->pos & KG_CUE_PREFIX));
    c = kg_gazetteer_cue(gz, "university", 10);
    CHECK(c && c->cls == KG_GAZ_COLLEGE && c->pos == (KG_CUE_PREFIX | KG_CUE_SUFFIX));
    c = kg_gazetteer_cue(gz, "Inc.", 4);
    CHECK(c && c->cls == KG_GAZ_CORPORATION && c->pos == KG_CUE_SUFFIX);
    c = kg_gazetteer_cue(gz, "Province", 8);
    CHECK(c && c->cls == KG_GAZ_ADMIN_AREA);
    c = kg_gazetteer_cue(gz, "Industrial Park", 15);
    CHECK(c && c->cls == KG_GAZ_PLACE);
    c = kg_gazetteer_cue(gz, "Park", 4);
    CHECK(c && c->cls == KG_GAZ_PARK);
    c = kg_gazetteer_cue(gz, "News  Agency", 12);
    CHECK(c && c->cls == KG_GAZ_NEWS_ORG);
    c = kg_gazetteer_cue(gz, "Summit", 6);
    CHECK(c && kg_gaz_class_coarse(c->cls) == KG_GAZ_EVENT);
    c = kg_gazetteer_cue(gz, "Party", 5);
    CHECK(c && c->cls == KG_GAZ_POLITICAL_PARTY);
    CHECK(kg_gazetteer_max_words(gz) >= 3);
}

static void test_titles(void)
{
    const kg_gaz_title *t = kg_gazetteer_title(gz, "Chancellor", 10);
    CHECK(t && t->relation && strcmp(t->relation, "headOfGovernment") == 0);
    CHECK(t && t->target == KG_GAZ_COUNTRY);
    t = kg_gazetteer_title(gz, "President", 9);
    CHECK(t && strcmp(t->relation, "headOfState") == 0);
    t = kg_gazetteer_title(gz, "Foreign Minister", 16);
    CHECK(t && strcmp(t->relation, "ministerOf") == 0);
    t = kg_gazetteer_title(gz, "prime minister", 14);
    CHECK(t && strcmp(t->relation, "headOfGovernment") == 0);
    t = kg_gazetteer_title(gz, "spokesperson", 12);
    CHECK(t && strcmp(t->relation, "spokespersonOf") == 0);
    t = kg_gazetteer_title(gz, "CEO", 3);
    CHECK(t && strcmp(t->relation, "headOf") == 0 && t->target == KG_GAZ_ORGANIZATION);
    t = kg_gazetteer_title(gz, "Mr.", 3);
    CHECK(t && t->relation == NULL);
    t = kg_gazetteer_title(gz, "Taoiseach", 9);
    CHECK(t && t->code && strcmp(t->code, "IE") == 0);

    /* "German Chancellor Angela Merkel": the demonym gives the country. */
    const kg_gaz_entry *const *hits;
    kg_gaz_form form;
    CHECK(look("German", &hits, &form) >= 1 && form == KG_FORM_DEMONYM);
    CHECK_STR(hits[0]->code, "DE");
}

static void test_person_names(void)
{
    CHECK(kg_gazetteer_person_name(gz, "Angela", 6) & KG_NAME_FEMALE);
    CHECK(kg_gazetteer_person_name(gz, "JAMES", 5) & KG_NAME_MALE);
    CHECK(kg_gazetteer_person_name(gz, "Smith", 5) == (KG_NAME_SURNAME | KG_NAME_WORD));
    CHECK(kg_gazetteer_person_name(gz, "Divine", 6) == KG_NAME_WORD);
    CHECK((kg_gazetteer_person_name(gz, "Angela", 6) & KG_NAME_WORD) == 0);
    CHECK(kg_gazetteer_person_name(gz, "Jiangsu", 7) == 0);
    CHECK(kg_gazetteer_person_name(NULL, "Angela", 6) == 0);
}

static void test_classes(void)
{
    CHECK_STR(kg_gaz_class_name(KG_GAZ_ADMIN_AREA), "AdministrativeArea");
    CHECK_STR(kg_gaz_class_name(KG_GAZ_NEWS_ORG), "NewsMediaOrganization");
    CHECK(kg_gaz_class_name(KG_GAZ_CLASS_COUNT) == NULL);
    for (int i = 0; i < KG_GAZ_CLASS_COUNT; i++) {
        const char *name = kg_gaz_class_name((kg_gaz_class)i);
        kg_gaz_class c;
        CHECK(name && kg_gaz_class_parse(name, strlen(name), &c) == 0 && c == (kg_gaz_class)i);
    }
    kg_gaz_class c;
    CHECK(kg_gaz_class_parse("Planet", 6, &c) == -1);
    CHECK(kg_gaz_class_coarse(KG_GAZ_CITY) == KG_GAZ_PLACE);
    CHECK(kg_gaz_class_coarse(KG_GAZ_CORPORATION) == KG_GAZ_ORGANIZATION);
    CHECK(kg_gaz_class_coarse(KG_GAZ_PERSON) == KG_GAZ_PERSON);
}

/* kg_match_key agrees with utf8proc_map and collapses white space. */
static void test_match_key(void)
{
    char out[256];
    size_t n = kg_match_key("Côte d’Ivoire", strlen("Côte d’Ivoire"), out, sizeof out);
    CHECK_MEM(out, n, "cote d'ivoire");
    n = kg_match_key("  ＳＵＺＨＯＵ \t Park ", strlen("  ＳＵＺＨＯＵ \t Park "), out, sizeof out);
    CHECK_MEM(out, n, "suzhou park");
    CHECK(kg_match_key("abc", 3, out, 3) == (size_t)-1);
    CHECK(kg_match_key("abc", 3, out, 4) == 3);
    CHECK(kg_match_key("\xc3", 1, out, sizeof out) == (size_t)-1);
    /* The ASCII fast path is utf8proc on every printable ASCII byte. */
    for (int c = 0x21; c < 0x7f; c++) {
        char s[2] = {(char)c, 0};
        utf8proc_uint8_t *ref = NULL;
        utf8proc_map((const utf8proc_uint8_t *)s, 1, &ref,
                     UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                         UTF8PROC_LUMP | UTF8PROC_STRIPMARK);
        n = kg_match_key(s, 1, out, sizeof out);
        CHECK(ref && n == strlen((char *)ref) && memcmp(out, ref, n) == 0);
        free(ref);
    }
    /* Long input goes through the heap path. */
    char long_in[1201];
    for (size_t i = 0; i < 1200; i += 2)
        memcpy(long_in + i, "\xc3\xa9", 2); /* 600 times é */
    long_in[1200] = 0;
    char long_out[1024];
    n = kg_match_key(long_in, strlen(long_in), long_out, sizeof long_out);
    CHECK(n == 600);
    CHECK(n == 600 && long_out[0] == 'e' && long_out[599] == 'e');
}

typedef struct collected {
    int count;
    char first[512];
} collected;

static void collect(void *handle, const kg_diag *d)
{
    collected *c = handle;
    if (c->count++ == 0)
        snprintf(c->first, sizeof c->first, "%s:%llu: %s", d->file ? d->file : "?",
                 (unsigned long long)d->line, d->message);
}

static const char *write_tmp(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "/tmp/kg-test-gaz-%ld-%s", (long)getpid(), name);
    FILE *f = fopen(path, "wb");
    if (!f) return NULL;
    fputs(text, f);
    fclose(f);
    return path;
}

static void test_user_file(void)
{
    kg_gazetteer *g;
    CHECK(kg_gazetteer_default(&g) == KG_SUCCESS);
    kg_gaz_stats before;
    kg_gazetteer_stats(g, &before);

    const char *good = "# my table\n"
                       "E\tOrganization\tAcme Widgets\t-\tUS\t-\t15\n"
                       "A\tAcme\n"
                       "C\tAW\n"
                       "L\tde\tAcme Widgets GmbH\n"
                       "E\tCity\tSmallville\t-\tUS-KS\t-\t30\r\n"
                       "Q\tWidgetworks\tCorporation\tsuffix\n"
                       "T\tGrand Vizier\theadOfGovernment\tCountry\t-\n"
                       "P\tZebulonia\tF\n"
                       "P\tzebulonia\tS\n"
                       "X\tCN\n"
                       "A\tMiddle Kingdom\n";
    const char *path = write_tmp("good.tsv", good);
    collected c = {0, ""};
    kg_diag_sink sink = {collect, &c};
    CHECK(path && kg_gazetteer_add_file(g, path, &sink) == KG_SUCCESS);
    CHECK(c.count == 0);
    const kg_gaz_entry *const *hits;
    CHECK(kg_gazetteer_lookup(g, "acme", 4, &hits, NULL) == 1);
    CHECK_STR(hits[0]->name, "Acme Widgets");
    CHECK(hits[0]->n_labels == 1);
    CHECK(kg_gazetteer_lookup(g, "AW", 2, &hits, NULL) == 1);
    CHECK(kg_gazetteer_lookup(g, "Smallville", 10, &hits, NULL) == 1);
    CHECK(kg_gazetteer_lookup(g, "China", 5, &hits, NULL) >= 1); /* still there */
    CHECK(kg_gazetteer_cue(g, "Widgetworks", 11) != NULL);
    CHECK(kg_gazetteer_title(g, "grand vizier", 12) != NULL);
    CHECK(kg_gazetteer_person_name(g, "Zebulonia", 9) == (KG_NAME_FEMALE | KG_NAME_SURNAME));
    CHECK(kg_gazetteer_lookup(g, "Middle Kingdom", 14, &hits, NULL) == 1);
    CHECK(hits[0] == kg_gazetteer_by_code(g, "CN"));
    unlink(path);

    /* A syntax error names file and line, and nothing of the file stays. */
    const char *bad = "E\tCity\tGotham\t-\tUS\t-\t30\n"
                      "# comment\n"
                      "E\tCity\tMetropolis\t-\tUS\n";
    path = write_tmp("bad.tsv", bad);
    c.count = 0;
    CHECK(path && kg_gazetteer_add_file(g, path, &sink) == KG_ERR_SYNTAX);
    CHECK(c.count == 1);
    char want[300];
    snprintf(want, sizeof want, "%s:3: ", path);
    CHECK(strncmp(c.first, want, strlen(want)) == 0);
    CHECK(kg_gazetteer_lookup(g, "Gotham", 6, &hits, NULL) == 0);
    unlink(path);

    const char *bad2 = "A\tOrphan\n"
                       "E\tPlanet\tMars\t-\t-\t-\t30\n"
                       "E\tCity\tX\t-\t-\t-\tten\n"
                       "Z\tfoo\n"
                       "E\tCity\tY\t-\t-\t-\t1\tmore\textra\n"
                       "Q\tFoo\tPlace\tmiddle\n"
                       "E\tCity\t\xff\t-\t-\t-\t1\n"
                       "P\tBob\tX\n"
                       "X\tZZ\n"
                       "X\tCN\n"
                       "L\tfr\tEmpire du Milieu\n";
    path = write_tmp("bad2.tsv", bad2);
    c.count = 0;
    CHECK(path && kg_gazetteer_add_file(g, path, &sink) == KG_ERR_SYNTAX);
    CHECK(c.count == 10);
    unlink(path);

    c.count = 0;
    CHECK(kg_gazetteer_add_file(g, "/nonexistent/kg.tsv", &sink) == KG_ERR_IO);
    CHECK(c.count == 1);

    kg_gaz_stats after;
    kg_gazetteer_stats(g, &after);
    CHECK(after.entries == before.entries + 2);
    CHECK(after.cues == before.cues + 1);
    kg_gazetteer_free(g);
}

static void test_free_null(void)
{
    kg_gazetteer_free(NULL);
    kg_gaz_stats st;
    kg_gazetteer_stats(NULL, &st);
    CHECK(st.entries == 0);
    CHECK(kg_gazetteer_max_words(NULL) == 0);
}

/* Lookups from several threads at once on one gazetteer (run under
 * -fsanitize=thread to see races). */
static void *lookup_worker(void *arg)
{
    const char *const forms[] = {
        "China", "Jiangsu Province", "Côte d’Ivoire", "Singaporean", "Beijing", "UN", "Zzyzxq"};
    const char *const codes[] = {"CN", "CN-JS", "CI", "SG", NULL, NULL, NULL};
    size_t bad = 0;
    for (int i = 0; i < 20000; i++) {
        size_t k = (size_t)i % 7;
        const kg_gaz_entry *const *hits;
        size_t n = kg_gazetteer_lookup(gz, forms[k], strlen(forms[k]), &hits, NULL);
        if (codes[k] && (n == 0 || !hits[0]->code || strcmp(hits[0]->code, codes[k]) != 0)) bad++;
        if (k == 6 && n != 0) bad++;
        if (!kg_gazetteer_title(gz, "Prime Minister", 14)) bad++;
    }
    *(size_t *)arg = bad;
    return NULL;
}

static void test_threads(void)
{
    pthread_t th[4];
    size_t bad[4] = {0, 0, 0, 0};
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&th[i], NULL, lookup_worker, &bad[i]) == 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        CHECK(bad[i] == 0);
    }
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Sizes and load time, printed for the record; the limit is generous so
 * that sanitizer builds pass. */
static void test_load_time(void)
{
    double best = 1e9;
    for (int i = 0; i < 5; i++) {
        kg_gazetteer *g;
        double t0 = now_ms();
        CHECK(kg_gazetteer_default(&g) == KG_SUCCESS);
        double t = now_ms() - t0;
        if (t < best) best = t;
        kg_gazetteer_free(g);
    }
    kg_gaz_stats st;
    kg_gazetteer_stats(gz, &st);
    printf("gazetteer: %zu entries, %zu forms, %zu keys, %zu labels, %zu cues, %zu titles, "
           "%zu names, %zu KiB, max %zu words, load %.1f ms\n",
           st.entries, st.forms, st.keys, st.labels, st.cues, st.titles, st.names, st.bytes / 1024,
           kg_gazetteer_max_words(gz), best);
    CHECK(st.entries > 5000);
    CHECK(best < 2000.0);

    const kg_gaz_entry *const *hits;
    double t0 = now_ms();
    size_t found = 0;
    for (int i = 0; i < 100000; i++)
        found += look(i % 2 ? "Jiangsu Province" : "Côte d’Ivoire", &hits, NULL);
    double t = now_ms() - t0;
    printf("gazetteer: 100000 lookups in %.1f ms\n", t);
    CHECK(found == 100000);
}

int main(void)
{
    if (kg_gazetteer_default(&gz) != KG_SUCCESS) {
        fprintf(stderr, "cannot load the default gazetteer\n");
        return 1;
    }
    RUN(test_country);
    RUN(test_accents_and_apostrophes);
    RUN(test_subdivision);
    RUN(test_demonym);
    RUN(test_city);
    RUN(test_organizations);
    RUN(test_unknown);
    RUN(test_cues);
    RUN(test_titles);
    RUN(test_person_names);
    RUN(test_classes);
    RUN(test_match_key);
    RUN(test_user_file);
    RUN(test_free_null);
    RUN(test_threads);
    RUN(test_load_time);
    kg_gazetteer_free(gz);
    return DONE();
}
