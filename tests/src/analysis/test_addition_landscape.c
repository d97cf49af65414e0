/* test_addition_landscape: the vectorised landscape of the addition model
 * (addition_landscape.h over addition_trie.h) against values pinned from
 * the code it replaced, on every instruction set this machine supports;
 * instruction sets against each other; bit-identical output for any
 * number of threads; row blocks and their callback equal to one call.
 * Never timings. */
#include <malloc.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"

#include "addition.h"
#include "addition_landscape.h"
#include "addition_trajectory.h"
#include "addition_trie.h"
#include "kernel.h"

#ifdef _OPENMP
#include <omp.h>
#endif

/* Pinned ONCE by tests/pinned/addition_landscape_pin.c from the landscape
 * of commit 195de9b (a scalar depth-first walk per grid point with libm's
 * exp; tests/pinned/addition_landscape_pin.out). */
static const double pin_tutorial[25] = {
    1.6289380667243096,
    1.5189720870397305,
    1.966031153471294,
    1.9847388159915154,
    1.9822886073333188,
    1.3648148694718862,
    1.0050710353466288,
    1.399948336908295,
    1.8609666811120549,
    1.9874689116622959,
    1.4996672765391585,
    1.28605622060595,
    0.014586165353856092,
    1.5882845194091155,
    1.751927169468132,
    1.8626893536377804,
    1.9436217407060081,
    1.2554124062192451,
    1.252743808276255,
    1.9043431713702699,
    2.001524151644972,
    2.1571562933159458,
    1.9807428822627582,
    1.6606602223756186,
    1.8394938376954544,
};
static const double pin_tutorial_np3[9] = {
    1.6548731085844941,
    1.360627586013077,
    1.2945371638882672,
    0.43194409532243672,
    0.014586165353856092,
    0.4826209610208827,
    1.2939851644792248,
    1.5742714920458987,
    1.6716054666966509,
};
static const double pin_h5_b6[9] = {
    1.28579299864372,
    1.1065655545080286,
    0.8919214586829719,
    1.1286055980153651,
    0.7632696988821619,
    1.3332973660393839,
    0.79085730876166493,
    1.2833952140252234,
    1.4855667443998022,
};
static const double pin_h8_b12[9] = {
    2.2397095425538995,
    1.5608348684468687,
    1.6985602073284833,
    2.236199944837844,
    1.7046489294545335,
    1.5606075865855524,
    2.37860386257457,
    1.9913298060368725,
    1.6685941751172493,
};
static const double pin_h64_b8[9] = {
    1.4944734665424095,
    1.1986212353960164,
    1.403332028244795,
    1.2393788407258046,
    1.2931305585191593,
    1.7830925124868191,
    1.1866210808237267,
    1.7576028354107351,
    1.8639371248832031,
};
static const double pin_h1_b2[9] = {
    0.42861850999530049,
    0.33523566316888243,
    0.23286825743633599,
    0.27569788969398573,
    0.23817527233058353,
    0.26972086975842569,
    0.24977939954005035,
    0.25593870893640647,
    0.28969651964689902,
};
static const double pin_h16_b16[9] = {
    3.934963951597795,
    3.8980127811732515,
    3.8600039898219016,
    3.2895872995077746,
    2.9364142498945394,
    2.893148704549442,
    2.2372443302214906,
    2.1166580670281139,
    2.5563754568544104,
};
static const double pin_h256_b8[1] = {
    1.2951009904471424,
};

typedef struct {
    const char *name;
    int bits, hidden, trained;
    rng_kind wkind;
    unsigned wseed;
    rng_kind dkind;
    unsigned dseed;
    double range;
    size_t n;
    const double *pinned;
} pin_case;

/* The same cases as tests/pinned/addition_landscape_pin.c. */
static const pin_case cases[] = {
    {"tutorial", 8, 16, 1, RNG_NUMPY, 0, RNG_PCG, 0, 1.0, 5, pin_tutorial},
    {"tutorial_np3", 8, 16, 1, RNG_NUMPY, 0, RNG_NUMPY, 3, 0.3, 3, pin_tutorial_np3},
    {"h5_b6", 6, 5, 0, RNG_PCG, 7, RNG_PCG, 1, 2.0, 3, pin_h5_b6},
    {"h8_b12", 12, 8, 0, RNG_PCG, 2, RNG_PCG, 4, 1.0, 3, pin_h8_b12},
    {"h64_b8", 8, 64, 0, RNG_PCG, 5, RNG_PCG, 6, 0.5, 3, pin_h64_b8},
    {"h1_b2", 2, 1, 0, RNG_PCG, 8, RNG_PCG, 9, 3.0, 3, pin_h1_b2},
    {"h16_b16", 16, 16, 0, RNG_PCG, 10, RNG_PCG, 11, 1.0, 3, pin_h16_b16},
    {"h256_b8", 8, 256, 0, RNG_PCG, 12, RNG_PCG, 13, 1.0, 1, pin_h256_b8},
};
#define NCASE (sizeof cases / sizeof cases[0])

/* A case's net (trained as the tutorial when asked), directions, set. */
typedef struct {
    addition_net net;
    addition_evalset es;
    double *d1, *d2;
} setup;

static void setup_init(setup *s, const pin_case *p)
{
    rng r;
    addition_net_init(&s->net, p->bits, p->hidden);
    rng_seed(&r, p->wkind, p->wseed);
    addition_net_randomize(&s->net, &r);
    if (p->trained) { /* the tutorial's 10 000 iterations, alpha 0.1 */
        addition_work ws;
        addition_work_init(&ws, p->bits, p->hidden);
        double *upd = calloc(s->net.nparams, sizeof *upd);
        uint32_t half = (uint32_t)1 << (p->bits - 1);
        for (long j = 0; j < 10000; j++) {
            uint32_t a = rng_below(&r, half), b = rng_below(&r, half);
            addition_step st;
            addition_train_step(&s->net, 0.1, a, b, &ws, upd, &st);
        }
        free(upd);
        addition_work_free(&ws);
    }
    s->d1 = malloc(s->net.nparams * sizeof *s->d1);
    s->d2 = malloc(s->net.nparams * sizeof *s->d2);
    rng_seed(&r, p->dkind, p->dseed);
    addition_random_directions(&s->net, s->net.w, &r, s->d1, s->d2);
    addition_evalset_init(&s->es, p->bits);
}

static void setup_free(setup *s)
{
    free(s->d1);
    free(s->d2);
    addition_evalset_free(&s->es);
    addition_net_free(&s->net);
}

static double max_rel(const double *a, const double *b, size_t n)
{
    double m = 0.0;
    for (size_t i = 0; i < n; i++) {
        double d = fabs(a[i] - b[i]) / fmax(fabs(a[i]), fabs(b[i]));
        if (!(d <= m))
            m = d;
    }
    return m;
}

/* Every case on every instruction set: within 1e-12 of the pinned plane,
 * and the instruction sets within 1e-13 of each other. */
static void test_pinned(void)
{
    setup s[NCASE];
    double *first[NCASE];
    const char *first_isa = NULL;
    for (size_t c = 0; c < NCASE; c++) {
        setup_init(&s[c], &cases[c]);
        first[c] = NULL;
    }
    for (int k = 0; kernel_isa_names[k]; k++) {
        const char *isa = kernel_isa_names[k];
        if (!kernel_isa_supported(isa))
            continue;
        kernel_force_isa(isa);
        if (!first_isa)
            first_isa = isa;
        for (size_t c = 0; c < NCASE; c++) {
            const pin_case *p = &cases[c];
            size_t nn = p->n * p->n;
            double *got = malloc(nn * sizeof *got);
            rs_status st = addition_landscape(&s[c].net, s[c].net.w, s[c].d1, s[c].d2, p->range,
                                              p->n, &s[c].es, got);
            double dev = max_rel(got, p->pinned, nn);
            tap_ok(st == RS_OK && dev <= 1e-12,
                   "%s, %s: the plane of the old code to %.1e relative (limit 1e-12)", isa, p->name,
                   dev);
            if (!first[c]) {
                first[c] = got;
                continue;
            }
            double x = max_rel(got, first[c], nn);
            tap_ok(x <= 1e-13, "%s, %s: within %.1e of %s (limit 1e-13)", isa, p->name, x,
                   first_isa);
            free(got);
        }
    }
    kernel_force_isa(NULL);
    for (size_t c = 0; c < NCASE; c++) {
        free(first[c]);
        setup_free(&s[c]);
    }
}

/* The same bytes for 1, 2 and 3 threads. */
static void test_threads(void)
{
#ifdef _OPENMP
    setup s;
    setup_init(&s, &cases[2]);
    const size_t n = 7;
    double one[49], many[49];
    omp_set_num_threads(1);
    addition_landscape(&s.net, s.net.w, s.d1, s.d2, 1.5, n, &s.es, one);
    int same = 1;
    for (int nt = 2; nt <= 3; nt++) {
        omp_set_num_threads(nt);
        addition_landscape(&s.net, s.net.w, s.d1, s.d2, 1.5, n, &s.es, many);
        same &= memcmp(one, many, sizeof one) == 0;
    }
    omp_set_num_threads(omp_get_num_procs());
    tap_ok(same, "byte-identical landscapes for 1, 2 and 3 threads");
    setup_free(&s);
#else
    tap_ok(1, "# SKIP built without OpenMP");
#endif
}

typedef struct {
    size_t next, calls, stop_after;
    size_t n;
    const double *whole;
    int ok;
} block_log;

static rs_status on_block(void *ctx, size_t lo, size_t hi, const double *v)
{
    block_log *b = ctx;
    b->ok &= lo == b->next && hi > lo && memcmp(v, b->whole + lo * b->n, (hi - lo) * b->n * 8) == 0;
    b->next = hi;
    b->calls++;
    return b->calls == b->stop_after ? RS_EIO : RS_OK;
}

/* Blocks of rows, with a callback after each, give the one call's values;
 * a callback's error stops the run; a range of rows is those rows. */
static void test_blocks(void)
{
    setup s;
    setup_init(&s, &cases[2]);
    const size_t n = 7;
    double whole[49], part[49];
    addition_landscape(&s.net, s.net.w, s.d1, s.d2, 1.5, n, &s.es, whole);
    addition_landscape_plan *pl;
    rs_status st = addition_landscape_plan_new(&s.net, s.net.w, s.d1, s.d2, 1.5, n, &s.es, &pl);
    block_log b = {0, 0, 0, n, whole, 1};
    if (st == RS_OK)
        st = addition_landscape_run(pl, 0, n, 3, part, on_block, &b);
    tap_ok(st == RS_OK && b.ok && b.calls == 3 && b.next == n && !memcmp(whole, part, sizeof whole),
           "rows in blocks of 3 (3 callbacks, in order) = one call");
    b = (block_log){2, 0, 0, n, whole, 1};
    st = addition_landscape_run(pl, 2, 5, 2, part, on_block, &b);
    tap_ok(st == RS_OK && b.ok && b.calls == 2 && !memcmp(whole + 2 * n, part, 3 * n * 8),
           "rows 2..4 alone are the same rows");
    b = (block_log){0, 0, 1, n, whole, 1};
    st = addition_landscape_run(pl, 0, n, 2, part, on_block, &b);
    tap_ok(st == RS_EIO && b.calls == 1, "a callback's error stops the run");
    tap_ok(addition_landscape_run(pl, 3, n + 1, 1, part, NULL, NULL) == RS_EINVAL,
           "rows beyond the grid are refused");
    addition_landscape_plan_free(pl);
    setup_free(&s);
}

/* Bytes the allocator holds now (0 where mallinfo2 says nothing, as
 * under AddressSanitizer). */
static double live_bytes(void)
{
    struct mallinfo2 mi = mallinfo2();
    return (double)mi.uordblks + (double)mi.hblkhd;
}

/* Whether live_bytes sees a 4 MiB block: else the estimates cannot be
 * compared with the allocator here. */
static int allocator_visible(void)
{
    double before = live_bytes();
    char *p = malloc(4 << 20);
    double seen = live_bytes() - before;
    free(p);
    return p && seen >= (double)(4 << 20);
}

/* The estimates against what the structures really hold: never below
 * it (a refusal must come before the kernel's kill), and within a small
 * factor (an estimate that wildly overstates would refuse good runs). */
static void test_estimates(void)
{
    if (!allocator_visible()) {
        tap_skip(8, "mallinfo2 does not see this allocator");
        return;
    }
    static const int shapes[][2] = {{8, 16}, {10, 64}, {16, 200}, {30, 1024}};
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
        int bits = shapes[s][0], hidden = shapes[s][1];
        double before = live_bytes();
        addition_evalset es;
        addition_trie t;
        addition_trie_work *wk = NULL;
        int ok = addition_evalset_init(&es, bits) == RS_OK && addition_trie_init(&t, &es) == RS_OK &&
                 addition_trie_work_new(&t, hidden, &wk) == RS_OK;
        double real = live_bytes() - before;
        double est = addition_evalset_bytes(bits) + addition_trie_bytes(bits, (double)es.n) +
                     addition_trie_work_bytes(bits, hidden);
        tap_ok(ok && est >= real && est <= 4.0 * real + (1 << 20),
               "bits %d, hidden %d: set + trie + scratch estimated %.0f bytes, %.0f held", bits,
               hidden, est, real);
        double land = addition_landscape_bytes(bits, hidden, 0.0, 1);
        tap_ok(land >= real, "  and the landscape's estimate (one thread) covers it: %.0f", land);
        addition_trie_work_free(wk);
        addition_trie_free(&t);
        addition_evalset_free(&es);
    }
}

int main(void)
{
    test_estimates();
    test_pinned();
    test_threads();
    test_blocks();
    return tap_done();
}
