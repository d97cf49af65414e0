#include "rng.h"

#include <math.h>

#include "status.h"

int rng_seed(rng *r, rng_kind kind, uint64_t seed)
{
    if (kind == RNG_NUMPY) {
        if (seed > UINT32_MAX)
            return RS_ERANGE;
        r->kind = kind;
        mt19937_seed(&r->u.mt, (uint32_t)seed);
        return RS_OK;
    }
    r->kind = RNG_PCG;
    pcg32_seed(&r->u.pcg, seed, RNG_PCG_STREAM);
    return RS_OK;
}

double rng_double(rng *r)
{
    return r->kind == RNG_NUMPY ? mt19937_double(&r->u.mt) : pcg32_double(&r->u.pcg);
}

uint32_t rng_below(rng *r, uint32_t n)
{
    if (n == 0)
        return 0;
    return r->kind == RNG_NUMPY ? mt19937_below(&r->u.mt, n) : pcg32_below(&r->u.pcg, n);
}

double rng_normal(rng *r)
{
    if (r->kind == RNG_NUMPY)
        return mt19937_normal(&r->u.mt);
    /* Polar method, second value dropped so the state stays a plain pcg32. */
    double x1, x2, r2;
    do {
        x1 = 2.0 * pcg32_double(&r->u.pcg) - 1.0;
        x2 = 2.0 * pcg32_double(&r->u.pcg) - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    return x2 * sqrt(-2.0 * log(r2) / r2);
}

const char *rng_kind_name(rng_kind kind) { return kind == RNG_NUMPY ? "numpy" : "pcg"; }
