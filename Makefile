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

.PHONY: all lib test unit asan ubsan clean install uninstall format format-check lint \
        example eval bench model fuzz

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

# The same under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	$(MAKE) BUILD=build/asan CC=clang \
	  CFLAGS="-O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" test
ubsan: asan

example: $(BUILD)/kg
	@mkdir -p out
	$(BUILD)/kg -o out/xinhua-suzhou-industrial-park.ttl \
	  --diagram out/xinhua-suzhou-industrial-park.svg examples/xinhua-suzhou-industrial-park.txt
	@echo "wrote out/xinhua-suzhou-industrial-park.ttl and out/xinhua-suzhou-industrial-park.svg"

format:
	clang-format -i src/*.c src/*.h include/kg/*.h tests/*.c tests/*.h

format-check:
	clang-format --dry-run --Werror src/*.c src/*.h include/kg/*.h tests/*.c tests/*.h

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

# ---- gazetteer ----
# data/gazetteer.tsv is generated from Debian iso-codes, tzdata and the
# hand-made tables in data/ (see data/README.md) and embedded in libkg by
# src/gazetteer_data.S.  `make gazetteer` regenerates it; CI runs
# `make gazetteer-check`, which fails when the committed table is stale.
.PHONY: gazetteer gazetteer-check
gazetteer:
	$(PYTHON) data/gen_gazetteer.py -o data/gazetteer.tsv

gazetteer-check:
	@mkdir -p $(BUILD)
	$(PYTHON) data/gen_gazetteer.py -o $(BUILD)/gazetteer.tsv
	diff -u data/gazetteer.tsv $(BUILD)/gazetteer.tsv > $(BUILD)/gazetteer.diff \
	  || { head -n 40 $(BUILD)/gazetteer.diff; \
	       echo "data/gazetteer.tsv is stale: run make gazetteer"; exit 1; }
	@echo "data/gazetteer.tsv is up to date"

# .incbin is invisible to -MMD: rebuild the object when the table changes.
$(BUILD)/obj/gazetteer_data.o: data/gazetteer.tsv
