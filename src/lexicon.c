/* SPDX-License-Identifier: MIT
 * kg: the relation lexicon: loading and lookup. */

#include "kg/extract.h"
#include "kg/sink.h"

#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char kg_lexicon_tsv[];
extern const char kg_lexicon_tsv_end[];

struct kg_lexicon {
    kg_lex_entry *entries;
    size_t n, cap;
    /* lemma + "\t" + pos -> index into groups; groups[i] lists entry pointers */
    kg_strmap index;
    const kg_lex_entry **ptrs; ///< rebuilt lazily: pointers grouped by key
    size_t *group_off;         ///< per key: offset into ptrs
    size_t *group_len;         ///< per key: number of entries
    size_t n_groups;
};

static kg_lexicon *lexicon_new(void)
{
    return kg_xcalloc(1, sizeof(kg_lexicon));
}

void kg_lexicon_free(kg_lexicon *lex)
{
    if (!lex) return;
    for (size_t i = 0; i < lex->n; i++) {
        free(lex->entries[i].lemma);
        free(lex->entries[i].prep);
        free(lex->entries[i].property);
    }
    free(lex->entries);
    kg_strmap_clear(&lex->index);
    free(lex->ptrs);
    free(lex->group_off);
    free(lex->group_len);
    free(lex);
}

static char *expand_property(const char *s, size_t n)
{
    static const struct {
        const char *prefix, *ns;
    } known[] = {{"kg:", KG_NS}, {"schema:", KG_SCHEMA}, {"wdt:", KG_WDT}, {"kgr:", KG_REL_NS}};
    kg_buf b = {0};
    if (n > 2 && s[0] == '<' && s[n - 1] == '>') {
        for (size_t i = 1; i + 1 < n; i++)
            if (strchr(" <>\"{}|\\^`", s[i]) || (unsigned char)s[i] < 0x21) return NULL;
        kg_buf_add(&b, s + 1, n - 2);
        return kg_buf_take(&b);
    }
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++) {
        size_t pl = strlen(known[k].prefix);
        if (n > pl && strncmp(s, known[k].prefix, pl) == 0) {
            for (size_t i = pl; i < n; i++) {
                char c = s[i];
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == '_' || c == '-'))
                    return NULL;
            }
            kg_buf_puts(&b, known[k].ns);
            kg_buf_add(&b, s + pl, n - pl);
            return kg_buf_take(&b);
        }
    }
    return NULL;
}

static void build_index(kg_lexicon *lex);

static int field_is(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

kg_status kg_lexicon_add_buffer(kg_lexicon *lex, const char *name, const char *buf, size_t len,
                                const kg_diag_sink *diags)
{
    kg_status result = KG_SUCCESS;
    size_t line = 0;
    for (size_t pos = 0; pos < len;) {
        const char *l = buf + pos;
        const char *nl = memchr(l, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - l) : len - pos;
        pos += ll + (nl ? 1 : 0);
        line++;
        if (ll && l[ll - 1] == '\r') ll--;
        if (ll == 0 || l[0] == '#') continue;
        const char *f[9];
        size_t fl[9], nf = 0;
        for (size_t i = 0, start = 0; i <= ll && nf < 9; i++) {
            if (i == ll || l[i] == '\t') {
                f[nf] = l + start;
                fl[nf++] = i - start;
                start = i + 1;
            }
        }
        const char *why = NULL;
        kg_lex_entry e = {0};
        if (nf != 7 && nf != 8)
            why = "expected 7 or 8 TAB-separated fields";
        else if (nf == 8 && !field_is(f[7], fl[7], "dated") && !field_is(f[7], fl[7], "-"))
            why = "the eighth field must be dated or -";
        else if (!fl[0] || memchr(f[0], ' ', fl[0]))
            why = "the lemma must be one word";
        else if (!field_is(f[1], fl[1], "verb") && !field_is(f[1], fl[1], "noun"))
            why = "pos must be verb or noun";
        else if (!field_is(f[3], fl[3], "active") && !field_is(f[3], fl[3], "passive") &&
                 !field_is(f[3], fl[3], "-"))
            why = "voice must be active, passive or -";
        else if (!(e.property = expand_property(f[4], fl[4])))
            why = "property must be kg:NAME, schema:NAME, wdt:PNN or <IRI>";
        else if (fl[5] != 1 || !strchr("<>=", f[5][0]))
            why = "dir must be >, < or =";
        else if (!field_is(f[6], fl[6], "entity") && !field_is(f[6], fl[6], "place") &&
                 !field_is(f[6], fl[6], "org") && !field_is(f[6], fl[6], "person") &&
                 !field_is(f[6], fl[6], "date"))
            why = "object must be entity, place, org, person or date";
        if (why) {
            free(e.property);
            kg_diag_report(diags, KG_ERROR, KG_ERR_SYNTAX, name, line, 0, UINT64_MAX, "%s", why);
            result = KG_ERR_SYNTAX;
            continue;
        }
        e.lemma = kg_xstrndup(f[0], fl[0]);
        e.noun = f[1][0] == 'n';
        e.prep = field_is(f[2], fl[2], "-") ? NULL : kg_xstrndup(f[2], fl[2]);
        e.dated = nf == 8 && field_is(f[7], fl[7], "dated");
        e.passive = field_is(f[3], fl[3], "passive") ? 1 : field_is(f[3], fl[3], "active") ? 0 : -1;
        e.dir = f[5][0] == '>'   ? KG_LEX_FORWARD
                : f[5][0] == '<' ? KG_LEX_INVERSE
                                 : KG_LEX_SYMMETRIC;
        e.object = field_is(f[6], fl[6], "place")    ? KG_LEX_PLACE
                   : field_is(f[6], fl[6], "org")    ? KG_LEX_ORG
                   : field_is(f[6], fl[6], "person") ? KG_LEX_PERSON
                   : field_is(f[6], fl[6], "date")   ? KG_LEX_DATE
                                                     : KG_LEX_ENTITY;
        KG_PUSH(lex->entries, lex->n, lex->cap, e);
    }
    build_index(lex);
    return result;
}

kg_status kg_lexicon_add_file(kg_lexicon *lex, const char *path, const kg_diag_sink *diags)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, path, 0, 0, UINT64_MAX, "cannot open: %s",
                       strerror(errno));
        return KG_ERR_IO;
    }
    kg_buf b = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
        kg_buf_add(&b, chunk, n);
    int err = ferror(fp);
    fclose(fp);
    if (err) {
        free(b.data);
        kg_diag_report(diags, KG_ERROR, KG_ERR_IO, path, 0, 0, UINT64_MAX, "read error");
        return KG_ERR_IO;
    }
    kg_status st = kg_lexicon_add_buffer(lex, path, b.data ? b.data : "", b.len, diags);
    free(b.data);
    return st;
}

kg_status kg_lexicon_default(kg_lexicon **out)
{
    kg_lexicon *lex = lexicon_new();
    kg_status st = kg_lexicon_add_buffer(lex, "ontology/relations.tsv", kg_lexicon_tsv,
                                         (size_t)(kg_lexicon_tsv_end - kg_lexicon_tsv), NULL);
    if (st != KG_SUCCESS) {
        kg_lexicon_free(lex);
        return KG_ERR_INTERNAL;
    }
    *out = lex;
    return KG_SUCCESS;
}

static void build_index(kg_lexicon *lex)
{
    kg_strmap_clear(&lex->index);
    free(lex->ptrs);
    free(lex->group_off);
    free(lex->group_len);
    lex->ptrs = kg_xcalloc(lex->n ? lex->n : 1, sizeof *lex->ptrs);
    lex->group_off = kg_xcalloc(lex->n ? lex->n : 1, sizeof(size_t));
    lex->group_len = kg_xcalloc(lex->n ? lex->n : 1, sizeof(size_t));
    lex->n_groups = 0;
    kg_buf key = {0};
    /* first pass: count per key */
    for (size_t i = 0; i < lex->n; i++) {
        key.len = 0;
        kg_buf_printf(&key, "%s\t%d", lex->entries[i].lemma, lex->entries[i].noun);
        size_t g;
        if (!kg_strmap_get(&lex->index, key.data, key.len, &g)) {
            g = lex->n_groups++;
            kg_strmap_put(&lex->index, key.data, key.len, g);
        }
        lex->group_len[g]++;
    }
    for (size_t g = 1; g < lex->n_groups; g++)
        lex->group_off[g] = lex->group_off[g - 1] + lex->group_len[g - 1];
    size_t *fill = kg_xcalloc(lex->n_groups ? lex->n_groups : 1, sizeof(size_t));
    for (size_t i = 0; i < lex->n; i++) {
        key.len = 0;
        kg_buf_printf(&key, "%s\t%d", lex->entries[i].lemma, lex->entries[i].noun);
        size_t g = 0;
        kg_strmap_get(&lex->index, key.data, key.len, &g);
        lex->ptrs[lex->group_off[g] + fill[g]++] = &lex->entries[i];
    }
    free(fill);
    free(key.data);
}

size_t kg_lexicon_find(const kg_lexicon *clex, const char *lemma, size_t len, int noun,
                       const kg_lex_entry *const **out)
{
    const kg_lexicon *lex = clex;
    char key[96];
    if (len + 3 > sizeof key) return 0;
    memcpy(key, lemma, len);
    key[len] = '\t';
    key[len + 1] = noun ? '1' : '0';
    size_t g;
    if (!kg_strmap_get(&lex->index, key, len + 2, &g)) return 0;
    *out = lex->ptrs + lex->group_off[g];
    return lex->group_len[g];
}

size_t kg_lexicon_size(const kg_lexicon *lex)
{
    return lex->n;
}
