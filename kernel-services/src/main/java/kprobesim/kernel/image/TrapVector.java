package kprobesim.kernel.image;

/**
 * The vectors the kernel handles, each with its entry stub in {@code entry_64.S} (the address
 * the boot code packs into the IDT gate) and the C-level handler the stub calls.
 *
 * <p>What the stub leaves in {@code orig_ax} ({@link PtRegs#ORIG_AX}) and passes in {@code %rsi}:
 * <pre>
 *   kind           orig_ax                        %rsi
 *   EXCEPTION      -1                             0
 *   ERROR_CODE     the error code the CPU pushed  the error code
 *   INTERRUPT      ~vector                        (not passed)
 * </pre>
 * Linux overwrites orig_ax with -1 once the error code is in %rsi; kprobesim keeps the error
 * code in the frame so Java services and oops reports can read it there.
 */
public enum TrapVector {
    DIVIDE_ERROR(0, "divide_error", "do_divide_error", Kind.EXCEPTION),
    DEBUG(1, "debug", "do_debug", Kind.EXCEPTION),
    NMI(2, "nmi", "do_nmi", Kind.EXCEPTION),
    INT3(3, "int3", "do_int3", Kind.EXCEPTION),
    INVALID_OP(6, "invalid_op", "do_invalid_op", Kind.EXCEPTION),
    GENERAL_PROTECTION(13, "general_protection", "do_general_protection", Kind.ERROR_CODE),
    PAGE_FAULT(14, "page_fault", "do_page_fault", Kind.ERROR_CODE),
    /** {@code int $0x80} from user mode (gate DPL 3): the system call entry. */
    SYSCALL_INT80(0x80, "entry_INT80", "do_int80_syscall", Kind.EXCEPTION),
    APIC_TIMER(0xef, "apic_timer_interrupt", "smp_apic_timer_interrupt", Kind.INTERRUPT),
    CALL_FUNCTION(0xfb, "call_function_interrupt", "smp_call_function_interrupt", Kind.INTERRUPT),
    RESCHEDULE(0xfd, "reschedule_interrupt", "smp_reschedule_interrupt", Kind.INTERRUPT);

    /** How the entry stub fills orig_ax; see the class comment. */
    public enum Kind { EXCEPTION, ERROR_CODE, INTERRUPT }

    private final int vector;
    private final String entrySymbol;
    private final String handlerSymbol;
    private final Kind kind;

    TrapVector(int vector, String entrySymbol, String handlerSymbol, Kind kind) {
        this.vector = vector;
        this.entrySymbol = entrySymbol;
        this.handlerSymbol = handlerSymbol;
        this.kind = kind;
    }

    public int vector() {
        return vector;
    }

    /** The entry stub (the IDT gate's target), e.g. {@code page_fault}. */
    public String entrySymbol() {
        return entrySymbol;
    }

    /** The C-level handler, e.g. {@code do_page_fault}. */
    public String handlerSymbol() {
        return handlerSymbol;
    }

    public Kind kind() {
        return kind;
    }

    /** True if the CPU pushes an error code for this vector (#GP, #PF). */
    public boolean cpuPushesErrorCode() {
        return kind == Kind.ERROR_CODE;
    }

    /** What the stub stores in orig_ax when the CPU pushed {@code errorCode} (ignored if it pushed none). */
    public long origAx(long errorCode) {
        return switch (kind) {
            case EXCEPTION -> -1L;
            case ERROR_CODE -> errorCode;
            case INTERRUPT -> ~(long) vector;
        };
    }
}
