// libFuzzer's driver entry (compiler-rt, FuzzerInterface.h): runs the fuzzing loop with the
// command-line flags in argv, calling `callback` with each input. Linked by -sanitize=fuzzer.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
