/*
 * Runs a benchmark loop under Unicorn (libunicorn 2), with or without a per-instruction hook
 * (UC_HOOK_CODE calling a C function that counts), and prints the elapsed nanoseconds.
 * Usage: unicorn HOOK(0|1) FILE.bin N.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unicorn/unicorn.h>
#include "layout.h"

static unsigned long long counted;

static void count(uc_engine *uc, uint64_t addr, uint32_t size, void *user) {
    (void)uc; (void)addr; (void)size; (void)user;
    counted++;
}

static long long now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

#define CHECK(x) do { uc_err e_ = (x); if (e_) { fprintf(stderr, "%s: %s\n", #x, uc_strerror(e_)); return 1; } } while (0)

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s HOOK FILE.bin N\n", argv[0]); return 2; }
    int hook = atoi(argv[1]);
    static unsigned char code[1 << 20];
    FILE *f = fopen(argv[2], "rb");
    if (!f) { perror(argv[2]); return 2; }
    size_t len = fread(code, 1, sizeof code, f);
    fclose(f);
    uint64_t n = strtoull(argv[3], 0, 10), data = DATA_BASE, sp = STACK_BASE + STACK_SIZE - 64;
    uc_engine *uc;
    uc_hook h;
    CHECK(uc_open(UC_ARCH_X86, UC_MODE_64, &uc));
    CHECK(uc_mem_map(uc, CODE_BASE, 1 << 20, UC_PROT_ALL));
    CHECK(uc_mem_map(uc, DATA_BASE, DATA_SIZE, UC_PROT_READ | UC_PROT_WRITE));
    CHECK(uc_mem_map(uc, STACK_BASE, STACK_SIZE, UC_PROT_READ | UC_PROT_WRITE));
    CHECK(uc_mem_write(uc, CODE_BASE, code, len));
    CHECK(uc_reg_write(uc, UC_X86_REG_RDI, &data));
    CHECK(uc_reg_write(uc, UC_X86_REG_RSI, &n));
    CHECK(uc_reg_write(uc, UC_X86_REG_RSP, &sp));
    if (hook) {
        CHECK(uc_hook_add(uc, &h, UC_HOOK_CODE, count, NULL, 1, 0));
    }
    long long t0 = now_ns();
    CHECK(uc_emu_start(uc, CODE_BASE, CODE_BASE + len, 0, 0));
    long long t1 = now_ns();
    printf("%lld\n", t1 - t0);
    if (hook) {
        fprintf(stderr, "hooked instructions: %llu\n", counted);
    }
    uc_close(uc);
    return 0;
}
