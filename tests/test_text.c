/* SPDX-License-Identifier: MIT
 * kg: tests of the article reader (validation, NFC, header, chunked feeding). */

#include "kg/text.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

#define EXAMPLE "examples/xinhua-suzhou-industrial-park.txt"

/* A diagnostic sink that keeps the last diagnostic. */
typedef struct {
    int count;
    kg_status status;
    uint64_t line, col, offset;
    char file[256];
    char message[1024];
} last_diag;

static void keep_diag(void *handle, const kg_diag *d)
{
    last_diag *l = handle;
    l->count++;
    l->status = d->status;
    l->line = d->line;
    l->col = d->col;
    l->offset = d->offset;
    snprintf(l->file, sizeof l->file, "%s", d->file ? d->file : "");
    snprintf(l->message, sizeof l->message, "%s", d->message);
}

static kg_status from_mem(const char *s, size_t len, kg_article **a, last_diag *l)
{
    memset(l, 0, sizeof *l);
    kg_diag_sink sink = {keep_diag, l};
    kg_reader_opts o = kg_reader_opts_default();
    return kg_article_from_memory("mem", s, len, &o, &sink, a);
}

static kg_status from_str(const char *s, kg_article **a, last_diag *l)
{
    return from_mem(s, strlen(s), a, l);
}

/* The span must be exactly where the string is in the text. */
static int span_ok(const kg_article *a, kg_span sp, const char *s)
{
    if (!s) return sp.len == 0;
    return sp.len == strlen(s) && sp.off + sp.len <= a->len &&
           memcmp(a->text + sp.off, s, sp.len) == 0;
}

static int str_eq(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int same_article(const kg_article *a, const kg_article *b)
{
    return a->len == b->len && memcmp(a->text, b->text, a->len) == 0 &&
           a->body_off == b->body_off && str_eq(a->date, b->date) && str_eq(a->title, b->title) &&
           str_eq(a->dateline, b->dateline) && str_eq(a->agency, b->agency) &&
           a->title_span.off == b->title_span.off && a->title_span.len == b->title_span.len &&
           a->dateline_span.off == b->dateline_span.off && a->agency_span.off == b->agency_span.off;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    char *buf = malloc(1 << 20);
    *len = fread(buf, 1, 1 << 20, f);
    fclose(f);
    return buf;
}

static void test_example_article(void)
{
    kg_article *a = NULL;
    last_diag l = {0};
    kg_diag_sink sink = {keep_diag, &l};
    CHECK(kg_article_read_file(EXAMPLE, NULL, &sink, &a) == KG_SUCCESS);
    if (!a) return;
    CHECK_STR(a->name, EXAMPLE);
    CHECK_STR(a->date, "2024-11-21");
    CHECK_STR(a->title, "China's leading industrial park aims for globally attractive open hub");
    CHECK_STR(a->dateline, "BEIJING");
    CHECK_STR(a->agency, "Xinhua");
    CHECK(span_ok(a, a->title_span, a->title));
    CHECK(span_ok(a, a->dateline_span, a->dateline));
    CHECK(span_ok(a, a->agency_span, a->agency));
    CHECK(span_ok(a, a->date_span, "2024-11-21"));
    CHECK(a->body_off < a->len && strncmp(a->text + a->body_off, "China has pledged", 17) == 0);
    CHECK(a->ascii);
    CHECK(kg_article_char_offset(a, a->body_off) == a->body_off);
    CHECK(l.count == 0);
    kg_article_free(a);
}

static void test_chunk_sizes(void)
{
    size_t len = 0;
    char *buf = slurp(EXAMPLE, &len);
    CHECK(buf != NULL);
    if (!buf) return;
    /* add non-ASCII (NFC-relevant) text so chunk borders split code points */
    const char *extra =
        "\nCafe\xCC\x81 in Z\xC3\xBCrich \xE4\xB8\xAD\xE5\x9B\xBD \xF0\x9F\x98\x80.\r\n";
    memcpy(buf + len, extra, strlen(extra));
    len += strlen(extra);
    kg_article *ref = NULL;
    last_diag l;
    CHECK(from_mem(buf, len, &ref, &l) == KG_SUCCESS);
    if (!ref) {
        free(buf);
        return;
    }
    srand(42);
    for (int chunk = 0; chunk <= 5; chunk++) { /* 0 = random sizes, then 1-5 */
        kg_reader *r = kg_reader_new("mem", NULL, NULL);
        for (size_t i = 0; i < len;) {
            size_t n = chunk ? (size_t)chunk : (size_t)(rand() % 97) + 1;
            if (n > len - i) n = len - i;
            CHECK(kg_reader_feed(r, buf + i, n) == KG_SUCCESS);
            i += n;
        }
        kg_article *a = NULL;
        CHECK(kg_reader_finish(r, &a) == KG_SUCCESS);
        CHECK(a && same_article(a, ref));
        kg_article_free(a);
        kg_reader_free(r);
    }
    CHECK_STR(ref->dateline, "BEIJING");
    kg_article_free(ref);
    free(buf);
}

static void test_no_header(void)
{
    kg_article *a;
    last_diag l;
    CHECK(from_str("Plain text without any header. It goes on.\n\nSecond paragraph.", &a, &l) ==
          KG_SUCCESS);
    CHECK(a->date == NULL && a->title == NULL && a->dateline == NULL && a->agency == NULL);
    CHECK(a->body_off == 0 && a->title_span.len == 0);
    kg_article_free(a);

    /* a first line ending in a period is not a title */
    CHECK(from_str("This is a sentence.\n\nAnd another one.", &a, &l) == KG_SUCCESS);
    CHECK(a->title == NULL && a->body_off == 0);
    kg_article_free(a);

    /* nor one that ends with a quoted sentence, nor one with two sentences */
    CHECK(from_str("He said \"yes.\"\n\nMore.", &a, &l) == KG_SUCCESS);
    CHECK(a->title == NULL);
    kg_article_free(a);
    CHECK(from_str("He said \xE2\x80\x9Cyes.\xE2\x80\x9D\n\nMore.", &a, &l) == KG_SUCCESS);
    CHECK(a->title == NULL);
    kg_article_free(a);
    CHECK(from_str("Hello there. How are you\n\nMore.", &a, &l) == KG_SUCCESS);
    CHECK(a->title == NULL);
    kg_article_free(a);
    CHECK(from_str("Is China's Economy Slowing?\n\nMore.", &a, &l) == KG_SUCCESS);
    CHECK_STR(a->title, "Is China's Economy Slowing?");
    kg_article_free(a);

    /* a first line that runs on (no blank line) is not a title */
    CHECK(from_str("Short line\nthat continues.\n\nMore.", &a, &l) == KG_SUCCESS);
    CHECK(a->title == NULL);
    kg_article_free(a);

    /* no_header */
    kg_reader_opts o = kg_reader_opts_default();
    o.no_header = 1;
    CHECK(kg_article_from_memory("x", " date 2024-11-21 T\n\nBody.", 25, &o, NULL, &a) ==
          KG_SUCCESS);
    CHECK(a->date == NULL && a->title == NULL && a->body_off == 0);
    kg_article_free(a);
}

static void test_title_heuristic(void)
{
    kg_article *a;
    last_diag l;
    CHECK(from_str("Floods Hit Southern Region\n\nHeavy rain fell on Monday.", &a, &l) ==
          KG_SUCCESS);
    CHECK_STR(a->title, "Floods Hit Southern Region");
    CHECK(span_ok(a, a->title_span, a->title));
    CHECK(strncmp(a->text + a->body_off, "Heavy rain", 10) == 0);
    CHECK(a->date == NULL);
    kg_article_free(a);

    CHECK(from_str("Floods Hit Region\n\nNov. 21, 2024\n\nLONDON, March 3 (AP) \xE2\x80\x94 Heavy "
                   "rain fell.",
                   &a, &l) == KG_SUCCESS);
    CHECK_STR(a->title, "Floods Hit Region");
    CHECK_STR(a->date, "2024-11-21");
    CHECK_STR(a->dateline, "LONDON");
    CHECK_STR(a->agency, "AP");
    CHECK(strncmp(a->text + a->body_off, "Heavy rain", 10) == 0);
    kg_article_free(a);
}

static void test_datelines(void)
{
    static const struct {
        const char *text, *place, *agency, *body;
    } cases[] = {
        {"WASHINGTON (Reuters) - The Senate voted.", "WASHINGTON", "Reuters", "The Senate"},
        {"LONDON, March 3 (AP) \xE2\x80\x94 Prices rose.", "LONDON", "AP", "Prices"},
        {"Geneva, 12 June 2023 (AFP) \xE2\x80\x93 Talks began.", "Geneva", "AFP", "Talks"},
        {"BEIJING, Nov. 21 (Xinhua) -- China has pledged.", "BEIJING", "Xinhua", "China"},
        {"NEW YORK \xE2\x80\x94 Stocks fell.", "NEW YORK", NULL, "Stocks"},
        {"Smith - the owner - said so.", NULL, NULL, NULL},
        {"The Ministry of Commerce, in a notice (dated today) - said.", NULL, NULL, NULL},
        {"Officials (who asked not to be named) - said it.", NULL, NULL, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kg_article *a;
        last_diag l;
        CHECK(from_str(cases[i].text, &a, &l) == KG_SUCCESS);
        if (!str_eq(a->dateline, cases[i].place) || !str_eq(a->agency, cases[i].agency))
            fprintf(stderr, "dateline case %zu: got %s / %s\n", i, a->dateline, a->agency);
        CHECK(str_eq(a->dateline, cases[i].place));
        CHECK(str_eq(a->agency, cases[i].agency));
        CHECK(span_ok(a, a->dateline_span, a->dateline));
        CHECK(span_ok(a, a->agency_span, a->agency));
        if (cases[i].body)
            CHECK(strncmp(a->text + a->body_off, cases[i].body, strlen(cases[i].body)) == 0);
        else
            CHECK(a->body_off == 0);
        kg_article_free(a);
    }
}

static void test_date_lines(void)
{
    static const struct {
        const char *text, *date;
    } cases[] = {
        {"November 21, 2024\n\nBody text.", "2024-11-21"},
        {"Nov. 21, 2024\n\nBody text.", "2024-11-21"},
        {"2024-11-21\n\nBody text.", "2024-11-21"},
        {"21 November 2024\n\nBody text.", "2024-11-21"},
        {"Sept. 3, 2021\n\nBody text.", "2021-09-03"},
        {"Thursday, November 21, 2024\n\nBody text.", "2024-11-21"},
        {" date 2023-01-05 A Title\n\nNovember 21, 2024\n\nBody.", "2023-01-05"},
        {"November 32, 2024\n\nBody text.", NULL},
        {"2024-13-01\n\nBody text.", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        kg_article *a;
        last_diag l;
        CHECK(from_str(cases[i].text, &a, &l) == KG_SUCCESS);
        if (!str_eq(a->date, cases[i].date)) fprintf(stderr, "date case %zu: got %s\n", i, a->date);
        CHECK(str_eq(a->date, cases[i].date));
        if (cases[i].date) CHECK(strncmp(a->text + a->body_off, "Body", 4) == 0);
        kg_article_free(a);
    }
}

static void test_bom_and_line_ends(void)
{
    kg_article *a;
    last_diag l;
    CHECK(from_str("\xEF\xBB\xBFHello world.", &a, &l) == KG_SUCCESS);
    CHECK_STR(a->text, "Hello world.");
    CHECK(a->len == 12);
    kg_article_free(a);

    CHECK(from_str(" date 2024-11-21 A title\r\n\r\nBody one.\r\nBody\rtwo.\r\n", &a, &l) ==
          KG_SUCCESS);
    CHECK_STR(a->text, " date 2024-11-21 A title\n\nBody one.\nBody\ntwo.\n");
    CHECK_STR(a->title, "A title");
    CHECK(span_ok(a, a->title_span, "A title"));
    CHECK(strncmp(a->text + a->body_off, "Body one.", 9) == 0);
    kg_article_free(a);
}

static void test_invalid_utf8(void)
{
    kg_article *a = (kg_article *)1;
    last_diag l;
    CHECK(from_mem("ab\ncd\xff"
                   "e",
                   7, &a, &l) == KG_ERR_UTF8);
    CHECK(a == NULL);
    CHECK(l.count == 1 && l.status == KG_ERR_UTF8);
    CHECK(l.line == 2 && l.col == 3 && l.offset == 5);
    CHECK_STR(l.file, "mem");
    CHECK(strstr(l.message, "byte offset 5") != NULL);
    CHECK(strstr(l.message, "line 2") != NULL && strstr(l.message, "column 3") != NULL);

    static const struct {
        const char *s;
        size_t off;
    } bad[] = {
        {"x\xC0\xAF", 1},             /* overlong '/' */
        {"x\xE0\x80\xAF", 1},         /* overlong, 3 bytes */
        {"x\xF0\x80\x80\xAF", 1},     /* overlong, 4 bytes */
        {"x\xED\xA0\x80", 1},         /* surrogate U+D800 */
        {"x\xED\xBF\xBF", 1},         /* surrogate U+DFFF */
        {"x\xF4\x90\x80\x80", 1},     /* U+110000 */
        {"x\xF8\x88\x80\x80\x80", 1}, /* 5-byte form */
        {"xy\xE2\x82", 2},            /* truncated at end */
        {"xy\xE2\x82z", 2},           /* truncated inside */
        {"abc\x80", 3},               /* stray continuation */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(from_str(bad[i].s, &a, &l) == KG_ERR_UTF8);
        CHECK(l.offset == bad[i].off && l.line == 1 && l.col == bad[i].off + 1);
    }
    /* valid edge cases pass */
    CHECK(from_str("\xF4\x8F\xBF\xBF \xEE\x80\x80 \xC2\x80 ok", &a, &l) == KG_SUCCESS);
    kg_article_free(a);

    /* CRLF counts as one line break for the location */
    CHECK(from_str("a\r\nb\r\nc\xff", &a, &l) == KG_ERR_UTF8);
    CHECK(l.line == 3 && l.col == 2 && l.offset == 7);
}

static void test_nul_empty_too_big(void)
{
    kg_article *a;
    last_diag l;
    CHECK(from_mem("abc\0def", 7, &a, &l) == KG_ERR_BINARY);
    CHECK(l.status == KG_ERR_BINARY && l.offset == 3);
    CHECK(strstr(l.message, "binary") != NULL && strstr(l.message, "3") != NULL);
    /* binary wins over invalid UTF-8 */
    CHECK(from_mem("\x89PNG\r\n\x1a\n\0\0", 10, &a, &l) == KG_ERR_BINARY);

    CHECK(from_str("", &a, &l) == KG_ERR_EMPTY);
    CHECK(l.status == KG_ERR_EMPTY);
    CHECK(from_str(" \n\t \r\n  ", &a, &l) == KG_ERR_EMPTY);
    CHECK(strstr(l.message, "white space") != NULL);
    CHECK(from_str("\xEF\xBB\xBF", &a, &l) == KG_ERR_EMPTY);
    CHECK(from_str("\xE3\x80\x80\xC2\xA0\n", &a, &l) == KG_ERR_EMPTY); /* U+3000, NBSP */

    kg_reader_opts o = kg_reader_opts_default();
    o.max_bytes = 10;
    kg_diag_sink sink = {keep_diag, &l};
    memset(&l, 0, sizeof l);
    CHECK(kg_article_from_memory("big", "0123456789X", 11, &o, &sink, &a) == KG_ERR_TOO_BIG);
    CHECK(l.status == KG_ERR_TOO_BIG && strstr(l.message, "10 bytes") != NULL);
    CHECK(kg_article_from_memory("ok", "0123456789", 10, &o, &sink, &a) == KG_SUCCESS);
    kg_article_free(a);

    /* chunked: fails as soon as the limit is passed, reported once */
    memset(&l, 0, sizeof l);
    kg_reader *r = kg_reader_new("big", &o, &sink);
    CHECK(kg_reader_feed(r, "01234", 5) == KG_SUCCESS);
    CHECK(kg_reader_feed(r, "56789", 5) == KG_SUCCESS);
    CHECK(kg_reader_feed(r, "X", 1) == KG_ERR_TOO_BIG);
    CHECK(kg_reader_feed(r, "Y", 1) == KG_ERR_TOO_BIG);
    CHECK(kg_reader_finish(r, &a) == KG_ERR_TOO_BIG && a == NULL);
    CHECK(l.count == 1);
    kg_reader_free(r);
}

static void test_files(void)
{
    kg_article *a;
    last_diag l = {0};
    kg_diag_sink sink = {keep_diag, &l};
    CHECK(kg_article_read_file("tests/data", NULL, &sink, &a) == KG_ERR_IO);
    CHECK(l.status == KG_ERR_IO && strstr(l.message, "tests/data") != NULL);
    CHECK(strstr(l.message, "directory") != NULL);
    memset(&l, 0, sizeof l);
    CHECK(kg_article_read_file("tests/data/no-such-file.txt", NULL, &sink, &a) == KG_ERR_IO);
    CHECK(strstr(l.message, "no-such-file.txt") != NULL);
    CHECK(strstr(l.message, "No such file") != NULL);
    CHECK_STR(l.file, "tests/data/no-such-file.txt");

    /* the negative fixtures the CLI tests reuse */
    memset(&l, 0, sizeof l);
    CHECK(kg_article_read_file("tests/data/bad-utf8.txt", NULL, &sink, &a) == KG_ERR_UTF8);
    CHECK(l.line == 2 && l.col == 29 && l.offset == 48);
    CHECK_STR(l.file, "tests/data/bad-utf8.txt");
    CHECK(kg_article_read_file("tests/data/bad-nul.txt", NULL, &sink, &a) == KG_ERR_BINARY);
    CHECK(l.offset == 17);
    CHECK(kg_article_read_file("tests/data/bad-empty.txt", NULL, &sink, &a) == KG_ERR_EMPTY);
    CHECK(kg_article_read_file("tests/data/bad-space.txt", NULL, &sink, &a) == KG_ERR_EMPTY);
    CHECK(kg_article_read_file("tests/data/bad-overlong.txt", NULL, &sink, &a) == KG_ERR_UTF8);
    CHECK(kg_article_read_file("tests/data/bad-surrogate.txt", NULL, &sink, &a) == KG_ERR_UTF8);

    /* stdin */
    if (freopen(EXAMPLE, "rb", stdin)) {
        CHECK(kg_article_read_file("-", NULL, &sink, &a) == KG_SUCCESS);
        CHECK_STR(a->name, "-");
        CHECK_STR(a->dateline, "BEIJING");
        kg_article_free(a);
    }
}

static size_t naive_chars(const char *s, size_t off)
{
    size_t n = 0;
    for (size_t i = 0; i < off; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

static void test_nfc_and_offsets(void)
{
    kg_article *a;
    last_diag l;
    /* u + U+0308 -> ü */
    CHECK(from_str("Zu\xCC\x88rich and Mu\xCC\x88nchen.", &a, &l) == KG_SUCCESS);
    CHECK_STR(a->text, "Z\xC3\xBCrich and M\xC3\xBCnchen.");
    CHECK(!a->ascii);
    const char *m = strstr(a->text, "M\xC3\xBC");
    CHECK(m && kg_article_char_offset(a, (size_t)(m - a->text)) == 11);
    CHECK(kg_article_char_offset(a, a->len) == 19);
    kg_article_free(a);

    /* long mixed text: every offset, in order and out of order */
    char buf[4096];
    size_t n = 0;
    while (n + 16 < sizeof buf) {
        memcpy(buf + n, "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80 bc ", 15);
        n += 15;
    }
    buf[n] = '\0';
    CHECK(from_str(buf, &a, &l) == KG_SUCCESS);
    int ok = 1;
    for (size_t i = 0; i <= a->len; i++)
        ok &= kg_article_char_offset(a, i) == naive_chars(a->text, i);
    for (size_t i = a->len + 1; i-- > 0;)
        ok &= kg_article_char_offset(a, i) == naive_chars(a->text, i);
    CHECK(ok);
    CHECK(kg_article_char_offset(a, a->len + 100) == naive_chars(a->text, a->len));
    kg_article_free(a);

    /* a hand-built article (no index) still works */
    kg_article h = {0};
    h.text = "\xC3\xA9t\xC3\xA9";
    h.len = 5;
    CHECK(kg_article_char_offset(&h, 3) == 2);
}

static void test_free_null(void)
{
    kg_article_free(NULL);
    kg_reader_free(NULL);
    CHECK(1);
}

int main(void)
{
    RUN(test_example_article);
    RUN(test_chunk_sizes);
    RUN(test_no_header);
    RUN(test_title_heuristic);
    RUN(test_datelines);
    RUN(test_date_lines);
    RUN(test_bom_and_line_ends);
    RUN(test_invalid_utf8);
    RUN(test_nul_empty_too_big);
    RUN(test_files);
    RUN(test_nfc_and_offsets);
    RUN(test_free_null);
    return DONE();
}
