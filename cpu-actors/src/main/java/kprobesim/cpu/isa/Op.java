package kprobesim.cpu.isa;

import static kprobesim.cpu.isa.Flags.AF;
import static kprobesim.cpu.isa.Flags.CF;
import static kprobesim.cpu.isa.Flags.DF;
import static kprobesim.cpu.isa.Flags.IF;
import static kprobesim.cpu.isa.Flags.OF;
import static kprobesim.cpu.isa.Flags.PF;
import static kprobesim.cpu.isa.Flags.SF;
import static kprobesim.cpu.isa.Flags.STATUS;
import static kprobesim.cpu.isa.Flags.ZF;

/**
 * Every operation the simulated CPU knows, declared once (the v86/Bochs "one table" habit).
 *
 * <p>{@link #writes} is the set of RFLAGS bits the operation may change; {@link #undefined} the
 * subset the Intel SDM leaves undefined (the interpreter matches the host CPU where practical;
 * differential tests compare only {@code writes & ~undefined}). For shifts and rotates the SDM
 * makes OF defined only for a count of 1 and leaves all flags unchanged for a count of 0; those
 * count-dependent rules live in the interpreter, the masks here give the count-1 case.
 *
 * <p>Operand-size variants share one constant (CBW covers cbw/cwde/cdqe): the
 * {@link Instruction#opSize} selects the variant, the disassembler picks the name.
 */
public enum Op {
    // ---- data movement
    MOV(0, 0),
    MOVZX(0, 0),
    MOVSX(0, 0),
    MOVSXD(0, 0),
    LEA(0, 0),
    XCHG(0, 0),
    PUSH(0, 0),
    POP(0, 0),
    CMOVCC(0, 0),
    SETCC(0, 0),
    BSWAP(0, 0),
    /** cbw / cwde / cdqe (sign-extend the low half of the accumulator). */
    CBW(0, 0),
    /** cwd / cdq / cqo (sign-extend the accumulator into rdx). */
    CWD(0, 0),
    LEAVE(0, 0),

    // ---- arithmetic and logic
    ADD(STATUS, 0),
    ADC(STATUS, 0),
    SUB(STATUS, 0),
    SBB(STATUS, 0),
    CMP(STATUS, 0),
    INC(OF | SF | ZF | AF | PF, 0),
    DEC(OF | SF | ZF | AF | PF, 0),
    NEG(STATUS, 0),
    NOT(0, 0),
    AND(STATUS, AF),
    OR(STATUS, AF),
    XOR(STATUS, AF),
    TEST(STATUS, AF),
    MUL(STATUS, SF | ZF | AF | PF),
    IMUL(STATUS, SF | ZF | AF | PF),
    DIV(STATUS, STATUS),
    IDIV(STATUS, STATUS),
    SHL(STATUS, AF),
    SHR(STATUS, AF),
    SAR(STATUS, AF),
    ROL(CF | OF, 0),
    ROR(CF | OF, 0),
    BT(CF | OF | SF | AF | PF, OF | SF | AF | PF),
    BTS(CF | OF | SF | AF | PF, OF | SF | AF | PF),
    BTR(CF | OF | SF | AF | PF, OF | SF | AF | PF),
    XADD(STATUS, 0),
    CMPXCHG(STATUS, 0),

    // ---- control transfer
    JMP(0, 0),
    JCC(0, 0),
    CALL(0, 0),
    /** ret and ret imm16 (the immediate, if any, is in {@link Instruction#imm}). */
    RET(0, 0),
    INT3(Flags.TF | IF, 0),
    INT(Flags.TF | IF, 0),
    IRET(Flags.POPF_MASK, 0),
    HLT(0, 0),
    NOP(0, 0),
    PAUSE(0, 0),
    UD2(0, 0),
    VMCALL(0, 0),

    // ---- flags, system and string
    CLC(CF, 0),
    STC(CF, 0),
    CMC(CF, 0),
    CLD(DF, 0),
    STD(DF, 0),
    CLI(IF, 0),
    STI(IF, 0),
    PUSHF(0, 0),
    POPF(Flags.POPF_MASK, 0),
    MFENCE(0, 0),
    LFENCE(0, 0),
    SFENCE(0, 0),
    LIDT(0, 0),
    SIDT(0, 0),
    /** mov to or from a control register; one operand is a CR (Reg.CR0 + n). */
    MOVCR(STATUS, STATUS),
    INVLPG(0, 0),
    RDTSC(0, 0),
    CPUID(0, 0),
    /** movs (movsb/w/l/q); a rep prefix is in {@link Instruction#prefixes}. */
    MOVS(0, 0),
    /** stos (stosb/w/l/q); a rep prefix is in {@link Instruction#prefixes}. */
    STOS(0, 0),

    /** Not a valid instruction in our subset: executing it raises #UD; objdump prints "(bad)". */
    BAD(0, 0);

    /** RFLAGS bits this operation may change. */
    public final int writes;
    /** RFLAGS bits this operation leaves architecturally undefined (a subset of {@link #writes}). */
    public final int undefined;

    Op(int writes, int undefined) {
        this.writes = writes;
        this.undefined = undefined;
    }

    /** Flags whose value after this operation the SDM defines. */
    public int defined() {
        return writes & ~undefined;
    }
}
