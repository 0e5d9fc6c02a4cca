/* status.c - status names. */

#include "saekin.h"

const char *
saekin_status_to_string (saekin_status_t status)
{
    switch (status) {
    case SAEKIN_STATUS_SUCCESS:
        return "no error";
    case SAEKIN_STATUS_OUT_OF_MEMORY:
        return "out of memory";
    case SAEKIN_STATUS_FILE_ERROR:
        return "cannot read file";
    case SAEKIN_STATUS_NOT_TEXT:
        return "not a text file";
    case SAEKIN_STATUS_NO_INDEX:
        return "no index";
    case SAEKIN_STATUS_LOCKED:
        return "the index is being updated by another saekin-index";
    case SAEKIN_STATUS_CORRUPT:
        return "the index is damaged";
    case SAEKIN_STATUS_WRITE_ERROR:
        return "cannot write the index";
    case SAEKIN_STATUS_BAD_QUERY:
        return "bad query";
    case SAEKIN_STATUS_BAD_ARGUMENT:
        return "bad argument";
    case SAEKIN_STATUS_INTERNAL_ERROR:
        return "internal error";
    case SAEKIN_STATUS_READ_ONLY:
        return "the index was opened read-only";
    case SAEKIN_STATUS_LAST_STATUS:
        break;
    }
    return "unknown status";
}
