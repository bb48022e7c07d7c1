package kprobesim.cpu.asm;

import java.util.ArrayList;
import java.util.List;

/**
 * A systematic corpus: every mnemonic of the subset at every operand size, with every
 * register (r12/r13/rsp/rbp included, whose ModRM/SIB encodings are special) and every
 * addressing mode (base, base+index*scale, disp8/disp32, RIP-relative, absolute, no-base SIB,
 * segment override). One source, so binutils runs once.
 */
final class GeneratedCorpus {
    static final String[] Q = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
    static final String[] L = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
        "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
    static final String[] W = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
        "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
    static final String[] B = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
        "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
    static final String[] HIGH = {"ah", "ch", "dh", "bh"};
    static final String[] MEM = {
        "(%rax)", "(%rsp)", "(%rbp)", "(%r12)", "(%r13)", "(%r15)", "0x7f(%rbx)", "-0x80(%rcx)",
        "0x80(%rdx)", "-0x81(%rsi)", "0x12345678(%rdi)", "-0x12345678(%r8)", "0(%rax)", "0(%rbp)",
        "(%rax,%rbx)", "(%rax,%r12,2)", "0x10(%r13,%rcx,4)", "-8(%rsp,%rbp,8)", "(%r12,%r13,1)",
        "(%rbp,%rax,4)", "0x200(%r11,%r14,8)", "(,%rax,8)", "0x100(,%r15,2)", "(,%rbp,1)",
        "data_sym(%rip)", "0x10(%rip)", "data_sym+8(%rip)", "-4(%rip)", "0x1234", "data_sym",
        "data_sym+0x20", "abs_sym", "%fs:0x28", "%gs:(%rax)", "%fs:8(%r12,%rbx,2)", "(%eax)",
        "4(%esp)", "(%r13d,%eax,2)",
    };
    static final String[] SIZES = {"b", "w", "l", "q"};
    static final String[] ALU = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
    static final String[] SHIFTS = {"rol", "ror", "shl", "sal", "shr", "sar"};
    static final String[] CONDS = {"o", "no", "b", "c", "nae", "ae", "nb", "nc", "e", "z", "ne", "nz",
        "be", "na", "a", "nbe", "s", "ns", "p", "pe", "np", "po", "l", "nge", "ge", "nl", "le", "ng",
        "g", "nle"};

    private final List<String> lines = new ArrayList<>();

    private GeneratedCorpus() {}

    static String[] regs(String size) {
        return switch (size) {
            case "b" -> B;
            case "w" -> W;
            case "l" -> L;
            default -> Q;
        };
    }

    static String[] imms(String size) {
        return switch (size) {
            case "b" -> new String[] {"0", "1", "0x7f", "0x80", "0xff", "-1", "-0x80", "'x'"};
            case "w" -> new String[] {"0", "1", "0x7f", "0x80", "-0x80", "-0x81", "0x7fff", "0xffff", "-1", "K"};
            case "l" -> new String[] {"0", "1", "0x7f", "0x80", "-0x80", "-0x81", "0x7fffffff", "0xffffffff",
                "0xfffffff0", "-0x80000000", "K", "abs_sym & 0xffff", "data_sym", "later_sym"};
            default -> new String[] {"0", "1", "0x7f", "0x80", "-0x80", "-0x81", "0x7fffffff", "-0x80000000",
                "-1", "K", "data_sym", "later_sym"};
        };
    }

    private void add(String s) {
        lines.add("\t" + s);
    }

    static String source() {
        GeneratedCorpus g = new GeneratedCorpus();
        g.generate();
        StringBuilder sb = new StringBuilder();
        sb.append("\t.set K, 0x42\n\t.set abs_sym, 0xffffffff81234567\n\t.text\nstart:\n");
        for (String l : g.lines) {
            sb.append(l).append('\n');
        }
        sb.append("\t.set later_sym, 0x11\n");
        sb.append("\t.data\ndata_sym:\t.quad 0, 0, 0, 0, 0\n");
        return sb.toString();
    }

    private void generate() {
        for (String op : ALU) {
            twoOperandFamily(op, true);
        }
        twoOperandFamily("mov", true);
        twoOperandFamily("test", true);
        for (String size : SIZES) {
            String[] r = regs(size);
            for (String op : new String[] {"inc", "dec", "neg", "not", "mul", "div", "idiv", "imul"}) {
                for (String reg : r) {
                    add(op + " %" + reg);
                }
                for (String m : MEM) {
                    add(op + size + " " + m);
                }
            }
            for (String op : SHIFTS) {
                for (String reg : r) {
                    add(op + " %" + reg);
                    add(op + " $1, %" + reg);
                    add(op + " $3, %" + reg);
                    add(op + " %cl, %" + reg);
                }
                for (String m : new String[] {"(%rax)", "8(%r13)", "data_sym(%rip)"}) {
                    add(op + size + " " + m);
                    add(op + size + " $1, " + m);
                    add(op + size + " $0x1f, " + m);
                    add(op + size + " %cl, " + m);
                }
            }
            for (String op : new String[] {"xadd", "cmpxchg"}) {
                for (String reg : r) {
                    add(op + " %" + reg + ", %" + r[3]);
                    add(op + " %" + reg + ", (%rsp)");
                    add("lock " + op + " %" + reg + ", 8(%rdi,%rsi,4)");
                }
            }
            for (String a : r) {
                add("xchg %" + r[0] + ", %" + a);
                add("xchg %" + a + ", %" + r[0]);
                add("xchg %" + a + ", %" + r[9]);
                add("xchg %" + a + ", (%rbx)");
                add("xchg (%r12), %" + a);
            }
            add("lock xchg %" + r[1] + ", (%rax)");
            if (!size.equals("b")) {
                for (String reg : r) {
                    add("lea 0x10(%" + Q[reg.equals(r[4]) ? 5 : 4] + "), %" + reg);
                    add("imul %" + r[2] + ", %" + reg);
                    add("imul (%rax), %" + reg);
                    add("imul $3, %" + reg);
                    add("imul $300, %" + reg);
                    add("imul $-2, %" + r[6] + ", %" + reg);
                    add("imul $0x1000, 8(%rbp), %" + reg);
                    add("bt %" + reg + ", %" + r[3]);
                    add("bts %" + reg + ", (%rax)");
                    add("btr %" + reg + ", %" + r[12]);
                    add("bt $5, %" + reg);
                    add("lock bts" + size + " $31, 8(%rcx)");
                    add("lock btr %" + reg + ", (%rdx)");
                }
                for (String m : MEM) {
                    add("lea " + m + ", %" + r[3]);
                    add("bt" + size + " $7, " + m);
                    add("cmov" + "e " + m + ", %" + r[7]);
                }
                for (String c : CONDS) {
                    add("cmov" + c + " %" + r[1] + ", %" + r[14]);
                }
                add("nop" + size + " (%rax)");
                add("nop" + size + " 0x0(%rax,%rax,1)");
                add("nop" + size + " 0x100(%r9)");
            }
            add("movs" + size);
            add("stos" + size);
            add("rep movs" + size);
            add("rep stos" + size);
        }
        for (String c : CONDS) {
            add("set" + c + " %al");
            add("set" + c + " %r13b");
            add("set" + c + " (%rsi)");
            add("j" + c + " start");
            add("cmov" + c + "l %eax, %ebx");
            add("cmov" + c + "q (%rax), %r9");
        }
        for (String h : HIGH) {
            add("mov %" + h + ", %al");
            add("add $1, %" + h);
            add("movzbl %" + h + ", %eax");
            add("xchg %" + h + ", %bl");
            add("sete %" + h);
        }
        // sign and zero extension, every source and destination size
        String[][] ext = {{"movzbw", "b", "w"}, {"movzbl", "b", "l"}, {"movzbq", "b", "q"}, {"movzwl", "w", "l"},
            {"movzwq", "w", "q"}, {"movsbw", "b", "w"}, {"movsbl", "b", "l"}, {"movsbq", "b", "q"},
            {"movswl", "w", "l"}, {"movswq", "w", "q"}, {"movslq", "l", "q"}};
        for (String[] e : ext) {
            String[] src = regs(e[1]), dst = regs(e[2]);
            for (int i = 0; i < 16; i++) {
                add(e[0] + " %" + src[i] + ", %" + dst[(i + 5) % 16]);
            }
            for (String m : MEM) {
                add(e[0] + " " + m + ", %" + dst[13]);
            }
        }
        add("movzx %al, %eax");
        add("movzx %ax, %r9");
        add("movsx %bl, %cx");
        add("movsx %r10w, %rdx");
        add("movsxd %eax, %rax");
        // push, pop, bswap
        for (int i = 0; i < 16; i++) {
            add("push %" + Q[i]);
            add("pop %" + Q[i]);
            add("pushq %" + Q[i]);
            add("popq %" + Q[i]);
            add("push %" + W[i]);
            add("pop %" + W[i]);
            add("bswap %" + Q[i]);
            add("bswap %" + L[i]);
        }
        for (String m : MEM) {
            add("pushq " + m);
            add("popq " + m);
            add("push " + m);
            add("pushw " + m);
            add("lidt " + m);
            add("sidt " + m);
            add("invlpg " + m);
            if (!m.equals("(%eax)")) { // as 2.40 rejects exactly this one ("invalid instruction suffix")
                add("jmp *" + m);
                add("call *" + m);
                add("jmpq *" + m);
                add("callq *" + m);
            }
        }
        for (String imm : new String[] {"0", "1", "0x7f", "0x80", "-0x80", "-0x81", "0x12345678", "K", "data_sym", "later_sym"}) {
            add("push $" + imm);
            add("pushq $" + imm);
        }
        add("pushw $1");
        add("pushw $0x1234");
        for (String q : Q) {
            add("jmp *%" + q);
            add("call *%" + q);
            add("jmpq *%" + q);
        }
        // control registers
        for (String cr : new String[] {"cr0", "cr2", "cr3", "cr4", "cr8"}) {
            for (String q : Q) {
                add("mov %" + cr + ", %" + q);
                add("mov %" + q + ", %" + cr);
            }
        }
        // movabs and 64-bit immediates
        for (String q : Q) {
            add("mov $0x100000000, %" + q);
            add("mov $0xffffffff, %" + q);
            add("mov $-1, %" + q);
            add("movabs $1, %" + q);
            add("movabs $data_sym, %" + q);
            add("mov $data_sym, %" + q);
            add("movq $0x7fffffff, %" + q);
        }
        for (String a : new String[] {"al", "ax", "eax", "rax"}) {
            add("movabs 0x1122334455667788, %" + a);
            add("movabs %" + a + ", 0x1122334455667788");
            add("movabs data_sym, %" + a);
            add("mov data_sym, %" + a);
            add("mov %" + a + ", data_sym");
        }
        // fixed encodings
        for (String z : new String[] {"cbtw", "cwtl", "cltq", "cwtd", "cltd", "cqto", "cbw", "cwde", "cdqe",
            "cwd", "cdq", "cqo", "int3", "iretq", "iret", "hlt", "nop", "pause", "ud2", "vmcall", "clc",
            "stc", "cmc", "cld", "std", "cli", "sti", "pushfq", "popfq", "pushf", "popf", "mfence", "lfence",
            "sfence", "rdtsc", "cpuid", "ret", "retq", "leave", "leaveq", "lock", "rep", "repz", "repe",
            "repne", "repnz", "data16"}) {
            add(z);
        }
        add("ret $8");
        add("retq $0x1234");
        add("int $0x80");
        add("int $3");
        add("int $K");
        add("data16 nop");
        add(".byte 0x66; xchg %ax, %ax");
        add("lock incl (%rax)");
        add("lock decq 8(%rbx)");
        add("lock addw %ax, (%rbx)");
        add("lock orb $1, (%rcx)");
        add("lock andq $-2, (%rdx)");
        add("lock subl %eax, data_sym(%rip)");
        add("lock xorl $0x1000, (%rsi)");
        add("lock negl (%rax)");
        add("lock notq (%rax)");
        // short (rel8) branches: a nearby backward target
        lines.add("near:");
        for (String c : CONDS) {
            add("j" + c + " near");
        }
        add("jmp near");
        add("btr $3, %eax");
        add("btsq $63, (%rax)");
        add("call start");
        add("callq start");
        add("jmp start");
    }

    /** reg,reg (every register as source and as destination), mem,reg, reg,mem, imm,reg, imm,mem. */
    private void twoOperandFamily(String op, boolean memForms) {
        for (String size : SIZES) {
            String[] r = regs(size);
            for (int i = 0; i < 16; i++) {
                add(op + " %" + r[i] + ", %" + r[(i * 7 + 3) % 16]);
                add(op + " %" + r[0] + ", %" + r[i]);
                add(op + " %" + r[i] + ", %" + r[0]);
            }
            if (memForms) {
                for (String m : MEM) {
                    add(op + " " + m + ", %" + r[i(size)]);
                    add(op + " %" + r[i(size) + 1] + ", " + m);
                    add(op + size + " $0x11, " + m);
                }
            }
            for (String imm : imms(size)) {
                add(op + " $" + imm + ", %" + r[0]);
                add(op + " $" + imm + ", %" + r[5]);
                add(op + " $" + imm + ", %" + r[12]);
                add(op + size + " $" + imm + ", 4(%rax)");
                add(op + size + " $" + imm + ", data_sym(%rip)");
            }
        }
    }

    private static int i(String size) {
        return size.equals("b") ? 2 : 10;
    }
}
