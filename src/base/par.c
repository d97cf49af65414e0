/* par.c: MPI when built with it and launched under mpirun/srun; one plain
 * process otherwise (same interface, collectives become copies). */
#include <config.h>

#include "par.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef HAVE_MPI
#include <mpi.h>
#endif

struct par_file {
    const par_ctx *p;
    int fd; /* the plain process's descriptor */
#ifdef HAVE_MPI
    MPI_File fh;
#endif
};

int par_launched(void)
{
#ifdef HAVE_MPI
    static const char *const vars[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK",
                                       "PMI_SIZE", NULL};
    for (size_t i = 0; vars[i]; i++)
        if (getenv(vars[i]))
            return 1;
#endif
    return 0;
}

rs_status par_init(par_ctx *p, int *argc, char ***argv, int use_mpi)
{
    *p = (par_ctx){0, 1, 0, -1, -1, NULL};
    (void)argc;
    (void)argv;
    if (!use_mpi)
        return RS_OK;
#ifdef HAVE_MPI
    /* Threads (OpenMP) compute, but only the main thread calls MPI. */
    int provided;
    if (MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
        return RS_EIO;
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, &p->rank);
    MPI_Comm_size(MPI_COMM_WORLD, &p->size);
    MPI_Comm *end = malloc(sizeof *end);
    if (!end || MPI_Comm_dup(MPI_COMM_WORLD, end) != MPI_SUCCESS) {
        free(end);
        MPI_Abort(MPI_COMM_WORLD, 3);
        return RS_ENOMEM;
    }
    p->end_comm = end;
    p->mpi = 1;
    return RS_OK;
#else
    return RS_EINVAL;
#endif
}

int par_end(par_ctx *p, double timeout_s)
{
#ifdef HAVE_MPI
    if (!p->mpi)
        return 1;
    MPI_Comm *end = p->end_comm;
    MPI_Request req;
    int done = 0;
    if (MPI_Ibarrier(*end, &req) != MPI_SUCCESS)
        return 0;
    struct timespec t0, now, nap = {0, 1000000};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (;;) {
        if (MPI_Test(&req, &done, MPI_STATUS_IGNORE) != MPI_SUCCESS)
            return 0;
        if (done)
            break;
        clock_gettime(CLOCK_MONOTONIC, &now);
        if ((double)(now.tv_sec - t0.tv_sec) + 1e-9 * (double)(now.tv_nsec - t0.tv_nsec) >
            timeout_s)
            return 0;
        nanosleep(&nap, NULL);
    }
    MPI_Comm_free(end);
    free(end);
    p->end_comm = NULL;
    MPI_Finalize();
    p->mpi = 0;
#else
    (void)p;
    (void)timeout_s;
#endif
    return 1;
}

void par_abort(par_ctx *p, int code)
{
#ifdef HAVE_MPI
    if (p->mpi)
        MPI_Abort(MPI_COMM_WORLD, code);
#endif
    (void)p;
    (void)code;
}

rs_status par_allgather_u64(const par_ctx *p, const uint64_t *mine, size_t n, uint64_t *all)
{
#ifdef HAVE_MPI
    if (p->mpi && p->size > 1)
        return MPI_Allgather(mine, (int)n, MPI_UINT64_T, all, (int)n, MPI_UINT64_T,
                             MPI_COMM_WORLD) == MPI_SUCCESS
                   ? RS_OK
                   : RS_EIO;
#endif
    (void)p;
    memmove(all, mine, n * sizeof *mine);
    return RS_OK;
}

rs_status par_bcast(const par_ctx *p, void *buf, size_t len, int root)
{
#ifdef HAVE_MPI
    if (p->mpi && p->size > 1) {
        if (len > INT_MAX)
            return RS_ERANGE;
        return MPI_Bcast(buf, (int)len, MPI_BYTE, root, MPI_COMM_WORLD) == MPI_SUCCESS ? RS_OK
                                                                                    : RS_EIO;
    }
#endif
    (void)p;
    (void)buf;
    (void)len;
    (void)root;
    return RS_OK;
}

rs_status par_gather_bytes(const par_ctx *p, const void *buf, const uint64_t *lens, void *out)
{
#ifdef HAVE_MPI
    if (p->mpi && p->size > 1) {
        int *counts = NULL, *displs = NULL;
        uint64_t total = 0;
        if (p->rank == 0) {
            counts = malloc((size_t)p->size * sizeof *counts);
            displs = malloc((size_t)p->size * sizeof *displs);
        }
        int ok = p->rank != 0 || (counts && displs);
        for (int r = 0; ok && r < p->size; r++) {
            ok = lens[r] <= INT_MAX && total + lens[r] <= INT_MAX;
            if (ok && p->rank == 0) {
                counts[r] = (int)lens[r];
                displs[r] = (int)total;
            }
            total += lens[r];
        }
        /* Every rank reaches the same verdict from the same lens. */
        rs_status st = RS_ERANGE;
        if (ok)
            st = MPI_Gatherv(buf, (int)lens[p->rank], MPI_BYTE, out, counts, displs, MPI_BYTE, 0,
                             MPI_COMM_WORLD) == MPI_SUCCESS
                     ? RS_OK
                     : RS_EIO;
        free(counts);
        free(displs);
        return st;
    }
#endif
    (void)p;
    memmove(out, buf, lens[0]);
    return RS_OK;
}

rs_status par_barrier(const par_ctx *p)
{
#ifdef HAVE_MPI
    if (p->mpi && p->size > 1)
        return MPI_Barrier(MPI_COMM_WORLD) == MPI_SUCCESS ? RS_OK : RS_EIO;
#endif
    (void)p;
    return RS_OK;
}

static int par_file_uses_mpi(const par_ctx *p)
{
#ifdef HAVE_MPI
    return p->mpi && p->size > 1;
#else
    (void)p;
    return 0;
#endif
}

rs_status par_file_open(const par_ctx *p, const char *path, int create, int truncate,
                        par_file **out)
{
    par_file *f = calloc(1, sizeof *f);
    *out = NULL;
    if (!f)
        return RS_ENOMEM;
    f->p = p;
    f->fd = -1;
    if (!par_file_uses_mpi(p)) {
        f->fd = open(path, O_WRONLY | (create ? O_CREAT : 0) | (truncate ? O_TRUNC : 0), 0666);
        if (f->fd < 0) {
            free(f);
            return RS_EIO;
        }
        *out = f;
        return RS_OK;
    }
#ifdef HAVE_MPI
    /* Rank 0 creates or empties the file alone, so that no rank's view of
     * it depends on the order in which the others opened it. */
    int err = 0;
    if (p->rank == 0 && (create || truncate)) {
        int fd = open(path, O_WRONLY | (create ? O_CREAT : 0) | (truncate ? O_TRUNC : 0), 0666);
        err = fd < 0 ? errno : 0;
        if (fd >= 0)
            close(fd);
    }
    if (MPI_Bcast(&err, 1, MPI_INT, 0, MPI_COMM_WORLD) != MPI_SUCCESS || err) {
        free(f);
        errno = err ? err : EIO;
        return RS_EIO;
    }
    if (MPI_File_open(MPI_COMM_WORLD, path, MPI_MODE_WRONLY, MPI_INFO_NULL, &f->fh) !=
        MPI_SUCCESS) {
        free(f);
        errno = EIO;
        return RS_EIO;
    }
    MPI_File_set_errhandler(f->fh, MPI_ERRORS_RETURN);
#endif
    *out = f;
    return RS_OK;
}

static rs_status pwrite_all(int fd, uint64_t off, const char *buf, size_t len)
{
    while (len > 0) {
        ssize_t n = pwrite(fd, buf, len, (off_t)off);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return RS_EIO;
        buf += n;
        len -= (size_t)n;
        off += (uint64_t)n;
    }
    return RS_OK;
}

rs_status par_file_write_at_all(par_file *f, uint64_t off, const void *buf, size_t len)
{
    if (f->fd >= 0)
        return pwrite_all(f->fd, off, buf, len);
#ifdef HAVE_MPI
    if (len > INT_MAX)
        return RS_ERANGE;
    return MPI_File_write_at_all(f->fh, (MPI_Offset)off, buf, (int)len, MPI_BYTE,
                                 MPI_STATUS_IGNORE) == MPI_SUCCESS
               ? RS_OK
               : RS_EIO;
#else
    return RS_EINVAL;
#endif
}

rs_status par_file_write_at(par_file *f, uint64_t off, const void *buf, size_t len)
{
    if (f->fd >= 0)
        return pwrite_all(f->fd, off, buf, len);
#ifdef HAVE_MPI
    if (len > INT_MAX)
        return RS_ERANGE;
    return MPI_File_write_at(f->fh, (MPI_Offset)off, buf, (int)len, MPI_BYTE,
                             MPI_STATUS_IGNORE) == MPI_SUCCESS
               ? RS_OK
               : RS_EIO;
#else
    return RS_EINVAL;
#endif
}

rs_status par_file_sync(par_file *f)
{
    if (f->fd >= 0)
        return fsync(f->fd) == 0 ? RS_OK : RS_EIO;
#ifdef HAVE_MPI
    return MPI_File_sync(f->fh) == MPI_SUCCESS ? RS_OK : RS_EIO;
#else
    return RS_EINVAL;
#endif
}

rs_status par_file_set_size(par_file *f, uint64_t size)
{
    if (f->fd >= 0)
        return ftruncate(f->fd, (off_t)size) == 0 ? RS_OK : RS_EIO;
#ifdef HAVE_MPI
    return MPI_File_set_size(f->fh, (MPI_Offset)size) == MPI_SUCCESS ? RS_OK : RS_EIO;
#else
    return RS_EINVAL;
#endif
}

rs_status par_file_close(par_file *f)
{
    rs_status st = RS_OK;
    if (!f)
        return RS_OK;
    if (f->fd >= 0)
        st = close(f->fd) == 0 ? RS_OK : RS_EIO;
#ifdef HAVE_MPI
    else if (MPI_File_close(&f->fh) != MPI_SUCCESS)
        st = RS_EIO;
#endif
    free(f);
    return st;
}
