/* version: the program's version, which its plugins must match (plugload.h). */
#ifndef PLAQUETTE_VERSION_H
#define PLAQUETTE_VERSION_H

#define PLAQUETTE_VERSION "0.1"

#endif
