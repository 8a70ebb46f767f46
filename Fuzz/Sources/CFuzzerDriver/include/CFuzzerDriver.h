#ifndef NETCONV_CFUZZERDRIVER_H
#define NETCONV_CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's documented entry for programs that have a main of their own
/// (https://llvm.org/docs/LibFuzzer.html#using-libfuzzer-as-a-library).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

#endif
