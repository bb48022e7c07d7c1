/**
 * Simulated physical memory shared by all CPUs.
 *
 * <h2>Threading model</h2>
 * {@link kprobesim.cpu.memory.PhysicalMemory} and {@link kprobesim.cpu.memory.Page} are
 * thread-safe and shared by every core. Pages are mapped explicitly and never unmapped, so
 * references to them may be cached (each core's TLB does).
 *
 * <h2>Memory consistency (x86-TSO-like)</h2>
 * Every guest load is an acquire load and every guest store a release store
 * ({@code VarHandle} acquire/release modes on a little-endian byte-array view for naturally
 * aligned accesses; plain view accesses bracketed by acquire/release fences for unaligned ones;
 * byte-wise for accesses that cross a page). On an x86 host these compile to plain moves, which
 * is what x86-TSO gives: loads are not reordered with older loads, stores not with older stores
 * or older loads. Store-to-load ordering needs a full fence, as on x86: {@code mfence} and every
 * {@code lock}-prefixed operation are one.
 *
 * <h2>Assumptions and Guarantees (atomics)</h2>
 * <ul>
 *   <li>Guarantee: a {@code lock}-prefixed read-modify-write (and {@code xchg} with memory) whose
 *       operand lies inside one naturally aligned 8-byte word is atomic with respect to every other
 *       access of any kind: the core reads the operand, computes, and publishes with a hardware CAS
 *       on the containing 64-bit word ({@link kprobesim.cpu.memory.Page#casInWord}), retrying if
 *       any byte of that word changed. This covers every aligned 1/2/4/8-byte operand and unaligned
 *       ones that do not cross an 8-byte boundary.</li>
 *   <li>Guarantee: a locked operation whose operand crosses an 8-byte boundary or a page (a
 *       "split lock") is atomic with respect to every other locked operation on the <em>same
 *       address</em>: it runs its compare-and-write under one of 64 stripe locks keyed by
 *       {@code addr >>> 3}.</li>
 *   <li>Assumption: split locked operations are not mixed with overlapping locked operations at a
 *       different address or with concurrent plain stores to the same bytes; such a mix is not
 *       atomic here (real CPUs make split locks atomic by locking the bus; Linux treats them as a
 *       bug and can trap them, {@code split_lock_detect}).</li>
 *   <li>Guarantee: a plain (unlocked) store is never torn for naturally aligned operands; an
 *       unaligned store may be observed half done by another CPU, as on real hardware for
 *       accesses that cross a cache line.</li>
 * </ul>
 *
 * <h2>Write tracking for self-modifying code</h2>
 * A page becomes a code page when a core first decodes from it ({@link
 * kprobesim.cpu.memory.Page#watchCode}). Every later store to a code page bumps its generation
 * atomically; cores compare generations on instruction fetch and drop the page's decoded
 * instructions when it changed. Guarantee: a store that completes before a core's next fetch from
 * that page is seen by that fetch when issued by the same thread, and by every other core
 * eventually (at most one stale execution, like a real CPU's instruction prefetch). A store
 * racing with the very first decode of a page may be missed; cross-modifying code must therefore
 * be followed by a serializing event on the other CPUs (Linux: {@code text_poke_sync}; here:
 * {@code SyncCore}, which calls {@code X86Core.flushDecodeCache()}).
 *
 * <h2>Hot path</h2>
 * Loads, stores and in-word CAS allocate nothing. {@link kprobesim.cpu.memory.PhysicalMemory#map}
 * and the Java-side bulk helpers may allocate.
 */
package kprobesim.cpu.memory;
