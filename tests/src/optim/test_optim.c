/* Tests of the optimiser types and the driver. */
#include <math.h>
#include <string.h>

#include "optim.h"
#include "rnn2.h"
#include "tap.h"
#include "tutorial_data.h"

static void test_table(void)
{
    size_t k = 0;
    int names_agree = 1;
    for (; optim_types[k]; k++)
        names_agree &= optim_names[k] && strcmp(optim_names[k], optim_types[k]->name) == 0 &&
                       optim_find(optim_names[k]) == optim_types[k];
    tap_ok(k == 9 && optim_names[k] == NULL && names_agree,
           "nine optimisers, the name table agrees with the type table");
    tap_ok(optim_find("nadam") == NULL, "an unknown name is not found");
}

int main(void)
{
    test_table();
    return tap_done();
}
