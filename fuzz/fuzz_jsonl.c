/* SPDX-License-Identifier: MIT
 * kg: libFuzzer target for the JSON Lines reader (io.h). */

#include "kg/io.h"
#include "kg/text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Each input is a JSON Lines file: every line is parsed; a record's id
 * must give a safe output path and its text goes through the reader
 * stage, as kg_batch_run does. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    kg_diag_sink quiet = {NULL, NULL};
    kg_reader_opts ro = kg_reader_opts_default();
    kg_jsonl_record rec = {0};
    size_t line = 0;
    for (size_t at = 0; at <= size;) {
        const char *nl = memchr(s + at, '\n', size - at);
        size_t end = nl ? (size_t)(nl - s) : size;
        line++;
        kg_status st = kg_jsonl_parse(s + at, end - at, "fuzz.jsonl", line, at, &quiet, &rec);
        if (st != KG_SUCCESS && st != KG_FAILURE && st != KG_ERR_SYNTAX) abort();
        if (st == KG_SUCCESS) {
            if (!rec.id || !rec.id[0] || !rec.text) abort();
            char *path = kg_output_path_id("out", "feed.jsonl", rec.id, "nt");
            /* the id never climbs out of the feed's folder */
            const char *tail = path + strlen("out/feed/");
            if (strncmp(path, "out/feed/", 9) != 0 || strchr(tail, '/') || tail[0] == '.') abort();
            free(path);
            kg_article *a = NULL;
            if (kg_article_from_memory(rec.id, rec.text, rec.text_len, &ro, &quiet, &a) ==
                KG_SUCCESS) {
                if (!a || strlen(a->text) != a->len) abort();
            }
            kg_article_free(a);
        }
        if (!nl) break;
        at = end + 1;
    }
    kg_jsonl_record_clear(&rec);
    return 0;
}
