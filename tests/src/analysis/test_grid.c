/* Tests of grid_linspace against np.linspace and of NumPy-order sums. */
#include "tap.h"
#include "grid.h"
#include "pairwise.h"

int main(void)
{
    double g[50];
    grid_linspace(-3, 3, 50, g);
    tap_ok(g[0] == -3 && g[49] == 3, "ends are exact");
    tap_ok(g[1] == -2.877551020408163 && g[17] == -0.9183673469387754 &&
               g[48] == 2.8775510204081627,
           "points equal np.linspace(-3, 3, 50) bit for bit");
    grid_linspace(-0.1, 2.1, 50, g);
    tap_ok(g[1] == -0.05510204081632653 && g[33] == 1.3816326530612246,
           "points equal np.linspace(-0.1, 2.1, 50)");
    grid_linspace(0.5, 9, 1, g);
    tap_ok(g[0] == 0.5, "a one-point axis holds LO");

    /* np.sum of this array is 33, a left-to-right sum gives 31. */
    const double a[20] = {1e16, 1.0, -1e16, 1.0,  3.0, 1e-3, 7.0,  1e16,  -1e16, 0.5,
                          2.5,  1e8, -1e8,  0.25, 9.0, 1e-5, 1e16, -1e16, 3.0,   4.0};
    tap_ok(pairwise_sum(a, 20) == 33.0, "pairwise sum matches np.sum (33), got %.17g",
           pairwise_sum(a, 20));
    double b[300];
    for (int i = 0; i < 300; i++)
        b[i] = (i + 1) / 7.0;
    tap_ok(pairwise_sum(b, 300) == 6450.0, "300 terms split in halves like np.sum");
    tap_ok(pairwise_sum(a, 5) == 4.0, "short sums run left to right (1e16 + 1 rounds away)");
    return tap_done();
}
