package kprobesim.kernel.text;

import java.util.Objects;

/**
 * Who holds a kernel mutex: Linux's {@code mutex->owner} (a {@code task_struct *}). Here a value
 * naming a task, a CPU context, or a Java caller; two owners are the same owner iff they are equal.
 *
 * @param name e.g. {@code "task 42"}, {@code "cpu 3"}, {@code "java probe-manager"}
 */
public record LockOwner(String name) {
    public LockOwner {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("owner name is blank: name='" + name + "'");
        }
    }

    /** The task with {@code pid} (what the scheduler reports as {@code current}). */
    public static LockOwner task(int pid) {
        return new LockOwner("task " + pid);
    }

    /** Code running on CPU {@code cpu} outside any task (a hypercall before tasks exist). */
    public static LockOwner cpu(int cpu) {
        return new LockOwner("cpu " + cpu);
    }

    /** A Java service (the probe manager, a test). */
    public static LockOwner java(String who) {
        return new LockOwner("java " + who);
    }

    @Override
    public String toString() {
        return name;
    }
}
