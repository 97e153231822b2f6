/*
 * The comparison problems against SUNDIALS CVODE 6.4 (Debian libsundials-dev):
 * BDF, dense direct linear solver, analytic Jacobian, CVodeReInit at each dose, stop time at
 * each dose.
 *
 *   gcc -O2 cvode_problems.c -o cvode_problems -lsundials_cvode -lsundials_nvecserial \
 *       -lsundials_sunmatrixdense -lsundials_sunlinsoldense -lm
 *   ./cvode_problems <robertson|vdp|pk|diazepam> <rtol> <repeats> [trajectory-file]
 *
 * Prints one CSV line: solver,problem,rtol,median_seconds,steps,rhs_evals,jac_evals
 * (work counters summed over every segment between doses) and writes the sampled trajectory
 * ("t y1 ... yn" per line, %.17g; the last line is the end time) of the last repeat.
 * Timing covers one whole solve (solver creation, all segments, sampling, freeing) with
 * clock_gettime(CLOCK_MONOTONIC); the SUNContext is created once per process.
 *
 * Problems, tolerances and sample times are shared with ComparisonRunner/main.swift and
 * scipy_problems.py (driven by run.sh, analysed by analyze.py).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#define MAXN 12
#define IJ(J, i, j) SM_ELEMENT_D(J, i, j)

typedef struct {
    const char *name;
    int n;
    double t0, tend;
    double y0[MAXN];
    double atolScale[MAXN]; /* atol_i = rtol * atolScale[i] */
    int ndose;
    double *doseTime; /* doses strictly after t0 */
    double doseAmount;
    int doseComponent;
    int nsample;
    double *sampleTime;
    CVRhsFn f;
    CVLsJacFn jac;
} Problem;

/* ---------------- Robertson ---------------- */
static int rob_f(sunrealtype t, N_Vector yv, N_Vector dv, void *ud) {
    double *y = N_VGetArrayPointer(yv), *dy = N_VGetArrayPointer(dv);
    dy[0] = -0.04 * y[0] + 1e4 * y[1] * y[2];
    dy[1] = 0.04 * y[0] - 1e4 * y[1] * y[2] - 3e7 * y[1] * y[1];
    dy[2] = 3e7 * y[1] * y[1];
    return 0;
}
static int rob_j(sunrealtype t, N_Vector yv, N_Vector fy, SUNMatrix J, void *ud, N_Vector a, N_Vector b, N_Vector c) {
    double *y = N_VGetArrayPointer(yv);
    IJ(J, 0, 0) = -0.04; IJ(J, 0, 1) = 1e4 * y[2]; IJ(J, 0, 2) = 1e4 * y[1];
    IJ(J, 1, 0) = 0.04; IJ(J, 1, 1) = -1e4 * y[2] - 6e7 * y[1]; IJ(J, 1, 2) = -1e4 * y[1];
    IJ(J, 2, 0) = 0; IJ(J, 2, 1) = 6e7 * y[1]; IJ(J, 2, 2) = 0;
    return 0;
}

/* ---------------- Van der Pol, mu = 1000 (vdp1000 form) ---------------- */
static const double MU = 1000.0;
static int vdp_f(sunrealtype t, N_Vector yv, N_Vector dv, void *ud) {
    double *y = N_VGetArrayPointer(yv), *dy = N_VGetArrayPointer(dv);
    dy[0] = y[1];
    dy[1] = MU * (1 - y[0] * y[0]) * y[1] - y[0];
    return 0;
}
static int vdp_j(sunrealtype t, N_Vector yv, N_Vector fy, SUNMatrix J, void *ud, N_Vector a, N_Vector b, N_Vector c) {
    double *y = N_VGetArrayPointer(yv);
    IJ(J, 0, 0) = 0; IJ(J, 0, 1) = 1;
    IJ(J, 1, 0) = -2 * MU * y[0] * y[1] - 1; IJ(J, 1, 1) = MU * (1 - y[0] * y[0]);
    return 0;
}

/* ---------------- 60-dose linear PK (SolverBenchmarks.swift) ---------------- */
static const double PK_KA = 1.2, PK_K10 = 0.1, PK_K12 = 0.3, PK_K21 = 0.15;
static int pk_f(sunrealtype t, N_Vector yv, N_Vector dv, void *ud) {
    double *y = N_VGetArrayPointer(yv), *dy = N_VGetArrayPointer(dv);
    dy[0] = -PK_KA * y[0];
    dy[1] = PK_KA * y[0] - (PK_K10 + PK_K12) * y[1] + PK_K21 * y[2];
    dy[2] = PK_K12 * y[1] - PK_K21 * y[2];
    return 0;
}
static int pk_j(sunrealtype t, N_Vector yv, N_Vector fy, SUNMatrix J, void *ud, N_Vector a, N_Vector b, N_Vector c) {
    SUNMatZero(J);
    IJ(J, 0, 0) = -PK_KA;
    IJ(J, 1, 0) = PK_KA; IJ(J, 1, 1) = -(PK_K10 + PK_K12); IJ(J, 1, 2) = PK_K21;
    IJ(J, 2, 1) = PK_K12; IJ(J, 2, 2) = -PK_K21;
    return 0;
}

/* ---------------- Diazepam reference model, reference subject ----------------
 * Constants resolved exactly as DiazepamModel.init does for the default human parameters and
 * the reference covariates (70 kg, 30 y, male, CYP2C19 normal): every covariate factor is 1. */
static double ka, k10, k12, k21, formNdz, kNdz, formTmz, kTmz, formOxzFromNdz, formOxzFromTmz, kOxz;
static double gDz, gNdz, gTmz, gOxz, tDz, tNdz, tTmz, tOxz;
static double kTspo, tspoMaxUp, kMgOn, kMgOff, kEngulf, kSyn, emax, kCoupRec, kCoupLoss, homeostasis, kAmpa, kNmda;

static void dz_resolve(void) {
    const double mwDz = 284.74, mwNdz = 270.71, mwTmz = 300.74, mwOxz = 286.71;
    double v1 = 16, v2 = 55, cl = 1.6, q = 8, vNdz = 87, vTmz = 67, vOxz = 41;
    double clNdz = 1.0, clTmz = 4.9, clOxz = 4.5;
    ka = 2.2; k10 = cl / v1; k12 = q / v1; k21 = q / v2;
    kNdz = clNdz / vNdz; kTmz = clTmz / vTmz; kOxz = clOxz / vOxz;
    formNdz = 0.6 * k10 * mwNdz / mwDz;
    formTmz = 0.3 * k10 * mwTmz / mwDz;
    formOxzFromNdz = 0.8 * kNdz * mwOxz / mwNdz;
    formOxzFromTmz = 0.05 * kTmz * mwOxz / mwTmz;
    double fuDz = fmin(0.5, 0.02 * 1.0);
    double uDz = fuDz * 1e6 / (mwDz * v1), uNdz = 0.03 * 1e6 / (mwNdz * vNdz);
    double uTmz = 0.03 * 1e6 / (mwTmz * vTmz), uOxz = 0.045 * 1e6 / (mwOxz * vOxz);
    gDz = uDz / 60; gNdz = uNdz / 60; gTmz = uTmz / 120; gOxz = uOxz / 120;
    tDz = uDz / 10; tNdz = uNdz / 10; tTmz = uTmz / INFINITY; tOxz = uOxz / 30000;
    kTspo = 0.02; tspoMaxUp = 0.2; kMgOn = 0.05; kMgOff = 0.02; kEngulf = 0.002; kSyn = 0.004;
    emax = 1.0; kCoupRec = 0.011; kCoupLoss = 0.012; homeostasis = 0.7; kAmpa = 0.02; kNmda = 0.006;
}

static int dz_f(sunrealtype t, N_Vector yv, N_Vector dv, void *ud) {
    double *y = N_VGetArrayPointer(yv), *dy = N_VGetArrayPointer(dv);
    double depot = y[0], central = y[1], peripheral = y[2], ndz = y[3], tmz = y[4], oxz = y[5];
    double tspo = y[6], microglia = y[7], synapses = y[8], coupling = y[9], ampa = y[10], nmda = y[11];
    dy[0] = -ka * depot;
    dy[1] = ka * depot - (k10 + k12) * central + k21 * peripheral;
    dy[2] = k12 * central - k21 * peripheral;
    dy[3] = formNdz * central - kNdz * ndz;
    dy[4] = formTmz * central - kTmz * tmz;
    dy[5] = formOxzFromNdz * ndz + formOxzFromTmz * tmz - kOxz * oxz;
    double sg = gDz * central + gNdz * ndz + gTmz * tmz + gOxz * oxz;
    double st = tDz * central + tNdz * ndz + tTmz * tmz + tOxz * oxz;
    double occG = sg / (1 + sg), occT = st / (1 + st);
    dy[6] = kTspo * (1 + tspoMaxUp * occT - tspo);
    dy[7] = kMgOn * occT * tspo * (1 - microglia) - kMgOff * microglia;
    dy[8] = kSyn * (1 - synapses) - kEngulf * microglia * synapses;
    double target = 1 + homeostasis * emax * coupling * occG;
    dy[9] = kCoupRec * (1 - coupling) - kCoupLoss * occG * coupling;
    dy[10] = kAmpa * (target - ampa);
    dy[11] = kNmda * (target - nmda);
    return 0;
}

static void dz_column(SUNMatrix J, int c, double dG, double dT, double tspo, double mg, double coup) {
    IJ(J, 6, c) = kTspo * tspoMaxUp * dT;
    IJ(J, 7, c) = kMgOn * tspo * (1 - mg) * dT;
    IJ(J, 9, c) = -kCoupLoss * coup * dG;
    IJ(J, 10, c) = kAmpa * homeostasis * emax * coup * dG;
    IJ(J, 11, c) = kNmda * homeostasis * emax * coup * dG;
}

static int dz_j(sunrealtype t, N_Vector yv, N_Vector fy, SUNMatrix J, void *ud, N_Vector a, N_Vector b, N_Vector c) {
    double *y = N_VGetArrayPointer(yv);
    SUNMatZero(J);
    double tspo = y[6], mg = y[7], syn = y[8], coup = y[9];
    IJ(J, 0, 0) = -ka;
    IJ(J, 1, 0) = ka; IJ(J, 1, 1) = -(k10 + k12); IJ(J, 1, 2) = k21;
    IJ(J, 2, 1) = k12; IJ(J, 2, 2) = -k21;
    IJ(J, 3, 1) = formNdz; IJ(J, 3, 3) = -kNdz;
    IJ(J, 4, 1) = formTmz; IJ(J, 4, 4) = -kTmz;
    IJ(J, 5, 3) = formOxzFromNdz; IJ(J, 5, 4) = formOxzFromTmz; IJ(J, 5, 5) = -kOxz;
    double sg = gDz * y[1] + gNdz * y[3] + gTmz * y[4] + gOxz * y[5];
    double st = tDz * y[1] + tNdz * y[3] + tTmz * y[4] + tOxz * y[5];
    double occG = sg / (1 + sg), occT = st / (1 + st);
    double dg = 1 / ((1 + sg) * (1 + sg)), dt = 1 / ((1 + st) * (1 + st));
    dz_column(J, 1, gDz * dg, tDz * dt, tspo, mg, coup);
    dz_column(J, 3, gNdz * dg, tNdz * dt, tspo, mg, coup);
    dz_column(J, 4, gTmz * dg, tTmz * dt, tspo, mg, coup);
    dz_column(J, 5, gOxz * dg, tOxz * dt, tspo, mg, coup);
    IJ(J, 6, 6) = -kTspo;
    IJ(J, 7, 6) = kMgOn * occT * (1 - mg);
    IJ(J, 7, 7) = -kMgOn * occT * tspo - kMgOff;
    IJ(J, 8, 7) = -kEngulf * syn;
    IJ(J, 8, 8) = -kSyn - kEngulf * mg;
    IJ(J, 9, 9) = -kCoupRec - kCoupLoss * occG;
    IJ(J, 10, 9) = kAmpa * homeostasis * emax * occG;
    IJ(J, 10, 10) = -kAmpa;
    IJ(J, 11, 9) = kNmda * homeostasis * emax * occG;
    IJ(J, 11, 11) = -kNmda;
    return 0;
}

/* ---------------- driver ---------------- */
static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + 1e-9 * ts.tv_nsec;
}
static int cmpd(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
static void check(int flag, const char *what) {
    if (flag < 0) { fprintf(stderr, "CVODE error %d in %s\n", flag, what); exit(2); }
}

static long nst, nfe, nje;

/* One whole solve; samples go to out (nsample × n). */
static void solve(const Problem *p, double rtol, SUNContext ctx, double *out) {
    int n = p->n;
    N_Vector y = N_VNew_Serial(n, ctx), atol = N_VNew_Serial(n, ctx);
    double *yd = N_VGetArrayPointer(y), *ad = N_VGetArrayPointer(atol);
    for (int i = 0; i < n; i++) { yd[i] = p->y0[i]; ad[i] = rtol * p->atolScale[i]; }
    void *mem = CVodeCreate(CV_BDF, ctx);
    check(CVodeInit(mem, p->f, p->t0, y), "CVodeInit");
    check(CVodeSVtolerances(mem, rtol, atol), "CVodeSVtolerances");
    SUNMatrix A = SUNDenseMatrix(n, n, ctx);
    SUNLinearSolver LS = SUNLinSol_Dense(y, A, ctx);
    check(CVodeSetLinearSolver(mem, LS, A), "CVodeSetLinearSolver");
    check(CVodeSetJacFn(mem, p->jac), "CVodeSetJacFn");
    check(CVodeSetMaxNumSteps(mem, 10000000), "CVodeSetMaxNumSteps");
    nst = nfe = nje = 0;
    double t = p->t0;
    int si = 0;
    for (int seg = 0; seg <= p->ndose; seg++) {
        double b = seg < p->ndose ? p->doseTime[seg] : p->tend;
        check(CVodeSetStopTime(mem, b), "CVodeSetStopTime");
        while (si < p->nsample && p->sampleTime[si] <= b) {
            double ts = p->sampleTime[si];
            if (ts > t) check(CVode(mem, ts, y, &t, CV_NORMAL), "CVode");
            memcpy(out + (size_t)si * n, yd, n * sizeof(double));
            si++;
        }
        if (t < b) check(CVode(mem, b, y, &t, CV_NORMAL), "CVode");
        long a1, a2, a3;
        CVodeGetNumSteps(mem, &a1); CVodeGetNumRhsEvals(mem, &a2); CVodeGetNumJacEvals(mem, &a3);
        nst += a1; nfe += a2; nje += a3;
        if (seg < p->ndose) {
            yd[p->doseComponent] += p->doseAmount;
            check(CVodeReInit(mem, b, y), "CVodeReInit");
        }
    }
    CVodeFree(&mem);
    SUNLinSolFree(LS);
    SUNMatDestroy(A);
    N_VDestroy(y);
    N_VDestroy(atol);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s <robertson|vdp|pk|diazepam> <rtol> <repeats> [trajectory-file]\n", argv[0]);
        return 1;
    }
    const char *name = argv[1];
    double rtol = atof(argv[2]);
    int repeats = atoi(argv[3]);
    Problem p;
    memset(&p, 0, sizeof p);
    p.name = name;
    static double samples[20000], doses[1000];
    if (!strcmp(name, "robertson")) {
        p.n = 3; p.t0 = 0; p.tend = 1e5;
        p.y0[0] = 1;
        p.atolScale[0] = 1e-2; p.atolScale[1] = 1e-8; p.atolScale[2] = 1e-2;
        for (int k = -5; k <= 5; k++) samples[p.nsample++] = pow(10.0, k);
        p.f = rob_f; p.jac = rob_j;
    } else if (!strcmp(name, "vdp")) {
        p.n = 2; p.t0 = 0; p.tend = 3000;
        p.y0[0] = 2; p.y0[1] = 0;
        p.atolScale[0] = p.atolScale[1] = 1e-2;
        for (int k = 1; k <= 30; k++) samples[p.nsample++] = 100.0 * k;
        p.f = vdp_f; p.jac = vdp_j;
    } else if (!strcmp(name, "pk")) {
        /* 10 mg into the depot every 24 h, 60 doses from t = 0, to 1440 h; samples at
         * 0.5, 1.5, ..., 1439.5 h and at 1440 h (never on a dose time). */
        p.n = 3; p.t0 = 0; p.tend = 1440;
        p.y0[0] = 10;
        for (int i = 0; i < 3; i++) p.atolScale[i] = 1e-2;
        for (int k = 1; k < 60; k++) doses[p.ndose++] = 24.0 * k;
        p.doseAmount = 10; p.doseComponent = 0;
        for (int k = 0; k < 1440; k++) samples[p.nsample++] = k + 0.5;
        samples[p.nsample++] = 1440;
        p.f = pk_f; p.jac = pk_j;
    } else if (!strcmp(name, "diazepam")) {
        /* 10 mg orally every 24 h × 365 (F = 0.95, tlag = 0.2 h: 9.5 mg into the depot at
         * 24k + 0.2 h), abrupt stop, to day 450; samples every 24 h from 0 to 10800 h. */
        dz_resolve();
        p.n = 12; p.t0 = 0; p.tend = 450 * 24;
        p.y0[6] = p.y0[8] = p.y0[9] = p.y0[10] = p.y0[11] = 1;
        for (int i = 0; i < 12; i++) p.atolScale[i] = 1e-2;
        for (int k = 0; k < 365; k++) doses[p.ndose++] = 24.0 * k + 0.2;
        p.doseAmount = 0.95 * 10; p.doseComponent = 0;
        for (int k = 0; k <= 450; k++) samples[p.nsample++] = 24.0 * k;
        p.f = dz_f; p.jac = dz_j;
    } else {
        fprintf(stderr, "unknown problem %s\n", name);
        return 1;
    }
    p.doseTime = doses;
    p.sampleTime = samples;
    SUNContext ctx;
    if (SUNContext_Create(NULL, &ctx)) { fprintf(stderr, "SUNContext_Create failed\n"); return 2; }
    double *out = malloc(sizeof(double) * p.n * p.nsample);
    double *times = malloc(sizeof(double) * repeats);
    for (int r = 0; r < repeats; r++) {
        double t0 = now();
        solve(&p, rtol, ctx, out);
        times[r] = now() - t0;
    }
    qsort(times, repeats, sizeof(double), cmpd);
    double median = repeats % 2 ? times[repeats / 2] : 0.5 * (times[repeats / 2 - 1] + times[repeats / 2]);
    printf("cvode-bdf,%s,%g,%.9g,%ld,%ld,%ld\n", name, rtol, median, nst, nfe, nje);
    if (argc > 4) {
        FILE *fp = fopen(argv[4], "w");
        if (!fp) { perror(argv[4]); return 1; }
        for (int s = 0; s < p.nsample; s++) {
            fprintf(fp, "%.17g", p.sampleTime[s]);
            for (int i = 0; i < p.n; i++) fprintf(fp, " %.17g", out[(size_t)s * p.n + i]);
            fputc('\n', fp);
        }
        fclose(fp);
    }
    SUNContext_Free(&ctx);
    return 0;
}
