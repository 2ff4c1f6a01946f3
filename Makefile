# plaquette — typesets an XML brochure into a print-ready PDF.
# make        install what is missing, build, write out/brochure.pdf
# make test   the whole suite (normal build, then ASan+UBSan), summary line last
# Targets: all test (= check) test-quick asan bench clean install uninstall.

PREFIX  ?= /usr/local
DESTDIR ?=
# where `make install` puts the data (schema/, styles/, fonts/): the
# installed binary finds it there (PLAQUETTE_HOME overrides it)
DATADIR ?= $(PREFIX)/share/plaquette
# where `make install` puts plaquette-qpdf.so, the part that needs libqpdf
# (src/cmd/plugin.h): the installed binary loads it from there
PLUGINDIR ?= $(PREFIX)/lib/plaquette
MANDIR  ?= $(PREFIX)/share/man
CC      ?= cc
# the executable's libraries; the plugins' are loaded only by the runs
# that need them: PLUGIN_PKGS by the press editions, preflight, jobsheet
# and booklet, VECTOR_PKGS by documents with SVG or PDF pictures
MAIN_PKGS = cairo pangocairo pangoft2 fontconfig libxml-2.0 \
	   gdk-pixbuf-2.0 libpng libjpeg lcms2 icu-uc zlib
PLUGIN_PKGS = libqpdf poppler-glib json-glib-1.0 lcms2 cairo glib-2.0
VECTOR_PKGS = librsvg-2.0 poppler-glib cairo glib-2.0
PKGS     = $(MAIN_PKGS) libqpdf json-glib-1.0 librsvg-2.0 poppler-glib
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# C++ only where a library offers no C API (src/output/pdftok.cc: qpdf's tokenizer)
CXXFLAGS ?= $(OPT) -g
CXXWARN  = -Wall -Wextra -Werror -Wshadow
PKG_CFLAGS = $$(pkg-config --cflags $(PKGS))
PKG_LIBS   = $$(pkg-config --libs $(PKGS)) -lhyphen -lm -lstdc++
# START_LIBS first: the dynamic loader looks every symbol up along the
# executable's libraries in this order, so the libraries most symbols
# bind to (counted with LD_DEBUG=bindings) come first; each is loaded
# anyway (libstdc++ by ICU).  The bindings are the same as in the
# default order (libm before libc: both define frexp and modf).
# (pkg-config would sort them by dependency, hence the names.)
START_LIBS = -Wl,--no-as-needed -lstdc++ -lm -lc -lglib-2.0 -lgobject-2.0 -lharfbuzz \
	-llcms2 -lpng16 -lfreetype -lxml2 -lpango-1.0 -Wl,--as-needed
MAIN_LIBS  = $(START_LIBS) $$(pkg-config --libs $(MAIN_PKGS)) -lhyphen -lm -ldl
PLUGIN_LIBS = $$(pkg-config --libs $(PLUGIN_PKGS)) -lm -lstdc++
VECTOR_LIBS = $$(pkg-config --libs $(VECTOR_PKGS))
# src/: one folder a stage group (src/README says what flows where).
SRCDIRS = core input compose layout output cmd
INC     = $(SRCDIRS:%=-Isrc/%)
# the headers' fingerprint (src/core/version.h): the executable and its
# plugins load each other only when built from the same headers
ABI_ID := $(shell cat $(sort $(wildcard src/*/*.h)) src/core/msg.def src/input/names.def | md5sum | cut -c1-12)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -DPLAQUETTE_ABI=0x$(ABI_ID)ULL $(WARN) $(INC) $(CPPFLAGS) $(CFLAGS) $(PKG_CFLAGS)
ALL_CXXFLAGS = -std=c++20 -D_GNU_SOURCE -DPLAQUETTE_ABI=0x$(ABI_ID)ULL $(CXXWARN) $(INC) $(CPPFLAGS) $(CXXFLAGS) $(PKG_CFLAGS)

SRC  = $(filter-out src/cmd/main.c,$(wildcard $(SRCDIRS:%=src/%/*.c)))
SRCXX = $(wildcard $(SRCDIRS:%=src/%/*.cc))
OBJ  = $(SRC:src/%.c=build/%.o) $(SRCXX:src/%.cc=build/%.o)
ASAN_OBJ = $(SRC:src/%.c=build/asan/%.o) $(SRCXX:src/%.cc=build/asan/%.o)
# plaquette-qpdf.so: every file that needs libqpdf (or libstdc++, json-glib),
# compiled again as position-independent code; the executable has the rest
PLUGIN_SRC = src/output/post.c src/output/figalt.c src/output/qpdfobj.c src/output/ink.c \
	src/cmd/preflight.c src/cmd/pfcolour.c src/cmd/jobsheet.c src/cmd/booklet.c \
	src/cmd/plugin_qpdf.c src/output/pdfread.cc src/output/pdftok.cc
PLUGIN_OBJ = $(patsubst src/%.cc,build/%.o,$(PLUGIN_SRC:src/%.c=build/%.o))
PLUGIN_PIC = $(patsubst src/%.cc,build/pic/%.o,$(PLUGIN_SRC:src/%.c=build/pic/%.o))
# plaquette-vector.so: librsvg and poppler-glib for SVG and PDF pictures
VECTOR_SRC = src/input/vecplug.c
VECTOR_PIC = $(VECTOR_SRC:src/%.c=build/pic/%.o)
MAIN_OBJ = $(filter-out $(PLUGIN_OBJ) $(VECTOR_SRC:src/%.c=build/%.o),$(OBJ))
PLUGIN = plaquette-qpdf.so
VECTOR = plaquette-vector.so
PLUGINS = $(PLUGIN) $(VECTOR)
HDR  = $(wildcard $(SRCDIRS:%=src/%/*.h)) src/core/msg.def src/input/names.def
FONT_SRC = /usr/share/fonts/truetype/noto
# the PDFs depend on these files, not on the phony `fonts`: a second make
# rebuilds nothing
FONTS = NotoSans-Regular.ttf NotoSans-Bold.ttf NotoSans-Italic.ttf \
	NotoSans-BoldItalic.ttf \
	NotoSansArabic-Regular.ttf NotoSansArabic-Bold.ttf NotoSansSymbols2-Regular.ttf \
	NotoSansMath-Regular.ttf NotoSansSymbols-Regular.ttf
# The default output intent, FOGRA39 (ISO 12647-2 coated, 300 % total ink):
# built once with Argyll's colprof from FOGRA's characterization data in
# Debian's icc-profiles-free (~20 s), then kept like fonts/ (make clean
# leaves it).
FOGRA_TI3 = /usr/share/color/icc/FOGRA39L.ti3
ICC = icc/FOGRA39-plaquette.icc
# data/brochure.xml -> out/brochure.pdf; data/brochure.LANG.xml -> out/brochure-LANG.pdf
EDITIONS = $(patsubst data/brochure.%.xml,%,$(wildcard data/brochure.*.xml))
PDFS   = out/brochure.pdf out/brochure-print.pdf $(EDITIONS:%=out/brochure-%.pdf) \
	 out/rivers.pdf out/rivers-print.pdf
FONT_FILES = $(FONTS:%=fonts/%)
# the job sheet of each press edition, read back from its PDF (text and JSON)
JOBSHEETS = $(foreach e,brochure-print rivers-print,out/$(e).txt out/$(e).json)
UNIT   = $(patsubst tests/unit/%.c,build/test-%,$(wildcard tests/unit/*.c))
# PLAQUETTE_FREE_AT_EXIT: the last build's memory is freed before the
# process ends (src/cmd/main.c), so that LeakSanitizer checks every part is;
# the other builds leave it to the process's end
ASAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
	-DPLAQUETTE_FREE_AT_EXIT

.PHONY: photos
.PHONY: all deps test-deps fonts test test-quick check asan bench clean install uninstall golden refs valgrind
.DELETE_ON_ERROR:

all: deps plaquette $(PLUGINS) fonts $(ICC) $(PDFS) $(JOBSHEETS)

deps:
	@sh tools/deps.sh build

test-deps:
	@sh tools/deps.sh test

fonts: $(FONTS:%=fonts/%)
# (order-only on deps: with -j, nothing is compiled or copied before the
# packages are there)
fonts/%.ttf: | deps
	cp $(FONT_SRC)/$*.ttf $@

$(ICC): $(FOGRA_TI3)
	@mkdir -p build/icc icc
	cp $(FOGRA_TI3) build/icc/FOGRA39L.ti3
	cd build/icc && colprof -qm -bl -kr -l300 -L98 -nc -A plaquette \
		-D "FOGRA39 coated (ISO 12647-2:2004), 300% ink, Argyll colprof from FOGRA39L" \
		-C "Characterization data FOGRA39L (Fogra, via icc-profiles-free, Zlib licence)" \
		-O FOGRA39-plaquette.icc FOGRA39L >/dev/null
	mv build/icc/FOGRA39-plaquette.icc $@

build/%.o: src/%.c $(HDR) | build deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
build/asan/%.o: src/%.c $(HDR) | build deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) -O1 -c -o $@ $<
build/%.o: src/%.cc $(HDR) | build deps
	@mkdir -p $(@D)
	$(CXX) $(ALL_CXXFLAGS) -c -o $@ $<
build/asan/%.o: src/%.cc $(HDR) | build deps
	@mkdir -p $(@D)
	$(CXX) $(ALL_CXXFLAGS) $(ASAN_FLAGS) -O1 -c -o $@ $<
build/pic/%.o: src/%.c $(HDR) | build deps
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -fPIC -c -o $@ $<
build/pic/%.o: src/%.cc $(HDR) | build deps
	@mkdir -p $(@D)
	$(CXX) $(ALL_CXXFLAGS) -fPIC -c -o $@ $<
build:
	@mkdir -p build

# -rdynamic: the plugin calls the executable's own functions (one copy of
# the message counts, the output guard, the children)
plaquette: build/cmd/main.o $(MAIN_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -rdynamic -o $@ build/cmd/main.o $(MAIN_OBJ) $(MAIN_LIBS)
$(PLUGIN): $(PLUGIN_PIC)
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -o $@ $(PLUGIN_PIC) $(PLUGIN_LIBS)
$(VECTOR): $(VECTOR_PIC)
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -o $@ $(VECTOR_PIC) $(VECTOR_LIBS)
# (tests/lsan.c: the libraries' own leaks suppressed inside the binary)
build/plaquette-asan: build/asan/cmd/main.o $(ASAN_OBJ) tests/lsan.c
	$(CC) $(ASAN_FLAGS) -o $@ build/asan/cmd/main.o $(ASAN_OBJ) tests/lsan.c $(PKG_LIBS)

out/brochure.pdf: data/brochure.xml plaquette $(FONT_FILES) styles/efus.xml schema/brochure.rng
	@mkdir -p out
	./plaquette build $< -o $@
out/brochure-print.pdf: data/brochure.xml plaquette $(PLUGINS) $(FONT_FILES) $(ICC) styles/efus.xml schema/brochure.rng
	@mkdir -p out
	./plaquette build --print $< -o $@
out/brochure-%.pdf: data/brochure.%.xml plaquette $(FONT_FILES) styles/efus.xml schema/brochure.rng
	@mkdir -p out
	./plaquette build $< -o $@

out/%-print.txt: out/%-print.pdf plaquette $(PLUGINS)
	./plaquette jobsheet -q $< -o $@
out/%-print.json: out/%-print.pdf plaquette $(PLUGINS)
	./plaquette jobsheet -q $< -o $@

# The example (examples/rivers): its photographs are copied from Debian's
# mate-backgrounds (GPL-2+), like the fonts, never kept in the tree.
PHOTO_SRC = /usr/share/backgrounds/mate/nature
RIVERS_PHOTOS = $(patsubst %,examples/rivers/photos/%.jpg,Aqua Dune GreenMeadow LadyBird \
	RainDrops Storm Wood YellowFlower)
examples/rivers/photos/%.jpg:
	@mkdir -p $(@D)
	cp $(PHOTO_SRC)/$*.jpg $@
photos: $(RIVERS_PHOTOS)
out/rivers.pdf: examples/rivers/rivers.xml $(RIVERS_PHOTOS) plaquette $(VECTOR) $(FONT_FILES) styles/efus.xml schema/brochure.rng
	@mkdir -p out
	./plaquette build -q $< -o $@
out/rivers-print.pdf: examples/rivers/rivers.xml $(RIVERS_PHOTOS) plaquette $(PLUGINS) $(FONT_FILES) $(ICC) styles/efus.xml schema/brochure.rng
	@mkdir -p out
	./plaquette build -q --print $< -o $@

build/test-%: tests/unit/%.c $(OBJ) $(HDR)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(OBJ) $(PKG_LIBS) -lcmocka

# The suite: unit tests and end-to-end checks, then all of it again under
# AddressSanitizer + UndefinedBehaviorSanitizer.  The last line is the
# runner's "N passed, N failed".
test: test-deps plaquette $(PLUGINS) fonts $(ICC) photos $(UNIT) build/plaquette-asan
	@sh tests/run.sh --asan build/plaquette-asan ./plaquette $(UNIT)

# (the quick run builds 40 generated documents, not 200: GEN_COUNT=N to change)
test-quick: test-deps plaquette $(PLUGINS) fonts $(ICC) photos $(UNIT)
	@GEN_COUNT=$${GEN_COUNT:-40} sh tests/run.sh ./plaquette $(UNIT)

# the GNU name for the whole suite
check: test

asan: test-deps fonts $(ICC) photos build/plaquette-asan
	@sh tests/run.sh build/plaquette-asan

# Memcheck on the brochure: 0 bytes definitely lost in plaquette's own code
# (tests/valgrind.supp names the libraries' own leaks).
valgrind: deps plaquette $(PLUGINS) fonts
	@command -v valgrind >/dev/null || { echo "plaquette: valgrind is missing; as root: apt-get install -y valgrind" >&2; exit 1; }
	@valgrind --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=1 \
		--suppressions=tests/valgrind.supp --log-file=build/valgrind.log \
		./plaquette build -q data/brochure.xml -o build/valgrind.pdf; rc=$$?; \
		grep -E 'definitely lost|ERROR SUMMARY' build/valgrind.log; exit $$rc

# Record the golden dumps again after an intended layout change; shows the diff.
golden: plaquette fonts
	@for x in tests/golden/*.xml; do \
		d=$${x%.xml}.dump; \
		./plaquette build -q $$x -o build/golden.pdf --dump-layout build/golden.dump 2>/dev/null; \
		if ! diff -u $$d build/golden.dump; then cp build/golden.dump $$d; echo "recorded $$d"; fi; \
	done

# Record the reference renders again; says which pages changed.
refs: plaquette fonts photos
	@sh tests/refs.sh record ./plaquette
	@sh tests/refs.sh record ./plaquette examples/rivers/rivers.xml tests/ref/rivers

build/bench-para: tests/bench/para.c $(OBJ) $(HDR)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(OBJ) $(PKG_LIBS)

# The benchmark (README "Benchmarks"): PEER=DIR adds the peer, CALLGRIND=1
# the instruction counts, PAIRS=N the brochure's pairs.  Prints, never fails.
bench: deps plaquette $(PLUGINS) fonts build/bench-para
	@PEER=$(PEER) CALLGRIND=$(CALLGRIND) python3 tests/bench.py ./plaquette
	@echo
	@build/bench-para data/brochure.xml 7

# The installed binary: main.c again with DATADIR from PREFIX, so that the
# copy in $(PREFIX)/bin finds its data in $(DATADIR) (rebuilt when DATADIR
# changes: build/install/DATADIR records it).
build/install/DATADIR: FORCE | build
	@mkdir -p $(@D)
	@echo '$(DATADIR) $(PLUGINDIR)' | cmp -s - $@ || echo '$(DATADIR) $(PLUGINDIR)' >$@
build/install/main.o: src/cmd/main.c $(HDR) build/install/DATADIR | build deps
	$(CC) $(ALL_CFLAGS) -DDATADIR='"$(DATADIR)"' -c -o $@ $<
build/install/plugload.o: src/core/plugload.c $(HDR) build/install/DATADIR | build deps
	$(CC) $(ALL_CFLAGS) -DPLUGINDIR='"$(PLUGINDIR)"' -c -o $@ $<
build/plaquette-install: build/install/main.o build/install/plugload.o $(MAIN_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -rdynamic -o $@ build/install/main.o build/install/plugload.o \
		$(filter-out build/core/plugload.o,$(MAIN_OBJ)) $(MAIN_LIBS)
.PHONY: FORCE
FORCE:

# make install PREFIX=/usr/local DESTDIR=: the binary, the schemas, the
# style sheets, the fonts, the output-intent profile and the man page
# plaquette.1 (doc/plaquette.1).
install: build/plaquette-install $(PLUGINS) $(FONT_FILES) $(ICC)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PLUGINDIR) $(DESTDIR)$(DATADIR)/schema \
		$(DESTDIR)$(DATADIR)/styles $(DESTDIR)$(DATADIR)/fonts $(DESTDIR)$(DATADIR)/icc \
		$(DESTDIR)$(MANDIR)/man1
	install -m 755 build/plaquette-install $(DESTDIR)$(PREFIX)/bin/plaquette
	install -m 644 $(PLUGINS) $(DESTDIR)$(PLUGINDIR)/
	install -m 644 schema/*.rng schema/its-rules.xml $(DESTDIR)$(DATADIR)/schema/
	install -m 644 styles/*.xml $(DESTDIR)$(DATADIR)/styles/
	install -m 644 $(FONT_FILES) fonts/README $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 $(ICC) $(DESTDIR)$(DATADIR)/icc/
	install -m 644 doc/plaquette.1 $(DESTDIR)$(MANDIR)/man1/plaquette.1

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/plaquette $(DESTDIR)$(MANDIR)/man1/plaquette.1
	rm -rf $(DESTDIR)$(DATADIR)
	rm -f $(PLUGINS:%=$(DESTDIR)$(PLUGINDIR)/%)
	-rmdir $(DESTDIR)$(PLUGINDIR) 2>/dev/null

clean:
	rm -rf build plaquette $(PLUGINS) out/*.pdf out/*.png $(JOBSHEETS)

# --- fuzzing (tests/fuzz) ---
# make fuzz FUZZ_SECONDS=60   build the libFuzzer targets with clang
# (ASan+UBSan) and run each in turn for FUZZ_SECONDS on one core, seeded
# from data/, styles/, tests/bad/ and tests/fuzz/seeds/.  Corpora and finds
# stay under build/fuzz/ (finds/*-crash-*, -timeout-*, -oom-*; logs in
# build/fuzz/fuzz_*.log).  Replay a find with build/fuzz/fuzz_xml FILE (from
# the repository root) and turn it into tests/bad/fuzz-NAME.xml (or
# tests/bad/styles/fuzz-NAME.xml), which tests/bad.sh replays.
# FUZZ_TARGETS=xml, =style, =diff or =preflight runs one of them (fuzz_diff:
# the proof of data/brochure.xml against the fuzzed edition, both ways;
# fuzz_preflight: any bytes as a PDF, seeded from tests/pdf/).
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_CFLAGS   = -std=c11 -D_GNU_SOURCE $(filter-out -Werror,$(WARN)) $(INC) -g -O1 $(FUZZ_SAN) $(PKG_CFLAGS)
FUZZ_CXX     ?= clang++
FUZZ_OBJ      = $(SRC:src/%.c=build/fuzz/%.o) $(SRCXX:src/%.cc=build/fuzz/%.o)
FUZZ_TARGETS  = xml style diff preflight
# -timeout: one input's wall time before it counts as a hang; fuzz_diff
# builds and renders two editions (1.4 s of CPU, 11 s at load 15), so it
# gets FUZZ_DIFF_TIMEOUT
FUZZ_TIMEOUT ?= 10
FUZZ_DIFF_TIMEOUT ?= 60
FUZZ_RUN      = -workers=1 -jobs=1 -rss_limit_mb=2048 -max_len=65536 \
		-max_total_time=$(FUZZ_SECONDS) -print_final_stats=1

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
.SECONDARY: $(FUZZ_OBJ)

build/fuzz/%.o: src/%.c $(HDR) | build
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
# C++17 here: clang++ 14 cannot compile qpdf 11's JSON.hh as C++20 with
# libstdc++ 12 (a std::vector of a class not yet complete)
build/fuzz/%.o: src/%.cc $(HDR) | build
	@mkdir -p $(@D)
	$(FUZZ_CXX) -std=c++17 -D_GNU_SOURCE $(INC) -g -O1 $(FUZZ_SAN) -fno-sanitize=vptr,function $(PKG_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<
build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_OBJ) $(HDR)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS)

fuzz: fuzz-build fonts
	@mkdir -p build/fuzz/corpus-xml build/fuzz/corpus-style build/fuzz/corpus-diff \
		build/fuzz/corpus-preflight build/fuzz/finds
	@cp data/*.xml tests/bad/*.xml tests/fuzz/seeds/*.xml build/fuzz/corpus-xml/
	@cp styles/*.xml tests/bad/styles/*.xml build/fuzz/corpus-style/
	@cp data/*.xml tests/fuzz/seeds/*.xml build/fuzz/corpus-diff/
	@cp tests/pdf/*.pdf build/fuzz/corpus-preflight/
	@for t in $(FUZZ_TARGETS); do \
		dict=-dict=$(CURDIR)/tests/fuzz/brochure.dict; \
		[ $$t = style ] && dict=-dict=$(CURDIR)/tests/fuzz/style.dict; \
		[ $$t = preflight ] && dict=; \
		tmo=-timeout=$(FUZZ_TIMEOUT); [ $$t = diff ] && tmo=-timeout=$(FUZZ_DIFF_TIMEOUT); \
		echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
		(cd build/fuzz && PLAQUETTE_HOME=$(CURDIR) ASAN_OPTIONS=abort_on_error=0 \
		 ./fuzz_$$t $(FUZZ_RUN) $$tmo -artifact_prefix=finds/$$t- \
		 $$dict corpus-$$t >/dev/null 2>&1; \
		 st=$$?; mv fuzz-0.log fuzz_$$t.log 2>/dev/null; \
		 grep -E '^(stat::|==[0-9]+==ERROR|SUMMARY)| DONE ' fuzz_$$t.log; exit $$st) || exit 1; \
	done
	@ls build/fuzz/finds | sed 's|^|find: build/fuzz/finds/|'; true
