#ifndef ALLIANCEGRAPH_CIGRAPH_SHIM_H
#define ALLIANCEGRAPH_CIGRAPH_SHIM_H

/* igraph.h defines _GNU_SOURCE. Including the C library headers first keeps the Glibc module
   and igraph's view of them identical; without this a clean build that also imports Foundation,
   Glibc or Synchronization fails with an `fd_set` module conflict. */
#include <stdio.h>
#include <stdlib.h>
#include <igraph.h>

/* Installs igraph's C attribute handler (GraphML/GML names and attributes). The table is an
   `extern const` struct: its address must be taken in C, since Swift would pass the address of
   a temporary copy. Must run before any graph is created. */
static inline void allianceGraphInstallAttributeTable(void) {
    igraph_set_attribute_table(&igraph_cattribute_table);
}

#endif
