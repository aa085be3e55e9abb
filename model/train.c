/* SPDX-License-Identifier: MIT
 * kg: command-line trainer for the embedded tagger/parser model. */
#include "tagger_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    kg_train_opts o = {
        .tag_epochs = 10, .par_epochs = 15, .folds = 5, .seed = 1, .prune = 0.0f, .verbose = 0};
    const char *dev = NULL;
    float extra[16];
    int i = 1;
    for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
        if (strcmp(argv[i], "--dev") == 0 && i + 1 < argc)
            dev = argv[++i];
        else if (strcmp(argv[i], "--tag-epochs") == 0 && i + 1 < argc)
            o.tag_epochs = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--parse-epochs") == 0 && i + 1 < argc)
            o.par_epochs = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--folds") == 0 && i + 1 < argc)
            o.folds = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc)
            o.seed = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--prune") == 0 && i + 1 < argc)
            o.prune = (float)atof(argv[++i]);
        else if (strcmp(argv[i], "--par-extra") == 0)
            o.par_feat |= KG_PAR_EXTRA;
        else if (strcmp(argv[i], "--beam") == 0 && i + 1 < argc)
            o.beam = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--word-classes") == 0 && i + 1 < argc)
            o.word_classes = argv[++i];
        else if (strcmp(argv[i], "--tag-prune") == 0 && i + 1 < argc)
            o.tag_prune = (float)atof(argv[++i]);
        else if (strcmp(argv[i], "--lab-prune") == 0 && i + 1 < argc)
            o.lab_prune = (float)atof(argv[++i]);
        else if (strcmp(argv[i], "--lab-dict") == 0 && i + 1 < argc) {
            // MIN,PURITY: the label dictionary (0: none)
            char *end;
            o.lab_dict_min = (unsigned)strtoul(argv[++i], &end, 10);
            o.lab_dict_purity = *end == ',' ? strtof(end + 1, NULL) : 1.0f;
        } else if (strcmp(argv[i], "--extra-prunes") == 0 && i + 1 < argc) {
            // comma-separated thresholds: also write OUT.pW models
            char *list = argv[++i], *end;
            o.extra_prunes = extra;
            while (*list && o.n_extra_prunes < 16) {
                extra[o.n_extra_prunes++] = strtof(list, &end);
                list = *end == ',' ? end + 1 : end;
                if (end == list && *end != ',') break;
            }
        } else if (strcmp(argv[i], "-v") == 0)
            o.verbose = 1;
        else {
            fprintf(stderr, "tagger_train: unknown option %s\n", argv[i]);
            return 2;
        }
    }
    if (argc - i != 2) {
        fprintf(stderr, "usage: tagger_train [--dev DEV.conllu] [--tag-epochs N] "
                        "[--parse-epochs N] [--folds N] [--seed N] [--prune W] [--tag-prune W] "
                        "[--lab-prune W] [--lab-dict MIN,PURITY] [--beam K] [--par-extra] "
                        "[--extra-prunes "
                        "W,W] [--word-classes FORMS.tsv] [-v] TRAIN.conllu OUT.model\n");
        return 2;
    }
    kg_status st = kg_tagger_train(argv[i], dev, argv[i + 1], &o);
    if (st != KG_SUCCESS) {
        fprintf(stderr, "tagger_train: %s\n", kg_strerror(st));
        return 1;
    }
    return 0;
}
