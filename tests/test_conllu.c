/* SPDX-License-Identifier: MIT
 * kg: tests for the CoNLL-U reader and writer. */
#include "kg/conllu.h"
#include "kg/tagger.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

static const char sample[] = "# sent_id = 1\n"
                             "# text = I don't know.\n"
                             "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
                             "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
                             "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
                             "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
                             "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n"
                             "4.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t4:conj\t_\n"
                             "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
                             "\n"
                             "\n"
                             "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\r\n";

typedef struct diags {
    int n;
    uint64_t line;
    kg_status st;
} diags;

static void collect(void *handle, const kg_diag *d)
{
    diags *ds = handle;
    ds->n++;
    ds->line = d->line;
    ds->st = d->status;
}

static void test_read(void)
{
    diags ds = {0};
    kg_diag_sink sink = {collect, &ds};
    kg_conllu_reader *r = kg_conllu_reader_new_buffer(sample, strlen(sample), "t", &sink);
    const kg_conllu_sentence *s;
    CHECK(kg_conllu_reader_next(r, &s) == KG_SUCCESS);
    CHECK(s->n_words == 5);
    CHECK(s->n_comments == 2);
    CHECK_STR(s->comments[1], "# text = I don't know.");
    CHECK_MEM(s->words[1].ptr, s->words[1].len, "do");
    CHECK_STR(s->tokens[2].lemma, "not");
    CHECK_STR(s->tokens[2].upos, "PART");
    CHECK(s->tokens[0].head == 4);
    CHECK(s->tokens[3].head == 0);
    CHECK(s->tokens[3].space_after == 0);
    CHECK(s->tokens[4].space_after == 1);
    CHECK(s->n_extra == 2);
    CHECK(s->extra[0].before == 1);
    CHECK(strncmp(s->extra[0].line, "2-3\tdon't\t", 10) == 0);
    CHECK(s->extra[1].before == 4);
    CHECK(s->line == 1);
    CHECK(kg_conllu_reader_next(r, &s) == KG_SUCCESS);
    CHECK(s->n_words == 1);
    CHECK_STR(s->tokens[0].misc, "_"); // CR stripped
    CHECK(s->line == 12);
    CHECK(kg_conllu_reader_next(r, &s) == KG_FAILURE);
    CHECK(ds.n == 0);
    kg_conllu_reader_free(r);
}

static void test_file(void)
{
    FILE *f = fmemopen((void *)sample, strlen(sample), "r");
    CHECK(f != NULL);
    kg_conllu_reader *r = kg_conllu_reader_new(f, "-", NULL);
    const kg_conllu_sentence *s;
    int n = 0;
    while (kg_conllu_reader_next(r, &s) == KG_SUCCESS)
        n++;
    CHECK(n == 2);
    kg_conllu_reader_free(r);
    fclose(f);
}

static void test_errors(void)
{
    static const char bad[] = "1\tA\ta\tX\tX\t_\t0\troot\t_\n" // 9 columns
                              "\n"
                              "1\tB\tb\tX\tX\t_\t0\troot\t_\t_\n" // fine
                              "\n"
                              "2\tC\tc\tX\tX\t_\t0\troot\t_\t_\n" // ID 2 first
                              "\n"
                              "1\tD\td\tX\tX\t_\tx\troot\t_\t_\n" // bad head
                              "\n"
                              "1\tE\te\tX\tX\t_\t7\troot\t_\t_\n"; // head too big
    diags ds = {0};
    kg_diag_sink sink = {collect, &ds};
    kg_conllu_reader *r = kg_conllu_reader_new_buffer(bad, strlen(bad), "bad", &sink);
    const kg_conllu_sentence *s;
    CHECK(kg_conllu_reader_next(r, &s) == KG_ERR_SYNTAX);
    CHECK(ds.n == 1 && ds.line == 1 && ds.st == KG_ERR_SYNTAX);
    CHECK(kg_conllu_reader_next(r, &s) == KG_SUCCESS);
    CHECK_MEM(s->words[0].ptr, s->words[0].len, "B");
    CHECK(kg_conllu_reader_next(r, &s) == KG_ERR_SYNTAX);
    CHECK(ds.line == 5);
    CHECK(kg_conllu_reader_next(r, &s) == KG_ERR_SYNTAX);
    CHECK(ds.line == 7);
    CHECK(kg_conllu_reader_next(r, &s) == KG_ERR_SYNTAX);
    CHECK(kg_conllu_reader_next(r, &s) == KG_FAILURE);
    CHECK(ds.n == 4);
    kg_conllu_reader_free(r);
    kg_conllu_reader_free(NULL);
}

static void test_write(void)
{
    kg_tagger *tg = NULL;
    CHECK(kg_tagger_default(&tg) == KG_SUCCESS);
    if (!tg) return;
    kg_conllu_reader *r = kg_conllu_reader_new_buffer(sample, strlen(sample), "t", NULL);
    const kg_conllu_sentence *s;
    CHECK(kg_conllu_reader_next(r, &s) == KG_SUCCESS);
    kg_parse *p = kg_parse_new();
    CHECK(kg_tagger_parse(tg, s->words, s->n_words, p) == KG_SUCCESS);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    CHECK(kg_conllu_write_sentence(out, tg, s, p) == KG_SUCCESS);
    fclose(out);
    // Comments and range/empty lines are kept, in place; 10 columns per line.
    CHECK(strncmp(buf, "# sent_id = 1\n# text = I don't know.\n1\tI\t", 40) == 0);
    CHECK(strstr(buf, "\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\t") != NULL);
    CHECK(strstr(buf, "\n4.1\tknow\t") != NULL);
    CHECK(strstr(buf, "\tSpaceAfter=No\n4.1\t") != NULL);
    CHECK(len >= 2 && buf[len - 1] == '\n' && buf[len - 2] == '\n');
    int tabs = 0;
    for (const char *c = strstr(buf, "\n5\t"); c && *c && c[1] != '\n'; c++)
        tabs += *c == '\t';
    CHECK(tabs == 9);
    // Read our own output back.
    kg_conllu_reader *r2 = kg_conllu_reader_new_buffer(buf, len, "out", NULL);
    const kg_conllu_sentence *s2;
    CHECK(kg_conllu_reader_next(r2, &s2) == KG_SUCCESS);
    CHECK(s2->n_words == 5 && s2->n_extra == 2);
    CHECK(s2->tokens[3].space_after == 0);
    kg_conllu_reader_free(r2);
    free(buf);
    // A size mismatch is an argument error.
    kg_conllu_out o = {NULL, 0, s->words, 3, NULL, NULL, 0};
    CHECK(kg_conllu_write(stdout, tg, &o, p) == KG_ERR_ARG);
    kg_parse_free(p);
    kg_conllu_reader_free(r);
    kg_tagger_free(tg);
}

int main(void)
{
    RUN(test_read);
    RUN(test_file);
    RUN(test_errors);
    RUN(test_write);
    return DONE();
}
