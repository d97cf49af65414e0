#include "rprop.h"

const char *const rprop_variant_names[] = {"tutorial", "rprop+",  "rprop-",
                                           "irprop+",  "irprop-", NULL};

rprop_opts rprop_defaults(rprop_variant v)
{
    rprop_opts o = {v, 1.2, 0.5, 0.001, 1e-6, 50.0};
    return o;
}

const optim_type *rprop_type(rprop_variant v)
{
    static const optim_type *const types[] = {&optim_rprop_tutorial, &optim_rprop_plus,
                                              &optim_rprop_minus, &optim_irprop_plus,
                                              &optim_irprop_minus};
    return types[v];
}

optim_config rprop_config(const rprop_opts *o, size_t iters)
{
    optim_config c = optim_config_default(rprop_type(o->variant), iters);
    c.params.eta_plus = o->eta_plus;
    c.params.eta_minus = o->eta_minus;
    c.params.delta0 = o->delta0;
    c.params.delta_min = o->delta_min;
    c.params.delta_max = o->delta_max;
    return c;
}

static rs_status store_point(void *ctx, const optim_point *pt)
{
    rprop_point *trace = ctx;
    const double *delta = pt->type->vector(pt->state, pt->n, 0);
    trace[pt->iter] = (rprop_point){pt->w[0], pt->w[1], pt->loss,  pt->grad[0],
                                    pt->grad[1], delta[0], delta[1]};
    return RS_OK;
}

rs_status rprop_run(const dataset *ds, const rnn2_model *start, const rprop_opts *o, size_t iters,
                    rprop_point *trace)
{
    rnn2_problem prob = {*start, ds};
    objective obj = rnn2_objective(&prob);
    optim_config c = rprop_config(o, iters);
    double w[2] = {start->wx, start->wrec};
    return optim_run(&obj, &c, w, store_point, trace);
}
