package kprobesim.cpu.exec;

/**
 * Internal control transfer from deep inside an instruction back to the run loop when the guest
 * raises an exception (blink's longjmp). One preallocated instance per core, no stack trace, so
 * raising it allocates nothing; it never escapes {@link X86Core#run}.
 */
final class GuestFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    int vector;
    int errorCode;
    long address;
    /** True if the saved rip is the next instruction (int3, int n). */
    boolean trap;

    GuestFault() {
        super("guest fault", null, false, false);
    }

    GuestFault set(int vector, int errorCode, long address, boolean trap) {
        this.vector = vector;
        this.errorCode = errorCode;
        this.address = address;
        this.trap = trap;
        return this;
    }
}
