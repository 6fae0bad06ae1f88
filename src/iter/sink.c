/* The checkpoint sink shared by the paths of the engine (iter_impl.h):
 * its own file, so that the paths (relulike.c) and the engine (run.c)
 * both depend on it and not on each other. */
#include "iter_impl.h"

int
ntk_iter_sink_poll(ntk_iter_sink *sk, slong done)
{
    if (sk->opts != NULL && sk->opts->progress != NULL)
        return sk->opts->progress(sk->opts->progress_data, done, sk->total, sk->prec);
    return 0;
}
