/* rnnscape addition train: the tutorial's training loop, its printed log,
 * and the data files the figures and the other subcommands read. */
#include <errno.h>
#include <sys/stat.h>
#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "addition_io.h"
#include "addition_train.h"
#include "cli.h"
#include "cli_memory.h"
#include "cli_progress.h"
#include "cmd_addition_sub.h"

#define CMD "addition train"

static const char help_text[] =
    "Usage: rnnscape addition train [OPTIONS]\n\n"
    "Trains the binary-addition RNN one random sum per iteration exactly as seed\n"
    "000 does: weights W0 (2 x H), W1 (H x 1), Wh (H x H) drawn in that order as\n"
    "2*U[0,1)-1, then per iteration a, then b, uniform in [0, 2^(bits-1)); after\n"
    "the whole sequence W += alpha * (the tutorial's update), which is -dE/dW for\n"
    "E = sum_k 1/2 (c_k - o_k)^2. Every --every iterations (0, every, ...) it\n"
    "prints the tutorial's block: Error (sum_k |c_k - o_k| before the update,\n"
    "formatted as old NumPy prints a 1-element array), Pred and True bits (most\n"
    "significant first) and 'a + b = out'.\n\n"
    "  --iters N          iterations (default 10000)\n"
    "  --bits T           bits per number, 2 to 30 (default 8)\n"
    "  --hidden H         hidden units, 1 to 1024 (default 16)\n"
    "  --alpha A          the tutorial's learning rate, > 0 (default 0.1); with\n"
    "                     --optimizer rmsprop, RMSprop's smoothing constant\n"
    "  --rng pcg|numpy    generator (default pcg); numpy = NumPy's legacy one\n"
    "  --seed S           seed (default 0); '--rng numpy --seed 0' is the tutorial\n"
    "  --every N          print and checkpoint period (default 1000)\n"
    "  -q, --quiet        do not print the log\n\n"
    "Other optimisers (torch.optim's names, defaults and update rules; one step\n"
    "per sum on its E, from the same weights and sums):\n"
    "  --optimizer NAME   sgd, adagrad, rmsprop, adam, rprop-tutorial, rprop+,\n"
    "                     rprop-, irprop+ or irprop- (default: the tutorial's\n"
    "                     update W += alpha * dW, which is SGD with lr = alpha)\n"
    "  --lr, --momentum, --dampening, --nesterov, --weight-decay, --lr-decay,\n"
    "  --initial-accumulator, --alpha, --centered, --eps, --beta1, --beta2,\n"
    "  --amsgrad, --delta0, --delta-min, --delta-max, --eta-plus, --eta-minus\n"
    "                     its hyper-parameters (as 'rnnscape optimize'; an option\n"
    "                     the optimiser does not use is refused)\n"
    "  --clip-norm C      g <- g*C/||g|| when ||g|| > C (Pascanu et al. 2013)\n"
    "  --clip-value C     each gradient component into [-C, C]\n\n"
    "Output files (each written atomically; none unless asked for):\n"
    "  -o, --output-dir DIR  all five below (DIR is created if missing), named\n"
    "                     addition-curve.dat, addition-eval.dat,\n"
    "                     addition-gradflow.dat, addition-checkpoints.dat and\n"
    "                     addition-weights.dat\n"
    "  --curve FILE       per iteration: iteration, abs_error, loss E (both for\n"
    "                     that iteration's sum, before its update), mean abs_error\n"
    "                     over the last --every iterations\n"
    "  --eval FILE        per checkpoint: iteration, mean E and exact-answer\n"
    "                     accuracy over the evaluation set (all 128 x 128 sums for\n"
    "                     8 bits; all sums up to 10 bits, else 16384 fixed pairs)\n"
    "  --gradflow FILE    per checkpoint and timestep k = T..1: iteration, k, mean\n"
    "                     over the evaluation set of ||dE/dh_k||; one grid row per\n"
    "                     checkpoint (gnuplot pm3d/image)\n"
    "  --checkpoints FILE per checkpoint: iteration and every weight\n"
    "  --save FILE        the final weights (read by --weights elsewhere)\n"
    CLI_MEMORY_HELP "\n"
    "Checkpoint i holds the weights after i iterations: 0, every, 2*every, ...,\n"
    "and always the final weights (after --iters iterations).\n";

enum { OUT_CURVE, OUT_EVAL, OUT_GRADFLOW, OUT_CHECKPOINTS, OUT_SAVE, OUT_N };
static const char *const out_names[OUT_N] = {"addition-curve.dat", "addition-eval.dat",
                                             "addition-gradflow.dat", "addition-checkpoints.dat",
                                             "addition-weights.dat"};

typedef struct {
    long iters, bits, hidden, every;
    double alpha;
    const char *alpha_text; /* --alpha as typed */
    addition_optim_opts optim;
    optim_config config;
    int use_optim;
    rng_kind kind;
    uint64_t seed;
    int quiet;
    const char *dir;
    const char *path[OUT_N];
    memory_limit memory;
} train_opts;

/* Writes x as old NumPy (1.13 and before) prints a 1-element float array:
 * 8 decimals with trailing zeros dropped, or 8-digit exponent form for
 * values below 1e-4 or from 1e8, after a sign column. */
static void print_np_array1(FILE *fp, double x)
{
    char buf[64];
    double ax = fabs(x);
    if (x != 0.0 && (ax < 1e-4 || ax >= 1e8)) {
        snprintf(buf, sizeof buf, "%.8e", ax);
    } else {
        snprintf(buf, sizeof buf, "%.8f", ax);
        size_t n = strlen(buf);
        while (n > 0 && buf[n - 1] == '0')
            buf[--n] = '\0';
    }
    fprintf(fp, "[%c%s]", x < 0 ? '-' : ' ', buf);
}

static void print_bits(FILE *fp, const char *label, uint64_t v, int bits)
{
    fprintf(fp, "%s[", label);
    for (int k = bits - 1; k >= 0; k--)
        fprintf(fp, "%d%s", (int)((v >> k) & 1u), k ? " " : "");
    fputs("]\n", fp);
}

static void print_block(int bits, uint32_t a, uint32_t b, const addition_step *st)
{
    fputs("Error:", stdout);
    print_np_array1(stdout, st->abs_error);
    putchar('\n');
    print_bits(stdout, "Pred:", st->pred, bits);
    print_bits(stdout, "True:", st->target, bits);
    printf("%u + %u = %llu\n------------\n", a, b, (unsigned long long)st->pred);
}

enum {
    OPT_ITERS = ADD_OPT_FIRST_FREE,
    OPT_BITS,
    OPT_HIDDEN,
    OPT_ALPHA,
    OPT_EVERY,
    OPT_CURVE, /* then one code per output file, in out_names' order */
};

static int train_option(void *ctx, int c, const char *arg)
{
    train_opts *o = ctx;
    int rc = addition_rng_option(CMD, c, arg, &o->kind, &o->seed);
    if (rc == CLI_NOT_MINE)
        rc = addition_optim_option(CMD, c, arg, &o->optim);
    if (rc != CLI_NOT_MINE)
        return rc;
    if (c >= OPT_CURVE && c < OPT_CURVE + OUT_N) {
        o->path[c - OPT_CURVE] = arg;
        return CLI_OK;
    }
    switch (c) {
    case OPT_ITERS: return cli_long(CMD, "--iters", arg, 0, 1000000000L, &o->iters);
    case OPT_BITS: return cli_long(CMD, "--bits", arg, 2, ADDITION_BITS_MAX, &o->bits);
    case OPT_HIDDEN: return cli_long(CMD, "--hidden", arg, 1, ADDITION_HIDDEN_MAX, &o->hidden);
    case OPT_EVERY: return cli_long(CMD, "--every", arg, 1, 10000000L, &o->every);
    case 'q': o->quiet = 1; return CLI_OK;
    case OPT_MAX_MEMORY: return cli_memory_option(CMD, arg, &o->memory);
    case OPT_ALPHA: o->alpha_text = arg; return CLI_OK; /* its meaning needs --optimizer */
    }
    return CLI_NOT_MINE;
}

/* --alpha: the tutorial's learning rate, or an optimiser's parameter. */
static int alpha_value(train_opts *o)
{
    if (o->optim.type >= 0)
        return addition_optim_alpha(CMD, o->alpha_text, &o->optim);
    return cli_double_above(CMD, "--alpha", o->alpha_text, 0.0, 1, &o->alpha);
}

static int parse_opts(int argc, char **argv, train_opts *o)
{
    static const struct option fixed[] = {ADDITION_RNG_LONGOPTS,
                                          {"iters", required_argument, NULL, OPT_ITERS},
                                          {"bits", required_argument, NULL, OPT_BITS},
                                          {"hidden", required_argument, NULL, OPT_HIDDEN},
                                          {"alpha", required_argument, NULL, OPT_ALPHA},
                                          {"every", required_argument, NULL, OPT_EVERY},
                                          {"quiet", no_argument, NULL, 'q'},
                                          {"output-dir", required_argument, NULL, 'o'},
                                          {"curve", required_argument, NULL, OPT_CURVE},
                                          {"eval", required_argument, NULL, OPT_CURVE + 1},
                                          {"gradflow", required_argument, NULL, OPT_CURVE + 2},
                                          {"checkpoints", required_argument, NULL, OPT_CURVE + 3},
                                          {"save", required_argument, NULL, OPT_CURVE + 4},
                                          CLI_MEMORY_LONGOPT,
                                          {"help", no_argument, NULL, 'h'}};
    enum { NFIXED = sizeof fixed / sizeof fixed[0], ROOM = NFIXED + ADD_OPTIM_PARAMS_MAX + 4 };
    struct option longopts[ROOM];
    memcpy(longopts, fixed, sizeof fixed);
    size_t k = NFIXED + addition_optim_longopts(longopts + NFIXED, ROOM - NFIXED - 1);
    longopts[k] = (struct option){NULL, 0, NULL, 0};
    *o = (train_opts){.iters = 10000,
                      .bits = 8,
                      .hidden = 16,
                      .every = 1000,
                      .alpha = 0.1,
                      .kind = RNG_PCG,
                      .seed = 0,
                      .optim = {.type = -1}};
    int rc = addition_parse(CMD, help_text, longopts, &o->dir, train_option, o, "qo:h", argc, argv);
    if (rc == CLI_OK && o->alpha_text)
        rc = alpha_value(o);
    if (rc == CLI_OK) {
        rc = addition_optim_config(CMD, &o->optim, &o->config);
        o->use_optim = rc == CLI_OK;
        if (rc == CLI_NOT_MINE)
            rc = CLI_OK;
    }
    return rc;
}

/* Everything the loop writes to: fp[i] is NULL for an output not asked for. */
typedef struct {
    addition_outputs out;
    FILE *fp[OUT_N];
    char *owned[OUT_N];
    int quiet, bits;
    long every;
    int progress; /* show cli_progress (outputs asked for, no log on a terminal) */
    cli_progress prog;
} train_out;

static const char *const out_opts[OUT_N] = {"--curve", "--eval", "--gradflow", "--checkpoints",
                                            "--save"};

static int open_outputs(const train_opts *o, train_out *t)
{
    if (o->dir && mkdir(o->dir, 0777) != 0 && errno != EEXIST) { /* one level, like mkdir */
        cli_error(CMD, "--output-dir: cannot create '%s': %s", o->dir, strerror(errno));
        return CLI_FAILURE;
    }
    int rc = CLI_OK;
    for (int i = 0; i < OUT_N && rc == CLI_OK; i++) {
        const char *path = o->path[i];
        if (!path && o->dir) {
            size_t n = strlen(o->dir) + strlen(out_names[i]) + 2;
            if (!(t->owned[i] = malloc(n))) {
                cli_error(CMD, "out of memory");
                return CLI_FAILURE;
            }
            snprintf(t->owned[i], n, "%s/%s", o->dir, out_names[i]);
            path = t->owned[i];
        }
        if (path)
            rc = addition_outputs_open(CMD, &t->out, o->path[i] ? out_opts[i] : "--output-dir",
                                       path, &t->fp[i]);
    }
    return rc;
}

static void free_outputs(train_out *t)
{
    addition_outputs_abort(&t->out);
    for (int i = 0; i < OUT_N; i++)
        free(t->owned[i]);
}

static void write_headers(const train_opts *o, train_out *t, int nfull, char **full,
                          const addition_net *net, const addition_evalset *es)
{
    static const char *const columns[OUT_N] = {
        "# columns: iteration abs_error loss mean_abs_error\n"
        "# abs_error = sum_k |c_k - o_k| and loss = E = sum_k 1/2 (c_k - o_k)^2 for the\n"
        "# iteration's own sum, before its update; mean_abs_error over the last\n"
        "# min(every, iteration+1) iterations\n",
        "# columns: iteration mean_loss accuracy\n"
        "# mean_loss = mean E, accuracy = fraction of sums with every bit right,\n"
        "# both over the evaluation set, at the weights after `iteration` iterations\n",
        "# columns: iteration k mean_norm\n"
        "# mean_norm = mean over the evaluation set of ||dE/dh_k||_2 (E of the whole\n"
        "# sequence, h_k the hidden state after bit k, k = 1 least significant);\n"
        "# one block of k = T..1 per checkpoint, blocks separated by a blank line\n",
        NULL, NULL};
    for (int i = 0; i < OUT_N; i++) {
        FILE *fp = t->fp[i];
        if (!fp)
            continue;
        cli_header(fp, nfull, full);
        fprintf(fp,
                "# model: binary addition RNN, sigmoid, no biases\n# iters: %ld\n", o->iters);
        if (o->use_optim)
            addition_optim_header(fp, &o->config);
        else
            fprintf(fp, "# alpha: %.17g\n", o->alpha);
        fprintf(fp, "# rng: %s\n# seed: %llu\n# every: %ld\n", rng_kind_name(o->kind),
                (unsigned long long)o->seed, o->every);
        if (i == OUT_EVAL || i == OUT_GRADFLOW)
            addition_describe_evalset(fp, es);
        if (i == OUT_CHECKPOINTS)
            addition_write_checkpoint_header(fp, net);
        else if (i != OUT_SAVE)
            fprintf(fp, "# bits: %d\n# hidden: %d\n%s", net->bits, net->hidden, columns[i]);
    }
}

/* A checkpoint: the weights, the evaluation and the gradient flow. */
static rs_status on_checkpoint(void *ctx, const addition_train_checkpoint *c)
{
    train_out *t = ctx;
    if (t->fp[OUT_CHECKPOINTS]) {
        addition_net at = *c->net;
        at.w = (double *)c->w; /* only read */
        addition_write_checkpoint(t->fp[OUT_CHECKPOINTS], c->iter, &at);
    }
    if (t->fp[OUT_EVAL])
        fprintf(t->fp[OUT_EVAL], "%ld %.17g %.17g\n", c->iter, c->mean_loss, c->accuracy);
    if (t->fp[OUT_GRADFLOW]) {
        FILE *fp = t->fp[OUT_GRADFLOW];
        if (c->iter > 0)
            fputc('\n', fp);
        for (int k = c->net->bits; k >= 1; k--)
            fprintf(fp, "%ld %d %.17g\n", c->iter, k, c->dhnorm[k - 1]);
    }
    return RS_OK;
}

/* An iteration: the curve's line and, every --every, the tutorial's block. */
static rs_status on_iteration(void *ctx, const addition_train_record *r)
{
    train_out *t = ctx;
    if (t->fp[OUT_CURVE])
        fprintf(t->fp[OUT_CURVE], "%ld %.17g %.17g %.17g\n", r->iter, r->step.abs_error,
                r->step.loss, r->mean_abs_error);
    if (!t->quiet && r->iter % t->every == 0)
        print_block(t->bits, r->a, r->b, &r->step);
    if (t->progress && r->iter % 64 == 0) /* the clock is read every 64 iterations */
        cli_progress_show(&t->prog, (size_t)r->iter);
    return RS_OK;
}

static int commit_outputs(const addition_net *net, train_out *t)
{
    if (t->fp[OUT_SAVE] && addition_write_weights(t->fp[OUT_SAVE], net, net->w) != RS_OK) {
        int saved = errno;
        for (size_t i = 0; i < t->out.group.n; i++)
            if (strcmp(t->out.opt[i], "--save") == 0)
                cli_error(CMD, "--save: writing '%s' failed: %s (no output written)",
                          t->out.path[i], strerror(saved));
        return CLI_FAILURE;
    }
    return addition_outputs_commit(CMD, &t->out);
}

static int train(const train_opts *o, addition_net *net, rng *r, const addition_evalset *es,
                 train_out *t)
{
    addition_train_config cfg = {.iters = o->iters,
                                 .every = o->every,
                                 .alpha = o->alpha,
                                 .optim = o->use_optim ? &o->config : NULL,
                                 .eval = t->fp[OUT_EVAL] || t->fp[OUT_GRADFLOW] ? es : NULL,
                                 .gradflow = t->fp[OUT_GRADFLOW] != NULL,
                                 .running_mean = t->fp[OUT_CURVE] != NULL,
                                 .on_iteration = on_iteration,
                                 .on_checkpoint = on_checkpoint,
                                 .ctx = t};
    int any = 0;
    for (int i = 0; i < OUT_N; i++)
        any |= t->fp[i] != NULL;
    /* the log on a terminal is its own progress; the line would cut into it */
    t->progress = any && (t->quiet || !isatty(STDOUT_FILENO));
    cli_progress_start(&t->prog, CMD, (size_t)o->iters);
    rs_status st = addition_train(net, r, &cfg);
    if (t->progress)
        cli_progress_show(&t->prog, (size_t)o->iters); /* erases the line */
    if (st == RS_OK)
        return CLI_OK;
    if (st == RS_ERANGE) /* the last iteration written is the first not finite */
        cli_error(CMD, "--optimizer %s: the loss or its gradient is no longer finite; "
                       "try a smaller --lr or clipping", o->config.type->name);
    else
        cli_error(CMD, "training: %s", rs_status_str(st));
    return CLI_FAILURE;
}

/* The run's estimate (addition_train_bytes) against the ceiling, before
 * anything is allocated. */
static int check_memory(const train_opts *o)
{
    int eval = o->dir || o->path[OUT_EVAL] || o->path[OUT_GRADFLOW];
    int gradflow = o->dir || o->path[OUT_GRADFLOW];
    size_t pairs = o->bits <= ADDITION_FULL_BITS_MAX ? (size_t)1 << (2 * (o->bits - 1))
                                                       : (size_t)ADDITION_SAMPLE_PAIRS;
    size_t state = 0;
    if (o->use_optim) {
        state = o->config.type->state_size(addition_nparams((int)o->hidden));
        if (state == SIZE_MAX)
            return cli_memory_check(CMD, &o->memory, INFINITY, "the optimiser's state");
    }
    double bytes = addition_train_bytes((int)o->bits, (int)o->hidden, o->every, eval ? pairs : 0,
                                        gradflow, state);
    return cli_memory_check(CMD, &o->memory, bytes, "training");
}

int addition_cmd_train(int argc, char **argv, int nfull, char **full)
{
    train_opts o;
    int rc = parse_opts(argc, argv, &o);
    if (rc == CLI_HELP_SHOWN)
        return CLI_OK;
    if (rc != CLI_OK)
        return rc;
    if ((rc = check_memory(&o)) != CLI_OK)
        return rc;
    rng r;
    if ((rc = addition_seed(CMD, &r, o.kind, o.seed)) != CLI_OK)
        return rc;
    addition_net net;
    addition_evalset es = {0};
    train_out t = {.quiet = o.quiet, .bits = (int)o.bits, .every = o.every};
    if (addition_net_init(&net, (int)o.bits, (int)o.hidden) != RS_OK) {
        cli_error(CMD, "out of memory");
        return CLI_FAILURE;
    }
    addition_net_randomize(&net, &r);
    rc = open_outputs(&o, &t);
    if (rc == CLI_OK && (t.fp[OUT_EVAL] || t.fp[OUT_GRADFLOW]))
        rc = addition_load_evalset(CMD, &es, net.bits);
    if (rc == CLI_OK) {
        write_headers(&o, &t, nfull, full, &net, &es);
        rc = train(&o, &net, &r, &es, &t);
    }
    if (rc == CLI_OK)
        rc = commit_outputs(&net, &t);
    free_outputs(&t);
    addition_evalset_free(&es);
    addition_net_free(&net);
    return rc;
}
