/*
 * Runs a benchmark loop natively: maps the raw code at CODE_BASE with a ret after it, calls it
 * as f(DATA_BASE, N) on this thread's stack, and prints the elapsed nanoseconds.
 * Usage: native FILE.bin N. The same binary under qemu-x86_64 measures QEMU.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include "layout.h"

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s FILE.bin N\n", argv[0]); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    unsigned char *code = mmap((void *)CODE_BASE, 1 << 20, PROT_READ | PROT_WRITE | PROT_EXEC,
                               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    void *data = mmap((void *)DATA_BASE, DATA_SIZE, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (code == MAP_FAILED || data == MAP_FAILED) { perror("mmap"); return 1; }
    size_t len = fread(code, 1, (1 << 20) - 1, f);
    fclose(f);
    code[len] = 0xc3; /* ret: the loops end by running off their code */
    long n = atol(argv[2]);
    void (*loop)(void *, long) = (void (*)(void *, long))code;
    long long t0 = now_ns();
    loop(data, n);
    long long t1 = now_ns();
    printf("%lld\n", t1 - t0);
    return 0;
}
