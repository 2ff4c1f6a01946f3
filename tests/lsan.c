/* lsan.c: linked into the ASan build only (build/plaquette-asan), so that
 * `make asan` and every test under it need no environment: the leaks
 * LeakSanitizer reports inside fontconfig (a Pango font map keeps its
 * FcConfig) and libhyphen (its dictionary loader) are the libraries', once
 * per run, and are suppressed; any other leak fails.  The table of the
 * suppressions used is not printed: a clean run says nothing on stderr. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libhyphen.so\n";
}

const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
