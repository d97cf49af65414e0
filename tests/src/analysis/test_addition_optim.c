/* The binary-addition RNN trained by the optimisers of optim.h from seed
 * 000's stream (addition_train with an optim_config) against torch.optim on
 * the same sums and initial weights: values computed once by
 * tests/pinned/torch_addition.py (torch 1.13, float64) and pinned here;
 * after 2000 per-sample steps each must agree to 1e-8 relative. (The
 * learning rates are ones where training is not chaotic; see the script.) */
#include <math.h>
#include <string.h>

#include "addition.h"
#include "addition_train.h"
#include "optim.h"
#include "tap.h"

#define ITERS 2000
static const size_t pick[7] = {0, 31, 32, 47, 48, 175, 303};

typedef struct {
    const char *name;
    double w[7];
    double sum, sumsq, last_loss;
} pinned;

/* torch_addition.py's output, in RUNS order. */
static const pinned torch_runs[] = {
    {"sgd lr 0.01 momentum 0.9",
     {-0.0087932027885011827, 0.34449233020379477, 0.05792232607380942, -0.39793276170853731,
      -0.34839576977015035, -0.67618275021217933, -0.85769994683580331},
     -8.7459738510565401, 108.45584311139035, 1.0637754125802239},
    {"sgd lr 0.01 momentum 0.9 nesterov",
     {-0.0092951038237997722, 0.34781881514488838, 0.063298407750173452, -0.40335824202313542,
      -0.34757226897170562, -0.67550808531337947, -0.85667504007206408},
     -7.4727235900193811, 108.7690621830121, 1.0642368734305907},
    {"adam lr 0.01",
     {-3.6604485612033777, -0.039617331975081466, 2.6935434362509647, -0.11467640521078425,
      2.3504246976242626, -0.83536812531641458, -0.72567298940715397},
     -21.084519943073278, 556.90804871445016, 0.68012616977093687},
    {"rmsprop lr 0.001 momentum 0.9",
     {-2.9948942921634036, 0.35808820706512179, 2.8392870637082788, -0.59389373537517842,
      1.7262435903590274, -0.67426201269375363, -1.3854263636163078},
     -60.353002684297664, 680.71454640813056, 0.59720097923477722},
    {"adagrad lr 0.1",
     {-1.0266571982265489, 0.053731672237179985, 0.30500987912909733, -0.34360981735661483,
      0.40661943835248221, -0.8694661122508861, -0.86998908318725232},
     -3.7584450608232687, 211.03959530204691, 1.0585164431845369},
    {"sgd lr 0.05 momentum 0.9 clip-norm 1",
     {-0.38346252127006553, 0.35188613774410099, 0.70214580592609499, 1.0294528691273832,
      -0.22909964175075251, -0.73584972704498897, -0.85462141645330325},
     -61.389767131389029, 646.47129680018963, 0.22679546511041948},
    {"sgd lr 0.05 momentum 0.9 clip-value 0.1",
     {-0.50797319325716239, 0.18575065615306913, 0.78659661327292518, -0.41585850348587833,
      -0.10245565919227546, -0.92765663228367445, -0.84469609117411903},
     -40.409497800274295, 494.946813051498, 0.4862175043469692},
};

/* The same runs as optim.h configurations. */
static optim_config run_config(int k)
{
    static const char *const kind[] = {"sgd", "sgd", "adam", "rmsprop", "adagrad", "sgd", "sgd"};
    optim_config c = optim_config_default(optim_find(kind[k]), ITERS);
    switch (k) {
    case 0: c.params.lr = 0.01, c.params.momentum = 0.9; break;
    case 1: c.params.lr = 0.01, c.params.momentum = 0.9, c.params.nesterov = 1; break;
    case 2: c.params.lr = 0.01; break;
    case 3: c.params.lr = 0.001, c.params.momentum = 0.9; break;
    case 4: c.params.lr = 0.1; break;
    case 5:
        c.params.lr = 0.05, c.params.momentum = 0.9;
        c.clip = (optim_clip){OPTIM_CLIP_NORM, 1.0}; /* clips 204 of the 2000 steps */
        break;
    case 6:
        c.params.lr = 0.05, c.params.momentum = 0.9;
        c.clip = (optim_clip){OPTIM_CLIP_VALUE, 0.1}; /* clips in 1628 steps */
        break;
    }
    return c;
}

static rs_status keep_loss(void *ctx, const addition_train_record *r)
{
    *(double *)ctx = r->step.loss;
    return RS_OK;
}

static int close8(double got, double want) { return fabs(got - want) <= 1e-8 * fabs(want) + 1e-14; }

int main(void)
{
    for (int k = 0; k < (int)(sizeof torch_runs / sizeof torch_runs[0]); k++) {
        const pinned *t = &torch_runs[k];
        rng r;
        addition_net net;
        addition_net_init(&net, 8, 16);
        rng_seed(&r, RNG_NUMPY, 0);
        addition_net_randomize(&net, &r);
        optim_config c = run_config(k);
        double last = NAN;
        addition_train_config cfg = {
            .iters = ITERS, .every = 1000, .optim = &c, .on_iteration = keep_loss, .ctx = &last};
        rs_status st = addition_train(&net, &r, &cfg);
        double sum = 0.0, sumsq = 0.0, worst = 0.0;
        int all = 1;
        for (size_t p = 0; p < net.nparams; p++) {
            sum += net.w[p];
            sumsq += net.w[p] * net.w[p];
        }
        for (int i = 0; i < 7; i++) {
            all &= close8(net.w[pick[i]], t->w[i]);
            worst = fmax(worst, fabs(net.w[pick[i]] - t->w[i]) / fabs(t->w[i]));
        }
        tap_ok(st == RS_OK && all, "%s: seven weights as torch.optim's after %d steps (%.1e)",
               t->name, ITERS, worst);
        tap_ok(close8(sum, t->sum) && close8(sumsq, t->sumsq),
               "%s: sum %.12g and sum of squares %.12g of all 304 as torch's", t->name, sum,
               sumsq);
        tap_ok(close8(last, t->last_loss), "%s: E of iteration %d's sum %.12g as torch's",
               t->name, ITERS - 1, last);
        addition_net_free(&net);
    }
    return tap_done();
}
