/* par.h: the few message-passing operations the grid driver needs (rank,
 * size, small collectives, a shared output file), over MPI when the build
 * has it (./configure --with-mpi) and the process was started by mpirun or
 * srun; otherwise over one plain process, where every collective is a copy
 * and the file is written with pwrite. The caller owns the context: the
 * library keeps no state of its own. */
#ifndef RNNSCAPE_PAR_H
#define RNNSCAPE_PAR_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

typedef struct {
    int rank, size;
    int mpi; /* 1 when MPI was initialised by par_init */
    /* Fault injection for tests: rank fault_rank fails its block in round
     * fault_round of a grid job as if out of memory (-1: never). */
    int fault_rank;
    long fault_round;
    void *end_comm; /* MPI: a communicator of its own for par_end */
} par_ctx;

/* True when this build has MPI and the environment says a launcher
 * (mpirun, mpiexec, srun with PMIx/PMI) started the process. */
int par_launched(void);
/* Initialises MPI when use_mpi (and the build has it); otherwise a
 * context of one rank. RS_EINVAL if MPI was asked for but is not built. */
rs_status par_init(par_ctx *p, int *argc, char ***argv, int use_mpi);
/* At exit, on every rank: when every rank arrives within timeout_s
 * seconds, MPI ends cleanly and 1 is returned. 0 means some rank did not
 * come (it failed on its own, or is stuck): call par_abort. A waiting rank
 * never blocks a collective of the job (this uses its own communicator). */
int par_end(par_ctx *p, double timeout_s);
/* Ends every rank at once with exit status code (MPI_Abort), when ranks
 * cannot agree; a plain process just returns. */
void par_abort(par_ctx *p, int code);

/* all[r * n + i] gets rank r's mine[i], on every rank. */
rs_status par_allgather_u64(const par_ctx *p, const uint64_t *mine, size_t n, uint64_t *all);
/* Rank root's len bytes at buf to every rank. */
rs_status par_bcast(const par_ctx *p, void *buf, size_t len, int root);
/* Rank 0 gets every rank's bytes in rank order at out (lens[r] from rank
 * r, as every rank already knows them); other ranks pass out = NULL. */
rs_status par_gather_bytes(const par_ctx *p, const void *buf, const uint64_t *lens, void *out);
rs_status par_barrier(const par_ctx *p);

/* A file every rank writes its own byte ranges of. */
typedef struct par_file par_file;
/* Collective: opens an existing file for writing (create: creates it
 * first, truncate: empties it). RS_EIO with errno on failure, on every rank. */
rs_status par_file_open(const par_ctx *p, const char *path, int create, int truncate,
                        par_file **out);
/* Collective: every rank writes its len bytes (possibly 0) at offset off. */
rs_status par_file_write_at_all(par_file *f, uint64_t off, const void *buf, size_t len);
/* One rank alone writes at offset off (the header or the trailer). */
rs_status par_file_write_at(par_file *f, uint64_t off, const void *buf, size_t len);
/* Collective: data written so far by every rank is on the storage device. */
rs_status par_file_sync(par_file *f);
/* Collective: the file's length becomes size. */
rs_status par_file_set_size(par_file *f, uint64_t size);
/* Collective; releases f even on failure. */
rs_status par_file_close(par_file *f);

#endif
