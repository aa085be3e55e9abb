/* SPDX-License-Identifier: MIT
 * kg: the relation lexicon (ontology/relations.tsv), embedded in libkg. */
    .section .rodata
    .global kg_lexicon_tsv
    .hidden kg_lexicon_tsv
    .global kg_lexicon_tsv_end
    .hidden kg_lexicon_tsv_end
kg_lexicon_tsv:
    .incbin "ontology/relations.tsv"
kg_lexicon_tsv_end:
    .byte 0
    .section .note.GNU-stack,"",@progbits
