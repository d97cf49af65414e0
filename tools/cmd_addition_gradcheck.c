/* rnnscape addition gradcheck and gradflow: the BPTT gradient against
 * central differences for every weight, and per-timestep ||dE/dh_k||. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "addition_io.h"
#include "addition_landscape.h"
#include "addition_objective.h"
#include "gradcheck.h"
#include "cli.h"
#include "cli_memory.h"
#include "cli_progress.h"
#include "cmd_addition_sub.h"
#include "parse.h"

#define CMD "addition gradcheck"

static const char help_text[] =
    "Usage: rnnscape addition gradcheck [OPTIONS]\n\n"
    "Compares the BPTT gradient of E = sum over the chosen sums of\n"
    "sum_k 1/2 (c_k - o_k)^2 with central differences for every weight (2H + H + H*H of them: 304 "
    "for H = 16). For each weight\n"
    "rel = |bp - fd| / max(|bp|, |fd|, floor); the check passes when the worst\n"
    "rel is below --tol. Prints a summary; exit 0 pass, 1 mismatch, 2 bad usage.\n\n"
    "Weights (default: random, as 'addition train' initialises them):\n"
    "  --weights FILE     weights written by 'addition train --save'\n"
    "  --bits T, --hidden H  shape of random weights (default 8, 16)\n"
    "  --rng pcg|numpy, --seed S  generator for random weights and pairs\n"
    "                     (default pcg, 0)\n"
    "Sums (default: one random pair, drawn after any random weights):\n"
    "  --pair A,B         this sum (A, B in [0, 2^(bits-1)))\n"
    "  --batch N          N random pairs (a then b each), E summed over them\n"
    "Check:\n"
    "  --order 4|2        4 (default): the 5-point central difference\n"
    "                     (8(E(w+h)-E(w-h)) - (E(w+2h)-E(w-2h))) / 12h, error O(h^4);\n"
    "                     2: (E(w+h) - E(w-h)) / 2h, error O(h^2)\n"
    "  --eps H            difference step h (default 1e-3; with --order 2 use ~1e-5)\n"
    "  --tol X            largest accepted relative error (default 1e-6)\n"
    "  --floor F          absolute floor of the denominator (default 1e-8)\n"
    "  -o, --output FILE  the per-weight table: index matrix row column backprop\n"
    "                     numeric rel (matrix 0 = W0, 1 = W1, 2 = Wh)\n"
    CLI_MEMORY_HELP
    "The differences are taken of E evaluated by the prefix trie (as 'addition\n"
    "landscape' does), the weights shared among OpenMP's threads (OMP_NUM_THREADS);\n"
    "the result is the same for any number of threads.\n";

typedef struct {
    const char *weights, *output;
    long bits, hidden, batch, pair_a, pair_b;
    int have_pair;
    rng_kind kind;
    uint64_t seed;
    double eps, tol, floor;
    long order;
    memory_limit memory;
} check_opts;

/* "A,B" with two non-negative integers. */
static int parse_pair(const char *arg, check_opts *o)
{
    double a, b;
    const char *expected;
    if (parse_point(arg, &a, &b, &expected) != RS_OK || a != floor(a) || b != floor(b) || a < 0 ||
        b < 0 || a >= 1073741824.0 || b >= 1073741824.0) {
        cli_error(CMD, "--pair: expected two non-negative integers 'A,B', got '%s'", arg);
        return CLI_USAGE;
    }
    o->pair_a = (long)a;
    o->pair_b = (long)b;
    o->have_pair = 1;
    return CLI_OK;
}

static int positive(const char *opt, const char *arg, double *v)
{
    return cli_double_above(CMD, opt, arg, 0.0, 1, v);
}

enum {
    OPT_BITS = ADD_OPT_FIRST_FREE,
    OPT_HIDDEN,
    OPT_PAIR,
    OPT_BATCH,
    OPT_EPS,
    OPT_TOL,
    OPT_FLOOR,
    OPT_ORDER
};

typedef struct {
    check_opts *o;
    int have_batch;
} check_parse;

static int check_option(void *ctx, int c, const char *arg)
{
    check_parse *cp = ctx;
    check_opts *o = cp->o;
    int rc = addition_rng_option(CMD, c, arg, &o->kind, &o->seed);
    if (rc != CLI_NOT_MINE)
        return rc;
    switch (c) {
    case ADD_OPT_WEIGHTS: o->weights = arg; return CLI_OK;
    case OPT_MAX_MEMORY: return cli_memory_option(CMD, arg, &o->memory);
    case OPT_BITS: return cli_long(CMD, "--bits", arg, 2, ADDITION_BITS_MAX, &o->bits);
    case OPT_HIDDEN: return cli_long(CMD, "--hidden", arg, 1, ADDITION_HIDDEN_MAX, &o->hidden);
    case OPT_PAIR: return parse_pair(arg, o);
    case OPT_BATCH: cp->have_batch = 1; return cli_long(CMD, "--batch", arg, 1, 1000000L, &o->batch);
    case OPT_EPS: return positive("--eps", arg, &o->eps);
    case OPT_TOL: return positive("--tol", arg, &o->tol);
    case OPT_FLOOR: return positive("--floor", arg, &o->floor);
    case OPT_ORDER:
        rc = cli_long(CMD, "--order", arg, 2, 4, &o->order);
        if (rc == CLI_OK && o->order == 3) {
            cli_error(CMD, "--order: expected 2 or 4, got '%s'", arg);
            rc = CLI_USAGE;
        }
        return rc;
    }
    return CLI_NOT_MINE;
}

static int parse_opts(int argc, char **argv, check_opts *o)
{
    static const struct option longopts[] = {ADDITION_RNG_LONGOPTS,
                                             {"weights", required_argument, NULL, ADD_OPT_WEIGHTS},
                                             {"bits", required_argument, NULL, OPT_BITS},
                                             {"hidden", required_argument, NULL, OPT_HIDDEN},
                                             {"pair", required_argument, NULL, OPT_PAIR},
                                             {"batch", required_argument, NULL, OPT_BATCH},
                                             {"eps", required_argument, NULL, OPT_EPS},
                                             {"tol", required_argument, NULL, OPT_TOL},
                                             {"floor", required_argument, NULL, OPT_FLOOR},
                                             {"order", required_argument, NULL, OPT_ORDER},
                                             {"output", required_argument, NULL, 'o'},
                                             CLI_MEMORY_LONGOPT,
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    *o = (check_opts){.bits = 8,
                      .hidden = 16,
                      .batch = 1,
                      .kind = RNG_PCG,
                      .eps = 1e-3,
                      .order = 4,
                      .tol = 1e-6,
                      .floor = 1e-8};
    check_parse cp = {o, 0};
    int rc = addition_parse(CMD, help_text, longopts, &o->output, check_option, &cp, NULL, argc,
                            argv);
    if (rc == CLI_OK && o->have_pair && cp.have_batch) {
        cli_error(CMD, "--pair and --batch exclude each other");
        rc = CLI_USAGE;
    }
    return rc;
}

/* What the check will hold once the weights are known: the pairs and one
 * sum's scratch, the trie pool, a probe per thread, the table. */
static int check_memory(const check_opts *o, const addition_net *net)
{
    size_t npairs = o->have_pair ? 1 : (size_t)o->batch, slots = gradcheck_pool_threads();
    double n = (double)net->nparams, T = net->bits, H = net->hidden;
    double problem = 8.0 * (double)npairs + 8.0 * ((T + 1.0) * H + 3.0 * T + 2.0 * H + n);
    double table = n * (double)(sizeof(gradcheck_entry) + sizeof(double)) + 8.0 * n * (double)slots;
    double bytes = problem + table +
                   addition_loss_pool_bytes(net->bits, net->hidden, npairs, slots);
    return cli_memory_check(CMD, &o->memory, bytes, "the gradient check");
}

/* The weights and the sums E is taken over. */
static int setup(const check_opts *o, addition_net *net, addition_problem *pb, rng *r)
{
    int rc = addition_seed(CMD, r, o->kind, o->seed);
    if (rc != CLI_OK)
        return rc;
    if (o->weights) {
        if ((rc = addition_load_weights(CMD, o->weights, net)) != CLI_OK)
            return rc;
    } else {
        if (addition_net_init(net, (int)o->bits, (int)o->hidden) != RS_OK)
            return CLI_FAILURE;
        addition_net_randomize(net, r);
    }
    uint32_t half = (uint32_t)1 << (net->bits - 1);
    if (o->have_pair && (o->pair_a >= (long)half || o->pair_b >= (long)half)) {
        cli_error(CMD, "--pair: %ld,%ld: both numbers must be below %u for %d bits", o->pair_a,
                  o->pair_b, half, net->bits);
        return CLI_USAGE;
    }
    if ((rc = check_memory(o, net)) != CLI_OK)
        return rc;
    uint32_t a = (uint32_t)o->pair_a, b = (uint32_t)o->pair_b;
    rs_status st = o->have_pair ? addition_problem_init_pairs(pb, net, 1, &a, &b)
                                : addition_problem_init_drawn(pb, net, r, (size_t)o->batch);
    if (st != RS_OK) {
        cli_error(CMD, "out of memory");
        return CLI_FAILURE;
    }
    return CLI_OK;
}

static void write_table_header(FILE *fp, const check_opts *o, const addition_problem *pb,
                               int nfull, char **full)
{
    cli_header(fp, nfull, full);
    fprintf(fp, "# bits: %d\n# hidden: %d\n# eps: %.17g\n# tol: %.17g\n# floor: %.17g\n",
            pb->net->bits, pb->net->hidden, o->eps, o->tol, o->floor);
    fprintf(fp, "# pairs:");
    for (size_t i = 0; i < pb->npairs; i++)
        fprintf(fp, " %u+%u", pb->a[i], pb->b[i]);
    fprintf(fp, "\n# columns: index matrix row column backprop numeric rel\n"
                "# matrix 0 = W0, 1 = W1, 2 = Wh; rel = |bp - fd| / max(|bp|, |fd|, floor)\n");
}

static void write_table(FILE *fp, const addition_net *net, const gradcheck_entry *e)
{
    for (size_t p = 0; p < net->nparams; p++) {
        int r, c;
        const char *name = addition_param_name(net->hidden, p, &r, &c);
        int matrix = name[1] == '0' ? 0 : name[1] == '1' ? 1 : 2;
        fprintf(fp, "%zu %d %d %d %.17g %.17g %.17g\n", p, matrix, r, c, e[p].backprop,
                e[p].numerical, e[p].rel_err);
    }
}

/* The weight with the largest relative error (a not-finite one first). */
static size_t worst_entry(size_t n, const gradcheck_entry *e)
{
    size_t at = 0;
    for (size_t p = 1; p < n; p++)
        if (e[p].rel_err > e[at].rel_err)
            at = p;
    return at;
}

static void summary(const check_opts *o, const addition_problem *pb, const gradcheck_entry *e,
                    size_t at, int pass)
{
    int r, c;
    const addition_net *net = pb->net;
    const char *name = addition_param_name(net->hidden, at, &r, &c);
    printf("weights: %zu (bits %d, hidden %d); sums: %zu", net->nparams, net->bits, net->hidden,
           pb->npairs);
    if (pb->npairs == 1)
        printf(" (%u + %u)", pb->a[0], pb->b[0]);
    printf("; eps %g\nworst relative error %.3e at %s[%d][%d] (index %zu): backprop %.17g, "
           "numeric %.17g\n%s (tol %g, floor %g)\n",
           o->eps, e[at].rel_err, name, r, c, at, e[at].backprop, e[at].numerical,
           pass                                     ? "PASS"
           : e[at].verdict == GRADCHECK_NOT_FINITE ? "FAIL (not finite)"
                                                    : "FAIL",
           o->tol, o->floor);
}

/* Progress of the differences, weight by weight (cli_progress.h). */
static void on_progress(void *ctx, size_t done, size_t total)
{
    (void)total;
    cli_progress_show(ctx, done);
}

/* The one checker (gradcheck.h) over every weight: the analytic gradient
 * from the (possibly wrapped) objective, the differences from the trie
 * pool on every thread. The verdict is the documented one: worst rel =
 * |bp - fd| / max(|bp|, |fd|, floor) < tol. */
static int check(const check_opts *o, const addition_net *net, addition_problem *pb,
                 cmd_objective_wrap wrap, void *wrap_ctx, gradcheck_entry *e, size_t *at)
{
    gradcheck_opts g = gradcheck_defaults();
    g.eps = o->eps;
    g.order = (int)o->order;
    g.rel_floor = o->floor;
    g.tutorial_steps = 0; /* E(w + h) and E(w - h) directly */
    objective real = addition_objective(pb);
    objective obj = wrap ? wrap(&real, wrap_ctx) : real;
    addition_loss_pool *lp = NULL;
    size_t slots = gradcheck_pool_threads();
    rs_status st = addition_loss_pool_new(pb, slots, &lp);
    if (st == RS_OK) {
        cli_progress prog;
        cli_progress_start(&prog, CMD, net->nparams);
        gradcheck_pool pool = {slots, addition_loss_pool_eval, lp, on_progress, &prog};
        st = gradcheck_objective_pool(&obj, &pool, net->w, &g, e, NULL);
        cli_progress_show(&prog, net->nparams); /* erases the line */
    }
    addition_loss_pool_free(lp);
    if (st != RS_OK) {
        cli_error(CMD, "%s", st == RS_ENOMEM ? "out of memory" : rs_status_str(st));
        return CLI_FAILURE;
    }
    *at = worst_entry(net->nparams, e);
    return e[*at].verdict != GRADCHECK_NOT_FINITE && e[*at].rel_err < o->tol ? CLI_OK
                                                                             : CLI_CHECK_FAILED;
}

int addition_cmd_gradcheck(int argc, char **argv, int nfull, char **full)
{
    return addition_cmd_gradcheck_wrapped(argc, argv, nfull, full, NULL, NULL);
}

int addition_cmd_gradcheck_wrapped(int argc, char **argv, int nfull, char **full,
                                   cmd_objective_wrap wrap, void *wrap_ctx)
{
    check_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc == CLI_HELP_SHOWN)
        return CLI_OK;
    if (rc != CLI_OK)
        return rc;
    if ((rc = cli_output_not_input(CMD, "-o", o.output, "--weights", o.weights, NULL)) != CLI_OK)
        return rc;
    addition_net net = {0};
    addition_problem pb = {0};
    addition_outputs out = {0};
    gradcheck_entry *e = NULL;
    FILE *fp = NULL;
    rng r;
    size_t at = 0;
    rc = setup(&o, &net, &pb, &r);
    if (rc == CLI_OK && o.output)
        rc = addition_outputs_open(CMD, &out, "--output", o.output, &fp);
    if (rc == CLI_OK && !(e = malloc(net.nparams * sizeof *e))) {
        cli_error(CMD, "out of memory");
        rc = CLI_FAILURE;
    }
    if (rc == CLI_OK)
        rc = check(&o, &net, &pb, wrap, wrap_ctx, e, &at);
    if (rc == CLI_OK || rc == CLI_CHECK_FAILED) {
        int verdict = rc;
        summary(&o, &pb, e, at, verdict == CLI_OK);
        if (fp) {
            write_table_header(fp, &o, &pb, nfull, full);
            write_table(fp, &net, e);
            if (addition_outputs_commit(CMD, &out) != CLI_OK)
                verdict = CLI_FAILURE;
        }
        rc = verdict;
    }
    addition_outputs_abort(&out);
    free(e);
    addition_problem_free(&pb);
    addition_net_free(&net);
    return rc;
}

#undef CMD
#define CMD "addition gradflow"

static const char flow_help[] =
    "Usage: rnnscape addition gradflow --weights FILE [-o FILE]\n\n"
    "Writes, for k = T..1, the mean over the evaluation set (all 128 x 128 sums for\n"
    "8 bits; all sums up to 10 bits, else 16384 fixed PCG pairs) of ||dE/dh_k||_2,\n"
    "where E = sum_k 1/2 (c_k - o_k)^2 and h_k is the hidden state after bit k\n"
    "(k = 1 least significant). Columns: k mean_norm. 'addition train --gradflow'\n"
    "writes the same at every checkpoint.\n\n"
    "  --weights FILE       weights written by 'addition train --save' (required)\n"
    "  -o, --output FILE    write to FILE atomically (default standard output)\n"
    CLI_MEMORY_HELP
    "  -h, --help           show this help\n";

typedef struct {
    const char *weights;
    memory_limit memory;
} flow_opts;

static int flow_option(void *ctx, int c, const char *arg)
{
    flow_opts *o = ctx;
    if (c == OPT_MAX_MEMORY)
        return cli_memory_option(CMD, arg, &o->memory);
    if (c != ADD_OPT_WEIGHTS)
        return CLI_NOT_MINE;
    o->weights = arg;
    return CLI_OK;
}

int addition_cmd_gradflow(int argc, char **argv, int nfull, char **full)
{
    static const struct option longopts[] = {{"weights", required_argument, NULL, ADD_OPT_WEIGHTS},
                                             {"output", required_argument, NULL, 'o'},
                                             CLI_MEMORY_LONGOPT,
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    flow_opts o = {0};
    const char *output = NULL;
    int prc = addition_parse(CMD, flow_help, longopts, &output, flow_option, &o, NULL, argc, argv);
    if (prc != CLI_OK)
        return prc == CLI_HELP_SHOWN ? CLI_OK : prc;
    const char *weights = o.weights;
    if (!weights) {
        cli_error(CMD, "--weights FILE is required (see 'rnnscape addition gradflow --help')");
        return CLI_USAGE;
    }
    if (cli_output_not_input(CMD, "-o", output, "--weights", weights, NULL) != CLI_OK)
        return CLI_USAGE;
    addition_net net;
    addition_evalset es = {0};
    int rc = addition_load_weights(CMD, weights, &net);
    if (rc != CLI_OK)
        return rc;
    double dh[ADDITION_BITS_MAX], loss;
    outfile of;
    rc = cli_memory_check(CMD, &o.memory,
                          addition_evaluate_bytes(net.bits, net.hidden, cli_threads()),
                          "the gradient flow");
    if (rc == CLI_OK)
        rc = addition_load_evalset(CMD, &es, net.bits);
    if (rc == CLI_OK && addition_evaluate(&net, net.w, &es, &loss, NULL, dh) != RS_OK) {
        cli_error(CMD, "out of memory");
        rc = CLI_FAILURE;
    }
    if (rc == CLI_OK && (rc = cli_open(CMD, output, &of)) == CLI_OK) {
        cli_header(of.fp, nfull, full);
        fprintf(of.fp, "# weights: %s\n# bits: %d\n# hidden: %d\n# mean loss: %.17g\n", weights,
                net.bits, net.hidden, loss);
        addition_describe_evalset(of.fp, &es);
        fputs("# columns: k mean_norm\n", of.fp);
        for (int k = net.bits; k >= 1; k--)
            fprintf(of.fp, "%d %.17g\n", k, dh[k - 1]);
        rc = cli_close(CMD, &of);
    }
    addition_evalset_free(&es);
    addition_net_free(&net);
    return rc;
}
