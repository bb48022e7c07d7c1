package kprobesim.cpu.actor;

/** An IDTR value: base address and limit (size in bytes minus one) of an IDT. */
public record Idtr(long base, int limit) {
    public Idtr {
        limit &= 0xffff;
    }

    /** No IDT: every exception becomes a triple fault (limit 0 holds no 16-byte gate). */
    public static final Idtr EMPTY = new Idtr(0, 0);

    @Override
    public String toString() {
        return String.format("idtr{base=0x%x, limit=0x%x}", base, limit);
    }
}
