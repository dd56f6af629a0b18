#ifndef ALLIANCEGRAPH_BENCHMARKS_IGRAPH_PAGERANK_REFERENCE_H
#define ALLIANCEGRAPH_BENCHMARKS_IGRAPH_PAGERANK_REFERENCE_H
/* The reference side of Benchmarks/Compare/30-metrics: igraph's C igraph_pagerank (PRPACK) on a
   graph built once, so that the timed call is the PageRank computation alone. */
#include <stdint.h>

typedef struct ReferenceGraph ReferenceGraph;

/* An undirected igraph graph with n vertices and the m edges low[k]-high[k] with weights[k].
   Returns NULL (and prints igraph's reason) on failure. */
ReferenceGraph *reference_graph_create(int64_t n, int64_t m, const int32_t *low, const int32_t *high,
                                       const double *weights);

/* igraph_pagerank(PRPACK, all vertices, undirected, damping, the edge weights) into scores[0..n).
   Returns igraph's error code (0 on success). */
int reference_graph_pagerank(ReferenceGraph *graph, double damping, double *scores);

void reference_graph_destroy(ReferenceGraph *graph);

#endif
