#include "IGraphPageRankReference.h"
#include <stdio.h>
#include <stdlib.h>
#include <igraph.h>

struct ReferenceGraph {
    igraph_t graph;
    igraph_vector_t weights;
    igraph_vector_t scores;
    igraph_integer_t n;
};

static void install_handler_once(void) {
    static int installed = 0;
    if (!installed) {
        igraph_set_error_handler(igraph_error_handler_printignore);
        installed = 1;
    }
}

ReferenceGraph *reference_graph_create(int64_t n, int64_t m, const int32_t *low, const int32_t *high,
                                       const double *weights) {
    install_handler_once();
    ReferenceGraph *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    igraph_vector_int_t edges;
    if (igraph_vector_int_init(&edges, 2 * m) != IGRAPH_SUCCESS) { free(g); return NULL; }
    for (int64_t k = 0; k < m; k++) {
        VECTOR(edges)[2 * k] = low[k];
        VECTOR(edges)[2 * k + 1] = high[k];
    }
    igraph_error_t code = igraph_create(&g->graph, &edges, n, IGRAPH_UNDIRECTED);
    igraph_vector_int_destroy(&edges);
    if (code != IGRAPH_SUCCESS) { free(g); return NULL; }
    if (igraph_vector_init(&g->weights, m) != IGRAPH_SUCCESS) { igraph_destroy(&g->graph); free(g); return NULL; }
    for (int64_t k = 0; k < m; k++) VECTOR(g->weights)[k] = weights[k];
    if (igraph_vector_init(&g->scores, n) != IGRAPH_SUCCESS) {
        igraph_vector_destroy(&g->weights); igraph_destroy(&g->graph); free(g); return NULL;
    }
    g->n = n;
    return g;
}

int reference_graph_pagerank(ReferenceGraph *g, double damping, double *scores) {
    igraph_real_t value = 0;
    igraph_error_t code = igraph_pagerank(&g->graph, IGRAPH_PAGERANK_ALGO_PRPACK, &g->scores, &value,
                                          igraph_vss_all(), IGRAPH_UNDIRECTED, damping, &g->weights, NULL);
    if (code != IGRAPH_SUCCESS) return (int)code;
    for (igraph_integer_t i = 0; i < g->n; i++) scores[i] = VECTOR(g->scores)[i];
    return 0;
}

void reference_graph_destroy(ReferenceGraph *g) {
    if (!g) return;
    igraph_vector_destroy(&g->scores);
    igraph_vector_destroy(&g->weights);
    igraph_destroy(&g->graph);
    free(g);
}
