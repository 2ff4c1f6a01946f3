/* version: the program's version, which its plugins must match (plugload.h). */
#ifndef PLAQUETTE_VERSION_H
#define PLAQUETTE_VERSION_H

#define PLAQUETTE_VERSION "0.1"

/* A fingerprint of every header and of the message table (the Makefile
 * passes an MD5 of them): the executable and its plugins share structs
 * and message numbers, so a plugin built from other headers is refused
 * even when the version is the same. */
#ifndef PLAQUETTE_ABI
#define PLAQUETTE_ABI 0
#endif

#endif
