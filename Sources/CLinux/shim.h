// glibc declarations the Glibc module leaves out: malloc tuning (mallopt)
// and the file system type of an open file (fstatfs).
#include <malloc.h>
#include <sys/vfs.h>
