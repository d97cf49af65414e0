/* gridjob.c: rows in rounds across ranks, written at the offsets their
 * lengths imply; see gridjob.h for the contract. */
#include "gridjob.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"

typedef enum { SINK_NONE = 0, SINK_STREAM, SINK_FILE } sink_kind;

/* Everything one run holds; rank 0 alone uses of, head and the journal. */
typedef struct {
    const par_ctx *p;
    const gridjob *job;
    gridjob_report *rep;
    sink_kind sink;
    int direct;      /* one rank, a stream: rows go straight into of.fp */
    outfile own;     /* rank 0, without resume and without a group */
    outfile *of;     /* the output being written: &own, or the group's entry */
    int of_open;
    par_file *file;  /* SINK_FILE */
    char *part, *journal; /* resume: PATH.part, PATH.part.journal */
    uint64_t fingerprint;
    size_t row;      /* rows committed */
    uint64_t off;    /* bytes committed */
    FILE *mem;       /* this rank's bytes for the current round */
    char *membuf;
    size_t memlen;
    unsigned char *part_buf, *piece_buf, *parts; /* this rank's summary part; rank 0: all */
    uint64_t *table; /* 4 numbers per rank, see exchange() */
} run;

enum { X_STATUS = 0, X_LEN, X_ERRNO, X_ROW, X_N };

/* ---- names and the job's fingerprint -------------------------------- */

static char *with_suffix(const char *path, const char *suffix)
{
    size_t n = strlen(path), m = strlen(suffix);
    char *s = malloc(n + m + 1);
    if (s) {
        memcpy(s, path, n);
        memcpy(s + n, suffix, m + 1);
    }
    return s;
}

char *gridjob_part_path(const char *path) { return with_suffix(path, ".part"); }
char *gridjob_journal_path(const char *path) { return with_suffix(path, ".part.journal"); }

/* FNV-1a, 64 bits: h = (h ^ byte) * 0x100000001b3. */
static uint64_t fnv1a(uint64_t h, const void *data, size_t n)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * UINT64_C(0x100000001b3);
    return h;
}

/* ---- agreement -------------------------------------------------------- */

/* Every rank shares (status, length, errno, row); every rank then knows
 * all of them, so every rank takes the same decision. On failure the
 * report names the lowest failing rank. */
static rs_status exchange(run *r, rs_status st, uint64_t len, int err, size_t row,
                          gridjob_step step)
{
    uint64_t mine[X_N] = {(uint64_t)st, len, (uint64_t)err, (uint64_t)row};
    if (par_allgather_u64(r->p, mine, X_N, r->table) != RS_OK) {
        r->rep->rank = r->p->rank;
        r->rep->status = RS_EIO;
        r->rep->err = EIO;
        r->rep->step = step;
        return RS_EIO;
    }
    for (int k = 0; k < r->p->size; k++) {
        const uint64_t *t = r->table + (size_t)k * X_N;
        if (t[X_STATUS] != RS_OK) {
            r->rep->rank = k;
            r->rep->status = (rs_status)t[X_STATUS];
            r->rep->err = (int)t[X_ERRNO];
            r->rep->step = step;
            r->rep->row = (size_t)t[X_ROW];
            return r->rep->status;
        }
    }
    return RS_OK;
}

/* ---- the resume journal (rank 0) ------------------------------------- */

static void hex_write(FILE *fp, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fprintf(fp, "%02x", b[i]);
}

/* Written to a temporary name and renamed, so a kill leaves the old
 * journal or the new one, never half of one. */
static rs_status journal_write(const run *r)
{
    char *tmp = with_suffix(r->journal, ".tmp");
    FILE *fp = tmp ? fopen(tmp, "w") : NULL;
    if (!fp) {
        free(tmp);
        return tmp ? RS_EIO : RS_ENOMEM;
    }
    fprintf(fp, "rnnscape gridjob journal 1\njob %016" PRIx64 "\nrows %zu %zu\nbytes %" PRIu64
                "\nsummary ",
            r->fingerprint, r->row, r->job->nrows, r->off);
    hex_write(fp, r->job->summary, r->job->part_size);
    fputc('\n', fp);
    int bad = ferror(fp) | (fflush(fp) != 0) | (fsync(fileno(fp)) != 0);
    bad |= fclose(fp) != 0;
    rs_status st = bad || rename(tmp, r->journal) != 0 ? RS_EIO : RS_OK;
    if (st != RS_OK)
        unlink(tmp);
    free(tmp);
    return st;
}

/* The journal, if it exists and describes this job: rows and bytes done,
 * the summary so far. Anything else means starting afresh. */
static int journal_read(run *r)
{
    FILE *fp = fopen(r->journal, "r");
    if (!fp)
        return 0;
    uint64_t job = 0, off = 0;
    size_t rows = 0, total = 0;
    int ok = fscanf(fp, "rnnscape gridjob journal 1 job %" SCNx64 " rows %zu %zu bytes %" SCNu64
                        " summary ",
                    &job, &rows, &total, &off) == 4;
    ok = ok && job == r->fingerprint && total == r->job->nrows && rows <= total;
    unsigned char *s = r->job->summary;
    for (size_t i = 0; ok && i < r->job->part_size; i++) {
        unsigned v;
        ok = fscanf(fp, "%2x", &v) == 1;
        s[i] = (unsigned char)v;
    }
    fclose(fp);
    struct stat sb;
    ok = ok && stat(r->part, &sb) == 0 && (uint64_t)sb.st_size >= off;
    if (ok) {
        r->row = rows;
        r->off = off;
    } else if (r->job->part_size) {
        memset(s, 0, r->job->part_size);
    }
    return ok;
}

/* ---- opening the output ---------------------------------------------- */

/* Rank 0's header bytes, into the memory stream (their length goes to
 * every rank) or, for one rank writing a stream, straight into it. */
static rs_status head_bytes(run *r, uint64_t *len)
{
    rs_status st = RS_OK;
    FILE *out = r->direct ? r->of->fp : r->mem;
    *len = 0;
    if (r->p->rank == 0 && r->job->head) {
        rewind(r->mem);
        st = r->job->head(r->job->ctx, out);
        if (st == RS_OK && (fflush(out) != 0 || ferror(out)))
            st = r->direct ? RS_EIO : RS_ENOMEM;
        *len = r->direct ? 0 : (uint64_t)ftello(r->mem);
    }
    st = exchange(r, st, *len, st == RS_EIO ? errno : 0, 0,
                  r->direct ? GRIDJOB_STEP_WRITE : GRIDJOB_STEP_ROWS);
    *len = r->table[X_LEN]; /* rank 0's */
    return st;
}

/* Resume: rank 0 picks up the journal or starts afresh; every rank learns
 * where to continue and opens PATH.part. */
static rs_status open_part(run *r, uint64_t head_len)
{
    rs_status st = RS_OK;
    int err = 0;
    uint64_t where[3] = {0, head_len, 0}; /* row, offset, fresh? */
    r->part = gridjob_part_path(r->job->path);
    r->journal = gridjob_journal_path(r->job->path);
    if (!r->part || !r->journal)
        st = RS_ENOMEM;
    else if (r->p->rank == 0) {
        r->fingerprint = fnv1a(UINT64_C(0xcbf29ce484222325), r->job->ident ? r->job->ident : "",
                               r->job->ident ? strlen(r->job->ident) : 0);
        r->fingerprint = fnv1a(r->fingerprint, r->membuf, (size_t)head_len);
        r->fingerprint = fnv1a(r->fingerprint, &r->job->nrows, sizeof r->job->nrows);
        int found = journal_read(r);
        where[0] = found ? r->row : 0;
        where[1] = found ? r->off : head_len;
        where[2] = !found;
        r->rep->resumed = found;
        r->rep->resumed_rows = found ? r->row : 0;
    }
    if (exchange(r, st, 0, err, 0, GRIDJOB_STEP_OPEN) != RS_OK)
        return r->rep->status;
    if ((st = par_bcast(r->p, where, sizeof where, 0)) != RS_OK)
        return st;
    r->row = (size_t)where[0];
    r->off = where[1];
    st = par_file_open(r->p, r->part, 1, where[2] != 0, &r->file);
    return exchange(r, st, 0, st == RS_EIO ? errno : 0, 0, GRIDJOB_STEP_OPEN);
}

/* Without resume: rank 0 opens the atomic output; a regular file's
 * temporary name goes to every rank, which then write it together; a
 * stream (standard output, a FIFO) is written by rank 0 alone. */
static rs_status open_atomic(run *r)
{
    rs_status st = RS_OK;
    int err = 0;
    uint64_t namelen = 0;
    if (r->p->rank == 0) {
        const char *path = r->job->path && strcmp(r->job->path, "-") != 0 ? r->job->path : NULL;
        size_t clash;
        FILE *fp;
        if (r->job->group) { /* the command's other outputs commit with it */
            r->rep->output = r->job->group->n;
            st = outfile_group_open(r->job->group, path, &fp, &clash);
            r->of = &r->job->group->file[r->rep->output];
        } else {
            st = outfile_open(&r->own, path);
            r->of = &r->own;
        }
        err = st == RS_EIO || st == RS_EINVAL ? errno : 0;
        r->of_open = st == RS_OK;
        if (r->of_open && r->of->tmppath && r->p->size > 1)
            namelen = strlen(r->of->tmppath) + 1;
    }
    if (exchange(r, st, namelen, err, 0, GRIDJOB_STEP_OPEN) != RS_OK)
        return r->rep->status;
    namelen = r->table[X_LEN]; /* rank 0's */
    if (namelen == 0) {
        r->sink = SINK_STREAM; /* rank 0's FILE*, in order */
        r->direct = r->p->size == 1;
        return RS_OK;
    }
    char *name = r->p->rank == 0 ? r->of->tmppath : malloc((size_t)namelen);
    st = name ? RS_OK : RS_ENOMEM;
    if (exchange(r, st, 0, 0, 0, GRIDJOB_STEP_OPEN) == RS_OK &&
        (st = par_bcast(r->p, name, (size_t)namelen, 0)) == RS_OK) {
        st = par_file_open(r->p, name, 0, 0, &r->file);
        st = exchange(r, st, 0, st == RS_EIO ? errno : 0, 0, GRIDJOB_STEP_OPEN);
    } else {
        st = r->rep->status != RS_OK ? r->rep->status : st;
    }
    if (r->p->rank != 0)
        free(name);
    r->sink = SINK_FILE;
    return st;
}

/* ---- writing ---------------------------------------------------------- */

/* Rank 0 alone writes len bytes of buf at off (header, trailer). */
static rs_status write_alone(run *r, uint64_t off, const void *buf, size_t len)
{
    if (r->p->rank != 0 || len == 0)
        return RS_OK;
    if (r->sink == SINK_STREAM)
        return fwrite(buf, 1, len, r->of->fp) == len ? RS_OK : RS_EIO;
    return par_file_write_at(r->file, off, buf, len);
}

/* The header at offset 0 (rank 0), agreed. */
static rs_status put_head(run *r, uint64_t head_len)
{
    rs_status st = write_alone(r, 0, r->membuf, (size_t)head_len);
    return exchange(r, st, 0, st == RS_EIO ? errno : 0, 0, GRIDJOB_STEP_WRITE);
}

/* This round's bytes of every rank, in rank order, at r->off. */
static rs_status write_round(run *r, uint64_t mine_off, uint64_t total)
{
    const uint64_t len = r->table[(size_t)r->p->rank * X_N + X_LEN];
    if (r->sink == SINK_FILE)
        return par_file_write_at_all(r->file, mine_off, r->membuf, (size_t)len);
    if (r->sink != SINK_STREAM || r->direct)
        return RS_OK; /* direct: already in the stream */
    uint64_t *lens = malloc((size_t)r->p->size * sizeof *lens);
    char *all = r->p->rank == 0 ? malloc(total ? (size_t)total : 1) : NULL;
    /* Allocation failures must not skip the collective; gather needs lens. */
    for (int k = 0; lens && k < r->p->size; k++)
        lens[k] = r->table[(size_t)k * X_N + X_LEN];
    rs_status st = RS_ENOMEM;
    if (lens && (r->p->rank != 0 || all))
        st = par_gather_bytes(r->p, r->membuf, lens, all);
    if (st == RS_OK && r->p->rank == 0 && fwrite(all, 1, (size_t)total, r->of->fp) != total)
        st = RS_EIO;
    free(lens);
    free(all);
    return st;
}

/* Rank 0 folds every rank's part of this round into the summary, in
 * rank order, which is row order. */
static rs_status merge_round(run *r)
{
    size_t ps = r->job->part_size;
    if (ps == 0)
        return RS_OK;
    uint64_t *lens = malloc((size_t)r->p->size * sizeof *lens);
    if (!lens)
        return RS_ENOMEM;
    for (int k = 0; k < r->p->size; k++)
        lens[k] = ps;
    rs_status st = par_gather_bytes(r->p, r->part_buf, lens, r->parts);
    free(lens);
    if (st == RS_OK && r->p->rank == 0)
        for (int k = 0; k < r->p->size; k++)
            r->job->merge(r->job->ctx, r->job->summary, r->parts + (size_t)k * ps);
    return st;
}

/* ---- the rounds ------------------------------------------------------- */

/* The first row of rank k's share of rows [j, j + n): shares of equal
 * cost (cumulative cost nearest k/size of the total); uniform costs give
 * shares that differ by at most one row. */
static size_t share_start(const run *r, size_t j, size_t n, int k)
{
    size_t size = (size_t)r->p->size;
    if (!r->job->row_cost)
        return j + n * (size_t)k / size;
    double total = 0.0;
    for (size_t i = 0; i < n; i++)
        total += r->job->row_cost(r->job->ctx, j + i);
    double goal = total * (double)k / (double)size, cum = 0.0;
    size_t i = 0;
    for (; i < n; i++) {
        double c = r->job->row_cost(r->job->ctx, j + i);
        if (cum + 0.5 * c >= goal)
            break;
        cum += c;
    }
    return j + i;
}

/* This rank's rows of the round into the memory stream (or, direct,
 * into the output, where a failed write sets *werr to its errno: a write
 * error, not one of computing). */
static rs_status compute_share(run *r, size_t a, size_t b, long round, int *werr)
{
    *werr = 0;
    rewind(r->mem);
    if (r->job->part_size)
        memset(r->part_buf, 0, r->job->part_size);
    if (r->p->rank == r->p->fault_rank && round == r->p->fault_round)
        return RS_ENOMEM; /* injected by a test */
    size_t per = r->job->rows_per_rank ? r->job->rows_per_rank : 1;
    rs_status st = RS_OK;
    /* A share sized by cost may exceed rows_per_rank: in pieces, then. The
     * parts of the pieces fold into this rank's part in row order. */
    for (size_t j = a; st == RS_OK && j < b; j += per) {
        size_t n = b - j < per ? b - j : per;
        if (j != a && r->job->part_size)
            memset(r->piece_buf, 0, r->job->part_size);
        FILE *out = r->sink == SINK_NONE ? NULL : r->direct ? r->of->fp : r->mem;
        st = r->job->rows(r->job->ctx, j, n, out, j == a ? r->part_buf : r->piece_buf);
        if (r->direct && ferror(r->of->fp)) { /* EFBIG, ENOSPC, EIO: errno is the write's */
            *werr = errno ? errno : EIO;
            return RS_EIO;
        }
        if (st == RS_OK && j != a && r->job->part_size)
            r->job->merge(r->job->ctx, r->part_buf, r->piece_buf);
    }
    if (st == RS_OK && (fflush(r->mem) != 0 || ferror(r->mem)))
        st = RS_ENOMEM;
    return st;
}

/* After a round is written: with resume, make it durable on every rank,
 * then rank 0 records it in the journal. */
static rs_status commit_round(run *r)
{
    if (!r->job->resume)
        return RS_OK;
    rs_status st = par_file_sync(r->file);
    st = exchange(r, st, 0, st == RS_EIO ? errno : 0, 0, GRIDJOB_STEP_WRITE);
    if (st != RS_OK)
        return st;
    if (r->p->rank == 0)
        st = journal_write(r);
    return exchange(r, st, 0, st == RS_EIO ? errno : 0, 0, GRIDJOB_STEP_WRITE);
}

static rs_status run_rounds(run *r)
{
    size_t per = r->job->rows_per_rank ? r->job->rows_per_rank : 1;
    size_t round_rows = per * (size_t)r->p->size;
    for (long round = 0; r->row < r->job->nrows; round++) {
        size_t n = r->job->nrows - r->row < round_rows ? r->job->nrows - r->row : round_rows;
        size_t a = share_start(r, r->row, n, r->p->rank);
        size_t b = share_start(r, r->row, n, r->p->rank + 1);
        int werr;
        rs_status st = compute_share(r, a, b, round, &werr);
        uint64_t len = r->sink == SINK_NONE ? 0 : (uint64_t)ftello(r->mem);
        if (exchange(r, st, len, werr, a, werr ? GRIDJOB_STEP_WRITE : GRIDJOB_STEP_ROWS) != RS_OK)
            return r->rep->status;
        uint64_t mine_off = r->off, total = 0;
        for (int k = 0; k < r->p->size; k++) {
            uint64_t l = r->table[(size_t)k * X_N + X_LEN];
            mine_off += k < r->p->rank ? l : 0;
            total += l;
        }
        st = write_round(r, mine_off, total);
        if (st == RS_OK)
            st = merge_round(r);
        if (exchange(r, st, 0, st == RS_EIO ? errno : 0, 0, GRIDJOB_STEP_WRITE) != RS_OK)
            return r->rep->status;
        r->row += n;
        r->off += total;
        if ((st = commit_round(r)) != RS_OK)
            return st;
        if (r->job->after_round)
            r->job->after_round(r->job->progress_ctx, r->row, r->job->nrows);
    }
    return RS_OK;
}

/* ---- finishing -------------------------------------------------------- */

/* The trailer, the file's final length, close, and (rank 0) the rename;
 * every step agreed, so every rank returns the same status. */
static rs_status finish(run *r)
{
    rs_status st = RS_OK;
    if (r->p->rank == 0 && r->job->tail && r->sink != SINK_NONE) {
        rewind(r->mem);
        st = r->job->tail(r->job->ctx, r->mem);
        if (st == RS_OK && (fflush(r->mem) != 0 || ferror(r->mem)))
            st = RS_ENOMEM;
        uint64_t len = (uint64_t)ftello(r->mem);
        if (st == RS_OK)
            st = write_alone(r, r->off, r->membuf, (size_t)len);
        r->off += len;
    }
    if (exchange(r, st, r->off, st == RS_EIO ? errno : 0, 0, GRIDJOB_STEP_WRITE) != RS_OK)
        return r->rep->status;
    if (r->file) {
        if (r->job->resume)
            st = par_file_set_size(r->file, r->table[X_LEN]); /* rank 0's end */
        rs_status cst = par_file_close(r->file);
        r->file = NULL;
        st = st != RS_OK ? st : cst;
        if (exchange(r, st, 0, st == RS_EIO ? errno : 0, 0, GRIDJOB_STEP_COMMIT) != RS_OK)
            return r->rep->status;
    }
    if (r->p->rank == 0) {
        if (r->job->resume) {
            st = rename(r->part, r->job->path) == 0 ? RS_OK : RS_EIO;
            if (st == RS_OK)
                unlink(r->journal);
        }
        if (st == RS_OK && r->job->group && r->job->group->n) {
            /* The grid and the command's other outputs, all or none. */
            size_t bad;
            st = outfile_group_commit(r->job->group, &bad);
            if (st != RS_OK)
                r->rep->output = bad;
            r->of_open = 0;
        } else if (st == RS_OK && r->of_open) {
            st = outfile_commit(r->of);
            r->of_open = 0;
        }
    }
    return exchange(r, st, 0, st == RS_EIO ? errno : 0, 0, GRIDJOB_STEP_COMMIT);
}

/* On failure: close what is open; without resume nothing is left behind.
 * With resume PATH.part and its journal stay, to be continued. */
static void cleanup(run *r, int failed)
{
    if (r->file)
        par_file_close(r->file);
    if (r->job->group && failed && r->p->rank == 0)
        outfile_group_abort(r->job->group); /* none of the outputs, then */
    else if (r->of_open && failed)
        outfile_abort(r->of);
    else if (r->of_open)
        outfile_commit(r->of);
    if (r->mem)
        fclose(r->mem);
    free(r->membuf);
    free(r->part);
    free(r->journal);
    free(r->part_buf);
    free(r->piece_buf);
    free(r->parts);
    free(r->table);
}

static rs_status setup(run *r)
{
    size_t ps = r->job->part_size;
    r->table = malloc((size_t)r->p->size * X_N * sizeof *r->table);
    r->mem = open_memstream(&r->membuf, &r->memlen);
    r->part_buf = calloc(1, ps ? ps : 1);
    r->piece_buf = calloc(1, ps ? ps : 1);
    r->parts = r->p->rank == 0 ? calloc((size_t)r->p->size, ps ? ps : 1) : NULL;
    if (!r->table)
        return RS_ENOMEM; /* cannot even agree: every rank has the same size */
    rs_status st = r->mem && r->part_buf && r->piece_buf && (r->p->rank != 0 || r->parts) ? RS_OK : RS_ENOMEM;
    if (st == RS_OK && r->job->resume && (r->job->no_output || !r->job->path ||
                                          strcmp(r->job->path, "-") == 0))
        st = RS_EINVAL; /* resume needs a named file */
    if (st != RS_OK || !r->job->sequential || r->job->no_output)
        return exchange(r, st, 0, 0, 0, GRIDJOB_STEP_OPEN);
    st = r->p->size > 1 || r->job->resume ? RS_EINVAL : RS_OK;
    return exchange(r, st, 0, 0, 0, GRIDJOB_STEP_SPLIT);
}

rs_status gridjob_run(const par_ctx *p, const gridjob *job, gridjob_report *report)
{
    run r = {.p = p, .job = job, .rep = report};
    memset(report, 0, sizeof *report);
    r.sink = job->no_output ? SINK_NONE : SINK_FILE;
    rs_status st = setup(&r);
    uint64_t head_len = 0;
    if (st == RS_OK && r.sink != SINK_NONE && job->resume) {
        st = head_bytes(&r, &head_len); /* the fingerprint needs them */
        if (st == RS_OK)
            st = open_part(&r, head_len);
        if (st == RS_OK && r.row == 0)
            st = put_head(&r, head_len);
    } else if (st == RS_OK && r.sink != SINK_NONE) {
        st = open_atomic(&r);
        if (st == RS_OK)
            st = head_bytes(&r, &head_len);
        if (st == RS_OK && !r.direct)
            st = put_head(&r, head_len);
        r.off = head_len;
    }
    if (st == RS_OK)
        st = run_rounds(&r);
    if (st == RS_OK)
        st = finish(&r);
    cleanup(&r, st != RS_OK);
    return st;
}
