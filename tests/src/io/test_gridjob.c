/* test_gridjob.c: the grid driver in one process: the bytes do not depend
 * on the rows per round or the cost split; header, trailer and summary;
 * a failing block leaves no file; a run stopped part-way with --resume
 * continues from its journal to the same bytes. (Across MPI ranks:
 * tests/tools/test_mpi.sh.) */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gridjob.h"
#include "tap.h"

/* Rows of varying length, so offsets come from the lengths themselves. */
typedef struct {
    size_t fail_from; /* rows >= this fail (SIZE_MAX: none) */
    size_t calls, max_n;
} synth;

typedef struct {
    unsigned long long sum; /* of the row numbers */
    unsigned long long rows;
} synth_part;

static rs_status synth_rows(void *ctx, size_t j0, size_t n, FILE *out, void *part)
{
    synth *s = ctx;
    synth_part *p = part;
    s->calls++;
    s->max_n = n > s->max_n ? n : s->max_n;
    for (size_t j = j0; j < j0 + n; j++) {
        if (j >= s->fail_from)
            return RS_ENOMEM;
        if (out) {
            fprintf(out, "row %zu:", j);
            for (size_t k = 0; k < j % 7; k++)
                fprintf(out, " %zu", j * k);
            fputc('\n', out);
        }
        p->sum += j;
        p->rows++;
    }
    return RS_OK;
}

static rs_status synth_head(void *ctx, FILE *out)
{
    (void)ctx;
    fputs("# head\n", out);
    return RS_OK;
}

static rs_status synth_tail(void *ctx, FILE *out)
{
    (void)ctx;
    fputs("# tail\n", out);
    return RS_OK;
}

static void synth_merge(void *ctx, void *summary, const void *part)
{
    (void)ctx;
    synth_part *s = summary;
    const synth_part *p = part;
    s->sum += p->sum;
    s->rows += p->rows;
}

/* Rows near the end cost ten times more. */
static double synth_cost(void *ctx, size_t j)
{
    (void)ctx;
    return j > 30 ? 10.0 : 1.0;
}

/* What the file must hold, built directly. */
static char *expected(size_t nrows, size_t *len)
{
    char *buf;
    FILE *fp = open_memstream(&buf, len);
    synth s = {(size_t)-1, 0, 0};
    synth_part p = {0, 0};
    synth_head(NULL, fp);
    synth_rows(&s, 0, nrows, fp, &p);
    synth_tail(NULL, fp);
    fclose(fp);
    return buf;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return NULL;
    char *buf = malloc(1 << 16);
    *len = fread(buf, 1, 1 << 16, fp);
    fclose(fp);
    return buf;
}

static int same_file(const char *path, const char *want, size_t wlen)
{
    size_t len;
    char *got = slurp(path, &len);
    int ok = got && len == wlen && memcmp(got, want, len) == 0;
    free(got);
    return ok;
}

/* Entries in dir other than . and .. */
static int entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    while (d && (e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d)
        closedir(d);
    return n;
}

static gridjob synth_job(synth *s, synth_part *sum, size_t nrows, size_t per, const char *path)
{
    memset(sum, 0, sizeof *sum);
    return (gridjob){.nrows = nrows,
                     .rows_per_rank = per,
                     .rows = synth_rows,
                     .head = synth_head,
                     .tail = synth_tail,
                     .merge = synth_merge,
                     .ctx = s,
                     .part_size = sizeof(synth_part),
                     .summary = sum,
                     .path = path,
                     .ident = "synth"};
}

int main(void)
{
    par_ctx p;
    par_init(&p, NULL, NULL, 0);
    char dir[] = "/tmp/test_gridjob.XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char path[64];
    snprintf(path, sizeof path, "%s/out.dat", dir);
    const size_t nrows = 40;
    size_t wlen;
    char *want = expected(nrows, &wlen);
    const unsigned long long want_sum = nrows * (nrows - 1) / 2;
    gridjob_report rep;

    static const size_t pers[] = {1, 2, 3, 7, 40, 1000};
    for (size_t i = 0; i < sizeof pers / sizeof pers[0]; i++) {
        synth s = {(size_t)-1, 0, 0};
        synth_part sum;
        gridjob job = synth_job(&s, &sum, nrows, pers[i], path);
        rs_status st = gridjob_run(&p, &job, &rep);
        tap_ok(st == RS_OK && same_file(path, want, wlen),
               "%zu rows per round: header, every row in order, trailer", pers[i]);
        tap_ok(sum.sum == want_sum && sum.rows == nrows && s.max_n <= pers[i],
               "%zu rows per round: the summary covers every row once; blocks <= %zu rows",
               pers[i], pers[i]);
        unlink(path);
    }
    {
        synth s = {(size_t)-1, 0, 0};
        synth_part sum;
        gridjob job = synth_job(&s, &sum, nrows, 4, path);
        job.row_cost = synth_cost;
        tap_ok(gridjob_run(&p, &job, &rep) == RS_OK && same_file(path, want, wlen) &&
                   sum.rows == nrows,
               "rows split by cost: the same bytes");
        unlink(path);
    }
    {
        synth s = {(size_t)-1, 0, 0};
        synth_part sum;
        gridjob job = synth_job(&s, &sum, nrows, 4, path);
        job.no_output = 1;
        tap_ok(gridjob_run(&p, &job, &rep) == RS_OK && sum.sum == want_sum &&
                   access(path, F_OK) != 0,
               "no output: the summary only, no file");
    }
    {
        synth s = {17, 0, 0};
        synth_part sum;
        gridjob job = synth_job(&s, &sum, nrows, 3, path);
        rs_status st = gridjob_run(&p, &job, &rep);
        tap_ok(st == RS_ENOMEM && rep.rank == 0 && rep.step == GRIDJOB_STEP_ROWS &&
                   rep.row == 15,
               "a failing block: its status, rank and first row (got %d, row %zu)", (int)st,
               rep.row);
        tap_ok(entries(dir) == 0, "a failing block leaves no file, no temporary file");
    }
    {
        par_ctx faulty = p;
        faulty.fault_rank = 0;
        faulty.fault_round = 2;
        synth s = {(size_t)-1, 0, 0};
        synth_part sum;
        gridjob job = synth_job(&s, &sum, nrows, 3, path);
        tap_ok(gridjob_run(&faulty, &job, &rep) == RS_ENOMEM && entries(dir) == 0,
               "an injected fault in round 2: out of memory, no file");
    }
    {
        /* A run that stops at row 25 (as if killed after its last round),
         * then the same job resumed. */
        synth s = {25, 0, 0};
        synth_part sum;
        gridjob job = synth_job(&s, &sum, nrows, 4, path);
        job.resume = 1;
        rs_status st = gridjob_run(&p, &job, &rep);
        char *part = gridjob_part_path(path), *journal = gridjob_journal_path(path);
        tap_ok(st == RS_ENOMEM && access(path, F_OK) != 0 && access(part, F_OK) == 0 &&
                   access(journal, F_OK) == 0,
               "--resume, stopped part-way: no file, but PATH.part and its journal");
        synth s2 = {(size_t)-1, 0, 0};
        synth_part sum2;
        gridjob again = synth_job(&s2, &sum2, nrows, 3, path);
        again.resume = 1;
        st = gridjob_run(&p, &again, &rep);
        tap_ok(st == RS_OK && rep.resumed && rep.resumed_rows == 24,
               "resumed from the journal at row 24 (got %zu)", rep.resumed_rows);
        tap_ok(same_file(path, want, wlen), "the resumed run's bytes are the uninterrupted run's");
        tap_ok(sum2.sum == want_sum && sum2.rows == nrows,
               "the summary carried in the journal: every row once (%llu rows)", sum2.rows);
        tap_ok(s2.calls <= 6 && access(part, F_OK) != 0 && access(journal, F_OK) != 0,
               "only the missing rows computed (%zu calls); PATH.part and journal gone",
               s2.calls);
        unlink(path);

        /* A journal of another job is not used. */
        synth s3 = {25, 0, 0}, s4 = {(size_t)-1, 0, 0};
        synth_part sum3, sum4;
        job = synth_job(&s3, &sum3, nrows, 4, path);
        job.resume = 1;
        gridjob_run(&p, &job, &rep);
        again = synth_job(&s4, &sum4, nrows, 4, path);
        again.resume = 1;
        again.ident = "another job";
        st = gridjob_run(&p, &again, &rep);
        tap_ok(st == RS_OK && !rep.resumed && same_file(path, want, wlen) && sum4.rows == nrows,
               "another job's journal: started afresh, the same bytes");
        unlink(path);
        free(part);
        free(journal);
    }
    {
        synth s = {(size_t)-1, 0, 0};
        synth_part sum;
        gridjob job = synth_job(&s, &sum, nrows, 4, NULL);
        job.resume = 1;
        tap_ok(gridjob_run(&p, &job, &rep) == RS_EINVAL && rep.step == GRIDJOB_STEP_OPEN,
               "--resume to standard output: refused");
    }
    {
        synth s = {(size_t)-1, 0, 0};
        synth_part sum;
        char bad[96];
        snprintf(bad, sizeof bad, "%s/no/such/dir/out", dir);
        gridjob job = synth_job(&s, &sum, nrows, 4, bad);
        tap_ok(gridjob_run(&p, &job, &rep) == RS_EIO && rep.step == GRIDJOB_STEP_OPEN &&
                   rep.err != 0,
               "a folder that does not exist: RS_EIO at open, with errno");
    }
    free(want);
    rmdir(dir);
    return tap_done();
}
