package kprobesim.cpu.actor;

/**
 * A CPU's acknowledgement of a request (call function, IDT load, sync core, TLB flush, park,
 * hotplug).
 *
 * @param cpu     the CPU that acknowledges
 * @param request the request id given in the {@link Reply} (0 for requests from Java)
 * @param outcome whether the request ran, or was skipped because the CPU is offline
 */
public record Ack(int cpu, long request, Outcome outcome) {
    public enum Outcome { DONE, OFFLINE }
}
