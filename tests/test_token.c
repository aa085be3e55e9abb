/* SPDX-License-Identifier: MIT
 * kg: tests of the tokenizer (EWT conventions, flags, slices, pathological input). */

#include "kg/text.h"
#include "kg/token.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

/* Input and expected tokens, separated by single spaces. */
static const struct {
    const char *text, *tokens;
} cases[] = {
    {"China's economy grew.", "China 's economy grew ."},
    {"CHINA'S economy", "CHINA 'S economy"},
    {"I don't know, you can't say, they won't.", "I do n't know , you ca n't say , they wo n't ."},
    {"I cannot go. We're gonna win. I'd", "I can not go . We 're gon na win . I 'd"},
    {"He's here; they'll come; I'm sure; you've seen.",
     "He 's here ; they 'll come ; I 'm sure ; you 've seen ."},
    {"China\xE2\x80\x99s and don\xE2\x80\x99t", "China \xE2\x80\x99s and do n\xE2\x80\x99t"},
    {"the teachers' books", "the teachers ' books"},
    {"dont cant wont", "do nt ca nt wo nt"},
    {"its own way", "its own way"},
    {"im sure Ive seen IM", "i m sure I ve seen IM"},
    {"O'Brien's rock'n'roll o'clock", "O'Brien 's rock'n'roll o'clock"},
    {"The U.S. and the U.K. met.", "The U.S. and the U.K. met ."},
    {"in the U.S.", "in the U.S."},
    {"On Nov. 21, Dr. Li met Mr. Smith of Acme Inc. and J. Doe.",
     "On Nov. 21 , Dr. Li met Mr. Smith of Acme Inc. and J. Doe ."},
    {"e.g. this, i.e. that, etc.", "e.g. this , i.e. that , etc."},
    {"at 3 p.m. today", "at 3 p.m. today"},
    {"No. 5 and the answer is no.", "No. 5 and the answer is no ."},
    {"Say No. Then go.", "Say No . Then go ."},
    {"It rose 3.5% to $4.25, or 1,000 yuan.", "It rose 3.5 % to $ 4.25 , or 1,000 yuan ."},
    {"In 1994. In 2,500,000.5 cases", "In 1994 . In 2,500,000.5 cases"},
    {"50% of 3.5%.", "50 % of 3.5 % ."},
    {"R&D and AT&T but rock&roll", "R&D and AT&T but rock & roll"},
    {"China-Singapore cross-border two-way", "China - Singapore cross - border two - way"},
    {"e-mail co-workers non-human re-election", "e-mail co-workers non-human re-election"},
    {"see http://www.xinhua.net/a/b.html.", "see http://www.xinhua.net/a/b.html ."},
    {"(www.example.com/x?y=1&z=2)", "( www.example.com/x?y=1&z=2 )"},
    {"Mail john.doe@example.co.uk, please.", "Mail john.doe@example.co.uk , please ."},
    {"He said \"quoted\" and 'single'.", "He said \" quoted \" and ' single ' ."},
    {"\xE2\x80\x9CQuoted,\xE2\x80\x9D he said.", "\xE2\x80\x9C Quoted , \xE2\x80\x9D he said ."},
    {"BEIJING, Nov. 21 (Xinhua) -- China", "BEIJING , Nov. 21 ( Xinhua ) -- China"},
    {"word--word and this \xE2\x80\x94 that \xE2\x80\x93 it",
     "word -- word and this \xE2\x80\x94 that \xE2\x80\x93 it"},
    {"Wait... what?! Really!!", "Wait ... what ?! Really !!"},
    {"at 10:30 on 11/21/2024 call 555-1234 or 713-853-5660",
     "at 10:30 on 11/21/2024 call 555-1234 or 713-853-5660"},
    {"pages 400-500 in 1990-1995", "pages 400 - 500 in 1990 - 1995"},
    {"the 21st century, the 1990s, at 5pm, a 3D film",
     "the 21st century , the 1990s , at 5 pm , a 3D film"},
    {"the '90s and 1990's", "the '90s and 1990's"},
    {"\xE4\xB8\xAD\xE5\x9B\xBD\xE7\x9A\x84\xE7\xBB\x8F\xE6\xB5\x8E\xE3\x80\x82\xE5\xBE\x88\xE5\xA5"
     "\xBD",
     "\xE4\xB8\xAD\xE5\x9B\xBD\xE7\x9A\x84\xE7\xBB\x8F\xE6\xB5\x8E \xE3\x80\x82 \xE5\xBE\x88\xE5"
     "\xA5\xBD"},
    {"Great \xF0\x9F\x98\x80\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD! \xF0\x9F\x87\xB8\xF0\x9F\x87\xAC",
     "Great \xF0\x9F\x98\x80 \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD ! \xF0\x9F\x87\xB8\xF0\x9F\x87\xAC"},
    {"C\xC3\xB4te d\xE2\x80\x99Ivoire and Z\xC3\xBCrich",
     "C\xC3\xB4te d\xE2\x80\x99Ivoire and Z\xC3\xBCrich"},
    {"\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 \xD8\xA8\xD9\x83\xD9\x85\xD8\x8C",
     "\xD9\x85\xD8\xB1\xD8\xAD\xD8\xA8\xD8\xA7 \xD8\xA8\xD9\x83\xD9\x85 \xD8\x8C"},
    {"Nice :) and :-( ok", "Nice :) and :-( ok"},
    {"Note:Do it", "Note : Do it"},
    {"Ph.D. and Amazon.com.", "Ph.D. and Amazon.com ."},
    {"PVT. LTD., fine", "PVT. LTD. , fine"},
    {"b/c w/o and/or", "b/c w/o and / or"},
    {"[a] {b} <c>", "[ a ] { b } < c >"},
    {"", ""},
    {"   \n\n  ", ""},
};

static char *join_tokens(const char *text, const kg_token *t, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len += t[i].len + 1;
    char *s = malloc(len + 1), *p = s;
    for (size_t i = 0; i < n; i++) {
        if (i) *p++ = ' ';
        memcpy(p, text + t[i].off, t[i].len);
        p += t[i].len;
    }
    *p = '\0';
    return s;
}

/* Tokens are slices of the text: in order, not overlapping, not empty,
 * no white space inside, nothing but white space between them. */
static int slices_ok(const char *text, size_t len, const kg_token *t, size_t n)
{
    size_t prev = 0;
    for (size_t i = 0; i < n; i++) {
        if (t[i].len == 0 || t[i].off < prev || t[i].off + t[i].len > len) return 0;
        for (size_t k = prev; k < t[i].off; k++)
            if (!strchr(" \t\r\n\f\v", text[k]) && (unsigned char)text[k] < 0x80) return 0;
        for (size_t k = t[i].off; k < t[i].off + t[i].len; k++)
            if (strchr(" \t\r\n", text[k]) && text[k]) return 0;
        prev = t[i].off + t[i].len;
    }
    return 1;
}

static void test_table(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *text = cases[i].text;
        kg_token *t;
        size_t n;
        kg_tokenize(text, strlen(text), 0, &t, &n);
        char *got = join_tokens(text, t, n);
        if (strcmp(got, cases[i].tokens) != 0) {
            fprintf(stderr, "case %zu: \"%s\"\n  expected: %s\n  got:      %s\n", i, text,
                    cases[i].tokens, got);
            CHECK(0);
        }
        CHECK(slices_ok(text, strlen(text), t, n));
        free(got);
        free(t);
    }
}

/* The pull iterator and kg_tokenize agree, and base shifts offsets. */
static void test_pull_and_base(void)
{
    const char *text = "Dr. Smith didn't say it.";
    kg_token *all;
    size_t n;
    kg_tokenize(text, strlen(text), 0, &all, &n);
    kg_tokenizer *tk = kg_tokenizer_new(text, strlen(text), 100);
    kg_token t;
    size_t k = 0;
    while (kg_tokenizer_next(tk, &t) == KG_SUCCESS) {
        CHECK(k < n && t.off == all[k].off + 100 && t.len == all[k].len &&
              t.flags == all[k].flags && t.kind == all[k].kind);
        k++;
    }
    CHECK(k == n && n == 7);
    CHECK(kg_tokenizer_next(tk, &t) == KG_FAILURE); /* stays at the end */
    kg_tokenizer_free(tk);
    free(all);
}

static const kg_token *find(const char *text, const kg_token *t, size_t n, const char *w)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].len == strlen(w) && memcmp(text + t[i].off, w, t[i].len) == 0) return &t[i];
    return NULL;
}

static void test_flags_and_kinds(void)
{
    const char *text = "Title here\n\nBEIJING said\nU.S. can't 3.5 $ % http://x.org "
                       "a@b.com , \xF0\x9F\x98\x80 Nov. i";
    kg_token *t;
    size_t n;
    kg_tokenize(text, strlen(text), 0, &t, &n);
    const kg_token *x;
    CHECK((x = find(text, t, n, "Title")) && x->flags == KG_TOKF_UPPER_INITIAL &&
          x->kind == KG_TOK_WORD);
    CHECK((x = find(text, t, n, "here")) && x->flags == KG_TOKF_SPACE_BEFORE);
    CHECK((x = find(text, t, n, "BEIJING")) &&
          x->flags == (KG_TOKF_SPACE_BEFORE | KG_TOKF_NEWLINE_BEFORE | KG_TOKF_PARA_BEFORE |
                       KG_TOKF_UPPER_INITIAL | KG_TOKF_ALL_UPPER));
    CHECK((x = find(text, t, n, "U.S.")) &&
          x->flags == (KG_TOKF_SPACE_BEFORE | KG_TOKF_NEWLINE_BEFORE | KG_TOKF_UPPER_INITIAL |
                       KG_TOKF_ALL_UPPER | KG_TOKF_ABBREV));
    CHECK((x = find(text, t, n, "ca")) && x->flags == KG_TOKF_SPACE_BEFORE);
    CHECK((x = find(text, t, n, "n't")) && x->flags == KG_TOKF_CLITIC);
    CHECK((x = find(text, t, n, "3.5")) && x->kind == KG_TOK_NUMBER);
    CHECK((x = find(text, t, n, "$")) && x->kind == KG_TOK_SYMBOL);
    CHECK((x = find(text, t, n, "%")) && x->kind == KG_TOK_SYMBOL);
    CHECK((x = find(text, t, n, "http://x.org")) && x->kind == KG_TOK_OTHER);
    CHECK((x = find(text, t, n, "a@b.com")) && x->kind == KG_TOK_OTHER);
    CHECK((x = find(text, t, n, ",")) && x->kind == KG_TOK_PUNCT);
    CHECK((x = find(text, t, n, "\xF0\x9F\x98\x80")) && x->kind == KG_TOK_SYMBOL);
    CHECK((x = find(text, t, n, "Nov.")) && (x->flags & KG_TOKF_ABBREV) &&
          !(x->flags & KG_TOKF_ALL_UPPER));
    CHECK((x = find(text, t, n, "i")) && !(x->flags & KG_TOKF_ALL_UPPER) &&
          !(x->flags & KG_TOKF_UPPER_INITIAL));
    free(t);

    /* possessive apostrophe after s is a clitic; a closing quote is not */
    const char *p = "the teachers' books and 'quoted' words";
    kg_tokenize(p, strlen(p), 0, &t, &n);
    CHECK(n == 9 && t[2].len == 1 && (t[2].flags & KG_TOKF_CLITIC));
    CHECK(t[7].len == 1 && !(t[7].flags & KG_TOKF_CLITIC));
    free(t);

    /* CRLF line ends: one line break each */
    const char *c = "a\r\nb\r\n\r\nc";
    kg_tokenize(c, strlen(c), 0, &t, &n);
    CHECK(n == 3 && (t[1].flags & KG_TOKF_NEWLINE_BEFORE) && !(t[1].flags & KG_TOKF_PARA_BEFORE));
    CHECK((t[2].flags & KG_TOKF_PARA_BEFORE));
    free(t);
}

/* House style: reader and tokenizer at chunk sizes 1-5.  The text comes
 * through the chunked reader, so code points and CRLF pairs are cut at
 * every position; the tokens must not change. */
static void test_chunked_reader(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *text = cases[i].text;
        size_t len = strlen(text);
        kg_article *ref = NULL;
        kg_reader_opts o = kg_reader_opts_default();
        if (kg_article_from_memory("t", text, len, &o, NULL, &ref) != KG_SUCCESS)
            continue; /* the empty cases */
        kg_token *rt;
        size_t rn;
        kg_tokenize(ref->text, ref->len, 0, &rt, &rn);
        for (size_t chunk = 1; chunk <= 5; chunk++) {
            kg_reader *r = kg_reader_new("t", &o, NULL);
            for (size_t k = 0; k < len; k += chunk)
                kg_reader_feed(r, text + k, len - k < chunk ? len - k : chunk);
            kg_article *a = NULL;
            CHECK(kg_reader_finish(r, &a) == KG_SUCCESS);
            kg_token *t;
            size_t n;
            kg_tokenize(a->text, a->len, 0, &t, &n);
            int same = n == rn;
            for (size_t k = 0; same && k < n; k++) /* field by field: the struct has padding */
                same = t[k].off == rt[k].off && t[k].len == rt[k].len && t[k].kind == rt[k].kind &&
                       t[k].flags == rt[k].flags;
            CHECK(same);
            free(t);
            kg_article_free(a);
            kg_reader_free(r);
        }
        free(rt);
        kg_article_free(ref);
    }
}

/* Pathological inputs must run in linear time (no timing assertion: the
 * test suite would hang or crawl if they did not). */
static void test_pathological(void)
{
    size_t big = 1 << 20;
    char *s = malloc(big + 1);
    static const char *const units[] = {"a",  "a.", "a-", "1,", "'",  "a@",           "(",
                                        "\"", "1-", ".",  "a'", "x.", "\xE4\xB8\xAD", "\xCC\x88"};
    for (size_t u = 0; u < sizeof units / sizeof units[0]; u++) {
        size_t ul = strlen(units[u]), n = 0;
        while (n + ul <= big) {
            memcpy(s + n, units[u], ul);
            n += ul;
        }
        s[n] = '\0';
        kg_token *t;
        size_t nt;
        kg_tokenize(s, n, 0, &t, &nt);
        CHECK(nt >= 1 && slices_ok(s, n, t, nt));
        free(t);
    }
    /* 10,000 nested brackets and quotes */
    size_t n = 0;
    for (int i = 0; i < 10000; i++)
        s[n++] = "([{\""[i % 4];
    memcpy(s + n, "word", 4);
    n += 4;
    for (int i = 0; i < 10000; i++)
        s[n++] = "\"}])"[i % 4];
    kg_token *t;
    size_t nt;
    kg_tokenize(s, n, 0, &t, &nt);
    CHECK(nt == 20001);
    free(t);
    free(s);
}

/* Random text built from tricky pieces: the tokens must cover every
 * non-space byte exactly once, and the pull iterator must not stall. */
static void test_random(void)
{
    static const char *const pieces[] = {"a",
                                         "Z",
                                         "7",
                                         ".",
                                         "'",
                                         "\xE2\x80\x99",
                                         "-",
                                         "@",
                                         "/",
                                         ":",
                                         ",",
                                         " ",
                                         "\n",
                                         "\r\n",
                                         "\"",
                                         "(",
                                         ")",
                                         "$",
                                         "%",
                                         "&",
                                         "_",
                                         "!",
                                         "?",
                                         "www.",
                                         "http://",
                                         "n't",
                                         "'s",
                                         "U.S.",
                                         "Dr.",
                                         "No.",
                                         "1,",
                                         "3.",
                                         "\xE4\xB8\xAD",
                                         "\xF0\x9F\x91\x8D",
                                         "\xF0\x9F\x8F\xBD",
                                         "\xCC\x88",
                                         "\xE2\x80\x94",
                                         "\xE2\x80\x8D",
                                         "x.co",
                                         "e-",
                                         "\xFF",
                                         "\xE2\x80",
                                         ":)",
                                         "''",
                                         "--",
                                         "..."};
    size_t np = sizeof pieces / sizeof pieces[0];
    char buf[512];
    srand(7);
    int ok = 1;
    for (int iter = 0; iter < 20000 && ok; iter++) {
        size_t n = 0;
        int k = rand() % 40;
        for (int i = 0; i < k; i++) {
            const char *pc = pieces[(size_t)rand() % np];
            size_t l = strlen(pc);
            if (n + l >= sizeof buf) break;
            memcpy(buf + n, pc, l);
            n += l;
        }
        buf[n] = '\0';
        kg_token *t;
        size_t nt;
        kg_tokenize(buf, n, 0, &t, &nt);
        size_t prev = 0;
        for (size_t i = 0; i < nt && ok; i++) {
            for (size_t j = prev; j < t[i].off; j++)
                ok &= buf[j] == ' ' || buf[j] == '\n' || buf[j] == '\r';
            ok &= t[i].len > 0 && t[i].off >= prev && t[i].off + t[i].len <= n;
            prev = t[i].off + t[i].len;
        }
        for (size_t j = prev; j < n; j++)
            ok &= buf[j] == ' ' || buf[j] == '\n' || buf[j] == '\r';
        if (!ok) fprintf(stderr, "random text not covered: \"%s\"\n", buf);
        free(t);
    }
    CHECK(ok);
}

static void test_free_null(void)
{
    kg_tokenizer_free(NULL);
    CHECK(1);
}

int main(void)
{
    RUN(test_table);
    RUN(test_pull_and_base);
    RUN(test_flags_and_kinds);
    RUN(test_chunked_reader);
    RUN(test_pathological);
    RUN(test_random);
    RUN(test_free_null);
    return DONE();
}
