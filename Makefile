# afc - the afsprakenkader compiler.
# make            build ./afc
# make samples    render every sample to every format in out/
# make check      run the test suite (installs missing Debian packages)
# make asan       the suite under AddressSanitizer and UBSan
# make fuzz       each libFuzzer harness for FUZZ_SECONDS (tests/fuzz/)
# make bench      throughput, time and memory figures
# make bench-batch  afc build of many zones: cold, no-op, one changed
# make install    PREFIX, DESTDIR, BINDIR, DATADIR, MANDIR as usual
# make uninstall  removes what make install wrote

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/afc
MANDIR   ?= $(PREFIX)/share/man
INSTALL  ?= install

CC       ?= cc
CFLAGS   ?= -O2 -g
# Warnings are errors in the test build (make check, make asan) only: a
# user's compiler may know warnings ours does not.
WARNINGS  = -Wall -Wextra -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wpointer-arith -Wformat=2
WERROR   ?=
PKGS      = libcmark yaml-0.1 harfbuzz harfbuzz-subset
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lcmark -lyaml -lharfbuzz-subset -lharfbuzz)
AFC_CPPFLAGS = -D_XOPEN_SOURCE=700 -Icompiler -Ibuild/gen $(PKG_CFLAGS)
LIBS      = $(PKG_LIBS) -lhpdf -lhyphen -lm

# The compiler, one folder per stage (docs/internals.md).
SRCS     := $(sort $(wildcard compiler/*/*.c))
MAIN_SRC := compiler/cli/main.c
OBJS     := $(SRCS:compiler/%.c=build/obj/%.o)
LIBOBJS  := $(filter-out build/obj/cli/%.o,$(OBJS))

SAMPLES  := $(sort $(wildcard samples/*.afs))
FORMATS  ?= md,html,pdf

.PHONY: all clean check samples asan fuzz bench bench-batch install uninstall deps \
        deps-check golden FORCE

all: afc

# What the objects are built with, recorded so that a change of the
# compiler, its flags, VERSION or the directories rebuilds what it
# affects: every object for the flags, the files including config.h for
# VERSION and DATADIR. (-Werror changes no object and is left out.)
build/gen/flags: FORCE
	@mkdir -p build/gen
	@echo '$(CC) $(CFLAGS) $(CPPFLAGS) $(PKG_CFLAGS)' | \
	    cmp -s - $@ || echo '$(CC) $(CFLAGS) $(CPPFLAGS) $(PKG_CFLAGS)' >$@
build/gen/config.h: FORCE
	@mkdir -p build/gen
	@printf '#define AFC_VERSION "%s"\n#define AFC_DATADIR "%s"\n' \
	    '$(VERSION)' '$(DATADIR)' | cmp -s - $@ || \
	printf '#define AFC_VERSION "%s"\n#define AFC_DATADIR "%s"\n' \
	    '$(VERSION)' '$(DATADIR)' >$@

afc: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LIBS)

build/obj/%.o: compiler/%.c build/gen/flags | build/gen/config.h
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) -std=c11 $(CFLAGS) $(WARNINGS) $(WERROR) $(AFC_CPPFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

# Unit tests: every tests/unit-NAME.c is a program build/unit-NAME.
UNITS    := $(patsubst tests/%.c,build/%,$(sort $(wildcard tests/unit-*.c)))
build/unit-%: tests/unit-%.c tests/unit.h $(LIBOBJS)
	$(CC) -std=c11 $(CFLAGS) $(WARNINGS) $(WERROR) $(AFC_CPPFLAGS) -o $@ $< $(LIBOBJS) $(LIBS)

-include $(OBJS:.o=.d)

deps:
	@.ci/deps build

deps-check:
	@.ci/deps check

samples: deps
	@$(MAKE) --no-print-directory afc
	@mkdir -p out
	./afc build --to $(FORMATS) -o out $(SAMPLES)

# The suite, then the suite again under ASan + UBSan; one total at the
# end. Without clang the fuzzer is not built and its checks say so.
HAVE_CLANG := $(shell command -v clang >/dev/null 2>&1 && echo yes)
FUZZ_NAMES := md html pdf style template font
FUZZERS  := $(if $(HAVE_CLANG),$(FUZZ_NAMES:%=build/fuzz/fuzz-%))
check: deps-check
	@$(MAKE) --no-print-directory WERROR=-Werror afc $(UNITS) \
	    build/asan/afc $(UNITS:build/%=build/asan/%) $(FUZZERS)
	@AFC_WITH_ASAN=1 tests/run

# The suite again with sanitizers, from a separate build directory.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=undefined
asan: deps-check
	@$(MAKE) --no-print-directory WERROR=-Werror build/asan/afc \
	    $(UNITS:build/%=build/asan/%)
	@AFC=build/asan/afc UNITDIR=build/asan AFC_SUITE=asan tests/run

ASAN_OBJS := $(SRCS:compiler/%.c=build/asan/%.o)
ASAN_LIBOBJS := $(filter-out build/asan/cli/%.o,$(ASAN_OBJS))
build/asan/%.o: compiler/%.c build/gen/flags | build/gen/config.h
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@$(CC) -std=c11 $(ASAN_FLAGS) $(WARNINGS) $(WERROR) $(AFC_CPPFLAGS) -MMD -MP -c -o $@ $<
build/asan/afc: $(ASAN_OBJS)
	$(CC) $(ASAN_FLAGS) -o $@ $(ASAN_OBJS) $(LIBS)
build/asan/unit-%: tests/unit-%.c tests/unit.h $(ASAN_LIBOBJS)
	$(CC) -std=c11 $(ASAN_FLAGS) $(WARNINGS) $(WERROR) $(AFC_CPPFLAGS) -o $@ $< $(ASAN_LIBOBJS) $(LIBS)
-include $(ASAN_OBJS:.o=.d)

# Undefined behaviour stops a fuzzer, which then keeps the input.
FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=undefined
FUZZ_OBJS := $(filter-out build/fuzz/cli/%.o,$(SRCS:compiler/%.c=build/fuzz/%.o))
build/fuzz/%.o: compiler/%.c build/gen/flags | build/gen/config.h
	@mkdir -p $(dir $@)
	@echo "  CC      $@"
	@clang -std=c11 $(FUZZ_FLAGS) $(AFC_CPPFLAGS) -MMD -MP -c -o $@ $<
# One fuzzer per input (tests/fuzz/run says which): the pipeline into
# each backend from tests/fuzz/backend.c, the others from their files.
FUZZ_LINK = clang -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined \
            -fno-sanitize-recover=undefined $(AFC_CPPFLAGS)
build/fuzz/fuzz-md build/fuzz/fuzz-html build/fuzz/fuzz-pdf: build/fuzz/fuzz-%: \
    tests/fuzz/backend.c $(FUZZ_OBJS)
	$(FUZZ_LINK) -DFUZZ_BACKEND='"$*"' -o $@ $< $(FUZZ_OBJS) $(LIBS)
build/fuzz/fuzz-style build/fuzz/fuzz-template build/fuzz/fuzz-font: build/fuzz/fuzz-%: \
    tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ_OBJS)
	$(FUZZ_LINK) -o $@ $< $(FUZZ_OBJS) $(LIBS)

-include $(FUZZ_OBJS:.o=.d)

FUZZ_SECONDS ?= 60
# Each fuzzer for FUZZ_SECONDS, its corpus kept in build/fuzz/corpus-NAME
# and any crashing input in build/fuzz/crashes.
fuzz: deps-check $(FUZZ_NAMES:%=build/fuzz/fuzz-%)
	@for f in $(FUZZ_NAMES); do \
	    echo "fuzz-$$f: $(FUZZ_SECONDS) s"; \
	    tests/fuzz/run $$f $(FUZZ_SECONDS) build/fuzz/corpus-$$f \
	        build/fuzz/crashes || { tail -30 build/fuzz/crashes/$$f.log; exit 1; }; \
	    grep '^stat::number_of_executed_units' build/fuzz/crashes/$$f.log; \
	done

# The compiler without its command line, for the benchmark programs.
build/libafc.a: $(LIBOBJS)
	@rm -f $@
	ar rcs $@ $(LIBOBJS)

bench: deps-check afc build/libafc.a
	@for b in tests/bench.d/*.sh; do sh "$$b" || exit 1; done

# afc build of 60 and 600 zones: cold, no-op, one changed (ZONES=N).
bench-batch: deps-check afc
	@sh tests/bench.d/batch.bench

# Regenerates the golden files from the current build: read the diff.
golden: afc
	@for g in tests/golden-*; do "$$g" || exit 1; done

# The data files, as paths under templates/ and fonts/.
DATA := $(shell find templates fonts -type f ! -name '*.sh' | LC_ALL=C sort)

install: afc
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 755 afc $(DESTDIR)$(BINDIR)/afc
	@for f in $(DATA); do \
	    echo "$(INSTALL) -D -m 644 $$f $(DESTDIR)$(DATADIR)/$$f"; \
	    $(INSTALL) -D -m 644 "$$f" "$(DESTDIR)$(DATADIR)/$$f" || exit 1; \
	done
	$(INSTALL) -m 644 docs/afc.1 $(DESTDIR)$(MANDIR)/man1/afc.1

# Removes the files install wrote, then the folders they leave empty.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/afc $(DESTDIR)$(MANDIR)/man1/afc.1
	@for f in $(DATA); do rm -f "$(DESTDIR)$(DATADIR)/$$f"; done
	@for d in $$(cd $(DESTDIR)$(DATADIR) 2>/dev/null && \
	    find templates fonts -depth -type d); do \
	    rmdir "$(DESTDIR)$(DATADIR)/$$d" 2>/dev/null || true; done
	@rmdir "$(DESTDIR)$(DATADIR)" 2>/dev/null || true

clean:
	rm -rf build out afc

FORCE:
