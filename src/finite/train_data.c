/*
 * Training data for ntkdepth train: an IDX reader (LeCun's MNIST format,
 * gzip or plain through zlib's gzread, which reads both), Fashion-MNIST as
 * Debian's dataset-fashion-mnist ships it (/usr/share/datasets/
 * fashion-mnist/train-{images-idx3,labels-idx1}-ubyte.gz), and a generated
 * fallback.  Inputs are class-sorted, scaled to |x|^2 = n0.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "ntkdepth/train.h"

static int
read_exact(gzFile f, void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n > 0)
    {
        unsigned chunk = n > (1u << 30) ? (1u << 30) : (unsigned) n;
        int r = gzread(f, p, chunk);
        if (r <= 0)
            return 0;
        p += r;
        n -= (size_t) r;
    }
    return 1;
}

ntk_status
ntk_train_idx_read(ntk_train_idx_t idx, const char *path)
{
    unsigned char hdr[4], dim[4];
    gzFile f;
    ntk_status st = NTK_SUCCESS;
    double size = 1;

    memset(idx, 0, sizeof(*idx));
    f = gzopen(path, "rb");
    if (f == NULL)
        return ntk_error_set(NTK_IO, "%s: cannot open", path);
    if (!read_exact(f, hdr, 4))
    {
        st = ntk_error_set(NTK_IO, "%s: shorter than an IDX header", path);
        goto cleanup;
    }
    if (hdr[0] != 0 || hdr[1] != 0)
    {
        st = ntk_error_set(NTK_DOMAIN, "%s: not an IDX file (magic %02x %02x)", path,
                           hdr[0], hdr[1]);
        goto cleanup;
    }
    if (hdr[2] != 0x08)
    {
        st = ntk_error_set(NTK_DOMAIN, "%s: IDX element type 0x%02x: only unsigned bytes "
                           "(0x08) are read", path, hdr[2]);
        goto cleanup;
    }
    if (hdr[3] < 1 || hdr[3] > 4)
    {
        st = ntk_error_set(NTK_DOMAIN, "%s: IDX with %d dimensions: 1 to 4 are read", path,
                           (int) hdr[3]);
        goto cleanup;
    }
    idx->ndim = hdr[3];
    for (int i = 0; i < idx->ndim; i++)
    {
        if (!read_exact(f, dim, 4))
        {
            st = ntk_error_set(NTK_IO, "%s: IDX header cut short", path);
            goto cleanup;
        }
        idx->dims[i] = ((slong) dim[0] << 24) | ((slong) dim[1] << 16)
                       | ((slong) dim[2] << 8) | (slong) dim[3];
        size *= (double) idx->dims[i];
    }
    if (size > 2147483648.0)
    {
        st = ntk_error_set(NTK_DOMAIN, "%s: IDX of %.0f entries: too large", path, size);
        goto cleanup;
    }
    idx->size = (slong) size;
    idx->data = malloc(idx->size > 0 ? (size_t) idx->size : 1);
    if (idx->data == NULL)
    {
        st = ntk_error_set(NTK_NOMEM, "%s: out of memory (%ld bytes)", path, (long) idx->size);
        goto cleanup;
    }
    if (!read_exact(f, idx->data, (size_t) idx->size))
    {
        st = ntk_error_set(NTK_IO, "%s: IDX data cut short (%ld bytes expected)", path,
                           (long) idx->size);
        goto cleanup;
    }
cleanup:
    gzclose(f);
    if (st != NTK_SUCCESS)
        ntk_train_idx_clear(idx);
    return st;
}

void
ntk_train_idx_clear(ntk_train_idx_t idx)
{
    free(idx->data);
    memset(idx, 0, sizeof(*idx));
}

void
ntk_train_data_clear(ntk_train_data_t d)
{
    free(d->X);
    free(d->Y);
    free(d->labels);
    memset(d, 0, sizeof(*d));
}

static ntk_status
data_alloc(ntk_train_data_t d, slong n0, slong nclass, slong per_class)
{
    memset(d, 0, sizeof(*d));
    d->n0 = n0;
    d->nclass = nclass;
    d->N = nclass * per_class;
    d->X = malloc(sizeof(double) * n0 * d->N);
    d->Y = calloc((size_t) (nclass * d->N), sizeof(double));
    d->labels = malloc(sizeof(slong) * d->N);
    if (!d->X || !d->Y || !d->labels)
    {
        ntk_train_data_clear(d);
        return ntk_error_set(NTK_NOMEM, "out of memory (data set of %ld inputs)",
                             (long) (nclass * per_class));
    }
    for (slong j = 0; j < d->N; j++)
    {
        d->labels[j] = j / per_class;
        d->Y[j * nclass + d->labels[j]] = 1.0;
    }
    return NTK_SUCCESS;
}

/* scale column x (n entries) to |x|^2 = n; 0 if it is the zero vector */
static int
normalize(double *x, slong n)
{
    double s = 0;
    for (slong i = 0; i < n; i++)
        s += x[i] * x[i];
    if (!(s > 0))
        return 0;
    s = sqrt((double) n / s);
    for (slong i = 0; i < n; i++)
        x[i] *= s;
    return 1;
}

/* open dir/name.gz, else dir/name */
static ntk_status
read_either(ntk_train_idx_t idx, const char *dir, const char *name)
{
    char path[1024];
    FILE *fp;
    snprintf(path, sizeof(path), "%s/%s.gz", dir, name);
    if ((fp = fopen(path, "rb")) == NULL)
        snprintf(path, sizeof(path), "%s/%s", dir, name);
    else
        fclose(fp);
    return ntk_train_idx_read(idx, path);
}

ntk_status
ntk_train_data_fashion(ntk_train_data_t d, const char *dir, slong per_class)
{
    ntk_train_idx_t img, lab;
    ntk_status st;
    slong nclass = 10, n0, *have = NULL;

    memset(d, 0, sizeof(*d));
    if (per_class < 1)
        return ntk_error_set(NTK_DOMAIN, "%ld inputs per class: must be >= 1", (long) per_class);
    if ((st = read_either(img, dir, "train-images-idx3-ubyte")) != NTK_SUCCESS)
        return st;
    if ((st = read_either(lab, dir, "train-labels-idx1-ubyte")) != NTK_SUCCESS)
    {
        ntk_train_idx_clear(img);
        return st;
    }
    if (img->ndim != 3 || lab->ndim != 1 || img->dims[0] != lab->dims[0])
    {
        st = ntk_error_set(NTK_DOMAIN, "%s: images (%d dims) and labels (%d dims) do not "
                           "match", dir, img->ndim, lab->ndim);
        goto cleanup;
    }
    n0 = img->dims[1] * img->dims[2];
    if ((st = data_alloc(d, n0, nclass, per_class)) != NTK_SUCCESS)
        goto cleanup;
    have = calloc((size_t) nclass, sizeof(slong));
    if (have == NULL)
    {
        st = ntk_error_set(NTK_NOMEM, "out of memory");
        goto cleanup;
    }
    /* the first per_class images of each class in file order */
    for (slong s = 0; s < lab->dims[0]; s++)
    {
        slong c = lab->data[s];
        if (c >= nclass)
        {
            st = ntk_error_set(NTK_DOMAIN, "%s: label %ld of image %ld: expected 0..9", dir,
                               (long) c, (long) s);
            goto cleanup;
        }
        if (have[c] == per_class)
            continue;
        double *x = d->X + (c * per_class + have[c]) * n0;
        for (slong i = 0; i < n0; i++)
            x[i] = img->data[s * n0 + i] / 255.0;
        if (normalize(x, n0))     /* an all-black image is skipped */
            have[c]++;
    }
    for (slong c = 0; c < nclass; c++)
        if (have[c] < per_class)
        {
            st = ntk_error_set(NTK_DOMAIN, "%s: class %ld has %ld usable images, %ld wanted",
                               dir, (long) c, (long) have[c], (long) per_class);
            goto cleanup;
        }
    snprintf(d->name, sizeof(d->name), "fashion-mnist");
    snprintf(d->source, sizeof(d->source), "%s/train-{images-idx3,labels-idx1}-ubyte: first %ld "
             "of each class", dir, (long) per_class);
cleanup:
    free(have);
    ntk_train_idx_clear(img);
    ntk_train_idx_clear(lab);
    if (st != NTK_SUCCESS)
        ntk_train_data_clear(d);
    return st;
}

ntk_status
ntk_train_data_synthetic(ntk_train_data_t d, slong n0, slong per_class, uint64_t seed)
{
    ntk_status st;
    slong nclass = 10;
    uint64_t key[2] = {seed, 0x5e7};
    double *p;

    memset(d, 0, sizeof(*d));
    if (per_class < 1 || n0 < 1)
        return ntk_error_set(NTK_DOMAIN, "synthetic data: n0 = %ld, %ld per class: each "
                             "must be >= 1", (long) n0, (long) per_class);
    if ((st = data_alloc(d, n0, nclass, per_class)) != NTK_SUCCESS)
        return st;
    p = malloc(sizeof(double) * n0);
    if (p == NULL)
    {
        ntk_train_data_clear(d);
        return ntk_error_set(NTK_NOMEM, "out of memory");
    }
    for (slong c = 0; c < nclass; c++)
    {
        ntk_finite_normals(p, n0, 1.0, key, (uint64_t) c, 0);
        for (slong i = 0; i < per_class; i++)
        {
            double *x = d->X + (c * per_class + i) * n0;
            ntk_finite_normals(x, n0, 1.0, key, (uint64_t) c, (uint64_t) (i + 1));
            for (slong k = 0; k < n0; k++)
                x[k] = fabs(p[k] + x[k]);
            normalize(x, n0);
        }
    }
    free(p);
    snprintf(d->name, sizeof(d->name), "synthetic");
    snprintf(d->source, sizeof(d->source), "generated: 10 Gaussian prototypes + noise, |.|, "
             "Philox key (%lu, 0x5e7), n0 = %ld", (unsigned long) seed, (long) n0);
    return NTK_SUCCESS;
}
