/**
 * {@code text_mutex} and {@code text_poke}: the only way kernel text changes
 * ({@code kernel/memory.c}'s text_mutex, {@code arch/x86/kernel/alternative.c}).
 *
 * <h2>Lock rules</h2>
 * <ul>
 * <li>{@link kprobesim.kernel.text.TextPoker#textPoke} and
 *     {@link kprobesim.kernel.text.TextPoker#textPokeBp}: <em>Must be called with text_mutex
 *     locked</em> by the owner passed in; checked first
 *     ({@code lockdep_assert_held(&text_mutex)} = {@link kprobesim.kernel.text.TextMutex#assertHeld}),
 *     a violation is an {@link java.lang.IllegalStateException} and nothing is written.</li>
 * <li>text_mutex is held across the SyncCore broadcast: the holder releases it only after the
 *     returned stage (or the CPU continuation) completed. It is never a Java monitor, so holding
 *     it pins no thread.</li>
 * <li>Lock order (as Linux): {@code kprobe_mutex} (probe issue) before {@code text_mutex}; the
 *     monitors inside {@code TextMutex} are leaves, never held while user code runs.</li>
 * </ul>
 *
 * <h2>Threading model</h2>
 * {@link kprobesim.kernel.text.TextMutex} is a FIFO hand-off mutex whose waits are
 * {@link java.util.concurrent.CompletionStage}s (Java) or a poll (machine code,
 * {@link kprobesim.kernel.text.TextHypercalls}). {@link kprobesim.kernel.text.TextPoker} writes
 * physical memory (decode caches notice the page generation change) and then waits for every
 * online CPU's SyncCore acknowledgement, from Java or from a CPU, without blocking a thread.
 */
package kprobesim.kernel.text;
