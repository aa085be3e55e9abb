/* SPDX-License-Identifier: MIT
 * kg: libFuzzer target for the gazetteer table loader (gazetteer.h). */

#include "kg/gazetteer.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Each input is written to a temporary file and added with
 * kg_gazetteer_add_file() (there is no buffer API) to the embedded
 * gazetteer, then its first bytes are looked up.  Loading the embedded
 * table costs about 10 ms, so one gazetteer serves many inputs and is
 * reloaded after 64 successful additions (a file with an error adds
 * nothing); a crash that depends on earlier inputs is reproduced by
 * running the fuzzer on the whole crash directory in order. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static kg_gazetteer *gaz;
static char tmp_path[4096]; /* in $TMPDIR: fuzz/run.sh gives each target its own */
static unsigned added;

static void remove_tmp(void)
{
    unlink(tmp_path);
    kg_gazetteer_free(gaz);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *tmp = getenv("TMPDIR");
    snprintf(tmp_path, sizeof tmp_path, "%s/kg-fuzz-gaz-XXXXXX", tmp ? tmp : "/tmp");
    int fd = mkstemp(tmp_path);
    if (fd < 0) abort();
    close(fd);
    atexit(remove_tmp);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!gaz || added >= 64) {
        kg_gazetteer_free(gaz);
        if (kg_gazetteer_default(&gaz) != KG_SUCCESS) abort();
        added = 0;
    }
    FILE *f = fopen(tmp_path, "wb");
    if (!f) abort();
    if (size && fwrite(data, 1, size, f) != size) abort();
    if (fclose(f) != 0) abort();
    kg_diag_sink quiet = {NULL, NULL};
    kg_status st = kg_gazetteer_add_file(gaz, tmp_path, &quiet);
    if (st == KG_SUCCESS)
        added++;
    else if (st != KG_ERR_SYNTAX)
        abort();
    const kg_gaz_entry *const *hits = NULL;
    size_t n = size < 24 ? size : 24;
    for (size_t k = 1; k <= n; k++)
        kg_gazetteer_lookup(gaz, (const char *)data, k, &hits, NULL);
    return 0;
}
