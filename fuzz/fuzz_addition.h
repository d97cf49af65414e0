/* fuzz_addition.h: checks shared by the weights and checkpoints harnesses
 * (the binary-addition model's files). */
#ifndef RNNSCAPE_FUZZ_ADDITION_H
#define RNNSCAPE_FUZZ_ADDITION_H

#include <ctype.h>
#include <math.h>

#include "addition_io.h"
#include "fuzz_common.h"

/* Lines in the file, the last one counted even without its newline. */
static long fuzz_lines(const unsigned char *data, size_t size)
{
    long lines = 1;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    return lines;
}

/* Whether some line reads "#", "key:" and the decimal number v, with white
 * space around them (v capped, so a wrapped header value never matches). */
static int fuzz_header_says(const unsigned char *data, size_t size, const char *key, long v)
{
    size_t k = strlen(key);
    for (size_t i = 0; i < size; i++) {
        if ((i > 0 && data[i - 1] != '\n') || data[i] != '#')
            continue;
        size_t j = i + 1;
        while (j < size && (data[j] == ' ' || data[j] == '\t'))
            j++;
        if (j + k + 1 > size || memcmp(data + j, key, k) != 0 || data[j + k] != ':')
            continue;
        j += k + 1;
        while (j < size && (data[j] == ' ' || data[j] == '\t'))
            j++;
        long got = 0;
        size_t d = j;
        while (j < size && isdigit(data[j]) && got <= 1000000)
            got = 10 * got + (data[j++] - '0');
        if (j > d && got == v && (j == size || !isdigit(data[j])))
            return 1;
    }
    return 0;
}

static void fuzz_check_shape(const unsigned char *data, size_t size, int bits, int hidden,
                             size_t nparams)
{
    if (bits < 2 || bits > ADDITION_BITS_MAX)
        fuzz_fail("reader returned bits out of range", "(binary)");
    if (hidden < 1 || hidden > ADDITION_HIDDEN_MAX)
        fuzz_fail("reader returned hidden out of range", "(binary)");
    size_t h = (size_t)hidden;
    if (nparams != 2 * h + h + h * h)
        fuzz_fail("reader returned a weight count other than 2H + H + H*H", "(binary)");
    if (!fuzz_header_says(data, size, "bits", bits))
        fuzz_fail("reader returned bits no '# bits:' line says", "(binary)");
    if (!fuzz_header_says(data, size, "hidden", hidden))
        fuzz_fail("reader returned hidden no '# hidden:' line says", "(binary)");
}

/* Outside lines that begin with '#', nothing but decimal numbers and
 * blanks: no hex, no words, no NUL hiding the rest of a line. */
static void fuzz_check_decimal(const unsigned char *data, size_t size)
{
    int comment = 0;
    for (size_t i = 0; i < size; i++) {
        unsigned char c = data[i];
        if (c == '\n')
            comment = 0;
        else if (c == '#' && (i == 0 || data[i - 1] == '\n'))
            comment = 1;
        else if (!comment && !strchr("0123456789.eE+- \t\r", c))
            fuzz_fail("reader accepted a data line with a character that is not decimal",
                      "(binary)");
        else if (!comment && c == '\0')
            fuzz_fail("reader accepted a data line with a NUL", "(binary)");
    }
}

/* Writes w as a weights file, reads it back and checks it is the same
 * shape and the same weights bit for bit, and writes the same bytes. */
static void fuzz_round_trip(const addition_net *net, const double *w)
{
    char *text = NULL, *text2 = NULL;
    size_t len = 0, len2 = 0;
    FILE *out = open_memstream(&text, &len);
    if (!out || addition_write_weights(out, net, w) != RS_OK || fclose(out) != 0)
        fuzz_fail("addition_write_weights failed", "(binary)");
    FILE *in = fmemopen(text, len, "r");
    if (!in)
        abort();
    addition_net back;
    long line;
    rs_status st = addition_read_weights(in, &back, &line);
    fclose(in);
    if (st != RS_OK)
        fuzz_fail("addition_read_weights rejected what addition_write_weights wrote", "(binary)");
    if (back.bits != net->bits || back.hidden != net->hidden || back.nparams != net->nparams ||
        memcmp(back.w, w, net->nparams * sizeof *w) != 0)
        fuzz_fail("weights changed on a write and read back", "(binary)");
    out = open_memstream(&text2, &len2);
    if (!out || addition_write_weights(out, &back, back.w) != RS_OK || fclose(out) != 0)
        fuzz_fail("addition_write_weights failed", "(binary)");
    if (len2 != len || memcmp(text, text2, len) != 0)
        fuzz_fail("weights file changed on a write, read and write", "(binary)");
    addition_net_free(&back);
    free(text);
    free(text2);
}

#endif
