/* gridjob.h: the one driver every grid command runs through. It splits a
 * grid's rows across the ranks of a par_ctx (one plain process, or MPI
 * ranks), calls the command's row function for each rank's rows, and
 * writes one output file whose bytes do not depend on the number of ranks:
 *
 * - Rows go in rounds. In each round every rank computes a contiguous
 *   share of the next size * rows_per_rank rows, shares sized by the rows'
 *   cost so that ranks finish together; the bytes of the round are then
 *   written at the offsets their lengths imply (MPI_File_write_at_all for a
 *   file; gathered to rank 0 in row order for standard output or a FIFO).
 *   Per round the ranks exchange four numbers each and nothing else; the
 *   output's own bytes are the only data moved.
 * - Rank 0 writes the header before the rows and the trailer after them.
 * - Output goes to a temporary file renamed into place by rank 0 only once
 *   every rank has succeeded; on any failure every rank stops after the
 *   same round, the temporary file is removed, and the failing rank and
 *   status are reported to every rank.
 * - With resume, the temporary file is PATH.part with a journal
 *   PATH.part.journal (rows and bytes committed, the summary so far); a run
 *   killed part-way continues from there and ends with the same bytes. */
#ifndef RNNSCAPE_GRIDJOB_H
#define RNNSCAPE_GRIDJOB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "outfile.h"
#include "par.h"
#include "status.h"

typedef struct {
    size_t nrows;         /* rows of the grid */
    size_t rows_per_rank; /* rows per rank per round (0: 1) */
    /* Relative cost of row j, or NULL when every row costs the same. */
    double (*row_cost)(void *ctx, size_t j);
    /* Computes rows [j0, j0 + n) and writes their bytes to out (NULL when
     * the job writes no file); part (part_size bytes, zeroed) receives the
     * summary of these rows. Called on every rank with its own rows, in
     * increasing order, n <= rows_per_rank. */
    rs_status (*rows)(void *ctx, size_t j0, size_t n, FILE *out, void *part);
    /* Rank 0 only: the bytes before the rows, and after them (either may
     * be NULL). The trailer is written once every row is in. */
    rs_status (*head)(void *ctx, FILE *out);
    rs_status (*tail)(void *ctx, FILE *out);
    /* Rank 0 only, in row order: folds a part into summary. */
    void (*merge)(void *ctx, void *summary, const void *part);
    void *ctx;
    /* Every rank, after each round: rows done of total (progress). */
    void (*after_round)(void *progress_ctx, size_t done, size_t total);
    void *progress_ctx;
    size_t part_size; /* 0: no summary */
    void *summary;    /* part_size bytes, rank 0's running summary (saved by --resume) */

    const char *path; /* output file; NULL or "-": standard output */
    int no_output;    /* 1: compute (and summarise) only, write nothing */
    int resume;       /* 1: PATH.part and its journal, continued if present */
    const char *ident; /* what identifies the job for resume (e.g. the command line) */
    /* 1: the bytes of a block depend on the blocks before it (a writer
     * with state, e.g. vtk with several channels): one rank writes the
     * rows in order straight into the output; more ranks or resume are
     * refused (GRIDJOB_STEP_SPLIT). */
    int sequential;
    const char *sequential_why; /* for the message, e.g. "--format vtk with 6 channels" */
    /* Rank 0's open outputs of the command (NULL: none): the grid joins
     * the group and is committed with them, all or none, once every row
     * is in (a failure at any step discards the whole group). With
     * resume the grid's PATH.part is renamed first, then the group. */
    outfile_group *group;
    const char *const *group_names; /* the group's names by index, for messages */
} gridjob;

typedef enum {
    GRIDJOB_STEP_OPEN = 0, /* creating or opening the output */
    GRIDJOB_STEP_ROWS,     /* computing or formatting rows */
    GRIDJOB_STEP_WRITE,    /* writing the output */
    GRIDJOB_STEP_COMMIT,   /* closing and renaming it into place */
    GRIDJOB_STEP_SPLIT     /* a sequential job on several ranks or resumed */
} gridjob_step;

/* Why a job failed, the same on every rank. */
typedef struct {
    int rank;         /* the lowest rank that failed */
    rs_status status; /* its status */
    int err;          /* its errno for RS_EIO */
    gridjob_step step;
    size_t row;       /* the first row of its share, for GRIDJOB_STEP_ROWS */
    size_t output;    /* with a group: the index in it of the output that failed */
    int resumed;      /* set on success too: 1 when a journal was picked up */
    size_t resumed_rows;
} gridjob_report;

/* Runs the job; every rank of p must call it with the same job (the same
 * rows, the same path). Returns the same status on every rank. */
rs_status gridjob_run(const par_ctx *p, const gridjob *job, gridjob_report *report);

/* The temporary and journal names --resume uses for path (malloc'd). */
char *gridjob_part_path(const char *path);
char *gridjob_journal_path(const char *path);

#endif
