package kprobesim.cpu.exec;

import java.util.concurrent.atomic.AtomicLong;
import kprobesim.cpu.isa.Instruction;
import kprobesim.cpu.memory.Page;

/**
 * The decoded instructions of one physical {@link Page} as seen at one virtual page number,
 * shared by every core that executes that page at that address.
 *
 * <p>Why this key: an instruction is position-dependent (a rel32 branch is decoded to an absolute
 * target), so the same physical bytes mapped at two virtual addresses decode differently, while
 * the same virtual address under two CR3s may hold different bytes. (physical page, virtual page)
 * is the smallest key that is correct under paging, and it is independent of CR3 and of the core.
 * The records of a page live on the page itself ({@link Page#decodedCode()}, an array of at most
 * {@link #MAX_ALIASES} records, newest first), so finding them costs no hashing.
 *
 * <h2>Assumptions and Guarantees</h2>
 * <ul>
 *   <li>A record is valid for exactly one write generation ({@link #gen}) of its page and is never
 *       cleared: when the page's generation moves on, a core builds a fresh record and publishes
 *       it; cores still holding the old one notice the generation change themselves before their
 *       next instruction. So no core ever sees a slot being emptied under it.</li>
 *   <li>{@link #slots} and {@link #handlers} are filled with plain, racy stores by whichever core
 *       decodes first. This is benign: {@link Instruction} is immutable with final fields, so a
 *       core that sees a non-null slot sees a fully built instruction (JLS §17.5); two cores that
 *       decode the same slot of the same generation produce equal instructions; a handler byte
 *       only ever changes from {@link X86Core#H_GENERIC} to the slot's fast-path handler, and the
 *       generic dispatch is correct for every instruction, so reading a stale 0 only costs speed.</li>
 *   <li>Bytes are decoded after the record's generation was read, so a store that raced with the
 *       decode has bumped the generation past {@link #gen} and the record is dropped at the next
 *       check (at most one stale execution per core, as documented for the memory package).</li>
 *   <li>Cross-modifying code whose store raced with the first decode of a page can be missed by
 *       the generation check (the page was not yet watched). {@code SyncCore} therefore raises the
 *       core's sync epoch ({@link #nextSyncEpoch()}); a core uses only records created at or after
 *       its epoch, so after a flush it decodes afresh and the cores that flush later share the
 *       first fresh record.</li>
 * </ul>
 */
final class DecodedPage {
    /** Virtual addresses one physical page may be cached for at once (older ones are dropped). */
    static final int MAX_ALIASES = 4;

    /** Global epoch of decode-cache flushes; only ever increases. */
    private static final AtomicLong EPOCH = new AtomicLong();

    /** Virtual page number the instructions were decoded for (their absolute targets). */
    final long vpn;
    /** The physical page holding the bytes. */
    final Page page;
    /** The page's write generation the record is valid for. */
    final int gen;
    /** {@link #EPOCH} when the record was created. */
    final long epoch;
    /** Decoded instruction starting at each offset, or null (not decoded yet, or straddling). */
    final Instruction[] slots = new Instruction[Page.SIZE];
    /** Fast-path handler of each slot ({@link X86Core#H_GENERIC} = the family dispatch). */
    final byte[] handlers = new byte[Page.SIZE];

    private DecodedPage(long vpn, Page page, int gen, long epoch) {
        this.vpn = vpn;
        this.page = page;
        this.gen = gen;
        this.epoch = epoch;
    }

    /** A new epoch for a core whose decoded instructions must all be rebuilt (SyncCore). */
    static long nextSyncEpoch() {
        return EPOCH.incrementAndGet();
    }

    /** True while the page has not been written since this record was created. */
    boolean isCurrent() {
        return gen == page.generation();
    }

    /**
     * The shared record of {@code page} at virtual page {@code vpn} for the page's current
     * generation, created at or after {@code minEpoch}; builds and publishes one if there is none.
     */
    static DecodedPage of(Page page, long vpn, long minEpoch) {
        page.watchCode(); // before reading the generation: later stores must bump it
        int gen = page.generation();
        DecodedPage[] set = (DecodedPage[]) page.decodedCode();
        if (set != null) {
            for (DecodedPage d : set) {
                if (d.vpn == vpn && d.gen == gen && d.epoch >= minEpoch) {
                    return d;
                }
            }
        }
        DecodedPage d = new DecodedPage(vpn, page, gen, EPOCH.get());
        DecodedPage[] next = new DecodedPage[MAX_ALIASES];
        int n = 0;
        next[n++] = d;
        if (set != null) {
            for (DecodedPage o : set) {
                if (n < MAX_ALIASES && o.vpn != vpn && o.gen == gen) {
                    next[n++] = o;
                }
            }
        }
        page.setDecodedCode(n == MAX_ALIASES ? next : java.util.Arrays.copyOf(next, n));
        return d;
    }
}
