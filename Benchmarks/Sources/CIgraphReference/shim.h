#ifndef ALLIANCEGRAPH_BENCHMARKS_CIGRAPH_REFERENCE_H
#define ALLIANCEGRAPH_BENCHMARKS_CIGRAPH_REFERENCE_H
/* The system igraph (Debian libigraph-dev 0.10.2, found through pkg-config) for the reference
   side of Benchmarks/compare. As in the library's own shim, the C headers come first. */
#include <stdio.h>
#include <stdlib.h>
#include <igraph.h>
#endif
