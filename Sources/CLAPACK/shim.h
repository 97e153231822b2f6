// LAPACKE (column-major LU) and CBLAS from OpenBLAS.
#include <lapacke.h>
#include <cblas.h>
