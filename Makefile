# afc - the afsprakenkader compiler.
# make            build ./afc
# make samples    render every sample to every format in out/
# make check      run the test suite (installs missing Debian packages)
# make asan       the suite under AddressSanitizer and UBSan
# make fuzz       a libFuzzer run over parse, check and render
# make bench      throughput, time and memory figures
# make install    PREFIX, DESTDIR, BINDIR, DATADIR, MANDIR as usual

VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/afc
MANDIR   ?= $(PREFIX)/share/man

CC       ?= cc
CFLAGS   ?= -O2 -g
WARNINGS  = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wpointer-arith -Wformat=2
PKGS      = libcmark yaml-0.1
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lcmark -lyaml)
AFC_CPPFLAGS = -D_XOPEN_SOURCE=700 -DAFC_VERSION='"$(VERSION)"' \
            -DAFC_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS)
LIBS      = $(PKG_LIBS) -lhpdf -lhyphen -lm

SRCS     := $(sort $(wildcard compiler/*.c))
OBJS     := $(SRCS:compiler/%.c=build/%.o)
LIBOBJS  := $(filter-out build/main.o,$(OBJS))

SAMPLES  := $(sort $(wildcard samples/*.afs))
FORMATS  ?= md,html,pdf

.PHONY: all clean check samples asan fuzz bench install deps deps-check golden

all: afc

afc: $(OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LIBS)

build/%.o: compiler/%.c
	@mkdir -p build
	@echo "  CC      $@"
	@$(CC) -std=c11 $(CFLAGS) $(WARNINGS) $(AFC_CPPFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

# Unit tests: every tests/unit-NAME.c is a program build/unit-NAME.
UNITS    := $(patsubst tests/%.c,build/%,$(sort $(wildcard tests/unit-*.c)))
build/unit-%: tests/unit-%.c tests/unit.h $(LIBOBJS)
	$(CC) -std=c11 $(CFLAGS) $(WARNINGS) $(AFC_CPPFLAGS) -Icompiler -o $@ $< $(LIBOBJS) $(LIBS)

-include $(OBJS:.o=.d)

deps:
	@.ci/deps build

deps-check:
	@.ci/deps check

samples: deps
	@$(MAKE) --no-print-directory afc
	@mkdir -p out
	./afc build --to $(FORMATS) -o out $(SAMPLES)

# The suite, then the suite again under ASan + UBSan; one total at the end.
check: deps-check
	@$(MAKE) --no-print-directory afc $(UNITS) build/asan/afc \
	    $(UNITS:build/%=build/asan/%) build/fuzz/afc-fuzz
	@AFC_WITH_ASAN=1 tests/run

# The suite again with sanitizers, from a separate build directory.
ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=undefined
asan: deps-check
	@$(MAKE) --no-print-directory build/asan/afc $(UNITS:build/%=build/asan/%)
	@AFC=build/asan/afc UNITDIR=build/asan AFC_SUITE=asan tests/run

ASAN_OBJS := $(SRCS:compiler/%.c=build/asan/%.o)
build/asan/%.o: compiler/%.c
	@mkdir -p build/asan
	@echo "  CC      $@"
	@$(CC) -std=c11 $(ASAN_FLAGS) $(WARNINGS) $(AFC_CPPFLAGS) -MMD -MP -c -o $@ $<
build/asan/afc: $(ASAN_OBJS)
	$(CC) $(ASAN_FLAGS) -o $@ $(ASAN_OBJS) $(LIBS)
build/asan/unit-%: tests/unit-%.c tests/unit.h $(filter-out build/asan/main.o,$(ASAN_OBJS))
	$(CC) -std=c11 $(ASAN_FLAGS) $(WARNINGS) $(AFC_CPPFLAGS) -Icompiler -o $@ $< $(filter-out build/asan/main.o,$(ASAN_OBJS)) $(LIBS)
-include $(ASAN_OBJS:.o=.d)

FUZZ_FLAGS = -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
FUZZ_OBJS := $(filter-out build/fuzz/main.o,$(SRCS:compiler/%.c=build/fuzz/%.o))
build/fuzz/%.o: compiler/%.c
	@mkdir -p build/fuzz
	clang -std=c11 $(FUZZ_FLAGS) $(AFC_CPPFLAGS) -MMD -MP -c -o $@ $<
build/fuzz/afc-fuzz: tests/fuzz.c $(FUZZ_OBJS)
	clang -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined $(AFC_CPPFLAGS) \
	    -Icompiler -o $@ $^ $(LIBS)

-include $(FUZZ_OBJS:.o=.d)

FUZZ_SECONDS ?= 60
fuzz: deps-check build/fuzz/afc-fuzz
	@mkdir -p build/fuzz/corpus
	build/fuzz/afc-fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
	    -timeout=10 -artifact_prefix=build/fuzz/ -dict=tests/fuzz.dict \
	    build/fuzz/corpus samples tests/bad tests/good

bench: deps-check afc
	@for b in tests/bench.d/*.sh; do sh "$$b" || exit 1; done

# Regenerates the golden files from the current build: read the diff.
golden: afc
	@for g in tests/golden-*; do "$$g" || exit 1; done

install: afc
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 afc $(DESTDIR)$(BINDIR)/afc
	cp -R templates fonts $(DESTDIR)$(DATADIR)/
	install -m 644 docs/afc.1 $(DESTDIR)$(MANDIR)/man1/afc.1

clean:
	rm -rf build out afc
