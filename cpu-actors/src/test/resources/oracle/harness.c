/*
 * Host-CPU oracle harness for kprobesim's differential test.
 *
 * usage: harness CODE.bin TABLE.bin CASES.bin OUT.bin
 *   CODE.bin   the .text of the assembled batch, loaded at CODE_BASE (same address as in the
 *              interpreter, so rip-relative and absolute values agree)
 *   TABLE.bin  per sequence: uint32 start, uint32 end (offsets into CODE.bin); at `end` each
 *              sequence is followed by `jmp *0(%rip); .quad 0`, the quad patched here to ret_point
 *   CASES.bin  per sequence: struct state (16 GPRs in encoding order, rflags, 256-byte buffer)
 *   OUT.bin    per sequence: struct state after running it natively, then struct fault: if the
 *              sequence raised a CPU exception (SIGSEGV/SIGFPE/SIGILL/SIGTRAP), the signal, the
 *              kernel-reported trap number, error code, CR2 and rip, and the state holds the
 *              registers at the fault (from the signal's ucontext); otherwise all zero
 * The buffer lives at BUF_BASE; the stack at STACK_BASE..+STACK_SIZE, and the 256 bytes above
 * the initial rsp hold a copy of the buffer so that pops without pushes read known data.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <ucontext.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define CODE_BASE 0x30000000UL
#define BUF_BASE 0x10000000UL
#define BUF_SIZE 256
#define STACK_BASE 0x20000000UL
#define STACK_SIZE 0x2000UL

struct state {
    uint64_t r[16];
    uint64_t flags;
    uint8_t buf[BUF_SIZE];
};

struct fault {
    uint64_t signo, trapno, err, cr2, rip;
};

struct state g_in, g_out;
static struct fault g_fault;
static sigjmp_buf g_env;
uint64_t g_code, g_host_rsp;
static volatile long g_case = -1;
extern char ret_point[];
void run_native(void);

__asm__(
    ".text\n"
    ".globl run_native\n"
    "run_native:\n"
    "  push %rbx\n  push %rbp\n  push %r12\n  push %r13\n  push %r14\n  push %r15\n"
    "  mov %rsp, g_host_rsp(%rip)\n"
    "  mov g_in+32(%rip), %rsp\n"
    "  pushq g_in+128(%rip)\n"
    "  popfq\n"
    "  mov g_in+0(%rip), %rax\n"
    "  mov g_in+8(%rip), %rcx\n"
    "  mov g_in+16(%rip), %rdx\n"
    "  mov g_in+24(%rip), %rbx\n"
    "  mov g_in+40(%rip), %rbp\n"
    "  mov g_in+48(%rip), %rsi\n"
    "  mov g_in+56(%rip), %rdi\n"
    "  mov g_in+64(%rip), %r8\n"
    "  mov g_in+72(%rip), %r9\n"
    "  mov g_in+80(%rip), %r10\n"
    "  mov g_in+88(%rip), %r11\n"
    "  mov g_in+96(%rip), %r12\n"
    "  mov g_in+104(%rip), %r13\n"
    "  mov g_in+112(%rip), %r14\n"
    "  mov g_in+120(%rip), %r15\n"
    "  jmp *g_code(%rip)\n"
    ".globl ret_point\n"
    "ret_point:\n"
    "  mov %rax, g_out+0(%rip)\n"
    "  mov %rcx, g_out+8(%rip)\n"
    "  mov %rdx, g_out+16(%rip)\n"
    "  mov %rbx, g_out+24(%rip)\n"
    "  mov %rsp, g_out+32(%rip)\n"
    "  mov %rbp, g_out+40(%rip)\n"
    "  mov %rsi, g_out+48(%rip)\n"
    "  mov %rdi, g_out+56(%rip)\n"
    "  mov %r8, g_out+64(%rip)\n"
    "  mov %r9, g_out+72(%rip)\n"
    "  mov %r10, g_out+80(%rip)\n"
    "  mov %r11, g_out+88(%rip)\n"
    "  mov %r12, g_out+96(%rip)\n"
    "  mov %r13, g_out+104(%rip)\n"
    "  mov %r14, g_out+112(%rip)\n"
    "  mov %r15, g_out+120(%rip)\n"
    "  pushfq\n"
    "  popq g_out+128(%rip)\n"
    "  mov g_host_rsp(%rip), %rsp\n"
    "  cld\n"
    "  pop %r15\n  pop %r14\n  pop %r13\n  pop %r12\n  pop %rbp\n  pop %rbx\n"
    "  ret\n");

static void *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); exit(2); }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    void *p = malloc(n ? n : 1);
    if (n && fread(p, 1, n, f) != (size_t)n) { perror(path); exit(2); }
    fclose(f);
    *len = (size_t)n;
    return p;
}

/* A CPU exception in the sequence: record it with the registers at the fault and return to main. */
static void on_fault(int sig, siginfo_t *si, void *ctx) {
    (void)si;
    ucontext_t *uc = ctx;
    greg_t *g = uc->uc_mcontext.gregs;
    if (g_case < 0) {
        _exit(4);
    }
    g_out.r[0] = g[REG_RAX]; g_out.r[1] = g[REG_RCX]; g_out.r[2] = g[REG_RDX]; g_out.r[3] = g[REG_RBX];
    g_out.r[4] = g[REG_RSP]; g_out.r[5] = g[REG_RBP]; g_out.r[6] = g[REG_RSI]; g_out.r[7] = g[REG_RDI];
    g_out.r[8] = g[REG_R8]; g_out.r[9] = g[REG_R9]; g_out.r[10] = g[REG_R10]; g_out.r[11] = g[REG_R11];
    g_out.r[12] = g[REG_R12]; g_out.r[13] = g[REG_R13]; g_out.r[14] = g[REG_R14]; g_out.r[15] = g[REG_R15];
    g_out.flags = g[REG_EFL];
    g_fault.signo = sig;
    g_fault.trapno = g[REG_TRAPNO];
    g_fault.err = g[REG_ERR];
    g_fault.cr2 = g[REG_CR2];
    g_fault.rip = g[REG_RIP];
    siglongjmp(g_env, 1);
}

static void *map_at(uint64_t addr, size_t len, int prot) {
    void *p = mmap((void *)addr, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED || (uint64_t)p != addr) {
        fprintf(stderr, "harness: cannot map 0x%lx\n", (unsigned long)addr);
        exit(2);
    }
    return p;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: harness CODE.bin TABLE.bin CASES.bin OUT.bin\n");
        return 2;
    }
    size_t code_len, table_len, cases_len;
    uint8_t *code = read_file(argv[1], &code_len);
    uint32_t *table = read_file(argv[2], &table_len);
    struct state *cases = read_file(argv[3], &cases_len);
    size_t n = table_len / 8;
    if (cases_len != n * sizeof(struct state)) {
        fprintf(stderr, "harness: %zu sequences but %zu bytes of cases\n", n, cases_len);
        return 2;
    }
    size_t code_map = (code_len + 4095) & ~4095UL;
    uint8_t *c = map_at(CODE_BASE, code_map, PROT_READ | PROT_WRITE | PROT_EXEC);
    memcpy(c, code, code_len);
    for (size_t i = 0; i < n; i++) {
        uint64_t target = (uint64_t)ret_point;
        memcpy(c + table[2 * i + 1] + 6, &target, 8);
    }
    uint8_t *buf = map_at(BUF_BASE, 4096, PROT_READ | PROT_WRITE);
    uint8_t *stack = map_at(STACK_BASE, STACK_SIZE, PROT_READ | PROT_WRITE);
    static uint8_t altstack[1 << 16];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGTRAP, &sa, NULL);
    size_t rec = sizeof(struct state) + sizeof(struct fault);
    uint8_t *out = calloc(n ? n : 1, rec);
    for (size_t i = 0; i < n; i++) {
        g_case = (long)i;
        g_in = cases[i];
        memset(&g_fault, 0, sizeof g_fault);
        memcpy(buf, g_in.buf, BUF_SIZE);
        memset(stack, 0, STACK_SIZE);
        uint64_t sp = g_in.r[4];
        if (sp >= STACK_BASE && sp + BUF_SIZE <= STACK_BASE + STACK_SIZE) {
            memcpy(stack + (sp - STACK_BASE), g_in.buf, BUF_SIZE);
        }
        g_code = CODE_BASE + table[2 * i];
        if (sigsetjmp(g_env, 1) == 0) {
            run_native();
        }
        __asm__ volatile("cld");
        memcpy(g_out.buf, buf, BUF_SIZE);
        memcpy(out + i * rec, &g_out, sizeof g_out);
        memcpy(out + i * rec + sizeof g_out, &g_fault, sizeof g_fault);
    }
    g_case = -1;
    FILE *f = fopen(argv[4], "wb");
    if (!f || fwrite(out, rec, n, f) != n) { perror(argv[4]); return 2; }
    fclose(f);
    return 0;
}
