#include "status.h"

const char *rs_status_str(rs_status s)
{
    switch (s) {
    case RS_OK: return "success";
    case RS_EINVAL: return "invalid argument";
    case RS_ENOMEM: return "out of memory";
    case RS_EIO: return "input/output error";
    case RS_EFORMAT: return "malformed input";
    case RS_ERANGE: return "value out of range";
    }
    return "unknown error";
}
