# SPDX-License-Identifier: MIT
# kg: knowledge graphs from news articles.  See README.md.

VERSION    := 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
BUILD      ?= build
CC         ?= cc
PKG_CONFIG ?= pkg-config
PYTHON     ?= python3

PKGS       := raptor2 libgvc libcgraph libutf8proc
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)

CFLAGS     ?= -O2 -g
WARN       := -std=c11 -Wall -Wextra -pedantic -Wstrict-prototypes -Wshadow \
              -Wsign-conversion -Wno-overlength-strings
ALL_CFLAGS  = $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) -fPIC -MMD -MP
ALL_CPPFLAGS = -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
               -DKG_VERSION='"$(VERSION)"' $(PKG_CFLAGS) $(CPPFLAGS)
LIBS        = $(PKG_LIBS) -lpthread -lm $(LDLIBS)

LIB_C      := $(filter-out src/main.c,$(sort $(wildcard src/*.c)))
LIB_S      := $(sort $(wildcard src/*.S))
LIB_OBJ    := $(LIB_C:src/%.c=$(BUILD)/obj/%.o) $(LIB_S:src/%.S=$(BUILD)/obj/%.o)
TEST_C     := $(sort $(wildcard tests/test_*.c))
TEST_BIN   := $(TEST_C:tests/%.c=$(BUILD)/tests/%)

.PHONY: all lib test check asan ubsan clean install uninstall format format-check lint \
        example fixtures eval bench valgrind

all: $(BUILD)/kg $(BUILD)/libkg.so $(TEST_BIN)

lib: $(BUILD)/libkg.a $(BUILD)/libkg.so

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

# Embedded data (model, gazetteer) is pulled in with .incbin; rebuild the
# object when the data changes (the .d file lists it).
$(BUILD)/obj/%.o: src/%.S
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -MMD -MP -c $< -o $@

# .incbin is invisible to -MMD: rebuild the object when the lexicon changes.
$(BUILD)/obj/lexicon_data.o: ontology/relations.tsv

$(BUILD)/libkg.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/libkg.so: $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libkg.so.0 $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/kg: $(BUILD)/obj/main.o $(BUILD)/libkg.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/%.c $(BUILD)/libkg.a tests/test.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) -Itests $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libkg.a $(LIBS)

# The whole suite: unit tests, fixtures, CLI and round-trip tests.
test: all
	@BUILD=$(BUILD) sh tests/run.sh

# What CI runs (.ci/run): the suite with gcc, the suite again under
# ASan+UBSan with clang, and the checks of generated tables and format.
check:
	$(MAKE) test
	$(MAKE) asan
	$(MAKE) gazetteer-check
	$(MAKE) format-check
	@echo "check: all passed"

# Regenerate the sorted N-Triples fixtures examples/*.nt from kg's output
# (review the diff before committing it).
fixtures: $(BUILD)/kg
	@for f in examples/*.txt; do \
	  $(BUILD)/kg -f ntriples "$$f" | LC_ALL=C sort -u > "$${f%.txt}.nt" || exit 1; \
	  echo "wrote $${f%.txt}.nt"; done

# The same under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	$(MAKE) BUILD=build/asan CC=clang \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" test \
	  ASAN_OPTIONS=fast_unwind_on_malloc=0:detect_leaks=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
ubsan: asan

# The unit tests under valgrind (Graphviz and fontconfig caches suppressed).
valgrind: all
	@for t in $(TEST_BIN); do \
	  valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite \
	    --suppressions=tests/gv.supp $$t > /dev/null || { echo "valgrind: $$t"; exit 1; }; \
	done; echo "valgrind: clean"

# Accuracy on the development sets in ../shared (skipped without it).
eval: eval-tagger

# Speed.
bench: bench-tagger

example: $(BUILD)/kg
	@mkdir -p out
	$(BUILD)/kg -o out/xinhua-suzhou-industrial-park.ttl \
	  --diagram out/xinhua-suzhou-industrial-park.svg examples/xinhua-suzhou-industrial-park.txt
	@echo "wrote out/xinhua-suzhou-industrial-park.ttl and out/xinhua-suzhou-industrial-park.svg"

FORMAT_FILES = $(wildcard src/*.c src/*.h include/kg/*.h tests/*.c tests/*.h model/*.c bench/*.c)

format:
	clang-format -i $(FORMAT_FILES)

format-check:
	clang-format --dry-run --Werror $(FORMAT_FILES)

lint:
	clang-tidy $(LIB_C) src/main.c -- $(ALL_CPPFLAGS) -std=c11

install: $(BUILD)/kg $(BUILD)/libkg.a $(BUILD)/libkg.so
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include/kg \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/kg
	install -m 755 $(BUILD)/kg $(DESTDIR)$(PREFIX)/bin/kg
	install -m 644 $(BUILD)/libkg.a $(DESTDIR)$(PREFIX)/lib/libkg.a
	install -m 755 $(BUILD)/libkg.so $(DESTDIR)$(PREFIX)/lib/libkg.so.$(VERSION)
	ln -sf libkg.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libkg.so.0
	ln -sf libkg.so.0 $(DESTDIR)$(PREFIX)/lib/libkg.so
	install -m 644 include/kg/*.h $(DESTDIR)$(PREFIX)/include/kg/
	install -m 644 ontology/*.ttl ontology/*.tsv $(DESTDIR)$(PREFIX)/share/kg/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' kg.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/kg.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/kg $(DESTDIR)$(PREFIX)/lib/libkg.* \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig/kg.pc
	rm -rf $(DESTDIR)$(PREFIX)/include/kg $(DESTDIR)$(PREFIX)/share/kg

clean:
	rm -rf build out

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/main.d

# ---- tagger and parser ----
# The model is trained from the committed copy of UD English-EWT train
# (model/en_ewt-ud-train.conllu, CC BY-SA 4.0, see model/README.md) and
# embedded into libkg by src/tagger_model.S.  `make model` reproduces the
# committed model/kg-ewt.model exactly (fixed seeds, one thread).
EWT_DIR     ?= ../shared/data/ud-english-ewt
TAGGER_MODEL := model/kg-ewt.model
TAGGER_TRAIN_FLAGS ?= --tag-epochs 10 --parse-epochs 15 --folds 5 --seed 1 --prune 500 --tag-prune 250

$(BUILD)/obj/tagger_model.o: $(TAGGER_MODEL)

$(BUILD)/tagger_train: model/train.c $(BUILD)/libkg.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libkg.a $(LIBS)

$(BUILD)/tagger_bench: bench/tagger_bench.c $(BUILD)/libkg.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libkg.a $(LIBS)

model: $(BUILD)/tagger_train
	$(BUILD)/tagger_train $(TAGGER_TRAIN_FLAGS) model/en_ewt-ud-train.conllu $(TAGGER_MODEL)

.PHONY: bench-tagger eval-tagger
bench-tagger: $(BUILD)/tagger_bench
	@if [ -f $(EWT_DIR)/en_ewt-ud-dev.conllu ]; then \
	  $(BUILD)/tagger_bench --bench $(EWT_DIR)/en_ewt-ud-dev.conllu; \
	else \
	  $(BUILD)/tagger_bench --bench model/en_ewt-ud-train.conllu; \
	fi

eval-tagger: $(BUILD)/tagger_bench
	@if [ ! -d $(EWT_DIR) ]; then \
	  echo "eval-tagger: $(EWT_DIR) not found, skipping"; exit 0; fi; \
	for split in dev test; do \
	  $(BUILD)/tagger_bench --annotate $(EWT_DIR)/en_ewt-ud-$$split.conllu \
	    > $(BUILD)/tagger-$$split.conllu || exit 1; \
	  echo "EWT $$split (gold tokenisation):"; \
	  $(PYTHON) bench/tagger_eval.py $(EWT_DIR)/en_ewt-ud-$$split.conllu \
	    $(BUILD)/tagger-$$split.conllu || exit 1; \
	done

# ---- gazetteer ----
# data/gazetteer.tsv is generated from Debian iso-codes, tzdata and the
# hand-made tables in data/ (see data/README.md) and embedded in libkg by
# src/gazetteer_data.S.  `make gazetteer` regenerates it; CI runs
# `make gazetteer-check`, which fails when the committed table is stale.
# `make gazetteer-sources` also refreshes the committed extracts of tzdata
# and libtext-names-perl (data/tz_cities.tsv, data/person_names.tsv).
.PHONY: gazetteer gazetteer-check gazetteer-sources
gazetteer:
	$(PYTHON) data/gen_gazetteer.py -o data/gazetteer.tsv

gazetteer-sources:
	$(PYTHON) data/gen_gazetteer.py --extract -o data/gazetteer.tsv

gazetteer-check:
	@mkdir -p $(BUILD)
	$(PYTHON) data/gen_gazetteer.py -o $(BUILD)/gazetteer.tsv
	diff -u data/gazetteer.tsv $(BUILD)/gazetteer.tsv > $(BUILD)/gazetteer.diff \
	  || { head -n 40 $(BUILD)/gazetteer.diff; \
	       echo "data/gazetteer.tsv is stale: run make gazetteer"; exit 1; }
	@echo "data/gazetteer.tsv is up to date"

# .incbin is invisible to -MMD: rebuild the object when the table changes.
$(BUILD)/obj/gazetteer_data.o: data/gazetteer.tsv
