/* status.h: the status codes every library function returns.
 * The library never prints or exits; callers turn a status into a message. */
#ifndef RNNSCAPE_STATUS_H
#define RNNSCAPE_STATUS_H

typedef enum {
    RS_OK = 0,
    RS_EINVAL,  /* an argument is out of its domain */
    RS_ENOMEM,  /* an allocation failed or would be too large */
    RS_EIO,     /* reading or writing a file failed; errno holds why */
    RS_EFORMAT, /* a file's contents are malformed */
    RS_ERANGE   /* a value does not fit its type */
} rs_status;

/* A short lower-case description, e.g. "out of memory". */
const char *rs_status_str(rs_status s);

#endif
