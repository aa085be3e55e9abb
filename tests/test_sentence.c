/* SPDX-License-Identifier: MIT
 * kg: tests of the sentence splitter. */

#include "kg/sentence.h"
#include "kg/text.h"
#include "kg/token.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

/* Split @p text and write the sentences, separated by " || ", to a new
 * string (caller frees). */
static char *split(const char *text, size_t max_tokens, size_t header_end)
{
    size_t len = strlen(text);
    kg_token *t;
    size_t n;
    kg_tokenize(text, len, 0, &t, &n);
    kg_splitter *sp = kg_splitter_new(text, t, n, max_tokens);
    kg_splitter_set_header_end(sp, header_end);
    char *out = malloc(2 * len + 16), *p = out;
    kg_sentence s;
    size_t prev_end = 0;
    int ok = 1;
    while (kg_splitter_next(sp, &s) == KG_SUCCESS) {
        if (p != out) {
            memcpy(p, " || ", 4);
            p += 4;
        }
        ok &= s.tok_begin == prev_end && s.tok_end > s.tok_begin;
        ok &= s.off == t[s.tok_begin].off && s.end == t[s.tok_end - 1].off + t[s.tok_end - 1].len;
        memcpy(p, text + s.off, s.end - s.off);
        p += s.end - s.off;
        prev_end = s.tok_end;
    }
    *p = '\0';
    ok &= prev_end == n;
    CHECK(ok);
    kg_splitter_free(sp);
    free(t);
    return out;
}

static const struct {
    const char *text, *sentences;
} cases[] = {
    {"He lives in the U.S. He works in Boston.", "He lives in the U.S. || He works in Boston."},
    {"U.S. officials said so. The U.S. Senate voted.",
     "U.S. officials said so. || The U.S. Senate voted."},
    {"Dr. Smith arrived. He sat down.", "Dr. Smith arrived. || He sat down."},
    {"They met Mr. Li and Mrs. Wang. Then they left.",
     "They met Mr. Li and Mrs. Wang. || Then they left."},
    {"On Nov. 21 it rained. It was cold.", "On Nov. 21 it rained. || It was cold."},
    {"It was built in Nov. The plan changed.", "It was built in Nov. || The plan changed."},
    {"Growth was 3.5 percent. It rose to 1,000.5 yuan.",
     "Growth was 3.5 percent. || It rose to 1,000.5 yuan."},
    {"J. R. R. Tolkien wrote it. George W. Bush read it.",
     "J. R. R. Tolkien wrote it. || George W. Bush read it."},
    {"He said: \"Go.\" Then he left.", "He said: \"Go.\" || Then he left."},
    {"\"Why?\" he asked. \"Because!\" she said.", "\"Why?\" he asked. || \"Because!\" she said."},
    {"Really? Yes! Fine.", "Really? || Yes! || Fine."},
    {"(This is an aside.) Next one.", "(This is an aside.) || Next one."},
    {"Apples, pears, etc. Oranges too.", "Apples, pears, etc. || Oranges too."},
    {"Acme Inc. said profit rose. Acme Inc. Chief Executive Jo Li said so.",
     "Acme Inc. said profit rose. || Acme Inc. Chief Executive Jo Li said so."},
    {"No. 5 won. The vote is at 3 p.m. today.", "No. 5 won. || The vote is at 3 p.m. today."},
    {"A heading without a period\n\nThe body starts here.",
     "A heading without a period || The body starts here."},
    {"A line\nthat wraps. Another.", "A line\nthat wraps. || Another."},
    {"Wait... What happened? I see... maybe not.",
     "Wait... || What happened? || I see... maybe not."},
    {"\xE4\xB8\xAD\xE5\x9B\xBD\xE3\x80\x82\xE5\xBE\x88\xE5\xA5\xBD\xE3\x80\x82",
     "\xE4\xB8\xAD\xE5\x9B\xBD\xE3\x80\x82 || \xE5\xBE\x88\xE5\xA5\xBD\xE3\x80\x82"},
    {"No final period", "No final period"},
    {"Great food! :) Go there. \xF0\x9F\x98\x80 Really.",
     "Great food! :) || Go there. \xF0\x9F\x98\x80 || Really."},
    {"It was Yahoo!, not Google.", "It was Yahoo!, not Google."},
};

static void test_table(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = split(cases[i].text, 0, 0);
        if (strcmp(got, cases[i].sentences) != 0) {
            fprintf(stderr, "case %zu:\n  expected: %s\n  got:      %s\n", i, cases[i].sentences,
                    got);
            CHECK(0);
        }
        free(got);
    }
}

static void test_header_lines(void)
{
    const char *text = "Floods Hit Region\nNovember 21, 2024\nHeavy rain fell on Monday.";
    char *got = split(text, 0, 0);
    CHECK_STR(got, "Floods Hit Region\nNovember 21, 2024\nHeavy rain fell on Monday.");
    free(got);
    const char *body = strstr(text, "Heavy");
    got = split(text, 0, (size_t)(body - text));
    CHECK_STR(got, "Floods Hit Region || November 21, 2024 || Heavy rain fell on Monday.");
    free(got);
}

static void test_line_breaks(void)
{
    /* a short heading line before a long paragraph line ends a sentence */
    char *got = split("Libyan militias clash in Tripoli\nRival armed groups battled in a central "
                      "area of Tripoli, setting fire to a former intelligence building.\nMore "
                      "fighting followed.",
                      0, 0);
    CHECK_STR(got, "Libyan militias clash in Tripoli || Rival armed groups battled in a central "
                   "area of Tripoli, setting fire to a former intelligence building. || More "
                   "fighting followed.");
    free(got);
    /* hard-wrapped text is not cut at its line breaks */
    got = split("The ministry said on Monday that the new rules would apply to all\nCompanies "
                "registered in the zone and to their partners in\nSingapore and Malaysia.",
                0, 0);
    CHECK_STR(got, "The ministry said on Monday that the new rules would apply to all\nCompanies "
                   "registered in the zone and to their partners in\nSingapore and Malaysia.");
    free(got);
}

static void test_example_article(void)
{
    kg_article *a = NULL;
    CHECK(kg_article_read_file("examples/xinhua-suzhou-industrial-park.txt", NULL, NULL, &a) ==
          KG_SUCCESS);
    if (!a) return;
    kg_token *t;
    size_t n, ns;
    kg_tokenize(a->text, a->len, 0, &t, &n);
    kg_splitter *sp = kg_splitter_new(a->text, t, n, 0);
    kg_splitter_set_header_end(sp, a->body_off);
    kg_sentence s[64];
    for (ns = 0; ns < 64 && kg_splitter_next(sp, &s[ns]) == KG_SUCCESS; ns++)
        ;
    kg_splitter_free(sp);
    /* title, date line, then 9 body sentences */
    CHECK(ns == 11);
    if (ns == 11) {
        CHECK(strncmp(a->text + s[0].off, "date 2024-11-21 China's", 23) == 0);
        CHECK(strncmp(a->text + s[1].off, "November 21, 2024", s[1].end - s[1].off) == 0);
        const char *first = "BEIJING, Nov. 21 (Xinhua) -- China has pledged to build one of its "
                            "leading industrial parks into a globally attractive two-way open hub.";
        CHECK(s[2].end - s[2].off == strlen(first) &&
              memcmp(a->text + s[2].off, first, strlen(first)) == 0);
        CHECK(strncmp(a->text + s[4].off, "Multinationals will", 19) == 0);
        CHECK(strncmp(a->text + s[5].off, "The notice said the pilot", 25) == 0);
        CHECK(strncmp(a->text + s[10].off, "The industrial park also aims", 29) == 0);
        CHECK(a->text[s[10].end - 1] == '.');
    }
    kg_sentence *all;
    size_t nall;
    kg_split_sentences(a->text, t, n, 0, &all, &nall);
    CHECK(nall == 11); /* the header lines are separated by blank lines here */
    free(all);
    free(t);
    kg_article_free(a);
}

static void test_max_tokens(void)
{
    size_t words = 1200;
    char *text = malloc(words * 2 + 1);
    for (size_t i = 0; i < words; i++)
        memcpy(text + 2 * i, "w ", 2);
    text[words * 2] = '\0';
    kg_token *t;
    size_t n, ns;
    kg_tokenize(text, strlen(text), 0, &t, &n);
    kg_sentence *s;
    kg_split_sentences(text, t, n, 0, &s, &ns); /* default 500 */
    CHECK(ns == 3 && s[0].tok_end == 500 && s[1].tok_end == 1000 && s[2].tok_end == 1200);
    free(s);
    kg_split_sentences(text, t, n, 7, &s, &ns);
    CHECK(ns == 172 && s[171].tok_end - s[171].tok_begin == 3);
    free(s);
    /* a cut never splits a terminator from its closing quote badly: still total */
    kg_split_sentences(text, t, n, 1, &s, &ns);
    CHECK(ns == 1200);
    free(s);
    free(t);
    free(text);
}

static void test_empty_and_free(void)
{
    kg_splitter *sp = kg_splitter_new("", NULL, 0, 0);
    kg_sentence s;
    CHECK(kg_splitter_next(sp, &s) == KG_FAILURE);
    kg_splitter_free(sp);
    kg_splitter_free(NULL);
    kg_sentence *v = (kg_sentence *)1;
    size_t n = 9;
    kg_split_sentences("", NULL, 0, 0, &v, &n);
    CHECK(n == 0);
    free(v);
}

static void test_pathological(void)
{
    /* 100,000 periods and abbreviations in a row */
    size_t n = 0, cap = 1 << 20;
    char *text = malloc(cap + 1);
    while (n + 4 <= cap) {
        memcpy(text + n, "Dr. ", 4);
        n += 4;
    }
    text[n] = '\0';
    kg_token *t;
    size_t nt, ns;
    kg_tokenize(text, n, 0, &t, &nt);
    kg_sentence *s;
    kg_split_sentences(text, t, nt, 0, &s, &ns);
    CHECK(ns == (nt + 499) / 500);
    free(s);
    free(t);
    free(text);
}

int main(void)
{
    RUN(test_table);
    RUN(test_header_lines);
    RUN(test_line_breaks);
    RUN(test_example_article);
    RUN(test_max_tokens);
    RUN(test_empty_and_free);
    RUN(test_pathological);
    return DONE();
}
