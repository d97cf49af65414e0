/* linereader.h: the one line reader every text-file parser uses (data
 * files, weights, checkpoints). It reads a FILE in blocks, hands out one
 * line at a time (newline removed, NUL-terminated, a NUL byte inside the
 * line flagged) and keeps memory bounded whatever the input is: a line
 * longer than max_line or a file longer than max_bytes stops the reading
 * with LINE_TOO_LONG or LINE_TOO_LARGE, so /dev/zero or an endless pipe is
 * an error message, not an ever-growing buffer. */
#ifndef RNNSCAPE_LINEREADER_H
#define RNNSCAPE_LINEREADER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "memory.h"

/* What reading one text file may use: every reader takes these (NULL for
 * its own defaults). */
typedef struct {
    memory_limit memory; /* ceiling for what the reader keeps (values read) */
    size_t max_line;     /* longest line, in bytes */
    uint64_t max_file;   /* largest file, in bytes */
} read_limits;

typedef enum {
    LINE_OK = 1,        /* a line is in lr->line */
    LINE_END = 0,       /* end of file, no more lines */
    LINE_ERROR = -1,    /* a read error: errno says why */
    LINE_NOMEM = -2,    /* the line buffer could not grow */
    LINE_TOO_LONG = -3, /* line lr->number is longer than max_line bytes */
    LINE_TOO_LARGE = -4 /* the file is longer than max_bytes */
} line_status;

typedef struct {
    FILE *fp;
    size_t max_line;    /* longest line accepted, in bytes (newline excluded) */
    uint64_t max_bytes; /* longest file accepted, in bytes */
    char *line;         /* the current line (NUL-terminated), owned */
    size_t len;         /* its length in bytes */
    size_t number;      /* its 1-based line number */
    int has_nul;        /* it contains a NUL byte (strlen would stop early) */
    /* private */
    size_t cap;
    char *block;
    size_t pos, fill;
    uint64_t consumed;
    int eof;
    int done;          /* reading has ended with `final` */
    line_status final;
    int err;           /* errno of a LINE_ERROR */
} linereader;

/* Starts reading fp; nothing is allocated until the first line. */
void linereader_init(linereader *lr, FILE *fp, size_t max_line, uint64_t max_bytes);
/* Reads the next line. After anything but LINE_OK, further calls repeat
 * the same result (a LINE_ERROR keeps its errno in lr->err). */
line_status linereader_next(linereader *lr);
/* A short phrase for a status other than LINE_OK/LINE_END naming the
 * limit, e.g. "line longer than the limit of 256 MiB", written to buf. */
const char *linereader_what(const linereader *lr, line_status st, char *buf, size_t size);
void linereader_free(linereader *lr);

#endif
