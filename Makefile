# plaquette — typesets an XML brochure into a print-ready PDF.
# make        install what is missing, build, write out/brochure.pdf
# make test   the whole suite (normal build, then ASan+UBSan), summary line last
# Targets: all test test-quick asan bench clean install.

PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
PKGS     = cairo pangocairo pangoft2 fontconfig libxml-2.0 libqpdf
OPT     ?= -O2
CFLAGS  ?= $(OPT) -g
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
PKG_CFLAGS = $$(pkg-config --cflags $(PKGS))
PKG_LIBS   = $$(pkg-config --libs $(PKGS)) -lhyphen -lm
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(PKG_CFLAGS)

SRC  = $(filter-out src/main.c,$(wildcard src/*.c))
OBJ  = $(SRC:src/%.c=build/%.o)
ASAN_OBJ = $(SRC:src/%.c=build/asan/%.o)
HDR  = $(wildcard src/*.h) src/msg.def
FONT_SRC = /usr/share/fonts/truetype/noto
FONTS = NotoSans-Regular.ttf NotoSans-Bold.ttf NotoSans-Italic.ttf \
	NotoSans-BoldItalic.ttf \
	NotoSansArabic-Regular.ttf NotoSansArabic-Bold.ttf NotoSansSymbols2-Regular.ttf
# data/brochure.xml -> out/brochure.pdf; data/brochure.LANG.xml -> out/brochure-LANG.pdf
EDITIONS = $(patsubst data/brochure.%.xml,%,$(wildcard data/brochure.*.xml))
PDFS   = out/brochure.pdf $(EDITIONS:%=out/brochure-%.pdf)
UNIT   = $(patsubst tests/unit/%.c,build/test-%,$(wildcard tests/unit/*.c))
ASAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

.PHONY: all deps test-deps fonts test test-quick asan bench clean install
.DELETE_ON_ERROR:

all: deps plaquette fonts $(PDFS)

deps:
	@sh tools/deps.sh build

test-deps:
	@sh tools/deps.sh test

fonts: $(FONTS:%=fonts/%)
fonts/%.ttf:
	cp $(FONT_SRC)/$*.ttf $@

build/%.o: src/%.c $(HDR) | build
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
build/asan/%.o: src/%.c $(HDR) | build
	@mkdir -p build/asan
	$(CC) $(ALL_CFLAGS) $(ASAN_FLAGS) -O1 -c -o $@ $<
build:
	@mkdir -p build

plaquette: build/main.o $(OBJ)
	$(CC) $(CFLAGS) -o $@ build/main.o $(OBJ) $(PKG_LIBS)
build/plaquette-asan: build/asan/main.o $(ASAN_OBJ)
	$(CC) $(ASAN_FLAGS) -o $@ build/asan/main.o $(ASAN_OBJ) $(PKG_LIBS)

out/brochure.pdf: data/brochure.xml plaquette fonts styles/efus.xml schema/brochure.rng
	@mkdir -p out
	./plaquette build $< -o $@
out/brochure-%.pdf: data/brochure.%.xml plaquette fonts styles/efus.xml schema/brochure.rng
	@mkdir -p out
	./plaquette build $< -o $@

build/test-%: tests/unit/%.c $(OBJ) $(HDR)
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(OBJ) $(PKG_LIBS) -lcmocka

# The suite: unit tests and end-to-end checks, then all of it again under
# AddressSanitizer + UndefinedBehaviorSanitizer.  The last line is the
# runner's "N passed, N failed".
test: test-deps plaquette fonts $(UNIT) build/plaquette-asan
	@sh tests/run.sh --asan build/plaquette-asan ./plaquette $(UNIT)

test-quick: test-deps plaquette fonts $(UNIT)
	@sh tests/run.sh ./plaquette $(UNIT)

asan: test-deps fonts build/plaquette-asan
	@sh tests/run.sh build/plaquette-asan

bench: deps plaquette fonts
	@sh tests/bench.sh ./plaquette

install: plaquette
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 plaquette $(DESTDIR)$(PREFIX)/bin/plaquette

clean:
	rm -rf build plaquette out/*.pdf out/*.png
