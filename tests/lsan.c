/* lsan.c: linked into the ASan build only (build/plaquette-asan), so that
 * `make asan` and every test under it need no environment: the leaks
 * LeakSanitizer reports inside fontconfig (a Pango font map keeps its
 * FcConfig) and libhyphen (its dictionary loader) are the libraries', once
 * per run, and are suppressed; any other leak fails. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\nleak:libhyphen.so\n";
}
