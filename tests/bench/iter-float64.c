/*
 * Benchmark reference: the textbook ReLU recursion at the EOC in float64,
 * iterating c (not eps):
 *   c' = (sqrt(1 - c^2) + (pi - acos c) c) / pi,
 *   Theta12' = Theta12 (pi - acos c)/pi + c'      (q = 1, sigma_w^2 = 2)
 * usage: bench-iter-float64 C0 DEPTH   -> prints eps, theta12, seconds
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define PI 3.141592653589793238462643383279502884

int
main(int argc, char **argv)
{
    double c, th, t0, t1;
    long L, depth;
    struct timespec ts;

    if (argc != 3)
    {
        fprintf(stderr, "usage: bench-iter-float64 C0 DEPTH\n");
        return 2;
    }
    c = atof(argv[1]);
    depth = (long) atof(argv[2]);
    th = c;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    t0 = ts.tv_sec + 1e-9 * ts.tv_nsec;
    for (L = 1; L < depth; L++)
    {
        double a = acos(c > 1 ? 1 : c);
        double cn = (sqrt(fmax(0.0, 1 - c * c)) + (PI - a) * c) / PI;
        th = th * (PI - a) / PI + cn;
        c = cn;
    }
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    t1 = ts.tv_sec + 1e-9 * ts.tv_nsec;
    printf("%.17e %.17e %.6f\n", 1 - c, th, t1 - t0);
    return 0;
}
