// Counts heap allocations made by the calling thread, by interposing malloc and friends.
// Linked into the test binary only, to prove that solver steps allocate nothing.
#pragma once
#include <stdint.h>

/// Starts counting allocations on the calling thread (resets the count to zero).
void allocation_counter_start(void);
/// Stops counting and returns the number of allocations made by this thread since the start.
int64_t allocation_counter_stop(void);
